"""The named designs shipped with the package (``design: jobfirst``, ``normal_effort``, ...).

Why a module of its own: the loader expands the names, the error messages list them and
the file schema enumerates them. Kept here, below all three, none of them has to import
another just to read one YAML file.
"""

from __future__ import annotations

import copy
from functools import cache
from importlib import resources
from typing import Any

from jobfirst_sim.scenario.yamlsource import parse_yaml_text

PRESET_FILE = "jobfirst_sim/scenario/presets/designs.yaml"
"""Where the named designs live, as error messages name the file."""


@cache
def _preset_file() -> dict[str, dict[str, Any]]:
    ref = resources.files("jobfirst_sim.scenario.presets").joinpath("designs.yaml")
    data, _ = parse_yaml_text(ref.read_text("utf-8"), PRESET_FILE)
    return data  # type: ignore[no-any-return]


def design_presets() -> dict[str, dict[str, Any]]:
    """The named designs, a fresh copy each call (callers merge into them)."""
    return copy.deepcopy(_preset_file())
