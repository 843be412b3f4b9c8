"""Priors in the schema: each holds its default, lies within its field's bounds, keeps a
one-arm multiplier's neutral value, and the calibration's list agrees with it."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from jobfirst_sim.scenario.behaviour import Behaviour
from jobfirst_sim.scenario.design import Design
from jobfirst_sim.scenario.economics import Economics
from jobfirst_sim.scenario.prior_table import PRIORS
from jobfirst_sim.scenario.priors import PriorRow, calibrated_priors, fitted_priors, priors
from jobfirst_sim.scenario.schema import LabourMarket

ROOT = Path(__file__).resolve().parents[2]

FITTED_NINE = {
    "dropout_base", "behaviour.placement.transition_support_protection", "conversion_rate",
    "hours_dialogue_effect",
    "hours_step", "capacity_growth", "own_job_rate", "job_loss_rate", "lifeline_effect",
}
"""The free parameters of the calibration before it read them from the schema."""

ONE_ARM = {
    "Conversion.hours_dialogue_effect": 1.0,  # hours dialogue from start
    "Exits.lifeline_effect": 0.0,  # aftercare lifeline
    "PlacementEffects.clear_purpose_protection": 1.0,  # purpose explicit
    "Conversion.unclear_purpose_factor": 1.0,  # purpose not explicit (the other arm)
    "Conversion.agreement_effect": 1.0,  # work agreement
    "HoursProgression.agreement_step_effect": 0.0,  # work agreement's hour goals
    "Matching.record_weight": 0.0,  # company record under production steering
    "Conversion.room_switch_threshold": 0.0,  # company switch
    "Conversion.switch_setback": 0.0,  # company switch
    "PlacementEffects.contact_person_protection": 1.0,  # company contact required
}
"""Each multiplier or effect that acts only where a JobFirst practice is on: its neutral."""

DEFINITIONS = {
    "HoursProgression.capacity_max_hours",  # full time is 37 hours: a definition
    "HoursProgression.self_sufficiency_hours",  # the rule that ends support
    "TimeBudget.leave_share",  # holiday and public holidays, counted in its description
    "TimeBudget.absence_share",  # sickness days a year, given in its description
    "Organisation.weekly_hours",  # the nominal full-time week
    "Economics.price_year",  # a label of the amounts
    "Economics.hourly_wage",  # the collective agreement's minimum pay, cited
    "BenefitRules.disregard_per_month",  # the 2025 reform's rule, cited (bm.dk)
    "BenefitRules.deduction_share",  # the 2025 reform's rule, cited (bm.dk)
}
"""Numbers without a tag that are definitions, rules or cited facts, so no prior."""

ROWS = priors()


def _field_schema(key: str) -> dict[str, Any]:
    cls, name = key.split(".")
    for model in (Behaviour, Design, Economics, LabourMarket):
        schema = model.model_json_schema()
        if model.__name__ == cls:
            return dict(schema["properties"][name])
        if cls in schema["$defs"]:
            return dict(schema["$defs"][cls]["properties"][name])
    raise KeyError(key)


@pytest.mark.parametrize("row", ROWS, ids=[r.path for r in ROWS])
def test_prior_holds_default_within_bounds(row: PriorRow) -> None:
    assert row.low < row.high
    assert row.low <= row.default <= row.high
    if row.scale == "log":
        assert row.low > 0
    prop = _field_schema(row.key)
    assert prop["prior"]["low"] == row.low  # the schema carries what the list reads
    assert row.low >= prop.get("minimum", -math.inf)
    assert row.low > prop.get("exclusiveMinimum", -math.inf)
    assert row.high <= prop.get("maximum", math.inf)
    assert row.high < prop.get("exclusiveMaximum", math.inf)
    assert row.why.strip()


def test_one_arm_multipliers_include_neutral() -> None:
    by_key = {r.key: r for r in ROWS}
    for key, neutral in ONE_ARM.items():
        row = by_key[key]
        assert row.neutral == neutral, key
        assert row.low <= neutral <= row.high, key
    for row in ROWS:
        if row.neutral is not None:
            assert row.low <= row.neutral <= row.high, row.path


def test_every_table_entry_names_a_field() -> None:
    assert {r.key for r in ROWS} == set(PRIORS)


def test_unsourced_parameters_have_priors() -> None:
    have = {r.key for r in ROWS}
    missing = []

    def walk(model: type[BaseModel]) -> None:
        for name, info in model.model_fields.items():
            inner = info.annotation
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                walk(inner)
                continue
            if isinstance(info.default, bool) or not isinstance(info.default, int | float):
                continue
            text = info.description or ""
            unsourced = re.search("plausible|estimate", text, re.I) or "[" not in text
            key = f"{model.__name__}.{name}"
            if (unsourced or "[C]" in text) and key not in have | DEFINITIONS:
                missing.append(key)

    walk(Behaviour)
    walk(Design)
    walk(Economics)
    assert missing == []


def test_fitted_are_the_nine_marked_fields() -> None:
    fitted = fitted_priors()
    assert {r.short for r in fitted} == FITTED_NINE
    marked = json.dumps(Behaviour.model_json_schema()).count("[C]")
    assert len(fitted) == marked == 9


def test_calibration_reads_its_parameters_from_the_schema() -> None:
    """``jobfirst calibrate`` varies the fitted fields and every one-arm multiplier, with
    the schema's priors: a field marked [C] or given a ``neutral`` later joins without
    editing the calibration."""
    from jobfirst_sim.run.calibrate.trial import prior_box

    rows = calibrated_priors()
    assert {r.path for r in fitted_priors()} <= {r.path for r in rows}
    assert {r.path for r in ROWS if r.neutral is not None and r.path.startswith("behaviour.")
            } <= {r.path for r in rows}
    box = prior_box(rows)
    assert box.names == [r.path for r in rows]
    assert [(p.low, p.high, p.scale) for p in box.priors] == [
        (r.low, r.high, r.scale) for r in rows]


def test_the_file_schema_shows_each_prior() -> None:
    """``jobfirst schema`` prints this schema: every prior stands in it, fitted ones too."""
    from jobfirst_sim.scenario.file_schema import file_format_schema_json

    text = file_format_schema_json()
    assert text.count('"prior"') >= len({r.key for r in ROWS})
    lifeline = json.dumps(Behaviour.model_json_schema()["$defs"]["Exits"]["properties"][
        "lifeline_effect"]["prior"], sort_keys=True)
    assert '"neutral": 0.0' in lifeline
