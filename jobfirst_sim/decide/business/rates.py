"""The rates a business case rests on, each with its value, unit, price year and source.

Why a table of its own: a municipal economist checks the rates before the result. The
``economics:`` section carries each source in its field's description (long prose, for the
reference); this lists the rates a case uses and whether each default was uprated or
assumed (an *estimate*), and the words catalog keeps one short line per rate of what was
read where and in which year (``rate_src_<key>``), so a page can show them beside the
case in Danish or English and a test can check that none is missing. Values are read
from the scenario's own ``economics`` (what the run used), never from the defaults, so a
rate set with ``--set`` shows as set, and then as the user's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Final, Literal

from jobfirst_sim.scenario.economics import Economics

Unit = Literal["dkk_month", "dkk_year", "dkk_hour", "dkk_fte", "dkk", "share", "hours"]
"""How a rate is read: an amount (a month, a year, an hour, per FTE, once), a share of 1,
or hours a week."""


@dataclass(frozen=True)
class RateSource:
    """One rate of the table: its ``economics`` path, its unit and whether the default is
    an estimate (uprated or assumed) rather than a figure read for the price year. What
    was read where is the words key ``rate_src_<key>`` (Danish and English), its label
    ``rate_<key>``, with ``key`` the path after ``economics.`` and ``.`` as ``_``."""

    path: str
    unit: Unit
    estimate: bool


KH: Final = "economics.kontanthjaelp"
SOURCES: Final = (
    RateSource(f"{KH}.monthly_rate", "dkk_month", True),
    RateSource(f"{KH}.higher_rate", "dkk_month", True),
    RateSource(f"{KH}.basic_rate", "dkk_month", True),
    RateSource(f"{KH}.child_supplement", "dkk_month", True),
    RateSource(f"{KH}.single_provider_supplement", "dkk_month", True),
    RateSource(f"{KH}.single_supplement", "dkk_month", True),
    RateSource(f"{KH}.share_basic_rate", "share", True),
    RateSource(f"{KH}.share_with_children", "share", True),
    RateSource(f"{KH}.share_single_among_providers", "share", True),
    RateSource(f"{KH}.share_single_among_others", "share", True),
    RateSource(f"{KH}.disregard_per_month", "dkk_month", False),
    RateSource(f"{KH}.deduction_share", "share", False),
    RateSource("economics.ressourceforloeb.monthly_rate", "dkk_month", True),
    RateSource("economics.max_dagpenge_per_month", "dkk_month", True),
    RateSource("economics.flexjob.subsidy_share", "share", False),
    RateSource("economics.flexjob.low_reduction", "share", False),
    RateSource("economics.flexjob.high_reduction", "share", False),
    RateSource("economics.flexjob.threshold_per_month", "dkk_month", True),
    RateSource("economics.flexjob.full_time_hours", "hours", False),
    RateSource("economics.hourly_wage", "dkk_hour", False),
    RateSource("economics.disability_pension_per_year", "dkk_year", True),
    RateSource("economics.staff_cost_per_fte.caseworker", "dkk_fte", True),
    RateSource("economics.staff_cost_per_fte.consultant", "dkk_fte", True),
    RateSource("economics.staff_cost_per_fte.mentor", "dkk_fte", True),
    RateSource("economics.staff_cost_per_fte.jobformidler", "dkk_fte", True),
    RateSource("economics.taxes.on_transfers", "share", True),
    RateSource("economics.taxes.on_wages", "share", True),
    RateSource("economics.refusion.after_52", "share", False),
    RateSource("economics.discount_rate", "share", False),
    RateSource("economics.change_costs.recruitment_per_added_fte", "dkk_fte", True),
    RateSource("economics.change_costs.training_per_fte", "dkk_fte", True),
    RateSource("economics.change_costs.co_location", "dkk", True),
)
"""Every rate the business case uses, in the order a page shows them."""


@dataclass(frozen=True)
class Rate:
    """One row of the rates table: the rate's ``key`` (its path after ``economics.``), its
    value in the run, unit, price year (None for a share or hours) and whether the
    default is an estimate."""

    key: str
    value: float
    unit: Unit
    price_year: int | None
    estimate: bool
    changed: bool
    """The run's value differs from the default: the user's own figure, not the source's."""


def rates(economics: Economics) -> list[Rate]:
    """The rates of :data:`SOURCES` as ``economics`` has them."""
    default = Economics()
    out = []
    for s in SOURCES:
        path = s.path.removeprefix("economics.")
        value = float(attrgetter(path)(economics))
        out.append(Rate(path, value, s.unit,
                        economics.price_year if s.unit.startswith("dkk") else None,
                        s.estimate,
                        abs(value - float(attrgetter(path)(default))) > 1e-9))
    return out
