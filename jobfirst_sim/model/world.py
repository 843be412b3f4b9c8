"""The World: everything one replication's week reads and changes, and nothing else.

Why apart from the Mesa model: the week's stages (``stages/``) used to take the whole
``JobcentreModel`` and call back into it, so the model, the stages and the recorder all
imported one another. The World holds the state arrays (``state.py``), the design table,
the random streams and the clock; its few questions (who is alive, weeks since start, who
is still followed) and the one mark every stage makes (:meth:`World.reach`) live here.
The stages take a World and the recorder reads one; neither knows of Mesa. The Mesa model
(``jobcentre.py``) builds a World, keeps it, and calls the stages in the week's order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jobfirst_sim.model.design import DesignTable, design_table, practice_row
from jobfirst_sim.model.population import build_citizens, build_companies, municipal_demand
from jobfirst_sim.model.seeds import WeeklyStreams
from jobfirst_sim.model.staffing import build_staff
from jobfirst_sim.model.state import B, Citizens, Companies, F, I, Professionals, Stage, Status
from jobfirst_sim.scenario.schema import Scenario


@dataclass
class WeekPlan:
    """What the week's time allows, per citizen (chances and masks).

    Written by the time-budget stage (``stages/time_budget.py``) and read by the stages
    after it; kept here, with the World that holds it, so no stage imports another's
    module to learn its shape.
    """

    contact_chance: F  # chance of a planned contact with the primary contact person
    mentor_chance: F  # chance of a mentor's support contact (citizens in a placement)
    followup: B  # a workplace follow-up visit happens this week
    visit_is_contact: B  # ... by the primary contact person (a jobformidler)
    coordination: F  # share of the pair's coordination time that was given (1 outside pairs)
    joint: F  # share of the partner's joint time (meetings, visits) given (0 outside pairs)
    away: B  # the primary contact person is away (absent or the post is vacant)
    cover_knows: B  # ... and the one covering knows the case (the makkerskab partner)
    transition: B  # a transition-support contact in a placement's first weeks happens


def empty_plan(n: int) -> WeekPlan:
    """The plan before the first week (nothing planned yet)."""
    return WeekPlan(contact_chance=np.zeros(n), mentor_chance=np.zeros(n),
                    followup=np.zeros(n, bool), visit_is_contact=np.zeros(n, bool),
                    coordination=np.ones(n), joint=np.zeros(n), away=np.zeros(n, bool),
                    cover_knows=np.zeros(n, bool), transition=np.zeros(n, bool))


def served_counts(c: Citizens, n: int, mask: B | None = None) -> F:
    """Per professional: citizens they serve in any role (among ``mask``, else all).

    With no mask this is the full caseload of the run, which changes only when citizens
    move to another contact person (the World keeps it: :attr:`World.assigned`).
    """
    out: F = np.zeros(n)
    for prof in (c.contact_prof, c.caseworker, c.company_prof, c.mentor):
        ok = prof >= 0 if mask is None else (prof >= 0) & mask
        # the mask as weights: whole-number sums, without gathering the masked citizens
        out += np.bincount(np.maximum(prof, 0), weights=ok, minlength=n)
    return out


class World:
    """One replication's state: citizens, companies, staff, design, streams and clock.

    Besides the agents' arrays it keeps what the stages of one week tell each other
    (who was contacted, who had a setback, the week's plan, who is to be matched) and the
    run's counters (referrals, placements per company); the tables read those at the end.
    """

    def __init__(self, scenario: Scenario, root_seed: int, replication: int) -> None:
        """Build the population, companies and staff of one replication (their own
        streams, so the order they are built in changes nothing)."""
        self.spec = scenario
        self.beh = scenario.behaviour
        self.replication = replication
        self.week = 0
        """The clock: the model week the stages are in (0 = the first)."""
        self.total_weeks = scenario.total_weeks
        self.citizens = build_citizens(scenario, root_seed, replication)
        self.companies: Companies = build_companies(scenario, root_seed, replication)
        self.staff: Professionals = build_staff(scenario, self.citizens, root_seed,
                                                replication)
        self.design: DesignTable = design_table(scenario)
        # every professional's full caseload of trial citizens (changes only on a move)
        self.assigned: F = served_counts(self.citizens, self.staff.n)
        # the practice each citizen meets: their primary contact's, for their benefit group
        self.practice_row: I = practice_row(self.staff.practice_arm[self.citizens.contact_prof],
                                            self.citizens.benefit)
        self.streams = WeeklyStreams(root_seed, replication)
        c = self.citizens
        n_muni = len(scenario.municipalities)
        self.comp_start: I = np.searchsorted(self.companies.municipality, np.arange(n_muni))
        self.comp_count: I = np.bincount(self.companies.municipality, minlength=n_muni)
        self.demand: F = municipal_demand(scenario)[c.municipality]
        self.referrals = np.zeros((n_muni, len(scenario.arms)), np.int64)
        # per arm and company: placements started, completed 13 weeks, converted to hours
        self.comp_stats = np.zeros((3, len(scenario.arms), self.companies.n), np.int64)
        # the employer stage's memory: each professional's outreach hours counted so far
        self.outreach_seen: F = np.zeros(self.staff.n)
        # what one stage of the week tells the next
        self.setback: B = np.zeros(c.n, bool)
        self.contacted: B = np.zeros(c.n, bool)
        self.job_followed: B = np.zeros(c.n, bool)
        self.own_contact: B = np.zeros(c.n, bool)
        self.steered: B = np.zeros(c.n, bool)
        self.followup: B = np.zeros(c.n, bool)
        self.mentored: B = np.zeros(c.n, bool)  # the mentor's support came this week
        self.plan = empty_plan(c.n)
        self.to_match: B = np.zeros(c.n, bool)
        self.new: B = np.zeros(c.n, bool)
        self.potential: F = np.zeros(c.n)
        # ressourceforløb: whether the plan's health strand leads this week (stages/contact.py)
        self.health_led: B = np.zeros(c.n, bool)
        self._alive: B | None = None  # within a week: alive() between intake and exits

    # ------------------------------------------------------------------ the week's frame
    def begin_week(self) -> None:
        """A new week: nobody has had a setback in it yet."""
        self.setback[:] = False

    def freeze_alive(self) -> None:
        """Who is alive changes only at intake and at the exits: the stages in between
        share one read-only copy (:meth:`alive` is asked for about ten times a week)."""
        alive = self._compute_alive()
        alive.flags.writeable = False
        self._alive = alive

    def thaw_alive(self) -> None:
        """The exits have run: :meth:`alive` is computed afresh again."""
        self._alive = None

    # ------------------------------------------------------------------ questions
    def since_start(self, t: int) -> I:
        """Weeks since each citizen's own start (negative before it)."""
        out: I = t - self.citizens.start_week
        return out

    def followed(self, t: int) -> B:
        """Who is within their follow-up in week ``t``, where outcomes "first reached"
        count: weeks 0 .. ``weeks_followed`` − 1 since own start, or in calendar mode
        calendar weeks before ``horizon_weeks``."""
        cal = self.spec.calendar
        if cal is not None:
            out: B = np.full(self.citizens.n, t <= cal.horizon_weeks - 1)
            return out
        followed: B = self.since_start(t) <= self.spec.run.weeks_followed - 1
        return followed

    def alive(self) -> B:
        """Started and not exited (disability pension or other exit)."""
        if self._alive is not None:
            return self._alive
        return self._compute_alive()

    def _compute_alive(self) -> B:
        c = self.citizens
        out: B = (c.active & (c.status != int(Status.disability_pension))
                  & (c.status != int(Status.other_exit)))
        return out

    # ------------------------------------------------------------------ the one mark
    def reach(self, idx: I, stage: Stage, t: int) -> None:
        """Mark a funnel stage as reached (first time only) and note the progress."""
        if idx.size == 0:
            return
        c = self.citizens
        s = t - c.start_week[idx]
        first = c.stage_week[idx, stage] < 0
        c.stage_week[idx[first], stage] = s[first]
        c.last_progress_week[idx] = s
