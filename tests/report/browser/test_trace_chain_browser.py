"""The mechanism chain as a manager sees it, in Danish and English (report/trace.py).

In a real (headless) Chromium: a screenshot of the chain kept in test-artifacts/; every
link's text stays inside its box (the longest Danish names wrap, never spill over the
frame); the chain fits the page's width; the line saying the chain is not a tested
mediation is visible under it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from small import near_pair

from jobfirst_sim.decide import compare as cmp
from jobfirst_sim.report.compare import write_html
from jobfirst_sim.report.labels import t
from jobfirst_sim.scenario import with_changes

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: per link box: its frame and the extent of every text inside it (SVG user units)
_BOXES_JS = """() => [...document.querySelectorAll('svg.trace-chain g.link')].map(g => {
  const r = g.querySelector('rect').getBBox();
  const texts = [...g.querySelectorAll('text')].map(x => {
    const b = x.getBBox(); return {x: b.x, y: b.y, w: b.width, h: b.height};});
  return {rect: {x: r.x, y: r.y, w: r.width, h: r.height}, texts};
})"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    s = with_changes(near_pair(), {"arms_mode": "alternatives"})
    res = cmp.run_compare(cmp.from_arms(s, "control", "jobfirst", replications=3, seed=5,
                                        horizons=(26,)))
    d = tmp_path_factory.mktemp("trace")
    return {lang: write_html(res, d / f"compare_{lang}.html", lang) for lang in ("da", "en")}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_chain_text_stays_inside_its_boxes(browser: Any, artifacts: Path,
                                           pages: dict[str, Path], lang: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(pages[lang].as_uri())
    chain = page.locator("figure.trace-chain").first
    chain.scroll_into_view_if_needed()
    chain.screenshot(path=str(artifacts / f"trace_chain_{lang}.png"))
    boxes = page.evaluate(_BOXES_JS)
    assert len(boxes) >= 10
    for box in boxes:
        r = box["rect"]
        for x in box["texts"]:
            assert x["w"] > 0
            assert r["x"] <= x["x"] and x["x"] + x["w"] <= r["x"] + r["w"], (lang, x)
            assert r["y"] <= x["y"] and x["y"] + x["h"] <= r["y"] + r["h"], (lang, x)
    svg = page.locator("svg.trace-chain").first.bounding_box()
    section = page.locator("section#trace_control").first.bounding_box()
    assert svg is not None and section is not None
    assert svg["x"] + svg["width"] <= section["x"] + section["width"] + 1
    assert t("trc_not_mediation", lang) in page.inner_text("section#trace_control")
    page.close()
