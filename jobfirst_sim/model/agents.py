"""Citizen, Company and Professional: Mesa agents as named views onto the state arrays.

Why views: the agents are the model's vocabulary (what a workshop participant points at:
"this citizen", "that company"), and Mesa's agent sets let analysts select and inspect
them; the weekly rules, however, run over the arrays in ``state.py`` for speed. Each agent
holds only its index; its attributes read the current array values, so they are never
stale and cost no copying.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from jobfirst_sim.model.state import PURPOSE_NAMES, ROLE_NAMES, STATUS_NAMES, Citizens

if TYPE_CHECKING:
    from jobfirst_sim.model.jobcentre import JobcentreModel


class Citizen(mesa.Agent):  # type: ignore[misc]  # Mesa is untyped
    """A citizen (borger) in the programme."""

    model: JobcentreModel

    def __init__(self, model: JobcentreModel, idx: int) -> None:
        super().__init__(model)
        self.idx = idx

    @property
    def _c(self) -> Citizens:
        return self.model.citizens

    @property
    def benefit(self) -> str:
        return ("kontanthjaelp", "ressourceforloeb")[int(self._c.benefit[self.idx])]

    @property
    def arm(self) -> str:
        return self.model.spec.arms[int(self._c.arm[self.idx])].name

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

    model: JobcentreModel

    def __init__(self, model: JobcentreModel, idx: int) -> None:
        super().__init__(model)
        self.idx = idx

    @property
    def sector(self) -> str:
        return self.model.spec.labour_market.sectors[
            int(self.model.companies.sector[self.idx])].name

    @property
    def free_tasks(self) -> int:
        co = self.model.companies
        return int(co.tasks[self.idx] - co.placements[self.idx])

    def __repr__(self) -> str:
        return f"Company({self.idx}, {self.sector}, free_tasks={self.free_tasks})"


class Professional(mesa.Agent):  # type: ignore[misc]  # Mesa is untyped
    """A professional: caseworker, consultant, mentor or jobformidler."""

    model: JobcentreModel

    def __init__(self, model: JobcentreModel, idx: int) -> None:
        super().__init__(model)
        self.idx = idx

    @property
    def role(self) -> str:
        return ROLE_NAMES[int(self.model.staff.role[self.idx])]

    @property
    def caseload(self) -> float:
        return float(self.model.staff.caseload[self.idx])

    @property
    def weekly_hours(self) -> float:
        return float(self.model.staff.weekly_hours[self.idx])

    @property
    def partner(self) -> int | None:
        """Index of the makkerskab partner, or None outside a makkerskab."""
        p = int(self.model.staff.partner[self.idx])
        return None if p < 0 else p

    @property
    def company_knowledge(self) -> float:
        """Knowledge of local companies, 0-1, earned by outreach (company-side roles)."""
        return float(self.model.staff.knowledge[self.idx])

    @property
    def colocated(self) -> bool:
        return bool(self.model.design.colocated[int(self.model.staff.arm[self.idx])])

    @property
    def cases(self) -> int:
        """Trial citizens for whom this professional is the primary contact."""
        return int((self.model.citizens.contact_prof == self.idx).sum())

    def __repr__(self) -> str:
        return f"Professional({self.idx}, {self.role}, caseload={self.caseload:.0f})"


def make_agents(model: JobcentreModel) -> None:
    """Register one agent per array entry in the model's agent sets.

    Called through :meth:`JobcentreModel.build_agents`, which makes sure it runs once.
    """
    for i in range(model.citizens.n):
        Citizen(model, i)
    for i in range(model.companies.n):
        Company(model, i)
    for i in range(model.staff.n):
        Professional(model, i)
