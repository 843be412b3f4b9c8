"""Friendly scenario errors: file, line, dotted field path, value given, what is allowed.

Why: the people who write scenarios are jobcentre managers, not programmers. A pydantic
traceback is useless to them; a short block per problem that names the file and line,
the field, what they wrote and what to write instead is not. ``str(ScenarioError)`` is
that text, ready to print; the structured :class:`Problem` list is there for tools.

A rendered problem looks like::

    scenarios/my.yaml, line 14: arms.jobfirst.organisation.caseload: must be greater than 0
        you wrote: -5
        allowed: a number greater than 0
        hint: ...
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError


def _short(value: object, limit: int = 70) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class Problem:
    """One problem in a scenario.

    Attributes:
        path: dotted field path as the user would write it (``arms.jobfirst.practice``).
        message: what is wrong, in plain words.
        value: the value given (``None`` when there is none to show).
        line: 1-based line in ``file`` (``None`` when unknown or not from a file).
        file: where the problem is, when it is not the scenario file itself (a file it
            ``extends``, or ``--set ...``); ``None`` means the scenario file.
        given: the value as the user typed it, when known (``no`` rather than ``False``);
            ``""`` to show no value at all.
        allowed: what the field accepts, in words.
        hint: what to do about it.
    """

    path: str
    message: str
    value: object = None
    line: int | None = None
    file: str | None = None
    given: str | None = None
    allowed: str | None = None
    hint: str | None = None

    def where(self, source: str) -> str:
        """``file, line N`` (or just the file) for the first line of the message."""
        file = self.file or source
        return file if self.line is None else f"{file}, line {self.line}"

    def render(self, source: str) -> str:
        """The problem as the text shown to the user (first line, then details)."""
        field_txt = f" {self.path}:" if self.path else ""
        out = [f"{self.where(source)}:{field_txt} {self.message}"]
        if self.given == "":
            pass
        elif self.given is not None:
            out.append(f"    you wrote: {self.given}")
        elif self.value is not None:
            out.append(f"    you wrote: {_short(self.value)}")
        if self.allowed:
            out.append(f"    allowed: {self.allowed}")
        if self.hint:
            out.append(f"    hint: {self.hint}")
        return "\n".join(out)


@dataclass
class ScenarioError(Exception):
    """A scenario that cannot be used; ``str()`` is the message shown to the user.

    Build it either from one ``path`` + ``message`` (as callers outside this package
    do) or from a list of :class:`Problem` with :meth:`from_messages`.
    """

    source: str
    path: str = ""
    message: str = ""
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.problems and self.message:
            self.problems = [Problem(self.path, self.message)]
        super().__init__(str(self))

    def __reduce__(self) -> tuple[Any, ...]:
        # Exceptions pickle through ``args``; keep the problems when sent between processes.
        return (type(self), (self.source, self.path, self.message, list(self.problems)))

    @classmethod
    def from_messages(cls, source: str, problems: list[Problem]) -> ScenarioError:
        """An error holding several problems, all shown to the user at once."""
        return cls(source=source, problems=problems)

    def __str__(self) -> str:
        return "\n".join(p.render(self.source) for p in self.problems)


def format_validation_error(exc: ValidationError) -> list[Problem]:
    """Turn a pydantic ValidationError into problems with dotted paths (no line numbers).

    Kept for callers without a source document; the loader uses
    :func:`jobfirst_sim.scenario.explain.explain_validation_error`, which adds lines,
    allowed values and hints.
    """
    problems = []
    for err in exc.errors():
        path = ".".join(str(p) for p in err["loc"])
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown field (not part of the scenario language)"
        problems.append(Problem(path, msg, err.get("input") if err["type"] != "missing" else None))
    return problems
