"""Citizen, Company and Professional: Mesa agents as named views onto the World's arrays.

Why views: the agents are the model's vocabulary (what a workshop participant points at:
"this citizen", "that company"), and Mesa's agent sets let analysts select and inspect
them; the weekly rules, however, run over the arrays in ``state.py`` for speed. Each agent
holds only its index and the World (``world.py``); its attributes read the current array
values, so they are never stale and cost no copying. Each is registered with the Mesa
model that holds the World, which this module need not know.
"""

from __future__ import annotations

import mesa

from jobfirst_sim.model.state import PURPOSE_NAMES, ROLE_NAMES, STATUS_NAMES, Citizens
from jobfirst_sim.model.world import World


class Citizen(mesa.Agent):  # type: ignore[misc]  # Mesa is untyped
    """A citizen (borger) in the programme."""

    def __init__(self, model: mesa.Model, world: World, idx: int) -> None:
        super().__init__(model)
        self.world = world
        self.idx = idx

    @property
    def _c(self) -> Citizens:
        return self.world.citizens

    @property
    def benefit(self) -> str:
        return ("kontanthjaelp", "ressourceforloeb")[int(self._c.benefit[self.idx])]

    @property
    def arm(self) -> str:
        return self.world.spec.arms[int(self._c.arm[self.idx])].name

    @property
    def wage_hours(self) -> float:
        return float(self._c.wage_hours[self.idx])

    @property
    def capacity(self) -> float:
        return float(self._c.capacity[self.idx])

    @property
    def self_efficacy(self) -> float:
        return float(self._c.self_efficacy[self.idx])

    @property
    def trust(self) -> float:
        return float(self._c.trust[self.idx])

    @property
    def status(self) -> str:
        return STATUS_NAMES[int(self._c.status[self.idx])]

    @property
    def placement(self) -> tuple[int, str] | None:
        """(company index, purpose) of the current placement, or None."""
        comp = int(self._c.company[self.idx])
        if comp < 0:
            return None
        return comp, PURPOSE_NAMES[int(self._c.purpose[self.idx])]

    def __repr__(self) -> str:
        return (f"Citizen({self.idx}, {self.arm}, {self.benefit}, status={self.status}, "
                f"wage_hours={self.wage_hours:.1f})")


class Company(mesa.Agent):  # type: ignore[misc]  # Mesa is untyped
    """A local company (virksomhed) with unsolved tasks."""

    def __init__(self, model: mesa.Model, world: World, idx: int) -> None:
        super().__init__(model)
        self.world = world
        self.idx = idx

    @property
    def sector(self) -> str:
        return self.world.spec.labour_market.sectors[
            int(self.world.companies.sector[self.idx])].name

    @property
    def free_tasks(self) -> int:
        co = self.world.companies
        return int(co.tasks[self.idx] - co.placements[self.idx])

    def __repr__(self) -> str:
        return f"Company({self.idx}, {self.sector}, free_tasks={self.free_tasks})"


class Professional(mesa.Agent):  # type: ignore[misc]  # Mesa is untyped
    """A professional: caseworker, consultant, mentor or jobformidler."""

    def __init__(self, model: mesa.Model, world: World, idx: int) -> None:
        super().__init__(model)
        self.world = world
        self.idx = idx

    @property
    def role(self) -> str:
        return ROLE_NAMES[int(self.world.staff.role[self.idx])]

    @property
    def caseload(self) -> float:
        return float(self.world.staff.caseload[self.idx])

    @property
    def weekly_hours(self) -> float:
        return float(self.world.staff.weekly_hours[self.idx])

    @property
    def partner(self) -> int | None:
        """Index of the makkerskab partner, or None outside a makkerskab."""
        p = int(self.world.staff.partner[self.idx])
        return None if p < 0 else p

    @property
    def company_knowledge(self) -> float:
        """Knowledge of local companies, 0-1, earned by outreach (company-side roles)."""
        return float(self.world.staff.knowledge[self.idx])

    @property
    def colocated(self) -> bool:
        return bool(self.world.design.colocated[int(self.world.staff.arm[self.idx])])

    @property
    def cases(self) -> int:
        """Trial citizens for whom this professional is the primary contact."""
        return int((self.world.citizens.contact_prof == self.idx).sum())

    def __repr__(self) -> str:
        return f"Professional({self.idx}, {self.role}, caseload={self.caseload:.0f})"


def make_agents(model: mesa.Model, world: World) -> None:
    """Register one agent per array entry of ``world`` in ``model``'s agent sets.

    Called through ``JobcentreModel.build_agents``, which makes sure it runs once.
    """
    for i in range(world.citizens.n):
        Citizen(model, world, i)
    for i in range(world.companies.n):
        Company(model, world, i)
    for i in range(world.staff.n):
        Professional(model, world, i)
