"""Nothing a team typed is lost, in Chromium and in Danish (issue 24 §1): a typo keeps the
whole design form as typed with the bad field marked, and the team code rejoins the team
from a second laptop (another browser context) with its saved design; a stale second tab
is refused, a reset asks first and stops at the lock, and a new workshop asks first and
leaves the team its debrief.

Screenshots of each step go to the artefacts folder; every visible control has a label.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from served import serving

from jobfirst_sim.app.workshop import make_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

UNLABELLED = """() => [...document.querySelectorAll('input:not([type=hidden]), select, button')]
  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
               && !(e.tagName === 'BUTTON' && e.textContent.trim()))
  .map(e => e.name || e.id)"""

TYPO = "Uger mellem planlagte samtaler: skriv et helt antal uger."


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Any]]:
    app, _ = make_app(tmp_path / "state", "da", executor="serial", replications=2,
                      lever_replications=1)
    store = app.config["WS_STORE"]
    store.create_session("bum70_readiness_first", 9.0, "da")
    store.open_round(store.current_session().id)
    with serving(app) as served:
        yield served.url.rstrip("/"), app


def shot(page: Any, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / f"workshop_kept_{name}.png"), full_page=True)
    assert page.evaluate(UNLABELLED) == [], name


def value(page: Any, selector: str) -> str:
    return str(page.input_value(selector))


def test_a_typo_keeps_the_form_and_a_team_code_rejoins(browser: Any, artifacts: Path,
                                                        served: tuple[str, Any]) -> None:
    base, app = served
    code = app.config["WS_STORE"].current_session().join_code
    errors: list[str] = []
    first = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    first.on("pageerror", lambda e: errors.append(str(e)))
    first.goto(base + "/join")
    first.get_by_label("Holdets navn").fill("Hold Nord")
    first.get_by_label("Deltagerkode").fill(code)
    first.get_by_role("button", name="Deltag", exact=True).click()
    first.wait_for_selector("#design-form")

    # the typo: a whole design typed, one field with a word for a number
    first.check("#rm-mk")
    first.check("#jobformidler-yes")
    first.check("#colocated-yes")
    first.fill("#fte-caseworker", "4,4")
    first.fill("#fte-jobformidler", "4,4")
    first.fill("#fte-consultant", "0")
    first.fill("#fte-mentor", "0")
    first.check("#p-cv_at_start-yes")
    first.check("#p-effort-par")
    first.get_by_label("Uger mellem planlagte samtaler").fill("to")
    first.get_by_role("button", name="Tjek og gem designet").click()
    first.wait_for_selector("[aria-invalid=true]")
    shot(first, artifacts, "typo")
    assert TYPO in first.inner_text("[role=alert]")
    bad = first.locator("#p-contact_interval_weeks")
    assert bad.get_attribute("aria-invalid") == "true" and bad.input_value() == "to"
    described = (bad.get_attribute("aria-describedby") or "").split()
    assert first.inner_text(f"#{described[0]}") == TYPO
    assert first.is_checked("#rm-mk") and first.is_checked("#jobformidler-yes")
    assert first.is_checked("#colocated-yes") and first.is_checked("#p-cv_at_start-yes")
    assert first.is_checked("#p-effort-par")
    assert value(first, "#fte-caseworker") == "4,4" and value(first, "#fte-mentor") == "0"
    assert first.locator("[aria-invalid=true]").count() == 1

    # corrected, it saves; the team's page shows its code
    bad.fill("3")
    first.get_by_role("button", name="Tjek og gem designet").click()
    first.wait_for_selector("#predict-form")
    assert first.locator("[aria-invalid=true]").count() == 0
    team_code = first.inner_text("#team-code").strip()
    assert len(team_code) == 6
    shot(first, artifacts, "saved_with_code")

    # a second laptop: a wrong code is told so, the right one brings the team and its design
    second = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    second.on("pageerror", lambda e: errors.append(str(e)))
    second.goto(base + "/join")
    second.get_by_label("Holdkode").fill("ZZZZZZ")
    second.get_by_role("button", name="Fortsæt som holdet").click()
    second.wait_for_selector("#err-team_code")
    assert "Holdkoden passer ikke til noget hold" in second.inner_text("#err-team_code")
    assert second.get_attribute("#team_code", "aria-invalid") == "true"
    assert value(second, "#team_code") == "ZZZZZZ"  # kept, and focused, to be corrected
    assert second.evaluate("() => document.activeElement.id") == "team_code"
    shot(second, artifacts, "wrong_team_code")
    second.get_by_label("Holdkode").fill(team_code.lower())
    second.keyboard.press("Enter")
    second.wait_for_selector("#design-form")
    assert "Hold Nord" in second.inner_text("header")
    assert second.is_checked("#rm-mk") and second.is_checked("#p-cv_at_start-yes")
    assert value(second, "#fte-caseworker") == "4,4"
    assert value(second, "#p-contact_interval_weeks") == "3"
    assert second.inner_text("#team-code").strip() == team_code
    shot(second, artifacts, "rejoined")
    first.reload()
    assert "Hold Nord" in first.inner_text("header")  # the first laptop stays in
    assert errors == []


def test_a_stale_tab_a_reset_and_a_new_workshop(browser: Any, artifacts: Path,
                                               served: tuple[str, Any]) -> None:
    base, app = served
    store = app.config["WS_STORE"]
    code = store.current_session().join_code
    errors: list[str] = []
    fac = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    fac.goto(base + "/facilitator/login")
    fac.get_by_label("Facilitatornøgle").fill(store.facilitator_key())
    fac.get_by_role("button", name="Log ind").click()
    team = browser.new_context(viewport={"width": 1280, "height": 900})
    one = team.new_page()
    for page in (fac, one):
        page.on("pageerror", lambda e: errors.append(str(e)))
    one.goto(base + "/join")
    one.get_by_label("Holdets navn").fill("Hold Syd")
    one.get_by_label("Deltagerkode").fill(code)
    one.get_by_role("button", name="Deltag", exact=True).click()
    one.wait_for_selector("#design-form")
    two = team.new_page()  # a second tab of the same laptop, opened before the first saves
    two.goto(base + "/team")

    one.check("#p-cv_at_start-yes")
    one.get_by_role("button", name="Tjek og gem designet").click()
    one.wait_for_selector("#predict-form")
    two.check("#p-work_agreement-yes")
    two.fill("#fte-caseworker", "4,5")
    two.get_by_role("button", name="Tjek og gem designet").click()
    two.wait_for_selector("[role=alert]")
    assert "gemt fra en anden fane eller computer" in two.inner_text("[role=alert]")
    assert two.is_checked("#p-work_agreement-yes") and value(two, "#fte-caseworker") == "4,5"
    shot(two, artifacts, "stale_tab")
    team_id = store.teams(store.current_session().id)[0].id
    rnd = store.current_round(store.current_session().id).id
    assert store.team_round(team_id, rnd)["design"]["practice"]["work_agreement"] is False

    # the reset asks first; "Fortryd" keeps everything, "Ja" clears the team's round
    fac.goto(base + "/facilitator")
    fac.get_by_role("button", name="Nulstil holdets runde: Hold Syd").click()
    assert "Hold Syd" in fac.inner_text("[role=alert]")
    shot(fac, artifacts, "reset_confirm")
    fac.get_by_role("link", name="Fortryd").click()
    assert store.team_round(team_id, rnd)["design"] is not None
    fac.get_by_role("button", name="Nulstil holdets runde: Hold Syd").click()
    fac.get_by_role("button", name="Ja, nulstil holdets runde").click()
    assert store.team_round(team_id, rnd)["design"] is None
    fac.get_by_role("button", name="Lås runden").click()
    assert fac.get_by_role("button", name="Nulstil holdets runde: Hold Syd").count() == 0

    # a new workshop: the box must be ticked; the old one stays in the archive
    old = store.current_session()
    fac.get_by_role("button", name="Ny workshop").click()
    assert "afslutter den nuværende workshop" in fac.inner_text("main")
    shot(fac, artifacts, "new_workshop_confirm")
    fac.get_by_role("button", name="Opret workshop og åbn runde 1").click()
    assert store.current_session() == old  # the browser asks for the box first
    fac.get_by_label("Ja, afslut den nuværende workshop").check()
    fac.get_by_role("button", name="Opret workshop og åbn runde 1").click()
    fac.wait_for_selector("#archive-h")
    assert store.current_session() != old
    shot(fac, artifacts, "archive")
    one.goto(base + "/team")
    assert "er afsluttet" in one.inner_text("main")
    one.get_by_role("link", name="Opsamling (HTML)").click()
    assert "Hold Syd" in one.inner_text("h1")
    assert errors == []
