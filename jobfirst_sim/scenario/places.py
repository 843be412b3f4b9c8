"""The places of a scenario: the local labour market and its municipalities.

Why a module of its own: a municipality is the unit the trial randomised within, and its
own inputs (weight, staffing, implementation, work orientation and the local labour
market: rules/local_market.py) are what make municipalities differ for reasons
(docs/model.md §5, §9). Split from ``schema.py`` to keep both modules small; ``schema``
re-exports every name.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from jobfirst_sim.domain import StaffRole
from jobfirst_sim.scenario.base import Caseload, Frozen, Fte, Name, Unit, Weight
from jobfirst_sim.scenario.population import Beta


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


class LabourMarket(Frozen):
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
    national_unemployment_rate: Annotated[
        float,
        Field(
            gt=0,
            le=50,
            description="The national unemployment rate a municipality's unemployment_rate is "
            "read against (per cent of the labour force; > 0 and <= 50). Default: Statistics "
            "Denmark, seasonally adjusted gross unemployment (bruttoledighed) July 2016, "
            "4.2 % (Ritzau/Børsen, 2016-08).",
        ),
    ] = 4.2
    demand_elasticity: Annotated[
        float,
        Field(
            ge=0,
            le=2,
            description="How strongly local unemployment moves the room to pay hours: the "
            "factor is (national rate / local rate) ** elasticity (unitless; 0-2; 0 = "
            "unemployment does not matter). Documented prior (rules/local_market.py).",
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


class Municipality(Frozen):
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
    unemployment_rate: Annotated[
        float | None,
        Field(
            gt=0,
            le=50,
            description="The municipality's unemployment rate (per cent of the labour force; "
            "> 0 and <= 50; null = not known, labour_demand alone sets the room). Scales the "
            "room to pay hours by (national / local) ** labour_market.demand_elasticity "
            "(rules/local_market.py local_demand). Source: Statistics Denmark, gross "
            "unemployment (AUP tables, or jobindsats.dk).",
        ),
    ] = None
    firm_density: Annotated[
        float,
        Field(
            gt=0,
            le=5,
            description="Workplaces per 1,000 inhabitants here over the national figure "
            "(unitless index; > 0 and <= 5; 1 = national). Scales the company pool the "
            "jobcentre can reach (rules/local_market.py company_pool_size). Source: "
            "Statistics Denmark ERHV (arbejdssteder) over FOLK1A (population); without "
            "it, documented prior: exp(N(0, 0.15)), about a sixth either way.",
        ),
    ] = 1.0
    entry_job_share: Annotated[
        float,
        Field(
            gt=0,
            le=5,
            description="Share of local employment in industries with low-skilled entry jobs "
            "(retail, hotels and restaurants, cleaning, transport and warehouse, "
            "manufacturing, care) over the national share (unitless index; > 0 and <= 5; 1 = "
            "national). Above 1, companies' tasks lean towards simple ones "
            "(rules/local_market.py entry_task_level). Source: Statistics Denmark RAS/ERHV "
            "employment by industry and municipality; without it, documented prior: "
            "exp(N(0, 0.15)), about a sixth either way.",
        ),
    ] = 1.0
    company_openness: Annotated[
        float,
        Field(
            gt=0,
            le=3,
            description="How often local companies say yes to a placement, over the national "
            "level (unitless index multiplying each company's openness; > 0 and <= 3; 1 = "
            "national; rules/local_market.py local_openness). No per-municipality figures "
            "are published: documented prior, uniform 0.85-1.15 (up to 15 % either way).",
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
