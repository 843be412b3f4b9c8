"""``jobfirst explain --shapley`` with the cost by lever: lever_cost.csv beside
shapley.parquet, the section on the page and the lines in the terminal; without
--shapley-orders the orders come from the time budget, and a split expected to take longer
than a minute is announced with how to shorten it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.decide import lever_cost as lc
from jobfirst_sim.decide import shapley as sh

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_explain import SMALL_SETS, TRIAL

runner = CliRunner()

NEAR = [
    "-r", "2", "--seed", "4", "--workers", "1", *SMALL_SETS,
    "--set", "arms.control.practice.work_agreement=false",
]
"""The trial shrunk to 80 citizens an arm, control given JobFirst's design but for its
caseload and two practice levers: three levers, a few seconds."""


@pytest.mark.slow
def test_the_folder_page_and_terminal_carry_the_cost_by_lever(tmp_path: Path):
    out = tmp_path / "e"
    res = runner.invoke(app, ["explain", str(TRIAL), "--from", "control", "--to",
                              "jobfirst", "--shapley", "--out", str(out), *NEAR])
    assert res.exit_code == 0, res.output
    assert "Udgift pr. greb" in res.stdout
    tab = pd.read_csv(out / lc.CSV)
    assert list(tab.columns) == list(lc.COLUMNS)
    assert sorted(tab["lever"]) == ["caseload", "cv_at_start", "total", "work_agreement"]
    levers = tab[tab["lever"] != "total"]
    total = tab[tab["lever"] == "total"].iloc[0]
    for payer in lc.SHOWN_PAYERS:  # the parts add up to the whole proposal's cost
        assert levers[f"cost_{payer}"].sum() == pytest.approx(total[f"cost_{payer}"],
                                                               rel=1e-9, abs=1e-3)
    assert lc.CSV in json.loads((out / "explain.json").read_text())["files"]
    page = (out / "explain.html").read_text(encoding="utf-8")
    assert 'id="lever_cost"' in page and "Hvad koster hvert greb?" in page
    book = openpyxl.load_workbook(out / "explain.xlsx")  # the workbook carries the split
    sheet = book["Håndtagenes nettoudgift"]
    header = [c.value for c in sheet[1]]
    assert "Nettoudgift om året, kommunen (kr.)" in header and "cost_municipality" not in header
    levers_shown = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert not levers_shown & {"caseload", "cv_at_start", "work_agreement", "total"}
    assert all(isinstance(row[header.index("Nettoudgift om året, kommunen (kr.)")], float)
               for row in sheet.iter_rows(min_row=2, values_only=True))


@pytest.mark.slow
def test_orders_from_the_time_budget_and_a_warning_before_a_long_split(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sh, "EXACT_MAX", 1)  # three levers: sampled orders
    monkeypatch.setattr(sh, "WARN_SECONDS", 0.0)  # every split is "long"
    res = runner.invoke(app, ["explain", str(TRIAL), "--from", "control", "--to",
                              "jobfirst", "--shapley", "--shapley-seconds", "1", "--lang",
                              "en", "--out", str(tmp_path / "e"), *NEAR])
    assert res.exit_code == 0, res.output
    # the fewest orders that state an error: two antithetic pairs, whatever the budget
    assert ("Shapley: 4 random orders (26 simulations) are the fewest that give a Monte "
            "Carlo error") in res.stderr
    assert "more than the time budget of 1 s" in res.stderr
    assert "Note: the Shapley split runs 26 simulations, expected about" in res.stderr
    assert "Shorter: fewer parameter sets (--members) or replications (-r)" in res.stderr
    assert "Monte Carlo error (4 random orders): at most ±" in res.stdout
    assert pd.read_csv(tmp_path / "e" / lc.CSV)["orders"].eq(4).all()
