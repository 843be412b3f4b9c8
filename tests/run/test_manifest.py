"""One root-seed recipe and one manifest core for run, sweep and explain."""

from __future__ import annotations

import json
from pathlib import Path

from small import small_trial

from jobfirst_sim.run.manifest import config_hash, draw_root_seed, manifest, resolve_root_seed
from jobfirst_sim.run.replicate import RunRequest, run_to_directory
from jobfirst_sim.versions import RESULT_PACKAGES, versions

CORE = {"kind", "root_seed", "replications", "replication_seeds", "seed_derivation",
        "versions", "config_hash", "command", "started", "seconds", "files"}


def test_seed_given_wins_then_the_scenarios_then_a_drawn_one() -> None:
    scen = small_trial(20, 10, weeks=20)
    assert scen.run.seed is not None
    assert resolve_root_seed(5, scen) == 5
    assert resolve_root_seed(None, scen) == scen.run.seed
    unseeded = scen.model_copy(update={"run": scen.run.model_copy(update={"seed": None})})
    drawn = {resolve_root_seed(None, unseeded) for _ in range(3)}
    assert len(drawn) == 3 and all(0 <= s < 2**63 for s in drawn)
    assert 0 <= draw_root_seed() < 2**63


def test_manifest_core_and_extra_keys() -> None:
    doc = manifest(kind="run", root_seed=7, replications=2, config_hash="h", command="c",
                   started=0.0, seconds=1.23456, files=["b", "a"], panel=False)
    assert set(doc) >= CORE and doc["panel"] is False
    assert doc["replication_seeds"] == [{"replication": 0, "entropy": 7, "spawn_key": [0]},
                                        {"replication": 1, "entropy": 7, "spawn_key": [1]}]
    assert doc["files"] == ["a", "b"] and doc["seconds"] == 1.235
    assert set(RESULT_PACKAGES) | {"python", "platform"} == set(versions())


def test_run_manifest_has_the_core(tmp_path: Path) -> None:
    scen = small_trial(20, 10, weeks=20)
    run_to_directory(RunRequest(scen, 1, command="jobfirst run x"), tmp_path)
    doc = json.loads((tmp_path / "manifest.json").read_text())
    assert set(doc) >= CORE
    assert doc["kind"] == "run" and doc["root_seed"] == scen.run.seed
    assert doc["config_hash"] == config_hash(scen) and doc["command"] == "jobfirst run x"
    assert "manifest.json" in doc["files"] and doc["executor"] == "serial"
