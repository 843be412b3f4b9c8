"""The first screen's words (report/in_short.py) from a business case built by hand: the
net cost a year annualised over the simulated weeks, the payback, the pilot and the
probability that the proposal costs the public sector less, in both languages."""

from __future__ import annotations

import pytest

from jobfirst_sim.decide.business.case import Figure, PayerCase, YearCase
from jobfirst_sim.decide.pilot_needed import PilotNeed
from jobfirst_sim.report.in_short import cost_note, effect_text, payback_line, pilot_text


def _payer(name: str, years: list[float], payback: int | None,
           cheaper: float | None = None) -> PayerCase:
    return PayerCase(payer=name, current=[0.0] * len(years), proposed=years,
                     years=[Figure(x, x - 1e5, x + 1e5) for x in years],
                     present_value=Figure(sum(years), sum(years) - 1e5, sum(years) + 1e5),
                     payback_year=payback, probability_costs_less=cheaper, tornado={},
                     switching={})


def _case(cheaper: float | None = None) -> YearCase:
    return YearCase(arm="today", years=2, weeks=[52, 26], discount_rate=0.035,
                    change_costs=0.0, members=3, payers={
                        "municipality": _payer("municipality", [2e6, 1e6], None),
                        "state": _payer("state", [0.0, 0.0], 1),
                        "public": _payer("public", [3e6, -3e6], 2, cheaper),
                        "society": _payer("society", [0.0, 0.0], 1)})


def test_the_net_cost_a_year_counts_a_part_year_by_its_weeks() -> None:
    case = _case()
    assert case.a_year("municipality") == pytest.approx(3e6 * 52 / 78)
    assert case.a_year("public") == pytest.approx(0.0)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_words_of_the_first_screen(lang: str) -> None:
    case = _case(cheaper=2 / 3)
    assert "2" in payback_line(case.payers["public"], 2, lang)
    assert ("ikke inden for 2 år" if lang == "da" else "not within 2 years") in payback_line(
        case.payers["municipality"], 2, lang)
    note = cost_note(case, lang)
    assert "67" in note and ".." not in note
    head = {"metric": "share_with_hours_end", "current": 0.10, "proposed": 0.148,
            "difference": 0.048, "ci_low": 0.026, "ci_high": 0.069}
    assert ("+4,8" if lang == "da" else "+4.8") in effect_text(head, lang)
    assert ("intet interval" if lang == "da" else "no interval") in effect_text(
        {**head, "ci_low": None}, lang)
    fits = pilot_text(PilotNeed(per_arm=300, cohort=1000), lang)
    assert ("300" in fits) and ("600" in fits)
    too_big = pilot_text(PilotNeed(per_arm=748, cohort=1213), lang)
    assert "1.496" in too_big or "1,496" in too_big
    assert ("kommuner" if lang == "da" else "municipalities") in too_big


def test_the_gross_kroner_cells_read_in_millions_without_an_empty_interval() -> None:
    from jobfirst_sim.report.business import gross_cell_text

    row = {"defined": True, "mean": 235.8e6, "ci_low": 232.6e6, "ci_high": 239.0e6}
    assert gross_cell_text(row, "benefit", "da") == "235,8 mio. kr. (232,6 til 239,0)"
    assert gross_cell_text(row, "benefit", "en") == "DKK 235.8m (232.6 to 239.0)"
    staff = {"defined": True, "mean": 23.3e6, "ci_low": 23.3e6, "ci_high": 23.3e6}
    assert gross_cell_text(staff, "staff", "da") == "23,3 mio. kr."  # an input
    ratio = {"defined": True, "mean": 421_407.0, "ci_low": 283_891.0, "ci_high": 786_971.0}
    assert gross_cell_text(ratio, "cost_per_extra_citizen_with_hours", "da") == (
        "421.407\u00a0kr. (283.891 til 786.971)")
