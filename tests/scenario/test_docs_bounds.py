"""docs/scenarios.md states the same bounds as the schema, row by row.

Why: managers read the tables, the checker reads the schema. When a bound changes (issue
9 narrowed caseloads to 1-500 and capped weights), a table still promising "greater than
0" would tell them a value is allowed that the checker refuses. ``test_scenario_files``
checks that every field is named; this checks that every number in a row's "allowed"
column is the schema's, and that the limits of reading and naming are the constants'.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from jobfirst_sim.scenario import schema as sch
from jobfirst_sim.scenario.behaviour import Behaviour
from jobfirst_sim.scenario.bounds import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    REPLICATIONS_MAX,
    RESERVED_NAMES,
    SEED_MAX,
)
from jobfirst_sim.scenario.calendar import DurationBand
from jobfirst_sim.scenario.economics import BenefitRules, Economics, StaffCosts
from jobfirst_sim.scenario.messages import describe

DOC = Path(__file__).resolve().parents[2] / "docs" / "scenarios.md"


def _models() -> dict[str, Any]:
    out: dict[str, Any] = {
        m.__name__: m
        for m in (sch.Scenario, sch.Population, sch.GroupProfile, sch.Beta, sch.LabourMarket,
                  sch.Sector, sch.Municipality, sch.Arm, sch.Organisation, sch.Practice,
                  sch.PurposeMix, sch.RunSettings, Behaviour, sch.Calendar, sch.Transition,
                  DurationBand, Economics, StaffCosts, BenefitRules)
    }
    for f in Behaviour.model_fields.values():
        assert isinstance(f.annotation, type)
        out[f.annotation.__name__] = f.annotation
    return out


def _numbers(text: str) -> list[float]:
    return [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


def _rows() -> list[tuple[str, str, str, str]]:
    text = DOC.read_text(encoding="utf-8") + "\n#"
    models = _models()
    rows = []
    for head, body in re.findall(r"^#+ .*?\(`(\w+)`\)[^\n]*\n(.*?)(?=^#)", text, re.S | re.M):
        if head not in models:
            continue
        props = models[head].model_json_schema()["properties"]
        for field, allowed in re.findall(r"^\| `(\w+)` \| (.*?) \|", body, re.M):
            if field in props:
                rows.append((head, field, allowed, describe(props[field])))
    return rows


ROWS = _rows()


def test_the_tables_were_found() -> None:
    assert len(ROWS) > 100


@pytest.mark.parametrize(
    ("model", "field", "doc", "schema"),
    [r for r in ROWS if "number" in r[3] and not r[3].startswith("a name")],
    ids=[f"{r[0]}.{r[1]}" for r in ROWS if "number" in r[3] and not r[3].startswith("a name")],
)
def test_numeric_bounds_match(model: str, field: str, doc: str, schema: str) -> None:
    assert _numbers(doc) == _numbers(schema), f"{model}.{field}: docs {doc!r}, schema {schema!r}"


def test_limits_and_name_rule_are_documented() -> None:
    text = " ".join(DOC.read_text(encoding="utf-8").split())
    assert f"At most {MAX_FILE_BYTES // 1024 // 1024} MiB per file" in text
    assert f"at most {MAX_DEPTH} levels of nesting" in text
    assert f"{SEED_MAX:,}" in text and f"1 to {REPLICATIONS_MAX:,}" in text
    for word in RESERVED_NAMES:
        assert f"reserved word `{word}`" in text
    assert "--allow-extends-outside" in text
