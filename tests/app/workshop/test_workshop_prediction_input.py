"""A prediction is read the way people type it: "30 %", "30%" and kroner in mio. kr."""

from __future__ import annotations

import pytest

from jobfirst_sim.app.workshop.forms import prediction_problems


@pytest.mark.parametrize("share", ["30", "30 %", "30%", "30 pct.", "30,0 %", "30\u00a0%"])
@pytest.mark.parametrize("cost", ["108", "108 mio. kr.", "108 mio", "108 mio.kr.", "108,0 kr."])
def test_units_people_type_are_read(share: str, cost: str) -> None:
    value, problems = prediction_problems({"hours_share": share, "net_cost": cost}, "da")
    assert problems == {}
    assert value == (pytest.approx(0.30), pytest.approx(108e6))


@pytest.mark.parametrize("share", ["30 %%", "tredive", "130 %", "-5 %"])
def test_what_is_not_a_share_is_named(share: str) -> None:
    value, problems = prediction_problems({"hours_share": share, "net_cost": "108"}, "da")
    assert value is None and set(problems) == {"hours_share"}
