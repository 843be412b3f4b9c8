"""Executor plumbing that needs no cluster: chunking, worker version checks, progress."""

from __future__ import annotations

import pytest

from jobfirst_sim.sweep import StoreError
from jobfirst_sim.sweep.executors import _local_versions, check_worker_versions, chunk_size_for
from jobfirst_sim.sweep.progress import SweepProgress


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
