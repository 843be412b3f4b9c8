"""Resume knows which model made each result (issue 9, section 2).

* a store made by another model (fingerprint), numpy version or *resolved* configuration
  (a changed scenario setting, seed, design) is refused on ``--resume`` with the difference
  named, exit code 2 and nothing written or run;
* run files that are empty or cut short are run again; run files copied from another sweep
  (other seed, other model, other run, no provenance) are refused and named;
* consolidated tables are replaced, never deleted before their successor exists;
* an oversized design is refused before any design point is built;
* a ``--scheduler`` that cannot be reached leaves nothing behind, so a retry works.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
import yaml
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.run.errors import StoreError
from jobfirst_sim.run.executors import Executor
from jobfirst_sim.run.sweep import load_experiment, run_sweep
from jobfirst_sim.run.sweep.store import SweepStore
from jobfirst_sim.run.worker import PROVENANCE_KEY, STORED_TABLES, run_provenance
from jobfirst_sim.scenario.behaviour import Behaviour
from jobfirst_sim.versions import fingerprint_id, model_fingerprint

DATA = Path(__file__).resolve().parents[1] / "data"
TABLES = ("experiments", *STORED_TABLES, "summary")


def experiment(tmp_path: Path, name: str = "exp.yaml", scenario_changes: dict[str, Any]
               | None = None, **changes: Any) -> Path:
    """The tiny experiment (4 points) with 1 replication, scenario copied beside it."""
    doc = yaml.safe_load((DATA / "sweep_tiny.yaml").read_text(encoding="utf-8"))
    scen = yaml.safe_load((DATA / doc["scenario"]).read_text(encoding="utf-8"))
    for key, value in (scenario_changes or {}).items():
        scen[key] = value
    scen_path = tmp_path / f"{Path(name).stem}_scenario.yaml"
    scen_path.write_text(yaml.safe_dump(scen, sort_keys=False), encoding="utf-8")
    doc.update({"scenario": scen_path.name, "replications": 1, **changes})
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of a store (except the lock file), by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and p.name != ".lock"}


def partial_store(tmp_path: Path) -> tuple[Path, Path]:
    """A finished 4-run store with two run files removed (as after a kill)."""
    exp = experiment(tmp_path)
    out = tmp_path / "sweep"
    assert run_sweep(exp, out, executor="serial").ok
    for name in ("p00002-r0000.parquet", "p00003-r0000.parquet"):
        (out / "runs" / name).unlink()
    return exp, out


def cli_resume(exp: Path, out: Path) -> Any:
    return CliRunner().invoke(
        app, ["sweep", str(exp), "--out", str(out), "--resume", "-q", "--executor", "serial"])


def _edit_manifest(change: Callable[[dict[str, Any]], None]) -> Callable[[Path, Path], Path]:
    def prepare(tmp_path: Path, out: Path) -> Path:
        path = out / "manifest.json"
        doc = json.loads(path.read_text("utf-8"))
        change(doc)
        path.write_text(json.dumps(doc), "utf-8")
        return tmp_path / "exp.yaml"
    return prepare


def _other_source(doc: dict[str, Any]) -> None:
    doc["model"] = {**doc["model"], "source_sha256": "0" * 64}


def _no_model(doc: dict[str, Any]) -> None:
    del doc["model"]


DEFAULT_RATE = Behaviour().conversion.rate
"""The shipped (fitted) conversion rate, whatever the last refit made it."""


def _other_numpy(doc: dict[str, Any]) -> None:
    doc["versions"]["numpy"] = "1.0.0"


def _changed_scenario(tmp_path: Path, out: Path) -> Path:
    # one calibrated default written into the scenario file: the default -> 0.07
    return experiment(tmp_path, "changed.yaml",
                      scenario_changes={"behaviour": {"conversion": {"rate": 0.07}}})


def _changed_seed(tmp_path: Path, out: Path) -> Path:
    return experiment(tmp_path, "seed.yaml", seed=12)


def _changed_lever(tmp_path: Path, out: Path) -> Path:
    doc = yaml.safe_load((tmp_path / "exp.yaml").read_text("utf-8"))
    doc["levers"]["arms.jobfirst.organisation.caseload"] = {"values": [30, 60]}
    path = tmp_path / "lever.yaml"
    path.write_text(yaml.safe_dump(doc), "utf-8")
    return path


def _damaged_manifest(tmp_path: Path, out: Path) -> Path:
    path = out / "manifest.json"
    path.write_bytes(path.read_bytes()[:100])
    return tmp_path / "exp.yaml"


REFUSED_RESUMES = [
    ("model source changed", _edit_manifest(_other_source),
     ["the model's source changed since this sweep was started (fingerprint",
      "start a new sweep folder"]),
    ("store of a version without fingerprint", _edit_manifest(_no_model),
     ["did not record which model"]),
    ("numpy version changed", _edit_manifest(_other_numpy), ["numpy 1.0.0"]),
    ("scenario setting changed", _changed_scenario,
     [f"behaviour.conversion.rate {DEFAULT_RATE:g} → 0.07"]),
    ("root seed changed", _changed_seed, ["experiment.seed 11 → 12"]),
    ("lever values changed", _changed_lever, ["experiment.levers", "55", "60"]),
    ("damaged manifest", _damaged_manifest, ["manifest.json cannot be read"]),
]


@pytest.mark.parametrize(("case", "prepare", "fragments"), REFUSED_RESUMES,
                         ids=[c[0] for c in REFUSED_RESUMES])
def test_resume_refuses_another_model_or_configuration(
    tmp_path: Path, case: str, prepare: Callable[[Path, Path], Path], fragments: list[str]
) -> None:
    _, out = partial_store(tmp_path)
    exp = prepare(tmp_path, out)
    before = snapshot(out)
    result = cli_resume(exp, out)
    assert result.exit_code == 2, (case, result.output)
    for fragment in fragments:
        assert fragment in result.output, (case, result.output)
    assert "Traceback" not in result.output
    assert snapshot(out) == before  # nothing run, nothing mixed, manifest untouched


def test_resume_after_model_change_with_patched_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The code changes between the kill and the resume (fingerprint patched in-process)."""
    exp, out = partial_store(tmp_path)
    before = snapshot(out)
    other = {**model_fingerprint(), "source_sha256": "f" * 64}
    monkeypatch.setattr("jobfirst_sim.run.sweep.resume.fingerprint_id",
                        lambda fp=None: fingerprint_id(fp if fp is not None else other))
    with pytest.raises(StoreError, match=r"source changed .* → 0\.1\.0\+ffffffffffffffff|→"):
        run_sweep(exp, out, executor="serial", resume=True)
    assert snapshot(out) == before


def test_unchanged_resume_and_moved_files_still_resume(tmp_path: Path) -> None:
    exp, out = partial_store(tmp_path)
    moved = tmp_path / "moved"
    moved.mkdir()
    shutil.copy(exp, moved / exp.name)
    shutil.copy(tmp_path / "exp_scenario.yaml", moved / "exp_scenario.yaml")
    report = run_sweep(moved / exp.name, out, executor="serial", resume=True)
    assert report.ok and report.executed == 2 and report.skipped == 2


# -- run files --------------------------------------------------------------------


def _empty(out: Path, tmp_path: Path) -> None:
    (out / "runs" / "p00000-r0000.parquet").write_bytes(b"")


def _truncated(out: Path, tmp_path: Path) -> None:
    path = out / "runs" / "p00001-r0000.parquet"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


UNFINISHED = [("0-byte run file", _empty), ("truncated run file", _truncated)]


@pytest.mark.parametrize(("case", "damage"), UNFINISHED, ids=[c[0] for c in UNFINISHED])
def test_unfinished_run_files_are_run_again(
    tmp_path: Path, case: str, damage: Callable[[Path, Path], None]
) -> None:
    exp = experiment(tmp_path)
    reference = tmp_path / "reference"
    assert run_sweep(exp, reference, executor="serial").ok
    out = tmp_path / "sweep"
    shutil.copytree(reference, out)
    damage(out, tmp_path)
    report = run_sweep(exp, out, executor="serial", resume=True)
    assert report.ok and report.executed == 1, case
    assert any("unfinished" in w for w in report.warnings)
    for table in TABLES:
        assert (out / f"{table}.parquet").read_bytes() == \
            (reference / f"{table}.parquet").read_bytes(), (case, table)


def _other_seed(out: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    assert run_sweep(experiment(tmp_path, "o.yaml", seed=12), other, executor="serial").ok
    shutil.copy(other / "runs" / "p00002-r0000.parquet", out / "runs" / "p00002-r0000.parquet")


def _renamed(out: Path, tmp_path: Path) -> None:
    shutil.copy(out / "runs" / "p00000-r0000.parquet", out / "runs" / "p00002-r0000.parquet")


def _rewrite_meta(out: Path, change: Callable[[dict[str, Any]], dict[str, Any] | None]) -> None:
    path = out / "runs" / "p00001-r0000.parquet"
    table = pq.read_table(path)
    meta = change(json.loads(table.schema.metadata[PROVENANCE_KEY]))
    table = table.replace_schema_metadata(
        None if meta is None else {PROVENANCE_KEY: json.dumps(meta).encode()})
    target = out / "runs" / "p00002-r0000.parquet"
    pq.write_table(table, target)
    if meta is not None:
        assert run_provenance(str(target)) == meta


def _no_provenance(out: Path, tmp_path: Path) -> None:
    _rewrite_meta(out, lambda m: None)


def _other_model(out: Path, tmp_path: Path) -> None:
    _rewrite_meta(out, lambda m: {**m, "point": 2,
                                  "model": {**m["model"], "source_sha256": "a" * 64}})


def _other_scenario(out: Path, tmp_path: Path) -> None:
    _rewrite_meta(out, lambda m: {**m, "point": 2, "scenario_sha256": "b" * 64})


FOREIGN = [
    ("copied from a sweep with another seed", _other_seed, "made with root seed 12"),
    ("copied under another run's name", _renamed, "holds design point 0 replication 0"),
    ("no provenance", _no_provenance, "records no provenance"),
    ("made by another model", _other_model, "made by another model (fingerprint 0.1.0+aaaa"),
    ("made for another scenario", _other_scenario, "another scenario of this design point"),
]


@pytest.mark.parametrize(("case", "plant", "fragment"), FOREIGN, ids=[c[0] for c in FOREIGN])
def test_foreign_run_files_are_refused_and_named(
    tmp_path: Path, case: str, plant: Callable[[Path, Path], None], fragment: str
) -> None:
    _, out = partial_store(tmp_path)
    plant(out, tmp_path)
    before = snapshot(out)
    result = cli_resume(tmp_path / "exp.yaml", out)
    assert result.exit_code == 2, (case, result.output)
    assert "runs/p00002-r0000.parquet" in result.output and fragment in result.output, \
        (case, result.output)
    assert "move them out of runs/" in result.output and "Traceback" not in result.output
    assert snapshot(out) == before


def test_run_files_record_provenance(tmp_path: Path) -> None:
    exp = experiment(tmp_path)
    out = tmp_path / "sweep"
    assert run_sweep(exp, out, executor="serial").ok
    loaded = load_experiment(exp)
    prov = run_provenance(str(out / "runs" / "p00003-r0000.parquet"))
    assert prov is not None
    assert (prov["point"], prov["replication"], prov["root_seed"]) == (3, 0, 11)
    assert prov["scenario_sha256"] == loaded.point_hashes[3]
    assert prov["model"] == model_fingerprint()
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["model"] == model_fingerprint()
    assert manifest["point_hashes"] == loaded.point_hashes
    assert manifest["resolved_scenario"]["behaviour"]["conversion"]["rate"] == DEFAULT_RATE


def test_consolidated_tables_survive_an_interrupted_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exp = experiment(tmp_path)
    out = tmp_path / "sweep"
    assert run_sweep(exp, out, executor="serial").ok
    before = {t: (out / f"{t}.parquet").read_bytes() for t in TABLES}
    import jobfirst_sim.run.sweep.store as store_mod

    real = store_mod.decode_tables
    calls = {"n": 0}

    def dies_on_third(source: bytes | str) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # as a kill in the middle of the rebuild
        return real(source)

    store = SweepStore.open(out, load_experiment(exp), resume=True)
    try:
        monkeypatch.setattr(store_mod, "decode_tables", dies_on_third)
        with pytest.raises(KeyboardInterrupt):
            store.consolidate()
    finally:
        store.close()
    for table in TABLES:
        assert (out / f"{table}.parquet").read_bytes() == before[table], table


# -- design size and scheduler ----------------------------------------------------


def _ranges(levels: int) -> dict[str, Any]:
    return {"levers": {
        "arms.jobfirst.organisation.caseload": {"range": {"low": 20, "high": 80},
                                                "integer": True, "levels": levels},
        "behaviour.conversion.rate": {"range": {"low": 0.01, "high": 0.2}, "levels": levels}}}


OVERSIZED = [
    ("latin hypercube n 1000000",
     {"design": {"type": "latin_hypercube", "n": 1_000_000}},
     "design.n: the design has 1,000,000 design points; at most 20,000"),
    ("latin hypercube n 10**30", {"design": {"type": "latin_hypercube", "n": 10**30}},
     "at most 20,000 are allowed, because each point is built"),
    ("full factorial 1000 x 1000", {**_ranges(1000), "design": {"type": "full_factorial"}},
     "design: the design has 1,000,000 design points"),
    ("sobol with sensitivity", {"design": {"type": "sobol", "n": 8192, "sensitivity": True}},
     "32,768 design points"),
    ("too many runs", {"replications": 100_000, "design": {"type": "latin_hypercube",
                                                           "n": 20}},
     "replications: 20 design points x 100,000 replications = 2,000,000 runs"),
]


@pytest.mark.parametrize(("case", "changes", "fragment"), OVERSIZED,
                         ids=[c[0] for c in OVERSIZED])
def test_oversized_designs_are_refused_before_building(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, changes: dict[str, Any],
    fragment: str
) -> None:
    """Refused from the file alone: no design point is generated (the refusal's time is in
    experiments/benchmarks/browse_benchmark.py)."""
    import jobfirst_sim.run.sweep.samplers as samplers

    def generated(*args: object, **kwargs: object) -> None:
        raise AssertionError("design points were generated before the size was checked")

    monkeypatch.setattr(samplers, "generate_design", generated)
    doc_changes = dict(changes)
    exp = experiment(tmp_path, **doc_changes)
    if "levers" not in changes and changes["design"]["type"] != "full_factorial":
        doc = yaml.safe_load(exp.read_text("utf-8"))
        doc["levers"]["arms.jobfirst.organisation.caseload"] = {"range": {"low": 20,
                                                                          "high": 80}}
        doc["levers"]["cv_at_start"] = {"path": "arms.jobfirst.practice.cv_at_start",
                                        "values": [True, False]}
        exp.write_text(yaml.safe_dump(doc), "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["sweep", str(exp), "--out", str(out), "-q",
                                      "--executor", "serial"])
    assert result.exit_code == 2, (case, result.output)
    assert fragment in result.output, (case, result.output)
    assert "Traceback" not in result.output
    assert not out.exists()


def test_failed_scheduler_connection_leaves_nothing_and_a_retry_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exp = experiment(tmp_path)
    out = tmp_path / "sweep"

    def refuse(self: Executor) -> None:
        raise StoreError("tcp://127.0.0.1:9", "", "cannot connect to the Dask scheduler: refused")

    with monkeypatch.context() as m:
        m.setattr(Executor, "start", refuse)
        result = CliRunner().invoke(app, ["sweep", str(exp), "--out", str(out), "-q",
                                          "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "cannot connect to the Dask scheduler" in result.output
    assert not out.exists()
    assert run_sweep(exp, out, executor="serial").ok  # the retry needs no --resume
