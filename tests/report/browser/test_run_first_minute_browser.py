"""The run report as a manager sees it in Chromium, for the trial replica and a two-arm
what-if, in Danish and English: "In short" first, no raw field path and no untranslated
sector name in the visible text, no trial marks for the what-if; screenshots kept in
test-artifacts/ (run_first_minute_<case>_<lang>.png)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from run_pages import real_run_dir, whatif_run_dir

from jobfirst_sim.report import make_report
from jobfirst_sim.scenario.schema import DEFAULT_SECTORS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RAW_PATHS = ("arms.", "organisation.", "_w78", ".parquet")
SECTORS = [s.name for s in DEFAULT_SECTORS]
ENGLISH_SECTORS = ("Retail", "Cleaning service", "Manufacturing", "Hospitality",
                   "Transport and warehouse", "Public administration")


def visible_text(browser: Any, path: Path, screenshot: Path) -> str:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length > 0",
                           timeout=30_000)
    page.wait_for_timeout(300)
    page.screenshot(path=str(screenshot), full_page=True)
    text: str = page.inner_text("body")
    page.close()
    return text


@pytest.mark.parametrize("case", ["trial", "whatif"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_run_report_first_minute(browser: Any, artifacts: Path, tmp_path: Path,
                                 case: str, lang: str) -> None:
    run = tmp_path / "run"
    shutil.copytree(real_run_dir() if case == "trial" else whatif_run_dir(), run)
    result = make_report(run, lang=lang)
    text = visible_text(browser, result.path, artifacts / f"run_first_minute_{case}_{lang}.png")
    body = text.split("\n", 3)[-1]
    first = "Kort fortalt" if lang == "da" else "In short"
    about = "Om kørslen" if lang == "da" else "About this run"
    # In short is the first section and About this run the last; the seed is only there
    assert re.search(rf"^{first}$", body, re.M)
    assert body.index(first) < body.index(about)
    headings = [ln for ln in body.splitlines() if ln in (first, about)]
    assert headings[-1] == about
    assert ("pct.-point" if lang == "da" else "\u00a0pp") in text
    seed_word = "Rodfrø" if lang == "da" else "Root seed"
    assert text.index(seed_word) > text.index(about)
    for raw in RAW_PATHS:
        assert raw not in text, raw
    for sector in SECTORS:  # raw keys never show
        assert not re.search(rf"\b{sector}\b", text), sector
    if lang == "da":
        for english in ENGLISH_SECTORS:
            assert english not in text, english
    trial_marks = ("T1:", "T2:", "T4 ", "[OFF]", "◆")
    if case == "whatif":
        assert not any(m in text for m in trial_marks), [m for m in trial_marks if m in text]
        assert ("Kun 2 gentagelser" if lang == "da" else "Only 2 replications") in text
    else:
        assert "T1" in text and "T5" in text
