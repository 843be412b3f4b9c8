"""The pilot's business case (decide/business/of_pilot.py, report/pilot_business.py):
the design the pilot tests priced per payer and budget year from the pilot's own runs --
the same case compare gives for the same arms, seed and replications -- and the pilot's
cost in proportion to the citizens it puts on the new design; in pilot.json, on the page
and in the terminal, in Danish and English."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.decide import compare as cmp
from jobfirst_sim.decide.business.of_compare import compare_case
from jobfirst_sim.decide.business.of_pilot import (
    BOOK_FILE,
    business_block,
    pilot_case,
    pilot_costs,
)
from jobfirst_sim.decide.business.payers import PAYERS
from jobfirst_sim.decide.pilot import PilotPlan, PilotRequest, plan_pilot
from jobfirst_sim.decide.reload import load_pilot
from jobfirst_sim.report.labels import arm_name, t
from jobfirst_sim.report.pilot import build_html, terminal_text
from jobfirst_sim.report.pilot_business import terminal as business_terminal

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_pilot import MUNICIPALITY, TINY_SETS, tiny

ALTERNATIVES = {"arms_mode": "alternatives"}
runner = CliRunner()


@pytest.fixture(scope="module")
def plan() -> PilotPlan:
    return plan_pilot(PilotRequest(tiny(**ALTERNATIVES), "today", "jobfirst", pilots=3,
                                   week=40, sizes=(40, 100), seed=3))


def test_the_pilots_case_is_compares_for_the_same_runs(plan: PilotPlan):
    """One answer: the pilot's runs are compare's worlds, so the kroner agree."""
    case = pilot_case(plan)
    assert case is not None
    comparison = cmp.run_compare(cmp.from_arms(tiny(**ALTERNATIVES), "today", "jobfirst",
                                               replications=3, seed=3))
    theirs = compare_case(comparison, "today")
    assert case.years == theirs.years and case.weeks == theirs.weeks
    assert case.change_costs == pytest.approx(theirs.change_costs)
    for payer in PAYERS:
        assert case.payers[payer].present_value.mean == pytest.approx(
            theirs.payers[payer].present_value.mean, rel=1e-9, abs=1e-3)


def test_a_pilot_costs_the_design_per_citizen_it_moves(plan: PilotPlan):
    case = pilot_case(plan)
    assert case is not None and plan.books is not None
    costs = pilot_costs(plan, case)
    assert [c.unit for c in costs] == ["citizen", "team"]
    for c in costs:
        assert c.size in (40, 100)
        assert c.on_new_design == pytest.approx(c.citizens / 2)
        assert c.share == pytest.approx(c.citizens / 2 / plan.books.citizens)
        for payer in PAYERS:
            assert c.per_year[payer] == pytest.approx(c.share * case.a_year(payer))
    block = business_block(plan)["business_case"]
    assert set(block["payers"]) == set(PAYERS) and len(block["pilot_costs"]) == 2
    json.dumps(block, allow_nan=False)  # plain JSON


@pytest.mark.parametrize("lang", ["da", "en"])
def test_page_and_terminal_show_what_pilot_and_design_cost(plan: PilotPlan, lang: str):
    page, figures = build_html(plan, lang)
    assert t("trp_title", lang) in page and t("biz_title", lang) in page
    assert len(figures) == 5  # three power figures, the profile and the tornado
    text = terminal_text(plan, lang)
    assert t("biz_payer_municipality", lang) in text
    lines = business_terminal(plan, lang)
    assert lines and all(line.strip() in text for line in lines)
    money = "\n".join(lines)
    scen = plan.request.scenario
    assert arm_name("today", lang, scen) in money and arm_name("jobfirst", lang, scen) in money
    for raw in ("jobfirst", "None", "nan"):  # arm ids and missing values never show
        assert raw not in money


def test_cli_writes_the_business_block_and_the_books_and_rerenders_them(tmp_path: Path):
    out = tmp_path / "p"
    res = runner.invoke(app, ["pilot", str(MUNICIPALITY), "--from", "today", "--to",
                              "jobfirst", "--pilots", "2", "--sizes", "60", "--week", "40",
                              "--seed", "5", "--out", str(out), "--lang", "en", "-w", "1",
                              "--uncertainty", "noise", *TINY_SETS],
                        env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "Extra net cost a year" in res.output and "Traceback" not in res.output
    meta = json.loads((out / "pilot.json").read_text())
    block = meta["business_case"]
    assert set(block["payers"]) == set(PAYERS) and block["citizens"] > 0
    assert BOOK_FILE in meta["files"]
    assert set(pd.read_parquet(out / BOOK_FILE)["design"]) == {"current", "proposed"}
    again = load_pilot(out)
    assert again.books is not None
    assert business_block(again)["business_case"]["payers"] == block["payers"]
