"""The trial replica as a history-matching simulator, and the trial's figures as targets.

Why here: :func:`~jobfirst_sim.run.calibrate.engine.history_match` knows nothing of the
model; this module is the one place that says what "the model at parameters x" means
for the calibration (one replication of ``scenarios/jobfirst_trial.yaml`` with the
parameters set in its ``behaviour:`` section) and how sure each published figure is.

**What the figures' variances are** (docs/model.md §11):

* *Sampling error*, from the trial's group sizes (1,847 / 1,880 cash-benefit citizens,
  2,407 JobFirst participants in all): a share ``p`` of ``n`` has variance
  ``p (1 - p) / n``; a mean of weekly hours over all citizens has the variance of a
  two-part distribution (zero for those without hours; among those with hours a mean of
  ``T2 / T1`` hours with a coefficient of variation :data:`HOURS_CV`) over ``n``.
* *Rounding*: a figure published to a step ``d`` carries a uniform error of variance
  ``d^2 / 12``.
* *Model discrepancy*: what the model leaves out (no cohort, business cycle or
  municipality effects beyond the replica's) may put even its best parameters off the
  truth. It is stated, not fitted: a standard deviation of :data:`DISCREPANCY` times the
  figure, the convention of Andrianakis et al. (2015), who set discrepancy as a share of
  each observed value. Without it the history match would claim the model is exact.

**The trial's effects are figures too.** Besides each arm's level, the evaluation
publishes the randomised comparison itself: T1's arms "≈ 8 percentage points apart" and
T2's JobFirst "≈ 67 % more" hours. They are matched as outputs of their own
(``T1:difference:...``, ``T2:ratio:...``), with the same rule for their variances
(sampling error of a difference of two independent groups, or of a ratio by the delta
method; rounding to the published step; a discrepancy of :data:`DISCREPANCY` of the figure).
Why: what a model leaves out of the *levels* (the business cycle, the cohort) is shared by
both arms of a randomised trial and cancels in the effect, so allowing 10 % on each level
would let the effect drift by far more than the trial allows; the effect's own figure holds
it to what the trial measured. Matching is by the largest implausibility over outputs, so
a figure read twice (as levels and as their difference) adds a constraint, not weight.

T4b ("more than a third of completers combined placement with ordinary hours") is a
bound, so it rules out only parameter sets below it. T5 (caseload 41) is an input the
replica's staffing is built to, not an output the behaviour parameters move, so it is
checked by the run summary and not matched.

**Replications per run.** The simulator averages :data:`REPLICATIONS_PER_RUN` replications
(seeds from the run's seed), so one run's noise is smaller than the figures' allowance;
the emulators estimate what noise is left (``noise_var``) and the implausibility counts it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import pandas as pd

from jobfirst_sim.run.calibrate.space import Prior, PriorBox
from jobfirst_sim.run.calibrate.targets import Target
from jobfirst_sim.targets import TARGETS
from jobfirst_sim.targets import Target as Figure

TRIAL_ARMS: Final = {"treatment": "jobfirst", "control": "control"}
"""The trial replica's arm for each role (``Arm.role`` in scenarios/jobfirst_trial.yaml)."""

GROUP_SIZE: Final = {("treatment", "kontanthjaelp"): 1847, ("control", "kontanthjaelp"): 1880,
                     ("treatment", "all"): 2407, ("control", "all"): 2449}
"""Citizens per arm and benefit group in the trial (the evaluation's counts)."""

ROUNDING: Final = {"T1": 0.01, "T2": 0.1, "T3": 0.01, "T4": 0.01, "T4b": 0.01}
"""The step each figure is published to ("≈ 19 %", "≈ 4.6 h")."""

HOURS_CV: Final = 0.5
"""Coefficient of variation of weekly ordinary hours among citizens with hours: a stated
assumption (hours range from a few to full time), used only for T2's sampling error."""

DISCREPANCY: Final = 0.10
"""Model discrepancy as a share of each figure (standard deviation), stated not fitted."""

MATCHED: Final = ("T1", "T2", "T3", "T4", "T4b")
"""The figures matched; T5 is an input (module doc)."""

EFFECTS: Final = {"T1:difference:kontanthjaelp": ("T1", "difference", 0.08, 0.01),
                  "T2:ratio:kontanthjaelp": ("T2", "ratio", 1.67, 0.01)}
"""The trial's published effects: output -> (figure, kind, value, rounding step):
"≈ 8 percentage points apart", "JobFirst ≈ 67 % more" (docs/calibration-targets.md)."""

REPLICATIONS_PER_RUN: Final = 2
"""Replications a simulator run averages (module doc)."""


def output_name(figure: Figure) -> str:
    """The simulator's output for a figure, e.g. ``T1:treatment:kontanthjaelp``."""
    return f"{figure.id}:{figure.role}:{figure.benefit}"


def matched_figures() -> list[Figure]:
    """The published figures history matching uses, in the targets table's order."""
    return [f for f in TARGETS if f.id in MATCHED]


def sampling_variance(figure: Figure) -> float:
    """The published figure's sampling variance from the trial's group size (module doc)."""
    n = GROUP_SIZE[(figure.role, figure.benefit)]
    if figure.id == "T2":
        share = next(t.value for t in TARGETS if t.id == "T1" and t.role == figure.role)
        among = figure.value / share
        second_moment = share * among ** 2 * (1.0 + HOURS_CV ** 2)
        return (second_moment - figure.value ** 2) / n
    if figure.id == "T4b":
        completers = n * next(t.value for t in TARGETS if t.id == "T4")
        return figure.value * (1.0 - figure.value) / completers
    return figure.value * (1.0 - figure.value) / n


def effect_sampling_variance(output: str) -> float:
    """Sampling variance of a published effect from its two arms' figures (module doc)."""
    figure_id, kind, _, _ = EFFECTS[output]
    arms = {f.role: f for f in TARGETS if f.id == figure_id and f.benefit == "kontanthjaelp"}
    a, b = arms["treatment"], arms["control"]
    va, vb = sampling_variance(a), sampling_variance(b)
    if kind == "difference":
        return va + vb
    ratio = a.value / b.value
    return ratio ** 2 * (va / a.value ** 2 + vb / b.value ** 2)


def trial_targets(discrepancy: float = DISCREPANCY) -> list[Target]:
    """The matched figures and effects with sampling + rounding variance and the stated
    discrepancy."""
    out = []
    for f in matched_figures():
        obs = sampling_variance(f) + ROUNDING[f.id] ** 2 / 12.0
        out.append(Target(output_name(f), f.value, obs, (discrepancy * f.value) ** 2,
                          kind="at_least" if f.id == "T4b" else "equal"))
    for name, (_, _, value, step) in EFFECTS.items():
        obs = effect_sampling_variance(name) + step ** 2 / 12.0
        out.append(Target(name, value, obs, (discrepancy * value) ** 2))
    return out


def prior_box(rows: Sequence[Any]) -> PriorBox:
    """The box of the schema's calibrated priors (``PriorRow`` s), named by their paths."""
    return PriorBox(tuple(Prior(r.path, r.low, r.high, r.scale) for r in rows))


@dataclass(frozen=True)
class TrialSimulator:
    """One replication of a trial-replica scenario at given behaviour parameters.

    Picklable (module level, frozen, holding the raw document rather than a validated
    scenario), so the executor layer can send it to processes or a Dask cluster.
    ``params`` are keyed by dotted path (``behaviour.conversion.rate``); the seed is the
    replication's root seed, so two parameter sets run with one seed meet the same
    citizens (common random numbers).
    """

    raw: Mapping[str, Any]
    source: str
    outputs: tuple[str, ...] = field(
        default_factory=lambda: (*(output_name(f) for f in matched_figures()), *EFFECTS))
    replications: int = REPLICATIONS_PER_RUN

    def __call__(self, params: Mapping[str, float], seed: int) -> dict[str, float]:
        from jobfirst_sim.run.replicate import simulate
        from jobfirst_sim.scenario.loader import apply_overrides, build_scenario

        scenario = build_scenario(apply_overrides(self.raw, dict(params)), self.source)
        outcomes = pd.concat([simulate(scenario, r, seed, agents=False,
                                       journeys_per_arm=0).outcomes
                              for r in range(self.replications)], ignore_index=True)
        return figure_values(outcomes, self.outputs)


def figure_values(outcomes: pd.DataFrame, outputs: Sequence[str]) -> dict[str, float]:
    """Each output's value in a run's outcomes (the mean over its replications; nan if its
    cell is absent); an effect from its two arms' values."""
    by_id = {output_name(f): f for f in TARGETS}
    cells = outcomes[outcomes["municipality"] == "all"]

    def level(f: Figure) -> float:
        row = cells[(cells["arm"] == TRIAL_ARMS[f.role]) & (cells["benefit"] == f.benefit)
                    & (cells["metric"] == f.metric)]
        return float(row["value"].mean()) if len(row) else math.nan

    out = {}
    for name in outputs:
        if name in EFFECTS:
            figure_id, kind, _, _ = EFFECTS[name]
            a, b = (level(by_id[f"{figure_id}:{role}:kontanthjaelp"])
                    for role in ("treatment", "control"))
            out[name] = a - b if kind == "difference" else (a / b if b > 0 else math.nan)
        else:
            out[name] = level(by_id[name])
    return out


def trial_simulator(path: Path) -> TrialSimulator:
    """The simulator of the trial-replica file at ``path`` (its ``extends:`` resolved)."""
    from jobfirst_sim.scenario import load_raw

    return TrialSimulator(load_raw(path), str(path))
