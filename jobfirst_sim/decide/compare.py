"""Compare two designs on the same citizens: paired differences with 95 % intervals.

Why this module: a manager's question is "what changes if we go from what we do today to
*that*?" -- not "which of two randomised arms did better". ``compare`` answers it with
common random numbers: both designs run with the same root seed and replication numbers,
so they meet the same citizens, the same companies and, rule by rule and week by week, the
same random draws (:mod:`jobfirst_sim.model.seeds`). Every headline figure is then a mean
of per-replication *paired* differences with a t-interval (:mod:`jobfirst_sim.stats`); a
design compared with itself gives exactly 0 with a zero-width interval, not noise.

**How sure** (``--uncertainty``): with ``members`` (an ensemble of calibrated parameter
sets, :mod:`jobfirst_sim.decide.uncertainty`) both designs run under every member, R
replications each, with common random numbers within a member; the side tables get a
``member`` column and every paired table combines parameter and simulation uncertainty
(:func:`~jobfirst_sim.decide.paired.paired_table` with the members' weights). Without
members everything is exactly as before: simulation noise around the scenario's own
parameters.

Two ways in:

* **two files** (:func:`from_files`): ``CURRENT`` and ``PROPOSED`` must describe the same
  jobcentre -- the same citizens, municipalities, companies and horizon (:func:`incomparable`
  says what differs otherwise); their arms are paired by name;
* **two arms of one file** (:func:`from_arms`): arm A's citizens alone under A's design,
  and the same citizens under B's design (every lever of B switched onto A, the ``total``
  of ``jobfirst explain``; :func:`jobfirst_sim.decide.levers.counterfactual`).

Pure computation; the page and the terminal text live in :mod:`jobfirst_sim.report.compare`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from jobfirst_sim.decide import economics
from jobfirst_sim.decide.comparable import design_differences, incomparable
from jobfirst_sim.decide.economics import BusinessCase
from jobfirst_sim.decide.levers import ExplainError, counterfactual, find_levers
from jobfirst_sim.decide.paired import (
    conversion_long,
    paired_table,
    run_keys,
    staff_long,
    weekly_long,
)
from jobfirst_sim.decide.sensitivity import Leaning, leans_on
from jobfirst_sim.decide.trace import mechanism_trace
from jobfirst_sim.decide.uncertainty import Headline, headline, weights_of
from jobfirst_sim.metrics import HEADLINE
from jobfirst_sim.run.executors import ExecutorName
from jobfirst_sim.run.study import Run, StudyRequest, run_study
from jobfirst_sim.scenario.arms_mode import ArmLabel
from jobfirst_sim.scenario.ensemble import Ensemble
from jobfirst_sim.scenario.schema import Scenario

__all__ = [
    "CURRENT",
    "PROPOSED",
    "CompareError",
    "CompareRequest",
    "Comparison",
    "KeepSide",
    "from_arms",
    "from_files",
    "headline_of",
    "incomparable",
    "leanings",
    "run_compare",
]

CURRENT, PROPOSED = "current", "proposed"
"""The two sides of a comparison (``design`` column of the level tables)."""


class CompareError(ValueError):
    """A comparison the user can fix (incomparable scenarios, unknown arm), in plain words."""


# ------------------------------------------------------------------ the request


@dataclass(frozen=True)
class CompareRequest:
    """What ``jobfirst compare`` was asked: two scenarios and the arms paired between them.

    ``arms`` are arm names present in both scenarios; their rows are compared (with
    :func:`from_arms` only arm A, whose citizens meet both designs).
    """

    current: Scenario
    proposed: Scenario
    arms: tuple[str, ...]
    label_current: str
    label_proposed: str
    replications: int = 10
    seed: int | None = None
    workers: int = 1
    executor: ExecutorName | None = None
    scheduler: str | None = None
    horizons: tuple[int, ...] = ()
    """Weeks at which the differences are tabled; empty: :data:`DEFAULT_HORIZONS` that lie
    within the run, and its last week."""
    differences: tuple[str, ...] = ()
    """Readable list of what differs between the two scenarios (for the page)."""
    years: int | None = None
    """Budget years of the business case by payer (``--years``; the scenarios were
    extended to run that long, :mod:`jobfirst_sim.decide.business.horizon`); None: the
    years the run covers."""
    members: Ensemble | None = None
    """The ensemble both designs run under (``--uncertainty parameters``; ``replications``
    is then per member), None: the scenarios' own parameters (``noise``)."""
    metric: str | None = None
    """The headline's outcome metric (``--metric``); None: the first of
    :data:`HEADLINE_METRICS` measured (:data:`~jobfirst_sim.metrics.HEADLINE`)."""
    names: tuple[ArmLabel | None, ArmLabel | None] = (None, None)
    """The two arms' ``label:`` (Danish and English) with ``--from``/``--to``: what the pages
    call the sides instead of the arm ids."""
    shared_world: str | None = None
    """The arms are a trial (``arms_mode: trial``): both sides are read from one world run
    of the scenario, the current side from ``arms[0]``'s rows and the proposed side from
    this arm's rows (renamed to ``arms[0]``), as ``jobfirst run`` reads them."""

    @property
    def member_count(self) -> int:
        """Members per design (1 without an ensemble)."""
        return 1 if self.members is None else len(self.members)

    @property
    def runs(self) -> int:
        """Runs behind each side: members × replications."""
        return self.member_count * self.replications


def from_files(current: Scenario, proposed: Scenario, *, label_current: str,
               label_proposed: str, **options: Any) -> CompareRequest:
    """A request comparing two scenario files arm by arm.

    Raises:
        CompareError: the scenarios do not describe the same citizens, municipalities,
            companies and horizon (the message lists what differs).
    """
    problems = incomparable(current, proposed)
    if problems:
        raise CompareError(
            f"{label_current} and {label_proposed} cannot be compared: a paired comparison "
            "needs the same citizens, municipalities, companies and horizon, and these "
            "differ:\n  " + "\n  ".join(problems))
    arms = tuple(a.name for a in current.arms)
    return _checked(CompareRequest(
        current=current, proposed=proposed, arms=arms, label_current=label_current,
        label_proposed=label_proposed,
        differences=tuple(design_differences(current, proposed)), **options))


def from_arms(scenario: Scenario, arm_from: str, arm_to: str, **options: Any
              ) -> CompareRequest:
    """A request comparing arm A's citizens under A's design and under B's design.

    Raises:
        CompareError: an unknown arm, or a design whose levers cannot be carried over.
    """
    try:
        levers = find_levers(scenario, arm_from, arm_to)
        if scenario.one_world:  # a trial: both arms side by side in one world, as run
            current = proposed = scenario
        else:
            current = counterfactual(scenario, arm_from, arm_to, [])
            proposed = counterfactual(scenario, arm_from, arm_to, levers)
    except ExplainError as exc:
        raise CompareError(str(exc)) from None
    diffs = tuple(f"{lv.name}: {lv.from_value} → {lv.to_value}" for lv in levers)
    return _checked(CompareRequest(
        current=current, proposed=proposed, arms=(arm_from,), label_current=arm_from,
        label_proposed=arm_to, differences=diffs,
        names=(scenario.arm(arm_from).label, scenario.arm(arm_to).label),
        shared_world=arm_to if scenario.one_world else None, **options))


def _checked(request: CompareRequest) -> CompareRequest:
    from jobfirst_sim.run.manifest import resolve_root_seed

    if request.replications < 1:
        raise CompareError("--replications must be at least 1")
    weeks = horizon_weeks(request.current)
    if not request.horizons:
        request = replace(request, horizons=(
            *(h for h in DEFAULT_HORIZONS if h < weeks), weeks))
    bad = [h for h in request.horizons if not 0 <= h <= weeks]
    if bad:
        raise CompareError(f"--horizon {', '.join(map(str, bad))}: horizons must lie within "
                           f"the run's weeks (0 to {weeks})")
    seed = resolve_root_seed(request.seed, request.current)
    return replace(request, seed=seed, horizons=tuple(sorted(set(request.horizons))))


DEFAULT_HORIZONS: tuple[int, ...] = (26, 52, 78)
"""Half a year, a year and 18 months: the horizons a manager plans in."""


def horizon_weeks(scenario: Scenario) -> int:
    """The last week of the weekly table: weeks followed, or the calendar horizon."""
    cal = getattr(scenario, "calendar", None)
    if cal is not None:
        return int(cal.horizon_weeks)
    return int(scenario.run.weeks_followed)


# ------------------------------------------------------------------ running


SIDE_TABLES: tuple[str, ...] = ("outcomes", "weekly", "staff", "companies", "budget")
"""The tables a comparison reads of each run (no funnel, journeys or panel); ``budget``
is the kroner by budget year the business case by payer reads
(:mod:`jobfirst_sim.decide.business`)."""


@dataclass(frozen=True)
class KeepSide:
    """What a comparison keeps of one run (a :class:`~jobfirst_sim.run.study.Keep`): the
    :data:`SIDE_TABLES` rows of the compared arms."""

    arms: tuple[str, ...]

    def __call__(self, run: Run) -> dict[str, pd.DataFrame]:
        from jobfirst_sim.model.observe import tables
        from jobfirst_sim.run.simulate import run_model

        model = run_model(run.scenario, run.replication, run.seed, panel=False,
                          agents=False, journeys_per_arm=0)
        built = {"outcomes": tables.outcomes_table(model),
                 "weekly": tables.weekly_table(model),
                 "staff": tables.staff_table(model),
                 "companies": tables.companies_table(model),
                 "budget": tables.budget_table(model)}
        return {name: _arms(df, self.arms) for name, df in built.items()}


def _arms(df: pd.DataFrame, arms: Sequence[str]) -> pd.DataFrame:
    return df[df["arm"].isin(arms)].reset_index(drop=True)


ProgressFn = Callable[[], None]


def planned_simulations(replications: int, members: int = 1) -> int:
    """Model runs of a comparison: both sides, every member and replication."""
    return 2 * replications * members


@dataclass
class Comparison:
    """The raw tables of both sides, and the paired summaries built from them."""

    request: CompareRequest
    current: dict[str, pd.DataFrame]
    proposed: dict[str, pd.DataFrame]
    seconds: float = 0.0
    started: float = 0.0
    _cache: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    _cases: dict[str, BusinessCase] = field(default_factory=dict, repr=False)

    @property
    def weights(self) -> dict[int, float] | None:
        """``{member position: weight}`` for the paired tables under an ensemble of two or
        more members, else None: one member is the noise-only rule
        (:func:`jobfirst_sim.ensemble_stats.combine`), so its tables come from the noise
        rule's own code, the same numbers to the last bit."""
        members = self.request.members
        return None if members is None or len(members) == 1 else weights_of(members)

    # --- the paired tables -------------------------------------------------------------
    def outcomes(self) -> pd.DataFrame:
        """Every outcome metric: levels of both sides and the paired difference, per arm,
        benefit group and municipality (one row each)."""
        if "outcomes" not in self._cache:
            keys = ["arm", "benefit", "municipality", "metric"]
            self._cache["outcomes"] = paired_table(
                self.current["outcomes"], self.proposed["outcomes"], keys, self.weights)
        return self._cache["outcomes"]

    def weekly_long(self, side: str) -> pd.DataFrame:
        """One side's weekly table in long form, with ``benefit == 'all'`` added (weighted
        by the citizens observed)."""
        key = f"weekly_long_{side}"
        if key not in self._cache:
            df = (self.current if side == CURRENT else self.proposed)["weekly"]
            self._cache[key] = weekly_long(df)
        return self._cache[key]

    def weekly(self) -> pd.DataFrame:
        """Weekly metrics over time: levels and paired differences per arm, benefit, week."""
        if "weekly" not in self._cache:
            self._cache["weekly"] = paired_table(
                self.weekly_long(CURRENT), self.weekly_long(PROPOSED),
                ["arm", "benefit", "week", "metric"], self.weights)
        return self._cache["weekly"]

    def horizons(self) -> pd.DataFrame:
        """The weekly differences at the chosen horizons (rows of :meth:`weekly`)."""
        w = self.weekly()
        return w[w["week"].isin(self.request.horizons)].reset_index(drop=True)

    def staff(self) -> pd.DataFrame:
        """Staff per arm: FTEs, citizens per FTE, contact hours per citizen-week and the
        average FTE's week (hours per task, unused hours), both sides and the difference."""
        if "staff" not in self._cache:
            self._cache["staff"] = paired_table(
                staff_long(self.current["staff"]), staff_long(self.proposed["staff"]),
                ["arm", "metric"], self.weights)
        return self._cache["staff"]

    def conversion(self) -> pd.DataFrame:
        """Placements, conversions to hours and their ratio per arm (companies table)."""
        if "conversion" not in self._cache:
            self._cache["conversion"] = paired_table(
                conversion_long(self.current["companies"]),
                conversion_long(self.proposed["companies"]), ["arm", "metric"],
                self.weights)
        return self._cache["conversion"]

    def trace(self, arm: str, benefit: str = "all") -> pd.DataFrame:
        """The mechanism trace for one arm: one row per step of
        :data:`~jobfirst_sim.decide.trace.TRACE`."""
        key = f"trace_{arm}_{benefit}"
        if key not in self._cache:
            self._cache[key] = mechanism_trace(
                self.current, self.proposed, self.weekly_long(CURRENT),
                self.weekly_long(PROPOSED), arm, benefit, self.weights)
        return self._cache[key]


def run_compare(request: CompareRequest, progress: ProgressFn | None = None) -> Comparison:
    """Run both sides, every replication, through the study spine (identical on any
    executor).

    Raises:
        CompareError: the request cannot be run as given.
    """
    study = StudyRequest(request.replications, int(request.seed or 0), request.workers,
                         request.executor, request.scheduler, members=request.members)
    def tick(*_: object) -> None:
        if progress is not None:
            progress()

    per_member = None if request.members is None else request.replications
    if request.shared_world is not None:
        got, ran = run_study(study, {CURRENT: request.current},
                             KeepSide((*request.arms, request.shared_world)), on_done=tick)
        sides = shared_sides(stacked(got[CURRENT], per_member), request.arms[0],
                             request.shared_world)
    else:
        got, ran = run_study(study, {CURRENT: request.current, PROPOSED: request.proposed},
                             KeepSide(request.arms), on_done=tick)
        sides = {side: stacked(got[side], per_member) for side in (CURRENT, PROPOSED)}
    return Comparison(request=request, current=sides[CURRENT], proposed=sides[PROPOSED],
                      seconds=ran.seconds, started=ran.started)


def shared_sides(tables: dict[str, pd.DataFrame], arm_from: str, arm_to: str
                 ) -> dict[str, dict[str, pd.DataFrame]]:
    """Both sides from one world's tables: ``arm_from``'s rows, and ``arm_to``'s renamed to
    ``arm_from`` so the paired tables pair them run by run."""
    return {CURRENT: {k: _arms(df, [arm_from]) for k, df in tables.items()},
            PROPOSED: {k: _arms(df, [arm_to]).assign(arm=arm_from)
                       for k, df in tables.items()}}


def stacked(replications: Sequence[dict[str, pd.DataFrame]], per_member: int | None = None
            ) -> dict[str, pd.DataFrame]:
    """One side's :data:`SIDE_TABLES`, its replications stacked in order.

    ``per_member``: the runs came from an ensemble, member-major with this many
    replications each (the study spine's order); each table then gets a ``member`` column
    (the member's position) first, so rows pair on member and replication.
    """
    if per_member is None:
        return {name: pd.concat([rep[name] for rep in replications], ignore_index=True)
                for name in SIDE_TABLES}
    return {name: pd.concat([rep[name].assign(member=i // per_member)
                             [["member", *rep[name].columns]]
                             for i, rep in enumerate(replications)], ignore_index=True)
            for name in SIDE_TABLES}


HEADLINE_METRICS: tuple[str, ...] = (HEADLINE, "share_with_hours_w78",
                            "ever_hours_share_followup")
"""The metric the page leads with: the first of these the run measures (a run shorter
than 78 weeks has no week-78 figure)."""


def headline_metric(comparison: Comparison) -> str:
    """The request's ``--metric``, else the first of :data:`HEADLINE_METRICS` with a value
    in the current design's run."""
    if comparison.request.metric is not None:
        return comparison.request.metric
    o = comparison.current["outcomes"]
    for m in HEADLINE_METRICS:
        values = o.loc[o["metric"] == m, "value"].to_numpy(float)
        if np.isfinite(values).any():
            return m
    return HEADLINE_METRICS[-1]


def business_case(comparison: Comparison, arm: str) -> BusinessCase:
    """The business case in kroner for one compared arm: both designs' totals over the
    horizon and the paired difference, the cost per extra citizen with ordinary hours
    (counted by :func:`headline_metric`). Computed once per arm: the tables, the page and
    the terminal all read it."""
    if arm not in comparison._cases:
        comparison._cases[arm] = economics.business_case(
            economics.Side(comparison.request.label_current, comparison.current["outcomes"],
                           arm),
            economics.Side(comparison.request.label_proposed, comparison.proposed["outcomes"],
                           arm),
            hours_metric=headline_metric(comparison),
            price_year=comparison.request.proposed.economics.price_year,
            weights=weights_of(comparison.request.members))
    return comparison._cases[arm]


def headline_week(metric: str) -> int | None:
    """The citizen's week a headline metric is read at (None: the end of the run)."""
    from jobfirst_sim.decide.horizon import metric_week

    return metric_week(metric)


def headline_pairs(comparison: Comparison, arm: str) -> pd.DataFrame:
    """Per run pair: the headline metric of the arm's citizens under both designs
    (``member`` too under an ensemble)."""
    metric = headline_metric(comparison)

    def side(df: pd.DataFrame, name: str) -> pd.DataFrame:
        sel = df[(df["arm"] == arm) & (df["benefit"] == "all")
                 & (df["municipality"] == "all") & (df["metric"] == metric)]
        return sel[[*run_keys(sel), "value"]].rename(columns={"value": name})

    cur = side(comparison.current["outcomes"], CURRENT)
    return cur.merge(side(comparison.proposed["outcomes"], PROPOSED),
                     on=run_keys(cur), how="inner")


def headline_of(comparison: Comparison, arm: str) -> Headline:
    """The ``headline`` block of one compared arm
    (:func:`jobfirst_sim.decide.uncertainty.headline`)."""
    metric = headline_metric(comparison)
    return headline(headline_pairs(comparison, arm), metric=metric,
                    week=headline_week(metric), ensemble=comparison.request.members)


def leanings(comparison: Comparison, arm: str) -> list[Leaning]:
    """The parameters the arm's headline difference leans on most (none without an
    ensemble): rank correlation of each member's mean difference with its parameters."""
    ensemble = comparison.request.members
    if ensemble is None:
        return []
    pairs = headline_pairs(comparison, arm)
    diff = (pairs[PROPOSED] - pairs[CURRENT]).groupby(pairs["member"]).mean()
    return leans_on(diff.reindex(range(len(ensemble))).to_numpy(float).tolist(), ensemble)
