"""An address the workshop does not have gets a page in the workshop's language with a way
back, not Flask's English error page (a mistyped link in a room of Danish leaders)."""

from __future__ import annotations

from typing import Any

from jobfirst_sim.words import t


def test_unknown_address_is_answered_in_danish_with_a_way_back(app: Any) -> None:
    resp = app.test_client().get("/no-such-page")
    body = resp.get_data(as_text=True)
    assert resp.status_code == 404
    assert t("ws_not_found", "da") in body
    assert "Not Found" not in body
    assert 'href="/"' in body


def test_wrong_method_is_answered_in_the_workshop_language(app: Any) -> None:
    resp = app.test_client().delete("/")
    body = resp.get_data(as_text=True)
    assert resp.status_code == 405
    assert t("ws_wrong_method", "da") in body
    assert "Method Not Allowed" not in body
