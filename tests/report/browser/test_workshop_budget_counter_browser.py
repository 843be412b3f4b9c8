"""The live budget counter follows every FTE field, not only the caseloads, and the
"changed from the start" marks follow the typing too (issue 24 §5).

A team moving staff between roles must see "Brugt: … af … årsværk" change as it types in
any FTE field; before, the script updated only the caseload cells and the counter kept the
number the page was served with. The counter's text is the server's
(``/team/caseloads.json``), so it reads exactly as the page's own numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from served import serving

from jobfirst_sim import fmt
from jobfirst_sim.app.workshop import make_app
from jobfirst_sim.domain import StaffRole

pytestmark = pytest.mark.browser


@pytest.fixture
def open_round(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A Danish workshop (budget 9 FTE) with round 1 open: (address, join code)."""
    app, queue = make_app(tmp_path / "state", "da", executor="serial", replications=2,
                          lever_replications=1, anchors=False)
    store = app.config["WS_STORE"]
    code = store.create_session("bum70_readiness_first", 9.0, "da").join_code
    store.open_round(store.current_session().id)
    try:
        with serving(app) as served:
            yield served.url.rstrip("/"), code
    finally:
        queue.stop()


def _value(text: str) -> float:
    return float(text.replace(".", "").replace(",", ".") or 0)


def test_every_fte_field_moves_the_budget_counter(browser: Any,
                                                  open_round: tuple[str, str]) -> None:
    base, code = open_round
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "/join")
    page.get_by_label("Holdets navn").fill("Hold Budget")
    page.fill("#code", code)
    page.keyboard.press("Enter")
    page.wait_for_selector("#design-form")
    typed = {r.value: _value(page.input_value(f"#fte-{r.value}")) for r in StaffRole}
    for i, role in enumerate(StaffRole):
        before = page.inner_text("#fte-used")
        typed[role.value] = 1.5 + i
        page.fill(f"#fte-{role.value}", fmt.number(typed[role.value], "da", 1))
        want = (f"Brugt: {fmt.number(sum(typed.values()), 'da', 1)} af "
                f"{fmt.number(9.0, 'da', 1)} årsværk")
        assert want != before
        page.wait_for_function("want => document.getElementById('fte-used')"
                               ".textContent.startsWith(want)", arg=want, timeout=10_000)
    # every FTE field now differs from the start: each is marked in words, and the staff
    # step counts them, as the team types (no save)
    page.wait_for_function("() => document.querySelector('[data-step-changed=staff]')"
                           ".textContent === '4 ændret fra start'", timeout=10_000)
    for role in StaffRole:
        assert page.is_visible(f"[data-changed=fte_{role.value}]")
        assert page.inner_text(f"[data-changed=fte_{role.value}]") == "ændret fra start"
    assert not page.is_visible("[data-changed=role_model]")
    assert errors == []
    page.close()
