"""A chart per round on the reveal and debrief: each team's result with its interval, its
prediction and the start, read out in words for a screen reader (issue 24 §4)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from types import SimpleNamespace
from typing import Any

from jobfirst_sim.app.workshop.present_chart import round_chart


def _row(i: int, name: str, mean: float, predicted: float | None) -> dict[str, Any]:
    share = {"mean": mean, "low": mean - 0.02, "high": mean + 0.02}
    start = {"mean": 0.13, "low": 0.12, "high": 0.14}
    return {"team": SimpleNamespace(id=i, name=name),
            "prediction": None if predicted is None else {"hours_share": predicted},
            "result": {"team": {"hours_share": share}, "start": {"hours_share": start}}}


def test_the_chart_shows_result_interval_prediction_and_start() -> None:
    html = str(round_chart([_row(1, "Nord", 0.19, 0.35), _row(2, "Syd & co", 0.15, None),
                            {"team": SimpleNamespace(id=3, name="Øst"), "result": None}],
                           "da", "2"))
    svg = ET.fromstring(html)[0]  # <figure><svg>: well-formed, names escaped
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == \
        "chart-title-2 chart-desc-2"
    assert len(svg.findall(f"{ns}circle")) == 2  # one dot per team with a result
    assert len(svg.findall(f"{ns}path")) == 1  # one prediction
    desc = svg.find(f"{ns}desc")
    assert desc is not None and desc.text is not None
    text = desc.text.replace("\xa0", " ")
    assert "Startjobcentret: 13,0 %." in text
    assert "Nord: 19,0 % (interval 17,0 % til 21,0 %). Forudsagt: 35,0 %." in text
    assert "Syd & co: 15,0 %" in text and "Øst" not in text


def test_no_result_no_chart() -> None:
    assert str(round_chart([], "en")) == ""


def test_a_long_team_name_is_cut_to_fit_left_of_the_axis() -> None:
    """A long Danish name ran off the chart's left edge; it is cut with "…" (the full name
    is in the description)."""
    long = "Beskæftigelsesforvaltningens Virksomhedsservice"
    svg = ET.fromstring(str(round_chart([_row(1, long, 0.19, 0.2)], "da")))[0]
    ns = "{http://www.w3.org/2000/svg}"
    names = [e.text for e in svg.findall(f"{ns}text") if e.get("class") == "name"]
    assert names == ["Beskæftigelsesf…"]
    desc = svg.find(f"{ns}desc")
    assert desc is not None and long in (desc.text or "")
