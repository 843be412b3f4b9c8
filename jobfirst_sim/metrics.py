"""The one registry of every metric the project shows: unit, direction, share-ness, bounds.

Why one registry: the run report, the sweep report, the browser and the ``explain`` page
all show the same metrics (the per-run outcomes of ``outcomes.parquet``, the weekly
columns of ``weekly.parquet``, the staff, funnel and company columns, a citizen's journey
columns). Each used to decide on its own whether a metric is a share (and so drawn in
per cent, cut at 1 and differenced in percentage points) by reading its name, and the
three readings disagreed (``placement13_share_project``). Here each metric is declared
once, so a figure, a table and a sentence cannot describe the same number differently.
:func:`describe` fails with a clear message for a name that is not declared; :func:`find`
is for callers that show arbitrary columns.

The words are not here: a metric's label, its sentence phrase, its unit and the wording of
the design *levers* (``lever_label``: the sweep report, the explain page and the explain
text name a lever the same way) are read from the catalog (``words/metrics.yaml``, by
:func:`jobfirst_sim.words.t`), and the statuses and tasks that metrics are made for are
the domain's (:mod:`jobfirst_sim.domain`). What each metric is taken over (numerator,
denominator, week basis, pooling) is declared beside it in :mod:`jobfirst_sim.metric_basis`
and pooled by :mod:`jobfirst_sim.pooling`.

Bottom utility: imports only the bottom modules :mod:`~jobfirst_sim.domain` and
:mod:`~jobfirst_sim.words`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

import pandas as pd

from jobfirst_sim.domain import STATUSES, TASKS, SupportStatus
from jobfirst_sim.words import has, t


class Direction(StrEnum):
    """Which way is better, for colouring, ranking and wording (``info``: neither)."""

    more = "more"
    less = "less"
    info = "info"


class Unit(StrEnum):
    """What a metric's number counts."""

    share = "share"
    hours = "hours"
    weeks = "weeks"
    score = "score"
    citizens = "citizens"
    number = "number"
    rate = "rate"
    dkk = "dkk"


_BARE_UNITS: Final = frozenset({Unit.score, Unit.number, Unit.rate})
"""Units shown without a word after the number (the others: ``unit_<unit>`` in the catalog)."""

MAX_WEEKLY_HOURS: Final = 37.0
"""A full-time Danish working week: the upper bound of any weekly-hours metric."""


Fill = tuple[tuple[str, str], ...]
"""(placeholder, catalog key of the word put in it) of a label made from a template."""


@dataclass(frozen=True)
class Metric:
    """One metric as the project shows it; its label is the catalog word ``words`` (by
    default ``metric_<name>``), with each placeholder filled by the word of a catalog key
    (``fill``: placeholder -> key), so a metric made per status or per task reuses the
    status's or the task's own words."""

    name: str
    unit: Unit
    direction: Direction
    low: float | None = 0.0
    high: float | None = None
    words: str = ""
    fill: Fill = ()

    @property
    def is_share(self) -> bool:
        """Shares are drawn in per cent, cut at [0, 1], differenced in percentage points."""
        return self.unit is Unit.share

    def label(self, lang: str) -> str:
        """The metric's label in ``lang`` (``da`` or ``en``)."""
        values = {slot: t(key, lang) for slot, key in self.fill}
        return t(self.words or f"metric_{self.name}", lang, **values)

    def unit_text(self, lang: str) -> str:
        """The short unit text after a number (``%``, ``t/uge``, ``h/week``; "" for none)."""
        return "" if self.unit in _BARE_UNITS else t(f"unit_{self.unit.value}", lang)


def _share(name: str, direction: Direction = Direction.more, words: str = "",
           fill: Fill = ()) -> Metric:
    return Metric(name, Unit.share, direction, 0.0, 1.0, words, fill)


def _hours(name: str, direction: Direction = Direction.more, words: str = "",
           fill: Fill = ()) -> Metric:
    return Metric(name, Unit.hours, direction, 0.0, MAX_WEEKLY_HOURS, words, fill)


def _dkk(name: str, direction: Direction = Direction.info) -> Metric:
    return Metric(name, Unit.dkk, direction, 0.0, None)


def _score(name: str) -> Metric:
    return Metric(name, Unit.score, Direction.more, 0.0, 1.0)


M, L, INFO = Direction.more, Direction.less, Direction.info

_STATUS_DIRECTION: Final[Mapping[SupportStatus, Direction]] = {
    SupportStatus.full_support: L, SupportStatus.self_sufficient: M}
"""Which way is better for the share in a status; the other statuses are neither."""

STATUS_KEYS: Final = STATUSES
"""The support statuses metrics are named after (``share_<status>``,
``share_status_<status>_end``): the domain's, in its order."""

TASK_KEYS: Final = TASKS
"""The tasks metrics are named after (``hours_<task>``, ``served_<task>``): the domain's,
in its order (staff.parquet's columns)."""


def _status_direction(status: str) -> Direction:
    return _STATUS_DIRECTION.get(SupportStatus(status), INFO)


_METRICS: Final[tuple[Metric, ...]] = (
    # --- outcomes.parquet: one value per run, arm, benefit group and municipality
    _share("share_with_hours_w78"),
    _hours("mean_wage_hours_w78"),
    # read in each citizen's last observed week: the end of follow-up of a trial cohort,
    # the horizon in calendar mode (the same meaning in both)
    _share("share_with_hours_end"),
    _hours("mean_wage_hours_end"),
    _share("share_with_hours_end_stock"),
    _share("share_with_hours_end_inflow"),
    _share("ever_hours_share"),
    _share("ever_hours_share_followup"),
    _share("placement13_share"),
    _share("placement13_share_project"),
    _share("placement13_with_hours_share"),
    _share("placement13_with_hours_share_project"),
    _share("share_contact_changed", L),
    Metric("mean_contact_changes", Unit.number, L),
    Metric("hours_hazard_ratio_after_change", Unit.number, INFO),
    Metric("n_citizens", Unit.citizens, INFO),
    *(_share(f"share_status_{s}_end", _status_direction(s), "status_at_end",
             (("status", s),)) for s in STATUS_KEYS),
    # kroner per citizen over the citizen's observed weeks (economics:, docs/model.md Kroner)
    _dkk("dkk_benefit_per_citizen", L),
    _dkk("dkk_wages_per_citizen", M),
    _dkk("dkk_flexjob_per_citizen"),
    _dkk("dkk_pension_per_citizen"),
    _dkk("dkk_staff_per_citizen"),
    _dkk("dkk_public_net_per_citizen", L),
    # --- weekly.parquet: per replication, arm, benefit group and week since start
    _share("share_wage_hours"),
    _hours("mean_wage_hours"),
    _hours("mean_wage_hours_if_any"),
    _share("share_in_placement", INFO),
    *(_share(f"share_{s}", _status_direction(s), s) for s in STATUS_KEYS),
    _score("mean_self_efficacy"),
    _score("mean_mental_health"),
    _score("mean_trust"),
    _hours("mean_capacity"),
    _share("share_contacted"),
    _share("share_contact_changed_ever", L),
    _score("mean_known"),
    _score("mean_placement_fit"),
    _score("mean_job_fit"),
    # --- staff.parquet (mean_caseload is also an outcomes metric, T5)
    Metric("mean_caseload", Unit.citizens, INFO),
    _hours("contact_hours_per_citizen_week"),
    Metric("handovers_per_100_citizens", Unit.number, L),
    Metric("fte", Unit.number, INFO),
    _hours("net_hours_per_fte", INFO),
    _score("company_knowledge"),
    _hours("unused_hours", INFO),
    *(_hours(f"hours_{k}", INFO, "task_hours_per_fte", (("task", f"task_text_{k}"),))
      for k in TASK_KEYS),
    *(_share(f"served_{k}", M, "task_demand_met", (("task", f"task_text_{k}"),))
      for k in TASK_KEYS),
    # --- funnel.parquet
    _share("reached_share"),
    Metric("mean_weeks_to_reach", Unit.weeks, L),
    Metric("mean_weeks_stalled", Unit.weeks, L),
    _share("stalled_share", L),
    # --- companies.parquet (conversion_rate is derived: conversions per placement)
    _share("conversion_rate"),
    Metric("wage_hours_end", Unit.hours, M),  # summed over citizens: no 37 cap
    # --- journeys.parquet / panel.parquet: one citizen's week
    _hours("wage_hours"),
    _hours("placement_hours", INFO),
    _score("self_efficacy"),
    _score("mental_health"),
    _score("trust"),
    _hours("capacity"),
)

REGISTRY: Final[Mapping[str, Metric]] = {m.name: m for m in _METRICS}

HEADLINE: Final = "share_with_hours_end"
"""The one headline metric every command, page and the workshop lead with by default: the
share of citizens with ordinary hours at the horizon (each citizen's last observed week:
the end of a trial follow-up, the horizon in calendar time), over those observed there
(:mod:`jobfirst_sim.metric_basis`). ``--metric`` chooses another outcome metric."""

WEEKLY_KEYS: Final = ("point", "replication", "arm", "benefit", "week", "date", "n")
"""Columns of ``weekly.parquet`` that identify a row (or weigh it), not metrics."""


def describe(name: str) -> Metric:
    """The declared metric ``name``; a ``KeyError`` naming close matches otherwise."""
    try:
        return REGISTRY[name]
    except KeyError:
        close = difflib.get_close_matches(name, list(REGISTRY), n=3, cutoff=0.8)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise KeyError(f"unknown metric {name!r}: not in jobfirst_sim.metrics{hint}") from None


def find(name: str) -> Metric | None:
    """The declared metric ``name`` or ``None`` (for callers that show arbitrary columns)."""
    return REGISTRY.get(name)


def is_share(name: str) -> bool:
    """Whether ``name`` is a declared share (unknown names are not shares)."""
    m = REGISTRY.get(name)
    return m is not None and m.is_share


def label(name: str, lang: str) -> str:
    """The metric's label in ``lang``; raises like :func:`describe` for unknown names."""
    return describe(name).label(lang)


def phrase(name: str, lang: str) -> str:
    """How a sentence names the metric after its number (``phrase_<name>`` in the catalog;
    its label in lower case when no phrase is declared), so "23,6 % med ordinære timer i
    uge 78" reads as a sentence."""
    if has(f"phrase_{name}"):
        return t(f"phrase_{name}", lang)
    text = label(name, lang)
    return text[:1].lower() + text[1:]


def bounds(name: str, *, difference: bool = False) -> tuple[float | None, float | None]:
    """What ``name`` (or, with ``difference``, the difference of two of its values) can be.

    The registry's bounds (a share in [0, 1], weekly hours in [0, 37]); a difference of a
    metric bounded on both sides spans ±(high − low) and is open otherwise; an undeclared
    name is unbounded. Why here: every page cuts intervals at what a quantity can be (a
    t-interval from two or three replications runs far past them), with one rule.
    """
    m = REGISTRY.get(name)
    if m is None:
        return None, None
    if not difference:
        return m.low, m.high
    if m.low is None or m.high is None:
        return None, None
    span = m.high - m.low
    return -span, span


def clip_interval(name: str, low: float, high: float, *, difference: bool = False
                  ) -> tuple[float, float]:
    """``(low, high)`` cut at :func:`bounds` (NaN stays NaN: no interval stays no interval)."""
    lo_b, hi_b = bounds(name, difference=difference)
    if lo_b is not None and low == low:
        low = max(low, lo_b)
    if hi_b is not None and high == high:
        high = min(high, hi_b)
    return low, high


def names() -> list[str]:
    """Every declared metric name, in declaration order."""
    return list(REGISTRY)


def undeclared(columns: Iterable[str]) -> list[str]:
    """Names among ``columns`` that are not declared (for completeness tests and checks)."""
    return [c for c in columns if c not in REGISTRY]


# ---------------------------------------------------------------------------- levers

def lever_label(name: str, lang: str) -> str:
    """A lever's name in the guide's words (``lever_<lever>`` in the catalog).

    Accepts a dotted scenario path (``arms.jobfirst.organisation.caseload``: its last part
    is the lever) and joined explain levers (``a+b``); an unknown lever shows its field
    name with spaces, so a new lever still reads rather than failing.
    """
    key = name.rsplit(".", 1)[-1]
    if has(f"lever_{key}"):
        return t(f"lever_{key}", lang)
    parts = key.split("+")
    if len(parts) > 1:
        return " + ".join(lever_label(p, lang) for p in parts)
    path = name.split(".")
    if len(path) >= 2 and path[0] == "behaviour":
        # a mechanism parameter: its section names what the last part is the "rate" of
        return " ".join(path[-2:]).replace("_", " ")
    return key.replace("_", " ")


def outcome_values(outcomes: pd.DataFrame, specs: Mapping[str, Mapping[str, object]]
                   ) -> pd.DataFrame:
    """Per-run values of declared sweep outcomes: columns point, replication, outcome, value.

    ``outcomes`` holds rows of ``outcomes.parquet`` (point, replication, arm, benefit,
    municipality, metric, value); each spec names ``metric``, ``arm`` and optionally
    ``benefit``, ``municipality`` (default ``all``) and ``minus_arm``, whose value is
    subtracted within the same run (the paired difference common random numbers make
    precise). Why here: the sweep analysis and the sweep report both turn declared outcomes
    into values, and must agree.
    """
    frames = []
    for name, s in specs.items():
        sel = outcomes[(outcomes["metric"] == s.get("metric"))
                       & (outcomes["benefit"] == s.get("benefit", "all"))
                       & (outcomes["municipality"] == s.get("municipality", "all"))]
        a = sel[sel["arm"] == s.get("arm")].set_index(["point", "replication"])["value"]
        minus = s.get("minus_arm")
        if minus:
            a = a - sel[sel["arm"] == minus].set_index(["point", "replication"])["value"]
        frame = a.rename("value").reset_index()
        frame.insert(2, "outcome", name)
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["point", "replication", "outcome", "value"])
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["outcome", "point", "replication"], kind="stable").reset_index(
        drop=True)
