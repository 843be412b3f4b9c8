"""The workshop's words are for leaders: no source codes or doc paths, plain Danish."""

from __future__ import annotations

import re

import pytest

from jobfirst_sim.words import catalog, t

WORKSHOP_KEYS = [k for k in catalog() if k.startswith("ws_")]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_source_codes_or_doc_paths_on_leaders_pages(lang: str) -> None:
    found = [k for k in WORKSHOP_KEYS
             if re.search(r"\[M §|docs/|model\.md", t(k, lang))]
    assert found == []


def test_the_danish_wording_the_room_asked_for() -> None:
    texts = [t(k, "da") for k in catalog()]
    assert not any("Små tal" in x for x in texts)
    assert not any("Løn tjent af borgerne" in x for x in texts)
    assert t("bc_wages", "da").startswith("Borgernes lønindtægt")
    assert "simuleringen slutter" in t("j_end", "da", w=104, status="x", h=0)
    # the result table of the room debrief names the team's design, not "yours"
    assert t("ws_team_design", "da") == "Holdets design"
