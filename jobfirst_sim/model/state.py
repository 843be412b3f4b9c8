"""Agent state held as arrays (one entry per agent), the model's working memory.

Why arrays: the weekly rules must run over ~5,000 citizens in milliseconds and over
100,000 in seconds, which per-agent Python stepping cannot do. The Mesa agents in
``agents.py`` are thin named views onto one index of these arrays, so the model keeps
the vocabulary of citizens, companies and professionals while the rules run vectorised.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np
from numpy.typing import NDArray

from jobfirst_sim import domain

F = NDArray[np.float64]
I = NDArray[np.int64]  # noqa: E741
B = NDArray[np.bool_]


class Status(IntEnum):
    """Support status of a citizen (the panel's ``status`` column).

    The weekly rules compare arrays with ``int(Status.x)``, not the member itself: numpy
    looks up its special methods on an operand's type, and on Python 3.11 every such
    lookup on an Enum class falls through ``EnumType.__getattr__`` (about 2 µs a
    comparison, several per week and rule). The same holds for the enums below.
    """

    full_support = 0
    partial_support = 1
    self_sufficient = 2
    flexjob = 3
    disability_pension = 4
    other_exit = 5


STATUS_NAMES: tuple[str, ...] = domain.STATUSES
"""Status names by code (``Status`` by value): the domain's, which the codes follow."""


class Purpose(IntEnum):
    """Purpose of a company placement [M §4]; ``none`` when not in placement."""

    none = -1
    hours = 0
    competence = 1
    clarify = 2


PURPOSE_NAMES: dict[int, str] = {-1: "", 0: "hours", 1: "competence", 2: "clarify"}


class Role(IntEnum):
    """Professional roles [M §5]."""

    caseworker = 0
    consultant = 1
    mentor = 2
    jobformidler = 3


ROLE_NAMES: tuple[str, ...] = domain.ROLES
"""Role names by code (``Role`` by value): the domain's, which the codes follow."""

class Stage(IntEnum):
    """The case-flow funnel of production steering [M §5], in order; the value is the
    column of ``Citizens.stage_week``."""

    cv = 0
    placement = 1
    agreement = 2
    hours = 3
    rising = 4


STAGES: tuple[str, ...] = tuple(s.name for s in Stage)
"""Funnel stage names in order (``Stage`` by value)."""

MEASURE_WEEK = 78
"""Week since start at which T1 and T2 are measured (about 1.5 years)."""


@dataclass
class Citizens:
    """State of all citizens, one array entry each."""

    # fixed attributes
    arm: I
    benefit: I  # 0 kontanthjaelp, 1 ressourceforloeb
    municipality: I
    age: F
    female: B
    immigrant: B
    start_week: I
    weeks_on_benefit: I  # time on benefit at own start (calendar stock; 0 inflow and trial)
    inflow: B  # calendar mode: arrived after week 0 (False for the stock and the trial)
    wish_sector: I
    skill_sector: I
    # latent states on [0, 1]
    physical_barrier: F
    mental_barrier: F
    self_efficacy: F
    motivation: F
    goal_clarity: F
    competence: F
    trust: F
    known: F  # the primary contact's knowledge of the citizen [M §3]
    belief: F  # the primary contact's belief in the citizen [M §3]
    # the company side's own relationship where another unit holds it (the BUM
    # performer, who a referral hands the placement to): the primary contact's stays
    known_co: F  # the company-side professional's knowledge of the citizen
    belief_co: F  # the company-side professional's belief in the citizen
    # work capacity and hours
    capacity: F
    wage_hours: F
    placement_hours: F
    # case
    active: B
    has_cv: B
    status: I
    contact_prof: I  # index into Professionals (primary contact)
    caseworker: I  # the citizen's authority caseworker (index into Professionals)
    company_prof: I  # who matches and follows up at the workplace (jobformidler/consultant)
    mentor: I  # the citizen's mentor, -1 where the design has none (jobformidler designs)
    contact_changes: I  # changes of the person in the design's primary role (handover.py)
    first_change_week: I  # model week of the first change of contact person, -1 none
    status_seen: I  # support status at the last caseload stage (a change may move the case)
    followup_skip: B  # a change interrupted the running placement's follow-up
    referral_wait: I  # -1 = not referred; else weeks left before the performer acts
    cooldown: I
    # placement
    company: I  # -1 = none
    purpose: I
    purpose_explicit: B
    agreement: B
    company_contact: B
    weeks_in_placement: I
    mastery: F
    fit: F
    cv_mastery: F  # mastery in the company's statement on the CV, 0 none (rules/cv.py)
    cv_sector: I  # sector of the company that wrote the statement, -1 none
    placement_had_hours: B
    job_company: I  # company paying the ordinary hours, -1 none
    job_fit: F  # match quality of the job (the placement's fit; 0.5 for a job found alone)
    job_contact: B  # the job has a named company contact person
    job_agreement: B  # the job came with a work agreement's hour goals
    job_route: I  # how the current job began: 0 none, 1 converted placement, 2 own job
    cannot_pay: B  # follow-up has shown the placement's company cannot pay for hours
    weeks_with_hours: I
    # outcomes
    # model week (calendar) each outcome was first reached within own follow-up, -1 never
    first_hours_week: I
    placement13_week: I
    placement13_hours_week: I  # first week combining a placement with ordinary hours
    hours_w78: F  # paid hours in week MEASURE_WEEK since own start (NaN before/never)
    stage_week: I  # (n, len(Stage)): week since start each stage was first reached, -1 never
    last_progress_week: I

    @property
    def n(self) -> int:
        """Number of citizens."""
        return int(self.arm.shape[0])

    def check(self) -> None:
        """Assert the invariants the rules must keep (used by tests)."""
        assert np.all(self.wage_hours >= 0)
        assert np.all(self.wage_hours <= self.capacity + 1e-9)
        in_pl = self.company >= 0
        assert np.all(self.purpose[~in_pl] == Purpose.none)
        assert np.all(self.weeks_in_placement[~in_pl] == 0)
        for name in ("self_efficacy", "motivation", "goal_clarity", "trust", "mastery",
                     "known", "belief", "known_co", "belief_co", "cv_mastery"):
            v = getattr(self, name)
            assert np.all((v >= 0) & (v <= 1)), name
        gone = np.isin(self.status, (Status.disability_pension, Status.other_exit))
        assert np.all(self.wage_hours[gone] == 0)
        assert np.all(~in_pl[gone])


@dataclass
class Companies:
    """State of all companies."""

    municipality: I
    sector: I
    tasks: I  # unsolved tasks = placement slots
    task_level: F  # difficulty of its typical task, 0-1
    openness: F
    economic_room: F  # multiplier on conversion and progression, ~0-2
    task_hours: F  # hours the company's task offers at entry
    contact_person: B
    placements: I  # current placements
    # the employer side (rules/employer.py): size, standing tasks and what the run made
    employees: I  # ordinary employees (bounds slots through the rimelighedskrav)
    base_tasks: I  # standing unsolved tasks at the start (extra slots expire, these not)
    openness_start: F  # openness when the run started (openness learns from placements)
    carved: I  # slots made by strategic company visits, summed over the run
    offered: I  # slots brought to the company service (virksomhedsservice), summed
    breakdowns: I  # break-downs of placements here, summed over the run (placement stage)
    breakdowns_seen: I  # break-downs the employer stage has learnt from so far
    good_seen: I  # placements that went well here (13 weeks, converted), counted so far

    @property
    def n(self) -> int:
        """Number of companies."""
        return int(self.sector.shape[0])


@dataclass
class Professionals:
    """State of all professionals (caseworkers, consultants, mentors, jobformidlere)."""

    municipality: I
    arm: I
    role: I
    caseload: F  # citizens assigned per FTE at the start (caseload of the role)
    weekly_hours: F  # nominal hours of a full-time week
    fte: F  # full-time equivalents this professional stands for (a person, fractions allowed)
    net_hours: F  # hours for tasks in an average week (time budget)
    partner: I  # makkerskab partner, -1 none
    practice_arm: I  # whose design's practice this professional follows (own arm, usually)
    practice_u: F  # the professional's draw against the implementation share (0-1)
    handovers: I  # changes of contact person caused by this professional
    vacant_until: I  # model week a successor starts after this professional left (0 = none)
    absent_weeks: I  # weeks away (holiday, sickness) so far
    knowledge: F  # knowledge of local companies, 0-1 (company-side roles; earned by outreach)
    time_demand: F  # (n, tasks): hours asked for, summed over weeks
    time_served: F  # (n, tasks): hours given, summed over weeks
    time_available: F  # hours there were for tasks, summed over weeks (0 in weeks away)

    @property
    def n(self) -> int:
        """Number of professionals."""
        return int(self.role.shape[0])
