"""The browser's sweep tab as a manager sees it, in Danish and English (issue 23 §3).

Served by the project's server and drawn by Chromium: the visible text of the tab (its
choices, the design-point chart and the drill-down) holds no name from the experiment file
or the tables, the y-axis title lies inside the chart (it was cut), and the screenshots
are kept in test-artifacts/sweep/ to be looked at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from report_support import real_sweep_dirs
from served import serving
from test_report_browser import Recorder

from jobfirst_sim.app.browse import make_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANGS = ("da", "en")
RAW = ("t1_effect", "t2_jobfirst", "arms.", "organisation.", "practice.", "cv_at_start",
       "caseload", "True", "False", "NaN", "undefined", "None")


@pytest.fixture(scope="module")
def urls() -> Iterator[dict[str, str]]:
    """The browser over the tiny factorial sweep, one server per language."""
    sweep = real_sweep_dirs()["factorial"]
    with serving(make_app([sweep], lang="da").server) as da, \
            serving(make_app([sweep], lang="en").server) as en:
        yield {"da": da.url, "en": en.url}


@pytest.mark.parametrize("lang", LANGS)
def test_sweep_tab_reads_as_words(browser: Any, artifacts: Path, urls: dict[str, str],
                                  lang: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    rec = Recorder(page, ("http://127.0.0.1",))
    page.goto(urls[lang])  # only sweeps: the sweep tab is the one shown
    page.wait_for_selector("#sweep-graph .main-svg", timeout=30_000)
    page.wait_for_selector("#drill-graph .main-svg", timeout=30_000)
    page.wait_for_function("document.querySelector('#drill-note').textContent.length > 0",
                           timeout=30_000)
    page.wait_for_timeout(300)
    out = artifacts / "sweep"
    out.mkdir(exist_ok=True)
    page.screenshot(path=str(out / f"sweep_tab_{lang}.png"), full_page=True)
    shown = page.locator("body").inner_text()
    svg = " ".join(page.eval_on_selector_all(
        ".main-svg text", "els => els.map(e => e.textContent)"))
    for raw in RAW:
        assert raw not in shown and raw not in svg, raw
    assert ("Sagsstamme" if lang == "da" else "Caseload") in shown + svg
    assert ("procentpoint" if lang == "da" else "percentage points") in svg
    # the y title lies within the chart, not cut at its top or bottom
    chart = page.locator("#sweep-graph .main-svg").first.bounding_box()
    title = page.locator("#sweep-graph .ytitle").first.bounding_box()
    assert chart is not None and title is not None
    assert chart["y"] <= title["y"] and title["y"] + title["height"] <= chart["y"] + chart[
        "height"], (chart, title)
    assert title["x"] >= chart["x"], (chart, title)
    assert rec.errors == [] and rec.blocked == []
    page.close()
