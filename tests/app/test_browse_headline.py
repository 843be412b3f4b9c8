"""The browser's outcome tab leads with the headline metric and shows a run's ``headline``
block (summary.json) as compare reports it (issue 23 §1)."""

from __future__ import annotations

import json
from pathlib import Path

from jobfirst_sim.app.browse.data import OUTCOME_METRICS, Entry
from jobfirst_sim.app.browse.views import headline_line
from jobfirst_sim.metrics import HEADLINE


def test_a_runs_headline_block_is_one_line_of_the_outcome_tab(tmp_path: Path) -> None:
    assert OUTCOME_METRICS[0] == HEADLINE
    block = {"metric": HEADLINE, "week": None, "current": 0.088, "proposed": 0.129,
             "difference": 0.0416, "ci_low": -0.0369, "ci_high": 0.1202}
    (tmp_path / "summary.json").write_text(json.dumps({"headline": block}), encoding="utf-8")
    entry = Entry("run", "midtby", tmp_path)
    da = headline_line(entry, HEADLINE, "da")
    assert da.startswith("midtby: ") and "+4,2" in da and "12,0" in da
    assert "+4.2" in headline_line(entry, HEADLINE, "en")
    assert headline_line(entry, "share_with_hours_w78", "en") == ""  # another metric shown
    assert headline_line(Entry("run", "x", tmp_path / "missing"), HEADLINE, "en") == ""
