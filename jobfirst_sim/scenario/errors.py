"""Friendly scenario errors: file, dotted field path, value given, what is allowed.

Why: the people who write scenarios are jobcentre managers, not programmers. A pydantic
traceback is useless to them; one line per problem that names where and what to write
instead is not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError


@dataclass(frozen=True)
class Problem:
    """One problem in a scenario file."""

    path: str
    message: str
    value: object = None
    line: int | None = None

    def render(self, source: str) -> str:
        where = source if self.line is None else f"{source}:{self.line}"
        field_txt = f" {self.path}:" if self.path else ""
        value_txt = "" if self.value is None else f" (got {self.value!r})"
        return f"{where}:{field_txt} {self.message}{value_txt}"


@dataclass
class ScenarioError(Exception):
    """A scenario that cannot be used; ``str()`` is the message shown to the user."""

    source: str
    path: str = ""
    message: str = ""
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.problems and self.message:
            self.problems = [Problem(self.path, self.message)]
        super().__init__(str(self))

    @classmethod
    def from_messages(cls, source: str, problems: list[Problem]) -> ScenarioError:
        return cls(source=source, problems=problems)

    def __str__(self) -> str:
        return "\n".join(p.render(self.source) for p in self.problems)


def format_validation_error(exc: ValidationError) -> list[Problem]:
    """Turn a pydantic ValidationError into problems with dotted paths."""
    problems = []
    for err in exc.errors():
        path = ".".join(str(p) for p in err["loc"])
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown field (not part of the scenario language)"
        problems.append(Problem(path, msg, err.get("input") if err["type"] != "missing" else None))
    return problems
