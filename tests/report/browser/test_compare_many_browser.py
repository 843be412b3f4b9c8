"""The page of ``jobfirst compare CURRENT A B`` as a manager sees it, in Danish and English.

In a real (headless) Chromium: screenshots kept in test-artifacts/; the effects chart is
drawn with one dot per proposal, each in its own colour; the table has a row per
proposal; the visible text carries no raw value (``False``, ``True``, ``None``, field
paths) and every proposal links to its own full page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from jobfirst_sim.decide import compare_many as cm
from jobfirst_sim.report.compare_many import write_html

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RAW = re.compile(r"\b(False|True|None|nan)\b|arms\.|organisation\.|practice\.")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from small import ROOT

    from jobfirst_sim.scenario import build_scenario, load_raw
    from jobfirst_sim.scenario.loader import apply_overrides

    raw = load_raw(ROOT / "scenarios" / "bum_caseload70.yaml")
    over: dict[str, object] = {f"arms.{a}.citizens.{b}": n
                               for a in ("jobfirst", "bum70", "control")
                               for b, n in (("kontanthjaelp", 30), ("ressourceforloeb", 10))}
    scen = build_scenario(apply_overrides(raw, {**over, "run.weeks_followed": 60,
                                                "population.intake_weeks": 5,
                                                "arms_mode": "alternatives"}), "three")
    many = cm.run_many(cm.arms_many(scen, "control", ["jobfirst", "bum70"], replications=2,
                                    seed=5))
    out: dict[str, Path] = {}
    for lang in ("da", "en"):
        folder = tmp_path_factory.mktemp(f"many_{lang}")
        write_html(many, folder, lang)
        out[lang] = folder / "compare.html"
    return out


@pytest.mark.parametrize("lang", ["da", "en"])
def test_compare_many_page_speaks_to_a_manager(browser: Any, artifacts: Path,
                                              pages: dict[str, Path], lang: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(pages[lang].as_uri())
    page.wait_for_selector("#fig-compare_many_effects .main-svg", timeout=30_000)
    page.wait_for_timeout(300)
    page.screenshot(path=str(artifacts / f"compare_many_{lang}.png"), full_page=True)
    text = str(page.inner_text("body"))
    found = RAW.search(text)
    assert found is None, text[max(0, found.start() - 80):found.end() + 80]
    rows = page.eval_on_selector_all("section#table table.data tbody tr", "els => els.length")
    assert rows == 2
    colours = page.evaluate("() => document.getElementById('fig-compare_many_effects').data"
                            ".filter(t => t.mode === 'markers').map(t => t.marker.color)")
    assert len(colours) == len(set(colours)) == 2
    links = page.eval_on_selector_all("section#designs a", "els => els.map(e => "
                                      "e.getAttribute('href'))")
    assert links == ["jobfirst/compare.html", "bum70/compare.html"]
    assert all((pages[lang].parent / link).is_file() for link in links)
    page.close()
