"""Every scenario shipped in ``scenarios/`` validates and says what question it answers.

Why: the shipped files are what managers copy from; a file that no longer validates after
a schema change, or that silently lost its purpose comment, is a broken example.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shipped import SCENARIO_FILES
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.scenario import load_raw, load_scenario
from jobfirst_sim.scenario.schema import Design, Municipality

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = SCENARIO_FILES


def test_there_are_realistic_designs_besides_the_trial() -> None:
    names = {p.name for p in SCENARIOS}
    assert "jobfirst_trial.yaml" in names
    assert len(names - {"jobfirst_trial.yaml"}) >= 4


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_scenario_file_validates(path: Path) -> None:
    scenario = load_scenario(path)
    assert scenario.arms
    assert scenario.name == path.stem  # the name is the results folder: keep them apart


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_scenario_file_says_which_question_it_answers(path: Path) -> None:
    header = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    assert any("Question it answers" in line for line in header), path


def test_cli_validates_all_shipped_scenarios() -> None:
    result = CliRunner().invoke(app, ["validate", *map(str, SCENARIOS)])
    assert result.exit_code == 0, result.output
    assert result.output.count("ok: ") == len(SCENARIOS)


def test_design_what_ifs_share_the_trial_population() -> None:
    """The what-ifs change the design only: same municipalities and group sizes as the trial.
    (A running jobcentre in calendar time is one municipality's own, not a what-if.)"""
    trial = load_scenario(ROOT / "scenarios" / "jobfirst_trial.yaml")
    def local(m: Municipality) -> tuple[object, ...]:
        return (m.name, m.weight, m.labour_demand, m.unemployment_rate, m.firm_density,
                m.entry_job_share, m.company_openness)

    trial_munis = [local(m) for m in trial.municipalities]
    for path in SCENARIOS:
        if path.name == "jobfirst_trial.yaml":
            continue
        s = load_scenario(path)
        if s.calendar is not None:
            continue
        assert [local(m) for m in s.municipalities] == trial_munis
        assert all(not m.caseload for m in s.municipalities), path
        jobfirst = next(a for a in s.arms if a.name == "jobfirst")
        assert jobfirst.design == trial.arms[0].design
        # same run settings, except that only the trial replica compares with the trial
        assert s.run == trial.run.model_copy(update={"compare_with_trial": False}), path


def test_what_ifs_change_what_their_name_says() -> None:
    def arm(file: str, name: str) -> Design:
        s = load_scenario(ROOT / "scenarios" / file)
        return next(a for a in s.arms if a.name == name).design

    bum = arm("bum_caseload70.yaml", "bum70")
    assert (bum.organisation.role_model.value, bum.organisation.caseload) == ("bum", 70)
    assert bum.practice.hours_dialogue_from_start is True
    mk = arm("makkerskab_41.yaml", "makkerskab41")
    assert (mk.organisation.role_model.value, mk.organisation.jobformidler) == (
        "makkerskab",
        False,
    )
    assert mk.organisation.caseload == 41
    apart = arm("jobformidler_30_not_colocated.yaml", "jobformidler30_apart")
    assert (apart.organisation.caseload, apart.organisation.colocated) == (30, False)
    assert apart.organisation.jobformidler is True
    no_dialogue = arm("jobfirst_no_hours_dialogue.yaml", "no_hours_dialogue")
    assert no_dialogue.practice.hours_dialogue_from_start is False
    seq = arm("sequential_jobfirst.yaml", "sequential")
    assert seq.practice.social_effort.value == "sequential"


def test_trial_flat_caseloads_makes_arm_caseload_effective() -> None:
    s = load_scenario(
        ROOT / "scenarios" / "trial_flat_caseloads.yaml",
        {"arms.jobfirst.organisation.caseload": "30"},
    )
    assert s.arms[0].design.organisation.caseload == 30
    raw = load_raw(ROOT / "scenarios" / "trial_flat_caseloads.yaml")
    assert "extends" not in raw  # resolved into the document


DOC = ROOT / "docs" / "scenarios.md"


def test_docs_name_every_shipped_scenario() -> None:
    """The table of shipped scenarios in docs/scenarios.md has a row for every file."""
    text = DOC.read_text(encoding="utf-8")
    assert [n.name for n in SCENARIOS if f"`{n.name}`" not in text] == []


def test_docs_examples_validate(tmp_path: Path) -> None:
    import re

    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    full = [b for b in blocks if b.startswith("name: ") and "..." not in b]
    assert len(full) >= 2
    for i, block in enumerate(full):
        path = tmp_path / f"example{i}.yaml"
        path.write_text(block, encoding="utf-8")
        assert load_scenario(path).arms
