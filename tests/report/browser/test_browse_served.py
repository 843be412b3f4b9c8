"""The browser app as ``jobfirst browse`` serves it — waitress on 127.0.0.1 — in Chromium.

Checks: the page and every figure load, nothing is requested from anywhere but the
served address (every request routed and recorded), no console error; with an access
token the address printed at start opens the app (token once, then the cookie) and the
Dash requests that follow need no token in the address; a damaged folder beside a run
shows up in the page's "what is missing" box.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from report_support import real_run_dir
from served import serving
from test_report_browser import Recorder

from jobfirst_sim.app import server as S
from jobfirst_sim.app.browse import make_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _serve(wsgi: Any) -> Iterator[S.Served]:
    with serving(wsgi) as served:
        yield served


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S.Served]:
    """The app over a real run and an unfinished run (only manifest.json)."""
    broken = tmp_path_factory.mktemp("results") / "crashed"
    broken.mkdir()
    (broken / "manifest.json").write_text("{}", encoding="utf-8")
    yield from _serve(make_app([real_run_dir(), broken], lang="en").server)


def _load(page: Any) -> None:
    page.wait_for_selector("#weekly-graph .main-svg", timeout=30_000)
    page.wait_for_function(
        "document.querySelector('#weekly-graph .annotation-text') !== null", timeout=30_000)
    page.wait_for_selector("#outcome-graph .main-svg", timeout=30_000)


def test_served_app_loads_and_stays_on_the_machine(browser: Any, artifacts: Path,
                                                   served: S.Served) -> None:
    base = served.url.rstrip("/")
    assert base.startswith("http://127.0.0.1:") and served.token is None
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    rec = Recorder(page, (base + "/",))
    statuses: list[int] = []
    page.on("response", lambda r: statuses.append(r.status))
    page.goto(served.url)
    _load(page)
    box = page.locator("#problems").inner_text()
    assert "crashed: only manifest.json" in box
    page.screenshot(path=str(artifacts / "browse_served.png"), full_page=True)
    assert rec.requests and all(u.startswith(base + "/") for u in rec.requests)
    assert rec.blocked == [], rec.blocked
    assert rec.errors == []
    assert statuses and all(s < 400 for s in statuses), statuses
    page.close()


@pytest.fixture(scope="module")
def served_with_token() -> Iterator[tuple[S.Served, str]]:
    """The token gate as off-loopback serving uses it, here bound to loopback for the test."""
    token = "test-token-" + "x" * 32
    app = make_app([real_run_dir()], lang="en")
    for s in _serve(S.AccessGate(app.server.wsgi_app, token)):
        yield s, token


def test_token_once_then_cookie_in_a_real_browser(browser: Any,
                                                  served_with_token: tuple[S.Served, str]
                                                  ) -> None:
    served, token = served_with_token
    base = served.url.rstrip("/")
    context = browser.new_context()
    page = context.new_page()
    rec = Recorder(page, (base + "/",))
    statuses: list[tuple[int, str]] = []
    page.on("response", lambda r: statuses.append((r.status, r.url)))
    # without the token: a plain refusal, no page
    r = page.goto(served.url)
    assert r is not None and r.status == 403 and "access token" in page.content()
    page.goto(f"{served.url}?token={token}")
    _load(page)
    assert "token=" not in page.url  # redirected away from the token
    later = [u for s, u in statuses if "_dash-update-component" in u]
    assert later and all("token" not in u for u in later)
    assert all(s < 400 for s, u in statuses if u != served.url), statuses
    cookies = context.cookies()
    assert len(cookies) == 1 and cookies[0]["httpOnly"] and cookies[0]["sameSite"] == "Strict"
    assert rec.blocked == []
    # the only console error is the deliberate first visit without the token
    assert len(rec.errors) == 1 and "403" in rec.errors[0], rec.errors
    context.close()
