"""Load scenario YAML into a validated :class:`~jobfirst_sim.scenario.schema.Scenario`.

Why a loader apart from the schema: YAML documents compose before they validate.
The order of precedence, lowest first, is

1. the named design preset of an arm (``design: jobfirst``, from ``presets/designs.yaml``);
2. the scenario's top-level ``organisation:`` / ``practice:`` (applies to every arm);
3. the arm's own ``organisation:`` / ``practice:``;

and, on the whole document before any of that, ``extends: other.yaml`` (the other file is
the base; this file's keys are deep-merged over it) and finally ``--set a.b=value``
overrides from the command line (or a sweep's levers), which win over everything.

Public API (used by the CLI and the sweep runner):
``load_raw``, ``apply_overrides``, ``build_scenario``, ``load_scenario``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from jobfirst_sim.scenario.errors import ScenarioError, format_validation_error
from jobfirst_sim.scenario.schema import Scenario


class _SafeLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys (a silent overwrite otherwise)."""


def _construct_mapping(loader: _SafeLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (line {mark.line + 1})", mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_SafeLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,  # type: ignore[arg-type]
)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(str(path), "", "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(str(path), "", f"cannot read file: {exc}") from None
    try:
        data = yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        raise ScenarioError(str(path), "", f"not valid YAML: {exc}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ScenarioError(str(path), "", "the top level must be a mapping of sections")
    return data


def deep_merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``base`` with ``over`` merged in; mappings merge, everything else replaces."""
    out = copy.deepcopy(dict(base))
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


@cache
def design_presets() -> dict[str, dict[str, Any]]:
    """The named designs shipped with the package (``jobfirst``, ``normal_effort``, ...)."""
    text = resources.files("jobfirst_sim.presets").joinpath("designs.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def load_raw(path: str | Path, _chain: tuple[Path, ...] = ()) -> dict[str, Any]:
    """Read a scenario file and resolve its ``extends:`` chain (not yet validated)."""
    path = Path(path)
    resolved = path.resolve()
    if resolved in _chain:
        raise ScenarioError(str(path), "extends", "circular extends chain")
    data = _read_yaml(path)
    parent = data.pop("extends", None)
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise ScenarioError(str(path), "extends", "must be a file name (string)")
    base = load_raw(path.parent / parent, (*_chain, resolved))
    return deep_merge(base, data)


def _coerce_cli_value(text: str) -> Any:
    """Parse a ``--set`` value as a YAML scalar/flow value (``30``, ``true``, ``[a, b]``)."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def apply_overrides(raw: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Set dotted paths (``organisation.caseload``) on a raw document.

    List items are addressed by index or, for ``arms``/``municipalities``, by name
    (``arms.jobfirst.organisation.caseload``). String values are parsed as YAML.
    """
    out = copy.deepcopy(dict(raw))
    for dotted, value in overrides.items():
        if isinstance(value, str):
            value = _coerce_cli_value(value)
        parts = dotted.split(".")
        node: Any = out
        for i, part in enumerate(parts[:-1]):
            node = _step_into(node, part, parts[: i + 1], create=True)
        last = parts[-1]
        if isinstance(node, list):
            node[_list_index(node, last, dotted)] = value
        else:
            node[last] = value
    return out


def _list_index(node: list[Any], part: str, dotted: str) -> int:
    if part.isdigit() and int(part) < len(node):
        return int(part)
    for i, item in enumerate(node):
        if isinstance(item, Mapping) and item.get("name") == part:
            return i
    raise ScenarioError("--set", dotted, f"no list item {part!r} (use an index or a name)")


def _step_into(node: Any, part: str, path: list[str], create: bool) -> Any:
    if isinstance(node, list):
        return node[_list_index(node, part, ".".join(path))]
    if not isinstance(node, dict):
        raise ScenarioError("--set", ".".join(path), "cannot set a field inside a plain value")
    if part not in node or node[part] is None:
        if not create:
            raise ScenarioError("--set", ".".join(path), "no such field")
        node[part] = {}
    return node[part]


def resolve_designs(raw: Mapping[str, Any], source: str) -> dict[str, Any]:
    """Expand arm ``design:`` preset names and top-level design overrides into full designs."""
    doc = copy.deepcopy(dict(raw))
    top = {k: doc.pop(k) for k in ("organisation", "practice") if k in doc}
    top_design = doc.pop("design", None)
    arms = doc.get("arms")
    if not isinstance(arms, list):
        return doc  # let validation report the missing/ill-typed ``arms``
    presets = design_presets()
    new_arms = []
    for i, arm in enumerate(arms):
        if not isinstance(arm, dict):
            new_arms.append(arm)
            continue
        arm = dict(arm)
        design = arm.pop("design", top_design)
        if isinstance(design, str):
            if design not in presets:
                raise ScenarioError(
                    source,
                    f"arms.{i}.design",
                    f"unknown design {design!r}; named designs are {sorted(presets)}",
                )
            base: dict[str, Any] = copy.deepcopy(presets[design])
        elif isinstance(design, Mapping):
            base = copy.deepcopy(dict(design))
        elif design is None:
            base = {}
        else:
            raise ScenarioError(source, f"arms.{i}.design", "must be a design name or a mapping")
        base = deep_merge(base, top)
        own = {k: arm.pop(k) for k in ("organisation", "practice") if k in arm}
        base = deep_merge(base, own)
        arm["design"] = base
        new_arms.append(arm)
    doc["arms"] = new_arms
    return doc


def build_scenario(raw: Mapping[str, Any], source: str = "<scenario>") -> Scenario:
    """Validate a raw document (after overrides) into a frozen :class:`Scenario`."""
    doc = resolve_designs(raw, source)
    try:
        return Scenario.model_validate(doc)
    except ValidationError as exc:
        raise ScenarioError.from_messages(source, format_validation_error(exc)) from None


def load_scenario(
    path: str | Path, overrides: Mapping[str, Any] | None = None
) -> Scenario:
    """Load, compose, override and validate a scenario file."""
    raw = load_raw(path)
    if overrides:
        raw = apply_overrides(raw, overrides)
    return build_scenario(raw, str(path))
