"""The scenario reference (docs/scenario-reference.md), written from the pydantic schema.

Why generated: the reference used to be copied by hand from the schema, and a copy drifts
(a bound narrowed in the schema, a table still promising the old one). Every section,
field, type, bound and default here is read from :meth:`Scenario.model_json_schema`, the
same schema the checker and the editor schema use; unit and source are read from the
field's description, where the schema's convention puts them: the unit first in the
parenthesis (``(hours/week; 0-37)``), the source as a tag (``[M §4]``, ``[T T5]``,
``[C]``) or the word *Plausible* / *Estimate*, followed by the field's prior range (from
its ``json_schema_extra``; its reason ends the meaning). Write the file with
:func:`write_reference`; a test regenerates it and compares.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from jobfirst_sim.io import write_text
from jobfirst_sim.scenario.base import NAME_RULE
from jobfirst_sim.scenario.bounds import (
    CASELOAD_MAX,
    CASELOAD_MIN,
    CASELOAD_PLAUSIBLE,
    FTE_MAX,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    REPLICATIONS_MAX,
    SEED_MAX,
    WEIGHT_MAX,
)
from jobfirst_sim.scenario.messages import RAW_ONLY_FIELDS, deref, describe, model_schema
from jobfirst_sim.scenario.named_designs import design_presets

REFERENCE_PATH = Path("docs") / "scenario-reference.md"
"""Where the reference lives, relative to the repository root."""

_TAG = re.compile(r"\s*\[(?:M|T|C)\b[^\]]*\]")
_UNIT = re.compile(r"\(([^();]*[A-Za-z][^();]*);")
_ROLE = re.compile(r":\w+:`~?([\w.]+)`")
_DEFAULT_WIDTH = 60


def reference_markdown() -> str:
    """The whole reference as Markdown: one table per section of the scenario file."""
    root = model_schema()
    sections = list(_sections(root))
    lines = [*_HEAD, *_limits(), ""]
    for title, paths, schema in sections:
        lines += _section(title, paths, schema)
    return "\n".join(lines).rstrip("\n") + "\n"


def write_reference(root: str | Path = ".") -> Path:
    """Write :func:`reference_markdown` to ``docs/scenario-reference.md`` under ``root``."""
    out = Path(root) / REFERENCE_PATH
    return write_text(out, reference_markdown())


_HEAD = [
    "# Scenario reference",
    "",
    "<!-- Generated from the pydantic schema by `jobfirst schema --markdown --out "
    "docs/scenario-reference.md`; do not edit by hand. -->",
    "",
    "Every section and field of a scenario file: what it accepts (type and bounds), its "
    "default, its unit and its source. How files compose (`extends:`, named designs, "
    "`--set`, precedence) is in [scenarios.md](scenarios.md).",
    "",
    "Sources: [M §n] = the JobFirst method brief (docs/jobfirst-method.md, section n); "
    "[T Tn] = calibration target n (docs/model.md); [C] = fitted by "
    "`experiments/calibration`; *plausible* = not published, a documented plausible value; "
    "*estimate* = built from published rates or pay statistics. A section's fields are "
    "optional unless the default says **required**.",
]


def _limits() -> list[str]:
    """The limits of reading and naming, from the constants the checker uses."""
    low, high = CASELOAD_PLAUSIBLE
    return [
        "",
        "## Limits",
        "",
        f"- At most {MAX_FILE_BYTES // 1024 // 1024} MiB per file and at most {MAX_DEPTH} "
        "levels of nesting.",
        f"- Names (scenario, arm, municipality, sector): {NAME_RULE}.",
        f"- `run.seed` and `--seed`: 0 to {SEED_MAX:,}; `run.replications` and "
        f"`--replications`: 1 to {REPLICATIONS_MAX:,}.",
        f"- Caseloads {_n(CASELOAD_MIN)} to {_n(CASELOAD_MAX)} citizens per professional; "
        f"at most {_n(FTE_MAX)} FTE per role; weights at most {_n(WEIGHT_MAX)}.",
        f"- A caseload outside {_n(low)}-{_n(high)} citizens per professional (given, or "
        "following from `staff:`) is accepted with a warning.",
        "- Named designs (`design:`): " + ", ".join(f"`{d}`" for d in sorted(design_presets()))
        + " (jobfirst_sim/scenario/presets/designs.yaml).",
    ]


def _n(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def _sections(root: Mapping[str, Any]) -> Iterator[tuple[str, list[str], dict[str, Any]]]:
    """(title, paths, schema) of every section, depth first: each section before its parts.

    A section used at several places (``Beta`` for every spread) is listed once, with
    every path that uses it. The schema has no cycles (a design's transition names a
    design, which holds no transition), so the walk ends.
    """
    order: list[str] = []
    paths: dict[str, list[str]] = {}
    schemas: dict[str, dict[str, Any]] = {}

    def visit(path: str, schema: dict[str, Any]) -> None:
        title = str(schema.get("title"))
        if title not in paths:
            order.append(title)
            paths[title] = []
            schemas[title] = schema
        paths[title].append(path)
        for name, prop in schema.get("properties", {}).items():
            for sub_path, sub in _subsections(f"{path}.{name}" if path else name, prop):
                visit(sub_path, sub)

    visit("", deref(root))
    for title in order:
        yield title, paths[title], schemas[title]


def _subsections(path: str, prop: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    s = deref(prop)
    for branch in s.get("anyOf", [s]):
        b = deref(branch)
        if "properties" in b:
            yield path, b
        elif b.get("type") == "array":
            yield from _subsections(f"{path}[]", b.get("items") or {})
        elif isinstance(b.get("additionalProperties"), Mapping):
            yield from _subsections(f"{path}.<key>", b["additionalProperties"])


def _section(title: str, paths: list[str], schema: Mapping[str, Any]) -> list[str]:
    where = f"`{paths[0]}:`" if paths[0] else "The top level"
    lines = [f"## {where} (`{title}`)", ""]
    if len(paths) > 1:
        lines += ["Also at: " + ", ".join(f"`{p}:`" for p in paths[1:]) + ".", ""]
    about = _markdown(str(schema.get("description") or ""))
    if about:
        lines += [about, ""]
    extra = RAW_ONLY_FIELDS.get(title, ())
    if extra:
        lines += [
            "In a file this section may also hold "
            + ", ".join(f"`{k}:`" for k in extra)
            + " (see [scenarios.md](scenarios.md), *Composing scenarios*).",
            "",
        ]
    lines += [
        "| field | allowed | default | unit | source | meaning |",
        "|---|---|---|---|---|---|",
    ]
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        lines.append(_row(name, prop, name in required))
    return [*lines, ""]


def _row(name: str, prop: Mapping[str, Any], required: bool) -> str:
    text = _markdown(str(deref(prop).get("description") or ""))
    prior = deref(prop).get("prior")
    source, meaning = _source(text), text
    if isinstance(prior, Mapping):
        source = ", ".join(s for s in (source, _prior(prior)) if s)
        meaning += f" Why this prior: {prior['why']}."
    cells = [
        f"`{name}`",
        describe(prop),
        _default(prop, required),
        _unit(text, prop) or "—",
        source or "—",
        meaning,
    ]
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"


def _default(prop: Mapping[str, Any], required: bool) -> str:
    if required:
        return "**required**"
    if "default" not in prop:
        return "none"
    value = prop["default"]
    if value is None:
        return "null"
    shown = json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping | list) and len(shown) > _DEFAULT_WIDTH:
        return "(see its section)"
    return f"`{shown}`"


def _unit(text: str, prop: Mapping[str, Any]) -> str:
    """The unit the description names first in its parenthesis (``(hours/week; ...)``).

    A share or a state on the unit interval names only its range (``(0-1)``); it is
    said as such. A parenthesis that starts with an article explains, it names no unit.
    """
    m = _UNIT.search(text)
    if m and not m.group(1).lstrip().startswith(("a ", "an ", "the ")) and "." not in m[1]:
        return m.group(1).strip()
    if describe(prop).endswith("from 0 to 1") and "(0-1" in text.replace(", 0-1", "(0-1"):
        return "share or scale, 0-1"
    return ""


def _prior(prior: Mapping[str, Any]) -> str:
    """The prior range in words: ``prior 0.002 to 0.2 (log; neutral 1)``."""
    notes = [str(prior["scale"])]
    if prior.get("neutral") is not None:
        notes.append(f"neutral {_n(prior['neutral'])}")
    return f"prior {_n(prior['low'])} to {_n(prior['high'])} ({'; '.join(notes)})"


def _source(text: str) -> str:
    tags = [t.strip() for t in _TAG.findall(text)]
    words = [w for w in ("Plausible", "Estimate") if w.lower() in text.lower()]
    return ", ".join([*tags, *(w.lower() for w in words)])


def _markdown(text: str) -> str:
    """A docstring as Markdown: RST ``code`` as `code`, roles as their last name."""
    text = _ROLE.sub(lambda m: f"`{m.group(1).rsplit('.', 1)[-1]}`", text)
    text = text.replace("``", "`")
    return " ".join(text.split())
