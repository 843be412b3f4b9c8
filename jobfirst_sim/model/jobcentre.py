"""JobcentreModel: the jobcentre as a Mesa model whose ``step()`` is the week's agenda.

Why this shape: a reader who opens this file sees the week — intake, staff changes,
contacts, social/health effort, matching, placements and follow-up, conversion to
ordinary hours, hours progression, exits and relapse, wellbeing, record — and from each
stage one hop leads to the rule (``rules/``) that decides it. The stages only gather the
state a rule needs, call it, and apply its decision to the agent arrays (``state.py``);
the Mesa agents (``agents.py``) are named views onto those arrays.
"""

from __future__ import annotations

import mesa
import numpy as np

from jobfirst_sim.model import staffing as org
from jobfirst_sim.model.agents import make_agents
from jobfirst_sim.model.population import build_citizens, build_companies
from jobfirst_sim.model.rules import (
    contact,
    conversion,
    exits,
    hours,
    intake,
    matching,
    placement,
    readiness,
    wellbeing,
)
from jobfirst_sim.model.seeds import MESA, SAMPLING, WeeklyStreams, generator
from jobfirst_sim.model.state import Purpose, Status
from jobfirst_sim.model.tables import Recorder
from jobfirst_sim.scenario.schema import Scenario

CV, PLACEMENT, AGREEMENT, HOURS, RISING = range(5)


class JobcentreModel(mesa.Model):
    """One replication of a scenario: all arms, their citizens, companies and staff."""

    def __init__(
        self,
        scenario: Scenario,
        root_seed: int,
        replication: int = 0,
        *,
        panel: bool = False,
        journeys_per_arm: int = 10,
        agents: bool = True,
    ) -> None:
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
        self.staff = org.build_staff(scenario, self.citizens, root_seed, replication)
        self.design = org.design_table(scenario)
        self.streams = WeeklyStreams(root_seed, replication)
        c, d = self.citizens, self.design
        n_muni = len(scenario.municipalities)
        self.comp_start = np.searchsorted(self.companies.municipality, np.arange(n_muni))
        self.comp_count = np.bincount(self.companies.municipality, minlength=n_muni)
        self.demand = np.array([m.labour_demand for m in scenario.municipalities])[c.municipality]
        self.contact_prob = org.contact_probability(
            d.citizen_hours[c.arm], self.staff.caseload[c.contact_prof], d.hours_per_contact[c.arm]
        )
        self.referrals = np.zeros((n_muni, len(scenario.arms)), np.int64)
        # per arm and company: placements started, completed 13 weeks, converted to hours
        self.comp_stats = np.zeros((3, len(scenario.arms), self.companies.n), np.int64)
        self.setback = np.zeros(c.n, bool)
        self.contacted = np.zeros(c.n, bool)
        self.steered = np.zeros(c.n, bool)
        self.followup = np.zeros(c.n, bool)
        self.has_time = np.zeros(c.n, bool)
        self.potential = np.zeros(c.n)
        sample_rng = generator(root_seed, replication, SAMPLING)
        self.recorder = Recorder(self, panel=panel, journeys_per_arm=journeys_per_arm,
                                 rng=sample_rng)
        if agents:
            make_agents(self)

    # ------------------------------------------------------------------ the week
    def step(self) -> None:
        """One week of the jobcentre, stage by stage."""
        t = self.week
        self.setback[:] = False
        self.intake(t)
        self.staff_changes(t)
        self.contacts(t)
        self.social_effort(t)
        self.matching(t)
        self.placements(t)
        self.conversion(t)
        self.hours_progression(t)
        self.exits_and_relapse(t)
        self.wellbeing(t)
        self.recorder.record(t)
        self.week += 1

    def run_model(self) -> None:
        """Run until the last citizen has been followed ``weeks_followed`` weeks."""
        while self.week < self.total_weeks:
            self.step()

    # ------------------------------------------------------------------ helpers
    def since_start(self, t: int) -> np.ndarray:
        """Weeks since each citizen's own start (negative before it)."""
        return t - self.citizens.start_week

    def alive(self) -> np.ndarray:
        """Started and not exited (disability pension or other exit)."""
        c = self.citizens
        return c.active & (c.status != Status.disability_pension) & (c.status != Status.other_exit)

    def reach(self, idx: np.ndarray, stage: int, t: int) -> None:
        """Mark a funnel stage as reached (first time only) and note the progress."""
        c = self.citizens
        s = t - c.start_week[idx]
        first = c.stage_week[idx, stage] < 0
        c.stage_week[idx[first], stage] = s[first]
        c.last_progress_week[idx] = s

    def end_placement(self, idx: np.ndarray) -> None:
        """Close the placements of ``idx`` (slots freed, fields cleared)."""
        if idx.size == 0:
            return
        c = self.citizens
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

    def handover(self, idx: np.ndarray) -> None:
        """A change of contact person for ``idx``: trust falls, the change is counted."""
        if idx.size == 0:
            return
        c, d, b = self.citizens, self.design, self.beh
        a = c.arm[idx]
        c.trust[idx] = contact.handover_trust(
            c.trust[idx], b.trust_loss_on_handover, b.partner_cover, d.makkerskab[a],
            d.colocated[a],
        )
        c.contact_changes[idx] += 1

    # ------------------------------------------------------------------ stages
    def intake(self, t: int) -> None:
        """Citizens starting this week enter; the first conversation happens [M §3]."""
        c = self.citizens
        new = intake.starts_now(c.start_week, t)
        c.active |= new
        c.trust[new] = self.beh.trust_start
        self._new = new

    def staff_changes(self, t: int) -> None:
        """Professionals who leave hand their citizens over to a successor [M §3]."""
        c, st = self.citizens, self.staff
        leaves = contact.staff_leaves(
            self.design.turnover_weekly[st.arm], self.streams.uniform(t, "turnover", st.n)
        )
        if not leaves.any():
            return
        hit = np.flatnonzero(self.alive() & leaves[c.contact_prof])
        self.handover(hit)
        np.add.at(st.handovers, c.contact_prof[hit], 1)

    def contacts(self, t: int) -> None:
        """Caseload-rationed contact; trust; CV; production steering of stalled cases."""
        c, d, b = self.citizens, self.design, self.beh
        alive = self.alive()
        s = self.since_start(t)
        stall = s - c.last_progress_week
        self.steered = (
            d.steering[c.arm] & alive & (c.wage_hours <= 0) & (c.company < 0)
            & (stall >= b.steering_stall_weeks) & (stall % b.steering_stall_weeks == 0)
        )
        u = self.streams.uniform(t, "contact", c.n)
        self.contacted = contact.contacted(self.contact_prob, self.steered, u) & alive
        c.trust = np.where(
            alive,
            contact.update_trust(c.trust, self.contacted, b.trust_gain_per_contact,
                                 b.trust_decay_per_week),
            c.trust,
        )
        had = c.has_cv.copy()
        c.has_cv = intake.cv_made(
            c.has_cv, self._new, self.contacted, d.cv_at_start[c.arm], b.cv_rate_later,
            self.streams.uniform(t, "cv", c.n),
        ) & (c.active)
        made = np.flatnonzero(c.has_cv & ~had)
        c.self_efficacy[made] += b.cv_efficacy_boost * (1.0 - c.self_efficacy[made])
        self.reach(made, CV, t)

    def social_effort(self, t: int) -> None:
        """Health and social help: every week in contact removes part of the barriers."""
        c, b = self.citizens, self.beh
        effort = (self.alive() & self.contacted).astype(float)
        c.physical_barrier = readiness.reduce_barrier(c.physical_barrier, effort,
                                                      b.readiness_gain_per_week)
        c.mental_barrier = readiness.reduce_barrier(c.mental_barrier, effort,
                                                    b.readiness_gain_per_week)

    def matching(self, t: int) -> None:
        """Referral (BUM) and the individual match with a local company [M §4, §5]."""
        c, d, b, co = self.citizens, self.design, self.beh, self.companies
        a = c.arm
        ready = readiness.readiness(c.physical_barrier, c.mental_barrier)
        may = readiness.may_meet_companies(d.sequential[a], ready, d.readiness_threshold[a])
        c.cooldown = np.maximum(c.cooldown - 1, 0)
        eligible = (
            self.alive() & may & (c.company < 0) & (c.wage_hours <= 0) & (c.referral_wait < 0)
            & (c.cooldown == 0) & (c.status <= Status.partial_support)
        )
        seeking = matching.seeks(eligible, self.contacted, c.motivation, b.placement_seek_rate,
                                 self.streams.uniform(t, "seek", c.n), self.steered & eligible)
        # BUM: a seeking citizen is referred and waits; the performer acts when it runs out
        waiting = c.referral_wait > 0
        c.referral_wait[waiting] -= 1
        delay = d.referral_delay[a]
        refer = seeking & (delay > 0)
        c.referral_wait[refer] = delay[refer]
        due = c.referral_wait == 0
        c.referral_wait[due] = -1
        # the performer acts only if the case still needs a placement (no job found meanwhile)
        still = (self.alive() & (c.company < 0) & (c.wage_hours <= 0)
                 & (c.status <= Status.partial_support))
        to_match = (seeking & (delay == 0)) | (due & still)
        # a BUM referral hands the placement work to another unit: no change of primary
        # contact, but conflicting messages cost trust [M §5]
        referred = np.flatnonzero(to_match & d.bum[a])
        c.trust[referred] = contact.referral_trust(c.trust[referred], b.referral_trust_loss)
        np.add.at(self.referrals, (c.municipality[referred], a[referred]), 1)
        idx = np.flatnonzero(to_match)
        if idx.size == 0:
            return
        ai, m = a[idx], c.municipality[idx]
        k_max = b.match_candidates_max
        # full-size draws, rows taken by citizen index: common random numbers per citizen
        rng_pick = self.streams.rule(t, "match_pick")
        u_pick = rng_pick.random((c.n, k_max))[idx]
        u_open = self.streams.rule(t, "match_open").random((c.n, k_max))[idx]
        z = self.streams.rule(t, "match_noise").standard_normal((c.n, k_max))[idx]
        comp = self.comp_start[m][:, None] + np.floor(
            u_pick * self.comp_count[m][:, None]).astype(np.int64)
        k = matching.n_candidates(d.company_knowledge[ai], k_max)
        free = co.tasks - co.placements
        usable = (
            (np.arange(k_max)[None, :] < k[:, None])
            & (free[comp] > 0)
            & (u_open < co.openness[comp])
            & (co.contact_person[comp] | ~d.contact_required[ai][:, None])
        )
        fit = matching.true_fit(
            c.wish_sector[idx, None], c.skill_sector[idx, None], c.goal_clarity[idx, None],
            c.competence[idx, None], co.sector[comp], co.task_level[comp],
            b.fit_weight_wish, b.fit_weight_skill, b.fit_weight_level,
        )
        know = org.matcher_knowledge(
            d.jobformidler[ai], d.makkerskab[ai], d.colocated[ai], c.trust[idx], c.has_cv[idx],
            b.referral_knowledge, b.partner_sharing, b.cv_knowledge_gain,
            b.jobformidler_knowledge_floor,
        )
        perceived = fit + b.match_noise * (1.0 - know)[:, None] * z
        col, found = matching.choose(perceived, usable)
        rows = np.flatnonzero(found)
        chosen = comp[rows, col[rows]]
        ok = matching.resolve_capacity(chosen, free, rng_pick.random(c.n)[idx[rows]])
        starters = idx[rows[ok]]
        chosen = chosen[ok]
        self._start_placements(t, starters, chosen, fit[rows[ok], col[rows[ok]]])

    def _start_placements(self, t: int, idx: np.ndarray, comp: np.ndarray, fit: np.ndarray
                          ) -> None:
        c, d, co = self.citizens, self.design, self.companies
        if idx.size == 0:
            return
        a = c.arm[idx]
        u = self.streams.uniform(t, "purpose", c.n)[idx]
        c.company[idx] = comp
        c.purpose[idx] = placement.draw_purpose(d.purpose_cum[a], u)
        c.purpose_explicit[idx] = d.purpose_explicit[a]
        c.agreement[idx] = d.work_agreement[a]
        c.company_contact[idx] = co.contact_person[comp] | d.contact_required[a]
        c.weeks_in_placement[idx] = 0
        c.mastery[idx] = 0.0
        c.fit[idx] = fit
        c.placement_had_hours[idx] = False
        np.add.at(co.placements, comp, 1)
        np.add.at(self.comp_stats, (0, a, comp), 1)
        self.reach(idx, PLACEMENT, t)
        self.reach(idx[c.agreement[idx]], AGREEMENT, t)

    def placements(self, t: int) -> None:
        """A week in placement: follow-up, break-downs, mastery, clarity [M §4]."""
        c, d, b = self.citizens, self.design, self.beh
        a = c.arm
        inp = (c.company >= 0) & self.alive()
        c.weeks_in_placement[inp] += 1
        # whether the professional has time for a workplace visit this week (placements
        # here, workers after a placement in hours_progression)
        self.has_time = self.streams.uniform(t, "followup", c.n) < self.contact_prob
        self.followup = inp & placement.followup_due(c.weeks_in_placement, d.followup_interval[a],
                                                     self.has_time)
        h = placement.dropout_hazard(
            c.fit, c.mental_barrier, c.company_contact, c.purpose_explicit, self.followup,
            b.dropout_base, b.dropout_fit_slope, b.contact_person_protection,
            b.clear_purpose_protection, b.followup_protection, c.weeks_in_placement,
            b.dropout_startup_factor, b.dropout_settling_weeks,
        )
        drop = inp & (c.wage_hours <= 0) & (self.streams.uniform(t, "dropout", c.n) < h)
        c.mastery = np.where(inp, placement.grow_mastery(c.mastery, c.fit, self.followup,
                                                         b.mastery_rate,
                                                         b.followup_mastery_boost), c.mastery)
        clar = b.goal_clarity_gain * np.where(c.purpose == Purpose.clarify, 2.0, 1.0)
        c.goal_clarity = np.where(inp, c.goal_clarity + clar * (1 - c.goal_clarity),
                                  c.goal_clarity)
        comp_up = inp & (c.purpose == Purpose.competence)
        c.competence = np.where(comp_up, c.competence + b.competence_gain * (1 - c.competence),
                                c.competence)
        thirteen = np.flatnonzero(inp & ~drop & (c.weeks_in_placement == 13))
        # outcomes count only within each citizen's own follow-up (weeks 0 .. followed-1)
        followed = self.since_start(t) <= self.spec.run.weeks_followed - 1
        first13 = thirteen[(c.placement13_week[thirteen] < 0) & followed[thirteen]]
        c.placement13_week[first13] = t
        np.add.at(self.comp_stats, (1, c.arm[thirteen], c.company[thirteen]), 1)
        # combining a placement with ordinary hours (at any placement, person level) [T4]
        combined = inp & c.placement_had_hours & (c.wage_hours > 0) & followed
        c.placement13_hours_week[combined & (c.placement13_hours_week < 0)] = t
        full = inp & (c.wage_hours > 0) & (c.wage_hours >= c.capacity - 0.5)
        done = inp & (c.weeks_in_placement >= b.placement_max_weeks)
        dropped = np.flatnonzero(drop)
        self.setback[dropped] = True
        c.cooldown[dropped] = b.seek_cooldown_weeks
        self.end_placement(np.flatnonzero(drop | full | done))

    def conversion(self, t: int) -> None:
        """Mastered tasks convert to paid hours; switch company when a mastered task brings none."""
        c, d, b, co = self.citizens, self.design, self.beh, self.companies
        a = c.arm
        inp = (c.company >= 0) & self.alive()
        cand = inp & (c.wage_hours <= 0)
        room = np.where(inp, co.economic_room[np.maximum(c.company, 0)], 0.0)
        p = conversion.conversion_probability(
            cand & (c.mastery >= b.mastery_threshold), room, c.purpose, c.purpose_explicit,
            d.hours_dialogue[a], c.agreement, self.followup, c.trust, b.conversion_rate,
            b.purpose_conversion_competence, b.purpose_conversion_clarify,
            b.unclear_purpose_conversion, b.hours_dialogue_effect, b.agreement_effect,
            b.followup_effect, b.belief_effect,
        )
        conv = np.flatnonzero(cand & (self.streams.uniform(t, "conversion", c.n) < p))
        c.wage_hours[conv] = hours.first_hours(c.capacity[conv], b.first_hours)
        c.job_company[conv] = c.company[conv]
        c.placement_had_hours[conv] = True
        np.add.at(self.comp_stats, (2, c.arm[conv], c.company[conv]), 1)
        self.reach(conv, HOURS, t)
        switch = np.flatnonzero(conversion.should_switch(
            inp, c.wage_hours, c.purpose, c.weeks_in_placement, d.switch_weeks[a],
            c.mastery >= b.mastery_threshold))
        c.self_efficacy[switch] *= 1.0 - b.switch_setback
        self.end_placement(switch)

    def hours_progression(self, t: int) -> None:
        """Capacity grows at work; paid hours rise in small steps; own job search [M §2.3]."""
        c, d, b, co = self.citizens, self.design, self.beh, self.companies
        a = c.arm
        alive = self.alive()
        inp = c.company >= 0
        working = alive & (c.wage_hours > 0)
        # barriers do not change again before exits_and_relapse, which reuses this
        self.potential = hours.potential_capacity(c.physical_barrier, c.mental_barrier,
                                                  b.capacity_max_hours, b.barrier_capacity_loss)
        c.capacity = np.where(alive, hours.grow_capacity(c.capacity, self.potential, inp | working,
                                                         b.capacity_growth,
                                                         b.rehab_capacity_share), c.capacity)
        s = self.since_start(t)
        fu = self.followup | (working & ~inp & (s % d.followup_interval[a] == 0)
                              & self.has_time)
        room = np.where(c.job_company >= 0, co.economic_room[np.maximum(c.job_company, 0)],
                        self.demand)
        p = hours.rise_probability(fu, room, c.self_efficacy, b.rise_without_followup)
        rise = working & (self.streams.uniform(t, "rise", c.n) < p)
        before = c.wage_hours.copy()
        c.wage_hours = np.where(rise, hours.step_hours(c.wage_hours, c.capacity, b.hours_step),
                                c.wage_hours)
        self.reach(np.flatnonzero(rise & (c.wage_hours > before)), RISING, t)
        # ordinary job search outside placements, in both designs
        looking = alive & (c.wage_hours <= 0) & ~inp & (c.status == Status.full_support)
        p_own = exits.own_job_probability(c.self_efficacy, c.physical_barrier, c.mental_barrier,
                                          self.demand, b.own_job_rate)
        u_own = self.streams.uniform(t, "own_job", c.n)
        found = np.flatnonzero(looking & (u_own < p_own))
        c.wage_hours[found] = c.capacity[found]
        m = c.municipality[found]
        pick = u_own[found] / p_own[found]  # uniform on [0, 1) given the job was found
        c.job_company[found] = self.comp_start[m] + np.floor(pick * self.comp_count[m]).astype(
            np.int64)
        self.reach(found, HOURS, t)
        c.placement_hours = np.where(c.company >= 0, np.maximum(c.capacity - c.wage_hours, 0), 0)
        c.weeks_with_hours += (c.wage_hours > 0) & alive
        first = (c.wage_hours > 0) & (c.first_hours_week < 0) & (
            s <= self.spec.run.weeks_followed - 1)
        c.first_hours_week[first] = t

    def exits_and_relapse(self, t: int) -> None:
        """Job loss (relapse), flexjob, disability pension, other exits; support status."""
        c, d, b = self.citizens, self.design, self.beh
        a = c.arm
        alive = self.alive()
        working = alive & (c.wage_hours > 0)
        p_loss = exits.job_loss_probability(c.self_efficacy, d.lifeline[a], b.job_loss_rate,
                                            b.lifeline_effect)
        lose = working & (c.status != Status.flexjob) & (
            self.streams.uniform(t, "job_loss", c.n) < p_loss)
        c.wage_hours[lose] = 0.0
        c.job_company[lose] = -1
        c.weeks_with_hours[lose] = 0
        self.setback |= lose
        elig = alive & (c.status != Status.flexjob) & exits.flexjob_eligible(
            c.wage_hours, self.potential, c.weeks_with_hours, b.self_sufficiency_hours,
            b.flexjob_min_weeks)
        flex_p = b.flexjob_rate * np.where(c.benefit == 1, b.ressourceforloeb_exit_factor, 1.0)
        c.status[elig & (self.streams.uniform(t, "flexjob", c.n) < flex_p)] = int(Status.flexjob)
        p_dis = exits.disability_probability(c.physical_barrier, c.mental_barrier, c.benefit,
                                             working & ~lose, b.disability_rate,
                                             b.disability_barrier_slope,
                                             b.ressourceforloeb_exit_factor)
        dis = alive & (self.streams.uniform(t, "disability", c.n) < p_dis)
        other = alive & ~dis & (self.streams.uniform(t, "other_exit", c.n) < b.other_exit_rate)
        gone = np.flatnonzero(dis | other)
        self.end_placement(gone[c.company[gone] >= 0])
        c.wage_hours[gone] = 0.0
        c.job_company[gone] = -1
        c.referral_wait[gone] = -1
        c.status = exits.support_status(c.wage_hours, c.status, b.self_sufficiency_hours)
        c.status[dis] = int(Status.disability_pension)
        c.status[other] = int(Status.other_exit)

    def wellbeing(self, t: int) -> None:
        """Self-efficacy, motivation and mental health move with work and setbacks [M §6]."""
        c, b = self.citizens, self.beh
        alive = self.alive()
        inp = c.company >= 0
        has_hours = c.wage_hours > 0
        se = wellbeing.update_efficacy(c.self_efficacy, inp, has_hours, self.setback,
                                       b.efficacy_gain_placement, b.efficacy_gain_hours,
                                       b.efficacy_loss_setback)
        c.self_efficacy = np.where(alive, se, c.self_efficacy)
        mot = wellbeing.update_motivation(c.motivation, c.trust, c.self_efficacy, inp | has_hours,
                                          b.motivation_adjust, b.motivation_work_lift)
        c.motivation = np.where(alive, mot, c.motivation)
        mb = wellbeing.update_mental_barrier(c.mental_barrier, has_hours, self.setback,
                                             b.mental_gain_hours, b.mental_loss_setback)
        c.mental_barrier = np.where(alive, mb, c.mental_barrier)
