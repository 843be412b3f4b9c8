"""Where two teams' intervals overlap the reveal says "ingen klar forskel" instead of a
place in the ranking (issue 24 §4)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from jobfirst_sim.app.workshop.present_room import cost_verdict, overlap, ties
from jobfirst_sim.words import t


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


def _cost(mean: float, low: float, high: float) -> dict[str, Any]:
    r = _result(0.0, 0.0, 0.0)
    r["start"] = {**r["start"], "net_cost": {"mean": 108e6, "low": 107e6, "high": 109e6}}
    r["difference"]["net_cost"] = {"mean": mean, "low": low, "high": high}
    return r


def test_kroner_say_in_words_whether_dearer_or_cheaper() -> None:
    assert cost_verdict(_cost(-1e5, -1e6, 8e5), "da").startswith(
        "Hverken dyrere eller billigere end start: intervallet")
    assert cost_verdict(_cost(-1e5, -2e5, -0.5e5), "da").startswith(
        "Hverken dyrere eller billigere end start: forskellen er under 1 %")
    assert cost_verdict(_cost(5e6, 4e6, 6e6), "en").startswith(
        "Dearer than the start: +DKK\xa05M (4.6%")
    assert cost_verdict(_cost(-5e6, -6e6, -4e6), "da").startswith("Billigere end start: −5")
    for verdict in (cost_verdict(_cost(-1e5, -2e5, -0.5e5), "da"),
                    cost_verdict(_cost(-5e6, -6e6, -4e6), "da")):
        assert verdict.endswith(("kr.", ").")) and not verdict.endswith("..")


def test_the_debrief_says_whom_the_citizens_with_hours_count(app: Any) -> None:
    from flask import render_template, render_template_string

    from jobfirst_sim.app.workshop.views.common import common

    with app.test_request_context("/debrief"):
        c = common()
        html = render_template("reveal.html", **c, card={"title": {"da": "Kort"}},
                               rows=[_row(1, "Nord", _cost(-1e5, -1e6, 8e5))], ranking=False,
                               tied={"by": {}, "all": ""})
        assert "Hverken dyrere eller billigere" in html
        r = {**_cost(-1e5, -1e6, 8e5), "replications": 2, "price_year": 2024,
             "business_case": [{"item": "citizens_with_hours", "column": col, "mean": 40.0,
                                "low": 38.0, "high": 42.0}
                               for col in ("base", "design", "difference")]}
        block = render_template_string(
            '{% from "macros.html" import result_block with context %}'
            "{{ result_block(r, None, story=False) }}", **c, r=r)
    assert t("ws_hours_denominator", "da") in block.replace("&#39;", "'")
    assert "Hverken dyrere eller billigere" in block
