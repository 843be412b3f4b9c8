"""The calibrated ensemble: the parameter sets the trial cannot rule out, shipped as data.

Why an ensemble and not one point: history matching (``jobfirst calibrate``,
docs/model.md §11) leaves every set of the calibrated behaviour parameters that the
trial's figures, their published uncertainty and a stated model discrepancy cannot rule
out. An answer that runs only the shipped defaults carries simulation noise alone; one
that runs the members carries what the trial leaves open as well (``--uncertainty
parameters``).

``ensemble.csv`` (next to this module) has one row per member: ``member`` (its number),
``weight`` (the members' weights sum to 1), ``seed`` (the seed of the simulator run that
confirmed it), every calibrated parameter under its dotted path
(``behaviour.conversion.rate``), and the confirming run's outputs (``T1:treatment:...``),
which the docs' ensemble tables read.

Why a member replaces only ``behaviour``: the calibration varies behaviour parameters
alone; a scenario's designs, staffing and economics are the user's question, not the
trial's. A member's values are validated as the ``behaviour`` section is, so a member
that left its field's bounds fails loudly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jobfirst_sim.scenario.behaviour import Behaviour
from jobfirst_sim.scenario.schema import Scenario

FILE = "ensemble.csv"
"""The shipped ensemble, package data of :mod:`jobfirst_sim.scenario.data`."""

PARAMETER_PREFIX = "behaviour."


@dataclass(frozen=True)
class Member:
    """One parameter set of the ensemble: its number, weight and values by dotted path."""

    index: int
    weight: float
    values: tuple[tuple[str, float], ...]

    def apply(self, scenario: Scenario) -> Scenario:
        """The scenario with this member's behaviour parameters (all else unchanged)."""
        raw = scenario.behaviour.model_dump()
        for path, value in self.values:
            _set(raw, path.removeprefix(PARAMETER_PREFIX).split("."), value)
        return scenario.model_copy(update={"behaviour": Behaviour.model_validate(raw)})

    def value(self, path: str) -> float:
        return dict(self.values)[path]


@dataclass(frozen=True)
class Ensemble:
    """Members in their draw order (uniform draws from what the trial does not rule out,
    so the first ``k`` are themselves a uniform sample of it)."""

    members: tuple[Member, ...]

    def __post_init__(self) -> None:
        if not self.members:
            raise ValueError("an ensemble needs at least one member")
        total = sum(m.weight for m in self.members)
        if abs(total - 1.0) > 1e-6 or any(m.weight < 0 for m in self.members):
            raise ValueError(f"ensemble weights must be >= 0 and sum to 1, got {total}")

    def __len__(self) -> int:
        return len(self.members)

    @property
    def parameters(self) -> list[str]:
        return [p for p, _ in self.members[0].values]

    def first(self, k: int) -> Ensemble:
        """The first ``k`` members, reweighted to sum to 1: the documented subset rule."""
        if k < 1:
            raise ValueError(f"need at least one member, got {k}")
        chosen = self.members[:k]
        total = sum(m.weight for m in chosen)
        return Ensemble(tuple(Member(m.index, m.weight / total, m.values) for m in chosen))

    @classmethod
    def from_records(cls, rows: Sequence[Mapping[str, Any]]) -> Ensemble:
        """From rows with ``member``, ``weight`` and ``behaviour.*`` columns."""
        members = []
        for i, row in enumerate(rows):
            values = tuple((k, float(v)) for k, v in row.items()
                           if k.startswith(PARAMETER_PREFIX))
            members.append(Member(int(row.get("member", i)), float(row["weight"]), values))
        return cls(tuple(members))


def defaults_only() -> Ensemble:
    """A one-member ensemble that changes nothing: each scenario's own behaviour, the
    noise-only answer."""
    return Ensemble((Member(0, 1.0, ()),))


@cache
def shipped_ensemble() -> Ensemble:
    """The ensemble shipped with the package (read once per process)."""
    import csv
    import io

    text = resources.files("jobfirst_sim.scenario.data").joinpath(FILE).read_text("utf-8")
    return Ensemble.from_records(list(csv.DictReader(io.StringIO(text))))


def _set(raw: dict[str, Any], parts: list[str], value: float) -> None:
    node = raw
    for part in parts[:-1]:
        if not isinstance(node.get(part), dict):
            raise KeyError(f"{PARAMETER_PREFIX}{'.'.join(parts)}: no such behaviour field")
        node = node[part]
    if parts[-1] not in node:
        raise KeyError(f"{PARAMETER_PREFIX}{'.'.join(parts)}: no such behaviour field")
    node[parts[-1]] = value
