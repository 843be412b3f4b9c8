"""JobcentreModel: the jobcentre as a Mesa model whose ``step()`` is the week's agenda.

Why this shape: a reader who opens this file sees the week — intake, change-over, staff
changes, caseload review, the time budget, contacts, social/health effort, placement
search and referral, matching, placements, conversion to ordinary hours, the employer
side (slots made and lost at companies, openness learnt), hours
progression, own job search, paid hours, exits and relapse, wellbeing, measurement,
record — and from each stage one hop leads to the code that does it (``stages/``) and
from there to the rule that decides it (``rules/``). The state lives in a World
(``world.py``), which the stages take; the Mesa agents (``agents.py``) are named views
onto it, built only when something reads them (:meth:`JobcentreModel.build_agents`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import mesa
import numpy as np

from jobfirst_sim.model.agents import make_agents
from jobfirst_sim.model.observe.recorder import Recorder
from jobfirst_sim.model.seeds import MESA, SAMPLING, generator
from jobfirst_sim.model.stages import (
    caseload,
    contact,
    employer,
    matching,
    placement,
    time_budget,
    wellbeing,
    work,
)
from jobfirst_sim.model.state import Citizens, Companies, Professionals
from jobfirst_sim.model.world import World
from jobfirst_sim.scenario.schema import Scenario

WEEK: Final[tuple[Callable[[World], None], ...]] = (
    World.begin_week,
    caseload.intake,
    World.freeze_alive,  # who is alive changes next at the exits
    caseload.change_over,
    caseload.staff_changes,
    caseload.case_moves,
    caseload.rebalance,
    time_budget.plan,
    contact.contacts,
    contact.social_effort,
    matching.search_and_referral,
    matching.match_week,
    placement.placements,
    placement.conversion,
    employer.employer_week,
    work.hours_progression,
    work.own_job_search,
    work.count_paid_hours,
    work.exits_and_relapse,
    World.thaw_alive,
    wellbeing.wellbeing,
    wellbeing.measure,
)
"""The week's agenda: every stage in order, each a function of the World alone (so a
bare World runs the same week without Mesa, ``tests/model/test_world.py``); the model's
:meth:`~JobcentreModel.step` runs it, then records the week."""


class JobcentreModel(mesa.Model):  # type: ignore[misc]  # Mesa ships no type information
    """One replication of a scenario: all arms, their citizens, companies and staff."""

    def __init__(
        self,
        scenario: Scenario,
        root_seed: int,
        replication: int = 0,
        *,
        panel: bool = False,
        journeys_per_arm: int = 10,
        agents: bool = False,
        weekly: bool = True,
    ) -> None:
        """Build the World (population, companies, staff) and the recorder of one replication.

        ``agents=True`` builds the Mesa agent views at once (kept for callers that ask);
        otherwise they are built on the first :meth:`build_agents` call, so runs and
        sweeps that only read the tables never pay for one object per citizen.
        ``weekly=False`` keeps no weekly aggregates (no weekly table): for a run read only
        for its per-citizen outcomes.
        """
        ss = np.random.SeedSequence(root_seed, spawn_key=(replication, MESA))
        super().__init__(rng=int(ss.generate_state(1)[0]))
        self.world = World(scenario, root_seed, replication)
        self.recorder = Recorder(self.world, panel=panel, journeys_per_arm=journeys_per_arm,
                                 rng=generator(root_seed, replication, SAMPLING),
                                 weekly=weekly)
        self.agents_built = False
        if agents:
            self.build_agents()

    def build_agents(self) -> None:
        """Register the Mesa agents (one view per citizen, company, professional), once.

        Why on demand: the weekly rules never read them; only a citizen's story, the
        journeys and tests do, and a sweep of a thousand runs should not build them.
        """
        if not self.agents_built:
            make_agents(self, self.world)
            self.agents_built = True

    # ------------------------------------------------------------------ the week
    def step(self) -> None:
        """One week of the jobcentre, stage by stage."""
        w = self.world
        for stage in WEEK:
            stage(w)
        self.recorder.record(w.week)
        w.week += 1

    def run_model(self) -> None:
        """Run until the last citizen has been followed ``weeks_followed`` weeks (in
        calendar mode: to ``horizon_weeks``)."""
        while self.world.week < self.world.total_weeks:
            self.step()

    # ------------------------------------------------------------------ named views
    # Why: analysts, benchmarks and decisions read a run's citizens and clock from the
    # model; these name the World's, so the model stays the one thing they hold.
    @property
    def spec(self) -> Scenario:
        """The scenario run (``spec``: Mesa >= 3.5 reserves ``Model.scenario``)."""
        return self.world.spec

    @property
    def citizens(self) -> Citizens:
        return self.world.citizens

    @property
    def companies(self) -> Companies:
        return self.world.companies

    @property
    def staff(self) -> Professionals:
        return self.world.staff

    @property
    def week(self) -> int:
        """The model week the run is in (the World's clock)."""
        return self.world.week

    @property
    def total_weeks(self) -> int:
        return self.world.total_weeks
