"""``panel.parquet`` streamed per replication has the content -- and bytes -- of the panel
built whole (issue 9, §6).

"The old way" is rebuilt here from the model's own journey path: with a journey sample as
large as each arm, ``journeys`` holds every citizen, built week by week and sorted whole
as the panel was before streaming.
"""

from __future__ import annotations

import io as stdio
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

import jobfirst_sim.run.panel_file as panel_file
from jobfirst_sim import io
from jobfirst_sim.model.observe.recorder import PANEL_STORE
from jobfirst_sim.run.replicate import RunRequest, run_replications, run_to_directory
from jobfirst_sim.run.simulate import Replication, simulate, simulate_replication
from jobfirst_sim.scenario import Scenario

EVERYONE = 10**6


@pytest.fixture(scope="module")
def scen() -> Scenario:
    from small import small_trial

    return small_trial(n_kh=40, n_rf=10, weeks=40)


def old_way_panel(scen: Scenario, replications: int, seed: int) -> pd.DataFrame:
    parts = [simulate(scen, r, seed, journeys_per_arm=EVERYONE).journeys
             for r in range(replications)]
    return pd.concat(parts, ignore_index=True)


def test_one_replication_panel_equals_the_panel_built_whole(scen: Scenario) -> None:
    tables = simulate(scen, 1, 17, panel=True, journeys_per_arm=EVERYONE)
    assert tables.panel is not None
    pd.testing.assert_frame_equal(tables.panel, tables.journeys, check_exact=True)
    assert len(tables.panel) == 2 * 50 * (scen.run.weeks_followed + 1)  # 2 arms x 50


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_panel_file_is_byte_identical_to_the_old_way(scen: Scenario, tmp_path: Path,
                                                     workers: int) -> None:
    old = tmp_path / "old.parquet"
    io.write_parquet(old, old_way_panel(scen, 3, 23))  # what run_to_directory used to do
    out = tmp_path / "run"
    run_to_directory(RunRequest(scen, 3, seed=23, panel=True, workers=workers), out)
    assert (out / "panel.parquet").read_bytes() == old.read_bytes()
    assert not (out / "panel-parts").exists()


def test_row_groups_are_cut_across_replications_as_before(
        scen: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Row groups of a fixed size span replication boundaries, in replication order."""
    monkeypatch.setattr(panel_file, "ROW_GROUP_ROWS", 1000)
    out = tmp_path / "run"
    run_to_directory(RunRequest(scen, 3, seed=4, panel=True), out)
    meta = pq.ParquetFile(out / "panel.parquet").metadata
    sizes = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
    assert all(s == 1000 for s in sizes[:-1]) and 0 < sizes[-1] <= 1000
    got = pd.read_parquet(out / "panel.parquet")
    pd.testing.assert_frame_equal(got, old_way_panel(scen, 3, 4), check_exact=True)


def test_parts_arriving_out_of_order_are_written_in_replication_order(
        scen: Scenario, tmp_path: Path) -> None:
    parts = tmp_path / "parts"
    parts.mkdir()
    for r in (2, 0, 1):  # finished in another order than they were asked for
        simulate_replication(Replication(scen, r, 8, True, str(parts)))
    writer = panel_file.PanelWriter(tmp_path / "panel.parquet")
    for r in range(3):
        writer.add_part(panel_file.part_path(parts, r))
    writer.close()
    got = pd.read_parquet(tmp_path / "panel.parquet")
    assert list(dict.fromkeys(got["replication"])) == [0, 1, 2]
    pd.testing.assert_frame_equal(got, old_way_panel(scen, 3, 8), check_exact=True)


def test_a_remote_worker_returns_its_part_as_bytes(scen: Scenario) -> None:
    """Without a shared disk (a Dask scheduler elsewhere) the part travels as bytes."""
    tables = simulate_replication(Replication(scen, 0, 3, True, None))
    assert tables.panel is None and tables.panel_parquet is not None
    got = pd.read_parquet(stdio.BytesIO(tables.panel_parquet))
    pd.testing.assert_frame_equal(got, old_way_panel(scen, 1, 3), check_exact=True)
    whole = run_replications(scen, 2, 3, panel=True)  # no panel folder: one frame back
    assert whole.panel is not None and whole.panel_parquet is None
    pd.testing.assert_frame_equal(whole.panel, old_way_panel(scen, 2, 3), check_exact=True)


def test_bytes_from_workers_are_spilled_as_they_arrive(
        scen: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scheduler path: parts come back as bytes and go to disk at once, not to memory."""
    from jobfirst_sim.run.executors import Executor

    seen: list[bytes | None] = []

    def fake_run_all(self, fn, tasks, *, on_done, **kwargs):  # type: ignore[no-untyped-def]
        from jobfirst_sim.run.executors import Done

        out = {}
        for task in reversed(tasks):  # out of order
            assert task.keep.panel_dir is None  # a remote worker cannot reach our disk
            value = fn(task)
            on_done(Done(task, value))
            seen.append(value.panel_parquet)
            out[task.key] = value
        return out

    monkeypatch.setattr(Executor, "run_all", fake_run_all)
    parts = tmp_path / "parts"
    parts.mkdir()
    run_replications(scen, 2, 6, panel=True, panel_dir=parts, scheduler="tcp://nowhere:1")
    assert seen == [None, None]  # the bytes were let go once spilled
    assert sorted(p.name for p in parts.iterdir()) == ["000000.parquet", "000001.parquet"]


def test_the_panel_store_keeps_only_lossless_narrow_types() -> None:
    widths = {name: np.dtype(t).itemsize for name, t in PANEL_STORE}
    assert sum(widths.values()) <= 60  # bytes per citizen-week (a 100,000 x 105 panel: 620 MB)
    for name in ("purpose", "status", "stage"):
        assert widths[name] == 1
