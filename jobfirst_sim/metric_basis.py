"""What each metric is taken over: numerator, denominator, week basis and how groups pool.

Why here, as data: the tables (``model/observe/tables.py`` and the recorder) compute each metric
one way, and every reader that pools groups or reads "the value at week 78" used to work
that way out again — the compare tables, the report's figures and the browser, with two
pooling rules that disagreed on the means taken among a subgroup. Each metric of
:mod:`jobfirst_sim.metrics` declares here what the model does (the model is the truth this
describes, not changes), and :mod:`jobfirst_sim.pooling` is the one place that pools by it.

A declaration (:class:`Basis`) says:

* the **numerator**: the per-citizen column (``citizen_columns`` in the tables), the
  recorder's weekly sum (``WEEKLY_SUMS``) or the model quantity the value adds up;
* the **denominator** (:class:`Over`): who it is taken over — all citizens of the group,
  those observed at that week, those with ordinary hours that week, …;
* the **week basis** (:class:`WeekBasis`): the citizen's own week since start, the calendar
  week, or the weekly table's week (own week in a trial cohort, calendar week in calendar
  mode), with ``at_week`` where the metric is read at one week;
* how **benefit groups** and **municipalities** pool (:class:`Pool`).

Bottom utility: imports only :mod:`jobfirst_sim.metrics` (for its names).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from jobfirst_sim.domain import STATUSES as STATUS_KEYS
from jobfirst_sim.domain import TASKS as TASK_KEYS
from jobfirst_sim.metrics import names


class Table(StrEnum):
    """The table a metric is a column (or a ``metric`` row) of."""

    weekly = "weekly"
    outcomes = "outcomes"
    staff = "staff"
    funnel = "funnel"
    companies = "companies"
    person = "person"
    """journeys.parquet / panel.parquet: one citizen's week."""


class Over(StrEnum):
    """Who a metric is taken over: its denominator."""

    all = "all"
    """Every citizen of the group (arm × benefit × municipality)."""
    observed = "observed"
    """The citizens observed at that week (weekly ``n``; an outcome read at one week:
    those whose follow-up reaches it)."""
    with_hours = "with_hours"
    """The citizens with ordinary hours that week."""
    in_placement = "in_placement"
    """The citizens in a company placement that week."""
    placed13 = "placed13"
    """The citizens with at least 13 consecutive placement weeks."""
    reached = "reached"
    """The citizens who reached the funnel stage."""
    passed_gates = "passed_gates"
    """The citizens who passed every earlier gate of the funnel."""
    weeks_at_risk = "weeks_at_risk"
    """Weeks at risk of first hours (a rate ratio)."""
    citizen_weeks = "citizen_weeks"
    """Citizen-weeks observed (of the primary contact's citizens)."""
    fte = "fte"
    """Full-time equivalents over the run's weeks."""
    professionals = "professionals"
    """The professionals of a role."""
    demand = "demand"
    """The hours a task asked for."""
    placements = "placements"
    """The placements made."""
    none = "none"
    """A count or a sum: no denominator."""
    citizen = "citizen"
    """One citizen's own value that week."""


class WeekBasis(StrEnum):
    """Which week a metric's week counts."""

    own = "own"
    """The citizen's own week since start (as the trial's evaluation counts)."""
    calendar = "calendar"
    """The model's calendar week (the same for every citizen): the run's weeks."""
    table = "table"
    """The weekly table's week: ``own`` in a trial cohort, ``calendar`` in calendar mode
    (the table then has a ``date``; :func:`jobfirst_sim.pooling.week_basis` tells)."""
    end = "end"
    """Each citizen's last observed week: the end of a trial follow-up, the horizon in
    calendar mode (the same meaning in both)."""
    followup = "followup"
    """Over all of each citizen's observed weeks (ever reached, kroner summed)."""


class Pool(StrEnum):
    """How rows of groups (benefit groups, municipalities) combine into one."""

    denominator = "denominator"
    """A mean weighted by the denominator's counts (e.g. citizens observed, or those with
    hours), so the pooled value is the value over all the groups' citizens."""
    citizens = "citizens"
    """Recomputed over the pooled citizens at the source (the ``all`` rows), never averaged
    from the groups' values."""
    fte = "fte"
    """A mean weighted by FTEs."""
    professionals = "professionals"
    """A mean weighted by the number of professionals."""
    summed = "summed"
    """Added up."""
    not_split = "not_split"
    """The table is not split this way (nothing to pool)."""
    not_pooled = "not_pooled"
    """The table lacks the counts to pool it: shown group by group."""


@dataclass(frozen=True)
class Basis:
    """What a metric is taken over, in which week, and how its groups pool."""

    table: Table
    numerator: str
    denominator: Over
    week: WeekBasis
    benefits: Pool
    municipalities: Pool
    why: str
    at_week: int | None = None
    """The week the metric is read at (``week`` says which kind), None for none."""
    weekly: str | None = None
    """The weekly column that gives this outcome at ``at_week`` from a weekly table."""
    also: tuple[Table, ...] = ()
    """Other tables that carry the metric (``mean_caseload``: staff and outcomes)."""


MEASURE_WEEK: Final = 78
"""The week since start at which the trial measured T1 and T2 (``model/state.py``)."""

ROWS: Final = "rows"
"""Numerator of a count: the group's rows (citizens) are counted."""

#: Weekly table: the columns whose product is each denominator's count in a row (the
#: recorder keeps the counts; the table holds ``n`` and the shares).
COUNT_COLUMNS: Final[Mapping[Over, tuple[str, ...]]] = {
    Over.observed: ("n",),
    Over.with_hours: ("n", "share_wage_hours"),
    Over.in_placement: ("n", "share_in_placement"),
}

#: Weekly table: the recorder's sum (``WEEKLY_SUMS``) that each denominator divides by.
COUNT_SUMS: Final[Mapping[Over, str]] = {
    Over.observed: "n",
    Over.with_hours: "wage_hours_any",
    Over.in_placement: "in_placement",
}

_WEEKLY_WHY = ("recorded each week into arm × benefit × week cells (model/observe/recorder.py) and "
               "divided by the cell's count at the end (model/observe/tables.weekly_table)")
_OUT_WHY = ("computed per citizen (model/observe/outcomes.citizen_columns) and averaged over the "
            "group's citizens, the 'all' rows over all of them (model/observe/outcomes._metrics)")


def _weekly(num: str, over: Over = Over.observed) -> Basis:
    return Basis(Table.weekly, num, over, WeekBasis.table, Pool.denominator, Pool.not_split,
                 _WEEKLY_WHY)


def _outcome(num: str, over: Over, week: WeekBasis, why: str = _OUT_WHY,
             at_week: int | None = None, weekly: str | None = None) -> Basis:
    return Basis(Table.outcomes, num, over, week, Pool.citizens, Pool.citizens, why,
                 at_week, weekly)


_W78 = ("week 78 since each citizen's own start, as the trial measured T1/T2; only those "
        "observed that long have a value (NaN otherwise), so the denominator is those "
        "observed at week 78 — the same citizens as the weekly table's n at own week 78")
_END = ("each citizen's last observed week (hours_end, NaN until then): the end of a trial "
        "follow-up, the horizon in calendar mode")
_PROJECT = "first reached within the project window (model/observe/outcomes.in_project)"
_DKK = ("kroner summed over each citizen's observed weeks (model/observe/accounting.py), "
        "averaged over the group's citizens")
_STAFF = ("per arm × municipality × role over the run's weeks "
          "(model/observe/tables.staff_table); the staff table has no benefit groups")
_FUNNEL = ("per arm × benefit over weeks since own start (model/observe/tables.funnel_table); the "
           "table holds no counts, so groups are shown apart")
_COMPANY = ("per arm × sector × task level, summed over the run "
            "(model/observe/tables.companies_table)")
_PERSON = "one citizen's value in one week since own start (journeys/panel rows)"


def _staff(num: str, over: Over, pool: Pool, why: str = _STAFF,
           also: tuple[Table, ...] = ()) -> Basis:
    return Basis(Table.staff, num, over, WeekBasis.calendar, Pool.not_split, pool, why,
                 also=also)


def _funnel(num: str, over: Over) -> Basis:
    return Basis(Table.funnel, num, over, WeekBasis.own, Pool.not_pooled, Pool.not_split,
                 _FUNNEL)


def _person(num: str) -> Basis:
    return Basis(Table.person, num, Over.citizen, WeekBasis.own, Pool.citizens, Pool.citizens,
                 _PERSON)


_DECLARED: Final[dict[str, Basis]] = {
    # --- outcomes.parquet
    "share_with_hours_w78": _outcome("hours_w78", Over.observed, WeekBasis.own, _W78,
                                     MEASURE_WEEK, "share_wage_hours"),
    "mean_wage_hours_w78": _outcome("hours_w78", Over.observed, WeekBasis.own, _W78,
                                    MEASURE_WEEK, "mean_wage_hours"),
    "share_with_hours_end": _outcome("hours_end", Over.observed, WeekBasis.end, _END),
    "mean_wage_hours_end": _outcome("hours_end", Over.observed, WeekBasis.end, _END),
    "share_with_hours_end_stock": _outcome("hours_end", Over.observed, WeekBasis.end,
                                           _END + "; the citizens on the caseload at the "
                                           "change (cohort 'stock', calendar mode only)"),
    "share_with_hours_end_inflow": _outcome("hours_end", Over.observed, WeekBasis.end,
                                            _END + "; the citizens who arrived after the "
                                            "change (cohort 'inflow', calendar mode only)"),
    "ever_hours_share": _outcome("ever_hours", Over.all, WeekBasis.followup,
                                 "ordinary hours " + _PROJECT),
    "ever_hours_share_followup": _outcome("ever_hours_followup", Over.all, WeekBasis.followup),
    "placement13_share": _outcome("placement13", Over.all, WeekBasis.followup),
    "placement13_share_project": _outcome("placement13_project", Over.all, WeekBasis.followup,
                                          "13 placement weeks " + _PROJECT),
    "placement13_with_hours_share": _outcome(
        "placement13_with_hours", Over.placed13, WeekBasis.followup,
        "among those with 13 placement weeks (the trial's '… of these')"),
    "placement13_with_hours_share_project": _outcome(
        "placement13_with_hours_project", Over.placed13, WeekBasis.followup,
        "among those with 13 placement weeks in the project window"),
    "share_contact_changed": _outcome("contact_changes", Over.all, WeekBasis.end),
    "mean_contact_changes": _outcome("contact_changes", Over.all, WeekBasis.end),
    "hours_hazard_ratio_after_change": _outcome(
        "first_hours_week", Over.weeks_at_risk, WeekBasis.own,
        "events per week at risk within 13-week strata of own weeks, pooled over strata "
        "(model/observe/outcomes.hours_hazard_ratio_after_change); never averaged from groups"),
    "n_citizens": _outcome(ROWS, Over.none, WeekBasis.followup, "the group's citizens counted"),
    **{f"share_status_{s}_end": _outcome("status_end", Over.all, WeekBasis.end)
       for s in STATUS_KEYS},
    **{f"dkk_{k}_per_citizen": _outcome(f"dkk_{k}", Over.all, WeekBasis.followup, _DKK)
       for k in ("benefit", "wages", "flexjob", "pension", "staff")},
    "dkk_public_net_per_citizen": _outcome(
        "dkk_staff + dkk_benefit + dkk_flexjob + dkk_pension", Over.all, WeekBasis.followup,
        _DKK + "; the net public cost adds staff, benefit, flexjob subsidy and pension"),
    # --- weekly.parquet: recorder sums over the cell's citizens
    "share_wage_hours": _weekly("wage_hours_any"),
    "mean_wage_hours": _weekly("wage_hours"),
    "mean_wage_hours_if_any": _weekly("wage_hours", Over.with_hours),
    "share_in_placement": _weekly("in_placement"),
    **{f"share_{s}": _weekly(f"status_{s}") for s in STATUS_KEYS},
    "mean_self_efficacy": _weekly("self_efficacy"),
    "mean_mental_health": _weekly("mental_health"),
    "mean_trust": _weekly("trust"),
    "mean_capacity": _weekly("capacity"),
    "share_contacted": _weekly("contacted"),
    "share_contact_changed_ever": _weekly("contact_changed_ever"),
    "mean_known": _weekly("known"),
    "mean_placement_fit": _weekly("placement_fit", Over.in_placement),
    "mean_job_fit": _weekly("job_fit", Over.with_hours),
    # --- staff.parquet
    "mean_caseload": _staff(
        "caseload", Over.professionals, Pool.professionals,
        _STAFF + "; outcomes.parquet repeats it per arm × municipality as the mean over "
        "the professionals regardless of role (T5, as the trial measured it), the same for "
        "every benefit group",
        (Table.outcomes,)),
    "contact_hours_per_citizen_week": _staff("contact_weeks × hours_per_contact",
                                             Over.citizen_weeks, Pool.denominator),
    "handovers_per_100_citizens": _staff("handovers", Over.all, Pool.denominator),
    "fte": _staff("fte", Over.none, Pool.summed),
    "net_hours_per_fte": _staff("net_hours", Over.fte, Pool.fte),
    "company_knowledge": _staff("knowledge", Over.professionals, Pool.professionals),
    "unused_hours": _staff("time_available − time_served", Over.fte, Pool.fte),
    **{f"hours_{k}": _staff(f"time_served[{k}]", Over.fte, Pool.fte) for k in TASK_KEYS},
    **{f"served_{k}": _staff(f"time_served[{k}]", Over.demand, Pool.not_pooled)
       for k in TASK_KEYS},
    # --- funnel.parquet
    "reached_share": _funnel("stage_week", Over.all),
    "mean_weeks_to_reach": _funnel("stage_week", Over.reached),
    "mean_weeks_stalled": _funnel("stage_week", Over.passed_gates),
    "stalled_share": _funnel("stage_week", Over.all),
    # --- companies.parquet
    "conversion_rate": Basis(Table.companies, "conversions", Over.placements,
                             WeekBasis.calendar, Pool.not_split, Pool.not_split,
                             _COMPANY + "; conversions per placement, pooled as their sums"),
    "wage_hours_end": Basis(Table.companies, "wage_hours", Over.none, WeekBasis.calendar,
                            Pool.not_split, Pool.not_split,
                            _COMPANY + "; paid hours of the working citizens at the run's end"),
    # --- journeys.parquet / panel.parquet
    **{col: _person(col) for col in ("wage_hours", "placement_hours", "self_efficacy",
                                     "mental_health", "trust", "capacity")},
}

BASES: Final[Mapping[str, Basis]] = {name: _DECLARED[name] for name in names()
                                     if name in _DECLARED}
"""Every declared metric's basis, in the registry's order."""


def basis(name: str) -> Basis:
    """The basis of metric ``name``; a ``KeyError`` naming it otherwise."""
    try:
        return BASES[name]
    except KeyError:
        raise KeyError(f"metric {name!r} declares no basis in jobfirst_sim.metric_basis"
                       ) from None


def undeclared() -> list[str]:
    """Registry metrics without a basis, and bases of no registry metric (both must be
    empty: the completeness test)."""
    registry = names()
    return ([n for n in registry if n not in _DECLARED]
            + [n for n in _DECLARED if n not in registry])


def count_columns(name: str) -> tuple[str, ...]:
    """The weekly-table columns whose product is the count ``name`` is taken over (empty
    for a metric that is not pooled by its denominator in a weekly table)."""
    b = basis(name)
    if b.table is not Table.weekly or b.benefits is not Pool.denominator:
        return ()
    return COUNT_COLUMNS[b.denominator]
