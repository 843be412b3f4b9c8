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

The schema is in :mod:`.spec`; this module reads a file, checks its size
(:mod:`.limits`), expands its design (:mod:`.samplers`) and builds every point.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from jobfirst_sim.run.errors import ExperimentError, Problem
from jobfirst_sim.run.manifest import config_hash as scenario_hash
from jobfirst_sim.run.sweep.limits import size_problem
from jobfirst_sim.run.sweep.spec import (
    DesignSpec,
    Experiment,
    Outcome,
    Parameter,
    Range,
    Scalar,
    canonical,
)
from jobfirst_sim.scenario.ensemble import Ensemble
from jobfirst_sim.scenario.errors import ScenarioError, format_validation_error
from jobfirst_sim.scenario.loader import apply_overrides, build_scenario, load_raw
from jobfirst_sim.scenario.schema import Scenario


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
    members: Ensemble | None = None
    """``--uncertainty parameters``: every point runs under each member (:meth:`slot`)."""

    @property
    def runs_per_point(self) -> int:
        """Run slots per design point: replications, times the members under an ensemble."""
        k = 1 if self.members is None else len(self.members)
        return self.experiment.replications * k

    def slot(self, point: int, replication: int) -> tuple[Scenario, int, int | None]:
        """What run slot ``replication`` of ``point`` runs: its scenario, the replication
        whose random numbers it uses, and its member (None without an ensemble).

        Member-minor: slot ``j`` is member ``j % K`` with replication ``j // K``'s random
        numbers, so every member meets the same draws in the same replication (as on the
        study spine) and adding replications on ``--resume`` only adds slots.
        """
        scenario = self.points[point].scenario
        if self.members is None:
            return scenario, replication, None
        k = len(self.members)
        member = replication % k
        return self.members.members[member].apply(scenario), replication // k, member

    def experiment_doc(self) -> dict[str, Any]:
        """The experiment as hashed: with the root seed used, without ``replications``
        (adding some is a resume), ``description`` (words) and ``scenario`` (the path of
        the file: its resolved content is hashed instead, so the files may move)."""
        exp = self.experiment.model_dump(mode="json",
                                         exclude={"replications", "description", "scenario"})
        exp["seed"] = self.root_seed
        if self.members is not None:  # other members are another sweep, not a resume
            exp["members"] = [{"member": m.index, "weight": m.weight, "values": m.values}
                              for m in self.members.members]
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
        return hashlib.sha256(canonical(doc).encode()).hexdigest()


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
    from jobfirst_sim.run.sweep.samplers import generate_design  # scipy: only for sweeps

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
