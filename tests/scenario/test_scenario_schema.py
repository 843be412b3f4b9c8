"""Field documentation and the JSON Schema of the scenario file format.

Why: managers read the field descriptions (in editors, through the JSON Schema, and in
error messages' "allowed:" lines), so every field must carry one; and the exported schema
must accept what the loader accepts (``extends``, named designs, partial overrides), or
editors would flag valid files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel
from shipped import SCENARIO_FILES
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.scenario import schema as sch
from jobfirst_sim.scenario.file_schema import file_format_schema

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTED = [
    sch.Beta,
    sch.GroupProfile,
    sch.Population,
    sch.Sector,
    sch.LabourMarket,
    sch.Municipality,
    sch.Organisation,
    sch.PurposeMix,
    sch.Practice,
    sch.Design,
    sch.Arm,
    sch.RunSettings,
    sch.Scenario,
]


@pytest.mark.parametrize("model", DOCUMENTED, ids=lambda m: m.__name__)
def test_every_field_has_a_description(model: type[BaseModel]) -> None:
    missing = [n for n, f in model.model_fields.items() if not (f.description or "").strip()]
    assert not missing, f"{model.__name__}: undocumented fields {missing}"


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = {**schema["$defs"][node["$ref"].rsplit("/", 1)[-1]], **{
            k: v for k, v in node.items() if k != "$ref"
        }}
    return node


def _accepts(schema: dict[str, Any], node: dict[str, Any], value: Any) -> bool:
    """A small structural check: types, enums, known keys (enough for our schema)."""
    node = _resolve(schema, node)
    if "anyOf" in node:
        return any(_accepts(schema, b, value) for b in node["anyOf"])
    if "enum" in node:
        return value in node["enum"]
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        if not isinstance(value, dict):
            return False
        props = node.get("properties", {})
        extra = node.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                if not _accepts(schema, props[key], item):
                    return False
            elif extra is False or (isinstance(extra, dict) and not _accepts(schema, extra, item)):
                return False
        return all(r in value for r in node.get("required", []))
    if kind == "array":
        return isinstance(value, list) and all(
            _accepts(schema, node.get("items", {}), v) for v in value
        )
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "null":
        return value is None
    return True


def _all_refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        refs = [node["$ref"]] if "$ref" in node else []
        return refs + [r for v in node.values() for r in _all_refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _all_refs(v)]
    return []


def test_file_schema_refs_resolve_and_serialise() -> None:
    schema = file_format_schema()
    json.dumps(schema)
    for ref in _all_refs(schema):
        assert ref.rsplit("/", 1)[-1] in schema["$defs"], ref
    assert schema["$schema"].endswith("2020-12/schema")


@pytest.mark.parametrize(
    "path",
    SCENARIO_FILES,
    ids=lambda p: p.name,
)
def test_shipped_files_fit_the_file_schema(path: Path) -> None:
    schema = file_format_schema()
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert _accepts(schema, schema, doc)


def test_file_schema_relaxes_what_files_may_say() -> None:
    schema = file_format_schema()
    doc = {
        "extends": "jobfirst_trial.yaml",
        "design": "jobfirst",
        "organisation": {"caseload": 30},
        "arms": [{"name": "a", "design": "normal_effort", "practice": {"cv_at_start": True},
                  "citizens": {"kontanthjaelp": 5}}],
    }
    assert _accepts(schema, schema, doc)
    assert schema["then"]["required"] == ["name", "arms"]
    assert not _accepts(schema, schema, {**doc, "organisaton": {}})
    assert not _accepts(schema, schema, {**doc, "design": "jobfist"})


def test_cli_schema_prints_and_writes(tmp_path: Path) -> None:
    runner = CliRunner()
    printed = runner.invoke(app, ["schema"])
    assert printed.exit_code == 0
    assert json.loads(printed.stdout)["title"] == "jobfirst_sim scenario file"
    out = tmp_path / "scenario.schema.json"
    written = runner.invoke(app, ["schema", "--out", str(out)])
    assert written.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(printed.stdout)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temp file left


def test_cli_schema_bad_out_is_a_clean_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["schema", "--out", str(tmp_path / "nope" / "s.json")])
    assert result.exit_code == 2
    assert "cannot write" in result.output
    assert "Traceback" not in result.output
