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

from pydantic import ValidationError

from jobfirst_sim.scenario.base import NAME_PATTERN, NAME_RULE, name_faults
from jobfirst_sim.scenario.errors import Problem
from jobfirst_sim.scenario.named_designs import design_presets
from jobfirst_sim.scenario.schema import Scenario
from jobfirst_sim.scenario.yamlsource import BOOL_WORDS, Origin, PathKey, quote_hint

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
    if not schema:
        return {}
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
    if t == "null":
        return "null (nothing)"
    if t == "boolean":
        return "true or false"
    if t in ("number", "integer"):
        noun = "a whole number" if t == "integer" else "a number"
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
    if t == "string":
        if s.get("pattern") == NAME_PATTERN:
            return NAME_RULE
        return "text"
    if t == "array":
        items = deref(s.get("items"))
        if items.get("type") == "object" and items.get("title"):
            return f"a list of {items['title']} entries (each line starting with '- ')"
        return f"a list of {describe(items, depth + 1) or 'values'}"
    if t == "object" or "properties" in s:
        props = list(s.get("properties", {}))
        if props:
            extra = RAW_ONLY_FIELDS.get(str(s.get("title")), ())
            return "a section with the fields: " + ", ".join([*props, *extra])
        keys = deref(s.get("propertyNames")).get("enum")
        values = describe(s.get("additionalProperties"), depth + 1) if depth < 2 else ""
        key_txt = f"keys {', '.join(keys)}" if keys else "names as keys"
        return f"a mapping with {key_txt}" + (f", each set to {values}" if values else "")
    return ""


def allowed_text(schema: Mapping[str, Any] | None) -> str | None:
    """``describe`` plus the field's description (unit, range, source)."""
    if schema is None:
        return None
    what = describe(schema)
    about = str(deref(schema).get("description") or "").strip()
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


_TYPE_WORDS = {
    bool: "true/false",
    int: "a number",
    float: "a number",
    str: "text",
    list: "a list",
    dict: "a section (mapping)",
}


def _kind(value: object) -> str:
    for t, word in _TYPE_WORDS.items():
        if isinstance(value, t):
            return word
    if value is None:
        return "nothing (null)"
    return "a date" if type(value).__name__ in ("date", "datetime") else type(value).__name__


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


_BASE60 = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")
"""``1:30``: a base-60 number in YAML 1.1, now read as text (see safe_read.py)."""
_NOT_TEXT_TYPES = {"string_type", "string_pattern_mismatch", "enum", "literal_error"}
_SECTION_TYPES = {"model_type", "dict_type", "model_attributes_type", "mapping_type"}
_LIST_TYPES = {"tuple_type", "list_type", "iterable_type"}


def explain_validation_error(
    exc: ValidationError | Iterable[Mapping[str, Any]], locator: Locator
) -> list[Problem]:
    """One :class:`Problem` per pydantic error (or error dict), placed and explained."""
    errors = exc.errors(include_url=False) if isinstance(exc, ValidationError) else exc
    return [_explain_one(err, locator) for err in errors]


def _explain_one(err: Mapping[str, Any], locator: Locator) -> Problem:
    """Why one function with a branch per error type: the wording is the product here,
    and reading all of it in one place is how it stays consistent."""
    loc = tuple(err["loc"])
    typ: str = err["type"]
    value = err.get("input")
    file, line, path, origin = locator.place(loc)
    schema, _ = walk(loc)
    allowed = allowed_text(schema)
    msg = str(err["msg"]).replace("Input should be", "must be")
    given: str | None = None
    hint: str | None = None
    is_key = bool(loc) and loc[-1] == "[key]"

    if typ == "missing":
        field = str(loc[-1]) if loc else "?"
        msg = f"the required field `{field}` is missing"
        hint = _missing_hint(loc, locator.raw)
    elif typ == "extra_forbidden":
        key = loc[-1] if loc else None
        names = field_names(walk(loc[:-1])[0])
        guess = did_you_mean(key, names)
        msg = f"unknown field {key!r}" if not isinstance(key, bool) else "unknown field"
        if guess:
            msg += f" — did you mean `{guess}`?"
        allowed = "the fields here are: " + ", ".join(names) if names else None
        if isinstance(key, bool):
            text = origin.key if origin is not None else None
            given = text or str(key).lower()
            msg = "this field name was read by YAML as true/false" + (
                f" — did you mean `{guess}`?" if guess else ""
            )
            hint = quote_hint(text)
        elif not guess:
            hint = "check the spelling and the indentation (is it under the right section?)"
    elif typ == "string_pattern_mismatch" and isinstance(value, str) and not is_key:
        msg = f"not a valid name: {name_faults(value)}"
    elif isinstance(value, bool) and typ in _NOT_TEXT_TYPES:
        msg = "expected text, but YAML read this as true/false"
        given = given_text(value, origin)
        hint = quote_hint(origin.text if origin is not None else None)
    elif (typ in _NOT_TEXT_TYPES and isinstance(value, int | float)) or (
        typ == "string_type" and _kind(value) == "a date"
    ):
        msg = f"expected text, but YAML read this as {_kind(value)}"
        text = origin.text if origin is not None else str(value)
        hint = f'put it in quotes: "{text}"'
    elif typ in _SECTION_TYPES:
        msg = f"must be a section (fields indented below it), not {_kind(value)}"
    elif typ in _LIST_TYPES:
        msg = f"must be a list (one '- ' line per entry), not {_kind(value)}"
    elif typ == "value_error":
        msg = msg.removeprefix("Value error, ")
        allowed = None
        if isinstance(value, Mapping | list | tuple):
            given = ""  # the whole section would only hide the message
    elif typ in ("bool_type", "bool_parsing"):
        msg = "must be true or false"
    elif typ in ("int_type", "int_from_float"):
        msg = "must be a whole number"
    elif typ in ("float_type", "float_parsing", "int_parsing"):
        msg = "must be a number" if typ != "int_parsing" else "must be a whole number"
        if isinstance(value, str) and _BASE60.fullmatch(value.strip()):
            hint = (
                f"{value.strip()} is not a number here (YAML 1.1 would have read it in base "
                "60, as minutes:seconds); write the number itself"
            )
    elif typ in ("finite_number",):
        msg = "must be a finite number"

    if typ == "enum" and isinstance(value, str):
        guess = did_you_mean(value, [str(v) for v in deref(schema).get("enum", [])])
        if guess:
            msg += f" — did you mean `{guess}`?"
    if is_key:
        exact = locator.exact(loc)
        key_text = exact.key if exact is not None and exact.key is not None else None
        msg = f"the key {key_text or value!r}: {msg}" if not isinstance(value, bool) else (
            "this name was read by YAML as true/false" + msg.removeprefix(
                "expected text, but YAML read this as true/false"
            )
        )
        if isinstance(value, bool):
            hint = quote_hint(key_text)
        given = key_text if key_text is not None else given_text(value, None)
    if given is None and typ not in ("missing", "extra_forbidden"):
        given = given_text(value, origin)
    return Problem(path, msg, line=line, file=file, given=given, allowed=allowed, hint=hint)


def _missing_hint(loc: PathKey, raw: Any) -> str | None:
    if len(loc) >= 4 and loc[0] == "arms" and loc[2] == "design" and len(loc) == 4:
        return (
            "give the arm a named design, e.g. `design: jobfirst` (named designs: "
            f"{', '.join(sorted(design_presets()))}), or write its `organisation:` and "
            "`practice:` in full"
        )
    if len(loc) == 1 and isinstance(raw, Mapping) and not getattr(raw, "files", ())[1:]:
        return "or start the file with `extends: other.yaml` to take it from another scenario"
    return None
