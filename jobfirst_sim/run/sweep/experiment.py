"""The experiment language: what a sweep varies, holds fixed and measures.

Vocabulary (from the EMA Workbench, see docs/sweeps.md):

* **levers** — organisational choices the jobcentre makes (caseload, role model, ...);
* **uncertainties** — what the world does (labour demand, population profile, ...);
* **constants** — scenario fields set to one value in every run of the sweep;
* **outcomes** — metrics of the ``outcomes`` table, each with an arm/benefit filter
  and a direction (``maximize`` / ``minimize`` / ``info``);
* **replications** — runs per design point; replication ``r`` of every design point uses
  the same random streams (common random numbers), so differences are paired.

Why its own pydantic schema (frozen, ``extra="forbid"``): an experiment is a file people
write by hand and run for hours; a typo must fail before the first run, not after the
last. Every design point is also built into a full :class:`Scenario` up front
(:func:`load_experiment`), so a lever value the scenario language rejects fails at once
with the point and the values that caused it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, ValidationError, model_validator

from jobfirst_sim.run.errors import ExperimentError, Problem
from jobfirst_sim.run.manifest import config_hash as scenario_hash
from jobfirst_sim.run.sweep.limits import MAX_DESIGN_POINTS, size_problem
from jobfirst_sim.scenario.base import Frozen
from jobfirst_sim.scenario.errors import ScenarioError, format_validation_error
from jobfirst_sim.scenario.loader import apply_overrides, build_scenario, load_raw
from jobfirst_sim.scenario.schema import Scenario

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
        if self.values is not None and len(set(map(_canonical, self.values))) != len(self.values):
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


@dataclass(frozen=True)
class DesignPoint:
    """One design point: parameter values and the scenario it resolves to."""

    id: int
    values: dict[str, Scalar]
    overrides: dict[str, Any]
    scenario: Scenario


@dataclass(frozen=True)
class LoadedExperiment:
    """An experiment with its design points resolved and validated.

    ``base_scenario`` is the base scenario with the constants applied, resolved with every
    default (JSON form); when the base alone is not a valid scenario (a lever supplies a
    required value) it is design point 0's resolved scenario.
    """

    experiment: Experiment
    source: Path
    scenario_path: Path
    base_raw: dict[str, Any]
    points: tuple[DesignPoint, ...]
    unit_samples: Any  # numpy array (points x parameters) for sensitivity analysis, or None
    root_seed: int | None
    base_scenario: dict[str, Any] = field(default_factory=dict)

    def experiment_doc(self) -> dict[str, Any]:
        """The experiment as hashed: with the root seed used, without ``replications``
        (adding some is a resume), ``description`` (words) and ``scenario`` (the path of
        the file: its resolved content is hashed instead, so the files may move)."""
        exp = self.experiment.model_dump(mode="json",
                                         exclude={"replications", "description", "scenario"})
        exp["seed"] = self.root_seed
        return exp

    @functools.cached_property
    def point_hashes(self) -> list[str]:
        """SHA-256 of each design point's fully resolved scenario (every default included)."""
        return [scenario_hash(p.scenario) for p in self.points]

    @property
    def config_hash(self) -> str:
        """SHA-256 of everything that determines the results, except ``replications``.

        Covers the experiment, the resolved base scenario and each design point's resolved
        scenario -- not the YAML as written -- so a changed default (a calibrated rate in
        the schema) is a different configuration although no file changed.
        Why replications are left out: adding replications 21-40 to a finished sweep
        must be a resume of the same sweep, not a new one.
        """
        doc = {"experiment": self.experiment_doc(), "scenario": self.base_scenario,
               "points": self.point_hashes}
        return hashlib.sha256(_canonical(doc).encode()).hexdigest()


def _canonical(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def parse_experiment(raw: dict[str, Any], source: str) -> Experiment:
    """Validate a raw experiment document; raise :class:`ExperimentError` with dotted paths."""
    try:
        exp = Experiment.model_validate(raw)
    except ValidationError as exc:
        problems = [_friendlier(p) for p in format_validation_error(exc)]
        raise ExperimentError.from_messages(source, problems) from None
    too_big = size_problem(exp)
    if too_big is not None:
        raise ExperimentError.from_messages(source, [too_big])
    return exp


def _friendlier(p: Problem) -> Problem:
    """Add the allowed keys to "unknown field" and drop pydantic's "Value error, " prefix."""
    message = p.message.removeprefix("Value error, ")
    if message.startswith("unknown field"):
        message = f"unknown field; allowed here: {_allowed_here(p.path)}"
    return Problem(p.path, message, p.value, p.line)


def _allowed_here(path: str) -> str:
    # Parameter names contain dots, so look at the first and second-last parts only.
    parts = path.split(".")
    model: type[BaseModel] = Experiment
    if parts[0] in ("levers", "uncertainties"):
        model = Range if len(parts) > 2 and parts[-2] == "range" else Parameter
    elif parts[0] == "outcomes" and len(parts) > 1:
        model = Outcome
    elif parts[0] == "design" and len(parts) > 1:
        model = DesignSpec
    return ", ".join(model.model_fields)


def load_experiment(path: str | Path) -> LoadedExperiment:
    """Read, validate and expand an experiment file into validated design points.

    Raises :class:`ExperimentError` (a :class:`ScenarioError`) for anything a user can fix.
    """
    from jobfirst_sim.run.sweep.samplers import generate_design

    path = Path(path)
    source = str(path)
    raw = load_raw(path)
    exp = parse_experiment(raw, source)
    scenario_path = (path.parent / exp.scenario).resolve()
    try:
        base_raw = load_raw(scenario_path)
    except ScenarioError as exc:
        raise ExperimentError(source, "scenario", f"cannot load scenario: {exc}") from None
    with_constants = _apply(base_raw, exp.constants, source, "constants")
    run_section = with_constants.get("run")
    scenario_seed = run_section.get("seed") if isinstance(run_section, dict) else None
    if not isinstance(scenario_seed, int) or isinstance(scenario_seed, bool):
        scenario_seed = None  # an invalid seed is reported when the points are built
    root_seed = exp.seed if exp.seed is not None else scenario_seed
    design_seed = exp.design.seed if exp.design.seed is not None else root_seed
    if design_seed is None and exp.design.type in ("latin_hypercube", "sobol", "morris"):
        raise ExperimentError(
            source, "seed", "a sampled design needs a seed (experiment seed: or design.seed:)"
        )
    value_rows, unit = generate_design(exp, design_seed or 0)
    points = []
    for i, values in enumerate(value_rows):
        overrides: dict[str, Any] = {}
        for name, p in exp.parameters.items():
            overrides.update(p.overrides(name, values[name]))
        doc = _apply(with_constants, overrides, source, f"design point {i}")
        try:
            scen = build_scenario(doc, str(scenario_path))
        except ScenarioError as exc:
            raise ExperimentError(
                source, f"design point {i} {values}", f"gives an invalid scenario:\n{exc}"
            ) from None
        points.append(DesignPoint(i, dict(values), overrides, scen))
    _check_outcomes(exp, points[0].scenario, source)
    try:
        base = build_scenario(with_constants, str(scenario_path))
    except ScenarioError:
        base = points[0].scenario
    return LoadedExperiment(
        experiment=exp,
        source=path,
        scenario_path=scenario_path,
        base_raw=with_constants,
        points=tuple(points),
        unit_samples=unit,
        root_seed=root_seed,
        base_scenario=base.model_dump(mode="json"),
    )


def _apply(
    raw: dict[str, Any], overrides: dict[str, Any], source: str, where: str
) -> dict[str, Any]:
    # Values from YAML are already typed; apply_overrides parses *strings* as YAML, which
    # would turn a category label "no" into False. Quote strings so they stay strings.
    typed = {k: (json.dumps(v) if isinstance(v, str) else v) for k, v in overrides.items()}
    try:
        return apply_overrides(raw, typed)
    except ScenarioError as exc:
        raise ExperimentError(
            source, where, f"cannot set {exc.problems[0].path}: {exc.problems[0].message}"
        ) from None


def _check_outcomes(exp: Experiment, base: Scenario, source: str) -> None:
    arms = [a.name for a in base.arms]
    munis = ["all", *(m.name for m in base.municipalities)]
    benefits = ["all", "kontanthjaelp", "ressourceforloeb"]
    problems = []
    for name, o in exp.outcomes.items():
        for key, value, allowed in (
            ("arm", o.arm, arms),
            ("minus_arm", o.minus_arm, [*arms, None]),
            ("benefit", o.benefit, benefits),
            ("municipality", o.municipality, munis),
        ):
            if value not in allowed:
                problems.append(
                    Problem(
                        f"outcomes.{name}.{key}",
                        f"not in the scenario; allowed: {[a for a in allowed if a is not None]}",
                        value,
                    )
                )
    if problems:
        raise ExperimentError.from_messages(source, problems)
