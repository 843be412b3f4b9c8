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

import numpy as np
from pydantic import Field

from jobfirst_sim.scenario.base import Frozen, Probability
from jobfirst_sim.scenario.cash_benefit import BenefitRules as BenefitRules
from jobfirst_sim.scenario.cash_benefit import Monthly

Yearly = Annotated[float, Field(ge=0.0, le=5_000_000.0)]
"""DKK a year, 0-5,000,000."""


class StaffCosts(Frozen):
    """Full cost of one full-time equivalent a year, per role [M §5].

    Full cost = salary + pension + overhead (management, rooms, IT, training). The source
    for municipal staff is the municipal pay statistics: KRL (Kommunernes og Regionernes
    Løndatakontor, SIRKA / krl.dk), which Dansk Socialrådgiverforening publishes as
    "Gennemsnitslønninger for kommuner og regioner" (socialraadgiverne.dk) — not the
    state's pay statistics (Moderniseringsstyrelsen), which cover state employees. The
    2026 KRL figures could not be read here, so every default is an estimate: a municipal
    social worker's pay with pension of about 520,000 DKK a year (2025) plus 20-30 %
    overhead gives 620,000-700,000 DKK. Replace them with your own KRL figures.
    """

    caseworker: Yearly = Field(
        650_000.0,
        description="Full cost of one FTE authority caseworker (myndighedssagsbehandler) "
        "(DKK a year, 2026 prices; 0-5,000,000). Estimate: about 520,000 DKK pay with pension "
        "(2025, municipal social workers; source to use: KRL, SIRKA) uprated ~3 % plus ~20 % "
        "overhead.",
    )
    consultant: Yearly = Field(
        650_000.0,
        description="Full cost of one FTE company consultant (virksomhedskonsulent) (DKK a "
        "year, 2026 prices; 0-5,000,000). Estimate: the caseworkers' pay band (KRL, SIRKA) "
        "plus ~20 % overhead.",
    )
    mentor: Yearly = Field(
        580_000.0,
        description="Full cost of one FTE mentor (DKK a year, 2026 prices; 0-5,000,000). "
        "Estimate: pay with pension about 460,000 DKK (2025, municipal pay statistics, KRL) "
        "uprated ~3 % plus ~20 % overhead.",
    )
    jobformidler: Yearly = Field(
        650_000.0,
        description="Full cost of one FTE jobformidler (consultant and mentor merged) (DKK "
        "a year, 2026 prices; 0-5,000,000). Estimate: the consultant's pay band (KRL, "
        "SIRKA) plus ~20 % overhead.",
    )


class FlexjobRules(Frozen):
    """Flexløntilskud as the law computes it from the citizen's wages (LAB § 123).

    Subsidy a month = ``subsidy_share`` × the highest dagpenge rate − ``low_reduction`` ×
    wages up to ``threshold_per_month`` − ``high_reduction`` × wages above it, never below
    0, and wages plus subsidy never above the full-time wage of the job
    (``full_time_hours`` × the hourly wage). The old flat 175,000 DKK a year is what a
    flexjobber on 143 DKK an hour gets at about 30 hours a week; the model's flexjobbers
    work fewer hours, so most get more (docs/model.md, "Kroner").
    """

    subsidy_share: Probability = Field(
        0.98,
        description="Share of the highest dagpenge rate the subsidy starts from (0-1) "
        "[LAB § 123, stk. 1].",
    )
    low_reduction: Probability = Field(
        0.30,
        description="Share of monthly wages up to the threshold deducted from the subsidy "
        "(0-1) [LAB § 123, stk. 2].",
    )
    high_reduction: Probability = Field(
        0.55,
        description="Share of monthly wages above the threshold deducted from the subsidy "
        "(0-1) [LAB § 123, stk. 2].",
    )
    threshold_per_month: Monthly = Field(
        16_900.0,
        description="Monthly wages up to which the lower reduction applies (DKK a month, "
        "2026 prices; 0-100,000). 14,686 DKK at 2019 level (LAB § 123, stk. 2, elov.dk) and "
        "15,401 DKK in 2022 (slagelse.dk, Fleksløntilskud), uprated ~2.4 % a year to 2026: "
        "an estimate.",
    )
    full_time_hours: Annotated[float, Field(ge=1.0, le=60.0)] = Field(
        37.0,
        description="Hours a week of full time in the job: wages plus subsidy never exceed "
        "the full-time wage (hours a week, 1-60) [LAB § 123, stk. 3; the 37-hour week of "
        "the collective agreements].",
    )


class Refusion(Frozen):
    """The state's refusion of transfers to the municipality since 2016 (the refusion
    reform): the share refunded depends only on how long the citizen has been on public
    support, whatever the benefit (kontanthjælp, ressourceforløbsydelse, flexløntilskud,
    førtidspension granted since 2016) [STAR, Nøgletal for refusionsreformen;
    /work/shared/docs/economics-notes.md]."""

    weeks_1_4: Probability = Field(
        0.80, description="Share refunded in weeks 1-4 on public support (0-1) [STAR, "
        "refusionsreformen 2016].")
    weeks_5_26: Probability = Field(
        0.40, description="Share refunded in weeks 5-26 on public support (0-1) [STAR, "
        "refusionsreformen 2016].")
    weeks_27_52: Probability = Field(
        0.30, description="Share refunded in weeks 27-52 on public support (0-1) [STAR, "
        "refusionsreformen 2016].")
    after_52: Probability = Field(
        0.20, description="Share refunded from week 53 on public support (0-1) [STAR, "
        "refusionsreformen 2016].")
    trial_weeks_on_support: Annotated[int, Field(ge=0, le=2_080)] = Field(
        260,
        description="Weeks on public support before their start assumed for trial "
        "cohorts, whose spells the model does not draw (weeks, 0-2,080; calendar "
        "scenarios use each citizen's own weeks_on_benefit). The JobFirst group has been "
        "on support about 5 of the last 6 years [M §1]: plausible.",
    )

    def share(self, weeks: np.ndarray) -> np.ndarray:
        """The refunded share for citizens ``weeks`` on public support (1 = first week)."""
        return np.select([weeks <= 4, weeks <= 26, weeks <= 52],
                         [self.weeks_1_4, self.weeks_5_26, self.weeks_27_52], self.after_52)


class Taxes(Frozen):
    """Marginal tax rates that turn the citizens' wages and transfers back into public
    revenue (the whole public sector's view). Marginal, because the personal allowance is
    used by the benefit the citizen already has: each extra krone is taxed at these
    rates. As read from skat.dk's rate table for 2026 (2026-12-07); municipal tax is the
    country's average."""

    am_bidrag: Probability = Field(
        0.08, description="Labour-market contribution on wages (0-1) [arbejdsmarkeds"
        "bidragsloven § 1; skat.dk 2026]. Transfers bear none.")
    bottom_tax: Probability = Field(
        0.1201, description="State bottom tax on income after AM-bidrag (0-1) "
        "[personskatteloven § 5; skat.dk 2026].")
    municipal_tax: Probability = Field(
        0.2505,
        description="Average municipal income tax (0-1), excluding church tax. About "
        "25.0-25.1 % 2024-2026 (skat.dk, kommuneskatter): an estimate for a given "
        "municipality, set your own.")
    employment_deduction: Probability = Field(
        0.1275,
        description="Beskæftigelsesfradrag: share of wages deducted from the municipal "
        "tax base (0-1). 12.75 % in 2026 (skat.dk, read 2026-12-07; the cap of about 63,000 "
        "DKK a year is above this group's wages): an estimate.")

    @property
    def on_transfers(self) -> float:
        """Share of a krone of benefit, flexjob subsidy or pension that comes back as tax."""
        return self.bottom_tax + self.municipal_tax

    @property
    def on_wages(self) -> float:
        """Share of a krone of wages that comes back as tax (AM-bidrag first)."""
        rest = self.bottom_tax + self.municipal_tax * (1.0 - self.employment_deduction)
        return self.am_bidrag + (1.0 - self.am_bidrag) * rest


class ChangeCosts(Frozen):
    """What the change itself costs the municipality, once, in the first budget year.

    Counted only when the two compared designs differ. Defaults are estimates: set your
    own from the recruitment and training plan; 0 leaves an item out."""

    recruitment_per_added_fte: Yearly = Field(
        50_000.0,
        description="Recruitment per FTE the proposal adds over today (DKK an FTE, 2026 "
        "prices; 0-5,000,000): advertising, interviews, a few weeks' induction. Plausible, "
        "no published figure: an estimate.")
    training_per_fte: Yearly = Field(
        25_000.0,
        description="Training per FTE of the new design (DKK an FTE, 2026 prices; "
        "0-5,000,000): about a week of course and sparring. Plausible, no published figure: "
        "an estimate.")
    co_location: Yearly = Field(
        0.0,
        description="Co-location or refitting of premises, a lump sum (DKK, 2026 prices; "
        "0-5,000,000). 0 by default: it depends on your buildings; plausible.")


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
        description="Kontanthjælp (cash benefit) in its structure since 1 July 2025 "
        "(bm.dk; lov nr. 1655 of 30 December 2024): forhøjet sats or grundsats, the "
        "supplements (børnetillæg, tillæg til enlige forsørgere, tillæg til enlige "
        "ikke-forsørgere) and the household shares that blend them into the rate paid, "
        "and the earnings rule (scenario/cash_benefit.py).",
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
        "prices; 0-2,000). Industry minimum wage 143.35 DKK an hour from 1 March 2026 "
        "(Industriens Overenskomst 2025-2028, minimum pay; rising in 2027): the jobs are "
        "entry-level. Held at its 2026 level in every year the scenario runs (amounts in "
        "2026 prices; real wage growth is left out).",
    )
    max_dagpenge_per_month: Monthly = Field(
        21_725.0,
        description="The highest dagpenge rate (DKK a month, 2026 prices; 0-100,000): the "
        "cap on wages plus kontanthjælp in the earnings offset and the basis of the flexjob "
        "subsidy. 21,092 DKK a month in 2025 (tjekfagforening.dk, Dagpengesats 2025, read "
        "2026-12-07) uprated ×1.03 to 2026: an estimate.",
    )
    flexjob: FlexjobRules = Field(
        default=FlexjobRules(),
        description="Flexløntilskud on its legal basis: 98 % of the highest dagpenge rate "
        "less a reduction that grows with the citizen's wages (lov om en aktiv "
        "beskæftigelsesindsats § 123).",
    )
    disability_pension_per_year: Yearly = Field(
        259_000.0,
        description="Førtidspension for a single person (DKK a year, 2026 prices; "
        "0-5,000,000). About 244,000 DKK a year in 2024 (borger.dk satser 2024), uprated "
        "×1.0609 to 2026: an estimate.",
    )
    refusion: Refusion = Field(
        default=Refusion(),
        description="The state's refusion of transfers by weeks on public support (2016 "
        "refusion reform).")
    taxes: Taxes = Field(
        default=Taxes(),
        description="Marginal tax rates on the citizens' wages and transfers (the public "
        "sector's view).")
    change_costs: ChangeCosts = Field(
        default=ChangeCosts(),
        description="One-off costs of the change itself: recruitment, training, "
        "co-location.")
    discount_rate: Annotated[float, Field(ge=0.0, le=0.2)] = Field(
        0.035,
        description="Real discount rate a year for present values (0-0.2) [Finansministeriet, "
        "Dokumentationsnotat – den samfundsøkonomiske diskonteringsrente, 7 January 2021: "
        "3.5 % for years 0-35].")
