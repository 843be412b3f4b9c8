"""JobcentreModel: the jobcentre as a Mesa model whose ``step()`` is the week's agenda.

Why this shape: a reader who opens this file sees the week — intake, staff changes,
contacts, social/health effort, placement search and referral, matching, placements and
follow-up, conversion to ordinary hours, hours progression, own job search, exits and
relapse, wellbeing, measurement, record — and from each stage one hop leads to the rule
(``rules/``) that decides it. The stages only gather the state a rule needs, call it
with keyword arguments named as in the scenario's ``behaviour:`` sections, and apply its
decision to the agent arrays (``state.py``). The Mesa agents (``agents.py``) are named
views onto those arrays, built only when something reads them (:meth:`build_agents`).
"""

from __future__ import annotations

import mesa
import numpy as np

from jobfirst_sim.model.agents import make_agents
from jobfirst_sim.model.design import design_table, practice_row
from jobfirst_sim.model.match import match_week
from jobfirst_sim.model.population import build_citizens, build_companies
from jobfirst_sim.model.recorder import Recorder
from jobfirst_sim.model.rules import (
    contact,
    conversion,
    cv,
    exits,
    hours,
    intake,
    matching,
    own_job,
    placement,
    readiness,
    rebalance,
    referral,
    relationship,
    transition,
    wellbeing,
)
from jobfirst_sim.model.seeds import MESA, SAMPLING, WeeklyStreams, generator
from jobfirst_sim.model.staffing import build_staff, transition_practice
from jobfirst_sim.model.state import MEASURE_WEEK, B, F, I, Purpose, Stage, Status
from jobfirst_sim.model.workload import empty_plan, plan_week, served_counts
from jobfirst_sim.scenario.schema import Scenario

ROUTE_PLACEMENT, ROUTE_OWN_JOB = 1, 2
"""``Citizens.job_route``: a job converted from a placement, or found by the citizen."""


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
        """Build the population, companies, staff and recorder of one replication.

        ``agents=True`` builds the Mesa agent views at once (kept for callers that ask);
        otherwise they are built on the first :meth:`build_agents` call, so runs and
        sweeps that only read the tables never pay for one object per citizen.
        ``weekly=False`` keeps no weekly aggregates (no weekly table): for a run read only
        for its per-citizen outcomes.
        """
        ss = np.random.SeedSequence(root_seed, spawn_key=(replication, MESA))
        super().__init__(rng=int(ss.generate_state(1)[0]))
        # named ``spec`` because Mesa >= 3.5 reserves ``Model.scenario`` for its own concept
        self.spec = scenario
        self.beh = scenario.behaviour
        self.replication = replication
        self.week = 0
        self.total_weeks = scenario.total_weeks
        self.citizens = build_citizens(scenario, root_seed, replication)
        self.companies = build_companies(scenario, root_seed, replication)
        self.staff = build_staff(scenario, self.citizens, root_seed, replication)
        self.design = design_table(scenario)
        # every professional's full caseload of trial citizens (fixed teams: computed once)
        self.assigned: F = served_counts(self.citizens, self.staff.n)
        # the practice each citizen meets: their primary contact's, for their benefit group
        self.practice_row: I = practice_row(self.staff.practice_arm[self.citizens.contact_prof],
                                            self.citizens.benefit)
        self.streams = WeeklyStreams(root_seed, replication)
        c = self.citizens
        n_muni = len(scenario.municipalities)
        self.comp_start: I = np.searchsorted(self.companies.municipality, np.arange(n_muni))
        self.comp_count: I = np.bincount(self.companies.municipality, minlength=n_muni)
        self.demand: F = np.array([m.labour_demand for m in scenario.municipalities])[
            c.municipality]
        self.referrals = np.zeros((n_muni, len(scenario.arms)), np.int64)
        # per arm and company: placements started, completed 13 weeks, converted to hours
        self.comp_stats = np.zeros((3, len(scenario.arms), self.companies.n), np.int64)
        self.setback: B = np.zeros(c.n, bool)
        self.contacted: B = np.zeros(c.n, bool)
        self.job_followed: B = np.zeros(c.n, bool)
        self.own_contact: B = np.zeros(c.n, bool)
        self.steered: B = np.zeros(c.n, bool)
        self.followup: B = np.zeros(c.n, bool)
        self.plan = empty_plan(c.n)
        self.to_match: B = np.zeros(c.n, bool)
        self.new: B = np.zeros(c.n, bool)
        self.potential: F = np.zeros(c.n)
        sample_rng = generator(root_seed, replication, SAMPLING)
        self.recorder = Recorder(self, panel=panel, journeys_per_arm=journeys_per_arm,
                                 rng=sample_rng, weekly=weekly)
        self.agents_built = False
        self._alive: B | None = None  # within a week: alive() between intake and exits
        if agents:
            self.build_agents()

    def build_agents(self) -> None:
        """Register the Mesa agents (one view per citizen, company, professional), once.

        Why on demand: the weekly rules never read them; only a citizen's story, the
        journeys and tests do, and a sweep of a thousand runs should not build them.
        """
        if not self.agents_built:
            make_agents(self)
            self.agents_built = True

    # ------------------------------------------------------------------ the week
    def step(self) -> None:
        """One week of the jobcentre, stage by stage."""
        t = self.week
        self.setback[:] = False
        self.intake(t)
        # who is alive changes only at intake and at the exits: the stages in between
        # share one read-only copy (alive() is asked for about ten times a week)
        self._alive = self._compute_alive()
        self._alive.flags.writeable = False
        self.change_over(t)
        self.staff_changes(t)
        self.rebalance(t)
        self.time_budget(t)
        self.contacts(t)
        self.social_effort(t)
        self.search_and_referral(t)
        self.matching(t)
        self.placements(t)
        self.conversion(t)
        self.hours_progression(t)
        self.own_job_search(t)
        self.count_paid_hours(t)
        self.exits_and_relapse(t)
        self._alive = None
        self.wellbeing(t)
        self.measure(t)
        self.recorder.record(t)
        self.week += 1

    def run_model(self) -> None:
        """Run until the last citizen has been followed ``weeks_followed`` weeks (in
        calendar mode: to ``horizon_weeks``)."""
        while self.week < self.total_weeks:
            self.step()

    # ------------------------------------------------------------------ helpers
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

    def reach(self, idx: I, stage: Stage, t: int) -> None:
        """Mark a funnel stage as reached (first time only) and note the progress."""
        if idx.size == 0:
            return
        c = self.citizens
        s = t - c.start_week[idx]
        first = c.stage_week[idx, stage] < 0
        c.stage_week[idx[first], stage] = s[first]
        c.last_progress_week[idx] = s

    def end_placement(self, idx: I) -> None:
        """Close the placements of ``idx`` (slots freed, fields cleared); a mastered task
        leaves the company's statement on the citizen's CV (rules/cv.py)."""
        if idx.size == 0:
            return
        c = self.citizens
        recorded = cv.statement(has_cv=c.has_cv[idx], mastery=c.mastery[idx],
                                mastery_threshold=self.beh.placement.mastery_threshold,
                                recorded=c.cv_mastery[idx])
        c.cv_sector[idx] = np.where(recorded != c.cv_mastery[idx],
                                    self.companies.sector[c.company[idx]], c.cv_sector[idx])
        c.cv_mastery[idx] = recorded
        np.subtract.at(self.companies.placements, c.company[idx], 1)
        c.company[idx] = -1
        c.purpose[idx] = int(Purpose.none)
        c.weeks_in_placement[idx] = 0
        c.mastery[idx] = 0.0
        c.fit[idx] = 0.0
        c.agreement[idx] = False
        c.company_contact[idx] = False
        c.purpose_explicit[idx] = False
        c.placement_had_hours[idx] = False
        c.placement_hours[idx] = 0.0
        c.cannot_pay[idx] = False
        c.followup_skip[idx] = False

    def start_jobs(self, idx: I, company: I, *, fit: F, contact_person: B, agreement: B,
                   route: int) -> None:
        """Ordinary hours start for ``idx`` at ``company``, by the one entry rule for every
        job (rules/hours.entry_hours); what keeps the job is remembered with it."""
        if idx.size == 0:
            return
        c = self.citizens
        c.wage_hours[idx] = hours.entry_hours(task_hours=self.companies.task_hours[company],
                                              capacity=c.capacity[idx])
        c.job_company[idx] = company
        c.job_fit[idx] = fit
        c.job_contact[idx] = contact_person
        c.job_agreement[idx] = agreement
        c.job_route[idx] = route

    def handover(self, idx: I, t: int) -> None:
        """A change of contact person for ``idx`` [M §3, §5]: trust falls, the new person
        knows and believes what the makkerskab partner kept (nothing in the BUM split), the
        running placement's next follow-up is interrupted, and the change is counted."""
        if idx.size == 0:
            return
        c, d, b = self.citizens, self.design, self.beh
        a = c.arm[idx]
        coordination = self.plan.coordination[idx]
        c.trust[idx] = contact.handover_trust(
            trust=c.trust[idx], loss_on_handover=b.trust.loss_on_handover,
            partner_cover=b.trust.partner_cover, makkerskab=d.makkerskab[a],
            colocated=d.colocated[a], coordination=coordination,
        )
        kept = relationship.kept_on_change(makkerskab=d.makkerskab[a], colocated=d.colocated[a],
                                           partner_cover=b.trust.partner_cover,
                                           coordination=coordination,
                                           joint=self.plan.joint[idx],
                                           joint_kept=b.relationship.joint_kept)
        self.changed(idx, t, kept)

    def changed(self, idx: I, t: int, kept: F) -> None:
        """What every change of contact person does besides trust: knowledge and belief
        start over from what was ``kept``, the placement follow-up is interrupted, and the
        change is counted (with the week of the first)."""
        if idx.size == 0:
            return
        c, rb = self.citizens, self.beh.relationship
        c.known[idx] = relationship.after_change(value=c.known[idx], start=rb.known_start,
                                                 kept=kept)
        c.belief[idx] = relationship.after_change(value=c.belief[idx], start=rb.belief_start,
                                                  kept=kept)
        c.followup_skip[idx] |= c.company[idx] >= 0
        c.contact_changes[idx] += 1
        first = idx[c.first_change_week[idx] < 0]
        c.first_change_week[first] = t

    # ------------------------------------------------------------------ stages
    def intake(self, t: int) -> None:
        """Citizens starting this week enter; the first conversation happens [M §3]."""
        c = self.citizens
        new = intake.starts_now(start_week=c.start_week, week=t)
        c.active |= new
        c.trust[new] = self.beh.trust.start
        self.new = new

    def change_over(self, t: int) -> None:
        """Calendar mode, arms with a ``transition``: at week 0 part of the stock's cases
        move to a new contact person (a handover, as any change of person), and while the
        ramp-up lasts the professionals who practise the new design fully are updated
        (rules/transition.py)."""
        arms = [a.transition for a in self.spec.arms]
        if self.spec.calendar is None or all(tr is None for tr in arms):
            return
        c = self.citizens
        if t == 0:
            share = np.array([0.0 if tr is None else tr.handover_share for tr in arms])
            moved = transition.handed_over(handover_share=share[c.arm],
                                           u=self.streams.uniform(t, "transition", c.n))
            self.handover(np.flatnonzero(moved & self.alive() & ~c.inflow), t)
        if t <= max(tr.ramp_up_weeks for tr in arms if tr is not None):
            self.staff.practice_arm = transition_practice(self.spec, self.staff,
                                                          self.design.before_arm, t)
            self.practice_row = practice_row(self.staff.practice_arm[c.contact_prof],
                                             c.benefit)

    def staff_changes(self, t: int) -> None:
        """Professionals who leave: their citizens lose their contact person now and wait
        ``vacancy_weeks`` for a successor (the post has no hours meanwhile) [M §3, §5]."""
        c, st = self.citizens, self.staff
        leaves = contact.staff_leaves(
            turnover_weekly=self.design.turnover_weekly[st.arm],
            u=self.streams.uniform(t, "turnover", st.n),
        ) & (st.vacant_until <= t)
        if not leaves.any():
            return
        st.vacant_until[leaves] = t + self.beh.relationship.vacancy_weeks
        # the successor brings their own knowledge of local companies, not the leaver's
        st.knowledge[leaves] = self.beh.knowledge.start
        hit = np.flatnonzero(self.alive() & leaves[c.contact_prof])
        self.handover(hit, t)
        np.add.at(st.handovers, c.contact_prof[hit], 1)

    def rebalance(self, t: int) -> None:
        """At a caseload review, citizens of professionals far above their target caseload
        move to colleagues of the same team with room, the ones they know least first
        (rules/rebalance.py) [M §5]. The move takes the citizen to another pair: nobody
        who knew them stays, so it is a change of contact person that keeps nothing.

        The caseload counted is the one the time budget serves (``model/workload.py``): in
        a trial cohort every citizen ever assigned (the ordinary inflow fills the places of
        those not started or gone, so a caseload dealt out evenly stays even), in calendar
        mode the citizens there are now.
        """
        rb = self.beh.relationship
        if not rebalance.review_due(week=t, review_interval_weeks=rb.review_interval_weeks):
            return
        c, st = self.citizens, self.staff
        alive = self.alive()
        counted = alive if self.spec.calendar is not None else np.ones(c.n, bool)
        load = np.bincount(c.contact_prof[counted], minlength=st.n)
        target = rebalance.targets(caseload_per_fte=st.caseload, fte=st.fte)
        team = (st.municipality * len(self.spec.arms) + st.arm) * (int(max(st.role)) + 1) + st.role
        give = rebalance.excess(caseload=load, target=target, tolerance=rb.review_tolerance)
        if not give.any():
            return
        take = rebalance.room(caseload=load, target=target, receiving=st.vacant_until <= t)
        old = c.contact_prof.copy()
        new = rebalance.reallocate(owner=old, movable=alive, order=c.known, team=team,
                                   give=give, take=take)
        moved = np.flatnonzero(new != old)
        if moved.size == 0:
            return
        self.move_citizens(moved, new[moved])
        c.trust[moved] = contact.handover_trust(
            trust=c.trust[moved], loss_on_handover=self.beh.trust.loss_on_handover,
            partner_cover=self.beh.trust.partner_cover, makkerskab=np.zeros(moved.size, bool),
            colocated=np.zeros(moved.size, bool), coordination=np.zeros(moved.size))
        self.changed(moved, t, np.zeros(moved.size))
        np.add.at(st.handovers, old[moved], 1)

    def move_citizens(self, idx: I, to: I) -> None:
        """Give ``idx`` the contact persons ``to`` with the team that goes with them: the
        roles the old contact person held for the citizen (caseworker, company side) move
        too, and where the new contact person has a makkerskab partner, the partner takes
        the side the old partner had. The full caseloads and the practice the citizens
        meet are updated."""
        c, st = self.citizens, self.staff
        old = c.contact_prof[idx]
        partner = st.partner[to]
        had_partner = st.partner[old] >= 0
        for side in (c.caseworker, c.company_prof):
            held = side[idx]
            side[idx] = np.where(held == old, to,
                                 np.where(had_partner & (partner >= 0), partner, held))
        c.contact_prof[idx] = to
        self.assigned = served_counts(c, st.n)
        self.practice_row = practice_row(st.practice_arm[c.contact_prof], c.benefit)

    def time_budget(self, t: int) -> None:
        """The professional's week: tasks get hours by priority (model/workload.py)."""
        self.plan = plan_week(self, t)

    def contacts(self, t: int) -> None:
        """Contacts the week's time allows; trust; CV; production steering of stalled cases."""
        c, d, b = self.citizens, self.design, self.beh
        alive = self.alive()
        self.steered = contact.steered(
            steering=d.steering[self.practice_row], alive=alive,
            idle=(c.wage_hours <= 0) & (c.company < 0),
            stalled_weeks=self.since_start(t) - c.last_progress_week,
            stall_weeks=b.steering.stall_weeks,
        )
        u = self.streams.uniform(t, "contact", c.n)
        plan = self.plan
        self.contacted = contact.contacted(
            contact_prob=plan.contact_chance, steered=self.steered, u=u,
            visited=plan.visit_is_contact,
            mentored=self.streams.uniform(t, "mentor", c.n) < plan.mentor_chance) & alive
        # the relation grows only with the contact person or a partner who knows the case
        self.own_contact = self.contacted & (~plan.away | plan.cover_knows)
        c.trust = np.where(
            alive,
            contact.update_trust(trust=c.trust, contacted=self.own_contact,
                                 gain_per_contact=b.trust.gain_per_contact,
                                 decay_per_week=b.trust.decay_per_week),
            c.trust,
        )
        c.known = relationship.learn_citizen(
            known=c.known, contacted=self.own_contact,
            known_gain_per_contact=b.relationship.known_gain_per_contact)
        had = c.has_cv.copy()
        c.has_cv = intake.cv_made(
            has_cv=c.has_cv, new=self.new, contacted=self.contacted,
            cv_at_start=d.cv_at_start[self.practice_row], rate_later=b.cv.rate_later,
            u=self.streams.uniform(t, "cv", c.n),
        ) & c.active
        made = np.flatnonzero(c.has_cv & ~had)
        c.self_efficacy[made] = intake.efficacy_after_cv(
            self_efficacy=c.self_efficacy[made], efficacy_boost=b.cv.efficacy_boost)
        self.reach(made, Stage.cv, t)

    def social_effort(self, t: int) -> None:
        """Health and social help: every week in contact removes part of the barriers."""
        c, gain = self.citizens, self.beh.readiness.gain_per_week
        effort = (self.alive() & self.contacted).astype(float)
        c.physical_barrier = readiness.reduce_barrier(barrier=c.physical_barrier, effort=effort,
                                                      gain_per_week=gain)
        c.mental_barrier = readiness.reduce_barrier(barrier=c.mental_barrier, effort=effort,
                                                    gain_per_week=gain)

    def search_and_referral(self, t: int) -> None:
        """Readiness gate, placement search and the BUM referral queue [M §2.1, §5]."""
        c, d, b = self.citizens, self.design, self.beh
        a = c.arm
        ready = readiness.readiness(physical=c.physical_barrier, mental=c.mental_barrier)
        may = readiness.may_meet_companies(sequential=d.sequential[self.practice_row], ready=ready,
                                           threshold=d.readiness_threshold[self.practice_row])
        c.cooldown = np.maximum(c.cooldown - 1, 0)
        alive = self.alive()
        eligible = matching.may_seek(alive=alive, may_meet=may, company=c.company,
                                     wage_hours=c.wage_hours, referral_wait=c.referral_wait,
                                     cooldown=c.cooldown, status=c.status)
        seeking = matching.seeks(
            eligible=eligible, contacted=self.contacted, motivation=c.motivation,
            seek_rate=b.matching.seek_rate, u=self.streams.uniform(t, "seek", c.n),
            steered=self.steered & eligible,
        )
        delay = d.referral_delay[a]
        c.referral_wait, due = referral.advance_queue(wait=c.referral_wait, seeking=seeking,
                                                      delay=delay)
        still = referral.still_needed(alive=alive, company=c.company, wage_hours=c.wage_hours,
                                      status=c.status)
        self.to_match = referral.to_match(seeking=seeking, delay=delay, due=due,
                                          still_needed=still)
        # a BUM referral hands the citizen to the performing unit, whose consultant and
        # mentor become the people the citizen deals with: a change of contact person that
        # keeps what the referral carries, and conflicting messages cost trust [M §5]
        referred = np.flatnonzero(self.to_match & d.bum[a])
        c.trust[referred] = contact.referral_trust(trust=c.trust[referred],
                                                   loss_on_referral=b.trust.loss_on_referral)
        self.changed(referred, t, np.full(referred.size, b.matching.referral_knowledge))
        np.add.at(self.referrals, (c.municipality[referred], a[referred]), 1)

    def matching(self, t: int) -> None:
        """The individual match with a local company; slot competition [M §4, §5]."""
        match_week(self, t)

    def placements(self, t: int) -> None:
        """A week in placement: follow-up, break-downs, mastery, clarity [M §4]."""
        c, b = self.citizens, self.beh.placement
        inp = (c.company >= 0) & self.alive()
        c.weeks_in_placement += inp  # adding a mask: no gather and scatter
        # the visits the week's time allowed (model/workload.py); workers after a
        # placement are followed up in hours_progression
        self.followup = inp & self.plan.followup
        # the rules are elementwise: each is evaluated only for the citizens it concerns
        at_risk = np.flatnonzero(inp & (c.wage_hours <= 0))
        h = placement.dropout_hazard(
            fit=c.fit[at_risk], mental_barrier=c.mental_barrier[at_risk],
            company_contact=c.company_contact[at_risk],
            purpose_explicit=c.purpose_explicit[at_risk], followup=self.followup[at_risk],
            weeks_in_placement=c.weeks_in_placement[at_risk], dropout_base=b.dropout_base,
            dropout_fit_slope=b.dropout_fit_slope,
            contact_person_protection=b.contact_person_protection,
            clear_purpose_protection=b.clear_purpose_protection,
            followup_protection=b.followup_protection, startup_factor=b.startup_factor,
            settling_weeks=b.settling_weeks,
        )
        drop = np.zeros(c.n, bool)
        drop[at_risk[self.streams.uniform(t, "dropout", c.n)[at_risk] < h]] = True
        ip = np.flatnonzero(inp)
        c.mastery[ip] = placement.grow_mastery(
            mastery=c.mastery[ip], fit=c.fit[ip], followup=self.followup[ip],
            mastery_rate=b.mastery_rate, followup_mastery_boost=b.followup_mastery_boost)
        w = self.beh.wellbeing
        everyone = np.ones(ip.size, bool)
        c.goal_clarity[ip] = wellbeing.clarify_goal(
            goal_clarity=c.goal_clarity[ip], in_placement=everyone, purpose=c.purpose[ip],
            goal_clarity_gain=w.goal_clarity_gain)
        c.competence[ip] = wellbeing.train_competence(
            competence=c.competence[ip], in_placement=everyone, purpose=c.purpose[ip],
            competence_gain=w.competence_gain)
        thirteen = np.flatnonzero(inp & ~drop & (c.weeks_in_placement == 13))
        # outcomes count only within each citizen's own follow-up (weeks 0 .. followed-1)
        followed = self.followed(t)
        first13 = thirteen[(c.placement13_week[thirteen] < 0) & followed[thirteen]]
        c.placement13_week[first13] = t
        np.add.at(self.comp_stats[1], (c.arm[thirteen], c.company[thirteen]), 1)
        # combining a placement with ordinary hours (at any placement, person level) [T4]
        combined = inp & c.placement_had_hours & (c.wage_hours > 0) & followed
        c.placement13_hours_week[combined & (c.placement13_hours_week < 0)] = t
        ending = placement.ends(in_placement=inp, dropped=drop, wage_hours=c.wage_hours,
                                capacity=c.capacity, weeks_in_placement=c.weeks_in_placement,
                                max_weeks=b.max_weeks)
        dropped = np.flatnonzero(drop)
        self.setback[dropped] = True
        c.cooldown[dropped] = self.beh.matching.seek_cooldown_weeks
        self.end_placement(np.flatnonzero(ending))

    def conversion(self, t: int) -> None:
        """Mastered tasks convert to paid hours; switch company when a mastered task brings none."""
        c, d, b, co = self.citizens, self.design, self.beh.conversion, self.companies
        row = self.practice_row
        inp = (c.company >= 0) & self.alive()
        cand = inp & (c.wage_hours <= 0)
        room = np.where(inp, co.economic_room[np.maximum(c.company, 0)], 0.0)
        threshold = self.beh.placement.mastery_threshold
        ci = np.flatnonzero(cand)
        p = conversion.conversion_probability(
            mastered=c.mastery[ci] >= threshold, room=room[ci], purpose=c.purpose[ci],
            purpose_explicit=c.purpose_explicit[ci], hours_dialogue=d.hours_dialogue[row[ci]],
            agreement=c.agreement[ci], followup=self.followup[ci], belief=c.belief[ci],
            rate=b.rate,
            competence_factor=b.competence_factor, clarify_factor=b.clarify_factor,
            unclear_purpose_factor=b.unclear_purpose_factor,
            hours_dialogue_effect=b.hours_dialogue_effect, agreement_effect=b.agreement_effect,
            followup_effect=b.followup_effect, belief_effect=b.belief_effect,
        )
        conv = ci[self.streams.uniform(t, "conversion", c.n)[ci] < p]
        self.start_jobs(conv, c.company[conv], fit=c.fit[conv],
                        contact_person=c.company_contact[conv], agreement=c.agreement[conv],
                        route=ROUTE_PLACEMENT)
        c.placement_had_hours[conv] = True
        np.add.at(self.comp_stats[2], (c.arm[conv], c.company[conv]), 1)
        self.reach(conv, Stage.hours, t)
        mastered = c.mastery >= threshold
        c.cannot_pay |= inp & conversion.room_revealed(
            followup=self.followup, mastered=mastered, room=room,
            room_switch_threshold=b.room_switch_threshold)
        switch = np.flatnonzero(conversion.should_switch(
            in_placement=inp, wage_hours=c.wage_hours, purpose=c.purpose,
            weeks_in_placement=c.weeks_in_placement, switch_weeks=d.switch_weeks[row],
            mastered=mastered, cannot_pay=c.cannot_pay, switch_rule=d.switch_rule[row]))
        c.self_efficacy[switch] = conversion.efficacy_after_switch(
            self_efficacy=c.self_efficacy[switch], switch_setback=b.switch_setback)
        self.end_placement(switch)

    def hours_progression(self, t: int) -> None:
        """Capacity grows at work; paid hours rise in small steps [M §2.3]."""
        c, b, co = self.citizens, self.beh.hours, self.companies
        alive = self.alive()
        inp = c.company >= 0
        working = alive & (c.wage_hours > 0)
        # barriers do not change again before exits_and_relapse, which reuses this
        self.potential = hours.potential_capacity(
            physical=c.physical_barrier, mental=c.mental_barrier,
            capacity_max_hours=b.capacity_max_hours, barrier_capacity_loss=b.barrier_capacity_loss)
        c.capacity = np.where(alive, hours.grow_capacity(
            capacity=c.capacity, potential=self.potential, at_work=inp | working,
            capacity_growth=b.capacity_growth, rehab_capacity_share=b.rehab_capacity_share),
            c.capacity)
        fu = self.followup | (working & ~inp & self.plan.followup)
        room = np.where(c.job_company >= 0, co.economic_room[np.maximum(c.job_company, 0)],
                        self.demand)
        self.job_followed = fu
        wi = np.flatnonzero(working)
        p = hours.rise_probability(followup=fu[wi], room=room[wi],
                                   self_efficacy=c.self_efficacy[wi], agreement=c.job_agreement[wi],
                                   rise_without_followup=b.rise_without_followup,
                                   agreement_step_effect=b.agreement_step_effect)
        ri = wi[self.streams.uniform(t, "rise", c.n)[wi] < p]
        before = c.wage_hours[ri]
        c.wage_hours[ri] = hours.step_hours(wage_hours=before, capacity=c.capacity[ri],
                                            step=b.step)
        self.reach(ri[c.wage_hours[ri] > before], Stage.rising, t)

    def own_job_search(self, t: int) -> None:
        """Ordinary job search outside placements, in every design (rules/own_job.py)."""
        c = self.citizens
        looking = own_job.looking(alive=self.alive(), wage_hours=c.wage_hours,
                                  in_placement=c.company >= 0, status=c.status)
        li = np.flatnonzero(looking)
        p_own = own_job.own_job_probability(
            self_efficacy=c.self_efficacy[li], physical=c.physical_barrier[li],
            mental=c.mental_barrier[li], demand=self.demand[li], rate=self.beh.own_job.rate)
        u_own = self.streams.uniform(t, "own_job", c.n)[li]
        hit = u_own < p_own
        found = li[hit]
        m = c.municipality[found]
        employer = own_job.employer(u=u_own[hit], p=p_own[hit],
                                    first_company=self.comp_start[m],
                                    company_count=self.comp_count[m])
        # a job found alone: no match by a professional (fit taken as middling), no work
        # agreement; a contact person only where the company has one
        self.start_jobs(found, employer, fit=np.full(found.size, 0.5),
                        contact_person=self.companies.contact_person[employer],
                        agreement=np.zeros(found.size, bool), route=ROUTE_OWN_JOB)
        self.reach(found, Stage.hours, t)

    def count_paid_hours(self, t: int) -> None:
        """The week's hours in placement and paid hours; the first week with paid hours."""
        c = self.citizens
        alive = self.alive()
        c.placement_hours = np.where(c.company >= 0, np.maximum(c.capacity - c.wage_hours, 0), 0)
        c.weeks_with_hours += (c.wage_hours > 0) & alive
        first = (c.wage_hours > 0) & (c.first_hours_week < 0) & self.followed(t)
        c.first_hours_week[first] = t

    def exits_and_relapse(self, t: int) -> None:
        """Job loss (relapse), flexjob, disability pension, other exits; support status."""
        c, d, b = self.citizens, self.design, self.beh.exits
        sufficient = self.beh.hours.self_sufficiency_hours
        alive = self.alive()
        working = alive & (c.wage_hours > 0)
        wi = np.flatnonzero(working & (c.status != int(Status.flexjob)))
        p_loss = exits.job_loss_probability(
            self_efficacy=c.self_efficacy[wi], lifeline=d.lifeline[self.practice_row[wi]],
            job_fit=c.job_fit[wi], job_contact=c.job_contact[wi],
            followed=self.job_followed[wi], job_loss_rate=b.job_loss_rate,
            lifeline_effect=b.lifeline_effect,
            contact_person_protection=self.beh.placement.contact_person_protection,
            followup_protection=self.beh.placement.followup_protection)
        lose = np.zeros(c.n, bool)
        lose[wi[self.streams.uniform(t, "job_loss", c.n)[wi] < p_loss]] = True
        c.wage_hours[lose] = 0.0
        c.job_company[lose] = -1
        c.weeks_with_hours[lose] = 0
        self.setback |= lose
        elig = alive & (c.status != int(Status.flexjob)) & exits.flexjob_eligible(
            wage_hours=c.wage_hours, potential=self.potential, weeks_with_hours=c.weeks_with_hours,
            self_sufficiency_hours=sufficient, flexjob_min_weeks=b.flexjob_min_weeks)
        flex_p = exits.flexjob_probability(benefit=c.benefit, flexjob_rate=b.flexjob_rate,
                                           ressourceforloeb_exit_factor=b.ressourceforloeb_exit_factor)
        c.status[elig & (self.streams.uniform(t, "flexjob", c.n) < flex_p)] = int(Status.flexjob)
        p_dis = exits.disability_probability(
            physical=c.physical_barrier, mental=c.mental_barrier, benefit=c.benefit,
            working=working & ~lose, disability_rate=b.disability_rate,
            disability_barrier_slope=b.disability_barrier_slope,
            ressourceforloeb_exit_factor=b.ressourceforloeb_exit_factor)
        dis = alive & (self.streams.uniform(t, "disability", c.n) < p_dis)
        other = alive & ~dis & (self.streams.uniform(t, "other_exit", c.n) < b.other_exit_rate)
        gone = np.flatnonzero(dis | other)
        self.end_placement(gone[c.company[gone] >= 0])
        c.wage_hours[gone] = 0.0
        c.job_company[gone] = -1
        c.referral_wait[gone] = -1
        c.status = exits.support_status(wage_hours=c.wage_hours, current=c.status,
                                        self_sufficiency_hours=sufficient)
        c.status[dis] = int(Status.disability_pension)
        c.status[other] = int(Status.other_exit)

    def wellbeing(self, t: int) -> None:
        """Self-efficacy, motivation and mental health move with work and setbacks [M §6]."""
        c, b = self.citizens, self.beh.wellbeing
        alive = self.alive()
        inp = c.company >= 0
        has_hours = c.wage_hours > 0
        se = wellbeing.update_efficacy(
            self_efficacy=c.self_efficacy, in_placement=inp, has_hours=has_hours,
            setback=self.setback, efficacy_gain_placement=b.efficacy_gain_placement,
            efficacy_gain_hours=b.efficacy_gain_hours,
            efficacy_loss_setback=b.efficacy_loss_setback)
        c.self_efficacy = np.where(alive, se, c.self_efficacy)
        mot = wellbeing.update_motivation(
            motivation=c.motivation, trust=c.trust, self_efficacy=c.self_efficacy,
            in_work=inp | has_hours, motivation_adjust=b.motivation_adjust,
            motivation_work_lift=b.motivation_work_lift)
        c.motivation = np.where(alive, mot, c.motivation)
        c.belief = np.where(alive, relationship.update_belief(
            belief=c.belief, contacted=self.own_contact, progressing=inp | has_hours,
            setback=self.setback, belief_adjust=self.beh.relationship.belief_adjust), c.belief)
        mb = wellbeing.update_mental_barrier(
            barrier=c.mental_barrier, has_hours=has_hours, setback=self.setback,
            mental_gain_hours=b.mental_gain_hours, mental_loss_setback=b.mental_loss_setback)
        c.mental_barrier = np.where(alive, mb, c.mental_barrier)

    def measure(self, t: int) -> None:
        """Outcomes measured at a fixed week since each citizen's own start: the paid hours
        in week 78 (targets T1, T2), within the follow-up (calendar mode: only citizens
        who reach week 78 since their start by the horizon get a value)."""
        if self.spec.observed_weeks < MEASURE_WEEK:
            return
        c = self.citizens
        at = np.flatnonzero(self.since_start(t) == MEASURE_WEEK)
        c.hours_w78[at] = c.wage_hours[at]
