"""`jobfirst explain` on a scenario that ends before week 78 (issue 23 §4, short horizons):
the horizon is read by default, week 78 asked for is refused with a clear message, and no
output holds NaN."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
from small import small_calendar, small_trial
from test_explain import SMALL_SETS, TRIAL
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.decide.explain import (
    ExplainError,
    ExplainRequest,
    check_observable,
    default_metric,
    prepared,
)

runner = CliRunner()

SHORT_SETS = [a.replace("run.weeks_followed=80", "run.weeks_followed=30") for a in SMALL_SETS]
"""The small explain of test_explain.py, its citizens followed 30 weeks instead of 80."""


def test_default_metric_is_read_at_the_horizon_when_week_78_is_not_observed() -> None:
    assert default_metric(small_trial(weeks=80)) == "share_with_hours_w78"
    assert default_metric(small_trial(weeks=30)) == "share_with_hours_end"
    assert default_metric(small_calendar(horizon=30)) == "share_with_hours_end"
    assert default_metric(small_calendar(horizon=30), "mean_wage_hours_w78") == (
        "mean_wage_hours_end")


def test_week_78_on_a_30_week_calendar_is_read_at_the_horizon_or_refused() -> None:
    scen = small_calendar(horizon=30)
    req = prepared(ExplainRequest(scenario=scen, arm_from="today", arm_to="proposed"))
    assert req.metric == "share_with_hours_end"  # the library reads the horizon
    with pytest.raises(ExplainError) as err:  # the command refuses it asked for by name
        check_observable("share_with_hours_w78", scen)
    msg = str(err.value)
    assert "--metric share_with_hours_w78" in msg
    assert "week 30" in msg and "calendar.horizon_weeks" in msg
    assert "--metric share_with_hours_end" in msg
    check_observable("share_with_hours_end", scen)  # read at the horizon: fine


def test_cli_refuses_week_78_before_anything_runs(tmp_path: Path) -> None:
    out = tmp_path / "ex"
    res = runner.invoke(app, ["explain", str(TRIAL), "--from", "control", "--to", "jobfirst",
                              "--metric", "share_with_hours_w78", "-r", "2",
                              "--out", str(out), *SHORT_SETS])
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    assert "--metric share_with_hours_w78" in res.output
    assert "run.weeks_followed 30" in res.output
    assert not out.exists()


@pytest.mark.slow
def test_cli_on_a_short_run_explains_the_horizon_without_nan(tmp_path: Path) -> None:
    out = tmp_path / "ex"
    res = runner.invoke(app, ["explain", str(TRIAL), "--from", "control", "--to", "jobfirst",
                              "-r", "2", "--seed", "4", "--out", str(out), "--lang", "en",
                              *SHORT_SETS])
    assert res.exit_code == 0, res.output
    assert "nan" not in res.stdout.lower()
    manifest = json.loads((out / "explain.json").read_text("utf-8"))
    assert manifest["metric"] == "share_with_hours_end"
    head = manifest["headline"]
    assert all(head[k] is not None for k in ("current", "proposed", "difference"))
    tab = pd.read_parquet(out / "explain.parquet")
    assert tab["effect"].map(math.isfinite).all()
    assert set(tab["metric"]) == {"share_with_hours_end"}
    page = (out / "explain.html").read_text("utf-8")
    words = _visible_words(page)
    assert "nan" not in words.lower().split() and "nan %" not in words.lower()
    assert "Share with ordinary hours at the horizon" in words


def _visible_words(page: str) -> str:
    """The page's visible prose (outside scripts and styles)."""
    import re

    body = re.sub(r"<(script|style).*?</\1>", "", page, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())
