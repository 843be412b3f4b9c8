"""One whole workshop in Danish in Chromium: a facilitator and three teams over two rounds,
walking into every trap of issue 24 §1 on the way (issue 24, "Must show").

Why one session and not only the trap tests (tests/app/workshop/test_workshop_nothing_lost.py
and the browser's test_workshop_nothing_lost_browser.py): a real room meets the traps
together, in one order, with the other teams' runs queued and the facilitator's page
updating itself. The play: the facilitator starts the workshop; three teams join with the
join code, each shown its team code. Round 1: Hold Nord types "to" for a number of weeks
(every value kept, the field marked); Hold Syd saves from a stale second tab (refused, with
the message, its typing kept); every team predicts with the start's figures on screen, runs,
and sees its miss; the facilitator locks, a reset from a page that still shows the reset
button is refused, and the reveal shows the round's chart. Round 2: Hold Nord moves to
another laptop with its team code and carries on from its design; all run; the reveal and
the room's misses per round. A new workshop asks for the box first; the old room debrief stays
reachable from the archive, and a team of the old workshop still gets its own debrief.

Serial runs, simulation noise only, two replications: the module takes 80 s on a busy
machine of 2 cores (six runs of a team and one of the start).
Screenshots of each step go to ``test-artifacts/workshop/session/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from served import serving

from jobfirst_sim.app.workshop import make_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]
QUICK = {"executor": "serial", "replications": 2, "lever_replications": 1,
         "uncertainty": "noise"}
SAVE = "Tjek og gem designet"
TYPO = "Uger mellem planlagte samtaler: skriv et helt antal uger."
STALE = "gemt fra en anden fane eller computer"
LOCKED = "Runden er låst: et holds runde kan kun nulstilles, mens runden er åben."


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Any]]:
    app, queue = make_app(tmp_path / "state", "da", **QUICK)
    queue.start()  # the start's figures (the anchor) are computed at once, as in a room
    with serving(app) as served:
        yield served.url.rstrip("/"), app
    queue.stop()


@dataclass
class Room:
    """The browser contexts of the session, their page errors and the numbered screenshots."""

    browser: Any
    base: str
    folder: Path
    errors: list[str] = field(default_factory=list)
    shots: int = 0

    def page(self, context: Any = None) -> Any:
        context = context or self.browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        return page

    def shot(self, page: Any, name: str) -> None:
        self.shots += 1
        page.screenshot(path=str(self.folder / f"{self.shots:02d}_{name}.png"), full_page=True)


def join(room: Room, name: str, code: str) -> tuple[Any, str]:
    """A team joins with the room's join code; its page and its team code."""
    page = room.page()
    page.goto(room.base + "/join")
    page.get_by_label("Holdets navn").fill(name)
    page.get_by_label("Deltagerkode").fill(code)
    page.get_by_role("button", name="Deltag", exact=True).click()
    page.wait_for_selector("#design-form")
    team_code = page.inner_text("#team-code").strip()
    assert re.fullmatch(r"[A-Z0-9]{6}", team_code), team_code
    return page, team_code


def predict_with_anchor(room: Room, page: Any, name: str, share: str, cost: str) -> None:
    """The start's figures are on screen before the prediction (a few seconds after the
    app starts they are still being computed: the page says so and is reloaded)."""
    page.wait_for_selector("#predict-form")
    for _ in range(60):
        if page.locator("#anchor-wait").count() == 0:
            break
        page.wait_for_timeout(1000)
        page.reload()
    anchor = page.inner_text("#anchor").replace("\xa0", " ")
    assert "Startjobcentret, før I forudsiger" in anchor
    assert re.search(r"\d+,\d\s%", anchor) and "mio. kr." in anchor, anchor
    page.get_by_label(re.compile(r"^Andel borgere med ordinære timer .*\(%\)$")).fill(share)
    page.get_by_label("Offentlig nettoudgift over de 78 uger (mio. kr.)").fill(cost)
    room.shot(page, f"{name}_predict")
    page.get_by_role("button", name="Gem forudsigelsen").click()
    page.get_by_role("button", name="Kør").click()


def results(room: Room, page: Any, name: str) -> None:
    page.wait_for_selector("#results", timeout=120_000)
    assert "Jeres forudsigelse minus resultatet" in page.inner_text("#my-miss")
    room.shot(page, f"{name}_result")


def facilitator_does(fac: Any, base: str, button: str) -> None:
    """A round button on a fresh facilitator page, its answer loaded before the play goes
    on (the teams' pages depend on it)."""
    fac.goto(base + "/facilitator")
    with fac.expect_navigation():
        fac.get_by_role("button", name=button).click()


def test_a_facilitator_and_three_teams_over_two_rounds(browser: Any, artifacts: Path,
                                                       served: tuple[str, Any]) -> None:
    base, app = served
    store = app.config["WS_STORE"]
    folder = artifacts / "workshop" / "session"
    folder.mkdir(parents=True, exist_ok=True)
    room = Room(browser, base, folder)

    # the facilitator starts the workshop
    fac = room.page()
    fac.goto(base + "/facilitator")
    fac.get_by_label("Facilitatornøgle").fill(store.facilitator_key())
    fac.get_by_role("button", name="Log ind").click()
    fac.get_by_role("button", name="Opret workshop og åbn runde 1").click()
    code = fac.inner_text("#join-code").strip()
    nord, nord_code = join(room, "Hold Nord", code)
    syd, _ = join(room, "Hold Syd", code)
    ost, _ = join(room, "Hold Øst", code)
    fac.wait_for_selector("#teams-board tr[data-team] >> text=Hold Øst", timeout=15_000)
    room.shot(fac, "facilitator_three_teams")

    # round 1, Nord: a whole design typed with one typo; nothing is lost, the field is marked
    nord.check("#rm-mk")
    nord.check("#jobformidler-yes")
    nord.fill("#fte-caseworker", "4,4")
    nord.fill("#fte-jobformidler", "4,4")
    nord.fill("#fte-consultant", "0")
    nord.fill("#fte-mentor", "0")
    nord.check("#p-cv_at_start-yes")
    nord.get_by_label("Uger mellem planlagte samtaler").fill("to")
    nord.get_by_role("button", name=SAVE).click()
    nord.wait_for_selector("[aria-invalid=true]")
    room.shot(nord, "nord_typo")
    assert TYPO in nord.inner_text("[role=alert]")
    assert nord.get_attribute("#p-contact_interval_weeks", "aria-invalid") == "true"
    assert nord.input_value("#p-contact_interval_weeks") == "to"
    assert nord.is_checked("#rm-mk") and nord.is_checked("#jobformidler-yes")
    assert nord.is_checked("#p-cv_at_start-yes")
    assert nord.input_value("#fte-caseworker") == "4,4"
    assert nord.input_value("#fte-mentor") == "0"
    nord.get_by_label("Uger mellem planlagte samtaler").fill("3")
    nord.get_by_role("button", name=SAVE).click()
    nord.wait_for_selector("#predict-form")

    # round 1, Syd: a second tab opened before the first saved cannot overwrite the design
    syd_tab = room.page(syd.context)
    syd_tab.goto(base + "/team")
    syd.check("#p-effort-par")
    syd.get_by_role("button", name=SAVE).click()
    syd.wait_for_selector("#predict-form")
    syd_tab.check("#p-work_agreement-yes")
    syd_tab.get_by_role("button", name=SAVE).click()
    syd_tab.wait_for_selector("[role=alert]")
    assert STALE in syd_tab.inner_text("[role=alert]")
    assert syd_tab.is_checked("#p-work_agreement-yes")  # the typing stays on the page
    room.shot(syd_tab, "syd_stale_tab")
    syd_tab.close()

    ost.get_by_role("button", name=SAVE).click()
    ost.wait_for_selector("#predict-form")

    # every team predicts with the start's figures on screen, then runs
    predict_with_anchor(room, nord, "nord_r1", "14 %", "104,5")
    predict_with_anchor(room, syd, "syd_r1", "9%", "103")
    predict_with_anchor(room, ost, "ost_r1", "30", "108")
    for page, name in ((nord, "nord_r1"), (syd, "syd_r1"), (ost, "ost_r1")):
        results(room, page, name)
    sessions = store.current_session().id
    rnd1 = store.current_round(sessions).id
    teams = {team.name: team.id for team in store.teams(sessions)}
    syd_design = store.team_round(teams["Hold Syd"], rnd1)["design"]
    assert syd_design["practice"]["work_agreement"] is False  # the stale tab stored nothing
    fac.wait_for_function(
        "() => [...document.querySelectorAll('#teams-board [data-cell=run]')]"
        ".every(c => c.textContent === 'færdig')", timeout=15_000)
    fac.wait_for_function(
        "() => [...document.querySelectorAll('#teams-board [data-cell=miss]')]"
        ".every(c => c.textContent.includes('pct.-point'))", timeout=15_000)
    room.shot(fac, "facilitator_r1_done")

    # the lock: a page that still shows the reset button cannot reset a locked round (a
    # second laptop of the facilitator's without script, so that its page does not update
    # itself when the round changes, as a sleeping laptop's would not)
    quiet = browser.new_context(viewport={"width": 1280, "height": 900},
                                java_script_enabled=False)
    quiet.add_cookies(fac.context.cookies())
    stale_fac = room.page(quiet)
    stale_fac.goto(base + "/facilitator")
    facilitator_does(fac, base, "Lås runden")
    ost.wait_for_selector("#round-watch:not([hidden])", timeout=20_000)  # the team notices
    with stale_fac.expect_navigation():
        stale_fac.get_by_role("button", name="Nulstil holdets runde: Hold Øst").click()
    assert LOCKED in stale_fac.inner_text("[role=alert]")
    room.shot(stale_fac, "reset_after_lock_refused")
    quiet.close()
    assert store.team_round(teams["Hold Øst"], rnd1)["run"] is not None

    # the reveal: the round's chart (each team's result, interval and prediction, the start)
    facilitator_does(fac, base, "Afslør runden")
    fac.wait_for_url("**/reveal**")
    chart = fac.locator("svg.round-chart")
    assert chart.locator("circle").count() == 3 and chart.locator("path").count() == 3
    reveal = fac.inner_text("main")
    assert all(name in reveal for name in teams) and "Forudsagt" in reveal
    room.shot(fac, "reveal_r1")

    # round 2: Nord moves to another laptop with its team code, its design carried over
    facilitator_does(fac, base, "Åbn næste runde")
    laptop = room.page()
    laptop.goto(base + "/join")
    laptop.get_by_label("Holdkode").fill(nord_code.lower())
    laptop.get_by_role("button", name="Fortsæt som holdet").click()
    laptop.wait_for_selector("#design-form")
    assert "Hold Nord" in laptop.inner_text("header")
    assert laptop.is_checked("#rm-mk") and laptop.input_value("#fte-caseworker") == "4,4"
    assert laptop.input_value("#p-contact_interval_weeks") == "3"
    room.shot(laptop, "nord_rejoined_r2")
    laptop.check("#p-work_agreement-yes")
    laptop.get_by_role("button", name=SAVE).click()
    for page in (syd, ost):
        page.goto(base + "/team")
        page.get_by_role("button", name=SAVE).click()
    predict_with_anchor(room, laptop, "nord_r2", "12", "104")
    predict_with_anchor(room, syd, "syd_r2", "10", "104")
    predict_with_anchor(room, ost, "ost_r2", "15", "108")
    for page, name in ((laptop, "nord_r2"), (syd, "syd_r2"), (ost, "ost_r2")):
        results(room, page, name)
    assert "Runde 1" in laptop.inner_text("#miss-rounds")  # round 2 against round 1
    facilitator_does(fac, base, "Lås runden")
    facilitator_does(fac, base, "Afslør runden")
    fac.wait_for_url("**/reveal**")
    assert "Runde 2" in fac.inner_text("h1")
    room.shot(fac, "reveal_r2")
    fac.goto(base + "/facilitator")
    misses = fac.inner_text("#room-misses")
    assert "Runde 1" in misses and "Runde 2" in misses

    # a new workshop asks first, and the old one's debriefs stay reachable
    old = store.current_session()
    fac.get_by_role("button", name="Ny workshop").click()
    fac.wait_for_selector("#confirm")
    assert "afslutter den nuværende workshop" in fac.inner_text("main")
    room.shot(fac, "new_workshop_asks")
    fac.get_by_role("button", name="Opret workshop og åbn runde 1").click()
    assert store.current_session() == old  # not without the box ticked
    fac.get_by_label("Ja, afslut den nuværende workshop").check()
    fac.get_by_role("button", name="Opret workshop og åbn runde 1").click()
    fac.wait_for_selector("#archive-h")
    assert store.current_session() != old
    with fac.expect_navigation():
        fac.locator(".archive a", has_text="(HTML)").first.click()
    debrief = fac.inner_text("main")
    assert "Runde 1" in debrief and "Runde 2" in debrief
    assert all(name in debrief for name in teams)
    room.shot(fac, "old_room_debrief")
    syd.goto(base + "/team")
    assert "er afsluttet" in syd.inner_text("main")
    with syd.expect_navigation():
        syd.get_by_role("link", name="Opsamling (HTML)").click()
    assert "Hold Syd" in syd.inner_text("h1") and "Runde 2" in syd.inner_text("main")
    room.shot(syd, "syd_debrief_after_the_end")
    assert room.errors == []
    print(f"\nsession screenshots: {folder}")
