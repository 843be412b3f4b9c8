"""The report and the browser app, used as a person would: in a real (headless) Chromium.

Checks: every figure renders, no console errors, no request leaves the machine (the report
only loads itself from file://, the app only talks to 127.0.0.1), changing a filter in the
app redraws the figure; screenshots go to test-artifacts/.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from report_support import real_run_dir, real_sweep_dirs

from jobfirst_sim.report import make_report

pytestmark = [pytest.mark.browser, pytest.mark.slow]


class Recorder:
    """Collects console errors, page errors and every request URL of a page."""

    def __init__(self, page: Any, allowed: tuple[str, ...]) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.blocked: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def route(r: Any) -> None:
            url = r.request.url
            self.requests.append(url)
            if url.startswith(allowed):
                r.continue_()
            else:  # anything else would be the network: refuse and remember
                self.blocked.append(url)
                r.abort()

        page.route("**/*", route)


def render_report(browser: Any, result: Any, screenshot: Path) -> Recorder:
    """Open a report file, wait until every figure has drawn, check that each of its
    figures is on the page, take a screenshot; the caller checks the recorder."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    rec = Recorder(page, ("file://",))
    page.goto(result.path.as_uri())
    page.wait_for_function(
        f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= "
        f"{len(result.figures)}", timeout=30_000)
    assert page.locator("div.js-plotly-plot").count() == len(result.figures)
    page.screenshot(path=str(screenshot), full_page=True)
    page.close()
    return rec


@pytest.mark.parametrize("lang", ["da", "en"])
def test_run_report_renders_offline(browser: Any, artifacts: Path, tmp_path: Path,
                                    lang: str) -> None:
    run = tmp_path / "run"
    shutil.copytree(real_run_dir(), run)
    result = make_report(run, lang=lang)
    rec = render_report(browser, result, artifacts / f"report_run_{lang}.png")
    assert rec.errors == []
    assert rec.blocked == [] and all(u.startswith("file://") for u in rec.requests)


def test_sweep_report_renders_offline(browser: Any, artifacts: Path, tmp_path: Path) -> None:
    result = make_report(real_sweep_dirs()["morris"], lang="da", out=tmp_path / "s.html")
    rec = render_report(browser, result, artifacts / "report_sweep_da.png")
    assert rec.errors == [] and rec.blocked == []


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    """The browse app served from a thread on a free loopback port."""
    from werkzeug.serving import make_server

    from jobfirst_sim.app.browse import make_app

    app = make_app([real_run_dir(), real_sweep_dirs()["factorial"]], lang="da")
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    thread.join(timeout=5)


def _subplot_titles(page: Any, graph: str) -> list[str]:
    return page.eval_on_selector_all(
        f"#{graph} .annotation-text", "els => els.map(e => e.textContent)")


def test_browse_filter_updates_figure(browser: Any, artifacts: Path, app_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    rec = Recorder(page, ("http://127.0.0.1",))
    page.goto(app_url)
    page.wait_for_selector("#weekly-graph .main-svg", timeout=30_000)
    page.wait_for_function(
        "document.querySelector('#weekly-graph .annotation-text') !== null", timeout=30_000)
    assert "alle" in _subplot_titles(page, "weekly-graph")
    page.screenshot(path=str(artifacts / "browse_runs_before.png"), full_page=True)

    # change the benefit filter: the weekly figure must redraw for kontanthjælp only
    page.click("#benefit")
    page.get_by_role("option", name="Kontanthjælp").click()
    page.wait_for_function(
        "Array.from(document.querySelectorAll('#weekly-graph .annotation-text'))"
        ".some(e => e.textContent === 'Kontanthjælp')", timeout=30_000)
    assert "Kontanthjælp" in _subplot_titles(page, "weekly-graph")
    # a municipality: outcome bars and weekly curves (from the panel) follow it
    page.click("#municipality")
    page.get_by_role("option", name="Aarhus", exact=True).click()
    page.wait_for_function(
        "document.querySelector('#outcome-graph .gtitle') && "
        "document.querySelector('#outcome-graph .gtitle').textContent.includes('Aarhus')",
        timeout=30_000)
    page.wait_for_function(
        "document.querySelector('#weekly-note').textContent.includes('Aarhus')",
        timeout=30_000)
    page.screenshot(path=str(artifacts / "browse_runs_after_filter.png"), full_page=True)

    # sweep tab: drill from a design point into its weekly curves
    page.get_by_text("Eksperimenter (sweeps) (1)").click()
    page.wait_for_selector("#sweep-graph .main-svg", timeout=30_000)
    page.wait_for_selector("#drill-graph .main-svg", timeout=30_000)
    page.wait_for_function(
        "document.querySelector('#drill-note') && "
        "document.querySelector('#drill-note').textContent.startsWith('Designpunkt')",
        timeout=30_000)
    # click the last design point: the drill-down must follow it
    dots = page.locator("#sweep-graph .scatterlayer .point")
    box = dots.nth(dots.count() - 1).bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function(
        "document.querySelector('#drill-note').textContent.startsWith('Designpunkt 3')",
        timeout=30_000)
    page.screenshot(path=str(artifacts / "browse_sweep.png"), full_page=True)
    assert rec.errors == []
    assert rec.blocked == [], rec.blocked
    page.close()
