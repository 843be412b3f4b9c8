"""The mechanism trace drawn as a chain (report/trace.py) in Danish and English: one box
per link in the model's order, the input shown as chosen (no direction, no interval), a
link marked only when decide/trace.py marks it, the line saying the chain is the model's
and not a tested mediation, and no raw step or metric names in the visible text."""

from __future__ import annotations

import re

import pytest
from small import near_pair

from jobfirst_sim.decide import compare as cmp
from jobfirst_sim.report.compare import build_html, terminal_text
from jobfirst_sim.report.html import esc
from jobfirst_sim.report.labels import t
from jobfirst_sim.report.trace import GLYPHS, chain_svg, trace_rows, trace_section
from jobfirst_sim.scenario import with_changes


@pytest.fixture(scope="module")
def comparison() -> cmp.Comparison:
    s = with_changes(near_pair(), {"arms_mode": "alternatives"})
    return cmp.run_compare(cmp.from_arms(s, "control", "jobfirst", replications=3, seed=5,
                                         horizons=(26,)))


def _visible(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_chain_has_one_box_per_link_and_marks_only_what_the_rule_marks(comparison, lang):
    trace = comparison.trace("control")
    svg = chain_svg(trace, lang, "control", "title")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    boxes = re.findall(r'<g class="link (\w+)">', svg)
    assert boxes == list(trace["direction"])  # one box per link, in the model's order
    assert boxes[0] == "input"  # citizens per FTE: chosen, never judged
    assert svg.count("<path d=\"M") == len(trace) - 1 + 1  # arrows + the arrowhead's shape
    texts = _visible(svg)
    assert t("trc_chosen", lang) in texts
    glyphs = [x.split(" ")[0] for x in texts if x[:1] in GLYPHS.values()]
    assert glyphs == [GLYPHS[d] for d in trace["direction"] if d in ("up", "down")]
    not_clear = t("trc_not_clear", lang, change="").strip()
    assert sum(x.endswith(not_clear) for x in texts) == list(trace["direction"]).count("none")
    joined = " ".join(texts)
    for raw in ("share_", "mean_", "citizens_per_fte", "nan", "None", "true", "false"):
        assert raw not in joined


@pytest.mark.parametrize("lang", ["da", "en"])
def test_section_says_the_chain_is_not_a_mediation_and_tables_thresholds(comparison, lang):
    trace = comparison.trace("control")
    sec = trace_section(trace, lang, ("A", "B"), "control")
    html = "".join(b for b in sec.blocks if isinstance(b, str))
    assert esc(t("trc_not_mediation", lang)) in html
    rows = trace_rows(trace, lang)
    assert rows[0][4] == "–" and rows[0][6] == t("trc_direction_input", lang)
    assert rows[0][5] == t("trc_threshold_input", lang)
    assert all(r[5] != t("trc_threshold_input", lang) for r in rows[1:])


@pytest.mark.parametrize(("lang", "words"), [("da", "mediationsanalyse"),
                                              ("en", "mediation analysis")])
def test_compare_page_and_terminal_show_the_chain(comparison, lang, words):
    page, _ = build_html(comparison, lang)
    assert page.count('class="trace-chain"') == 2  # the figure and its SVG
    assert words in page
    assert words in terminal_text(comparison, lang)


def test_a_share_links_interval_is_cut_at_what_a_share_difference_can_be() -> None:
    """Two replications give t-intervals far past ±100 pp; the table never prints them."""
    import pandas as pd

    from jobfirst_sim.report.trace import interval_text

    row = pd.Series({"ci_low": -3.754, "ci_high": 5.014, "rule": "points",
                     "metric": "share_with_hours_end"})
    text = interval_text(row, "en")
    assert "375" not in text and "501" not in text
    assert text.count("100.0") == 2
