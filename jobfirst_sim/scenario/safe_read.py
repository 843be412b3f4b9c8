"""Bounded, predictable reading of scenario YAML: size, file kind, depth and number forms.

Why a module of its own: a scenario file is user input, and PyYAML's defaults trust it
too much. ``validate /dev/zero`` read without end (MemoryError), a named pipe made the
command hang, a file nested 5,000 levels deep crashed PyYAML's recursive composer
(RecursionError), and YAML 1.1 reads ``1:30`` as the base-60 number 90 and ``012`` as the
octal number 10 — a silently wrong caseload or seed. Everything here refuses such input
up front with a message naming the file, or reads the text as a manager would.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import Node

from jobfirst_sim.scenario.bounds import MAX_DEPTH, MAX_FILE_BYTES
from jobfirst_sim.scenario.errors import Problem, ScenarioError

_TAG = "tag:yaml.org,2002:"
_INT = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+)$""",
    re.X,
)
"""YAML 1.1 integers without the base-60 (``1:30``) and leading-zero octal (``012``) forms:
those are left as text, which a number field then reads as decimal or refuses."""
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
"""YAML 1.1 floats without the base-60 form (``1:30.5``); ``.inf``/``.nan`` stay numbers so
the schema can refuse them as not finite, with the field's range."""


class DepthError(Exception):
    """Raised by the composer when sections nest deeper than :data:`MAX_DEPTH`."""

    def __init__(self, node_line: int | None) -> None:
        super().__init__("too deep")
        self.line = node_line


class ScenarioYamlLoader(yaml.SafeLoader):
    """PyYAML's safe loader, with decimal-only numbers and a nesting limit.

    The composer is recursive (two Python frames per level); counting levels here stops a
    deeply nested file with a message long before Python's recursion limit.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise DepthError(mark.line + 1 if mark is not None else None)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# A copy without YAML 1.1's int and float forms (the class attribute is shared otherwise).
ScenarioYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_TAG + "int", _TAG + "float")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
ScenarioYamlLoader.add_implicit_resolver(_TAG + "int", _INT, list("-+0123456789"))
ScenarioYamlLoader.add_implicit_resolver(_TAG + "float", _FLOAT, list("-+0123456789."))


def depth_problem(file: str, line: int | None) -> Problem:
    """The message for a file nested deeper than any scenario needs."""
    return Problem(
        "",
        f"the file nests sections more than {MAX_DEPTH} levels deep; no scenario field is "
        "more than 5 levels down",
        line=line,
        file=file,
        hint="check the indentation (and unclosed [ or {) from this line on",
    )


def _refuse(file: str, message: str, hint: str | None = None) -> ScenarioError:
    return ScenarioError.from_messages(file, [Problem("", message, file=file, hint=hint)])


def read_bounded(path: Path, file: str, what: str = "scenario file") -> bytes:
    """The bytes of a regular file of at most :data:`MAX_FILE_BYTES`, or a clear refusal.

    Opened without blocking (a named pipe would otherwise wait for a writer forever) and
    checked on the open handle, so the file checked is the file read; at most one byte
    more than the limit is ever read, whatever the file claims its size to be.

    Raises:
        ScenarioError: missing, a folder, not a regular file, too large or unreadable.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise _refuse(file, "file not found") from None
    except IsADirectoryError:
        raise _refuse(file, f"this is a folder, not a {what}") from None
    except OSError as exc:
        raise _refuse(file, f"cannot read the file: {exc.strerror or exc}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise _refuse(file, f"this is a folder, not a {what}")
        raise _refuse(
                file,
                f"this is not a regular file (a device, pipe or socket), so it cannot be a "
                f"{what}",
            "name a .yaml file saved on disk",
        )
    with os.fdopen(fd, "rb") as handle:
        limit = MAX_FILE_BYTES
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise _refuse(file, f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise _refuse(
            file,
            f"the file is larger than {limit // 1024 // 1024} MiB; a {what} is a few "
            "kilobytes of text",
            "is this the right file? (scenarios are short YAML files)",
        )
    return data
