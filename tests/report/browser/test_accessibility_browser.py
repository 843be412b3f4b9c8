"""Every page the project writes or serves, outside the workshop, passes axe-core's WCAG 2.1
A/AA rules in Danish and English (issue 24 §7): the run report, the sweep report, compare,
explain, pilot and both tabs of the results browser.

Danish public bodies must meet WCAG 2.1 AA in their web tools; these pages are read by
jobcentre leaders, some with screen readers. Pages are built once per module from tiny
scenarios and served or opened in one Chromium.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_support import assert_accessible
from report_support import real_run_dir, real_sweep_dirs

LANGS = ("da", "en")
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _compare(d: Path, lang: str) -> Path:
    from small import small_trial

    from jobfirst_sim.decide import compare as cmp
    from jobfirst_sim.report.compare import write_html

    s = small_trial(n_kh=40, n_rf=15, weeks=40)
    res = cmp.run_compare(cmp.from_files(s, s, label_current="a", label_proposed="b",
                                         replications=2, seed=11, horizons=(26,)))
    return write_html(res, d / f"compare_{lang}.html", lang)


def _explain(d: Path) -> dict[str, Path]:
    from small import small_trial

    from jobfirst_sim.decide.explain import ExplainRequest, explain
    from jobfirst_sim.report.explain import write_html

    scen = small_trial(n_kh=40, n_rf=15, weeks=60, **{
        "arms.control.design": "jobfirst", "arms.control.practice.cv_at_start": False})
    expl = explain(ExplainRequest(scen, "control", "jobfirst", replications=2, seed=11))
    return {lang: write_html(expl, d / f"explain_{lang}.html", lang) for lang in LANGS}


def _pilot(d: Path) -> dict[str, Path]:
    from jobfirst_sim.decide.pilot import PilotRequest, plan_pilot
    from jobfirst_sim.report.pilot import write_html
    from jobfirst_sim.scenario import build_scenario, load_raw
    from jobfirst_sim.scenario.loader import apply_overrides

    root = Path(__file__).resolve().parents[3]
    raw = apply_overrides(load_raw(root / "experiments/benchmarks/pilot_municipality.yaml"), {
        "arms.today.citizens.kontanthjaelp": 60, "arms.today.citizens.ressourceforloeb": 20,
        "arms.jobfirst.citizens.kontanthjaelp": 8, "arms.jobfirst.citizens.ressourceforloeb": 2,
        "run.weeks_followed": 40, "population.intake_weeks": 6})
    plan = plan_pilot(PilotRequest(build_scenario(raw, "tiny"), "today", "jobfirst", pilots=2,
                                   week=30, sizes=(20, 40), seed=2))
    return {lang: write_html(plan, d / f"pilot_{lang}.html", lang) for lang in LANGS}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every written page, both languages, built once for the module."""
    import shutil

    from jobfirst_sim.report import make_report

    d = tmp_path_factory.mktemp("a11y")
    out: dict[str, Path] = {}
    for lang in LANGS:
        run = d / f"run_{lang}"
        shutil.copytree(real_run_dir(), run)
        out[f"run_{lang}"] = make_report(run, lang=lang).path
        out[f"sweep_{lang}"] = make_report(real_sweep_dirs()["factorial"], lang=lang,
                                           out=d / f"sweep_{lang}.html").path
        out[f"compare_{lang}"] = _compare(d, lang)
    for lang, path in _explain(d).items():
        out[f"explain_{lang}"] = path
    for lang, path in _pilot(d).items():
        out[f"pilot_{lang}"] = path
    return out


def _drawn(page: Any) -> None:
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length == 0 || "
                           "document.querySelectorAll('.js-plotly-plot .main-svg').length > 0",
                           timeout=30_000)
    page.wait_for_timeout(200)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["run", "sweep", "compare", "explain", "pilot"])
def test_written_page_passes_wcag21_aa(browser: Any, pages: dict[str, Path], kind: str,
                                       lang: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(pages[f"{kind}_{lang}"].as_uri())
    _drawn(page)
    assert page.evaluate("document.documentElement.lang") == lang
    assert_accessible(page, f"{kind} ({lang})")
    page.close()


@pytest.fixture(scope="module")
def browse_urls() -> Iterator[dict[str, str]]:
    """The results browser in both languages, over a run and a sweep, on loopback."""
    from jobfirst_sim.app import server as S
    from jobfirst_sim.app.browse import make_app

    urls, stops = {}, []
    for lang in LANGS:
        app = make_app([real_run_dir(), real_sweep_dirs()["factorial"]], lang=lang)
        served = S.prepare(app.server, "127.0.0.1", 0)
        thread = threading.Thread(target=served.run, daemon=True)
        thread.start()
        urls[lang] = served.url
        stops.append((served, thread))
    yield urls
    for served, thread in stops:
        served.close()
        thread.join(timeout=5)


@pytest.mark.parametrize("lang", LANGS)
def test_results_browser_passes_wcag21_aa(browser: Any, browse_urls: dict[str, str],
                                          lang: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(browse_urls[lang])
    page.wait_for_selector("#weekly-graph .main-svg", timeout=30_000)
    page.wait_for_selector("#journey-graph .main-svg", timeout=30_000)
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.lang") == lang
    assert_accessible(page, f"browser, runs tab ({lang})")
    # the dropdowns' buttons, not Dash's hidden inputs, take the Tab stops
    reached = []
    for _ in range(6):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id"))
    assert "runs" in reached and "metric" in reached, reached
    from jobfirst_sim.report.labels import t

    page.get_by_text(f"{t('sweep_tab', lang)} (1)").click()
    page.wait_for_selector("#sweep-graph .main-svg", timeout=30_000)
    page.wait_for_timeout(300)
    assert_accessible(page, f"browser, sweeps tab ({lang})")
    page.close()
