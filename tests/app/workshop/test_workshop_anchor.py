"""The start's figures before a team predicts (issue 24 §3): the anchor on the team page.

Teams predicted blind (35 % against a start of 13 %); now the page shows the start design's
share with ordinary hours and net cost, with their intervals, above the prediction form,
computed once per card by the run queue when the session is created.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from conftest import SMALL
from workshop_client import CARD, design_form, facilitator, join

from jobfirst_sim.app.workshop import make_app
from jobfirst_sim.app.workshop.engine.cards import CARDS
from jobfirst_sim.app.workshop.present import interval, kroner, share

ANCHORED = {**SMALL, "anchors": True}


def _ready(queue: Any, card: str, seconds: float = 180.0) -> dict[str, Any]:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        got = queue.anchor(card)
        if got is not None:
            return dict(got)
        time.sleep(0.2)
    raise AssertionError(f"no anchor for {card} within {seconds} s")


def test_team_sees_the_start_with_its_interval_before_the_prediction_form(
        tmp_path: Path) -> None:
    app, queue = make_app(tmp_path / "state", "da", **ANCHORED)
    queue.start()
    try:
        _, _, code = facilitator(app)
        client, token, team = join(app, "Nord", code)
        anchor = _ready(queue, CARD)
        assert client.post("/team/design", data=design_form(token, team)).status_code == 200
        page = client.get("/team").text
        start_share = share(anchor["hours_share"]["mean"], "da")
        assert "Startjobcentret, før I forudsiger" in page
        assert start_share in page
        assert interval(anchor["hours_share"], "da", "share") in page
        assert kroner(anchor["net_cost"]["mean"], "da") in page
        assert interval(anchor["net_cost"], "da", "kroner") in page
        assert page.index('id="anchor"') < page.index('id="predict-form"')
        # the anchor is the start a team's result shows later (same citizens and seed)
        assert 0.0 <= anchor["hours_share"]["mean"] <= 1.0
    finally:
        queue.stop()


def test_page_says_the_start_is_being_computed_until_it_is(tmp_path: Path) -> None:
    app, queue = make_app(tmp_path / "state", "en", **ANCHORED)  # queue not started
    _, _, code = facilitator(app)
    client, _, _ = join(app, "North", code)
    page = client.get("/team").text
    assert 'id="anchor-wait"' in page
    assert queue.anchor(CARD) is None


def test_no_anchor_section_when_the_queue_computes_none(app: Any) -> None:
    _, _, code = facilitator(app)
    client, _, _ = join(app, "Syd", code)
    assert 'id="anchor"' not in client.get("/team").text


def _wait_ready(queue: Any, card: str, seconds: float = 180.0) -> None:
    end = time.monotonic() + seconds
    while queue.ready(card) is None:
        assert time.monotonic() < end, f"{card}: nothing computed at start"
        time.sleep(0.2)


def test_start_warms_the_workers_with_the_first_cards_anchor(tmp_path: Path) -> None:
    """Warm start (issue 24 §5): with no session yet, starting the queue computes the
    first card's anchor unasked, so the worker processes exist before any team runs."""
    _, queue = make_app(tmp_path / "state", "da", **ANCHORED)
    queue.start()
    try:
        _wait_ready(queue, CARDS[0].key)
    finally:
        queue.stop()


def test_start_computes_the_running_sessions_card(tmp_path: Path) -> None:
    state = tmp_path / "state"
    app, _ = make_app(state, "da", **SMALL)
    facilitator(app, card=CARDS[-1].key)  # a session of another card, then a restart
    _, queue = make_app(state, "da", **ANCHORED)
    queue.start()
    try:
        _wait_ready(queue, CARDS[-1].key)
    finally:
        queue.stop()
