"""Plan the pilot that would prove it: the power of a randomised pilot of design B against A.

Why: a manager who believes design B beats today's design A must show it with a
randomised pilot, and must know before starting how many citizens (or caseloads) and how
many weeks the pilot needs. We answer by running the real pilot many times in the model.

* **Potential outcomes with common random numbers.** Replication ``r`` runs arm A's
  citizens twice with the same seed: as they are (design A) and with all of B's levers
  (:func:`~jobfirst_sim.decide.levers.counterfactual`: arm A alone, as ``jobfirst
  explain`` and ``jobfirst compare`` run it; the total of explain). Each citizen then has
  an outcome under either design: ordinary hours (wage hours > 0) in each week since
  their start (:func:`jobfirst_sim.model.observe.tables.hours_by_week`).
* **One simulated pilot per replication.** Randomised *citizen by citizen*, a pilot of
  ``n`` draws ``n`` of the replication's cohort without replacement (the rest of the
  municipality is not in the pilot), gives ``n // 2`` design B and analyses with the
  two-proportion z-test. Randomised *by team*, the unit is the professional holding the
  citizen at the start (today's design): whole caseloads are taken in random order until
  the pilot has at least ``n`` citizens, half of the caseloads get B, and the analysis is a
  t-test on caseload proportions (:mod:`jobfirst_sim.decide.power`). Each pilot is
  observed under its assigned design only, so its noise is that of the real pilot.
* **Power** is the share of simulated pilots that detect a difference (p < α, two-sided)
  *in the model's direction*. Different sizes and both units reuse the same replications
  (so the curves are smooth in size), each with its own draws of who is in the pilot.
* The **closed form** (two-proportion power with the simulation's p_A, p_B) checks the
  simulation; the **minimum detectable effect** at the target power comes from it, for
  teams at the effective size ``n / design effect`` with the ICC the simulation produced.

The clustering is not assumed: professionals differ in the model (implementation,
absences, vacancies, caseload), and the ICC and design effect are estimated from the
simulated outcomes. All draws after the runs come from their own spawn key
(:data:`jobfirst_sim.model.seeds.PILOT`) per replication, size and unit, so the table is
the same on any executor and number of workers.

**Parameter uncertainty** (``--uncertainty parameters``, the default): the effect is itself
uncertain, so the pilots run under every member of the calibrated ensemble and the power is
averaged over members, the chance the pilot shows the effect given what the trial leaves
open (:mod:`.pilot_members`). With ``noise`` every number is as before the option existed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from jobfirst_sim.decide.business.of_pilot import PilotBooks, book_tables, books_of, business_block
from jobfirst_sim.decide.compare import horizon_weeks
from jobfirst_sim.decide.levers import ExplainError, counterfactual, drawn_cohort, find_levers
from jobfirst_sim.decide.pilot_cohort import (
    Cohort,
    KeepCohort,
    cohort_of,
    cohort_size,
)
from jobfirst_sim.decide.pilot_members import (
    HEADLINE_METRIC,
    MemberSpread,
    pilot_headline,
    pilot_pairs,
    replications_per_member,
)
from jobfirst_sim.decide.power import (
    cluster_t_test,
    design_effect,
    formula_power,
    icc_anova,
    minimum_detectable_effect,
    z_test,
)
from jobfirst_sim.model.seeds import PILOT, generator
from jobfirst_sim.run.executors import ExecutorName, choose_executor
from jobfirst_sim.run.study import StudyRequest, run_study
from jobfirst_sim.scenario.ensemble import Ensemble
from jobfirst_sim.scenario.population import BENEFITS
from jobfirst_sim.scenario.schema import Scenario

UNIT_CITIZEN, UNIT_TEAM = "citizen", "team"
UNITS: tuple[str, ...] = (UNIT_CITIZEN, UNIT_TEAM)
UNIT_CHOICES: tuple[str, ...] = (*UNITS, "both")
BENEFIT_CHOICES: tuple[str, ...] = ("all", *(b.value for b in BENEFITS))
WEEK_STEP = 4
"""Spacing of the week grid the power curves are computed on (plus the chosen week)."""
DEFAULT_SIZES = 10
"""How many pilot sizes the default grid has (evenly up to the cohort)."""

COLUMNS: tuple[str, ...] = (
    "size", "unit", "week", "pilots", "n_citizens", "n_clusters", "power", "power_mcse",
    "formula_power", "p_from", "p_to", "effect", "mde", "icc", "design_effect",
    "detectable_week", "alpha", "target_power", "benefit",
)
"""Columns of ``pilot.parquet`` (docs/pilot.md)."""


class PilotError(ExplainError):
    """A pilot request the user can fix (size, week, alpha, unit), said in plain words."""


@dataclass(frozen=True)
class PilotRequest:
    """What ``jobfirst pilot`` was asked to do (``sizes`` None: :func:`default_sizes`)."""

    scenario: Scenario
    arm_from: str
    arm_to: str
    sizes: tuple[int, ...] | None = None
    unit: str = "both"
    week: int = 78
    pilots: int = 200
    alpha: float = 0.05
    power: float = 0.8
    benefit: str = "all"
    seed: int | None = 0
    workers: int = 1
    executor: ExecutorName | None = None
    scheduler: str | None = None
    members: Ensemble | None = None
    """The ensemble the pilots run under (``--uncertainty parameters``); None: ``noise``."""
    icc: float | None = None
    """An assumed intra-cluster correlation for pilots by caseload (``--icc``); None: the
    one the simulation produced (about 0 in the model)."""

    @property
    def replications(self) -> int:
        """Replications per member (all ``pilots`` without an ensemble)."""
        return replications_per_member(self.pilots, self.members)

    @property
    def units(self) -> tuple[str, ...]:
        return UNITS if self.unit == "both" else (self.unit,)


def default_sizes(cohort: int) -> tuple[int, ...]:
    """Ten pilot sizes evenly up to the whole cohort, rounded to tens (at least 20)."""
    raw = [max(20, round(cohort * k / DEFAULT_SIZES / 10) * 10)
           for k in range(1, DEFAULT_SIZES + 1)]
    return tuple(sorted({min(s, cohort) for s in raw}))


def week_grid(week: int, horizon: int) -> tuple[int, ...]:
    """The weeks the curves are computed on: every :data:`WEEK_STEP` to the horizon, and
    the chosen week."""
    return tuple(sorted({*range(WEEK_STEP, horizon + 1, WEEK_STEP), week}))


def prepared(request: PilotRequest) -> PilotRequest:
    """The request checked, with its root seed resolved and its sizes filled in.

    Raises:
        PilotError: anything the user can fix, in one sentence naming the option.
        ExplainError: an unknown arm (from :func:`find_levers`).
    """
    from jobfirst_sim.run.manifest import resolve_root_seed

    req = request
    find_levers(req.scenario, req.arm_from, req.arm_to)  # names the arms if unknown
    if req.benefit not in BENEFIT_CHOICES:
        raise PilotError(f"--benefit {req.benefit!r}: choose one of {', '.join(BENEFIT_CHOICES)}")
    if req.unit not in UNIT_CHOICES:
        raise PilotError(f"--unit {req.unit!r}: choose one of {', '.join(UNIT_CHOICES)}")
    if not 0 < req.alpha < 1:
        raise PilotError(f"--alpha {req.alpha}: a significance level lies strictly between "
                         "0 and 1 (usually 0.05)")
    if not 0 < req.power < 1:
        raise PilotError(f"--power {req.power}: a target power lies strictly between 0 and 1 "
                         "(usually 0.8)")
    if req.pilots < 2:
        raise PilotError("--pilots must be at least 2 (power is a share of simulated pilots)")
    horizon = horizon_weeks(req.scenario)
    if not 1 <= req.week <= horizon:
        raise PilotError(f"--week {req.week}: the scenario follows each citizen {horizon} "
                         f"weeks (run.weeks_followed, or calendar.horizon_weeks); choose a "
                         f"week from 1 to {horizon}")
    if req.icc is not None and not 0 <= req.icc < 1:
        raise PilotError(f"--icc {req.icc}: an intra-cluster correlation lies from 0 up to "
                         "1 (usually 0.01-0.05 for caseloads)")
    drawn_cohort(req.scenario, req.arm_from, req.benefit)  # names a group with too few
    cohort = cohort_size(req.scenario, req.arm_from, req.benefit, req.week)
    sizes = req.sizes if req.sizes is not None else default_sizes(cohort)
    if not sizes:
        raise PilotError("--sizes: give at least one pilot size, e.g. --sizes 100,200,400")
    small = [s for s in sizes if s < 4]
    if small:
        raise PilotError(f"--sizes {small[0]}: a pilot needs at least 4 citizens (two per "
                         "design)")
    big = [s for s in sizes if s > cohort]
    if big:
        raise PilotError(
            f"--sizes {big[0]}: arm {req.arm_from!r} has {cohort:,} citizens "
            f"(benefit {req.benefit}) and a pilot is drawn from them; choose sizes up to "
            f"{cohort:,}, or more citizens in the scenario (--set "
            f"arms.{req.arm_from}.citizens.kontanthjaelp=...)")
    seed = resolve_root_seed(req.seed, req.scenario)
    return replace(req, sizes=tuple(sorted(set(sizes))), seed=seed)


# ---------------------------------------------------------------------------- one pilot


@dataclass(frozen=True)
class PilotDraw:
    """What one simulated pilot found, per grid week."""

    detected: np.ndarray
    n_citizens: int
    n_clusters: int


def citizen_pilot(cohort: Cohort, n: int, alpha: float, direction: np.ndarray,
                  rng: np.random.Generator) -> PilotDraw:
    """A pilot of ``n`` citizens drawn from the cohort, randomised one by one."""
    who = rng.choice(cohort.size, n, replace=False)
    to_b = rng.permutation(n) < n // 2
    in_a, in_b = who[~to_b], who[to_b]
    diff, p = z_test(cohort.under_a[in_a].sum(axis=0), in_a.size,
                     cohort.under_b[in_b].sum(axis=0), in_b.size)
    return PilotDraw(_detected(diff, p, alpha, direction), n, n)


def team_pilot(cohort: Cohort, n: int, alpha: float, direction: np.ndarray,
               rng: np.random.Generator) -> PilotDraw:
    """A pilot of whole caseloads (taken in random order until it has ``n`` citizens),
    half of them randomised to B, analysed on caseload proportions."""
    labels, inv, sizes = np.unique(cohort.contact, return_inverse=True, return_counts=True)
    order = rng.permutation(labels.size)
    taken = order[:int(np.searchsorted(np.cumsum(sizes[order]), n)) + 1]
    to_b = rng.permutation(taken.size) < taken.size // 2
    props_a = _cluster_props(cohort.under_a, inv, taken[~to_b], sizes)
    props_b = _cluster_props(cohort.under_b, inv, taken[to_b], sizes)
    diff, p = cluster_t_test(props_a, props_b)
    return PilotDraw(_detected(diff, p, alpha, direction), int(sizes[taken].sum()),
                     int(taken.size))


def _cluster_props(y: np.ndarray, inv: np.ndarray, clusters: np.ndarray,
                   sizes: np.ndarray) -> np.ndarray:
    """Share with hours per week in each of ``clusters`` (rows in the order given)."""
    slot = np.full(sizes.size, -1)
    slot[clusters] = np.arange(clusters.size)
    rows = slot[inv] >= 0
    sums = np.zeros((clusters.size, y.shape[1]))
    np.add.at(sums, slot[inv][rows], y[rows].astype(float))
    return np.asarray(sums / sizes[clusters][:, None])


def _detected(diff: np.ndarray, p: np.ndarray, alpha: float, direction: np.ndarray
              ) -> np.ndarray:
    """Significant and in the model's direction (direction 0: significant either way)."""
    same = (direction == 0) | (np.sign(np.nan_to_num(diff)) == direction)
    return np.asarray((p < alpha) & same)


PILOT_KINDS: dict[str, Callable[[Cohort, int, float, np.ndarray, np.random.Generator],
                                PilotDraw]] = {UNIT_CITIZEN: citizen_pilot, UNIT_TEAM: team_pilot}


# ---------------------------------------------------------------------------- the plan


@dataclass
class PilotPlan:
    """The simulated pilots and the closed form: ``table`` has :data:`COLUMNS`."""

    request: PilotRequest
    weeks: tuple[int, ...]
    cohort: int
    levers: int
    table: pd.DataFrame
    caseload: float
    """Mean number of the cohort's citizens per starting caseload (the team unit's size)."""
    seconds: float = 0.0
    simulations: int = 0
    started: float = 0.0
    headline: dict[str, Any] = field(default_factory=dict)
    """The ``headline`` block (:func:`jobfirst_sim.decide.uncertainty.headline`)."""
    leans_on: list[dict[str, Any]] = field(default_factory=list)
    """The parameters the members' differences lean on (empty under ``noise``)."""
    books: PilotBooks | None = None
    """Arm A's budget books under both designs: the business case reads them."""

    def at_week(self, week: int | None = None) -> pd.DataFrame:
        """The rows of one week (default: the chosen ``--week``)."""
        w = self.request.week if week is None else week
        return self.table[self.table["week"] == w].reset_index(drop=True)


def planned_simulations(pilots: int, members: Ensemble | None = None) -> int:
    """Model runs a plan takes: one per pilot (of each member) and design."""
    return 2 * replications_per_member(pilots, members) * (len(members) if members else 1)


def plan_pilot(request: PilotRequest, progress: Callable[[], None] | None = None) -> PilotPlan:
    """Simulate the pilots (identical tables on any executor and number of workers).

    Raises:
        PilotError, ExplainError: a request the user can fix (see :func:`prepared`).
    """
    req = prepared(request)
    weeks = week_grid(req.week, horizon_weeks(req.scenario))
    levers = find_levers(req.scenario, req.arm_from, req.arm_to)
    # arm A alone under A and under B: the worlds explain, Shapley and compare use
    designs = {0: counterfactual(req.scenario, req.arm_from, req.arm_to, []),
               1: counterfactual(req.scenario, req.arm_from, req.arm_to, levers)}
    study = StudyRequest(req.replications, int(req.seed or 0), req.workers, req.executor,
                         req.scheduler, members=req.members)
    got, ran = run_study(study, designs, KeepCohort(0, req.benefit, weeks, req.week),
                         on_done=lambda *_: progress() if progress is not None else None)
    cohorts = [cohort_of(a, b) for a, b in zip(got[0], got[1], strict=True)]
    if min(c.size for c in cohorts) < max(req.sizes or (0,)):
        raise PilotError(f"--sizes {max(req.sizes or (0,))}: only {min(c.size for c in cohorts)}"
                         f" of arm {req.arm_from!r}'s citizens can be followed to week "
                         f"{req.week} before the horizon; choose smaller sizes or an earlier "
                         "--week")
    cl = clustering(cohorts, req.icc)
    spread = (None if req.members is None
              else MemberSpread.of(req.members, req.replications))
    sides = ([a.headline for a in got[0]], [b.headline for b in got[1]])
    if req.scenario.one_world:  # a trial's arms: the headline from one world, as run's
        sides = shared_headline(req, study)
    pairs = pilot_pairs([np.array([[x]]) for x in sides[0]],
                        [np.array([[x]]) for x in sides[1]], 0, req.replications,
                        req.members is not None)
    block, leanings = pilot_headline(pairs, None, req.members)
    return PilotPlan(request=req, weeks=weeks, cohort=cohorts[0].size, levers=len(levers),
                     table=_table(req, weeks, cohorts, cl, spread), caseload=cl.mean_size,
                     seconds=ran.seconds, simulations=ran.simulations, started=ran.started,
                     headline=block.to_json(), leans_on=[x.to_json() for x in leanings],
                     books=books_of(got[0], got[1], None if spread is None else req.replications))


def shared_headline(req: PilotRequest, study: StudyRequest
                    ) -> tuple[list[float], list[float]]:
    """Arm A's and arm B's headline figure per run of the whole scenario (one world)."""
    from jobfirst_sim.decide.explain import KeepOutcomes

    got, _ = run_study(study, {0: req.scenario}, KeepOutcomes(req.benefit))
    return ([r.get(req.arm_from, {}).get(HEADLINE_METRIC, np.nan) for r in got[0]],
            [r.get(req.arm_to, {}).get(HEADLINE_METRIC, np.nan) for r in got[0]])


def _table(req: PilotRequest, weeks: tuple[int, ...], cohorts: Sequence[Cohort],
           cl: Clustering, spread: MemberSpread | None = None) -> pd.DataFrame:
    """Simulate every size × unit × pilot and summarise with the closed form beside
    (``spread``: levels and power averaged over the ensemble's members)."""
    if spread is None:
        p_from = np.mean([c.under_a.mean(axis=0) for c in cohorts], axis=0)
        p_to = np.mean([c.under_b.mean(axis=0) for c in cohorts], axis=0)
    else:
        p_from = spread.mean(np.array([c.under_a.mean(axis=0) for c in cohorts]))
        p_to = spread.mean(np.array([c.under_b.mean(axis=0) for c in cohorts]))
    direction = np.sign(np.round(p_to - p_from, 12)).astype(int)
    rows: list[dict[str, Any]] = []
    seed = int(req.seed or 0)
    for size in req.sizes or ():
        for u, unit in enumerate(UNITS):
            if unit not in req.units:
                continue
            draws = [PILOT_KINDS[unit](c, size, req.alpha, direction,
                                       generator(seed, r, PILOT, size, u))
                     for r, c in enumerate(cohorts)]
            rows += _rows(req, weeks, size, unit, draws, p_from, p_to, cl, spread)
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    return df.astype({"size": "int64", "week": "int64", "pilots": "int64"})


@dataclass(frozen=True)
class Clustering:
    """The caseload clustering the simulation produced (per grid week where it varies)."""

    icc: np.ndarray
    mean_size: float
    cv_size: float
    assumed: bool = False
    """The ICC is the user's (``--icc``): design effect ``1 + (m − 1)·ICC`` and team power
    from the closed form at ``n / design effect`` (the simulation holds no such ICC)."""


def clustering(cohorts: Sequence[Cohort], assumed: float | None = None) -> Clustering:
    """ICC of the outcome within today's caseloads, the mean of its value under A and
    under B (a team pilot has half its caseloads in each), averaged over replications;
    and the caseloads' mean size and coefficient of variation. ``assumed``: the user's ICC
    at every week instead (equal caseloads: ``1 + (m − 1)·ICC``)."""
    iccs = [icc_anova(c.under_a, c.contact) for c in cohorts]
    iccs += [icc_anova(c.under_b, c.contact) for c in cohorts]
    sizes = [np.unique(c.contact, return_counts=True)[1] for c in cohorts]
    means = [float(s.mean()) for s in sizes]
    cvs = [float(s.std() / s.mean()) for s in sizes]
    if assumed is not None:
        return Clustering(icc=np.full(cohorts[0].under_a.shape[1], assumed),
                          mean_size=float(np.mean(means)), cv_size=0.0, assumed=True)
    return Clustering(icc=_finite_mean(np.array(iccs)), mean_size=float(np.mean(means)),
                      cv_size=float(np.mean(cvs)))


def _finite_mean(values: np.ndarray) -> np.ndarray:
    """Column means over the finite entries (NaN where there is none: a week in which
    nobody has hours yet has no ICC)."""
    ok = np.isfinite(values)
    count = ok.sum(axis=0)
    total = np.where(ok, values, 0.0).sum(axis=0)
    return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _rows(req: PilotRequest, weeks: tuple[int, ...], size: int, unit: str,
          draws: list[PilotDraw], p_from: np.ndarray, p_to: np.ndarray, cl: Clustering,
          spread: MemberSpread | None = None) -> list[dict[str, Any]]:
    detected = np.array([d.detected for d in draws], float)
    if spread is None:
        power = detected.mean(axis=0)
        mcse = np.sqrt(power * (1 - power) / len(draws))
    else:
        power, mcse = spread.power(detected)
    n_cit = float(np.mean([d.n_citizens for d in draws]))
    n_cl = float(np.mean([d.n_clusters for d in draws]))
    de_of = [design_effect(float(cl.icc[j]), cl.mean_size, cl.cv_size) if unit == UNIT_TEAM
             else 1.0 for j in range(len(weeks))]
    if cl.assumed and unit == UNIT_TEAM:  # the model's ICC is about 0: the formula holds it
        power = np.array([formula_power(p_from[j], p_to[j], n_cit / de_of[j], req.alpha)
                          for j in range(len(weeks))])
        mcse = np.full(len(weeks), np.nan)
    first = detectable_week(weeks, power, req.power)
    out = []
    for j, week in enumerate(weeks):
        de = de_of[j]
        n_eff = n_cit / de
        direction = int(np.sign(round(p_to[j] - p_from[j], 12)))
        out.append({
            "size": size, "unit": unit, "week": week, "pilots": len(draws),
            "n_citizens": n_cit, "n_clusters": n_cl, "power": power[j],
            "power_mcse": float(mcse[j]),
            "formula_power": formula_power(p_from[j], p_to[j], n_eff, req.alpha),
            "p_from": p_from[j], "p_to": p_to[j], "effect": p_to[j] - p_from[j],
            "mde": minimum_detectable_effect(p_from[j], n_eff, req.alpha, req.power, direction),
            "icc": float(cl.icc[j]) if unit == UNIT_TEAM else float("nan"),
            "design_effect": de, "detectable_week": float("nan") if first is None else first,
            "alpha": req.alpha, "target_power": req.power, "benefit": req.benefit,
        })
    return out


def detectable_week(weeks: Sequence[int], power: np.ndarray, target: float) -> int | None:
    """The first grid week from which the power stays at or above ``target`` to the
    horizon; None if it does not hold by the last week."""
    ok = np.asarray(power) >= target
    if ok.size == 0 or not ok[-1]:
        return None
    fails = np.flatnonzero(~ok)
    return int(weeks[0] if fails.size == 0 else weeks[fails[-1] + 1])


# ---------------------------------------------------------------------------- output


def manifest(plan: PilotPlan, command: str = "", files: Sequence[str] = ()) -> dict[str, Any]:
    """The ``pilot.json`` manifest: the common core (:mod:`jobfirst_sim.run.manifest`) plus
    what was compared and how the pilots were simulated."""
    from jobfirst_sim.run.manifest import config_hash
    from jobfirst_sim.run.manifest import manifest as common_manifest

    req = plan.request
    return common_manifest(
        kind="pilot", root_seed=int(req.seed or 0), replications=req.replications,
        config_hash=config_hash(req.scenario), command=command, started=plan.started,
        seconds=plan.seconds, files=files,
        scenario=req.scenario.model_dump(mode="json"), scenario_name=req.scenario.name,
        **{"from": req.arm_from, "to": req.arm_to},
        benefit=req.benefit, cohort=plan.cohort, mean_caseload=plan.caseload,
        assumed_icc=req.icc,
        sizes=list(req.sizes or ()),
        units=list(req.units), week=req.week, weeks=list(plan.weeks),
        pilots=req.replications * (1 if req.members is None else len(req.members)),
        alpha=req.alpha, target_power=req.power, levers=plan.levers, pilots_asked=req.pilots,
        tests={UNIT_CITIZEN: "two-proportion z-test, pooled variance, two-sided",
               UNIT_TEAM: "unpaired t-test on caseload proportions, k_A + k_B - 2 df"},
        pilot_draws=f"SeedSequence(root_seed, spawn_key=(replication, {PILOT}, size, "
                    "unit index))",
        simulations=plan.simulations, workers=req.workers,
        executor=choose_executor(req.executor, req.workers, plan.simulations, req.scheduler),
        uncertainty="noise" if req.members is None else "parameters",
        members=None if req.members is None else len(req.members),
        headline=plan.headline, leans_on=plan.leans_on, **business_block(plan),
    )


def write_tables(plan: PilotPlan, out_dir: Path, command: str = "",
                 extra_files: Sequence[str] = ()) -> list[Path]:
    """Write ``pilot.parquet``, the budget books and ``pilot.json`` atomically; return
    their paths."""
    from jobfirst_sim import io

    return io.write_tables(Path(out_dir), {"pilot.parquet": plan.table, **book_tables(plan)},
                           "pilot.json",
                           lambda files: manifest(plan, command, files), extra_files)
