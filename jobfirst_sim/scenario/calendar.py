"""Calendar mode: a running jobcentre observed in calendar weeks from a design change.

Why a section of its own: a trial cohort (the default) follows every citizen a fixed number
of weeks from their own start, which answers "does the method work?". A manager asks
another question: "we have these citizens and this staff today; if we reorganise from
1 March, what happens over the next 18 months?". ``calendar:`` turns a scenario into that
question: the citizens in an arm are the caseload (the *stock*) on the day of the change,
new citizens arrive every week (``inflow_per_week`` in each arm), and everyone is observed
from their own start to the horizon. Week 0 is the change: weeks before it are not
simulated, because with common random numbers the designs compared are identical before
the change (docs/scenarios.md, "A running jobcentre in calendar time").

:class:`Transition` (an arm's ``transition:``) says what happens at the change for an arm
whose design is new: cases reallocated to new contact persons and a ramp-up of practice.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, model_validator

from jobfirst_sim.domain import Benefit
from jobfirst_sim.scenario.base import Frozen, Probability, Unit, Weight
from jobfirst_sim.scenario.design import Design

HORIZON_MAX = 520
"""Longest horizon (weeks; ten years): beyond it the fixed staff and companies of a run
stop being a description of one jobcentre."""

START_DATE_MIN = dt.date(2000, 1, 1)
START_DATE_MAX = dt.date(2100, 12, 31)
"""The days a design change may take effect. Why bounded: every week of a run carries
its Monday as a date, and a start such as 9999-12-01 ran past the last date a date (or
a table's timestamp) can hold, midway through ``run``; a range refused at validation
names the field instead. The model's rates and wages describe this century's Denmark."""

WEEKS_ON_BENEFIT_MAX = 1560
"""Longest time on benefit a band may reach (weeks; 30 years, a working life on support)."""


class DurationBand(Frozen):
    """A band of time on benefit and the share of the stock in it (uniform within)."""

    min_weeks: Annotated[int, Field(
        ge=0, le=WEEKS_ON_BENEFIT_MAX,
        description="Shortest time on benefit in the band (weeks; 0-1,560).")]
    max_weeks: Annotated[int, Field(
        ge=1, le=WEEKS_ON_BENEFIT_MAX,
        description="Longest time on benefit in the band (weeks, exclusive; 1-1,560; "
        "above min_weeks).")]
    share: Weight = Field(
        description="Relative share of the stock in the band (unitless; > 0 and <= "
        "1,000,000; normalised over the group's bands). Take it from jobindsats.dk "
        "(duration of the current spell per benefit group).")

    @model_validator(mode="after")
    def _ordered(self) -> DurationBand:
        if self.max_weeks <= self.min_weeks:
            raise ValueError(f"max_weeks ({self.max_weeks}) must be above min_weeks "
                             f"({self.min_weeks})")
        return self


KONTANTHJAELP_BANDS: tuple[DurationBand, ...] = (
    DurationBand(min_weeks=0, max_weeks=52, share=0.15),
    DurationBand(min_weeks=52, max_weeks=104, share=0.15),
    DurationBand(min_weeks=104, max_weeks=260, share=0.30),
    DurationBand(min_weeks=260, max_weeks=520, share=0.40),
)
"""Plausible durations of activity-ready cash benefit: the group has mostly been on support
for years (the trial's group: more than 5 of the last 6 years, [M §1])."""

RESSOURCEFORLOEB_BANDS: tuple[DurationBand, ...] = (
    DurationBand(min_weeks=0, max_weeks=52, share=0.35),
    DurationBand(min_weeks=52, max_weeks=104, share=0.30),
    DurationBand(min_weeks=104, max_weeks=260, share=0.35),
)
"""Plausible durations in a ressourceforløb: a programme of one to five years (law on active
employment effort), so few are in it longer."""


def default_bands() -> dict[Benefit, tuple[DurationBand, ...]]:
    """The plausible default time-on-benefit bands of both groups."""
    return {Benefit.kontanthjaelp: KONTANTHJAELP_BANDS,
            Benefit.ressourceforloeb: RESSOURCEFORLOEB_BANDS}


class Calendar(Frozen):
    """A running jobcentre in calendar weeks: week 0 is the day the design changes."""

    start_date: Annotated[dt.date, Field(
        ge=START_DATE_MIN, le=START_DATE_MAX,
        description=f"The day the design change takes effect (a date, YYYY-MM-DD, from "
        f"{START_DATE_MIN} to {START_DATE_MAX}) = model week 0; results carry the Monday of "
        "each week as their date.")]
    horizon_weeks: Annotated[int, Field(
        ge=1, le=HORIZON_MAX,
        description="Weeks simulated from the change (weeks; 1-520; 78 = 18 months). "
        "Reported weeks are 0 to horizon_weeks, as the trial reports week 0 to "
        "weeks_followed.")]
    weeks_on_benefit: dict[Benefit, tuple[DurationBand, ...]] = Field(
        default_factory=default_bands,
        description="How long the stock has been on benefit at week 0, per benefit group: "
        "bands of weeks with shares (uniform within a band). Default: plausible bands "
        "(docs/scenarios.md); take yours from jobindsats.dk. Recorded and reported; no "
        "behavioural effect (docs/model.md).")
    contact_interval_before_weeks: Annotated[float, Field(
        ge=1, le=26,
        description="Weeks between the stock's conversations with their contact person "
        "before the change (weeks; 1-26); sets how well the contact knows them at week 0. "
        "Plausible: about monthly.")] = 4.0
    contact_tenure_weeks: Annotated[int, Field(
        ge=1, le=WEEKS_ON_BENEFIT_MAX,
        description="Longest time a stock citizen has typically been with their present "
        "contact person (weeks; 1-1,560): reassignments, staff turnover and referrals "
        "change the person. Plausible: a year.")] = 52

    @model_validator(mode="after")
    def _bands(self) -> Calendar:
        for benefit, bands in self.weeks_on_benefit.items():
            if not bands:
                raise ValueError(f"weeks_on_benefit.{benefit.value}: give at least one band")
        return self

    def monday(self, week: int) -> dt.date:
        """The Monday of model week ``week`` (week 0 holds ``start_date``)."""
        first = self.start_date - dt.timedelta(days=self.start_date.weekday())
        return first + dt.timedelta(weeks=week)


class Transition(Frozen):
    """What happens at the change for an arm whose design is new (calendar mode only)."""

    handover_share: Probability = Field(
        description="Share of the stock whose contact person changes at week 0 because cases "
        "are reallocated to the new roles (0-1); each is a change of contact person as in "
        "model/rules/relationship.py (after_change). Your own reallocation plan.")
    ramp_up_weeks: Annotated[int, Field(
        ge=0, le=HORIZON_MAX,
        description="Weeks until the professionals practise the new design as fully as the "
        "municipality's implementation (weeks; 0-520; 0 = at once).")] = 0
    ramp_start: Unit = Field(
        0.0,
        description="Share of the professionals practising the new design fully at week 0 "
        "(0-1); the share rises linearly to the municipality's implementation at "
        "ramp_up_weeks. The others work as the design before the change.")
    design_before: Design | None = Field(
        None,
        description="The design practised before the change, which professionals who do not "
        "yet practise the new one follow. null = the control arm's design. Set by "
        "switch_levers (jobfirst compare) when an arm takes another arm's design and "
        "transition; rarely written by hand.")
