"""Experiment language and samplers: validation messages, design sizes, determinism.

These tests need no model run: they load experiment files and expand designs only.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.run.sweep import ExperimentError, load_experiment
from jobfirst_sim.scenario import ScenarioError

DATA = Path(__file__).resolve().parents[1] / "data"
SCENARIO = (DATA / "sweep_tiny_scenario.yaml").resolve()
REPO = Path(__file__).resolve().parents[2]

BASE: dict = {
    "name": "t",
    "scenario": str(SCENARIO),
    "levers": {"arms.jobfirst.organisation.caseload": {"values": [30, 55]}},
    "outcomes": {"t1": {"metric": "share_with_hours_w78", "arm": "jobfirst"}},
    "replications": 2,
    "seed": 3,
    "design": {"type": "full_factorial"},
}


def write(tmp_path: Path, doc: dict, name: str = "exp.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def with_(**changes: object) -> dict:
    doc = {**BASE}
    doc.update(changes)
    return doc


def test_full_factorial_points_and_overrides(tmp_path: Path) -> None:
    doc = with_(
        levers={
            "roles": {
                "categories": {
                    "bum": {
                        "arms.jobfirst.organisation.role_model": "bum",
                        "arms.jobfirst.organisation.jobformidler": False,
                    },
                    "jobformidler": {
                        "arms.jobfirst.organisation.role_model": "makkerskab",
                        "arms.jobfirst.organisation.jobformidler": True,
                    },
                }
            },
            "arms.jobfirst.organisation.caseload": {"values": [30, 41, 70]},
        }
    )
    le = load_experiment(write(tmp_path, doc))
    assert len(le.points) == 6
    p = le.points[0]
    assert p.values == {"roles": "bum", "arms.jobfirst.organisation.caseload": 30}
    jf = next(a for a in p.scenario.arms if a.name == "jobfirst")
    assert jf.design.organisation.role_model == "bum"
    assert jf.design.organisation.caseload == 30
    # the control arm is untouched by arm-scoped levers
    ctl = next(a for a in p.scenario.arms if a.name == "control")
    assert ctl.design.organisation.caseload == 55


@pytest.mark.slow
def test_shipped_experiments_load() -> None:
    files = sorted((REPO / "experiments").glob("*.yaml"))
    assert files, "experiments/*.yaml should ship"
    for f in files:
        le = load_experiment(f)
        assert le.points


@pytest.mark.parametrize(
    ("kind", "extra"),
    [("latin_hypercube", {"n": 7}), ("sobol", {"n": 8}), ("morris", {"n": 3})],
)
def test_sampled_designs_are_deterministic_and_in_range(
    tmp_path: Path, kind: str, extra: dict
) -> None:
    doc = with_(
        levers={
            "arms.jobfirst.organisation.caseload": {"range": {"low": 25, "high": 70}},
            "arms.jobfirst.practice.cv_at_start": {"values": [True, False]},
        },
        uncertainties={
            "behaviour.conversion.rate": {"range": {"low": 0.05, "high": 0.2}},
            "population.intake_weeks": {"range": {"low": 2, "high": 6}, "integer": True},
        },
        design={"type": kind, **extra},
    )
    a = load_experiment(write(tmp_path, doc))
    b = load_experiment(write(tmp_path, doc, "again.yaml"))
    assert [p.values for p in a.points] == [p.values for p in b.points]
    expected = {"latin_hypercube": 7, "sobol": 8, "morris": 3 * (4 + 1)}[kind]
    assert len(a.points) == expected
    for p in a.points:
        assert 25 <= p.values["arms.jobfirst.organisation.caseload"] <= 70
        assert isinstance(p.values["population.intake_weeks"], int)


def test_sobol_saltelli_layout(tmp_path: Path) -> None:
    doc = with_(
        levers={
            "arms.jobfirst.organisation.caseload": {"range": {"low": 25, "high": 70}},
            "behaviour.conversion.rate": {"range": {"low": 0.05, "high": 0.2}},
        },
        design={"type": "sobol", "n": 8, "sensitivity": True},
    )
    le = load_experiment(write(tmp_path, doc))
    assert len(le.points) == 8 * (2 + 2)  # N (D + 2) without second order
    assert le.unit_samples.shape == (32, 2)
    assert le.experiment.sensitivity_method == "sobol"


def test_different_seed_changes_lhs_and_config_hash(tmp_path: Path) -> None:
    lev = {"arms.jobfirst.organisation.caseload": {"range": {"low": 25, "high": 70}}}
    a = load_experiment(
        write(tmp_path, with_(levers=lev, design={"type": "latin_hypercube", "n": 4}), "a.yaml")
    )
    b = load_experiment(
        write(
            tmp_path,
            with_(levers=lev, seed=4, design={"type": "latin_hypercube", "n": 4}),
            "b.yaml",
        )
    )
    assert [p.values for p in a.points] != [p.values for p in b.points]
    assert a.config_hash != b.config_hash
    # replications are not part of the configuration (adding them is a resume)
    c = load_experiment(
        write(
            tmp_path,
            with_(levers=lev, replications=9, design={"type": "latin_hypercube", "n": 4}),
            "c.yaml",
        )
    )
    assert c.config_hash == a.config_hash


BAD_CASES = [
    # (what is changed, substring expected in the message)
    ({"levers": {"organisation.caseload": {"valuez": [1]}}}, "unknown field"),
    ({"replications": 0}, "replications"),
    ({"design": {"type": "latin_hypercube"}}, "needs n"),
    ({"design": {"type": "sobol", "n": 10}}, "power of 2"),
    ({"design": {"type": "cube"}}, "design.type"),
    (
        {"levers": {"arms.jobfirst.organisation.caseload": {"range": {"low": 50, "high": 10}}}},
        "low must be below high",
    ),
    (
        {"levers": {"arms.jobfirst.organisation.caseload": {"range": {"low": 10, "high": 50}}}},
        "full_factorial needs discrete parameters",
    ),
    ({"levers": {"arms.jobfirst.organisation.caseload": {"values": [-5, 30]}}}, "design point 0"),
    ({"levers": {"arms.jobfirst.organisation.casload": {"values": [30]}}}, "casload"),
    ({"outcomes": {"t1": {"metric": "x", "arm": "jobfirts"}}}, "outcomes.t1.arm"),
    ({"scenario": "no_such_file.yaml"}, "cannot load scenario"),
    ({"levers": {}}, "at least one lever"),
    (
        {
            "constants": {"arms.jobfirst.organisation.caseload": 30},
            "levers": {"arms.jobfirst.organisation.caseload": {"values": [30, 55]}},
        },
        "also set by constants",
    ),
    ({"levers": {"x": {"values": [1, 1]}}}, "distinct"),
    ({"design": {"type": "list"}}, "points"),
]


@pytest.mark.parametrize(("change", "needle"), BAD_CASES)
def test_bad_experiments_fail_clearly(tmp_path: Path, change: dict, needle: str) -> None:
    path = write(tmp_path, with_(**change))
    with pytest.raises(ScenarioError) as info:
        load_experiment(path)
    assert isinstance(info.value, ExperimentError)
    assert needle in str(info.value)
    assert str(path) in str(info.value)


def test_list_design(tmp_path: Path) -> None:
    doc = with_(
        levers={
            "arms.jobfirst.organisation.caseload": {"values": [30, 55]},
            "arms.jobfirst.practice.cv_at_start": {"values": [True, False]},
        },
        design={
            "type": "list",
            "points": [
                {
                    "arms.jobfirst.organisation.caseload": 41,
                    "arms.jobfirst.practice.cv_at_start": True,
                },
                {
                    "arms.jobfirst.organisation.caseload": 70,
                    "arms.jobfirst.practice.cv_at_start": False,
                },
            ],
        },
    )
    le = load_experiment(write(tmp_path, doc))
    assert [p.values["arms.jobfirst.organisation.caseload"] for p in le.points] == [41, 70]


def test_cli_bad_experiment_exit_2_without_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, with_(replications="many"))
    result = CliRunner().invoke(app, ["sweep", str(path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "replications" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


def test_cli_bad_yaml_and_executor(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("name: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["sweep", str(path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    good = write(tmp_path, BASE)
    result = CliRunner().invoke(
        app, ["sweep", str(good), "--out", str(tmp_path / "o"), "--executor", "gpu"]
    )
    assert result.exit_code == 2
    assert "serial, process, dask" in result.output


def test_unit_mapping_of_categories_is_balanced() -> None:
    from jobfirst_sim.run.sweep.spec import Parameter

    p = Parameter(values=("a", "b", "c"))
    got = [p.from_unit(u) for u in np.linspace(0, 1, 9)]
    assert got == ["a", "a", "a", "b", "b", "b", "c", "c", "c"]
