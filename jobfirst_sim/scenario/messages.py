"""Explain validation failures in the words of the scenario file.

Why: pydantic reports ``arms.0.design.organisation.caseload: Input should be greater than
0``. A manager wrote ``caseload: -5`` on line 14 of *their* file, maybe under a top-level
``organisation:`` that applies to every arm, maybe in a file their scenario ``extends``.
This module maps each pydantic error back to that place (via the :class:`Origin` marks
kept by the loader), names the field as the user would write it (arms by name, as in
``--set arms.jobfirst.organisation.caseload=30``), shows the value as typed, says what is
allowed (read from the field's constraints, enum members and description in the JSON
Schema), suggests the nearest valid name for a misspelt key, and explains YAML's
``yes/no/on/off`` trap.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from jobfirst_sim.scenario.base import NAME_PATTERN, NAME_RULE
from jobfirst_sim.scenario.errors import Problem
from jobfirst_sim.scenario.schema import Scenario
from jobfirst_sim.scenario.yamlsource import BOOL_WORDS, Origin, PathKey

RAW_ONLY_FIELDS: dict[str, tuple[str, ...]] = {
    "Scenario": ("extends", "design", "organisation", "practice"),
    "Arm": ("organisation", "practice"),
}
"""Keys a scenario *file* may use that the loader consumes before validation."""

@cache
def model_schema() -> dict[str, Any]:
    """JSON Schema of the validated :class:`Scenario` (used to say what is allowed)."""
    return Scenario.model_json_schema()


def deref(schema: Mapping[str, Any] | None) -> dict[str, Any]:
    """Follow ``$ref`` into ``$defs``; the referring schema's own keys (description) win."""
    if not isinstance(schema, Mapping) or not schema:
        return {}  # ``additionalProperties: true`` (any value) has no schema to follow
    out = dict(schema)
    defs = model_schema().get("$defs", {})
    while "$ref" in out:
        target = defs.get(str(out.pop("$ref")).rsplit("/", 1)[-1], {})
        out = {**target, **out}
    return out


def branches(schema: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The alternatives of a field (its ``anyOf``), or the field itself as the only one."""
    s = deref(schema)
    if "anyOf" in s:
        return [deref(b) for b in s["anyOf"]]
    return [s]


def walk(loc: Sequence[Any]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The schema of the field at a pydantic ``loc`` and of its parent (or ``None``)."""
    node: dict[str, Any] | None = deref(model_schema())
    parent: dict[str, Any] | None = None
    for part in loc:
        if node is None:
            return None, None
        if part == "[key]":
            names = (parent or {}).get("propertyNames")
            node = deref(names) if names else {"type": "string"}
            continue
        step: dict[str, Any] | None = None
        for branch in branches(node):
            props = branch.get("properties", {})
            if isinstance(part, str) and part in props:
                step = deref(props[part])
            elif isinstance(branch.get("additionalProperties"), Mapping):
                step = deref(branch["additionalProperties"])
            elif branch.get("type") == "array" and isinstance(part, int):
                step = deref(branch.get("items"))
            if step is not None:
                parent = branch
                break
        node = step
    return node, parent


def _num(x: float) -> str:
    if isinstance(x, int) or (isinstance(x, float) and x.is_integer() and abs(x) < 1e15):
        return f"{int(x):,}"
    return f"{x:g}"


def describe(schema: Mapping[str, Any] | None, depth: int = 0) -> str:
    """What a field accepts, in plain words (from its JSON Schema)."""
    s = deref(schema)
    if not s:
        return ""
    if "anyOf" in s:
        parts = [describe(b, depth) for b in s["anyOf"]]
        return " or ".join(p for p in parts if p)
    if "enum" in s:
        return "one of: " + ", ".join(str(v) for v in s["enum"])
    t = s.get("type")
    if t in ("number", "integer"):
        return _describe_number(s)
    if t == "string" and s.get("format") == "date":
        return "a date (YYYY-MM-DD)"
    if t == "string":
        return NAME_RULE if s.get("pattern") == NAME_PATTERN else "text"
    if t == "array":
        return _describe_list(s, depth)
    if t == "object" or "properties" in s:
        return _describe_section(s, depth)
    return _SIMPLE_TYPES.get(str(t), "")


_SIMPLE_TYPES = {"null": "null (nothing)", "boolean": "true or false"}


def _describe_number(s: Mapping[str, Any]) -> str:
    """``a number from 0 to 1``, ``a whole number at least 1``, ..."""
    noun = "a whole number" if s.get("type") == "integer" else "a number"
    lo, lo_incl = (s["minimum"], True) if "minimum" in s else (s.get("exclusiveMinimum"), False)
    hi, hi_incl = (s["maximum"], True) if "maximum" in s else (s.get("exclusiveMaximum"), False)
    if lo is not None and hi is not None and lo_incl and hi_incl:
        return f"{noun} from {_num(lo)} to {_num(hi)}"
    bounds = []
    if lo is not None:
        bounds.append(f"at least {_num(lo)}" if lo_incl else f"greater than {_num(lo)}")
    if hi is not None:
        bounds.append(f"at most {_num(hi)}" if hi_incl else f"less than {_num(hi)}")
    return noun + (" " + " and ".join(bounds) if bounds else "")


def _describe_list(s: Mapping[str, Any], depth: int) -> str:
    items = deref(s.get("items"))
    if items.get("type") == "object" and items.get("title"):
        return f"a list of {items['title']} entries (each line starting with '- ')"
    return f"a list of {describe(items, depth + 1) or 'values'}"


def _describe_section(s: Mapping[str, Any], depth: int) -> str:
    props = list(s.get("properties", {}))
    if props:
        extra = RAW_ONLY_FIELDS.get(str(s.get("title")), ())
        return "a section with the fields: " + ", ".join([*props, *extra])
    keys = deref(s.get("propertyNames")).get("enum")
    values = describe(s.get("additionalProperties"), depth + 1) if depth < 2 else ""
    key_txt = f"keys {', '.join(keys)}" if keys else "names as keys"
    return f"a mapping with {key_txt}" + (f", each set to {values}" if values else "")


_SOURCE_TAG = re.compile(r"\s*\[(?:M|T|C)\b[^\]]*\]")
_RST_ROLE = re.compile(r":\w+:`~?([\w.]+)`")


def plain(text: str) -> str:
    """Text for a message: no source tags (``[M §5]``) and no RST markup.

    Why: the schema's descriptions are also the reference's, where ``[M §5]`` points at
    the method brief; in a message it is noise to someone fixing a line, and RST's double
    backticks read as stray quotes. Code stays in single backticks, as messages write it.
    """
    text = _SOURCE_TAG.sub("", text)
    text = _RST_ROLE.sub(lambda m: f"`{m.group(1).rsplit('.', 1)[-1]}`", text)
    return text.replace("``", "`")


def allowed_text(schema: Mapping[str, Any] | None) -> str | None:
    """``describe`` plus the field's description (unit, range), in plain text."""
    if schema is None:
        return None
    what = describe(schema)
    about = plain(str(deref(schema).get("description") or "")).strip()
    if about and what:
        return f"{what} — {about}"
    return what or about or None


def field_names(parent: Mapping[str, Any] | None) -> list[str]:
    """Field names allowed in a section (including keys only a file may use)."""
    s = deref(parent)
    names = list(s.get("properties", {}))
    return [*names, *RAW_ONLY_FIELDS.get(str(s.get("title")), ())]


def did_you_mean(word: object, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a misspelt ``word`` (case-insensitive), if any is close."""
    cands = [c for c in candidates if isinstance(c, str)]
    if not isinstance(word, str) or not cands:
        return None
    lowered = {c.lower(): c for c in cands}
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def lookup(marks: Mapping[PathKey, Origin], loc: Sequence[Any]) -> tuple[Origin | None, PathKey]:
    """The origin of the longest prefix of ``loc`` that has one, and the rest of ``loc``."""
    loc = tuple(loc)
    for k in range(len(loc), -1, -1):
        origin = marks.get(loc[:k])
        if origin is not None:
            return origin, loc[k:]
    return None, loc


def display_path(raw: Any, path: Sequence[Any]) -> str:
    """A dotted path as a user writes it: list items of named entries by their name."""
    parts: list[str] = []
    node = raw
    for part in path:
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            item = node[part]
            name = item.get("name") if isinstance(item, Mapping) else None
            readable = isinstance(name, str) and "." not in name and not name.isdigit()
            parts.append(str(name) if readable else str(part))
            node = item
            continue
        parts.append(str(part).lower() if isinstance(part, bool) else str(part))
        node = node.get(part) if isinstance(node, Mapping) else None
    return ".".join(parts)


class Locator:
    """Turns resolved-document paths into file, line, display path and typed text."""

    def __init__(self, raw: Any, marks: Mapping[PathKey, Origin], source: str) -> None:
        self.raw = raw
        self.marks = marks
        self.source = source

    def place(self, loc: Sequence[Any]) -> tuple[str | None, int | None, str, Origin | None]:
        """(file if not the scenario file, line, display path, exact origin or None)."""
        clean = tuple(p for p in loc if p != "[key]")
        origin, rest = lookup(self.marks, clean)
        if origin is None:
            return None, None, display_path(self.raw, clean), None
        file = None if origin.file == self.source else origin.file
        path = display_path(self.raw, (*origin.written, *rest))
        if not rest and origin.key is not None and origin.written:
            # show a key as typed (``no``), not as YAML read it (``false``)
            parent = display_path(self.raw, origin.written[:-1])
            path = f"{parent}.{origin.key}" if parent else origin.key
        return file, origin.line, path, origin if not rest else None

    def exact(self, loc: Sequence[Any]) -> Origin | None:
        """The origin recorded for exactly this path (``[key]`` parts ignored)."""
        origin, rest = lookup(self.marks, tuple(p for p in loc if p != "[key]"))
        return origin if not rest else None

    def problem(self, loc: Sequence[Any], message: str, **kw: Any) -> Problem:
        """A problem placed at ``loc``."""
        file, line, path, _ = self.place(loc)
        return Problem(path, message, line=line, file=file, **kw)


def given_text(value: object, origin: Origin | None) -> str | None:
    """The value as the user typed it (the YAML text when known), for "you wrote: ..."."""
    text = origin.text if origin is not None else None
    if isinstance(value, bool) and text is not None and text in BOOL_WORDS:
        return f"{text} (YAML reads an unquoted {text} as {str(value).lower()})"
    if text is not None and not isinstance(value, Mapping | list):
        return text
    if isinstance(value, float) and math.isnan(value):
        return ".nan"
    r = repr(value)
    return r if len(r) <= 70 else r[:67] + "..."
