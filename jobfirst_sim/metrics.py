"""The one registry of every metric the project shows: unit, direction, share-ness, labels.

Why one registry: the run report, the sweep report, the browser and the ``explain`` page
all show the same metrics (the per-run outcomes of ``outcomes.parquet``, the weekly
columns of ``weekly.parquet``, the staff, funnel and company columns, a citizen's journey
columns). Each used to decide on its own whether a metric is a share (and so drawn in
per cent, cut at 1 and differenced in percentage points) by reading its name, and the
three readings disagreed (``placement13_share_project``). Here each metric is declared
once, with its Danish and English label, so a figure, a table and a sentence cannot
describe the same number differently. :func:`describe` fails with a clear message for a
name that is not declared; :func:`find` is for callers that show arbitrary columns.

The registry also holds the wording of the design *levers* (``lever_label``), so the
sweep report, the explain page and the explain text name a lever the same way. What each
metric is taken over (numerator, denominator, week basis, pooling) is declared beside it
in :mod:`jobfirst_sim.metric_basis` and pooled by :mod:`jobfirst_sim.pooling`.

Bottom utility: imports nothing from the package.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

import pandas as pd


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


#: unit -> (Danish, English) short text after a number ("" for shares: shown as %)
UNIT_TEXT: Final[dict[Unit, tuple[str, str]]] = {
    Unit.share: ("%", "%"),
    Unit.hours: ("t/uge", "h/week"),
    Unit.weeks: ("uger", "weeks"),
    Unit.score: ("", ""),
    Unit.citizens: ("borgere", "citizens"),
    Unit.number: ("", ""),
    Unit.rate: ("", ""),
    Unit.dkk: ("kr.", "DKK"),
}

MAX_WEEKLY_HOURS: Final = 37.0
"""A full-time Danish working week: the upper bound of any weekly-hours metric."""


@dataclass(frozen=True)
class Metric:
    """One metric as the project shows it."""

    name: str
    unit: Unit
    direction: Direction
    da: str
    en: str
    low: float | None = 0.0
    high: float | None = None

    @property
    def is_share(self) -> bool:
        """Shares are drawn in per cent, cut at [0, 1], differenced in percentage points."""
        return self.unit is Unit.share

    def label(self, lang: str) -> str:
        """The metric's label in ``lang`` (``da`` or ``en``)."""
        return self.da if lang == "da" else self.en

    def unit_text(self, lang: str) -> str:
        """The short unit text after a number (``%``, ``t/uge``, ``h/week``)."""
        da, en = UNIT_TEXT[self.unit]
        return da if lang == "da" else en


def _share(name: str, da: str, en: str, direction: Direction = Direction.more) -> Metric:
    return Metric(name, Unit.share, direction, da, en, 0.0, 1.0)


def _hours(name: str, da: str, en: str, direction: Direction = Direction.more) -> Metric:
    return Metric(name, Unit.hours, direction, da, en, 0.0, MAX_WEEKLY_HOURS)


def _dkk(name: str, da: str, en: str, direction: Direction = Direction.info) -> Metric:
    return Metric(name, Unit.dkk, direction, da, en, 0.0, None)


def _score(name: str, da: str, en: str) -> Metric:
    return Metric(name, Unit.score, Direction.more, da, en, 0.0, 1.0)


M, L, INFO = Direction.more, Direction.less, Direction.info

_STATUSES: Final = (
    ("full_support", "Fuld forsørgelse", "Full support", L),
    ("partial_support", "Delvis forsørgelse", "Partial support", INFO),
    ("self_sufficient", "Selvforsørgende", "Self-sufficient", M),
    ("flexjob", "Fleksjob", "Flexjob", INFO),
    ("disability_pension", "Førtidspension", "Disability pension", INFO),
    ("other_exit", "Anden afgang", "Other exit", INFO),
)

_TASKS: Final = (
    ("casework", "myndighedsarbejde", "legal casework"),
    ("followup", "opfølgning på arbejdspladsen", "workplace follow-up"),
    ("contact", "samtaler med borgeren", "citizen contacts"),
    ("mentoring", "mentorstøtte", "mentoring"),
    ("coordination", "koordinering i makkerskabet", "coordination in the pair"),
    ("outreach", "virksomhedskontakt", "company outreach"),
    ("joint", "fælles samtaler og besøg i makkerskabet", "joint meetings and visits in the pair"),
)
"""The tasks of the professional's week (staff.parquet ``hours_<task>``, ``served_<task>``)."""

_METRICS: Final[tuple[Metric, ...]] = (
    # --- outcomes.parquet: one value per run, arm, benefit group and municipality
    _share("share_with_hours_w78", "Andel med ordinære timer, uge 78",
           "Share with ordinary hours, week 78"),
    _hours("mean_wage_hours_w78", "Ordinære timer pr. uge, uge 78",
           "Ordinary hours per week, week 78"),
    # read in each citizen's last observed week: the end of follow-up of a trial cohort,
    # the horizon in calendar mode (the same meaning in both)
    _share("share_with_hours_end", "Andel med ordinære timer ved opfølgningens slutning",
           "Share with ordinary hours at the end of observation"),
    _hours("mean_wage_hours_end", "Ordinære timer pr. uge ved opfølgningens slutning",
           "Ordinary hours per week at the end of observation"),
    _share("share_with_hours_end_stock",
           "Andel med ordinære timer ved horisonten: borgere i sagsstammen ved skiftet",
           "Share with ordinary hours at the horizon: citizens on the caseload at the change"),
    _share("share_with_hours_end_inflow",
           "Andel med ordinære timer ved horisonten: borgere der kom til efter skiftet",
           "Share with ordinary hours at the horizon: citizens who arrived after the change"),
    _share("ever_hours_share", "Andel der har haft ordinære timer",
           "Share ever with ordinary hours"),
    _share("ever_hours_share_followup", "Andel der har haft ordinære timer (hele opfølgningen)",
           "Share ever with ordinary hours (whole follow-up)"),
    _share("placement13_share", "Andel med ≥ 13 sammenhængende ugers praktik",
           "Share with ≥ 13 consecutive placement weeks"),
    _share("placement13_share_project", "Andel med ≥ 13 ugers praktik i projektperioden",
           "Share with ≥ 13 placement weeks during the project"),
    _share("placement13_with_hours_share", "… heraf kombineret med ordinære timer",
           "… of these, combined with ordinary hours"),
    _share("placement13_with_hours_share_project",
           "… heraf kombineret med ordinære timer i projektperioden",
           "… of these, combined with ordinary hours during the project"),
    _share("share_contact_changed", "Andel med skift af kontaktperson",
           "Share with a change of contact", L),
    Metric("mean_contact_changes", Unit.number, L, "Skift af kontaktperson (gns.)",
           "Changes of contact person (mean)"),
    Metric("hours_hazard_ratio_after_change", Unit.number, INFO,
           "Chance for ordinære timer efter skift af kontaktperson (forhold)",
           "Chance of ordinary hours after a change of contact person (ratio)"),
    Metric("n_citizens", Unit.citizens, INFO, "Antal borgere", "Number of citizens"),
    *(_share(f"share_status_{s}_end", f"{da} ved opfølgningens slutning",
             f"{en} at end of follow-up", d) for s, da, en, d in _STATUSES),
    # kroner per citizen over the citizen's observed weeks (economics:, docs/model.md Kroner)
    _dkk("dkk_benefit_per_citizen", "Udbetalt ydelse pr. borger (efter fradrag for løn)",
         "Benefit paid per citizen (after the earnings offset)", L),
    _dkk("dkk_wages_per_citizen", "Løn tjent pr. borger", "Wages earned per citizen", M),
    _dkk("dkk_flexjob_per_citizen", "Fleksløntilskud pr. borger",
         "Flexjob subsidy per citizen"),
    _dkk("dkk_pension_per_citizen", "Førtidspension pr. borger",
         "Disability pension per citizen"),
    _dkk("dkk_staff_per_citizen", "Personaleudgift pr. borger", "Staff cost per citizen"),
    _dkk("dkk_public_net_per_citizen", "Offentlig nettoudgift pr. borger",
         "Net public cost per citizen", L),
    # --- weekly.parquet: per replication, arm, benefit group and week since start
    _share("share_wage_hours", "Andel med ordinære timer", "Share with ordinary hours"),
    _hours("mean_wage_hours", "Ordinære timer pr. uge (gns., alle)",
           "Ordinary hours/week (mean, all)"),
    _hours("mean_wage_hours_if_any", "Ordinære timer pr. uge blandt dem med timer",
           "Ordinary hours/week among those with hours"),
    _share("share_in_placement", "Andel i virksomhedspraktik", "Share in company placement",
           INFO),
    *(_share(f"share_{s}", da, en, d) for s, da, en, d in _STATUSES),
    _score("mean_self_efficacy", "Mestringstro (gns.)", "Self-efficacy (mean)"),
    _score("mean_mental_health", "Mentalt helbred (gns.)", "Mental health (mean)"),
    _score("mean_trust", "Tillid til kontaktperson (gns.)", "Trust in contact person (mean)"),
    _hours("mean_capacity", "Bæredygtige timer pr. uge (gns.)",
           "Sustainable hours/week (mean)"),
    _share("share_contacted", "Andel med kontakt i ugen", "Share contacted that week"),
    _share("share_contact_changed_ever", "Andel der har skiftet kontaktperson",
           "Share who changed contact person", L),
    _score("mean_known", "Kontaktpersonens kendskab til borgeren (gns.)",
           "Contact person's knowledge of the citizen (mean)"),
    _score("mean_placement_fit", "Matchkvalitet i praktik (gns. blandt dem i praktik)",
           "Match quality of placements (mean among those in placement)"),
    _score("mean_job_fit", "Matchkvalitet i job (gns. blandt dem med timer)",
           "Match quality of jobs (mean among those with hours)"),
    # --- staff.parquet (mean_caseload is also an outcomes metric, T5)
    Metric("mean_caseload", Unit.citizens, INFO, "Borgere pr. medarbejder",
           "Citizens per professional"),
    _hours("contact_hours_per_citizen_week", "Kontakttimer pr. borger pr. uge",
           "Contact hours per citizen per week"),
    Metric("handovers_per_100_citizens", Unit.number, L, "Overdragelser pr. 100 borgere",
           "Handovers per 100 citizens"),
    Metric("fte", Unit.number, INFO, "Årsværk", "Full-time equivalents (FTE)"),
    _hours("net_hours_per_fte", "Nettotimer pr. årsværk pr. uge",
           "Net hours per FTE per week", INFO),
    _score("company_knowledge", "Kendskab til lokale virksomheder",
           "Knowledge of local companies"),
    _hours("unused_hours", "Ubrugte timer pr. årsværk pr. uge", "Unused hours per FTE per week",
           INFO),
    *(_hours(f"hours_{k}", f"Timer pr. årsværk pr. uge: {da}", f"Hours per FTE per week: {en}",
             INFO) for k, da, en in _TASKS),
    *(_share(f"served_{k}", f"Andel af behovet dækket: {da}", f"Share of demand met: {en}")
      for k, da, en in _TASKS),
    # --- funnel.parquet
    _share("reached_share", "Andel der når trinnet", "Share reaching the stage"),
    Metric("mean_weeks_to_reach", Unit.weeks, L, "Uger til trinnet", "Weeks to the stage"),
    Metric("mean_weeks_stalled", Unit.weeks, L, "Uger stået stille før trinnet",
           "Weeks stalled before the stage"),
    _share("stalled_share", "Andel der står stille", "Share stalled", L),
    # --- companies.parquet (conversion_rate is derived: conversions per placement)
    _share("conversion_rate", "Konverteringsrate", "Conversion rate"),
    Metric("wage_hours_end", Unit.hours, M, "Løntimer pr. uge ved opfølgningens slutning",
           "Paid hours per week at the end of follow-up"),  # summed over citizens: no 37 cap
    # --- journeys.parquet / panel.parquet: one citizen's week
    _hours("wage_hours", "Ordinære timer", "Ordinary hours"),
    _hours("placement_hours", "Praktiktimer", "Placement hours", INFO),
    _score("self_efficacy", "Mestringstro", "Self-efficacy"),
    _score("mental_health", "Mentalt helbred", "Mental health"),
    _score("trust", "Tillid", "Trust"),
    _hours("capacity", "Arbejdsevne (timer)", "Work capacity (hours)"),
)

REGISTRY: Final[Mapping[str, Metric]] = {m.name: m for m in _METRICS}

STATUS_KEYS: Final = tuple(s for s, *_ in _STATUSES)
"""The support statuses metrics are named after (``share_<status>``,
``share_status_<status>_end``)."""

TASK_KEYS: Final = tuple(k for k, *_ in _TASKS)
"""The tasks metrics are named after (``hours_<task>``, ``served_<task>``)."""

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


#: Sentence-style phrases for the "In short" line (after a number): (Danish, English).
PHRASES: Final[Mapping[str, tuple[str, str]]] = {
    "share_with_hours_w78": ("med ordinære timer i uge 78", "with ordinary hours in week 78"),
    "mean_wage_hours_w78": ("ordinære timer i uge 78 (gennemsnit for alle)",
                            "ordinary hours in week 78 (mean over all)"),
    "share_with_hours_end": ("med ordinære timer ved opfølgningens slutning",
                             "with ordinary hours at the end of observation"),
    "mean_wage_hours_end": ("ordinære timer ved opfølgningens slutning (gennemsnit for alle)",
                            "ordinary hours at the end of observation (mean over all)"),
    "ever_hours_share": ("har haft ordinære timer", "ever with ordinary hours"),
    "placement13_share": ("med mindst 13 ugers praktik i træk",
                          "with at least 13 consecutive placement weeks"),
}


def phrase(name: str, lang: str) -> str:
    """How a sentence names the metric after its number (its label in lower case when no
    phrase is declared), so "23,6 % med ordinære timer i uge 78" reads as a sentence."""
    if name in PHRASES:
        da, en = PHRASES[name]
        return da if lang == "da" else en
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

#: lever (last part of a dotted scenario path, or an explain lever) -> (Danish, English),
#: in the words of the method guide. One wording per lever for every page.
LEVERS: Final[Mapping[str, tuple[str, str]]] = {
    "role_model": ("Makkerskab i stedet for BUM", "Partnership instead of BUM"),
    "jobformidler": ("Jobformidlere", "Jobformidlere (consultant and mentor merged)"),
    "role_model+jobformidler": ("Makkerskab med jobformidlere",
                                "Partnership with jobformidlere"),
    "caseload": ("Sagsstamme", "Caseload"),
    "weekly_hours": ("Ugentlig arbejdstid", "Weekly working hours"),
    "staff": ("Medarbejdere (årsværk pr. rolle)", "Staff (FTE per role)"),
    "hours_per_contact": ("Tid pr. kontakt", "Time per contact"),
    "colocated": ("Samsiddende makkere", "Co-located partners"),
    "contact_interval_weeks": ("Hyppigere samtaler med borgeren",
                               "More frequent contact with the citizen"),
    "practice_by_benefit": ("Egen praksis for en ydelsesgruppe",
                            "Own practice for one benefit group"),
    "staff_turnover_per_year": ("Personaleudskiftning", "Staff turnover"),
    "referral_delay_weeks": ("Ventetid ved henvisning", "Referral waiting time"),
    "hours_dialogue_from_start": ("Ordinære timer på dagsordenen fra start",
                                  "Ordinary hours on the agenda from the start"),
    "cv_at_start": ("CV fra første samtale", "CV from the first conversation"),
    "social_effort": ("Parallel social- og sundhedsindsats", "Parallel social/health effort"),
    "readiness_threshold": ("Parathedskrav før virksomhedskontakt",
                            "Readiness required before company contact"),
    "purpose_mix": ("Fordeling af praktikkens formål", "Mix of placement purposes"),
    "purpose_explicit": ("Tydeligt formål med praktikken", "Explicit placement purpose"),
    "work_agreement": ("Arbejdsaftale", "Work agreement"),
    "company_contact_required": ("Fast kontaktperson i virksomheden",
                                 "Fixed contact person at the company"),
    "followup_interval_weeks": ("Hyppigere opfølgning på arbejdspladsen",
                                "Follow-up interval at the workplace"),
    "weeks_without_hours_before_switch": ("Skift virksomhed, hvis timerne udebliver",
                                          "Switch company when hours do not come"),
    "aftercare_lifeline": ("Livline efter job", "Aftercare lifeline"),
    "production_steering": ("Produktionsstyring", "Production steering"),
}


def lever_label(name: str, lang: str) -> str:
    """A lever's name in the guide's words.

    Accepts a dotted scenario path (``arms.jobfirst.organisation.caseload``: its last part
    is the lever) and joined explain levers (``a+b``); an unknown lever shows its field
    name with spaces, so a new lever still reads rather than failing.
    """
    key = name.rsplit(".", 1)[-1]
    if key in LEVERS:
        da, en = LEVERS[key]
        return da if lang == "da" else en
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
