"""The scenario language: one frozen pydantic model per YAML section.

Why: a scenario is what a jobcentre manager writes, so every field carries its unit,
its allowed range and its source, unknown keys are rejected (a typo must fail
loudly, not silently fall back to a default) and cross-field rules live in
validators here rather than scattered through the model.

Sections (YAML key → model):

* ``population``    → ``Population`` (``population.py``) — who the citizens are (per
  benefit group)
* ``labour_market`` → :class:`LabourMarket` — the local companies
* ``municipalities``→ list of :class:`Municipality`
* ``arms``          → list of :class:`Arm`, each with a full ``Design`` (``design.py``:
  ``organisation`` → ``Organisation``, ``practice`` → ``Practice``)
* ``behaviour``     → :class:`~jobfirst_sim.scenario.behaviour.Behaviour` — the mechanism
  parameters, one section per mechanism (some calibrated; ``behaviour.py``)
* ``economics``     → :class:`~jobfirst_sim.scenario.economics.Economics` — the kroner
  rates that price a run (``economics.py``; never change what the model does)
* ``run``           → :class:`RunSettings`

Sources are cited as: [M §n] = the JobFirst method brief (jobfirst-method.md,
section n), [T Tn] = calibration target n, [C] = fitted by
``experiments/calibration`` (see docs/model.md, "Calibration").
"""

from __future__ import annotations

from typing import Annotated, NamedTuple

from pydantic import Field, model_validator

from jobfirst_sim.domain import ArmRole, Benefit, StaffRole
from jobfirst_sim.scenario.arms_mode import ARM_LABEL_HELP, ARMS_MODE_HELP, ArmLabel, ArmsMode
from jobfirst_sim.scenario.base import (
    Caseload,
    Frozen,
    Fte,
    Name,
    PositiveFloat,
    Probability,
    Unit,
    Weight,
)
from jobfirst_sim.scenario.behaviour import Behaviour
from jobfirst_sim.scenario.bounds import REPLICATIONS_MAX, SEED_MAX
from jobfirst_sim.scenario.calendar import Calendar, Transition
from jobfirst_sim.scenario.design import (
    Design,
    Organisation,
    Practice,
    PurposeMix,
    RoleModel,
    SocialEffort,
    staff_problem,
)
from jobfirst_sim.scenario.economics import Economics
from jobfirst_sim.scenario.places import LocalMarketInputs, UnemploymentReading
from jobfirst_sim.scenario.population import BENEFITS, Beta, GroupProfile, Population

__all__ = [
    "BENEFITS",
    "Behaviour",
    "Benefit",
    "Beta",
    "Calendar",
    "Design",
    "Economics",
    "Frozen",
    "GroupProfile",
    "Name",
    "Organisation",
    "Population",
    "PositiveFloat",
    "Practice",
    "Probability",
    "PurposeMix",
    "RoleModel",
    "SocialEffort",
    "StaffRole",
    "Staffing",
    "Transition",
    "Unit",
]


class Sector(Frozen):
    """A sector of the local labour market."""

    name: Name = Field(description="Sector name, unique in the scenario (e.g. retail).")
    weight: Weight = Field(
        description="Relative share of companies in this sector (unitless; > 0 and <= "
        "1,000,000; weights are normalised, so only ratios matter). Plausible local mix."
    )
    economic_room: Annotated[
        float,
        Field(
            gt=0,
            le=2,
            description="Multiplier on the company's room to pay ordinary hours (unitless; "
            "> 0 and <= 2; 1 = average). Plausible.",
        ),
    ] = 1.0


DEFAULT_SECTORS: tuple[Sector, ...] = (
    Sector(name="retail", weight=0.22, economic_room=1.0),
    Sector(name="cleaning_service", weight=0.14, economic_room=1.1),
    Sector(name="manufacturing", weight=0.14, economic_room=1.1),
    Sector(name="hospitality", weight=0.12, economic_room=0.9),
    Sector(name="care", weight=0.14, economic_room=0.9),
    Sector(name="transport_warehouse", weight=0.12, economic_room=1.1),
    Sector(name="public_admin", weight=0.10, economic_room=0.7),
)


class LabourMarket(UnemploymentReading):
    """The local company base [M §4]."""

    companies_per_100_citizens: Annotated[
        float,
        Field(
            gt=0,
            le=1000,
            description="Companies the jobcentre can reach per 100 citizens in the programme "
            "(companies; > 0 and <= 1000). Plausible.",
        ),
    ] = 40.0
    sectors: tuple[Sector, ...] = Field(
        default=DEFAULT_SECTORS,
        description="Sectors of the local labour market (a list; names unique, at least "
        "one). Default: a plausible Danish mix of entry-level sectors.",
    )
    tasks_per_company: Annotated[
        float,
        Field(
            gt=0,
            le=50,
            description="Mean unsolved tasks a company could hand out (tasks, Poisson mean; "
            "> 0 and <= 50) [M §4].",
        ),
    ] = 1.6
    openness: Beta = Field(
        default=Beta(mean=0.55),
        description="Companies' willingness to take a citizen in a placement (0-1). "
        "Plausible.",
    )
    economic_room: Beta = Field(
        default=Beta(mean=0.55, concentration=4.0),
        description="Companies' room to pay ordinary hours (0-1), before the sector and "
        "municipality multipliers [M §4].",
    )
    contact_person_share: Annotated[
        float,
        Field(
            ge=0,
            le=1,
            description="Share of companies naming a fixed contact person without being asked "
            "(0-1) [M §4]. Plausible.",
        ),
    ] = 0.5

    @model_validator(mode="after")
    def _unique_sectors(self) -> LabourMarket:
        names = [s.name for s in self.sectors]
        if len(set(names)) != len(names):
            raise ValueError(f"sector names must be unique, got {names}")
        if not names:
            raise ValueError("at least one sector is needed")
        return self


class Municipality(LocalMarketInputs):
    """One municipality of the jobcentre system."""

    name: Name = Field(description="Municipality name, unique in the scenario.")
    weight: Weight = Field(
        description="Relative share of each arm's citizens living here (unitless; > 0 and "
        "<= 1,000,000; weights are normalised, so only ratios matter)."
    )
    labour_demand: Annotated[
        float,
        Field(
            gt=0,
            le=3,
            description="Local multiplier on companies' room to pay hours (unitless; > 0 and "
            "<= 3; 1 = average), beyond what unemployment_rate says; with a rate given, "
            "leave it at 1 unless another source sizes it.",
        ),
    ] = 1.0
    caseload: dict[str, Caseload] = Field(
        default_factory=dict,
        description="Per-arm caseload here (arm name: citizens per professional, 1-500). "
        "Overrides the arm's organisation.caseload or staff in this municipality; keys must "
        "be arm names of the scenario.",
    )
    implementation: Unit = Field(
        1.0,
        description="Share of the municipality's professionals in a non-control arm who "
        "practise their arm's design fully (0-1); the others work as in the control arm. "
        "Plausible structural choice: municipalities implement a method to different "
        "degrees; no per-municipality figures are published.",
    )
    work_orientation: Unit = Field(
        0.0,
        description="Share of the municipality's professionals in the control arm whose "
        "normal effort already works like the treatment arm's design (0-1): how "
        "work-oriented the normal effort already is. Plausible structural choice.",
    )
    staff: dict[str, dict[StaffRole, Fte]] = Field(
        default_factory=dict,
        description="Per-arm staff here (arm name: {role: FTE}, each > 0 and <= 10,000), for "
        "exactly the roles of the arm's design. Overrides the arm's organisation.caseload "
        "or staff in this municipality; an arm may have caseload: or staff: here, not both.",
    )


class Staffing(NamedTuple):
    """One arm's staffing in one municipality, as the scenario gives it: a caseload *or*
    FTEs per role (``local``: given by the municipality itself rather than the arm)."""

    caseload: float | None
    fte: dict[StaffRole, float] | None
    local: bool


class Arm(Frozen):
    """One arm of the scenario: a design and the citizens it serves."""

    name: Name = Field(
        description="Arm name, unique in the scenario; used in results and in --set paths "
        "(arms.<name>.organisation.caseload), so never a bare number (arms.0 is the first "
        "arm)."
    )
    label: ArmLabel | None = Field(None, description=ARM_LABEL_HELP)
    role: ArmRole = Field(
        ArmRole.alternative,
        description="What the arm stands for in comparisons: treatment (the design under "
        "test), control (the baseline; at most one per scenario) or alternative (default). "
        "Reports, targets and explain use it wherever a baseline is needed.",
    )
    design: Design = Field(
        description="The arm's design. In a file: a named design (design: jobfirst) and/or "
        "organisation:/practice: overrides, see docs/scenarios.md."
    )
    citizens: dict[Benefit, Annotated[int, Field(ge=0, le=10_000_000)]] = Field(
        description="Citizens per benefit group in this arm (citizens; 0-10,000,000 each, "
        "at least one in total). Trial: 1,847 + 560 in JobFirst [M §1]. With calendar: "
        "the caseload on the day of the change (the stock; jobindsats.dk: number on "
        "benefit per group)."
    )
    inflow_per_week: dict[Benefit, Annotated[float, Field(ge=0, le=100_000)]] = Field(
        default_factory=dict,
        description="New citizens arriving each week over the horizon, per benefit group "
        "(citizens per week; 0-100,000 each; only with calendar:). Whole citizens each "
        "week, rounded cumulatively so the total is the rate times horizon_weeks, rounded. "
        "jobindsats.dk: inflow per group, or stock / mean duration.",
    )
    transition: Transition | None = Field(
        None,
        description="What happens at the change when this arm's design is new: handover of "
        "cases and ramp-up of practice (only with calendar:). null = the arm continues as "
        "today: the stock's contacts already know them.",
    )

    @model_validator(mode="after")
    def _some_citizens(self) -> Arm:
        if sum(self.citizens.values()) <= 0:
            raise ValueError("an arm needs at least one citizen")
        return self


class RunSettings(Frozen):
    """How long and how often to run."""

    weeks_followed: Annotated[
        int,
        Field(
            ge=1,
            le=520,
            description="Weeks each citizen is followed from their own start (weeks; 1-520). "
            "The trial followed 104 weeks.",
        ),
    ] = 104
    project_weeks: Annotated[
        int | None,
        Field(
            ge=1,
            le=1040,
            description="Model weeks the project lasted (from the first intake); outcomes "
            "'during the project' (ever_hours_share, placement13_share_project) count only "
            "before it ends. null = each citizen's whole follow-up.",
        ),
    ] = None
    replications: Annotated[
        int,
        Field(
            ge=1,
            le=REPLICATIONS_MAX,
            description="Independent repetitions of the whole run (runs; 1-10,000); more "
            "give narrower confidence intervals.",
        ),
    ] = 20
    seed: Annotated[
        int | None,
        Field(
            ge=0,
            le=SEED_MAX,
            description="Root random seed (whole number >= 0); null = draw one and record it "
            "with the results.",
        ),
    ] = None
    compare_with_trial: bool = Field(
        default=False,
        description="Draw the published trial figures T1-T5 as reference marks and check "
        "them (true/false); only for the trial replica, whose arms are the trial's.",
    )


class Scenario(Frozen):
    """A whole scenario: a jobcentre, its population and the designs compared."""

    name: Name = Field(
        description="Scenario name; names the default results folder (results/<name>), "
        "so it is one folder name: no / or \\, never . or .. (see Names in "
        "docs/scenarios.md)."
    )
    description: str = Field(default="", description="Free text: what the scenario is for.")
    population: Population = Field(
        default=Population(), description="Who the citizens are and how they enter [M §1]."
    )
    labour_market: LabourMarket = Field(
        default=LabourMarket(), description="The local companies [M §4]."
    )
    municipalities: tuple[Municipality, ...] = Field(
        default=(Municipality(name="kommune", weight=1.0),),
        description="The municipalities served (a list; names unique). Default: one "
        "municipality called kommune.",
    )
    arms: tuple[Arm, ...] = Field(
        description="The designs compared (a list of at least one arm; names unique)."
    )
    arms_mode: ArmsMode | None = Field(None, description=ARMS_MODE_HELP)
    behaviour: Behaviour = Field(
        default=Behaviour(),
        description="Mechanism parameters of the weekly rules (some calibrated); see "
        "docs/model.md.",
    )
    economics: Economics = Field(
        default=Economics(),
        description="The kroner rates that price a run (DKK, price year 2026): benefits, "
        "wages, flexjob, pension, staff; see docs/model.md, Kroner.",
    )
    run: RunSettings = Field(
        default=RunSettings(), description="How long and how often to run."
    )
    calendar: Calendar | None = Field(
        None,
        description="A running jobcentre in calendar weeks from a design change (stock, "
        "inflow, transition); null = a trial cohort followed from each citizen's own start. "
        "See docs/scenarios.md, 'A running jobcentre in calendar time'.",
    )

    @model_validator(mode="after")
    def _cross_checks(self) -> Scenario:
        arm_names = [a.name for a in self.arms]
        if not arm_names:
            raise ValueError("at least one arm is needed")
        if len(set(arm_names)) != len(arm_names):
            raise ValueError(f"arm names must be unique, got {arm_names}")
        muni_names = [m.name for m in self.municipalities]
        if len(set(muni_names)) != len(muni_names):
            raise ValueError(f"municipality names must be unique, got {muni_names}")
        if not muni_names:
            raise ValueError("at least one municipality is needed")
        controls = [a.name for a in self.arms if a.role is ArmRole.control]
        if len(controls) > 1:
            raise ValueError(
                f"at most one arm can have role: control (the baseline), got {controls}"
            )
        for m in self.municipalities:
            for section in ("caseload", "staff"):
                unknown = set(getattr(m, section)) - set(arm_names)
                if unknown:
                    raise ValueError(
                        f"municipality {m.name!r}: {section} names unknown arm(s) "
                        f"{sorted(unknown)}; arms are {arm_names}"
                    )
            both = sorted(set(m.caseload) & set(m.staff))
            if both:
                raise ValueError(
                    f"municipality {m.name!r}: arm(s) {both} have both caseload: and staff: "
                    "here; give one of them (staffing follows from either)"
                )
            for arm_name, fte in m.staff.items():
                problem = staff_problem(fte, self.arm(arm_name).design.organisation.roles)
                if problem:
                    raise ValueError(f"municipality {m.name!r}, arm {arm_name!r}: {problem}")
        problem = calendar_problem(self)
        if problem:
            raise ValueError(problem)
        return self

    def arm(self, name: str) -> Arm:
        """The arm called ``name`` (KeyError naming the arms there are)."""
        for a in self.arms:
            if a.name == name:
                return a
        raise KeyError(f"no arm {name!r}; arms are {[a.name for a in self.arms]}")

    def staffing(self, arm: str, municipality: str) -> Staffing:
        """How ``arm`` is staffed in ``municipality``: the most specific entry wins.

        The one place this precedence is written: a municipality's ``caseload: {arm: n}``
        or ``staff: {arm: {role: FTE}}`` wins over the arm's ``organisation.caseload`` or
        ``organisation.staff`` (docs/scenarios.md). Arm-level FTEs are the whole arm's
        (the model shares them out over the municipalities without their own entry).
        """
        muni = next((m for m in self.municipalities if m.name == municipality), None)
        if muni is None:
            raise KeyError(f"no municipality {municipality!r}")
        if arm in muni.caseload:
            return Staffing(float(muni.caseload[arm]), None, local=True)
        if arm in muni.staff:
            return Staffing(None, dict(muni.staff[arm]), local=True)
        org = self.arm(arm).design.organisation
        if org.caseload is not None:
            return Staffing(float(org.caseload), None, local=False)
        return Staffing(None, dict(org.staff or {}), local=False)

    def caseload(self, arm: str, municipality: str) -> float | None:
        """Caseload given for ``arm`` in ``municipality`` (None where FTEs are given)."""
        return self.staffing(arm, municipality).caseload

    @property
    def one_world(self) -> bool:
        """Whether the arms run side by side in one world (:mod:`.arms_mode`)."""
        mode = self.arms_mode or (ArmsMode.trial if self.calendar is None
                                  else ArmsMode.alternatives)
        return mode is ArmsMode.trial

    def arm_label(self, arm: str, lang: str) -> str:
        """The arm's name in prose: its ``label:`` in ``lang``, else its name."""
        label = self.arm(arm).label
        return arm if label is None else label(lang)

    def arm_with_role(self, role: ArmRole) -> Arm | None:
        """The first arm declaring ``role`` (the control arm is unique), or None."""
        return next((a for a in self.arms if a.role is role), None)

    @property
    def total_weeks(self) -> int:
        """Model weeks to simulate: so the last intake is followed ``weeks_followed`` weeks,
        or in calendar mode weeks 0 to ``horizon_weeks`` (the stock followed that long)."""
        if self.calendar is not None:
            return self.calendar.horizon_weeks + 1
        return self.population.intake_weeks + self.run.weeks_followed

    @property
    def observed_weeks(self) -> int:
        """The last week of the weekly table's index: week since own start (trial cohort,
        ``weeks_followed``) or calendar week (``horizon_weeks``)."""
        if self.calendar is not None:
            return self.calendar.horizon_weeks
        return self.run.weeks_followed


TRIAL_ONLY: tuple[tuple[str, str, object], ...] = (
    ("population", "intake_weeks", 40),
    ("run", "weeks_followed", 104),
    ("run", "compare_with_trial", False),
)
"""Fields of a trial cohort that calendar mode replaces, with their defaults."""


def calendar_problem(scenario: Scenario) -> str | None:
    """What breaks the calendar rules, in words (None if nothing).

    Why a clear error rather than ignoring: a manager who sets ``weeks_followed`` in a
    calendar scenario expects it to matter; in calendar mode the stock starts at week 0,
    the inflow at its arrival week and everyone is observed to ``horizon_weeks``.
    """
    if scenario.calendar is None:
        for arm in scenario.arms:
            if arm.inflow_per_week:
                return (f"arm {arm.name!r}: inflow_per_week needs a calendar: section (a "
                        "running jobcentre); a trial cohort has no inflow")
            if arm.transition is not None:
                return (f"arm {arm.name!r}: transition needs a calendar: section (a running "
                        "jobcentre changing its design at calendar.start_date)")
        return None
    for section, field, default in TRIAL_ONLY:
        value = getattr(getattr(scenario, section), field)
        if value != default:
            return (f"{section}.{field} is {value!r}, but calendar: is set: in calendar mode "
                    "the stock starts at week 0, the inflow at its arrival week and everyone "
                    f"is observed to calendar.horizon_weeks; remove {section}.{field} "
                    f"(its default is {default!r})")
    return None
