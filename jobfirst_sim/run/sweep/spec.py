"""The experiment file's schema: levers, uncertainties, constants, outcomes and the design.

Why apart from the loader (:mod:`.experiment`): the size limits (:mod:`.limits`) and the
samplers (:mod:`.samplers`) read the parsed experiment, and the loader uses both; with the
schema in its own module each of them imports it and none imports the loader back.
See :mod:`.experiment` for the vocabulary.
"""

from __future__ import annotations

import json
import math
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from jobfirst_sim.scenario.base import Frozen

MAX_DESIGN_POINTS = 20_000
"""Most design points an experiment may have. Why: every point is built and validated into
a full scenario before anything runs (about 1 ms and tens of kB each), and the manifest
lists every point, so 20,000 points take ~25 s to check; a design of a million points
would use minutes and gigabytes before the first run. Sobol indices of 8 parameters with
n = 1,024 (10,240 points) fit. Checked in :mod:`.limits`."""
MAX_RUNS = 1_000_000
"""Most runs (design points x replications) of one sweep: the manifest lists every run key
and resuming lists every run file; a million runs take days on a 64-core machine."""

def canonical(obj: Any) -> str:
    """One JSON text per value (sorted keys, no spaces): for equality and hashing."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


Direction = Literal["maximize", "minimize", "info"]
DesignType = Literal["full_factorial", "list", "latin_hypercube", "sobol", "morris"]
Scalar = str | int | float | bool | None

ParamName = Annotated[str, Field(min_length=1, max_length=120, pattern=r"^[A-Za-z0-9_.\-æøåÆØÅ]+$")]


class Range(Frozen):
    """A continuous interval ``[low, high]`` (sampled by Latin hypercube, Sobol, Morris)."""

    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if not self.low < self.high:
            raise ValueError(f"low must be below high, got low={self.low}, high={self.high}")
        return self


class Parameter(Frozen):
    """One lever or uncertainty: the scenario field(s) it sets and the values it takes.

    Exactly one of ``values`` (a list), ``range`` (an interval) or ``categories``
    (named bundles of scenario settings) is given. ``path`` is the dotted scenario path
    (``organisation.caseload``, ``arms.jobfirst.practice.cv_at_start``); it defaults to the
    parameter's name, so ``organisation.caseload: {values: [30, 41]}`` needs no ``path``.
    """

    path: str | None = Field(default=None, description="Dotted scenario path; default: name.")
    values: tuple[Scalar, ...] | None = Field(default=None, min_length=1)
    range: Range | None = None
    integer: bool = Field(default=False, description="Round sampled range values to integers.")
    levels: Annotated[int, Field(ge=2, le=1000)] | None = Field(
        default=None, description="Full factorial only: evenly spaced levels of a range."
    )
    categories: dict[str, dict[str, Any]] | None = Field(
        default=None,
        min_length=1,
        description="Named bundles: label -> {dotted.path: value, ...} set together.",
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Parameter:
        given = [k for k in ("values", "range", "categories") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of values: [..], range: {low, high} or categories: {..}"
                + (f" (got {', '.join(given)})" if given else "")
            )
        if self.levels is not None and self.range is None:
            raise ValueError("levels only applies to a range")
        if self.integer and self.range is None:
            raise ValueError("integer only applies to a range")
        if self.categories is not None and self.path is not None:
            raise ValueError("categories set their own paths; drop path")
        if self.values is not None and len(set(map(canonical, self.values))) != len(self.values):
            raise ValueError(f"values must be distinct, got {list(self.values)}")
        return self

    @property
    def discrete(self) -> bool:
        """True if the parameter has a finite list of levels (usable in a full factorial)."""
        return self.range is None or self.levels is not None

    def level_list(self) -> list[Scalar]:
        """The levels of a discrete parameter, in declaration order."""
        if self.values is not None:
            return list(self.values)
        if self.categories is not None:
            return list(self.categories)
        assert self.range is not None and self.levels is not None
        return [
            self._snap(self.range.low + (self.range.high - self.range.low) * i / (self.levels - 1))
            for i in range(self.levels)
        ]

    def from_unit(self, u: float) -> Scalar:
        """Map a point of the unit interval to a value (how samplers use this parameter).

        Ranges map linearly; lists and categories split [0, 1) into equal bins. The map
        is monotone, so sensitivity indices computed on the unit cube describe the
        parameter itself.
        """
        if self.range is not None:
            return self._snap(self.range.low + (self.range.high - self.range.low) * u)
        levels = self.level_list()
        return levels[min(int(u * len(levels)), len(levels) - 1)]

    def _snap(self, x: float) -> float | int:
        return round(x) if self.integer else float(x)

    def overrides(self, name: str, value: Scalar) -> dict[str, Any]:
        """Scenario overrides (dotted path → value) that set this parameter to ``value``."""
        if self.categories is not None:
            return dict(self.categories[str(value)])
        return {self.path or name: value}


class Outcome(Frozen):
    """A measured outcome: one metric of the ``outcomes`` table, filtered to one cell.

    ``minus_arm`` turns it into a paired effect: the metric in ``arm`` minus the same
    metric in ``minus_arm`` *within the same run* (e.g. JobFirst minus control).
    """

    metric: str = Field(min_length=1, description="Metric name of outcomes.parquet.")
    arm: str = Field(min_length=1, description="Arm name of the scenario.")
    benefit: str = Field(default="all", description="Benefit group or 'all'.")
    municipality: str = Field(default="all", description="Municipality name or 'all'.")
    minus_arm: str | None = Field(default=None, description="Subtract this arm (paired).")
    direction: Direction = "info"


class DesignSpec(Frozen):
    """How design points are generated from the levers and uncertainties."""

    type: DesignType
    n: Annotated[int, Field(ge=1)] | None = Field(
        default=None,
        description="latin_hypercube: points; sobol: base samples (power of 2); "
        f"morris: trajectories. The design may have at most {MAX_DESIGN_POINTS:,} points.",
    )
    points: tuple[dict[str, Scalar], ...] | None = Field(
        default=None, description="list: the design points, parameter name -> value."
    )
    sensitivity: bool = Field(
        default=False,
        description="sobol: use the Saltelli layout and compute Sobol indices (S1, ST).",
    )
    morris_levels: Annotated[int, Field(ge=2, le=20)] = 4
    seed: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="Sampler seed; default: the experiment seed."
    )

    @model_validator(mode="after")
    def _fields_for_type(self) -> DesignSpec:
        needs_n = self.type in ("latin_hypercube", "sobol", "morris")
        if needs_n and self.n is None:
            raise ValueError(f"design type {self.type} needs n")
        if not needs_n and self.n is not None:
            raise ValueError(f"n does not apply to design type {self.type}")
        if (self.type == "list") != (self.points is not None):
            raise ValueError("points: [...] is given with, and only with, type: list")
        if self.type == "list" and not self.points:
            raise ValueError("a list design needs at least one point")
        if self.sensitivity and self.type != "sobol":
            raise ValueError("sensitivity: true applies to type: sobol (morris always screens)")
        if self.type == "sobol" and self.n is not None and self.n & (self.n - 1):
            raise ValueError(f"sobol n must be a power of 2 (got {self.n}; try {_pow2(self.n)})")
        return self


def _pow2(n: int) -> int:
    return 1 << max(0, math.ceil(math.log2(max(n, 1))))


class Experiment(Frozen):
    """A sweep over a scenario: the contents of one ``experiments/*.yaml`` file."""

    name: Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.\-]+$")]
    description: str = ""
    scenario: str = Field(description="Scenario file, relative to the experiment file.")
    levers: dict[ParamName, Parameter] = Field(default_factory=dict)
    uncertainties: dict[ParamName, Parameter] = Field(default_factory=dict)
    constants: dict[str, Any] = Field(
        default_factory=dict, description="Dotted scenario path -> value, in every run."
    )
    outcomes: dict[ParamName, Outcome] = Field(min_length=1)
    replications: Annotated[int, Field(ge=1, le=100_000)]
    seed: Annotated[int, Field(ge=0, le=2**63 - 1)] | None = Field(
        default=None, description="Root seed; default: the scenario's run.seed, else drawn."
    )
    design: DesignSpec

    @model_validator(mode="after")
    def _cross_checks(self) -> Experiment:
        both = set(self.levers) & set(self.uncertainties)
        if both:
            raise ValueError(f"{sorted(both)} declared both as lever and as uncertainty")
        params = self.parameters
        if not params:
            raise ValueError("declare at least one lever or uncertainty")
        if self.design.type == "full_factorial":
            cont = [n for n, p in params.items() if not p.discrete]
            if cont:
                raise ValueError(
                    f"full_factorial needs discrete parameters; {cont} are ranges "
                    "(give them levels: k, or use latin_hypercube / sobol)"
                )
        if self.design.type == "list":
            assert self.design.points is not None
            for i, point in enumerate(self.design.points):
                missing = sorted(set(params) - set(point))
                unknown = sorted(set(point) - set(params))
                if missing or unknown:
                    raise ValueError(
                        f"design.points.{i}: "
                        + (f"missing {missing} " if missing else "")
                        + (f"unknown {unknown} (declared: {sorted(params)})" if unknown else "")
                    )
        seen: dict[str, str] = dict.fromkeys(self.constants, "constants")
        for name, p in params.items():
            paths = (
                {k for bundle in p.categories.values() for k in bundle}
                if p.categories is not None
                else {p.path or name}
            )
            for path in paths:
                if path in seen:
                    raise ValueError(f"{name}: scenario path {path!r} is also set by {seen[path]}")
                seen[path] = name
        return self

    @property
    def parameters(self) -> dict[str, Parameter]:
        """Levers then uncertainties, in declaration order (the experiments-table columns)."""
        return {**self.levers, **self.uncertainties}

    @property
    def sensitivity_method(self) -> Literal["sobol", "morris"] | None:
        """Which global sensitivity analysis the design supports, if any."""
        if self.design.type == "morris":
            return "morris"
        if self.design.type == "sobol" and self.design.sensitivity:
            return "sobol"
        return None
