"""The business case by payer and budget year (decide/business): payers' formulas,
discounting, payback, switching values, ``--years`` extending the run, and the page."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from small import small_calendar
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.decide import compare as cmp
from jobfirst_sim.decide.business.case import payback, year_case
from jobfirst_sim.decide.business.horizon import year_sets
from jobfirst_sim.decide.business.of_compare import compare_case
from jobfirst_sim.model.observe.budget import BOOK_ROWS
from jobfirst_sim.report.business import business_years_section
from jobfirst_sim.scenario.economics import Economics


def _book(years: int, reps: int, **per_year: float) -> pd.DataFrame:
    rows = []
    for r in range(reps):
        for y in range(1, years + 1):
            row = {"replication": r, "arm": "a", "benefit": "kontanthjaelp",
                   "municipality": "m", "year": y, "weeks": 52,
                   **dict.fromkeys(BOOK_ROWS, 0.0), "staff": 0.0}
            row.update(per_year)
            rows.append(row)
    return pd.DataFrame(rows)


def test_payback_year() -> None:
    assert payback([10.0, -4.0, -4.0, -4.0]) == 4  # cumulative 10, 6, 2, −2
    assert payback([-1.0, -1.0]) == 1
    assert payback([10.0, -4.0]) is None
    assert payback([10.0, -20.0, 15.0]) is None  # repaid, then lost again by the end


def test_payers_discounting_and_switching_on_a_known_book() -> None:
    econ = Economics()
    now = _book(3, 2, staff=100.0, benefit=1000.0, refund_benefit=200.0, wages=0.0)
    then = _book(3, 2, staff=200.0, benefit=900.0, refund_benefit=180.0, wages=100.0)
    case = year_case(now, then, "a", economics_current=econ, economics_proposed=econ,
                     change=50.0)
    tax = econ.taxes
    m = case.payers["municipality"]
    # +100 staff, −100 benefit, +20 refund lost: 100 − 100 + 20 = +20 a year, +50 once
    np.testing.assert_allclose([f.mean for f in m.years], [70.0, 20.0, 20.0])
    assert case.payers["state"].years[0].mean == pytest.approx(-20.0)
    pub = 100.0 - 100.0 * (1 - tax.on_transfers) - 100.0 * tax.on_wages
    np.testing.assert_allclose([f.mean for f in case.payers["public"].years],
                               [pub + 50.0, pub, pub])
    np.testing.assert_allclose([f.mean for f in case.payers["society"].years],
                               [50.0, 0.0, 0.0], atol=1e-9)
    r = econ.discount_rate
    assert m.present_value.mean == pytest.approx(70.0 + 20.0 / (1 + r) + 20.0 / (1 + r) ** 2)
    assert m.payback_year is None
    # the staff cost per FTE that turns the municipality's present value to 0
    staff_pv = 100.0 * (1 + 1 / (1 + r) + 1 / (1 + r) ** 2)
    assert m.switching["staff_cost"] == pytest.approx(1 - m.present_value.mean / staff_pv)
    lo, hi = m.tornado["staff_cost"]
    assert hi - lo == pytest.approx(0.4 * staff_pv)
    assert m.switching["wages"] is None  # wages do not reach the municipality's budget


def test_identical_books_give_zero_everywhere() -> None:
    econ = Economics()
    book = _book(2, 3, staff=100.0, benefit=500.0, refund_benefit=100.0, wages=50.0)
    case = year_case(book, book, "a", economics_current=econ, economics_proposed=econ)
    for c in case.payers.values():
        assert all(f.mean == 0.0 for f in c.years)
        assert c.payback_year == 1
        assert all(v is None or v == pytest.approx(1.0) for v in c.switching.values())


def test_years_extend_the_run_never_shorten_it() -> None:
    cal = small_calendar(horizon=30)
    assert year_sets(cal, 2) == ["calendar.horizon_weeks=103"]
    assert year_sets(small_calendar(horizon=200), 2) == []
    assert year_sets(cal, None) == []


def test_bad_years_are_refused_naming_the_option(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["compare", "scenarios/our_jobcentre.yaml", "--from",
                                   "today", "--to", "proposed", "--years", "11", "-r", "1",
                                   "--uncertainty", "noise", "--out", str(tmp_path / "x")])
    assert res.exit_code == 2, res.output
    assert "--years 11" in res.output and "1 to 10" in res.output
    assert "Traceback" not in res.output


@pytest.fixture(scope="module")
def calendar_comparison() -> cmp.Comparison:
    s = small_calendar(horizon=70)
    req = cmp.from_arms(s, s.arms[0].name, s.arms[1].name, replications=2, seed=3,
                        years=2)
    return cmp.run_compare(req)


def test_compare_case_reads_two_years_with_change_costs(calendar_comparison) -> None:
    arm = calendar_comparison.request.arms[0]
    case = compare_case(calendar_comparison, arm)
    assert case.years == 2
    assert case.change_costs > 0  # the designs differ: training at least
    block = case.to_json()
    assert set(block["payers"]) == {"municipality", "state", "public", "society"}
    assert len(block["payers"]["public"]["difference"]) == 2
    json.dumps(block)  # plain JSON


@pytest.mark.parametrize("lang", ["da", "en"])
def test_page_section_in_both_languages(calendar_comparison, lang: str) -> None:
    arm = calendar_comparison.request.arms[0]
    sec, figs = business_years_section(compare_case(calendar_comparison, arm), lang, 2026)
    html = "".join(b for b in sec.blocks if isinstance(b, str))
    assert ("mio. kr." if lang == "da" else "DKK") in html
    assert ("Nutidsværdi" if lang == "da" else "Present value") in html
    assert len(figs) == 2 and all(f["data"] for f in figs)
    for raw in ("None", "nan", "true", "false"):
        assert f">{raw}<" not in html


def test_compare_json_carries_the_block(calendar_comparison) -> None:
    from jobfirst_sim.decide.compare_files import manifest
    from jobfirst_sim.report.compare import terminal_text

    block = manifest(calendar_comparison)["business_case"]
    assert block["years"] == 2 and block["discount_rate"] == pytest.approx(0.035)
    pv = block["payers"]["municipality"]["present_value"]
    assert set(pv) == {"mean", "ci_low", "ci_high"}
    assert "Nutidsværdi" in terminal_text(calendar_comparison, "da")


def test_switching_values_far_away_are_not_given_to_the_percent() -> None:
    from jobfirst_sim.decide.business.case import PARAMETERS, Figure, PayerCase, YearCase
    from jobfirst_sim.report.business import switching_rows

    zero = Figure(0.0, 0.0, 0.0)
    switching = dict.fromkeys(PARAMETERS, None) | {"staff_cost": 1.25, "wages": 90.0}
    payer = PayerCase("x", [0.0], [0.0], [zero], zero, 1, None,
                      dict.fromkeys(PARAMETERS, (0.0, 0.0)), switching)
    case = YearCase("a", 1, [52], 0.035, 0.0,
                    dict.fromkeys(("municipality", "state", "public", "society"), payer))
    rows = {r[0]: r[1] for r in switching_rows(case, "en")}
    assert rows["Staff cost per FTE"] == "+25%"
    assert rows["The citizens' hourly wage"] == "more than +500%"
    assert rows["Tax rates"] == "never switches"
