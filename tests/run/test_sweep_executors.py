"""Executor plumbing that needs no cluster: chunking, worker version checks, progress."""

from __future__ import annotations

import pytest

from jobfirst_sim.run.executors import (
    _local_versions,
    check_worker_versions,
    chunk_size_for,
    worker_environment_warnings,
)
from jobfirst_sim.run.sweep import StoreError
from jobfirst_sim.run.sweep.progress import SweepProgress


class FakeClient:
    """Just the two methods of ``distributed.Client`` that the version check calls."""

    def __init__(self, worker_versions: dict[str, dict[str, str]], dask_ok: bool = True) -> None:
        self.worker_versions = worker_versions
        self.dask_ok = dask_ok

    def get_versions(self, check: bool = False) -> dict[str, object]:
        if check and not self.dask_ok:
            raise ValueError("Mismatched versions found: distributed 2024.1 vs 2026.8")
        return {}

    def run(self, fn: object) -> dict[str, dict[str, str]]:
        return self.worker_versions


def test_matching_workers_pass() -> None:
    check_worker_versions(FakeClient({"tcp://127.0.0.1:1": _local_versions()}))


def test_mismatched_numpy_on_a_worker_fails_clearly() -> None:
    bad = {**_local_versions(), "numpy": "1.0.0"}
    client = FakeClient({"tcp://127.0.0.1:1": _local_versions(), "tcp://127.0.0.1:2": bad})
    with pytest.raises(StoreError) as info:
        check_worker_versions(client)
    msg = str(info.value)
    assert "tcp://127.0.0.1:2: numpy 1.0.0" in msg
    assert "tcp://127.0.0.1:1" not in msg


def test_dask_own_version_check_is_reported() -> None:
    with pytest.raises(StoreError, match="Dask version mismatch"):
        check_worker_versions(FakeClient({}, dask_ok=False))


class EnvClient:
    """``Client.run`` returning each worker's slow environment settings."""

    def __init__(self, envs: dict[str, dict[str, str]]) -> None:
        self.envs = envs

    def run(self, fn: object) -> dict[str, dict[str, str]]:
        return self.envs


def test_slow_malloc_setting_on_workers_is_reported_once() -> None:
    client = EnvClient(
        {
            "tcp://127.0.0.1:1": {"MALLOC_TRIM_THRESHOLD_": "65536"},
            "tcp://127.0.0.1:2": {"MALLOC_TRIM_THRESHOLD_": "65536"},
            "tcp://127.0.0.1:3": {},
        }
    )
    (message,) = worker_environment_warnings(client)
    assert "MALLOC_TRIM_THRESHOLD_=65536" in message
    assert "experiments/dask-config" in message


def test_workers_without_slow_settings_get_no_warning() -> None:
    assert worker_environment_warnings(EnvClient({"tcp://127.0.0.1:1": {}})) == []


@pytest.mark.parametrize(
    ("runs", "workers", "size"), [(1, 2, 1), (40, 2, 5), (1000, 2, 10), (1000, 64, 4), (7, 8, 1)]
)
def test_chunk_sizes(runs: int, workers: int, size: int) -> None:
    assert chunk_size_for(runs, workers) == size


def test_progress_is_silent_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    with SweepProgress(10, 2, quiet=False, label="x") as bar:
        assert not bar.enabled  # pytest captures stderr: not a TTY
        bar.advance(3, failed=1)
    assert capsys.readouterr().err == ""


def test_warning_is_shown_above_the_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from rich.console import Console

    from jobfirst_sim.run.sweep import progress

    buf = io.StringIO()
    monkeypatch.setattr(
        progress, "Console", lambda file: Console(file=buf, force_terminal=True, width=200)
    )
    with SweepProgress(4, 0, quiet=False, label="x") as bar:
        assert bar.enabled
        bar.note("workers are slow")
        bar.advance(4)
    import re

    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", buf.getvalue())
    assert "warning: workers are slow" in plain


def test_warning_is_not_drawn_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    with SweepProgress(4, 0, quiet=False, label="x") as bar:
        bar.note("workers are slow")  # the final report carries it instead
    assert capsys.readouterr().err == ""
