"""Each card brings two or three questions for the debrief conversation, on screen in the
reveal and the debrief, from the words catalog (issue 24 §4)."""

from __future__ import annotations

from typing import Any

import pytest
from workshop_client import facilitator

from jobfirst_sim.app.workshop.engine.cards import CARDS
from jobfirst_sim.app.workshop.present_room import debrief_questions


@pytest.mark.parametrize("card", [c.key for c in CARDS])
def test_every_card_has_two_or_three_questions_in_both_languages(card: str) -> None:
    da, en = debrief_questions(card, "da"), debrief_questions(card, "en")
    assert 2 <= len(da) <= 3 and len(en) == len(da)
    assert all(q.endswith("?") for q in da + en)


def test_the_reveal_and_debrief_show_the_cards_questions(app: Any) -> None:
    client, _, _ = facilitator(app)
    card = app.config["WS_STORE"].current_session().card
    questions = debrief_questions(card, "da")
    debrief = client.get("/debrief").text
    assert "Spørgsmål til samtalen" in debrief
    for q in questions:
        assert q.replace("'", "&#39;") in debrief
