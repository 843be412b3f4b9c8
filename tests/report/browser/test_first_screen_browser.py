"""The first screen of compare and explain as a manager sees it, in Danish and English.

In a real (headless) Chromium, on a small copy of scenarios/our_jobcentre.yaml (whose arm
ids are ``today`` and ``proposed``): the first screen is kept as a screenshot in
test-artifacts/decide/; "In short" holds the effect, the net cost a year for the
municipality and the public sector in mio. kr., the payback, the pilot needed and the
picture by budget year, before the analysts' part; the page passes axe-core's WCAG 2.1
A/AA rules; and the visible text carries no raw value — ``false``, ``true``, ``None``,
``nan`` or an arm id — and no zero-width interval.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from axe_support import assert_accessible

from jobfirst_sim.decide import compare as cmp
from jobfirst_sim.decide.business import of_explain
from jobfirst_sim.decide.explain import ExplainRequest, explain
from jobfirst_sim.report.compare import write_html as compare_page
from jobfirst_sim.report.explain import write_html as explain_page
from jobfirst_sim.words import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANGS = ("da", "en")
RAW = ("false", "true", "None", "nan", "NaN")
"""Values as the program writes them, never words of a page."""
ARM_IDS = {"da": ("today", "proposed"), "en": ("proposed",)}
"""The scenario's arm ids; "today" is an English word, so it is looked for in Danish."""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    from small import small_calendar

    scen = small_calendar(horizon=60, scale=0.05)
    d = tmp_path_factory.mktemp("first_screen")
    comparison = cmp.run_compare(cmp.from_arms(scen, "today", "proposed", replications=2,
                                               seed=5))
    expl = explain(ExplainRequest(scen, "today", "proposed", replications=2, seed=5))
    case = of_explain.explain_case(expl.request, of_explain.run_books(expl.request))
    out = {}
    for lang in LANGS:
        out[("compare", lang)] = compare_page(comparison, d / f"compare_{lang}.html", lang)
        out[("explain", lang)] = explain_page(expl, d / f"explain_{lang}.html", lang,
                                              business=case)
    return out


def _open(browser: Any, path: Path) -> Any:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length > 0",
                           timeout=30_000)
    page.wait_for_timeout(300)
    return page


def raw_values(text: str, lang: str) -> list[str]:
    """Raw values and arm ids in ``text`` as whole words (with a little context)."""
    words = "|".join(map(re.escape, (*RAW, *ARM_IDS[lang])))
    return [text[max(0, m.start() - 60):m.end() + 60]
            for m in re.finditer(rf"\b({words})\b", text)]


def zero_width(text: str) -> list[str]:
    """Intervals whose two ends are the same (``[−20,0; −20,0]``, ``(2,3 mio. kr. til
    2,3 mio. kr.)``)."""
    return [m.group(0) for m in re.finditer(
        r"\[([^;\]\[]+); \1\]|\(([^()]+) (?:til|to) \2\)", text)]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["compare", "explain"])
def test_first_screen_answers_a_board(browser: Any, artifacts: Path,
                                      pages: dict[tuple[str, str], Path], kind: str,
                                      lang: str) -> None:
    page = _open(browser, pages[(kind, lang)])
    folder = artifacts / "decide"
    folder.mkdir(exist_ok=True)
    page.screenshot(path=str(folder / f"{kind}_first_screen_{lang}.png"))
    page.screenshot(path=str(folder / f"{kind}_page_{lang}.png"), full_page=True)
    text = str(page.inner_text("body"))
    assert raw_values(text, lang) == []
    assert zero_width(text) == []
    short = str(page.inner_text("section#summary"))
    for key in ("short_effect", "short_cost", "short_payback", "short_pilot"):
        assert t(key, lang) in short, key
    assert t("short_payer_municipality", lang) in short
    assert t("short_payer_public", lang) in short
    assert re.search(r"mio\. kr\.|DKK [−+]?[\d.]+m", short)
    assert page.locator("section#summary .js-plotly-plot").count() == 1
    # the analysts' part follows the short answer
    ids = page.eval_on_selector_all("main > section", "els => els.map(e => e.id)")
    assert ids[0] == "summary" and "analysts" in ids
    assert ids.index("analysts") <= 2
    assert_accessible(page, f"{kind}_{lang}")  # the cards and the chart pass WCAG 2.1 AA
    page.close()


def test_the_raw_value_check_finds_what_it_must() -> None:
    assert raw_values("Samsiddende: false → ja", "da")
    assert raw_values("fra today til Forslag", "da")
    assert raw_values("a value of nan %", "en")
    assert not raw_values("As today: 7,1 %; Nordisk", "en")
    assert zero_width("FTE 24,1 [+2,6; +2,6]") == ["[+2,6; +2,6]"]
    assert zero_width("[−5,4 pp; +13,1 pp]") == []
    assert zero_width("23,3 mio. kr. (23,3 mio. kr. til 23,3 mio. kr.)") != []
    assert zero_width("235,8 mio. kr. (232,6 mio. kr. til 239,0 mio. kr.)") == []
