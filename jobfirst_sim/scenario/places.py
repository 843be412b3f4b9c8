"""The local labour market's inputs of a municipality, and how its unemployment is read.

Why a module of its own: these fields make municipalities differ for reasons (issue 22
§4; docs/model.md §5, §9): each is an index against the national level or a published
rate, entering the model only through ``model/rules/local_market.py``. ``schema.py``
builds :class:`~jobfirst_sim.scenario.schema.Municipality` and
:class:`~jobfirst_sim.scenario.schema.LabourMarket` on these bases, so the fields are
theirs (and their priors are keyed ``Municipality.*`` / ``LabourMarket.*``).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from jobfirst_sim.scenario.base import Frozen


class UnemploymentReading(Frozen):
    """How a municipality's unemployment rate is read into its room to pay hours."""

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


class LocalMarketInputs(Frozen):
    """A municipality's local labour market: its own inputs to its company pool."""

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
