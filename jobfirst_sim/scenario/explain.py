"""One pydantic error, explained in the words of the scenario file.

Why one small function per kind of error: the wording is the product here. Each function
says one thing (a missing field, an unknown field, text where a number belongs, ...) and
:func:`_explain_one` only picks which; reading a function is reading its message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from jobfirst_sim.scenario.base import name_faults
from jobfirst_sim.scenario.design import ROLE_DANISH_NAMES
from jobfirst_sim.scenario.errors import Problem
from jobfirst_sim.scenario.messages import (
    Locator,
    allowed_text,
    deref,
    did_you_mean,
    field_names,
    given_text,
    plain,
    walk,
)
from jobfirst_sim.scenario.named_designs import design_presets
from jobfirst_sim.scenario.yamlsource import Origin, PathKey, quote_hint

_TYPE_WORDS = {
    bool: "true/false",
    int: "a number",
    float: "a number",
    str: "text",
    list: "a list",
    dict: "a section (mapping)",
}

_BASE60 = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")
"""``1:30``: a base-60 number in YAML 1.1, now read as text (see safe_read.py)."""
_DECIMAL_COMMA = re.compile(r"[-+]?[0-9]+,[0-9]+")
"""``0,8``: a Danish decimal comma, which YAML reads as text."""
_GIVEN_DIGITS = 20
"""Digits of a huge number shown back (the rest would push the message off the screen)."""
_NOT_TEXT_TYPES = {"string_type", "string_pattern_mismatch", "enum", "literal_error"}
_SECTION_TYPES = {"model_type", "dict_type", "model_attributes_type", "mapping_type"}
_LIST_TYPES = {"tuple_type", "list_type", "iterable_type"}


def _kind(value: object) -> str:
    for t, word in _TYPE_WORDS.items():
        if isinstance(value, t):
            return word
    if value is None:
        return "nothing (null)"
    return "a date" if type(value).__name__ in ("date", "datetime") else type(value).__name__


@dataclass
class _Case:
    """One error on its way to a :class:`Problem`; the handlers fill in the words."""

    loc: PathKey
    typ: str
    value: Any
    origin: Origin | None
    schema: dict[str, Any] | None
    locator: Locator
    msg: str
    allowed: str | None
    given: str | None = None
    hint: str | None = None

    @property
    def is_key(self) -> bool:
        return bool(self.loc) and self.loc[-1] == "[key]"


def explain_validation_error(
    exc: ValidationError | Iterable[Mapping[str, Any]], locator: Locator
) -> list[Problem]:
    """One :class:`Problem` per pydantic error (or error dict), placed and explained."""
    errors = exc.errors(include_url=False) if isinstance(exc, ValidationError) else exc
    return [_explain_one(err, locator) for err in errors]


def _explain_one(err: Mapping[str, Any], locator: Locator) -> Problem:
    loc = tuple(err["loc"])
    file, line, path, origin = locator.place(loc)
    schema, _ = walk(loc)
    case = _Case(
        loc=loc,
        typ=err["type"],
        value=err.get("input"),
        origin=origin,
        schema=schema,
        locator=locator,
        msg=str(err["msg"]).replace("Input should be", "must be"),
        allowed=allowed_text(schema),
    )
    handler = _handler(case)
    if handler is not None:
        handler(case)
    if case.typ == "enum" and isinstance(case.value, str):
        _suggest_member(case)
    if case.is_key:
        _on_key(case)
    if case.given is None and case.typ not in ("missing", "extra_forbidden"):
        case.given = given_text(case.value, case.origin)
    return Problem(
        path, plain(case.msg), line=line, file=file, given=case.given,
        allowed=plain(case.allowed) if case.allowed else case.allowed,
        hint=plain(case.hint) if case.hint else case.hint,
    )


def _handler(c: _Case) -> Callable[[_Case], None] | None:
    """The explanation for this error; the order matters where two kinds overlap."""
    if c.typ in ("missing", "extra_forbidden"):
        return _BY_TYPE[c.typ]
    if c.typ == "string_pattern_mismatch" and isinstance(c.value, str) and not c.is_key:
        return _bad_name
    if isinstance(c.value, bool) and c.typ in _NOT_TEXT_TYPES:
        return _bool_for_text
    if (c.typ in _NOT_TEXT_TYPES and isinstance(c.value, int | float)) or (
        c.typ == "string_type" and _kind(c.value) == "a date"
    ):
        return _number_for_text
    return _BY_TYPE.get(c.typ)


def _missing(c: _Case) -> None:
    field = str(c.loc[-1]) if c.loc else "?"
    c.msg = f"the required field `{field}` is missing"
    c.hint = _missing_hint(c.loc, c.locator.raw)


def _unknown_field(c: _Case) -> None:
    key = c.loc[-1] if c.loc else None
    names = field_names(walk(c.loc[:-1])[0])
    guess = did_you_mean(key, names)
    c.msg = f"unknown field {key!r}" if not isinstance(key, bool) else "unknown field"
    if guess:
        c.msg += f" — did you mean `{guess}`?"
    c.allowed = "the fields here are: " + ", ".join(names) if names else None
    if isinstance(key, bool):
        text = c.origin.key if c.origin is not None else None
        c.given = text or str(key).lower()
        c.msg = "this field name was read by YAML as true/false" + (
            f" — did you mean `{guess}`?" if guess else ""
        )
        c.hint = quote_hint(text)
    elif not guess:
        c.hint = "check the spelling and the indentation (is it under the right section?)"


def _bad_name(c: _Case) -> None:
    c.msg = f"not a valid name: {name_faults(c.value)}"


def _bool_for_text(c: _Case) -> None:
    c.msg = "expected text, but YAML read this as true/false"
    c.given = given_text(c.value, c.origin)
    c.hint = quote_hint(c.origin.text if c.origin is not None else None)


def _number_for_text(c: _Case) -> None:
    c.msg = f"expected text, but YAML read this as {_kind(c.value)}"
    text = c.origin.text if c.origin is not None else str(c.value)
    c.hint = f'put it in quotes: "{text}"'


def _not_section(c: _Case) -> None:
    c.msg = f"must be a section (fields indented below it), not {_kind(c.value)}"


def _not_list(c: _Case) -> None:
    c.msg = f"must be a list (one '- ' line per entry), not {_kind(c.value)}"


def _value_error(c: _Case) -> None:
    c.msg = c.msg.removeprefix("Value error, ")
    c.allowed = None
    if isinstance(c.value, Mapping | list | tuple):
        c.given = ""  # the whole section would only hide the message


def _not_bool(c: _Case) -> None:
    c.msg = "must be true or false"


def _not_whole(c: _Case) -> None:
    c.msg = "must be a whole number"


def _not_number(c: _Case) -> None:
    c.msg = "must be a number" if c.typ != "int_parsing" else "must be a whole number"
    if isinstance(c.value, int) and not isinstance(c.value, bool):
        _too_large(c)
    elif isinstance(c.value, str) and _DECIMAL_COMMA.fullmatch(c.value.strip()):
        number = c.value.strip().replace(",", ".")
        c.hint = f"write {number} (decimal point, not comma)"
    elif isinstance(c.value, str) and _BASE60.fullmatch(c.value.strip()):
        c.hint = (
            f"{c.value.strip()} is not a number here (YAML 1.1 would have read it in base "
            "60, as minutes:seconds); write the number itself"
        )


def _invalid_key(c: _Case) -> None:
    """A field name YAML read as a number; inside ``{ }`` usually a decimal comma."""
    key = c.loc[-1] if c.loc else c.value
    c.msg = f"a field name must be text, but YAML read {key!r} as {_kind(key)}"
    c.given = str(key)
    section = _at(c.locator.raw, c.loc[:-1])
    if not isinstance(section, Mapping) or not isinstance(key, int):
        return
    names = list(section)
    before = names[names.index(key) - 1] if key in names and names.index(key) > 0 else None
    number = section.get(before) if before is not None else None
    if isinstance(number, int) and not isinstance(number, bool) and section[key] is None:
        c.given = f"{before}: {number},{key}"
        c.hint = (
            f"a comma separates fields inside {{ }}, so YAML read `{before}: {number}` and a "
            f"field `{key}`; write {number}.{key} (decimal point, not comma)"
        )


def _at(raw: Any, path: PathKey) -> Any:
    node = raw
    for part in path:
        if isinstance(node, Mapping):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return None
    return node


def _too_large(c: _Case) -> None:
    """A whole number too large for a decimal number (YAML read 400 digits as one int)."""
    digits = len(str(abs(c.value)))
    c.msg = f"this number is too large ({digits:,} digits)"
    text = c.origin.text if c.origin is not None and c.origin.text else str(c.value)
    if len(text) > _GIVEN_DIGITS:
        text = f"{text[:_GIVEN_DIGITS]}... ({digits:,} digits)"
    c.given = text


def _not_finite(c: _Case) -> None:
    c.msg = "must be a finite number"


_BY_TYPE: dict[str, Callable[[_Case], None]] = {
    "missing": _missing,
    "extra_forbidden": _unknown_field,
    **dict.fromkeys(_SECTION_TYPES, _not_section),
    **dict.fromkeys(_LIST_TYPES, _not_list),
    "value_error": _value_error,
    "bool_type": _not_bool,
    "bool_parsing": _not_bool,
    "int_type": _not_whole,
    "int_from_float": _not_whole,
    "float_type": _not_number,
    "float_parsing": _not_number,
    "int_parsing": _not_number,
    "finite_number": _not_finite,
    "invalid_key": _invalid_key,
}


def _suggest_member(c: _Case) -> None:
    members = [str(v) for v in deref(c.schema).get("enum", [])]
    guess = did_you_mean(c.value, members)
    danish = ROLE_DANISH_NAMES.get(c.value.strip().casefold())
    if danish is not None and danish.value in members:
        c.msg += f" — `{c.value}` is `{danish.value}` here (the roles are written in English)"
    elif guess:
        c.msg += f" — did you mean `{guess}`?"


def _on_key(c: _Case) -> None:
    """A mapping key that is wrong (not its value): say "the key ..." and show it as typed."""
    exact = c.locator.exact(c.loc)
    key_text = exact.key if exact is not None and exact.key is not None else None
    if isinstance(c.value, bool):
        c.msg = "this name was read by YAML as true/false" + c.msg.removeprefix(
            "expected text, but YAML read this as true/false"
        )
        c.hint = quote_hint(key_text)
    else:
        c.msg = f"the key {key_text or c.value!r}: {c.msg}"
    c.given = key_text if key_text is not None else given_text(c.value, None)


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
