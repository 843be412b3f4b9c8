"""Process helpers shared by the kill-and-resume tests and experiments/benchmarks.

Why one module: the sweep tests and ``experiments/benchmarks/sweep_resume_check.py`` both
start ``jobfirst sweep`` in a subprocess, kill it and look for what it left behind; the
benchmark puts ``tests/`` on its path to use these instead of a copy.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def sweep_cli(*args: str) -> list[str]:
    """The ``jobfirst sweep`` command line run by this interpreter."""
    return [sys.executable, "-m", "jobfirst_sim.cli", "sweep", *args]


def subprocess_env() -> dict[str, str]:
    """This environment with the repository first on ``PYTHONPATH``."""
    out = dict(os.environ)
    out["PYTHONPATH"] = os.pathsep.join([str(REPO), out.get("PYTHONPATH", "")])
    return out


def _stat_fields(pid: int | str) -> list[str] | None:
    """Fields of /proc/<pid>/stat after the command name (state, ppid, ...), or None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.rindex(")") + 2:].split()


def children(pid: int) -> list[int]:
    """Pids whose parent is ``pid`` (from /proc/<pid>/stat)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(entry.name)
            if fields is not None and int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def alive(pid: int) -> bool:
    """Running (a zombie waiting for init to reap it counts as gone)."""
    fields = _stat_fields(pid)
    return fields is not None and fields[0] != "Z"
