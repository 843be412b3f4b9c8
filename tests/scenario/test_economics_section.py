"""The ``economics:`` section: documented 2026 defaults, impossible rates refused with a
message naming file, line and field, and every rate settable with ``--set`` and sweepable."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.domain import StaffRole
from jobfirst_sim.run.sweep.experiment import load_experiment
from jobfirst_sim.scenario import ScenarioError, load_scenario, with_changes
from jobfirst_sim.scenario.economics import (
    BenefitRules,
    ChangeCosts,
    Economics,
    FlexjobRules,
    Refusion,
    StaffCosts,
    Taxes,
)

ROOT = Path(__file__).resolve().parents[2]
TRIAL = ROOT / "scenarios" / "jobfirst_trial.yaml"
TINY = ROOT / "tests" / "data" / "sweep_tiny_scenario.yaml"


def test_every_rate_says_its_unit_range_year_and_source() -> None:
    checked = 0
    for model in (Economics, BenefitRules, StaffCosts, FlexjobRules, Refusion, Taxes,
                  ChangeCosts):
        for name, field in model.model_fields.items():
            if field.annotation not in (float, int):
                continue  # a section: its own fields are checked
            checked += 1
            text = field.description or ""
            assert "(" in text and any(w in text for w in ("DKK", "0-1", "year", "weeks",
                                                           "hours", "0-0.2")), name
            if "DKK" in text:
                assert "2026" in text or "2025" in text, name
                assert any(s in text for s in (
                    "bm.dk", "borger.dk", "star.dk", "KRL", "Overenskomst", "dagpenge",
                    "LAB §", "skat.dk", "no published figure", "your buildings")), name
            if "(0-1)" in text and model in (FlexjobRules, Refusion, Taxes):
                assert "[" in text or "skat.dk" in text, name  # a share names its law
    assert checked == 37


def test_staff_costs_cover_every_role() -> None:
    assert set(StaffCosts.model_fields) == {r.value for r in StaffRole}


def test_economics_in_a_file_and_with_set(tmp_path: Path) -> None:
    path = tmp_path / "priced.yaml"
    path.write_text(TINY.read_text(encoding="utf-8")
                    + "economics:\n  hourly_wage: 150\n  kontanthjaelp:\n"
                      "    deduction_share: 0.5\n", encoding="utf-8")
    s = load_scenario(path, overrides={"economics.staff_cost_per_fte.mentor": "600000"})
    assert s.economics.hourly_wage == 150
    assert s.economics.kontanthjaelp.deduction_share == 0.5
    assert s.economics.ressourceforloeb.deduction_share == 0.65  # the other group's default
    assert s.economics.staff_cost_per_fte.mentor == 600_000
    assert with_changes(s, {"economics.price_year": 2027}).economics.price_year == 2027


@pytest.mark.parametrize(("line", "said"), [
    ("  hourly_wage: -140", "economics.hourly_wage: must be greater than or equal to 0"),
    ("  kontanthjaelp: {deduction_share: 1.3}",
     "economics.kontanthjaelp.deduction_share: must be less than or equal to 1"),
    ("  ressourceforloeb: {share_with_children: -0.1}",
     "economics.ressourceforloeb.share_with_children: must be greater than or equal to 0"),
    ("  staff_cost_per_fte: {cook: 400000}", "economics.staff_cost_per_fte.cook: unknown field"),
])
def test_impossible_economics_get_a_clear_message(tmp_path: Path, line: str, said: str) -> None:
    path = tmp_path / "bad.yaml"
    text = TINY.read_text(encoding="utf-8") + "economics:\n" + line + "\n"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    line_no = text.count("\n")
    assert f"{path}, line {line_no}: {said}" in result.output
    assert "allowed:" in result.output and "Traceback" not in result.output
    with pytest.raises(ScenarioError):
        load_scenario(path)


def test_economics_can_be_swept(tmp_path: Path) -> None:
    exp = tmp_path / "sweep.yaml"
    exp.write_text(f"""\
name: priced
scenario: {TINY}
levers:
  economics.hourly_wage: {{values: [143, 200]}}
  deduction:
    path: economics.kontanthjaelp.deduction_share
    values: [0.4, 0.65]
outcomes:
  wages:
    metric: dkk_wages_per_citizen
    arm: jobfirst
replications: 1
seed: 3
design:
  type: full_factorial
""", encoding="utf-8")
    points = load_experiment(exp).points
    seen = {(p.scenario.economics.hourly_wage, p.scenario.economics.kontanthjaelp.deduction_share)
            for p in points}
    assert seen == {(143, 0.4), (143, 0.65), (200, 0.4), (200, 0.65)}
