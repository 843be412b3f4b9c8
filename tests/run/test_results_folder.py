"""A results folder is complete and of one run, or it is not there (issue 9, §1 and §4).

Every broken output location is refused before anything is simulated, with a message
naming the folder, what is wrong and what to do, and nothing written; ``--overwrite``
replaces a folder as a whole; a SIGKILL at any point of the write phase leaves the old
complete folder or the new one, never a mix.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import jobfirst_sim.run.replicate as replicate
from jobfirst_sim.cli import app
from jobfirst_sim.run.outputs import (
    STALE_SECONDS,
    OutputError,
    ResultsFolder,
    check_output_dir,
    check_run_folder,
    clean_stale,
    slug,
)

ROOT = Path(__file__).resolve().parents[2]
TRIAL = ROOT / "scenarios" / "jobfirst_trial.yaml"
runner = CliRunner()

SMALL = [
    "--set", "arms.jobfirst.citizens.kontanthjaelp=40",
    "--set", "arms.jobfirst.citizens.ressourceforloeb=10",
    "--set", "arms.control.citizens.kontanthjaelp=40",
    "--set", "arms.control.citizens.ressourceforloeb=10",
    "--set", "run.weeks_followed=60", "--set", "population.intake_weeks=5",
]


def run_args(out: Path, *extra: str, report: bool = False, seed: int = 5) -> list[str]:
    return ["run", str(TRIAL), "-r", "2", "--seed", str(seed), "--out", str(out),
            *(["--report", "--lang", "en"] if report else ["--no-report"]), *SMALL, *extra]


def tree(root: Path) -> dict[str, tuple[bool, int]]:
    """Every path below ``root`` with (is a folder, size) -- to prove nothing was written."""
    out: dict[str, tuple[bool, int]] = {}
    for p in sorted(root.rglob("*")):
        st = p.lstat()
        out[str(p.relative_to(root))] = (p.is_dir(), 0 if p.is_dir() else st.st_size)
    return out


def sweep_store(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "manifest.json").write_text(json.dumps({"kind": "sweep", "runs": {}}))
    (root / "runs").mkdir()
    return root


# ---- (name, arrange(tmp) -> out path, extra args, expected fragment)
Arrange = Callable[[Path], Path]


def _file_in_way(t: Path) -> Path:
    (t / "out").write_text("notes")
    return t / "out"


def _parent_is_file(t: Path) -> Path:
    (t / "notes.txt").write_text("x")
    return t / "notes.txt" / "run"


def _deep_under_file(t: Path) -> Path:
    (t / "notes.txt").write_text("x")
    return t / "notes.txt" / "a" / "run"


def _non_empty(t: Path) -> Path:
    (t / "out").mkdir()
    (t / "out" / "thesis.docx").write_text("mine")
    return t / "out"


def _non_run_overwrite(t: Path) -> Path:
    return _non_empty(t)


def _run_with_other_results(t: Path) -> Path:
    out = t / "run"
    out.mkdir()
    (out / "manifest.json").write_text(json.dumps(
        {"kind": "run", "files": ["manifest.json", "weekly.parquet"]}))
    (out / "weekly.parquet").write_bytes(b"x")
    (out / "explain_a_to_b").mkdir()  # `jobfirst explain` writes here by default
    return out


def _sweep_itself(t: Path) -> Path:
    return sweep_store(t / "sweep")


def _inside_sweep(t: Path) -> Path:
    return sweep_store(t / "sweep") / "runs" / "x"


def _sweep_by_manifest_only(t: Path) -> Path:
    (t / "sweep").mkdir()
    (t / "sweep" / "manifest.json").write_text(json.dumps({"kind": "sweep"}))
    return t / "sweep"


CASES: list[tuple[str, Arrange, list[str], str]] = [
    ("file in the way", _file_in_way, [], "a file with this name is in the way"),
    ("parent is a file", _parent_is_file, [], "is a file, not a folder"),
    ("ancestor is a file", _deep_under_file, [], "is a file, not a folder"),
    ("missing parent", lambda t: t / "no" / "such" / "run", [], "does not exist"),
    ("existing non-empty", _non_empty, [], "add --overwrite"),
    ("overwrite a non-run folder", _non_run_overwrite, ["--overwrite"],
     "not the results of jobfirst run"),
    ("overwrite would delete other results", _run_with_other_results, ["--overwrite"],
     "would delete explain_a_to_b"),
    ("a sweep store", _sweep_itself, [], "a sweep's results folder"),
    ("a sweep store with --overwrite", _sweep_itself, ["--overwrite"],
     "a sweep's results folder"),
    ("inside a sweep store", _inside_sweep, [], "is inside"),
    ("sweep manifest only", _sweep_by_manifest_only, ["--overwrite"], "sweep"),
    ("/proc", lambda t: Path("/proc/jobfirst-x"), [], "system folder"),
    ("/sys", lambda t: Path("/sys/jobfirst-x"), [], "system folder"),
    ("/dev", lambda t: Path("/dev/jobfirst-x"), [], "system folder"),
]


@pytest.fixture
def no_simulation(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make simulating an error: a refused output must be refused before any simulation."""
    calls: list[int] = []

    def boom(*args: object, **kwargs: object) -> None:
        calls.append(1)
        raise AssertionError("simulated before the output folder was checked")

    monkeypatch.setattr(replicate, "run_replications", boom)
    return calls


@pytest.mark.parametrize(("case", "arrange", "extra", "fragment"), CASES,
                         ids=[c[0] for c in CASES])
def test_broken_output_is_refused_before_simulating(
        tmp_path: Path, no_simulation: list[int], case: str, arrange: Arrange,
        extra: list[str], fragment: str) -> None:
    out = arrange(tmp_path)
    before = tree(tmp_path)
    res = runner.invoke(app, run_args(out, *extra))
    assert res.exit_code == 2, res.output
    assert fragment in res.output, res.output
    assert str(out) in res.output and "Traceback" not in res.output
    assert no_simulation == []
    assert tree(tmp_path) == before  # nothing written, nothing removed


@pytest.mark.parametrize("keep", ["runs", "failures", "experiments.parquet"])
def test_a_folder_named_like_a_sweeps_is_no_sweep(tmp_path: Path, keep: str) -> None:
    """A user who keeps results in ``runs/`` types ``--out runs/first``: was refused with
    "inside a sweep's results folder" (issue 20, item 8); a sweep store is known by its
    manifest, not by a folder name."""
    if keep.endswith(".parquet"):
        (tmp_path / keep).write_bytes(b"x")
    else:
        (tmp_path / keep).mkdir()
    (tmp_path / "runs").mkdir(exist_ok=True)
    target = tmp_path / "runs" / "first"
    assert check_output_dir(target, overwrite=False) == target
    (tmp_path / "manifest.json").write_text(json.dumps({"kind": "run"}))
    assert check_output_dir(target, overwrite=False) == target
    (tmp_path / "manifest.json").write_text(json.dumps({"kind": "sweep"}))
    with pytest.raises(OutputError, match=f"is inside {tmp_path}, which is a sweep's results"):
        check_output_dir(target, overwrite=False)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in any folder")
def test_unwritable_parent_is_refused(tmp_path: Path, no_simulation: list[int]) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        res = runner.invoke(app, run_args(locked / "run"))
    finally:
        locked.chmod(0o700)
    assert res.exit_code == 2 and "cannot write in" in res.output
    assert list(locked.iterdir()) == []


@pytest.mark.parametrize(("name", "expected"), [
    ("jobfirst_trial", "jobfirst_trial"),
    ("../../x", "x"),
    ("..", "run"),
    (".", "run"),
    ("/etc/passwd", "etc_passwd"),
    ("C:\\Users\\x", "C_Users_x"),
    ("Ærø by 2026", "Ærø_by_2026"),
    ("a" * 300, "a" * 100),
    ("", "run"),
    ("con", "_con"),
    (".hidden", "hidden"),
])
def test_slug_is_a_safe_folder_name(name: str, expected: str) -> None:
    assert slug(name) == expected
    assert "/" not in slug(name) and slug(name) not in (".", "..")


def test_decomposed_letters_give_the_same_folder() -> None:
    assert slug("Ha\u030adersle\u0308v") == slug("H\u00e5dersl\u00ebv")


def test_a_hostile_name_is_refused_before_anything_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The schema refuses path-like names; the slug (tested above) is the second guard."""
    scen = tmp_path / "evil.yaml"
    scen.write_text(TRIAL.read_text(encoding="utf-8").replace(
        "name: jobfirst_trial", "name: ../../escaped"), encoding="utf-8")
    work = tmp_path / "work" / "here"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    res = runner.invoke(app, ["run", str(scen), "-r", "1", "--seed", "1", "--no-report",
                              *SMALL])
    assert res.exit_code == 2, res.output
    assert "not a valid name" in res.output and "Traceback" not in res.output
    assert list(work.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evil.yaml", "work"]


@pytest.mark.slow
def test_overwrite_replaces_the_folder_as_a_whole(tmp_path: Path) -> None:
    out = tmp_path / "run"
    res = runner.invoke(app, run_args(out, "--panel", report=True))
    assert res.exit_code == 0, res.output
    assert {"panel.parquet", "report.html"} <= {p.name for p in out.iterdir()}
    first = json.loads((out / "manifest.json").read_text())["run_id"]
    assert json.loads((out / "summary.json").read_text())["run_id"] == first
    res = runner.invoke(app, run_args(out))
    assert res.exit_code == 2 and "--overwrite" in res.output  # refused without it
    res = runner.invoke(app, run_args(out, "--overwrite"))
    assert res.exit_code == 0, res.output
    names = {p.name for p in out.iterdir()}
    assert "panel.parquet" not in names and "report.html" not in names  # nothing old left
    assert json.loads((out / "manifest.json").read_text())["run_id"] != first
    check_run_folder(out)
    assert [p.name for p in tmp_path.iterdir()] == ["run"]  # no temporaries beside it


def test_report_is_written_inside_before_the_move(tmp_path: Path) -> None:
    out = tmp_path / "run"
    res = runner.invoke(app, run_args(out, report=True))
    assert res.exit_code == 0, res.output
    assert (out / "report.html").stat().st_size > 0
    assert f"report: {out / 'report.html'}" in res.output


def test_bad_lang_is_refused_before_simulating(tmp_path: Path, no_simulation: list[int]
                                               ) -> None:
    res = runner.invoke(app, [*run_args(tmp_path / "o"), "--report", "--lang", "xx"])
    assert "--no-report" in run_args(tmp_path / "o")  # --report given last wins
    assert res.exit_code == 2 and "--lang" in res.output
    assert no_simulation == [] and not (tmp_path / "o").exists()


def test_a_failed_report_keeps_the_complete_results(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import jobfirst_sim.report as report

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("a figure")

    monkeypatch.setattr(report, "build_report", broken)
    out = tmp_path / "run"
    res = runner.invoke(app, run_args(out, report=True))
    assert res.exit_code == 1
    assert "the results are complete" in res.output and "jobfirst report" in res.output
    assert "Traceback" not in res.output
    check_run_folder(out)
    assert not (out / "report.html").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["run"]


def test_failed_run_leaves_the_old_folder_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "run"
    assert runner.invoke(app, run_args(out)).exit_code == 0
    before = tree(tmp_path)

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a worker died")

    monkeypatch.setattr(replicate, "run_replications", fail)
    res = runner.invoke(app, run_args(out, "--overwrite"))
    assert res.exit_code != 0
    assert tree(tmp_path) == before


def test_stale_temporaries_are_removed_only_when_ours_and_dead(tmp_path: Path) -> None:
    target = tmp_path / "run"
    dead = tmp_path / f".run.partial-{'a' * 32}"
    dead.mkdir()
    (tmp_path / f"{dead.name}.lock").write_text("")  # nobody holds its lock: its run is gone
    old = tmp_path / f".run.old-{'c' * 32}"
    old.mkdir()  # no lock file: its run let go of it (killed while deleting it)
    orphan_lock = tmp_path / f".run.partial-{'f' * 32}.lock"
    orphan_lock.write_text("")
    os.utime(orphan_lock, (1, 1))
    foreign = [tmp_path / f".other.partial-{'d' * 32}", tmp_path / ".run.partial-notours",
               tmp_path / "run.partial-" f"{'e' * 32}"]
    for f in foreign:
        f.mkdir()
        os.utime(f, (1, 1))
    with ResultsFolder(target) as alive:  # cleans on entry
        assert alive.path.exists() and alive.lock_path.exists()
        assert clean_stale(target) == []  # the live one holds its lock
        assert alive.path.exists()
    assert not dead.exists() and not old.exists() and not orphan_lock.exists()
    assert not (tmp_path / f"{dead.name}.lock").exists()
    assert all(f.exists() for f in foreign)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f.name for f in foreign)
    assert STALE_SECONDS >= 60


def test_results_folder_commit_into_empty_and_failure_cleanup(tmp_path: Path) -> None:
    target = tmp_path / "run"
    target.mkdir()  # an empty folder may be used
    with ResultsFolder(target) as folder:
        (folder.path / "a.txt").write_text("x")
        folder.commit()
    assert [p.name for p in target.iterdir()] == ["a.txt"]
    with pytest.raises(ZeroDivisionError), ResultsFolder(tmp_path / "other") as folder:
        (folder.path / "b.txt").write_text("x")
        _ = 1 / 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]


def test_commit_does_not_replace_results_that_appeared_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "run"
    with ResultsFolder(target) as folder:
        target.mkdir()
        (target / "someone_else.txt").write_text("x")
        with pytest.raises(OutputError, match="another process"):
            folder.commit()
    assert [p.name for p in target.iterdir()] == ["someone_else.txt"]


# ---------------------------------------------------------------------- SIGKILL

KILL_POINTS = [
    ("after-weekly", "old"), ("after-journeys", "old"), ("after-panel", "old"),
    ("after-manifest", "old"), ("before-move", "old"), ("after-swap", "new"),
]


def _run_subprocess(out: Path, kill_at: str | None, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JOBFIRST_TEST_KILL_AT": kill_at or ""}
    return subprocess.run(
        [sys.executable, "-m", "jobfirst_sim.cli",
         *run_args(out, "--overwrite", "--panel", seed=9)],
        env=env, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.slow
def test_sigkill_during_the_write_phase_never_leaves_a_mix(tmp_path: Path) -> None:
    out = tmp_path / "run"
    res = runner.invoke(app, [*run_args(out), "--panel"])
    assert res.exit_code == 0, res.output
    old_id = json.loads((out / "manifest.json").read_text())["run_id"]
    for point, expect in KILL_POINTS:
        done = _run_subprocess(out, point, tmp_path)
        assert done.returncode == -9, (point, done.stderr[-2000:])
        check_run_folder(out)  # complete and of one run, whichever it is
        run_id = json.loads((out / "manifest.json").read_text())["run_id"]
        assert (run_id == old_id) == (expect == "old"), point
        if expect == "new":  # the new folder is in place: it is the "old" one from now on
            old_id = run_id
    # a normal run afterwards removes every temporary the kills left beside the folder
    assert any(p.name.startswith(".run.partial-") for p in tmp_path.iterdir())
    done = _run_subprocess(out, None, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]
    check_run_folder(out)


@pytest.mark.slow
def test_sigkill_from_outside_at_any_moment_leaves_the_old_folder(tmp_path: Path) -> None:
    """Killed from outside (no hook) while its temporary folder exists: old folder intact."""
    import signal
    import time

    out = tmp_path / "run"
    assert runner.invoke(app, run_args(out)).exit_code == 0
    before = (out / "manifest.json").read_bytes()
    kept_old = 0
    for delay in (0.0, 0.5, 1.5):
        proc = subprocess.Popen(
            [sys.executable, "-m", "jobfirst_sim.cli",
             *run_args(out, "--overwrite", "--panel", seed=10)],
            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while not any(p.name.startswith(".run.partial-") and p.is_dir()
                      for p in tmp_path.iterdir()):
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        check_run_folder(out)  # complete and of one run, whichever it is
        now = (out / "manifest.json").read_bytes()
        if proc.returncode == -signal.SIGKILL and now == before:
            kept_old += 1
        else:
            # finished, or killed after the new folder was renamed into place (the process
            # was still printing its summary): the new folder, complete
            assert json.loads(now)["run_id"] != json.loads(before)["run_id"]
            before = now
    assert kept_old >= 1  # at least one kill landed while the temporary folder was open
