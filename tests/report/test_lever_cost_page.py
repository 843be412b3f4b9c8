"""The explain page's cost-by-lever section and its terminal lines (report/lever_cost.py):
both languages from the catalog, a table and a bar chart, mio. kr. with one decimal, "not
meaningful" where a lever buys no sure hours, the Monte Carlo error stated, no raw names."""

from __future__ import annotations

import re

import numpy as np
import pytest
from lever_cost_split import COSTS, EFFECTS, split_of

from jobfirst_sim.decide import shapley as sh
from jobfirst_sim.report.html import render_page
from jobfirst_sim.report.lever_cost import (
    fig_lever_cost,
    lever_cost_sections,
    lever_cost_text,
    table_rows,
)

RAW = ("cv_at_start", "work_agreement", "caseload", "None", "nan", "control", "jobfirst")


def visible(html: str) -> str:
    """The page's prose: tags, scripts and the figures' data left out."""
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize(("lang", "words"), [
    ("da", ("Hvad koster hvert greb?", "ikke meningsfuldt", "mio. kr.", "Monte Carlo-fejl")),
    ("en", ("What does each lever cost?", "not meaningful", "DKK", "Monte Carlo error"))])
def test_the_section_in_both_languages(lang: str, words: tuple[str, ...]):
    split = split_of(EFFECTS, COSTS)
    [section] = lever_cost_sections(split, lang)
    text = visible(render_page("t", "s", lang, [section]))
    for word in words:
        assert word in text, word
    for raw in RAW:
        assert not re.search(rf"\b{raw}\b", text), raw
    assert any(isinstance(b, tuple) and b[0] == "explain_lever_cost" for b in section.blocks)


def test_the_table_rounds_to_mio_and_puts_the_priced_lever_first():
    header, rows = table_rows(split_of(EFFECTS, COSTS), "da")
    assert len(header) == 7 and len(rows) == 4
    first = rows[0]
    assert first[1].startswith("+2,0")  # +2 pp
    assert first[3].startswith("+1,0 mio. kr.")
    assert first[5] == "50.000\u00a0kr."  # 1 mio. kr. a year for 20 more citizens in hours
    assert first[6] == "25.000\u00a0kr."  # the public sector pays half
    assert rows[-1][0] == "Hele forslaget"
    assert [r[5] for r in rows[1:]] == ["ikke meningsfuldt"] * 3


def test_the_chart_has_one_bar_per_payer_and_lever():
    fig = fig_lever_cost(split_of(EFFECTS, COSTS), "en")
    assert fig is not None
    bars = fig["data"]
    assert [b["name"] for b in bars] == ["The municipality (after refusion)",
                                         "Public sector (after taxes)"]
    assert all(len(b["y"]) == 3 for b in bars)


def test_the_terminal_states_the_error_and_nothing_without_costs():
    text = lever_cost_text(split_of(EFFECTS, COSTS, error=0.002), "en")
    assert text.startswith("Cost by lever")
    assert ("at most ± 0.2\u00a0pp on a lever's effect and ± DKK\u00a050,000 a year"
            in text)
    assert "price per citizen not meaningful" in text
    bare = split_of(EFFECTS, COSTS)
    none = sh.ShapleyResult(bare.request, "exact", {}, np.zeros(5), {}, 0, 0, 0.0)
    assert lever_cost_text(none, "da") == "" and lever_cost_sections(none, "da") == []
    assert lever_cost_text(None, "da") == ""


def test_an_unknown_error_is_said_not_shown_as_zero():
    one_pair = split_of(EFFECTS, COSTS, error=float("nan"))
    text = lever_cost_text(one_pair, "en")
    assert "The Monte Carlo error is not known" in text and "± 0" not in text
    assert "price per citizen not meaningful" in text  # an unknown error decides nothing
    assert "DKK\u00a050,000 per extra citizen" not in text
