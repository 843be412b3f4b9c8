"""Read scenario YAML safely and remember where every value was written.

Why not ``yaml.safe_load``: a manager needs to hear *which line* is wrong, and pydantic
only knows dotted field paths. So we compose the document into YAML nodes (which carry
their line) and build plain Python values ourselves, recording for every mapping key and
list item the file, line and original text it came from (an :class:`Origin`). Building the
values ourselves also lets us refuse what a scenario file must never contain, with a
message that names the line: duplicate keys, ``!!python/...`` and other tags, complex
keys, runaway aliases.

The values and their origins travel together as a :class:`RawScenario` (a ``dict`` with
a ``marks`` attribute), so the public loader API can keep returning "a dict".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, NoReturn

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.representer import SafeRepresenter

from jobfirst_sim.scenario.base import nfc
from jobfirst_sim.scenario.bounds import MAX_DEPTH
from jobfirst_sim.scenario.errors import Problem, ScenarioError
from jobfirst_sim.scenario.safe_read import (
    DepthError,
    ScenarioYamlLoader,
    depth_problem,
    read_bounded,
)

PathKey = tuple[Any, ...]
"""A path into a document: mapping keys (usually ``str``) and list indices (``int``)."""

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(
    _TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")
)
_MERGE_TAG = _TAG + "merge"
_MAP_TAG = _TAG + "map"
_SEQ_TAG = _TAG + "seq"
_MAX_NODES = 200_000
"""Values built from one file at most; stops alias bombs ("billion laughs")."""
_MAX_DEPTH = MAX_DEPTH
"""Nesting depth at most, aliases expanded (the composer checks the file as written)."""

BOOL_WORDS = frozenset(
    w
    for base in ("yes", "no", "on", "off", "true", "false")
    for w in (base, base.capitalize(), base.upper())
)
"""Words YAML 1.1 (and so PyYAML) reads as true/false when they are not quoted."""


@dataclass(frozen=True)
class Origin:
    """Where one value of a scenario document was written.

    ``file`` is the file as the user named it (or ``--set a.b=c`` for a command-line
    override), ``line`` is 1-based (``None`` when there is no line, e.g. ``--set``),
    ``written`` is the value's path in the merged raw document (before designs are
    expanded), ``text`` the value exactly as typed, when it was a plain scalar (so
    that ``no`` can be shown as ``no`` and not as ``False``), and ``key`` the mapping key
    as typed.
    """

    file: str
    line: int | None
    written: PathKey = ()
    text: str | None = None
    key: str | None = None


class RawScenario(dict[str, Any]):
    """A raw scenario document (plain values) that remembers where each value came from.

    Why a ``dict`` subclass: ``load_raw`` is public and returns a dict; callers that copy
    it with ``copy.deepcopy`` or pickle it (sweeps) keep the marks, callers that build a
    plain ``dict`` from it merely lose line numbers in later messages.
    """

    marks: dict[PathKey, Origin]
    files: tuple[str, ...]

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        marks: Mapping[PathKey, Origin] | None = None,
        files: tuple[str, ...] = (),
    ) -> None:
        super().__init__(data or {})
        self.marks = dict(marks or {})
        self.files = files


def marks_of(raw: Mapping[str, Any]) -> dict[PathKey, Origin]:
    """The marks of a raw document, or none for a plain mapping."""
    return dict(getattr(raw, "marks", {}) or {})


def _represent_raw(dumper: yaml.SafeDumper | yaml.Dumper, data: RawScenario) -> yaml.Node:
    return SafeRepresenter.represent_dict(dumper, dict(data))


# A RawScenario must stay dumpable as YAML (sweep manifests, debugging).
yaml.SafeDumper.add_representer(RawScenario, _represent_raw)
yaml.Dumper.add_representer(RawScenario, _represent_raw)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


class _Builder:
    """Builds plain Python values from YAML nodes, recording an Origin per path."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.marks: dict[PathKey, Origin] = {}
        self.count = 0
        self.scalars = yaml.constructor.SafeConstructor()

    def fail(
        self, node: Node, message: str, path: PathKey = (), hint: str | None = None
    ) -> NoReturn:
        raise ScenarioError.from_messages(
            self.file,
            [
                Problem(
                    ".".join(str(p) for p in path),
                    message,
                    line=node.start_mark.line + 1,
                    file=self.file,
                    hint=hint,
                )
            ],
        )

    def mark(self, path: PathKey, node: Node, value_node: Node | None = None) -> None:
        text = None
        if isinstance(value_node, ScalarNode) and value_node.tag in _SCALAR_TAGS:
            text = value_node.value
        key = node.value if node is not value_node and isinstance(node, ScalarNode) else None
        self.marks[path] = Origin(self.file, node.start_mark.line + 1, path, text, key)

    def build(self, node: Node, path: PathKey, depth: int = 0) -> Any:
        self.count += 1
        if self.count > _MAX_NODES or depth > _MAX_DEPTH:
            self.fail(
                node,
                "the file expands to too many values (aliases referring to aliases?)",
                path[:1],
                "scenario files should be written out plainly; reuse designs with "
                "`design: <name>` or `extends:` instead of YAML aliases",
            )
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, SequenceNode):
            self.check_tag(node, _SEQ_TAG, path)
            out = []
            for i, item in enumerate(node.value):
                self.mark((*path, i), item, item)
                out.append(self.build(item, (*path, i), depth + 1))
            return out
        if isinstance(node, MappingNode):
            self.check_tag(node, _MAP_TAG, path)
            return self.mapping(node, path, depth)
        self.fail(node, "unsupported YAML node", path)  # pragma: no cover - exhaustive

    def check_tag(self, node: Node, expected: str, path: PathKey) -> None:
        if node.tag != expected:
            self.refuse_tag(node, path)

    def refuse_tag(self, node: Node, path: PathKey) -> NoReturn:
        tag = _short_tag(node.tag)
        if "python" in node.tag:
            why = (
                f"the YAML tag {tag} asks to run Python code or build Python objects; "
                "scenario files are refused when they contain it (unsafe YAML)"
            )
        else:
            why = f"the YAML tag {tag} is not allowed in a scenario file"
        self.fail(
            node,
            why,
            path,
            "write plain values only: numbers, true/false, text, lists and mappings",
        )

    def scalar(self, node: ScalarNode, path: PathKey) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self.refuse_tag(node, path)
        try:
            return nfc(self.scalars.construct_object(node, deep=True))
        except (yaml.YAMLError, ValueError, TypeError) as exc:
            self.fail(node, f"cannot read the value {node.value!r}: {exc}", path)

    def key(self, node: Node, path: PathKey) -> Any:
        if not isinstance(node, ScalarNode):
            self.fail(
                node,
                "a key must be a plain name, not a list or mapping",
                path,
                "check the indentation and the ':' on this line",
            )
        key = self.scalar(node, path)
        if isinstance(key, bool):
            return key  # reported (with a quoting hint) when the key is validated
        try:
            hash(key)
        except TypeError:  # pragma: no cover - scalars are hashable
            self.fail(node, "this key cannot be used as a name", path)
        return key

    def mapping(self, node: MappingNode, path: PathKey, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        merged: list[tuple[dict[Any, Any], dict[PathKey, Origin]]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged.append(self.merge_sources(value_node, path, depth))
                continue
            key = self.key(key_node, path)
            line = key_node.start_mark.line + 1
            if key in first_line:
                self.fail(
                    key_node,
                    f"duplicate key {key!r}: it is also given on line {first_line[key]}",
                    (*path, key),
                    "YAML would silently keep only the last one; remove or rename one of them",
                )
            first_line[key] = line
            self.mark((*path, key), key_node, value_node)
            out[key] = self.build(value_node, (*path, key), depth + 1)
        for values, marks in reversed(merged):  # earlier merge sources take precedence
            for k, v in values.items():
                if k not in first_line:
                    out.setdefault(k, v)
            for p, o in marks.items():
                if p[len(path)] not in first_line:
                    self.marks.setdefault(p, o)
        return out

    def merge_sources(
        self, node: Node, path: PathKey, depth: int
    ) -> tuple[dict[Any, Any], dict[PathKey, Origin]]:
        """Values of a YAML merge key (``<<: *anchor``) and the marks they bring."""
        sources = node.value if isinstance(node, SequenceNode) else [node]
        values: dict[Any, Any] = {}
        saved = self.marks
        self.marks = {}
        try:
            for src in sources:
                if not isinstance(src, MappingNode):
                    self.fail(src, "`<<:` must refer to a mapping (an anchored section)", path)
                for k, v in self.mapping(src, path, depth + 1).items():
                    values.setdefault(k, v)
            return values, self.marks
        finally:
            self.marks = saved


_TAB_RE = re.compile(r"\t")


def _syntax_problem(file: str, text: str, exc: yaml.YAMLError) -> Problem:
    """A YAML syntax error as one problem a manager can act on."""
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = str(getattr(exc, "problem", None) or exc)
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    hint = None
    lines = text.splitlines()
    bad_line = lines[line - 1] if line is not None and 0 < line <= len(lines) else ""
    if "\t" in problem or (line is not None and _TAB_RE.search(bad_line)):
        first_tab = next((i + 1 for i, ln in enumerate(lines) if "\t" in ln), line)
        return Problem(
            "",
            "the file contains a tab character; YAML indentation must use spaces",
            line=first_tab,
            file=file,
            hint="replace each tab with spaces (most editors: 'convert indentation to spaces')",
        )
    if "mapping values are not allowed" in problem:
        hint = (
            "usually a missing space after ':' on the line before, wrong indentation, or a "
            "text value containing ': ' that needs quotes"
        )
    elif "could not find expected ':'" in problem:
        long_key = _long_key(file, lines, line)
        if long_key is not None:
            return long_key
        hint = "a key on this line or the one before lacks its ':' (or a quote is not closed)"
    elif "found undefined alias" in problem:
        hint = "an alias (*name) refers to an anchor (&name) that is not defined above it"
    elif "expected a single document" in f"{problem} {context}":
        problem = "the file holds more than one YAML document (a line with ---)"
        context = None
        hint = "a scenario is one document; split it into two files"
    elif "did not find expected key" in problem or "expected <block end>" in problem:
        hint = "check the indentation: keys of one section must line up exactly"
    message = f"not valid YAML: {problem}"
    if context and context_mark is not None and context_mark.line + 1 != line:
        message += f" ({context} on line {context_mark.line + 1})"
    return Problem("", message, line=line, file=file, hint=hint)


KEY_MAX: Final = 1024
"""Longest key YAML reads (PyYAML's limit for a plain key on one line, in characters)."""


def _long_key(file: str, lines: list[str], line: int | None) -> Problem | None:
    """A key longer than YAML reads, on the reported line or the one before.

    Why: YAML gives up on such a key with "could not find expected ':'", though the ':'
    is there; a key that long is a paste gone wrong, and the message should say so.
    """
    if line is None:
        return None
    for number in (line, line - 1):
        text = lines[number - 1] if 0 < number <= len(lines) else ""
        key = text.split(":", 1)[0].strip().lstrip("-{, ").strip()
        if ":" in text and len(key) > KEY_MAX:
            return Problem(
                "",
                f"a key of {len(key):,} characters is too long (YAML reads keys of at "
                f"most {KEY_MAX:,} characters)",
                line=number,
                file=file,
                given=key[:40] + "...",
                hint="field names are short words such as caseload: — check what was "
                "pasted on this line",
            )
    return None


def _compose(text: str, file: str) -> Node | None:
    """The YAML node tree of one document (``None`` when empty); syntax errors explained."""
    try:
        loader = ScenarioYamlLoader(text)  # the reader already rejects control characters
    except yaml.YAMLError as exc:
        raise ScenarioError.from_messages(file, [_reader_problem(file, text, exc)]) from None
    try:
        return loader.get_single_node()
    except DepthError as exc:
        raise ScenarioError.from_messages(file, [depth_problem(file, exc.line)]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError.from_messages(file, [_syntax_problem(file, text, exc)]) from None
    finally:
        loader.dispose()


def _reader_problem(file: str, text: str, exc: yaml.YAMLError) -> Problem:
    position = getattr(exc, "position", None)
    line = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
    char = getattr(exc, "character", None)
    what = f" (character code {char:#x})" if isinstance(char, int) else ""
    return Problem(
        "",
        f"the file contains a control character that YAML does not allow{what}",
        line=line,
        file=file,
        hint="retype the line in a plain text editor; copy-paste from other programs "
        "sometimes brings invisible characters",
    )


def read_document(path: Path, display: str | None = None) -> RawScenario:
    """Read one YAML file into a :class:`RawScenario` (no ``extends`` handling here).

    Raises:
        ScenarioError: the file is missing, not a regular file, larger than 1 MiB,
            unreadable, empty, nested too deep, not valid or not safe YAML, or its top
            level is not a mapping of sections.
    """
    file = display or str(path)
    data = read_bounded(path, file)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScenarioError.from_messages(
            file,
            [
                Problem(
                    "",
                    "the file is not UTF-8 text",
                    line=data[: exc.start].count(b"\n") + 1,
                    file=file,
                    hint="save it as UTF-8 (æ, ø and å are fine in UTF-8)",
                )
            ],
        ) from None
    node = _compose(text, file)
    if node is None:
        raise ScenarioError.from_messages(
            file,
            [
                Problem(
                    "",
                    "the file is empty",
                    line=1,
                    file=file,
                    hint="a scenario needs at least `name:` and `arms:`, or `extends: "
                    "other.yaml` plus what it changes (see docs/scenarios.md)",
                )
            ],
        )
    builder = _Builder(file)
    if not isinstance(node, MappingNode) or node.tag != _MAP_TAG:
        kind = {SequenceNode: "a list", ScalarNode: "a single value"}.get(type(node), "")
        if isinstance(node, ScalarNode | SequenceNode) and node.tag not in (
            *_SCALAR_TAGS,
            _SEQ_TAG,
        ):
            builder.refuse_tag(node, ())
        raise ScenarioError.from_messages(
            file,
            [
                Problem(
                    "",
                    f"the top level must be a mapping of sections (name:, arms:, ...), "
                    f"but the file holds {kind or 'something else'}",
                    line=node.start_mark.line + 1,
                    file=file,
                    hint="start the file with `name: my_scenario` at the left margin, "
                    "not with '- '",
                )
            ],
        )
    data = builder.build(node, ())
    builder.marks[()] = Origin(file, 1, ())
    bad_keys = [k for k in data if not isinstance(k, str)]
    if bad_keys:
        key = bad_keys[0]
        origin = builder.marks.get((key,))
        typed = origin.key if origin is not None and origin.key is not None else str(key)
        is_bool = isinstance(key, bool)
        raise ScenarioError.from_messages(
            file,
            [
                Problem(
                    typed,
                    "this section name was read by YAML as true/false"
                    if is_bool
                    else "a section name must be text",
                    line=origin.line if origin else None,
                    file=file,
                    given=typed,
                    allowed="section names: " + ", ".join(_section_names()),
                    hint=quote_hint(typed) if is_bool else None,
                )
            ],
        )
    return RawScenario(data, builder.marks, (file,))


def _section_names() -> list[str]:
    from jobfirst_sim.scenario.schema import Scenario

    return [*Scenario.model_fields, "extends", "design", "organisation", "practice"]


def quote_hint(text: str | None) -> str:
    """The hint given when YAML turned a word into true/false."""
    word = text or "no"
    return (
        f'put it in quotes: "{word}" (unquoted yes/no/on/off/true/false are read as '
        "true/false by YAML)"
    )


def parse_yaml_text(text: str, file: str) -> tuple[Any, dict[PathKey, Origin]]:
    """Parse a YAML snippet (a ``--set`` value, a preset file) with the same safety rules."""
    node = _compose(text, file)
    if node is None:
        return None, {}
    builder = _Builder(file)
    return builder.build(node, ()), builder.marks
