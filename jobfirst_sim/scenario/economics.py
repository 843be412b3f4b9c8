"""``economics:`` — the kroner rates that price a run: benefits, wages, pensions, staff.

Why a section of its own: managers decide in kroner, and the rates change every year
(satsregulering, pay agreements) and differ by municipality (overhead). The rates never
change what happens in the model; they only turn what it records (weeks on full or partial
support, paid hours, flexjob, disability pension, staff FTEs) into money, so a manager can
set this year's rates with ``--set economics.hourly_wage=150`` or sweep them without
touching a calibrated parameter.

Every default is for price year 2026 and names its source. The issue (#12) gave 2024 or
2025 figures; where a figure was uprated to 2026 the description says so and calls it an
estimate (two years of satsregulering at an assumed 3.0 % a year, ×1.0609, because the
2026 rate tables of bm.dk / borger.dk could not be read offline). Replace the estimates
with the official 2026 tables when they are at hand.

Impossible economics cannot be written: every amount is at least 0 (a negative rate is
refused with its field and range named) and the deduction share lies in [0, 1], so the
benefit after the earnings offset never rises with wages and a krone more in wages never
lowers the citizen's income (docs/model.md, "Kroner").
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from jobfirst_sim.scenario.base import Frozen, Probability

Monthly = Annotated[float, Field(ge=0.0, le=100_000.0)]
"""DKK a month, 0-100,000."""
Yearly = Annotated[float, Field(ge=0.0, le=5_000_000.0)]
"""DKK a year, 0-5,000,000."""


class BenefitRules(Frozen):
    """One benefit group's monthly rate and earnings rule (the offset of wages).

    The model does not know whether a citizen has children, so the rate paid is the
    blend ``(1 − share_with_children) × monthly_without_children + share_with_children ×
    monthly_with_children`` (:attr:`monthly_rate`).
    """

    monthly_without_children: Monthly = Field(
        13_050.0,
        description="Benefit before the earnings offset for a citizen over 30 without "
        "children (DKK a month, 2026 prices; 0-100,000). Kontanthjælp over 30 without "
        "children about 12,300 DKK a month in 2024 (bm.dk / borger.dk satser 2024), uprated "
        "×1.0609 to 2026: an estimate.",
    )
    monthly_with_children: Monthly = Field(
        17_400.0,
        description="Benefit before the earnings offset for a citizen over 30 with children "
        "(DKK a month, 2026 prices; 0-100,000). Kontanthjælp with children about 16,400 DKK "
        "a month in 2024 (bm.dk / borger.dk satser 2024), uprated ×1.0609 to 2026: an "
        "estimate.",
    )
    share_with_children: Probability = Field(
        0.25,
        description="Share of the group's citizens paid the rate with children (0-1). "
        "Estimate: most vulnerable long-term recipients over 30 are single without children "
        "(Danmarks Statistik, KY tables, order of magnitude); not a published figure.",
    )
    disregard_per_month: Monthly = Field(
        2_500.0,
        description="Wages a month left out of the offset (DKK a month, 2025-2026 rule; "
        "0-100,000). The 2025 cash-benefit reform (kontanthjælpsreformen, bm.dk) disregards "
        "the first 2,500 DKK a month of wages.",
    )
    deduction_share: Probability = Field(
        0.65,
        description="Share of wages above the disregard deducted from the benefit (0-1; "
        "above 1 would make income fall with work, below 0 the benefit rise with wages). "
        "2025 cash-benefit reform: 65 % (bm.dk).",
    )

    @property
    def monthly_rate(self) -> float:
        """The blended monthly rate before the offset (DKK a month)."""
        s = self.share_with_children
        return (1.0 - s) * self.monthly_without_children + s * self.monthly_with_children


class StaffCosts(Frozen):
    """Full cost of one full-time equivalent a year, per role [M §5].

    Full cost = salary + pension + overhead (management, rooms, IT, training). Social-worker
    pay with pension is about 520,000 DKK a year in 2025 (Moderniseringsstyrelsen /
    Finansministeriet pay statistics, Dansk Socialrådgiverforening's pay agreement); with
    20-30 % overhead that gives 620,000-700,000 DKK. Every default here is an estimate.
    """

    caseworker: Yearly = Field(
        650_000.0,
        description="Full cost of one FTE authority caseworker (myndighedssagsbehandler) "
        "(DKK a year, 2026 prices; 0-5,000,000). Estimate: about 520,000 DKK pay with pension "
        "(2025, Moderniseringsstyrelsen pay statistics) uprated ~3 % plus ~20 % overhead.",
    )
    consultant: Yearly = Field(
        650_000.0,
        description="Full cost of one FTE company consultant (virksomhedskonsulent) (DKK a "
        "year, 2026 prices; 0-5,000,000). Estimate: same pay band as caseworkers "
        "(Moderniseringsstyrelsen pay statistics 2025) plus ~20 % overhead.",
    )
    mentor: Yearly = Field(
        580_000.0,
        description="Full cost of one FTE mentor (DKK a year, 2026 prices; 0-5,000,000). "
        "Estimate: pay with pension about 460,000 DKK (2025, municipal pay statistics, "
        "Moderniseringsstyrelsen / KRL) uprated ~3 % plus ~20 % overhead.",
    )
    jobformidler: Yearly = Field(
        650_000.0,
        description="Full cost of one FTE jobformidler (consultant and mentor merged) (DKK "
        "a year, 2026 prices; 0-5,000,000). Estimate: the consultant's pay band "
        "(Moderniseringsstyrelsen pay statistics 2025) plus ~20 % overhead.",
    )


class Economics(Frozen):
    """The kroner rates that price a run (docs/model.md, "Kroner")."""

    price_year: Annotated[int, Field(ge=2000, le=2100)] = Field(
        2026,
        description="Price year of every amount in this section (a year, 2000-2100). Only "
        "recorded with the results: amounts are not uprated by the model.",
    )
    staff_cost_per_fte: StaffCosts = Field(
        default=StaffCosts(),
        description="Full cost per FTE a year per role (DKK a year): salary, pension and "
        "overhead. Estimates, see the fields.",
    )
    kontanthjaelp: BenefitRules = Field(
        default=BenefitRules(),
        description="Kontanthjælp (cash benefit) over 30: monthly rate and earnings rule "
        "(bm.dk satser; 2025 reform).",
    )
    ressourceforloeb: BenefitRules = Field(
        default=BenefitRules(),
        description="Ressourceforløbsydelse: follows the cash-benefit level and its earnings "
        "offset for citizens who came from kontanthjælp, most of this group (bm.dk); the "
        "same defaults as kontanthjaelp, an estimate for those who came from other benefits.",
    )
    hourly_wage: Annotated[float, Field(ge=0.0, le=2_000.0)] = Field(
        143.0,
        description="Hourly wage of the ordinary hours citizens get (DKK an hour, 2026 "
        "prices; 0-2,000). Industry minimum wage about 140-143 DKK an hour 2025-2026 "
        "(Industriens Overenskomst 2025-2028, minimum pay): the jobs are entry-level.",
    )
    flexjob_subsidy_per_year: Yearly = Field(
        175_000.0,
        description="Flexløntilskud the municipality pays a citizen in flexjob (DKK a year, "
        "2026 prices; 0-5,000,000). Basis: the subsidy is at most 98 % of the highest "
        "dagpenge rate (about 240,000 DKK a year, star.dk 2026, estimate) less 30 % of wages "
        "above a threshold; flexjobbers from this group work few low-paid hours, so most get "
        "close to the maximum less some: estimate.",
    )
    disability_pension_per_year: Yearly = Field(
        259_000.0,
        description="Førtidspension for a single person (DKK a year, 2026 prices; "
        "0-5,000,000). About 244,000 DKK a year in 2024 (borger.dk satser 2024), uprated "
        "×1.0609 to 2026: an estimate.",
    )
