"""The ``jobfirst`` process entry point: the command's exit code and files are kept when
the objects left at exit are frozen out of the collector (the fast exit of ``main``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from processes import subprocess_env
from small import TRIAL

SMALL = [f"--set=arms.{arm}.citizens.{benefit}={n}" for arm in ("jobfirst", "control")
         for benefit, n in (("kontanthjaelp", 60), ("ressourceforloeb", 20))] + [
    "--set=run.weeks_followed=80", "--set=population.intake_weeks=5"]
"""The trial replica scaled down to a second or two."""

PROBE = """
import gc, sys
from jobfirst_sim.cli import main
sys.argv = ["jobfirst", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    print("frozen" if gc.get_freeze_count() > 0 else "not frozen", file=sys.stderr)
    raise
"""


def test_main_freezes_what_is_left_and_keeps_the_exit_code() -> None:
    ok = subprocess.run([sys.executable, "-c", PROBE, "--help"], capture_output=True,
                        text=True, env=subprocess_env(), check=False)
    assert ok.returncode == 0 and "run" in ok.stdout
    assert ok.stderr.strip().endswith("frozen") and "not frozen" not in ok.stderr
    bad = subprocess.run([sys.executable, "-c", PROBE, "run", "no-such-file.yaml"],
                         capture_output=True, text=True, env=subprocess_env(), check=False)
    assert bad.returncode == 2 and "no-such-file.yaml" in bad.stderr


@pytest.mark.slow
def test_a_run_process_leaves_every_file_complete(tmp_path: Path) -> None:
    out = tmp_path / "run"
    res = subprocess.run([sys.executable, "-m", "jobfirst_sim.cli", "run",
                          str(TRIAL), "-r", "1", "--seed", "3", "--out", str(out), *SMALL],
                         capture_output=True, text=True, env=subprocess_env(), check=False)
    assert res.returncode == 0, res.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    for name, entry in manifest["file_digests"].items():
        assert (out / name).stat().st_size == entry["bytes"], name
    assert (out / "report.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert f"rapport: {out / 'report.html'}" in res.stdout  # --lang da, the default
