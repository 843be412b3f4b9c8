"""The levers on the reveal and debrief teach (issue 24 §4): values in the page's language
with their unit, one sentence on each mechanism, no 0,0 pp lever among the biggest, and a
"samspil og resten" line so the parts add up to the whole."""

from __future__ import annotations

from typing import Any

import pytest

from jobfirst_sim.app.workshop.engine.design import PRACTICES
from jobfirst_sim.app.workshop.present_levers import lever_rows, mechanism, value_text


def _result(levers: list[dict[str, Any]], total: float) -> dict[str, Any]:
    return {"levers": levers, "lever_replications": 1,
            "difference": {"hours_share": {"mean": total, "low": None, "high": None}}}


def _lever(name: str, effect: float, frm: str = "false", to: str = "true") -> dict[str, Any]:
    return {"name": name, "from": frm, "to": to, "effect": effect, "min": effect,
            "max": effect}


def test_a_lever_that_rounds_to_zero_is_not_among_the_biggest() -> None:
    shown = lever_rows(_result([_lever("cv_at_start", 0.012),
                                _lever("work_agreement", 0.0004)], 0.02), "da")
    assert [r["effect"] for r in shown["rows"]] == ["+1,2\xa0pct.-point"]
    nothing = lever_rows(_result([_lever("work_agreement", -0.0004)], 0.0), "da")
    assert nothing["rows"] == [] and nothing["any"]


def test_the_rest_line_makes_the_parts_add_up_to_the_total() -> None:
    shown = lever_rows(_result([_lever("cv_at_start", 0.012),
                                _lever("purpose_explicit", 0.010)], 0.063), "da")
    assert shown["rest"] == "+4,1\xa0pct.-point" and shown["total"] == "+6,3\xa0pct.-point"
    exact = lever_rows(_result([_lever("cv_at_start", 0.012)], 0.012), "en")
    assert exact["rest"] is None


def test_lever_values_are_in_the_pages_language() -> None:
    old, new = "none", "handover 0.5, ramp-up 12 weeks from 0.3"
    da = value_text("transition", new, "da")
    assert da.replace("\xa0", " ") == (
        "50 % af sagerne skifter kontaktperson, indkøring over 12 uger fra 30 %")
    assert "handover" not in da and "ramp-up" not in da
    assert value_text("transition", old, "da") == "ingen omstilling"
    assert value_text("social_effort", "sequential", "da").startswith("Sekventielt")
    assert value_text("role_model+jobformidler", "bum/false", "da") == \
        "BUM (bestiller-udfører) / nej"
    assert value_text("contact_interval_weeks", "2", "da") == "2 uger"
    assert value_text("weeks_without_hours_before_switch", "never", "en") == "never"


@pytest.mark.parametrize(("value", "da", "en"), [
    ("45", "45 borgere pr. årsværk", "45 citizens per FTE"),
    ("40-50 (mean 45.0)", "40–50 (gns. 45,0) borgere pr. årsværk",
     "40–50 (mean 45.0) citizens per FTE"),
])
def test_the_caseload_lever_says_its_unit(value: str, da: str, en: str) -> None:
    assert value_text("caseload", value, "da") == da
    assert value_text("caseload", value, "en") == en


@pytest.mark.parametrize("name", [*(p.name for p in PRACTICES), "caseload", "role_model",
                                  "role_model+jobformidler", "jobformidler", "colocated",
                                  "transition", "practice_by_benefit"])
def test_every_lever_has_a_sentence_on_its_mechanism(name: str) -> None:
    da, en = mechanism(name, "da"), mechanism(name, "en")
    assert da and en and da != en
    shown = lever_rows(_result([_lever(name, 0.01)], 0.01), "da")
    assert shown["rows"][0]["why"] == da
