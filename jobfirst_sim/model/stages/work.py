"""The work stages: hours rise, jobs are found, paid hours counted, jobs lost, exits.

Why together: they all act on ordinary hours — capacity grows at work and hours rise in
small steps (``rules/hours.py``), citizens find jobs on their own (``rules/own_job.py``),
the week's paid hours are counted, and jobs are lost, flexjob granted and citizens leave
for disability pension or otherwise (``rules/exits.py``).
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.rules import exits, hours, mentor, own_job
from jobfirst_sim.model.stages.jobs import ROUTE_OWN_JOB, end_placement, start_jobs
from jobfirst_sim.model.state import Stage, Status
from jobfirst_sim.model.world import World


def hours_progression(w: World) -> None:
    """Capacity grows at work; paid hours rise in small steps [M §2.3]."""
    t = w.week
    c, b, co = w.citizens, w.beh.hours, w.companies
    alive = w.alive()
    inp = c.company >= 0
    working = alive & (c.wage_hours > 0)
    # barriers do not change again before exits_and_relapse, which reuses this
    w.potential = hours.potential_capacity(
        physical=c.physical_barrier, mental=c.mental_barrier,
        capacity_max_hours=b.capacity_max_hours, barrier_capacity_loss=b.barrier_capacity_loss)
    c.capacity = np.where(alive, hours.grow_capacity(
        capacity=c.capacity, potential=w.potential, at_work=inp | working,
        capacity_growth=b.capacity_growth, rehab_capacity_share=b.rehab_capacity_share),
        c.capacity)
    fu = w.followup | (working & ~inp & w.plan.followup)
    room = np.where(c.job_company >= 0, co.economic_room[np.maximum(c.job_company, 0)],
                    w.demand)
    w.job_followed = fu
    wi = np.flatnonzero(working)
    p = hours.rise_probability(followup=fu[wi], room=room[wi],
                               self_efficacy=c.self_efficacy[wi], agreement=c.job_agreement[wi],
                               rise_without_followup=b.rise_without_followup,
                               agreement_step_effect=b.agreement_step_effect)
    ri = wi[w.streams.uniform(t, "rise", c.n)[wi] < p]
    before = c.wage_hours[ri]
    c.wage_hours[ri] = hours.step_hours(wage_hours=before, capacity=c.capacity[ri],
                                        step=b.step)
    w.reach(ri[c.wage_hours[ri] > before], Stage.rising, t)


def own_job_search(w: World) -> None:
    """Ordinary job search outside placements, in every design (rules/own_job.py)."""
    t = w.week
    c = w.citizens
    looking = own_job.looking(alive=w.alive(), wage_hours=c.wage_hours,
                              in_placement=c.company >= 0, status=c.status)
    li = np.flatnonzero(looking)
    p_own = own_job.own_job_probability(
        self_efficacy=c.self_efficacy[li], physical=c.physical_barrier[li],
        mental=c.mental_barrier[li], demand=w.demand[li], rate=w.beh.own_job.rate)
    u_own = w.streams.uniform(t, "own_job", c.n)[li]
    hit = u_own < p_own
    found = li[hit]
    m = c.municipality[found]
    employer = own_job.employer(u=u_own[hit], p=p_own[hit],
                                first_company=w.comp_start[m],
                                company_count=w.comp_count[m])
    # a job found alone: no match by a professional (fit taken as middling), no work
    # agreement; a contact person only where the company has one
    start_jobs(w, found, employer, fit=np.full(found.size, 0.5),
               contact_person=w.companies.contact_person[employer],
               agreement=np.zeros(found.size, bool), route=ROUTE_OWN_JOB)
    w.reach(found, Stage.hours, t)


def count_paid_hours(w: World) -> None:
    """The week's hours in placement and paid hours; the first week with paid hours."""
    t = w.week
    c = w.citizens
    alive = w.alive()
    c.placement_hours = np.where(c.company >= 0, np.maximum(c.capacity - c.wage_hours, 0), 0)
    c.weeks_with_hours += (c.wage_hours > 0) & alive
    first = (c.wage_hours > 0) & (c.first_hours_week < 0) & w.followed(t)
    c.first_hours_week[first] = t


def exits_and_relapse(w: World) -> None:
    """Job loss (relapse), flexjob, disability pension, other exits; support status."""
    t = w.week
    c, d, b = w.citizens, w.design, w.beh.exits
    sufficient = w.beh.hours.self_sufficiency_hours
    alive = w.alive()
    working = alive & (c.wage_hours > 0)
    wi = np.flatnonzero(working & (c.status != int(Status.flexjob)))
    p_loss = exits.job_loss_probability(
        self_efficacy=c.self_efficacy[wi], lifeline=d.lifeline[w.practice_row[wi]],
        job_fit=c.job_fit[wi], job_contact=c.job_contact[wi],
        followed=w.job_followed[wi], job_loss_rate=b.job_loss_rate,
        lifeline_effect=b.lifeline_effect,
        contact_person_protection=w.beh.placement.contact_person_protection,
        followup_protection=w.beh.placement.followup_protection) * mentor.relapse_protection(
        mentored=w.mentored[wi], relapse_protection=w.beh.mentor.relapse_protection)
    lose = np.zeros(c.n, bool)
    lose[wi[w.streams.uniform(t, "job_loss", c.n)[wi] < p_loss]] = True
    c.wage_hours[lose] = 0.0
    c.job_company[lose] = -1
    c.weeks_with_hours[lose] = 0
    w.setback |= lose
    elig = alive & (c.status != int(Status.flexjob)) & exits.flexjob_eligible(
        wage_hours=c.wage_hours, potential=w.potential, weeks_with_hours=c.weeks_with_hours,
        self_sufficiency_hours=sufficient, flexjob_min_weeks=b.flexjob_min_weeks)
    flex_p = exits.flexjob_probability(benefit=c.benefit, flexjob_rate=b.flexjob_rate,
                                       ressourceforloeb_exit_factor=b.ressourceforloeb_exit_factor)
    c.status[elig & (w.streams.uniform(t, "flexjob", c.n) < flex_p)] = int(Status.flexjob)
    p_dis = exits.disability_probability(
        physical=c.physical_barrier, mental=c.mental_barrier, benefit=c.benefit,
        working=working & ~lose, disability_rate=b.disability_rate,
        disability_barrier_slope=b.disability_barrier_slope,
        ressourceforloeb_exit_factor=b.ressourceforloeb_exit_factor)
    dis = alive & (w.streams.uniform(t, "disability", c.n) < p_dis)
    other = alive & ~dis & (w.streams.uniform(t, "other_exit", c.n) < b.other_exit_rate)
    gone = np.flatnonzero(dis | other)
    end_placement(w, gone[c.company[gone] >= 0])
    c.wage_hours[gone] = 0.0
    c.job_company[gone] = -1
    c.referral_wait[gone] = -1
    c.status = exits.support_status(wage_hours=c.wage_hours, current=c.status,
                                    self_sufficiency_hours=sufficient)
    c.status[dis] = int(Status.disability_pension)
    c.status[other] = int(Status.other_exit)
