"""The rates beside the business case (decide/business/rates.py, report/rates.py): every
rate the case uses resolves on ``economics``, has a label and a source in Danish and
English, and an amount its price year; a rate set by the user shows as the user's own;
the compare page carries the table, and page and terminal say wages stay at the price
year's level."""

from __future__ import annotations

import re

import pytest
from small import small_trial

from jobfirst_sim import words
from jobfirst_sim.decide import compare as cmp
from jobfirst_sim.decide.business.rates import SOURCES, rates
from jobfirst_sim.report.compare import build_html, terminal_text
from jobfirst_sim.report.rates import rate_rows, rates_section
from jobfirst_sim.scenario import with_changes
from jobfirst_sim.scenario.economics import Economics


def test_every_rate_resolves_and_has_a_label_and_a_source_in_both_languages() -> None:
    found = rates(Economics())
    assert len(found) == len(SOURCES)
    for r in found:
        key = r.key.replace(".", "_")
        for lang in words.LANGS:
            assert words.t(f"rate_{key}", lang).strip(), key
            assert words.t(f"rate_src_{key}", lang).strip(), key
        assert (r.price_year == 2026) == r.unit.startswith("dkk"), key  # amounts only
        assert not r.changed, key


def test_the_case_s_sensitivity_rates_are_all_in_the_table() -> None:
    keys = {r.key for r in rates(Economics())}
    for needed in ("kontanthjaelp.monthly_rate", "ressourceforloeb.monthly_rate",
                   "hourly_wage", "max_dagpenge_per_month", "flexjob.subsidy_share",
                   "disability_pension_per_year", "taxes.on_wages", "taxes.on_transfers",
                   "discount_rate", *(f"staff_cost_per_fte.{r}" for r in (
                       "caseworker", "consultant", "mentor", "jobformidler"))):
        assert needed in keys


def test_a_rate_the_user_set_shows_as_their_own() -> None:
    econ = Economics().model_copy(update={"hourly_wage": 160.0})
    row = {r.key: r for r in rates(econ)}["hourly_wage"]
    assert row.changed and row.value == 160.0
    table = {r[0]: r for r in rate_rows(econ, "en")}
    assert table["Hourly wage of the ordinary hours"][-1] == "your own"
    assert table["Hourly wage of the ordinary hours"][1] == "DKK\u00a0160.00\u00a0an\u00a0hour"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_section_in_both_languages_names_the_price_year(lang: str) -> None:
    sec = rates_section(Economics(), lang)
    html = "".join(b for b in sec.blocks if isinstance(b, str))
    assert sec.intro.count("2026") >= 1
    assert ("2026-niveau" if lang == "da" else "2026 level") in html
    assert not re.search(r"\brate_(src_)?[a-z_]+\b", html)  # no raw words key shown
    assert ("skøn" if lang == "da" else "estimate") in html


def test_the_compare_page_carries_the_rates() -> None:
    s = small_trial(n_kh=40, n_rf=10, weeks=30)
    s = with_changes(s, {"economics.kontanthjaelp.child_supplement": 3_000})
    req = cmp.from_files(s, s, label_current="a", label_proposed="b", replications=2,
                         seed=5, horizons=(26,))
    comparison = cmp.run_compare(req)
    page, _ = build_html(comparison, "en")
    assert "Rates and sources" in page
    assert "DKK\u00a03,000\u00a0a\u00a0month" in page  # the run's own figure, not the default
    # where the terminal shows kroner, it says the rates stay at the price year's level
    assert "wages and rates at their 2026 level in every year" in terminal_text(comparison,
                                                                               "en")
    assert "løn og satser i 2026-niveau i alle årene" in terminal_text(comparison, "da")
