"""Where two teams' intervals overlap the reveal says "ingen klar forskel" instead of a
place in the ranking (issue 24 §4)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from jobfirst_sim.app.workshop.present_room import overlap, ties


def _result(low: float, mean: float, high: float) -> dict[str, Any]:
    side = {"hours_share": {"mean": 0.13, "low": 0.12, "high": 0.14},
            "net_cost": {"mean": 108e6, "low": 107e6, "high": 109e6}}
    return {"team": side, "start": side, "levers": [], "lever_replications": 1,
            "difference": {"hours_share": {"mean": mean, "low": low, "high": high},
                           "net_cost": {"mean": -1e5, "low": -1e6, "high": 8e5}}}


def _row(i: int, name: str, result: dict[str, Any] | None) -> dict[str, Any]:
    return {"team": SimpleNamespace(id=i, name=name), "design": None, "prediction": None,
            "result": result, "round": SimpleNamespace(number=1)}


def test_overlapping_intervals_are_no_clear_difference() -> None:
    a, b, c = _result(0.03, 0.050, 0.07), _result(0.05, 0.068, 0.085), _result(0.10, 0.12, 0.14)
    assert overlap(a, b) and not overlap(a, c) and not overlap(b, c)
    said = ties([_row(1, "Nord", a), _row(2, "Syd", b), _row(3, "Øst", c),
                 _row(4, "Vest", None)], "da")
    assert said["by"] == {1: "Ingen klar forskel til Syd: intervallerne overlapper.",
                          2: "Ingen klar forskel til Nord: intervallerne overlapper."}
    assert said["all"] == ""
    every = ties([_row(1, "Nord", a), _row(2, "Syd", b)], "en")
    assert every["all"].startswith("No clear difference between the teams")


def test_the_reveal_ranks_only_clear_differences(app: Any) -> None:
    from flask import render_template

    from jobfirst_sim.app.workshop.views.common import common

    rows = [_row(1, "Nord", _result(0.10, 0.12, 0.14)), _row(2, "Syd", _result(0.05, 0.068, 0.085)),
            _row(3, "Øst", _result(0.03, 0.050, 0.07))]
    with app.test_request_context("/reveal"):
        c = common()
        html = render_template("reveal.html", **c, card={"title": {"da": "Kort"}},
                               rows=rows, ranking=True, tied=ties(rows, "da"))
    assert "1. Nord" in html
    assert "2. Syd" not in html and "3. Øst" not in html
    assert "Ingen klar forskel til Øst" in html and "Ingen klar forskel til Syd" in html
