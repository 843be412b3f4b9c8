"""What ``--resume`` checks: the store was made by this model, for this configuration,
and every run file in it is a finished run of this sweep.

Why so strict: a sweep is resumed hours or weeks after it started, often after the code
changed. The package version does not change between commits, and the experiment file
may be untouched while a calibrated default in the scenario schema moved -- resuming then
silently mixes replications of two models. So the manifest records the model fingerprint
(:func:`jobfirst_sim.versions.model_fingerprint`), the experiment as resolved, the base
scenario with every default and one hash per design point's resolved scenario; each run
file records its own provenance (:func:`jobfirst_sim.run.worker.provenance`). Anything
that differs is named, so the user sees *why* (a default 0.12 → 0.15, a changed source).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from jobfirst_sim.run.worker import run_provenance
from jobfirst_sim.versions import fingerprint_id, model_fingerprint, versions

if TYPE_CHECKING:
    from jobfirst_sim.run.sweep.experiment import LoadedExperiment

RUN_FILE = re.compile(r"^p(\d{5,})-r(\d{4,})\.(parquet|txt)$")
"""Names of run files (``runs/p00003-r0012.parquet``) and failures (``.txt``)."""
MAX_NAMED = 8
"""Differences named in one message; more are counted."""


def resume_problems(old: dict[str, Any], loaded: LoadedExperiment) -> list[str]:
    """Why the store described by the manifest ``old`` cannot take ``loaded``; empty if it can.

    ``replications`` may differ (adding replications is a resume).
    """
    problems: list[str] = []
    old_model = old.get("model")
    if not isinstance(old_model, dict):
        problems.append(
            "it was started by a version of jobfirst_sim that did not record which model "
            "made its results, so they cannot be matched to this model"
        )
    else:
        before, now = fingerprint_id(old_model), fingerprint_id()
        if before != now:
            commits = (old_model.get("git_commit"), model_fingerprint().get("git_commit"))
            at = (f"; git commit {str(commits[0])[:10]} → {str(commits[1])[:10]}"
                  if all(commits) and commits[0] != commits[1] else "")
            problems.append(
                f"the model's source changed since this sweep was started (fingerprint "
                f"{before} → {now}{at})"
            )
    old_numpy = old.get("versions", {}).get("numpy") if isinstance(old.get("versions"), dict) \
        else None
    if old_numpy != versions()["numpy"]:
        problems.append(
            f"it was run with numpy {old_numpy}, this is {versions()['numpy']} (random streams "
            "are only the same within one numpy version)"
        )
    if old.get("config_hash") != loaded.config_hash:
        problems.extend(config_differences(old, loaded))
    return problems


def config_differences(old: dict[str, Any], loaded: LoadedExperiment) -> list[str]:
    """The resolved experiment and scenario settings that differ, as ``path old → new``."""
    diffs = diff(old.get("experiment_resolved"), loaded.experiment_doc(), "experiment")
    diffs += diff(old.get("resolved_scenario"), loaded.base_scenario, "")
    if not diffs:
        old_hashes = old.get("point_hashes")
        if isinstance(old_hashes, list):
            changed = [i for i, (a, b) in enumerate(zip(old_hashes, loaded.point_hashes,
                                                        strict=False)) if a != b]
            if len(old_hashes) != len(loaded.point_hashes):
                changed.append(min(len(old_hashes), len(loaded.point_hashes)))
            if changed:
                diffs.append(f"design point(s) {changed[:10]} resolve to other scenarios")
    if not diffs:
        return [
            "the resolved configuration differs (config hash "
            f"{str(old.get('config_hash', '?'))[:12]} → {loaded.config_hash[:12]}); only "
            "replications may change on --resume"
        ]
    head = [f"the resolved configuration differs: {d}" for d in diffs[:MAX_NAMED]]
    if len(diffs) > MAX_NAMED:
        head.append(f"... and {len(diffs) - MAX_NAMED} more setting(s)")
    return head


def diff(old: Any, new: Any, path: str) -> list[str]:
    """Differences between two JSON documents as ``dotted.path old → new`` lines.

    Lists of named items (arms, municipalities) are matched by ``name``, so paths read as
    in ``--set`` (``arms.jobfirst.organisation.caseload``).
    """
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for key in sorted(set(old) | set(new), key=str):
            sub = f"{path}.{key}" if path else str(key)
            if key not in old:
                out.append(f"{sub} is new ({_short(new[key])})")
            elif key not in new:
                out.append(f"{sub} is gone (was {_short(old[key])})")
            else:
                out.extend(diff(old[key], new[key], sub))
        return out
    if isinstance(old, list) and isinstance(new, list):
        if _named(old) and _named(new):
            return diff({i["name"]: i for i in old}, {i["name"]: i for i in new}, path)
        if len(old) == len(new):
            return [d for i, (a, b) in enumerate(zip(old, new, strict=True))
                    for d in diff(a, b, f"{path}.{i}")]
    if old == new and type(old) is type(new):
        return []
    return [f"{path or 'value'} {_short(old)} → {_short(new)}"]


def _named(items: list[Any]) -> bool:
    names = [i.get("name") for i in items if isinstance(i, dict)]
    return len(names) == len(items) and len(set(names)) == len(names) and all(
        isinstance(n, str) for n in names)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_run_files(runs_dir: Path, loaded: LoadedExperiment, root_seed: int
                    ) -> tuple[list[str], list[str]]:
    """Delete unfinished run files; return their names and ``name: why`` of foreign ones.

    Only the Parquet footer of each file is read. Unfinished: empty or cut short (no
    footer), as a kill of an older version or a copy broken off could leave.
    """
    now = fingerprint_id()
    unfinished: list[str] = []
    foreign: list[str] = []
    for entry in sorted(os.scandir(runs_dir), key=lambda e: e.name):
        m = RUN_FILE.match(entry.name)
        if not m or m.group(3) != "parquet":
            continue
        try:
            prov = run_provenance(entry.path)
        except (OSError, ValueError, pa.ArrowException):
            Path(entry.path).unlink()
            unfinished.append(entry.name)
            continue
        why = foreign_reason(prov, (int(m.group(1)), int(m.group(2))), loaded, root_seed, now)
        if why:
            foreign.append(f"runs/{entry.name}: {why}")
    return unfinished, foreign


def foreign_reason(prov: dict[str, Any] | None, key: tuple[int, int], loaded: LoadedExperiment,
                   root_seed: int, model_id: str) -> str:
    """Why a readable run file does not belong to this sweep, or ``""`` if it does."""
    if prov is None:
        return "records no provenance (made elsewhere or by an older version)"
    if (prov.get("point"), prov.get("replication")) != key:
        return (f"holds design point {prov.get('point')} replication "
                f"{prov.get('replication')}, not the run its name says")
    if prov.get("root_seed") != root_seed:
        return f"made with root seed {prov.get('root_seed')}; this sweep uses {root_seed}"
    model = prov.get("model")
    theirs = fingerprint_id(model) if isinstance(model, dict) else "?"
    if theirs != model_id:
        return f"made by another model (fingerprint {theirs}; this is {model_id})"
    hashes = loaded.point_hashes
    if key[0] < len(hashes) and prov.get("scenario_sha256") != hashes[key[0]]:
        return "made for another scenario of this design point"
    return ""
