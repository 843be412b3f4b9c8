"""The design form's caseloads follow what a team types, written by the server (Chromium).

The page's script asks ``/team/caseloads.json`` as FTEs are typed and shows its text, so a
Danish page shows ``72,7`` (and ``3.200,0``) exactly as the server writes its own numbers.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from jobfirst_sim.app import server as S
from jobfirst_sim.app.workshop import make_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not found "
                    "(bash .ci/install_browser.sh)")
def test_typed_ftes_show_the_servers_caseloads(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    app, _ = make_app(tmp_path / "state", "da", executor="serial", replications=2,
                      lever_replications=1)
    store = app.config["WS_STORE"]
    code = store.create_session("bum70_readiness_first", 9.0, "da").join_code
    store.open_round(store.current_session().id)
    served = S.prepare(app, "127.0.0.1", 0)
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    errors: list[str] = []
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page: Any = browser.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            base = served.url.rstrip("/")
            page.goto(base + "/join")
            page.get_by_label("Holdets navn").fill("Hold A")
            page.fill("#code", code)
            page.keyboard.press("Enter")
            page.wait_for_selector("#design-form")
            page.fill("#fte-caseworker", "4,4")
            page.fill("#fte-consultant", "0,1")
            page.fill("#fte-mentor", "0")
            cell = "[data-caseload={}]"
            page.wait_for_function(
                "() => document.querySelector('[data-caseload=caseworker]').textContent"
                " === '72,7' && document.querySelector('[data-caseload=consultant]')"
                ".textContent === '3.200,0'", timeout=10_000)
            assert page.inner_text(cell.format("mentor")) == "–"
            browser.close()
    finally:
        served.close()
        thread.join(timeout=5)
    assert errors == []
