"""The explain page and the sweep report as a manager sees them, in Danish and English.

In a real (headless) Chromium: screenshots kept in test-artifacts/; the visible text
(``page.inner_text("body")``) carries no raw field path (``arms.``, ``organisation.``,
``_w78``); every share drawn on a per-cent axis and every per-cent cell of the tables
stays inside [0, 1]; the lever-effect figure's subplot titles do not overlap.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from report_support import real_sweep_dirs

from jobfirst_sim.decide.explain import ExplainRequest, explain
from jobfirst_sim.report import make_report
from jobfirst_sim.report.explain import write_html

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RAW = ("arms.", "organisation.", "_w78", "practice.")

#: every plotted trace on an axis formatted in per cent: [min, max] of value ± error bar
_SHARE_RANGES_JS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('.js-plotly-plot')) {
    const lay = el.layout || {};
    for (const tr of el.data || []) {
      for (const dim of ['x', 'y']) {
        const ax = (tr[dim + 'axis'] || dim).replace(dim, dim + 'axis');
        const fmt = ((lay[ax] || {}).tickformat || '');
        if (!fmt.includes('%') || !tr[dim]) continue;
        const err = tr['error_' + dim] || {};
        const vals = Array.from(tr[dim]).map(Number);
        vals.forEach((v, i) => {
          if (!Number.isFinite(v)) return;
          const up = err.array ? Number(err.array[i] || 0) : 0;
          const dn = err.arrayminus ? Number(err.arrayminus[i] || 0) : up;
          out.push([el.id, v - dn, v + up]);
        });
      }
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def explain_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from small import small_trial

    scen = small_trial(n_kh=60, n_rf=20, weeks=80, **{
        "arms.control.design": "jobfirst", "arms.control.practice.cv_at_start": False,
        "arms.control.practice.work_agreement": False})
    expl = explain(ExplainRequest(scen, "control", "jobfirst", replications=3, seed=11))
    d = tmp_path_factory.mktemp("explain")
    return {lang: write_html(expl, d / f"explain_{lang}.html", lang) for lang in ("da", "en")}


def _open(browser: Any, path: Path) -> Any:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length == 0 || "
                           "document.querySelectorAll('.js-plotly-plot .main-svg').length > 0",
                           timeout=30_000)
    page.wait_for_timeout(300)
    return page


def _check_text_and_shares(page: Any) -> str:
    text = str(page.inner_text("body"))
    for raw in RAW:
        assert raw not in text, (raw, text[max(0, text.find(raw) - 80):text.find(raw) + 80])
    for plot, low, high in page.evaluate(_SHARE_RANGES_JS):
        assert low >= -1e-9 and high <= 1 + 1e-9, (plot, low, high)
    # shares of citizens lie in 0-100 %; the ablation table's "share of the gap kept" is a
    # ratio of two gaps, which may pass 100 % (a mechanism that works against JobFirst)
    cells = page.eval_on_selector_all(
        "table.data td", "els => els.filter(e => !e.closest('.ablation'))"
        ".map(e => e.textContent)")
    for cell in cells:
        if "%" not in cell or "pp" in cell:
            continue
        for num in re.findall(r"−?-?\d+(?:[.,]\d+)?", cell):
            value = float(num.replace("−", "-").replace(",", "."))
            assert 0 <= value <= 100, cell
    return text


@pytest.mark.parametrize("lang", ["da", "en"])
def test_explain_page_speaks_to_a_manager(browser: Any, artifacts: Path,
                                          explain_pages: dict[str, Path], lang: str) -> None:
    page = _open(browser, explain_pages[lang])
    page.screenshot(path=str(artifacts / f"explain_{lang}.png"), full_page=True)
    text = _check_text_and_shares(page)
    first = page.inner_text("section#summary p")
    assert ("pct.-point" if lang == "da" else "pp") in first
    assert ("Kun 3 gentagelser" if lang == "da" else "Only 3 replications") in text
    page.close()


def _boxes_overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


@pytest.mark.parametrize("lang", ["da", "en"])
def test_sweep_report_speaks_to_a_manager(browser: Any, artifacts: Path, tmp_path: Path,
                                          lang: str) -> None:
    result = make_report(real_sweep_dirs()["factorial"], lang=lang,
                         out=tmp_path / f"sweep_{lang}.html")
    page = _open(browser, result.path)
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length "
                           f">= {len(result.figures)}", timeout=30_000)
    page.screenshot(path=str(artifacts / f"report_sweep_factorial_{lang}.png"), full_page=True)
    text = _check_text_and_shares(page)
    assert str(result.path.parent) not in text and "{" not in text.split("\n", 3)[1]
    assert ("Kort fortalt" if lang == "da" else "In short") in text
    assert ("4 designpunkter" if lang == "da" else "4 design points") in text
    # the lever-effect figure: subplot titles are apart
    boxes = page.eval_on_selector_all(
        "#fig-lever_effects .annotation-text, #fig-lever_effects .xtitle",
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return {x: r.x, y: r.y, width: r.width, height: r.height}; })")
    assert len(boxes) >= 2
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not _boxes_overlap(a, b), (a, b)
    page.locator("#fig-lever_effects").screenshot(
        path=str(artifacts / f"sweep_lever_effects_{lang}.png"))
    page.close()
