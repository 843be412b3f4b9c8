"""JSON Schema of the scenario *file* format, for editors (validation and completion).

Why not just ``Scenario.model_json_schema()``: that describes the validated scenario,
after the loader has composed the file. A file may say less and say it differently:
``extends: other.yaml`` (then nothing else is required), ``design: jobfirst`` (a named
design instead of a full one), and partial ``organisation:`` / ``practice:`` overrides at
the top level and in each arm. An editor fed the plain model schema would flag every one
of these as an error, so this module relaxes exactly those places and documents them.

Point an editor at it with a first line such as
``# yaml-language-server: $schema=../jobfirst-scenario.schema.json``
after ``jobfirst schema --out jobfirst-scenario.schema.json``.
"""

from __future__ import annotations

import copy
import errno
import json
from pathlib import Path
from typing import Any

from jobfirst_sim import io
from jobfirst_sim.scenario.named_designs import design_presets
from jobfirst_sim.scenario.schema import Scenario

SCHEMA_ID = "https://jobfirst-sim.invalid/schema/scenario-file.json"


def _partial(defn: dict[str, Any], title: str, what: str) -> dict[str, Any]:
    out = copy.deepcopy(defn)
    out.pop("required", None)
    out["title"] = title
    out["description"] = (
        f"{defn.get('description', '')} In a file every field is optional here: {what}"
    ).strip()
    return out


def file_format_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that scenario YAML files follow."""
    presets = sorted(design_presets())
    schema = copy.deepcopy(Scenario.model_json_schema())
    defs = schema["$defs"]
    fill = "the named design, the top-level section and the arm's own section are merged."
    defs["OrganisationOverride"] = _partial(defs["Organisation"], "OrganisationOverride", fill)
    defs["PracticeOverride"] = _partial(defs["Practice"], "PracticeOverride", fill)
    design_override = _partial(defs["Design"], "DesignOverride", fill)
    design_override["properties"] = {
        "organisation": {"$ref": "#/$defs/OrganisationOverride"},
        "practice": {"$ref": "#/$defs/PracticeOverride"},
    }
    defs["DesignOverride"] = design_override
    defs["DesignName"] = {
        "title": "DesignName",
        "type": "string",
        "enum": presets,
        "description": "A named design shipped with jobfirst_sim (jobfirst_sim/scenario/presets/"
        "designs.yaml).",
    }
    design_ref = {
        "anyOf": [{"$ref": "#/$defs/DesignName"}, {"$ref": "#/$defs/DesignOverride"}],
        "description": "A named design (" + ", ".join(presets) + ") or a design written "
        "out (organisation: and practice:).",
    }

    arm = defs["Arm"]
    arm["properties"]["design"] = copy.deepcopy(design_ref)
    arm["properties"]["organisation"] = {
        "$ref": "#/$defs/OrganisationOverride",
        "description": "Changes to this arm's organisation, over its design (highest "
        "precedence in the file).",
    }
    arm["properties"]["practice"] = {
        "$ref": "#/$defs/PracticeOverride",
        "description": "Changes to this arm's practice, over its design.",
    }
    arm["required"] = [r for r in arm.get("required", []) if r != "design"]

    props = schema["properties"]
    props["extends"] = {
        "type": "string",
        "description": "Another scenario file (path relative to this one) used as the base; "
        "this file's sections are merged over it. Mappings merge key by key; lists (arms, "
        "municipalities, sectors) are replaced whole.",
    }
    props["design"] = {
        **copy.deepcopy(design_ref),
        "description": "Default design for arms that do not name their own.",
    }
    props["organisation"] = {
        "$ref": "#/$defs/OrganisationOverride",
        "description": "Changes to every arm's organisation (over its design).",
    }
    props["practice"] = {
        "$ref": "#/$defs/PracticeOverride",
        "description": "Changes to every arm's practice (over its design).",
    }
    required = schema.pop("required", [])
    schema["if"] = {"not": {"required": ["extends"]}}
    schema["then"] = {"required": required}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "jobfirst_sim scenario file"
    schema["description"] = (
        "A jobcentre scenario for jobfirst_sim (see docs/scenarios.md). Precedence, lowest "
        "first: the base file named by extends:, then this file; within each arm, the named "
        "design, then the top-level organisation:/practice:, then the arm's own; command-line "
        "--set a.b=value wins over everything. Without extends:, name: and arms: are required."
    )
    return schema


def file_format_schema_json() -> str:
    """The schema as pretty-printed JSON text (UTF-8, newline-terminated)."""
    return json.dumps(file_format_schema(), indent=2, ensure_ascii=False) + "\n"


def write_file_format_schema(path: str | Path) -> Path:
    """Write the schema atomically (temporary file, then rename) and return the path.

    Why atomic: an editor watching the file must never read half a schema.
    """
    path = Path(path)
    if not path.parent.is_dir():  # a mistyped folder is an error, not something to create
        raise FileNotFoundError(errno.ENOENT, "no such directory", str(path.parent))
    return io.write_text(path, file_format_schema_json())
