"""Compare two designs on the same citizens: paired differences with 95 % intervals.

Why this module: a manager's question is "what changes if we go from what we do today to
*that*?" -- not "which of two randomised arms did better". ``compare`` answers it with
common random numbers: both designs run with the same root seed and replication numbers,
so they meet the same citizens, the same companies and, rule by rule and week by week, the
same random draws (:mod:`jobfirst_sim.model.seeds`). Every headline figure is then a mean
of per-replication *paired* differences with a t-interval (:mod:`jobfirst_sim.stats`); a
design compared with itself gives exactly 0 with a zero-width interval, not noise.

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

import time
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from jobfirst_sim.decide import economics
from jobfirst_sim.decide.economics import BusinessCase
from jobfirst_sim.decide.levers import ExplainError, counterfactual, find_levers
from jobfirst_sim.run.executors import ExecutorName, choose_executor, open_executor
from jobfirst_sim.run.staffing import TASK_COLUMNS
from jobfirst_sim.scenario.schema import Scenario
from jobfirst_sim.stats import LEVEL, t_quantile

__all__ = [
    "CURRENT",
    "PROPOSED",
    "TRACE",
    "CompareError",
    "CompareRequest",
    "Comparison",
    "TraceStep",
    "from_arms",
    "from_files",
    "incomparable",
    "run_compare",
]

CURRENT, PROPOSED = "current", "proposed"
"""The two sides of a comparison (``design`` column of the level tables)."""


class CompareError(ValueError):
    """A comparison the user can fix (incomparable scenarios, unknown arm), in plain words."""


# ------------------------------------------------------------------ what may differ

#: Parts of a scenario that define *who* is served and *for how long*: they must be equal
#: for a paired comparison to mean anything. Everything else (designs, staffing, practice,
#: behaviour, economics) may differ; that is what is compared.
SAME_WHOLE: tuple[str, ...] = ("population", "labour_market", "calendar")
SAME_RUN: tuple[str, ...] = ("weeks_followed", "project_weeks")
SAME_MUNICIPALITY: tuple[str, ...] = ("name", "weight", "labour_demand")
SAME_ARM: tuple[str, ...] = ("name", "citizens", "inflow_per_week")


def _leaf_differences(a: Any, b: Any, path: str, out: list[str], limit: int = 6) -> None:
    """Dotted paths where two JSON-like values differ (at most ``limit``)."""
    if len(out) >= limit:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            _leaf_differences(a.get(key), b.get(key), f"{path}.{key}", out, limit)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _leaf_differences(x, y, f"{path}[{i}]", out, limit)
    elif a != b:
        out.append(f"{path}: {a!r} vs {b!r}")


def incomparable(current: Scenario, proposed: Scenario) -> list[str]:
    """What stops a paired comparison of two scenarios ([] when they can be compared).

    They must serve the same citizens (population, arms and their citizens), in the same
    municipalities (names, weights, local labour demand), with the same companies and
    horizon. Each problem is one readable line naming the field and both values.
    """
    a, b = current.model_dump(mode="json"), proposed.model_dump(mode="json")
    out: list[str] = []
    for key in SAME_WHOLE:
        _leaf_differences(a.get(key), b.get(key), key, out)
    for key in SAME_RUN:
        _leaf_differences(a["run"].get(key), b["run"].get(key), f"run.{key}", out)
    ma, mb = a["municipalities"], b["municipalities"]
    if [m["name"] for m in ma] != [m["name"] for m in mb]:
        out.append(f"municipalities: {[m['name'] for m in ma]} vs {[m['name'] for m in mb]}")
    else:
        for x, y in zip(ma, mb, strict=True):
            for key in SAME_MUNICIPALITY:
                _leaf_differences(x.get(key), y.get(key),
                                  f"municipalities.{x['name']}.{key}", out)
    aa, ab = a["arms"], b["arms"]
    if [x["name"] for x in aa] != [x["name"] for x in ab]:
        out.append(f"arms: {[x['name'] for x in aa]} vs {[x['name'] for x in ab]}")
    else:
        for x, y in zip(aa, ab, strict=True):
            for key in SAME_ARM[1:]:
                _leaf_differences(x.get(key), y.get(key), f"arms.{x['name']}.{key}", out)
    return out


def design_differences(current: Scenario, proposed: Scenario, limit: int = 40) -> list[str]:
    """The fields that differ (designs, staffing, behaviour, ...), for the record."""
    a, b = current.model_dump(mode="json"), proposed.model_dump(mode="json")
    out: list[str] = []
    for key in sorted(set(a) | set(b)):
        if key in ("name", "description"):
            continue
        _leaf_differences(a.get(key), b.get(key), key, out, limit)
    return out


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
        current = counterfactual(scenario, arm_from, arm_to, [])
        proposed = counterfactual(scenario, arm_from, arm_to, levers)
    except ExplainError as exc:
        raise CompareError(str(exc)) from None
    diffs = tuple(f"{lv.name}: {lv.from_value} → {lv.to_value}" for lv in levers)
    return _checked(CompareRequest(
        current=current, proposed=proposed, arms=(arm_from,), label_current=arm_from,
        label_proposed=arm_to, differences=diffs, **options))


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


@dataclass(frozen=True)
class CompareTask:
    """One replication of one side, for the executors (module-level run function)."""

    side: str
    scenario: Scenario
    replication: int
    seed: int
    arms: tuple[str, ...]

    @property
    def key(self) -> tuple[str, int]:
        return (self.side, self.replication)


def run_side(task: CompareTask) -> dict[str, pd.DataFrame]:
    """One replication of one side: its outcomes, weekly, staff and companies rows for the
    compared arms (the journeys and the panel are not needed)."""
    from jobfirst_sim.model.observe import tables
    from jobfirst_sim.run.simulate import run_model

    # only the tables compare reads (no funnel, journeys or panel)
    model = run_model(task.scenario, task.replication, task.seed, panel=False, agents=False,
                      journeys_per_arm=0)
    built = {"outcomes": tables.outcomes_table(model), "weekly": tables.weekly_table(model),
             "staff": tables.staff_table(model), "companies": tables.companies_table(model)}
    return {name: _arms(df, task.arms) for name, df in built.items()}


def _arms(df: pd.DataFrame, arms: Sequence[str]) -> pd.DataFrame:
    return df[df["arm"].isin(arms)].reset_index(drop=True)


ProgressFn = Callable[[], None]


def planned_simulations(replications: int) -> int:
    """Model runs of a comparison: both sides, every replication."""
    return 2 * replications


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

    # --- the paired tables -------------------------------------------------------------
    def outcomes(self) -> pd.DataFrame:
        """Every outcome metric: levels of both sides and the paired difference, per arm,
        benefit group and municipality (one row each)."""
        if "outcomes" not in self._cache:
            keys = ["arm", "benefit", "municipality", "metric"]
            self._cache["outcomes"] = paired_table(
                self.current["outcomes"], self.proposed["outcomes"], keys)
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
                ["arm", "benefit", "week", "metric"])
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
                ["arm", "metric"])
        return self._cache["staff"]

    def conversion(self) -> pd.DataFrame:
        """Placements, conversions to hours and their ratio per arm (companies table)."""
        if "conversion" not in self._cache:
            self._cache["conversion"] = paired_table(
                conversion_long(self.current["companies"]),
                conversion_long(self.proposed["companies"]), ["arm", "metric"])
        return self._cache["conversion"]

    def trace(self, arm: str, benefit: str = "all") -> pd.DataFrame:
        """The mechanism trace for one arm: one row per step of :data:`TRACE`."""
        key = f"trace_{arm}_{benefit}"
        if key not in self._cache:
            self._cache[key] = mechanism_trace(self, arm, benefit)
        return self._cache[key]


def run_compare(request: CompareRequest, progress: ProgressFn | None = None) -> Comparison:
    """Run both sides, every replication, on one executor (identical on any executor).

    Raises:
        CompareError: the request cannot be run as given.
    """
    started = time.time()
    seed = int(request.seed if request.seed is not None else 0)
    tasks = [CompareTask(side, scen, r, seed, request.arms)
             for side, scen in ((CURRENT, request.current), (PROPOSED, request.proposed))
             for r in range(request.replications)]
    executor = choose_executor(request.executor, request.workers, len(tasks),
                               request.scheduler)

    def arrived(_: object) -> None:
        if progress is not None:
            progress()

    with open_executor(executor, workers=request.workers,
                       scheduler=request.scheduler) as runner:
        got: dict[Hashable, dict[str, pd.DataFrame]] = runner.run_all(
            run_side, tasks, on_done=arrived)
    sides = {side: {name: pd.concat([got[(side, r)][name]
                                     for r in range(request.replications)],
                                    ignore_index=True)
                    for name in ("outcomes", "weekly", "staff", "companies")}
             for side in (CURRENT, PROPOSED)}
    return Comparison(request=request, current=sides[CURRENT], proposed=sides[PROPOSED],
                      seconds=round(time.time() - started, 3), started=started)


# ------------------------------------------------------------------ pairing


LEVEL_COLUMNS: tuple[str, ...] = (
    "current", "current_low", "current_high", "proposed", "proposed_low", "proposed_high",
    "difference", "ci_low", "ci_high", "n_replications",
)
"""Value columns of every paired table (after its key columns; docs/decide.md)."""


def paired_table(current: pd.DataFrame, proposed: pd.DataFrame, keys: list[str]
                 ) -> pd.DataFrame:
    """Levels of both sides and the paired difference ``proposed − current`` per group.

    Both inputs are long tables with ``replication``, the ``keys`` and ``value``. Rows are
    paired on replication and keys; each side's level and the difference get a t-interval
    over replications (pairs with a missing value on either side are dropped from the
    difference). Identical sides give a difference of exactly 0 with a zero-width interval.
    """
    on = ["replication", *keys]
    merged = current[[*on, "value"]].merge(proposed[[*on, "value"]], on=on, how="outer",
                                           suffixes=("_a", "_b"), sort=False)
    merged["diff"] = merged["value_b"] - merged["value_a"]
    parts = [_summary(merged, keys, col, prefix)
             for col, prefix in (("value_a", "current"), ("value_b", "proposed"),
                                 ("diff", "difference"))]
    out = parts[0].merge(parts[1], on=keys).merge(parts[2], on=keys)
    out = out.rename(columns={"difference_low": "ci_low", "difference_high": "ci_high",
                              "difference_n": "n_replications"})
    out = out.drop(columns=["current_n", "proposed_n"])
    out["n_replications"] = out["n_replications"].astype("int64")
    return out[[*keys, *LEVEL_COLUMNS]].reset_index(drop=True)


def _summary(df: pd.DataFrame, keys: list[str], col: str, prefix: str) -> pd.DataFrame:
    v = df[col].astype(float).where(np.isfinite(df[col].astype(float)))
    g = v.groupby([df[k] for k in keys], sort=False, dropna=False)
    s = g.agg(["mean", "std", "count"]).reset_index()
    s.columns = pd.Index([*keys, "mean", "sd", "n"])
    n = s["n"].to_numpy(float)
    sd = s["sd"].to_numpy(float)
    half = t_quantile(n, LEVEL) * np.where(sd == 0, 0.0, sd) / np.sqrt(np.maximum(n, 1))
    return pd.DataFrame({
        **{k: s[k] for k in keys},
        prefix: s["mean"], f"{prefix}_low": s["mean"] - half,
        f"{prefix}_high": s["mean"] + half, f"{prefix}_n": s["n"],
    })


WEEKLY_METRICS: tuple[str, ...] = (
    "share_wage_hours", "mean_wage_hours", "mean_wage_hours_if_any", "share_in_placement",
    "share_full_support", "share_partial_support", "share_self_sufficient",
    "share_flexjob", "share_disability_pension", "share_other_exit", "mean_self_efficacy",
    "mean_trust", "mean_known", "mean_placement_fit", "mean_job_fit", "share_contacted",
    "share_contact_changed_ever",
)
"""Weekly columns compared over time (docs/outputs.md, weekly.parquet)."""

#: weekly means among a subgroup: weighted by that subgroup's size when groups are pooled
_WEIGHT_OF: Mapping[str, str] = {"mean_wage_hours_if_any": "share_wage_hours",
                                 "mean_placement_fit": "share_in_placement",
                                 "mean_job_fit": "share_wage_hours"}


def weekly_long(weekly: pd.DataFrame) -> pd.DataFrame:
    """A weekly table in long form (replication, arm, benefit, week, metric, value), with
    the benefit groups pooled as ``all`` (means weighted by the citizens observed, or by
    the subgroup a mean is taken over)."""
    metrics = [m for m in WEEKLY_METRICS if m in weekly.columns]
    keys = ["replication", "arm", "benefit", "week"]
    long = weekly.melt(id_vars=[*keys, "n"], value_vars=metrics, var_name="metric")
    w = long["n"].astype(float)
    for metric, base in _WEIGHT_OF.items():
        sel = long["metric"] == metric
        if sel.any():
            share = weekly.set_index(keys)[base]
            idx = pd.MultiIndex.from_frame(long.loc[sel, keys])
            w.loc[sel] = w.loc[sel].to_numpy() * share.reindex(idx).to_numpy()
    ok = np.isfinite(long["value"].astype(float)) & (w > 0)
    pooled = (long.assign(wv=(long["value"] * w).where(ok, 0.0), w=w.where(ok, 0.0))
              .groupby(["replication", "arm", "week", "metric"], sort=False)[["wv", "w"]]
              .sum().reset_index())
    with np.errstate(invalid="ignore", divide="ignore"):
        pooled["value"] = np.where(pooled["w"] > 0, pooled["wv"] / pooled["w"], np.nan)
    pooled["benefit"] = "all"
    cols = ["replication", "arm", "benefit", "week", "metric", "value"]
    return pd.concat([long[cols], pooled[cols]], ignore_index=True)


STAFF_METRICS: tuple[str, ...] = (
    "fte", "citizens_per_fte", "contact_hours_per_citizen_week", "unused_hours",
    *(f"hours_{t}" for t in TASK_COLUMNS),
)


def staff_long(staff: pd.DataFrame) -> pd.DataFrame:
    """Per replication and arm: total FTEs, citizens per FTE, contact hours per citizen and
    week, and the average FTE's hours per task (FTE-weighted over roles and municipalities).

    Why per arm, not per role: the roles differ between designs (a jobformidler does the
    consultant's and the mentor's tasks), so only the arm's whole staff can be paired.
    """
    rows: list[dict[str, Any]] = []
    if staff.empty:
        return pd.DataFrame(columns=["replication", "arm", "metric", "value"])
    for (rep, arm), g in staff.groupby(["replication", "arm"], sort=False):
        fte = g["fte"].to_numpy(float)
        total = float(fte.sum())
        values: dict[str, float] = {"fte": total}
        # citizens of the arm = FTE × caseload summed over one role per municipality (the
        # primary contact's: the role with a contact-hours figure)
        primary = g[np.isfinite(g["contact_hours_per_citizen_week"].to_numpy(float))]
        citizens = float((primary["fte"] * primary["mean_caseload"]).sum())
        values["citizens_per_fte"] = citizens / total if total > 0 else np.nan
        values["contact_hours_per_citizen_week"] = (
            float((primary["contact_hours_per_citizen_week"] * primary["fte"]
                   * primary["mean_caseload"]).sum() / citizens) if citizens > 0 else np.nan)
        for col in ("unused_hours", *(f"hours_{t}" for t in TASK_COLUMNS)):
            v = g[col].to_numpy(float)
            ok = np.isfinite(v)
            values[col] = float((v[ok] * fte[ok]).sum() / fte[ok].sum()) if ok.any() else np.nan
        rows += [{"replication": rep, "arm": arm, "metric": k, "value": v}
                 for k, v in values.items()]
    return pd.DataFrame(rows)


def conversion_long(companies: pd.DataFrame) -> pd.DataFrame:
    """Per replication and arm: placements, placements lasting 13 weeks, conversions to
    ordinary hours and conversions per placement (summed over sectors and task levels)."""
    cols = ["placements", "placements_completed13", "conversions"]
    g = companies.groupby(["replication", "arm"], sort=False)[cols].sum().reset_index()
    with np.errstate(invalid="ignore", divide="ignore"):
        g["conversion_rate"] = np.where(g["placements"] > 0,
                                        g["conversions"] / g["placements"], np.nan)
    return g.melt(id_vars=["replication", "arm"], var_name="metric")


# ------------------------------------------------------------------ the mechanism trace


@dataclass(frozen=True)
class TraceStep:
    """One link of the chain from organisation to ordinary hours.

    ``source`` names the table (``staff``, ``weekly_mean`` = the weekly metric averaged
    over the run's weeks, ``outcomes``, ``conversion``) and ``metric`` its metric.
    """

    key: str
    source: str
    metric: str


TRACE: tuple[TraceStep, ...] = (
    TraceStep("caseload", "staff", "citizens_per_fte"),
    TraceStep("contact_time", "staff", "contact_hours_per_citizen_week"),
    TraceStep("contacted", "weekly_mean", "share_contacted"),
    TraceStep("changes", "outcomes", "share_contact_changed"),
    TraceStep("knowledge", "weekly_mean", "mean_known"),
    TraceStep("trust", "weekly_mean", "mean_trust"),
    TraceStep("match", "weekly_mean", "mean_placement_fit"),
    TraceStep("in_placement", "weekly_mean", "share_in_placement"),
    TraceStep("placements", "conversion", "placements"),
    TraceStep("retention", "outcomes", "placement13_share"),
    TraceStep("conversion", "conversion", "conversion_rate"),
    TraceStep("ever_hours", "outcomes", "ever_hours_share_followup"),
    TraceStep("hours_if_any", "weekly_mean", "mean_wage_hours_if_any"),
    TraceStep("job_fit", "weekly_mean", "mean_job_fit"),
    TraceStep("hours_w78", "outcomes", "share_with_hours_w78"),
    TraceStep("hours", "outcomes", "share_with_hours_end"),
    TraceStep("self_sufficient", "outcomes", "share_status_self_sufficient_end"),
    TraceStep("flexjob", "outcomes", "share_status_flexjob_end"),
    TraceStep("pension", "outcomes", "share_status_disability_pension_end"),
)
"""The story a leader tells -- fewer cases per professional → more contact time → knowing
the citizen → better matches → placements that last and turn into hours → exits -- as the
model's own intermediate quantities, in that order."""


def weekly_mean(weekly: pd.DataFrame, long: pd.DataFrame, arm: str, benefit: str,
                metric: str) -> pd.DataFrame:
    """Per replication: a weekly metric averaged over the run's weeks (citizen-weighted);
    ``long`` is ``weekly`` in long form (:func:`weekly_long`)."""
    sel = long[(long["arm"] == arm) & (long["benefit"] == benefit)
               & (long["metric"] == metric)]
    n = weekly_n(weekly, arm, benefit)
    merged = sel.merge(n, on=["replication", "week"], how="left")
    ok = np.isfinite(merged["value"].astype(float))
    merged = merged[ok]
    g = (merged.assign(wv=merged["value"] * merged["n"])
         .groupby("replication")[["wv", "n"]].sum().reset_index())
    g["value"] = g["wv"] / g["n"]
    return g[["replication", "value"]]


def weekly_n(weekly: pd.DataFrame, arm: str, benefit: str) -> pd.DataFrame:
    """Citizens observed per replication and week (pooled over groups for ``all``)."""
    sel = weekly[weekly["arm"] == arm]
    if benefit != "all":
        sel = sel[sel["benefit"] == benefit]
    return sel.groupby(["replication", "week"])["n"].sum().reset_index()


def _trace_side(side: dict[str, pd.DataFrame], long: pd.DataFrame, step: TraceStep, arm: str,
                benefit: str) -> pd.DataFrame:
    if step.source == "weekly_mean":
        return weekly_mean(side["weekly"], long, arm, benefit, step.metric)
    if step.source == "staff":
        df = staff_long(side["staff"])
    elif step.source == "conversion":
        df = conversion_long(side["companies"])
    else:
        df = side["outcomes"]
        df = df[(df["benefit"] == benefit) & (df["municipality"] == "all")]
    df = df[(df["arm"] == arm) & (df["metric"] == step.metric)]
    return df[["replication", "value"]]


def mechanism_trace(comparison: Comparison, arm: str, benefit: str = "all") -> pd.DataFrame:
    """The :data:`TRACE` for one arm: each link's level on both sides and the paired
    difference (staff and conversion figures are per arm, for every benefit group)."""
    parts = []
    for order, step in enumerate(TRACE, start=1):
        a = _trace_side(comparison.current, comparison.weekly_long(CURRENT), step, arm,
                        benefit)
        b = _trace_side(comparison.proposed, comparison.weekly_long(PROPOSED), step, arm,
                        benefit)
        if not (np.isfinite(a["value"].to_numpy(float)).any()
                or np.isfinite(b["value"].to_numpy(float)).any()):
            continue  # a link this run does not measure (e.g. week 78 in a short run)
        t = paired_table(a.assign(step=step.key), b.assign(step=step.key), ["step"])
        t.insert(0, "order", order)
        t.insert(2, "metric", step.metric)
        parts.append(t)
    out = pd.concat(parts, ignore_index=True)
    out.insert(0, "arm", arm)
    out.insert(1, "benefit", benefit)
    return out


HEADLINE_METRICS: tuple[str, ...] = ("share_with_hours_end", "share_with_hours_w78",
                            "ever_hours_share_followup")
"""The metric the page leads with: the first of these the run measures (a run shorter
than 78 weeks has no week-78 figure)."""


def headline_metric(comparison: Comparison) -> str:
    """The first of :data:`HEADLINE_METRICS` with a value in the current design's run."""
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
            price_year=comparison.request.proposed.economics.price_year)
    return comparison._cases[arm]


# ------------------------------------------------------------------ files

TABLE_FILES: tuple[str, ...] = ("compare_outcomes.parquet", "compare_weekly.parquet",
                                "compare_staff.parquet", "compare_trace.parquet",
                                "compare_business_case.parquet")
"""The tables ``jobfirst compare`` writes (docs/decide.md)."""


def tables(comparison: Comparison) -> dict[str, pd.DataFrame]:
    """The paired tables by file name (the trace for every compared arm, all groups)."""
    arms = comparison.request.arms
    trace = pd.concat([comparison.trace(arm) for arm in arms], ignore_index=True)
    business = pd.concat([business_case(comparison, arm).rows.assign(arm=arm)
                          for arm in arms], ignore_index=True)
    return dict(zip(TABLE_FILES, (comparison.outcomes(), comparison.weekly(),
                                  comparison.staff(), trace, business), strict=True))


def manifest(comparison: Comparison, command: str = "", files: Sequence[str] = ()
             ) -> dict[str, Any]:
    """The ``compare.json`` manifest: the common core plus both scenarios and what differs."""
    from jobfirst_sim.run.manifest import config_hash
    from jobfirst_sim.run.manifest import manifest as common_manifest

    req = comparison.request
    return common_manifest(
        kind="compare", root_seed=int(req.seed or 0), replications=req.replications,
        config_hash=config_hash(req.proposed), command=command, started=comparison.started,
        seconds=comparison.seconds, files=files,
        scenario=req.proposed.model_dump(mode="json"), scenario_name=req.proposed.name,
        current_scenario=req.current.model_dump(mode="json"),
        current_config_hash=config_hash(req.current),
        label_current=req.label_current, label_proposed=req.label_proposed,
        arms=list(req.arms), horizons=list(req.horizons), differences=list(req.differences),
        workers=req.workers,
        executor=choose_executor(req.executor, req.workers,
                                 planned_simulations(req.replications), req.scheduler),
    )


def write_tables(comparison: Comparison, out_dir: Path, command: str = "",
                 extra_files: Sequence[str] = ()) -> list[Path]:
    """Write the paired tables and ``compare.json`` atomically; return their paths."""
    from jobfirst_sim import io

    return io.write_tables(out_dir, tables(comparison), "compare.json",
                           lambda files: manifest(comparison, command, files), extra_files)
