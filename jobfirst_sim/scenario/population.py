"""``population:`` — who the citizens are, per benefit group, and how they enter [M §1].

Why a module of its own: the population is described apart from the jobcentre's design
and the labour market — a group profile is a spread of latent states (``Beta``) that the
model draws citizens from — and the ``Beta`` type is shared with the labour market.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Final

from pydantic import Field, field_validator, model_validator

from jobfirst_sim.domain import Benefit
from jobfirst_sim.scenario.base import Frozen, Probability

AGE_MAX: Final = 66
"""Oldest age a citizen is drawn at: the model cuts the age draw at 66, the last year
before the state pension age (model/population.py)."""


BENEFITS: tuple[Benefit, ...] = (Benefit.kontanthjaelp, Benefit.ressourceforloeb)


class Beta(Frozen):
    """A Beta(a, b) distribution on [0, 1], given by its mean and concentration.

    ``mean`` is the population average; ``concentration`` = a + b (higher = less spread).
    """

    mean: Annotated[
        float,
        Field(
            gt=0.0,
            lt=1.0,
            description="Population mean of the latent state (0-1 scale; strictly between 0 "
            "and 1).",
        ),
    ]
    concentration: Annotated[
        float,
        Field(
            gt=0.5,
            le=1000.0,
            description="a + b of the Beta (unitless; > 0.5 and <= 1000); higher = less spread "
            "between citizens. 6 = a wide spread, 50 = nearly everyone at the mean.",
        ),
    ] = 6.0


class GroupProfile(Frozen):
    """Starting state of citizens in one benefit group.

    The trial gives no micro data; defaults are plausible readings of the target group
    description [M §1]: long on public support, many with physical and mental health
    problems; ressourceforløb citizens are further from the labour market.
    """

    age_mean: Annotated[
        float,
        Field(
            ge=18,
            le=AGE_MAX,
            description="Mean age at start (years; 18-66, at least age_min). Ages are drawn "
            "around it and cut at age_min and 66 (the last year before the state pension), "
            "so a mean outside that span could not be realised. Plausible, [M §1].",
        ),
    ] = 44.0
    age_sd: Annotated[
        float, Field(ge=0, le=20, description="Standard deviation of age (years; 0-20).")
    ] = 9.0
    age_min: Annotated[
        int,
        Field(
            ge=18,
            le=AGE_MAX,
            description="Youngest age admitted (years; 18-66, at most age_mean). The trial "
            "admitted 30+ [M §1].",
        ),
    ] = 30
    female_share: Probability = Field(
        default=0.5, description="Share of women (0-1). Plausible; not published for the trial."
    )
    immigrant_share: Annotated[
        float,
        Field(
            ge=0,
            le=1,
            description="Share with non-Danish origin (0-1). Plausible; not published for the "
            "trial.",
        ),
    ] = 0.35
    physical_barrier: Beta = Field(
        default=Beta(mean=0.40),
        description="Physical health barriers to work (0 = none, 1 = severe), spread over "
        "citizens. Plausible reading of [M §1].",
    )
    mental_barrier: Beta = Field(
        default=Beta(mean=0.45),
        description="Mental health barriers to work (0 = none, 1 = severe). Plausible reading "
        "of [M §1].",
    )
    barrier_correlation: Annotated[
        float,
        Field(
            ge=0,
            le=0.95,
            description="Correlation of the physical and mental barrier draws (0-0.95; a "
            "Gaussian copula, the Beta marginals unchanged): 0 = unrelated, higher = the "
            "two co-occur, as multiple, complex problems do. Documented prior: from "
            "unrelated (0) to strongly co-occurring (0.7) barriers.",
        ),
    ] = 0.0
    self_efficacy: Beta = Field(
        default=Beta(mean=0.35),
        description="Belief in own ability to work (0-1) at start; grows in placements and "
        "with paid hours [M §2, §6].",
    )
    motivation: Beta = Field(
        default=Beta(mean=0.50),
        description="Motivation for work (0-1) at start; grows while in a placement [M §2.2].",
    )
    goal_clarity: Beta = Field(
        default=Beta(mean=0.30),
        description="How clear the citizen's job goal is (0-1) at start; clarified by doing "
        "real tasks [M §2.2].",
    )
    competence: Beta = Field(
        default=Beta(mean=0.40),
        description="Work competences a match can use (0-1) at start; trained in placements "
        "[M §4].",
    )
    start_capacity_hours: Annotated[
        float,
        Field(
            ge=0,
            le=37,
            description="Mean sustainable weekly work hours at start (hours/week; 0-37); grows "
            "with time in placement [M §2.3].",
        ),
    ] = 6.0

    @model_validator(mode="after")
    def _age_span(self) -> GroupProfile:
        """The age draw is cut at ``age_min`` and 66: its mean must lie in that span.

        Why: ``age_min: 67, age_mean: 18`` used to pass and made every citizen 66.
        """
        if self.age_min > self.age_mean:
            raise ValueError(
                f"age_min ({self.age_min}) is above age_mean ({self.age_mean:g}): ages are "
                f"drawn around age_mean and cut at age_min and {AGE_MAX}, so every citizen "
                f"would be {self.age_min}; age_min must be at most age_mean"
            )
        return self


RESSOURCEFORLOEB_PROFILE: Final = GroupProfile(
    # heavier and more varied than kontanthjælp: the law's target group has
    # "komplekse problemer ud over ledighed" (LAB § 68 a), so wider spreads
    # (concentration 3 against 6) and co-occurring barriers (documented priors)
    physical_barrier=Beta(mean=0.50, concentration=3.0),
    mental_barrier=Beta(mean=0.60, concentration=3.0),
    barrier_correlation=0.4,
    self_efficacy=Beta(mean=0.28),
    competence=Beta(mean=0.33),
    start_capacity_hours=4.0,
)
"""The ressourceforløb group's own default profile (not the class defaults)."""


def over_default(default: Frozen, given: Any) -> Any:
    """``given`` (a partial mapping) laid over ``default``'s values, nested mappings field
    by field.

    Why: a group whose default profile differs from the class defaults must keep that
    profile for every field a file or ``--set`` does not give; otherwise one given field
    would silently bring back the class defaults for all the others.
    """
    if not isinstance(given, Mapping):
        return given
    return _merged(default.model_dump(), given)


def _merged(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out


class Population(Frozen):
    """Who the citizens are and how they enter."""

    kontanthjaelp: GroupProfile = Field(
        default=GroupProfile(),
        description="Citizens aged 30+ on cash benefit, not job-ready (aktivitetsparate), on "
        "public support 1+ year [M §1].",
    )
    ressourceforloeb: GroupProfile = Field(
        default=RESSOURCEFORLOEB_PROFILE,
        description="Citizens aged 30+ in a resource programme; further from the labour "
        "market than kontanthjælp [M §1], with multiple, complex problems beyond "
        "unemployment (LAB § 68 a): heavier, wider-spread and co-occurring barriers "
        "(documented priors).",
    )
    intake_weeks: Annotated[
        int,
        Field(
            ge=1,
            le=260,
            description="Citizens start evenly spread over this many weeks (weeks; 1-260; "
            "staggered intake). The trial took in citizens over about 40 weeks.",
        ),
    ] = 40

    @field_validator("ressourceforloeb", mode="before")
    @classmethod
    def _keep_group_default(cls, value: Any) -> Any:
        """Fields not given keep the group's own default (:func:`over_default`)."""
        return over_default(RESSOURCEFORLOEB_PROFILE, value)

    def profile(self, benefit: Benefit) -> GroupProfile:
        """Profile of a benefit group."""
        return self.kontanthjaelp if benefit is Benefit.kontanthjaelp else self.ressourceforloeb
