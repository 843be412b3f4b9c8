"""Composition: ``extends``, design layers and ``--set``, in the documented order of precedence.

Why: the precedence order (loader.py docstring, docs/scenarios.md) is a promise to
managers and to the sweep runner; each rung is pinned here, as is the public API's shape
(``load_raw`` returns a dict that keeps its line marks through copies and pickling).
"""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jobfirst_sim.scenario import (
    Scenario,
    ScenarioError,
    apply_overrides,
    build_scenario,
    load_raw,
    load_scenario,
)
from jobfirst_sim.scenario.errors import Problem
from jobfirst_sim.scenario.loader import deep_merge, resolve_designs
from jobfirst_sim.scenario.schema import Arm

BASE = """\
name: base
description: the base
organisation:
  caseload: 60
practice:
  followup_interval_weeks: 3
municipalities:
  - {name: Odense, weight: 2}
  - {name: Aarhus, weight: 1}
arms:
  - name: a
    design: jobfirst
    citizens: {kontanthjaelp: 100}
  - name: b
    design: normal_effort
    organisation: {caseload: 45}
    citizens: {kontanthjaelp: 100}
run: {replications: 5, seed: 7}
"""


def arm(s: Scenario, name: str) -> Arm:
    return next(a for a in s.arms if a.name == name)


@pytest.fixture
def base_file(tmp_path: Path) -> Path:
    path = tmp_path / "base.yaml"
    path.write_text(BASE, encoding="utf-8")
    return path


def test_design_layers_preset_then_top_level_then_arm(base_file: Path) -> None:
    s = load_scenario(base_file)
    a, b = arm(s, "a"), arm(s, "b")
    # preset jobfirst has caseload 41 < top-level 60 < arm's own 45
    assert a.design.organisation.caseload == 60
    assert b.design.organisation.caseload == 45
    # top-level practice applies to every arm over its preset
    assert a.design.practice.followup_interval_weeks == 3
    assert b.design.practice.followup_interval_weeks == 3
    # the rest comes from the presets
    assert a.design.organisation.jobformidler is True
    assert b.design.organisation.role_model.value == "bum"


def test_extends_merges_mappings_and_replaces_lists(tmp_path: Path, base_file: Path) -> None:
    child = tmp_path / "child.yaml"
    child.write_text(
        "extends: base.yaml\n"
        "name: child\n"
        "organisation: {caseload: 50}\n"
        "municipalities:\n"
        "  - {name: Viborg, weight: 1}\n"
        "run: {replications: 3}\n",
        encoding="utf-8",
    )
    s = load_scenario(child)
    assert s.name == "child"
    assert s.description == "the base"  # inherited
    assert [m.name for m in s.municipalities] == ["Viborg"]  # list replaced whole
    assert s.run.replications == 3 and s.run.seed == 7  # mapping merged key by key
    assert arm(s, "a").design.organisation.caseload == 50
    assert arm(s, "b").design.organisation.caseload == 45
    assert s.arms[0].design.practice.followup_interval_weeks == 3


def test_extends_chain(tmp_path: Path, base_file: Path) -> None:
    (tmp_path / "mid.yaml").write_text("extends: base.yaml\nrun: {seed: 9}\n", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    top = sub / "top.yaml"
    top.write_text("extends: ../mid.yaml\nname: top\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="outside the folder of the scenario you named"):
        load_scenario(top)  # ../mid.yaml leaves sub/, the folder of the file named
    s = load_scenario(top, allow_extends_outside=True)
    assert (s.name, s.run.seed, s.run.replications) == ("top", 9, 5)


def test_set_wins_over_file_and_extends(tmp_path: Path, base_file: Path) -> None:
    child = tmp_path / "child.yaml"
    child.write_text("extends: base.yaml\norganisation: {caseload: 50}\n", encoding="utf-8")
    s = load_scenario(
        child,
        {
            "arms.b.organisation.caseload": "35",
            "run.replications": "2",
            "arms.a.practice.cv_at_start": "false",
        },
    )
    assert arm(s, "b").design.organisation.caseload == 35
    assert arm(s, "a").design.organisation.caseload == 50
    assert arm(s, "a").design.practice.cv_at_start is False
    assert s.run.replications == 2


def test_top_level_set_acts_like_top_level_in_file(base_file: Path) -> None:
    """``--set organisation.caseload`` is the top level: an arm's own value still wins."""
    s = load_scenario(base_file, {"organisation.caseload": "30"})
    assert arm(s, "a").design.organisation.caseload == 30
    assert arm(s, "b").design.organisation.caseload == 45


def test_set_creates_missing_sections_and_addresses_by_index(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        "name: s\narms:\n  - {name: a, design: jobfirst, citizens: {kontanthjaelp: 5}}\n",
        encoding="utf-8",
    )
    s = load_scenario(
        path, {"practice.cv_at_start": "false", "arms.0.citizens.ressourceforloeb": 3}
    )
    assert s.arms[0].design.practice.cv_at_start is False
    assert s.arms[0].citizens[next(iter(s.arms[0].citizens))] == 5
    assert sum(s.arms[0].citizens.values()) == 8


def test_set_values_parse_as_yaml_and_quotes_keep_text(base_file: Path) -> None:
    raw = load_raw(base_file)
    out = apply_overrides(
        raw,
        {
            "description": '"no"',
            "run.seed": "null",
            "practice.purpose_mix": "{hours: 1, competence: 0, clarify: 0}",
        },
    )
    assert out["description"] == "no"
    assert out["run"]["seed"] is None
    assert out["practice"]["purpose_mix"] == {"hours": 1, "competence": 0, "clarify": 0}
    s = build_scenario(out, "x")
    assert s.description == "no" and s.run.seed is None


def test_set_municipality_caseload_by_name(tmp_path: Path) -> None:
    trial = Path(__file__).resolve().parents[2] / "scenarios" / "jobfirst_trial.yaml"
    s = load_scenario(trial, {"municipalities.Odense.caseload.jobfirst": "30"})
    odense = next(m for m in s.municipalities if m.name == "Odense")
    assert odense.caseload["jobfirst"] == 30


def test_apply_overrides_does_not_touch_its_input(base_file: Path) -> None:
    raw = load_raw(base_file)
    before = copy.deepcopy(raw)
    apply_overrides(raw, {"organisation.caseload": "30", "arms.a.citizens.kontanthjaelp": 1})
    assert raw == before


def test_load_raw_is_a_plain_dict_with_marks(base_file: Path) -> None:
    raw = load_raw(base_file)
    assert isinstance(raw, dict)
    assert raw["arms"][1]["organisation"] == {"caseload": 45}
    # copies, pickles and dumps keep working and keep the line marks
    for twin in (copy.deepcopy(raw), pickle.loads(pickle.dumps(raw))):
        assert twin == raw
        assert twin.marks == raw.marks  # type: ignore[attr-defined]
    assert yaml.safe_load(yaml.safe_dump(raw)) == dict(raw)
    assert json.loads(json.dumps(raw)) == dict(raw)


def test_lines_survive_overrides_and_copies(base_file: Path) -> None:
    raw = copy.deepcopy(apply_overrides(load_raw(base_file), {"run.replications": "3"}))
    bad = apply_overrides(raw, {"arms.b.citizens.kontanthjaelp": -1})
    with pytest.raises(ScenarioError) as info:
        build_scenario(pickle.loads(pickle.dumps(bad)), str(base_file))
    assert info.value.problems[0].file == "--set arms.b.citizens.kontanthjaelp=-1"
    raw2 = load_raw(base_file)
    raw2["arms"][1]["organisation"]["caseload"] = -1  # edited in place: line kept
    with pytest.raises(ScenarioError) as info:
        build_scenario(raw2, str(base_file))
    assert str(info.value).startswith(f"{base_file}, line 16: arms.b.organisation.caseload:")


def test_plain_dict_still_validates_without_lines() -> None:
    """Callers that build their own dicts get the same checks, only without line numbers."""
    doc: dict[str, Any] = {
        "name": "x",
        "arms": [{"name": "a", "design": "jobfirst", "citizens": {"kontanthjaelp": 1}}],
    }
    assert build_scenario(doc, "mine").arms[0].design.organisation.caseload == 41
    doc["arms"][0]["organisation"] = {"caseload": 0}
    with pytest.raises(ScenarioError) as info:
        build_scenario(doc, "mine")
    assert str(info.value).startswith(
        "mine: arms.a.organisation.caseload: must be greater than or equal to 1"
    )


def test_resolve_designs_expands_presets(base_file: Path) -> None:
    doc = resolve_designs(load_raw(base_file), "x")
    assert "organisation" not in doc and "practice" not in doc
    assert doc["arms"][0]["design"]["organisation"]["caseload"] == 60
    assert doc["arms"][1]["design"]["organisation"]["role_model"] == "bum"


def test_deep_merge() -> None:
    assert deep_merge({"a": {"b": 1, "c": [1]}}, {"a": {"c": [2]}, "d": 0}) == {
        "a": {"b": 1, "c": [2]},
        "d": 0,
    }


def test_yaml_merge_keys_are_supported(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        "name: s\n"
        "arms:\n"
        "  - &a {name: a, design: jobfirst, citizens: {kontanthjaelp: 5}}\n"
        "  - <<: *a\n"
        "    name: b\n",
        encoding="utf-8",
    )
    assert [a.name for a in load_scenario(path).arms] == ["a", "b"]


def test_scenario_error_api_and_pickling() -> None:
    err = ScenarioError("f.yaml", "run.seed", "must be a number")
    assert str(err) == "f.yaml: run.seed: must be a number"
    multi = ScenarioError.from_messages(
        "f.yaml", [Problem("a", "bad", line=3, allowed="x"), Problem("b", "worse", file="g.yaml")]
    )
    twin = pickle.loads(pickle.dumps(multi))
    assert str(twin) == str(multi)
    assert str(multi) == "f.yaml, line 3: a: bad\n    allowed: x\ng.yaml: b: worse"


# --- properties -------------------------------------------------------------------------

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)
PATHS = st.sampled_from(
    [
        "name",
        "description",
        "population",
        "population.intake_weeks",
        "population.kontanthjaelp.age_mean",
        "population.ressourceforloeb.self_efficacy.mean",
        "labour_market.sectors",
        "labour_market.openness",
        "municipalities",
        "municipalities.0.weight",
        "municipalities.0.caseload",
        "municipalities.Odense.caseload.jobfirst",
        "arms",
        "arms.0",
        "arms.0.name",
        "arms.jobfirst.design",
        "arms.jobfirst.citizens",
        "arms.jobfirst.citizens.kontanthjaelp",
        "arms.control.organisation",
        "arms.control.organisation.role_model",
        "arms.control.organisation.jobformidler",
        "arms.jobfirst.practice.purpose_mix",
        "arms.jobfirst.practice.weeks_without_hours_before_switch",
        "organisation.caseload",
        "practice.social_effort",
        "design",
        "behaviour",
        "run.seed",
        "run.replications",
        "extends",
        "unknown_section",
    ]
)
TRIAL = Path(__file__).resolve().parents[2] / "scenarios" / "jobfirst_trial.yaml"


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(st.dictionaries(PATHS, VALUES, min_size=1, max_size=3))
def test_any_override_gives_a_scenario_or_a_friendly_error(overrides: dict[str, object]) -> None:
    """Whatever a sweep or a user sets, the answer is a Scenario or a ScenarioError."""
    raw = load_raw(TRIAL)
    try:
        scenario = build_scenario(apply_overrides(raw, overrides), str(TRIAL))
    except ScenarioError as exc:
        text = str(exc)
        assert text and "Traceback" not in text
        assert all(p.message for p in exc.problems)
        assert all(
            p.line is not None
            for p in exc.problems
            if (p.file or str(TRIAL)) == str(TRIAL) and p.path
        ), text
    else:
        assert isinstance(scenario, Scenario)


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab:-[]{},&*!#|>'\"\t\n @%?yesno0123.")),
        max_size=80,
    )
)
def test_any_text_gives_a_scenario_or_a_friendly_error(text: str) -> None:
    """No input text makes the loader raise anything but a ScenarioError."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            load_scenario(path)
        except ScenarioError as exc:
            assert str(exc)
