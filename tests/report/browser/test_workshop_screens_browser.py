"""Every workshop page fits a phone (390 px) and a tablet (768 px) without scrolling sideways,
in Danish and English, and is kept as screenshots at 390, 768 and 1400 px; the debriefs'
PDF pages are kept as PNG (issue 24 §6).

Why in Chromium: only a browser lays the page out. A page "scrolls sideways" when
``document.scrollingElement.scrollWidth`` exceeds ``window.innerWidth``; a wide table may
scroll inside its own box instead (``.table-scroll``), which leaves the page still. The team
has a long one-word Danish name, the worst case for a column. One workshop per language,
one team, one round of serial runs keeps the module quick.

The pictures land in ``test-artifacts/workshop/screens/`` (``<lang>_<page>_<width>.png``)
and ``test-artifacts/workshop/pdf/`` (``<lang>_<which>-<page>.png`` and the PDFs), which
git ignores and CI keeps (docs/workshop.md).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from served import serving

from jobfirst_sim.app.workshop import make_app
from jobfirst_sim.app.workshop.lan import refusal_page
from jobfirst_sim.words import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LANGS = ("da", "en")
QUICK = {"executor": "serial", "replications": 2, "lever_replications": 1,
         "uncertainty": "noise"}
WIDTHS = ((390, 844), (768, 1024), (1400, 900))
"""Phone, tablet (both must not scroll sideways) and a projector-sized laptop (kept only)."""
LONG_NAME = "Beskæftigelsesforvaltningsafdelingen"
WIDE = """() => {
  const w = window.innerWidth;
  const out = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-scroll'))
    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                       + (e.className && typeof e.className === 'string' ? '.' + e.className : ''));
  return {scroll: document.scrollingElement.scrollWidth, inner: w, out: out};
}"""


@dataclass
class Screens:
    """Each page at each width: kept as a picture, and any sideways scroll noted."""

    folder: Path
    lang: str
    scrolls: list[str] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)

    def check(self, page: Any, name: str) -> None:
        page.wait_for_load_state()
        assert page.evaluate("document.documentElement.lang") == self.lang, name
        for width, height in WIDTHS:
            page.set_viewport_size({"width": width, "height": height})
            got = page.evaluate(WIDE)
            if width < 1000 and got["scroll"] > got["inner"]:
                self.scrolls.append(f"{name} at {width} px: page {got['scroll']} px wide; "
                                    f"past the edge: {', '.join(got['out']) or '?'}")
            page.screenshot(path=str(self.folder / f"{self.lang}_{name}_{width}.png"),
                            full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})
        self.seen.append(name)


def _serve(app: Any, queue: Any) -> Iterator[str]:
    queue.start()
    with serving(app) as served:
        yield served.url.rstrip("/")
    queue.stop()


@dataclass
class Played:
    """What a played workshop leaves for the tests: the screens seen and the debrief PDFs."""

    screens: Screens
    pdfs: dict[str, bytes]


def _play(browser: Any, base: str, app: Any, screens: Screens) -> dict[str, bytes]:
    """One team through one round, every page checked on the way; the two debrief PDFs."""
    lang = screens.lang

    def page() -> Any:
        return browser.new_context(viewport={"width": 1280, "height": 900}).new_page()

    fac = page()
    fac.goto(base + "/")
    screens.check(fac, "home")
    fac.goto(base + "/facilitator")
    screens.check(fac, "login")
    fac.get_by_label(t("ws_facilitator_key", lang)).fill(
        app.config["WS_STORE"].facilitator_key())
    fac.get_by_role("button", name=t("ws_login", lang)).click()
    fac.wait_for_selector("#lang-select")
    screens.check(fac, "create")
    fac.get_by_role("button", name=t("ws_create_button", lang)).click()
    code = fac.inner_text("#join-code").strip()
    screens.check(fac, "facilitator_empty")

    team = page()
    team.goto(base + "/join")
    screens.check(team, "join")
    team.fill("#team_code", "ZZZZZZ")
    team.get_by_role("button", name=t("ws_rejoin_button", lang)).click()
    team.wait_for_selector("#err-team_code")
    screens.check(team, "join_wrong_team_code")
    team.evaluate("() => document.querySelector('form[action=\"/join\"] [name=csrf]')"
                  ".value = 'stale'")
    team.fill("#name", LONG_NAME)
    team.fill("#code", code)
    team.get_by_role("button", name=t("ws_join_button", lang)).click()
    team.wait_for_selector("p.problem[role=alert]")
    screens.check(team, "error_page")  # the CSRF refusal: the workshop's message page
    team.goto(base + "/join")
    team.fill("#name", LONG_NAME)
    team.fill("#code", code)
    team.get_by_role("button", name=t("ws_join_button", lang)).click()
    team.wait_for_selector("#design-form")
    screens.check(team, "design")
    team.fill("#fte-caseworker", "99")
    team.get_by_role("button", name=t("ws_save_design", lang)).click()
    team.wait_for_selector("[role=alert]")
    screens.check(team, "design_with_a_mistake")
    team.goto(base + "/team")
    team.get_by_role("button", name=t("ws_save_design", lang)).click()
    team.wait_for_selector("#predict-form")
    screens.check(team, "prediction")
    team.fill("#hours_share", "14")
    team.fill("#net_cost", "104,5" if lang == "da" else "104.5")
    team.get_by_role("button", name=t("ws_record_prediction", lang)).click()
    team.wait_for_selector("#run-form")
    screens.check(team, "run")
    team.get_by_role("button", name=t("ws_run_button", lang)).click()
    team.wait_for_selector("#results", timeout=120_000)
    screens.check(team, "result")

    fac.goto(base + "/facilitator")
    screens.check(fac, "facilitator")
    fac.get_by_role("button", name=f"{t('ws_reset', lang)}: {LONG_NAME}").click()
    fac.wait_for_selector("input[name=confirm][value=yes]", state="attached")
    screens.check(fac, "reset_confirmation")
    fac.goto(base + "/facilitator")
    fac.get_by_role("button", name=t("ws_lock", lang)).click()
    fac.get_by_role("button", name=t("ws_do_reveal", lang)).click()
    fac.wait_for_url("**/reveal**")
    screens.check(fac, "reveal")
    fac.goto(base + "/debrief")
    screens.check(fac, "debrief_room")
    team.goto(base + "/team/debrief")
    screens.check(team, "debrief_team")
    team.goto(base + "/team")
    screens.check(team, "team_after_reveal")
    pdfs = {"room": fac.context.request.get(base + "/debrief?format=pdf").body(),
            "team": team.context.request.get(base + "/team/debrief?format=pdf").body()}

    fac.goto(base + "/facilitator")
    fac.get_by_role("button", name=t("ws_new_session", lang)).click()
    fac.wait_for_selector("#confirm")
    screens.check(fac, "new_workshop_confirmation")
    fac.check("#confirm")
    fac.get_by_role("button", name=t("ws_create_button", lang)).click()
    fac.wait_for_selector("#archive-h")
    screens.check(fac, "facilitator_with_archive")
    team.goto(base + "/team")
    screens.check(team, "team_after_new_workshop")
    for why in ("token", "host"):  # the LAN gate's 403 page
        team.set_content(refusal_page(lang, why))
        screens.check(team, f"403_{why}")
    return pdfs


@pytest.fixture(scope="module", params=LANGS)
def played(request: pytest.FixtureRequest, browser: Any, artifacts: Path,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Played]:
    """A workshop in one language played through, every page checked at every width."""
    lang = str(request.param)
    folder = artifacts / "workshop" / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    screens = Screens(folder, lang)
    app, queue = make_app(tmp_path_factory.mktemp(f"screens_{lang}") / "state", lang, **QUICK)
    for base in _serve(app, queue):
        pdfs = _play(browser, base, app, screens)
        print(f"\nscreenshots ({lang}): {folder}")
        yield Played(screens, pdfs)


def test_no_workshop_page_scrolls_sideways_on_a_phone_or_a_tablet(played: Played) -> None:
    assert len(played.screens.seen) == 23  # every page of the play above was checked
    assert played.screens.scrolls == [], "\n".join(played.screens.scrolls)


def test_the_debrief_pdfs_pages_are_kept_as_png(played: Played, artifacts: Path) -> None:
    """Each PDF page as a PNG (pdftoppm, poppler-utils: .ci/install_browser.sh); the team's
    first page is not blank (a block kept whole that was taller than a page once made it)."""
    folder = artifacts / "workshop" / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    lang = played.screens.lang
    for which, pdf in played.pdfs.items():
        assert pdf.startswith(b"%PDF"), which
        (folder / f"{lang}_{which}.pdf").write_bytes(pdf)
    exe = shutil.which("pdftoppm")
    if exe is None:
        pytest.skip("pdftoppm not found (apt-get install poppler-utils): PDFs kept, no PNG")
    for which in played.pdfs:
        prefix = folder / f"{lang}_{which}"
        for old in folder.glob(f"{prefix.name}-*.png"):
            old.unlink()
        subprocess.run([exe, "-png", "-r", "60", str(prefix) + ".pdf", str(prefix)],
                       check=True, capture_output=True, timeout=60)
        pages = sorted(folder.glob(f"{prefix.name}-*.png"))
        assert pages, which
        first = subprocess.run([exe.replace("pdftoppm", "pdftotext"), "-f", "1", "-l", "1",
                                str(prefix) + ".pdf", "-"], check=True, capture_output=True,
                               text=True, timeout=60).stdout
        assert first.strip(), f"the {which} debrief PDF starts with a blank page"
    print(f"\nPDF pages ({lang}): {folder}")
