"""``report`` and ``browse`` refuse a folder whose files are not of one run (issue 9, §1).

A report of a mix looks right and is wrong, so each way of mixing -- a file of another
run, a file the manifest names missing, a changed file, a leftover temporary, a table the
run did not write -- is refused with a message naming the file and what to do, exit code
2, no traceback and no report written.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from report_support import real_run_dir
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.run.outputs import check_run_folder, run_folder_problems

runner = CliRunner()


@cache
def other_run_dir() -> Path:
    """A second real run of the same scenario with another seed (another run id)."""
    import atexit
    import tempfile

    from jobfirst_sim.run.replicate import RunRequest, run_to_directory
    from jobfirst_sim.scenario.loader import apply_overrides, build_scenario, load_raw

    root = Path(__file__).resolve().parents[2]
    raw = apply_overrides(load_raw(root / "scenarios" / "jobfirst_trial.yaml"), {
        "arms.jobfirst.citizens.kontanthjaelp": 40, "arms.jobfirst.citizens.ressourceforloeb": 10,
        "arms.control.citizens.kontanthjaelp": 40, "arms.control.citizens.ressourceforloeb": 10,
    })
    tmp = Path(tempfile.mkdtemp(prefix="jobfirst-mixed-test-"))
    atexit.register(shutil.rmtree, tmp, True)
    out = tmp / "other"
    run_to_directory(RunRequest(build_scenario(raw, "other"), 2, seed=99, panel=True), out)
    return out


def _from_other(name: str) -> Callable[[Path], None]:
    def damage(run: Path) -> None:
        shutil.copy2(other_run_dir() / name, run / name)
    return damage


def _truncate(name: str) -> Callable[[Path], None]:
    def damage(run: Path) -> None:
        data = (run / name).read_bytes()
        (run / name).write_bytes(data[: len(data) // 2])
    return damage


def _same_size_change(run: Path) -> None:
    data = bytearray((run / "funnel.parquet").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (run / "funnel.parquet").write_bytes(bytes(data))


def _leftover(name: str) -> Callable[[Path], None]:
    def damage(run: Path) -> None:
        (run / name).write_bytes(b"half")
    return damage


def _stray_panel(run: Path) -> None:
    digests = json.loads((run / "manifest.json").read_text())["file_digests"]
    assert "panel.parquet" in digests  # the real run has a panel: drop it from the record
    manifest = json.loads((run / "manifest.json").read_text())
    del manifest["file_digests"]["panel.parquet"]
    (run / "manifest.json").write_text(json.dumps(manifest))


MIXES: list[tuple[str, Callable[[Path], None], str]] = [
    ("weekly of another run", _from_other("weekly.parquet"),
     "weekly.parquet: not the file this run wrote"),
    ("panel of another run", _from_other("panel.parquet"),
     "panel.parquet: not the file this run wrote"),
    ("summary of another run", _from_other("summary.json"),
     "summary.json: belongs to another run"),
    ("manifest of another run", _from_other("manifest.json"), "not the file this run wrote"),
    ("missing table", lambda r: (r / "outcomes.parquet").unlink(),
     "outcomes.parquet: named in manifest.json but missing"),
    ("missing summary", lambda r: (r / "summary.json").unlink(),
     "summary.json: named in manifest.json but missing"),
    ("truncated table", _truncate("staff.parquet"), "staff.parquet: not the file this run wrote"),
    ("changed byte", _same_size_change, "funnel.parquet: not the file this run wrote (its "
     "content differs)"),
    ("leftover temporary", _leftover(".panel.parquet.x1y2.tmp"),
     ".panel.parquet.x1y2.tmp: a temporary file left by an interrupted write"),
    ("leftover panel parts", lambda r: (r / "panel-parts").mkdir(), "panel-parts: a temporary"),
    ("table the run did not write", _stray_panel, "panel.parquet: not written by this run"),
]


@pytest.mark.parametrize(("case", "damage", "fragment"), MIXES, ids=[m[0] for m in MIXES])
def test_report_refuses_a_folder_not_of_one_run(tmp_path: Path, case: str,
                                                damage: Callable[[Path], None],
                                                fragment: str) -> None:
    run = tmp_path / "run"
    shutil.copytree(real_run_dir(), run)
    check_run_folder(run)  # the copy itself is one complete run
    damage(run)
    res = runner.invoke(app, ["report", str(run), "--lang", "en"])
    assert res.exit_code == 2, res.output
    assert fragment in res.output, res.output
    assert "not one complete run" in res.output and "--overwrite" in res.output
    assert "Traceback" not in res.output
    assert not (run / "report.html").exists()


def test_a_copy_without_the_panel_is_still_one_run(tmp_path: Path) -> None:
    run = tmp_path / "run"
    shutil.copytree(real_run_dir(), run)
    (run / "panel.parquet").unlink()
    assert run_folder_problems(run) == []
    res = runner.invoke(app, ["report", str(run), "--lang", "en", "--out",
                              str(tmp_path / "r.html")])
    assert res.exit_code == 0, res.output


def test_browse_refuses_a_mixed_folder(tmp_path: Path) -> None:
    from jobfirst_sim.app.browse import BrowseError, make_app
    from jobfirst_sim.app.browse.data import discover
    from jobfirst_sim.app.browse.health import survey

    run = tmp_path / "results" / "run"
    shutil.copytree(real_run_dir(), run)
    assert [e.kind for e in discover([run])] == ["run"]
    _from_other("summary.json")(run)
    for given in (run, run.parent):
        entries, unusable = survey([given])
        assert entries == []
        assert any("summary.json: belongs to another run" in u.reason for u in unusable)
        with pytest.raises(BrowseError, match=r"summary\.json: belongs to another run"):
            make_app([given])
    res = runner.invoke(app, ["browse", str(run)])
    assert res.exit_code == 2 and "not one complete run" in res.output
    assert "Traceback" not in res.output


def _manifest_edit(**changes: object) -> Callable[[Path], None]:
    def damage(run: Path) -> None:
        manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
        manifest.update(changes)
        (run / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return damage


def _text_values(run: Path) -> None:
    import pandas as pd

    table = pd.read_parquet(run / "outcomes.parquet")
    table["value"] = table["value"].astype(str)
    table.to_parquet(run / "outcomes.parquet")


MISSHAPEN: list[tuple[str, Callable[[Path], None], str]] = [
    ("scenario is a number", _manifest_edit(scenario=5),
     'manifest.json: "scenario" is the number 5, not the scenario\'s settings (an object)'),
    ("scenario is a list", _manifest_edit(scenario=[1]),
     '"scenario" is a list, not the scenario\'s settings'),
    ("arms are text", _manifest_edit(scenario={"name": "x", "arms": "jobfirst"}),
     '"scenario.arms" is a text, not a list of arms'),
    ("numbers as text", _text_values,
     "outcomes.parquet: column value holds text where the report needs numbers"),
]


@pytest.mark.parametrize(("case", "damage", "fragment"), MISSHAPEN,
                         ids=[m[0] for m in MISSHAPEN])
def test_report_of_an_older_folder_with_misshapen_files_says_which(
        tmp_path: Path, case: str, damage: Callable[[Path], None], fragment: str) -> None:
    """A folder from before digests is not checked file by file, so the report reads what
    is there: a non-object ``scenario`` was ``AttributeError``, numbers stored as text
    ``TypeError: dtype 'str' does not support operation 'mean'`` (issue 20, item 8)."""
    from report_support import older_run_copy

    run = older_run_copy(tmp_path / "run")
    damage(run)
    res = runner.invoke(app, ["report", str(run), "--lang", "en"])
    assert res.exit_code == 2, res.output
    assert fragment in res.output and str(run) in res.output, res.output
    assert "--overwrite" in res.output
    assert "Traceback" not in res.output and isinstance(res.exception, SystemExit)
    assert not (run / "report.html").exists()
