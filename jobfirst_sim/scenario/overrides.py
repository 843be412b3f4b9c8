"""``--set a.b=value``: dotted-path overrides written into a raw scenario document.

Why apart from the loader: overrides come from the command line, sweep levers and
:func:`~jobfirst_sim.scenario.loader.with_changes`, and must land exactly where the file
would have written them (with a mark naming the ``--set`` so errors point at it); the
loader then composes and validates the document as if the value had been in the file.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from jobfirst_sim.scenario.base import nfc
from jobfirst_sim.scenario.errors import Problem, ScenarioError
from jobfirst_sim.scenario.messages import did_you_mean, display_path
from jobfirst_sim.scenario.yamlsource import (
    Origin,
    PathKey,
    RawScenario,
    marks_of,
    parse_yaml_text,
)


def _coerce_cli_value(text: str, dotted: str) -> tuple[Any, str | None]:
    """Parse a ``--set`` value as YAML (``30``, ``true``, ``[a, b]``); unsafe YAML refused."""
    try:
        value, _ = parse_yaml_text(text, f"--set {dotted}={text}")
    except ScenarioError:
        return nfc(text), text
    return value, text.strip()


def apply_overrides(raw: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Set dotted paths (``organisation.caseload``) on a raw document.

    List items are addressed by index or, for ``arms``/``municipalities``, by name
    (``arms.jobfirst.organisation.caseload``). String values are parsed as YAML. Two
    overrides of the same field (``arms.0...`` and ``arms.jobfirst...`` included), or of a
    field and a section around it, are refused: one would silently win. Missing
    sections on the way are created (``--set practice.cv_at_start=false`` on a file
    without a top-level ``practice:``), so the override lands where the file would have
    written it; a misspelt field is then reported by validation, with "did you mean".

    Raises:
        ScenarioError: a path that cannot be followed (unknown arm, index out of range,
            a field inside a plain value), ``extends`` (read before overrides apply), or
            two overrides of one field.
    """
    out = copy.deepcopy(dict(raw))
    marks = marks_of(raw)
    done: dict[PathKey, str] = {}
    for dotted_given, given in overrides.items():
        dotted = nfc(dotted_given)
        text: str | None = None
        value = given
        if isinstance(given, str):
            value, text = _coerce_cli_value(given, dotted)
        label = f"--set {dotted}={given}"
        parts = dotted.split(".")
        if not dotted or any(not p.strip() for p in parts):
            raise _set_error(label, dotted, "the field path has an empty part")
        if parts[0] == "extends":
            raise _set_error(
                label,
                "extends",
                "extends cannot be set from the command line: the file it names is read "
                "before any --set is applied",
                hint="write `extends: other.yaml` in the scenario file, or run the other "
                "file itself",
            )
        node: Any = out
        path: PathKey = ()
        for part in parts[:-1]:
            node, step = _step_into(node, part, path, out, label)
            path = (*path, step)
            marks.setdefault(path, Origin(label, None, path))
        last = parts[-1]
        if isinstance(node, list):
            key: Any = _list_index(node, last, path, out, label)
        elif isinstance(node, dict):
            key = last
        else:  # pragma: no cover - _step_into guarantees a container
            raise _set_error(label, dotted, "cannot set a field inside a plain value")
        target = (*path, key)
        for earlier, earlier_label in done.items():
            n = min(len(earlier), len(target))
            if earlier[:n] == target[:n]:
                raise _set_error(
                    label,
                    dotted,
                    f"{earlier_label} and {label} both set {display_path(out, target[:n])}; "
                    "only one value can win",
                    hint="give each field once",
                )
        done[target] = label
        marks = {p: o for p, o in marks.items() if p[: len(target)] != target}
        marks[target] = Origin(label, None, target, text)
        node[key] = copy.deepcopy(value)
        _drop_replaced_staffing(out, target, done)
    files = getattr(raw, "files", ())
    return RawScenario(out, marks, files)


def _drop_replaced_staffing(doc: dict[str, Any], target: PathKey,
                            done: Mapping[PathKey, str]) -> None:
    """A ``--set`` of a caseload replaces the FTEs the file gave at the same place, and
    the other way round (``municipalities.Odense.caseload.jobfirst=30`` on the trial
    replica, which staffs Odense in FTEs): staffing is one or the other. Two overrides
    that set both are left for validation to refuse."""
    swap = {"caseload": "staff", "staff": "caseload"}
    for i, part in enumerate(target):
        if part not in swap or i == 0:
            continue
        if target[i - 1] == "organisation":
            other: PathKey = (*target[:i], swap[part])
        elif i >= 2 and target[i - 2] == "municipalities" and i + 1 < len(target):
            other = (*target[:i], swap[part], target[i + 1])
        else:
            continue
        if any(p[: len(other)] == other for p in done):
            return
        node: Any = doc
        for step in other[:-1]:
            node = node.get(step) if isinstance(node, dict) else (
                node[step] if isinstance(node, list) and isinstance(step, int)
                and step < len(node) else None)
            if node is None:
                return
        if isinstance(node, dict):
            node.pop(other[-1], None)
        return


def _set_error(label: str, path: str, message: str, hint: str | None = None) -> ScenarioError:
    return ScenarioError.from_messages(label, [Problem(path, message, file=label, hint=hint)])


def _list_index(node: list[Any], part: str, path: PathKey, doc: Any, label: str) -> int:
    if part.isdigit() and int(part) < len(node):
        return int(part)
    names = [i.get("name") for i in node if isinstance(i, Mapping)]
    for i, item in enumerate(node):
        if isinstance(item, Mapping) and item.get("name") == part:
            return i
    where = display_path(doc, path)
    near = did_you_mean(part, [n for n in names if isinstance(n, str)])
    shown = ", ".join(str(n) for n in names if n is not None) or "none"
    raise _set_error(
        label,
        f"{where}.{part}",
        f"{where} has no entry {part!r}" + (f" — did you mean `{near}`?" if near else ""),
        hint=f"use a name ({shown}) or an index from 0 to {len(node) - 1}"
        if node
        else f"{where} is empty",
    )


def _step_into(
    node: Any, part: str, path: PathKey, doc: Any, label: str
) -> tuple[Any, Any]:
    if isinstance(node, list):
        i = _list_index(node, part, path, doc, label)
        return node[i], i
    if not isinstance(node, dict):
        where = display_path(doc, path)
        hint = None
        if path and path[-1] == "design" and isinstance(node, str):
            arm = display_path(doc, path[:-1])
            hint = (
                f"{where} is the named design {node!r}; to change one of its fields, set it "
                f"on the arm instead, e.g. --set {arm}.{part}.<field>=<value>"
            )
        raise _set_error(
            label,
            f"{where}.{part}",
            f"cannot set a field inside {where}, which is the plain value {node!r}",
            hint=hint,
        )
    if part not in node or node[part] is None:
        node[part] = {}
    return node[part], part
