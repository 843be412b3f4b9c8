"""Run folders for the run-report page tests: the trial replica and a two-arm what-if.

The trial replica is :func:`report_support.real_run_dir` (the trial scenario made small,
``run.compare_with_trial`` true, with a panel); the what-if is the same population with the
trial comparison off and only 2 replications (the case where raw share intervals run
outside 0–100 %). Each is made once per test process.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

from report_support import real_run_dir
from small import small_trial

__all__ = ["real_run_dir", "whatif_run_dir"]


@cache
def whatif_run_dir() -> Path:
    """A two-arm what-if run (no trial comparison, 2 replications), made once."""
    from jobfirst_sim.run.replicate import RunRequest, run_to_directory

    scen = small_trial(n_kh=150, n_rf=50, weeks=80, **{"run.compare_with_trial": False})
    tmp = Path(tempfile.mkdtemp(prefix="jobfirst-whatif-test-"))
    atexit.register(shutil.rmtree, tmp, True)
    out = tmp / "run"
    run_to_directory(RunRequest(scenario=scen, replications=2, seed=7, command="tests"), out)
    return out
