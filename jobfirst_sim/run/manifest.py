"""One manifest format and one root-seed recipe for every multi-run job.

Why one format: ``jobfirst run``, ``jobfirst sweep`` and ``jobfirst explain`` (and later
compare, pilot power and the workshop) all answer the same question for a reader months
later: *what produced these files, and how do I get them again?* So every manifest carries
the same core, written by :func:`manifest`:

* ``kind``: ``run``, ``sweep`` or ``explain``;
* ``root_seed`` and ``replication_seeds`` (``entropy`` and ``spawn_key`` per replication,
  the exact arguments of ``numpy.random.SeedSequence``) and ``seed_derivation`` in words;
* ``versions`` (:func:`jobfirst_sim.versions.versions`);
* ``model``: the model fingerprint (:func:`jobfirst_sim.versions.model_fingerprint`: package
  version, SHA-256 of the package's source and packaged data, git commit if any), because
  the version number alone does not change between commits;
* ``config_hash``: SHA-256 of the resolved configuration (:func:`config_hash`);
* ``command``, ``started`` (local time), ``seconds``, ``files``;

and each job adds its own keys (the resolved scenario, the arms compared, the design points).

Why one seed recipe: a command given no seed uses the scenario's ``run.seed``; only when
that is empty is a seed drawn from OS entropy (:func:`draw_root_seed`) and recorded, so two
commands on the same file meet the same citizens.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from jobfirst_sim.scenario.schema import Scenario
from jobfirst_sim.versions import model_fingerprint, versions

SEED_DERIVATION = (
    "numpy.random.SeedSequence(root_seed, spawn_key=(replication,)) -- the same for every "
    "design and design point (common random numbers)"
)


def draw_root_seed() -> int:
    """A fresh root seed below 2**63 from OS entropy (recorded so it can be reused)."""
    return int(np.random.SeedSequence().generate_state(1, np.uint64)[0] >> np.uint64(1))


def resolve_root_seed(seed: int | None, scenario: Scenario | None = None) -> int:
    """The root seed of a job: the one given, else the scenario's ``run.seed``, else drawn."""
    if seed is not None:
        return int(seed)
    if scenario is not None and scenario.run.seed is not None:
        return int(scenario.run.seed)
    return draw_root_seed()


def config_hash(scenario: Scenario) -> str:
    """SHA-256 of the resolved scenario (canonical JSON)."""
    text = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def replication_seeds(root_seed: int, replications: int | Iterable[int]) -> list[dict[str, Any]]:
    """Per-replication ``SeedSequence`` arguments (``entropy``, ``spawn_key``)."""
    reps = range(replications) if isinstance(replications, int) else replications
    return [{"replication": r, "entropy": root_seed, "spawn_key": [r]} for r in reps]


def timestamp(seconds_since_epoch: float) -> str:
    """Local time as written in manifests (``2026-03-01T12:00:00``)."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(seconds_since_epoch))


def manifest(
    *,
    kind: str,
    root_seed: int,
    replications: int,
    config_hash: str,
    command: str,
    started: float,
    files: Sequence[str],
    seconds: float | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The manifest of one job: the common core (module docstring) plus ``extra`` keys.

    ``seconds`` defaults to the time since ``started``.
    """
    return {
        **extra,
        "kind": kind,
        "root_seed": root_seed,
        "replications": replications,
        "replication_seeds": replication_seeds(root_seed, replications),
        "seed_derivation": SEED_DERIVATION,
        "versions": versions(),
        "model": model_fingerprint(),
        "config_hash": config_hash,
        "command": command,
        "started": timestamp(started),
        "seconds": round(time.time() - started if seconds is None else seconds, 3),
        "files": sorted(files),
    }
