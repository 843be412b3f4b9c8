"""The matching stages: who seeks a placement, and which company each one is placed with.

Why a module apart: search and the BUM referral queue decide who is to be matched this
week (``rules/matching.py``, ``rules/referral.py``); the match itself is the model's longest
piece of glue — each matched citizen's own random numbers (common random numbers),
candidate companies, the judged and the true fit, competition for free slots — and reads
best on its own. The decisions are the rules in ``rules/matching.py`` and
``rules/placement.py``; this only gathers state, calls them and starts the placements.
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.rules import (
    contact,
    cv,
    matching,
    placement,
    readiness,
    referral,
    rehabilitation,
)
from jobfirst_sim.model.seeds import standard_normal
from jobfirst_sim.model.stages.handover import company_side_starts
from jobfirst_sim.model.state import F, I, Stage
from jobfirst_sim.model.world import World


def search_and_referral(w: World) -> None:
    """Readiness gate, placement search and the BUM referral queue [M §2.1, §5]."""
    t = w.week
    c, d, b = w.citizens, w.design, w.beh
    a = c.arm
    ready = readiness.readiness(physical=c.physical_barrier, mental=c.mental_barrier)
    may = readiness.may_meet_companies(sequential=d.sequential[w.practice_row], ready=ready,
                                       threshold=d.readiness_threshold[w.practice_row])
    c.cooldown = np.maximum(c.cooldown - 1, 0)
    alive = w.alive()
    eligible = matching.may_seek(alive=alive, may_meet=may, company=c.company,
                                 wage_hours=c.wage_hours, referral_wait=c.referral_wait,
                                 cooldown=c.cooldown, status=c.status)
    seeking = matching.seeks(
        eligible=eligible, contacted=w.contacted, motivation=c.motivation,
        # ressourceforløb: a week the plan's health strand leads leaves less room to seek
        seek_rate=b.matching.seek_rate * rehabilitation.search_factor(
            in_treatment=w.health_led,
            treatment_search_factor=b.rehabilitation.treatment_search_factor),
        u=w.streams.uniform(t, "seek", c.n),
        steered=w.steered & eligible,
    )
    delay = d.referral_delay[a]
    c.referral_wait, due = referral.advance_queue(wait=c.referral_wait, seeking=seeking,
                                                  delay=delay)
    still = referral.still_needed(alive=alive, company=c.company, wage_hours=c.wage_hours,
                                  status=c.status)
    w.to_match = referral.to_match(seeking=seeking, delay=delay, due=due,
                                   still_needed=still)
    # a BUM referral hands the placement to the performing unit, whose consultant starts
    # a relationship of their own with what the referral carries; the caseworker stays
    # the primary contact (not a change of contact person), and conflicting messages
    # cost trust [M §5]
    referred = np.flatnonzero(w.to_match & d.bum[a])
    c.trust[referred] = contact.referral_trust(trust=c.trust[referred],
                                               loss_on_referral=b.trust.loss_on_referral)
    company_side_starts(w, referred, b.matching.referral_knowledge)
    np.add.at(w.referrals, (c.municipality[referred], a[referred]), 1)


def match_week(w: World) -> None:
    """The matching stage: candidates, judged fit, slot competition, placement start.

    Works on the citizens the search-and-referral stage left in ``to_match``.
    """
    t = w.week
    c, d, b, co = w.citizens, w.design, w.beh.matching, w.companies
    idx = np.flatnonzero(w.to_match)
    if idx.size == 0:
        return
    ai, m = c.arm[idx], c.municipality[idx]
    k_max = b.candidates_max
    # each matched citizen's own row of numbers (common random numbers per citizen):
    # which companies come to mind, whether they say yes, the judging error, the
    # citizen's place in the queue for a company's last free slot, and the purpose drawn
    # if a placement starts
    u = w.streams.citizen_rows(t, "match_pick", c.n, idx, 3 * k_max + 2)
    u_pick, u_open = u[:, :k_max], u[:, k_max:2 * k_max]
    z = standard_normal(u[:, 2 * k_max:3 * k_max])
    comp = w.comp_start[m][:, None] + np.floor(
        u_pick * w.comp_count[m][:, None]).astype(np.int64)
    company_knowledge = w.staff.knowledge[c.company_prof[idx]]
    k = matching.n_candidates(company_knowledge=company_knowledge, candidates_max=k_max)
    free = co.tasks - co.placements
    usable = (
        (np.arange(k_max)[None, :] < k[:, None])
        & (free[comp] > 0)
        & matching.open_to_placement(openness=co.openness[comp],
                                     knowledge=company_knowledge[:, None],
                                     openness_without_outreach=b.openness_without_outreach,
                                     u=u_open)
        & (co.contact_person[comp] | ~d.contact_required[w.practice_row[idx]][:, None])
    )
    fit = matching.true_fit(
        wish_sector=c.wish_sector[idx, None], skill_sector=c.skill_sector[idx, None],
        goal_clarity=c.goal_clarity[idx, None], competence=c.competence[idx, None],
        company_sector=co.sector[comp], task_level=co.task_level[comp],
        fit_weight_wish=b.fit_weight_wish, fit_weight_skill=b.fit_weight_skill,
        fit_weight_level=b.fit_weight_level,
    )
    know = matching.matcher_knowledge(
        jobformidler=d.jobformidler[ai], makkerskab=d.makkerskab[ai],
        colocated=d.colocated[ai], known=c.known[idx], has_cv=c.has_cv[idx],
        coordination=w.plan.coordination[idx],
        referral_knowledge=b.referral_knowledge, partner_sharing=b.partner_sharing,
        cv_knowledge_gain=w.beh.cv.knowledge_gain,
        jobformidler_knowledge_floor=b.jobformidler_knowledge_floor,
    )
    record = matching.company_record(placements=w.comp_stats[0, ai[:, None], comp],
                                     conversions=w.comp_stats[2, ai[:, None], comp])
    perceived = matching.perceived_fit(fit=fit, knowledge=know, noise=b.noise, z=z,
                                       record=record, steering=d.steering[w.practice_row[idx]],
                                       record_weight=b.record_weight)
    col, found = matching.choose(perceived=perceived, usable=usable)
    rows = np.flatnonzero(found)
    chosen = comp[rows, col[rows]]
    ok = matching.resolve_capacity(company=chosen, free_slots=free,
                                   priority=u[rows, 3 * k_max])
    starters = idx[rows[ok]]
    chosen = chosen[ok]
    start_placements(w, t, starters, chosen, fit[rows[ok], col[rows[ok]]],
                     u_purpose=u[rows[ok], 3 * k_max + 1])


def start_placements(w: World, t: int, idx: I, comp: I, fit: F, *,
                     u_purpose: F) -> None:
    """Citizens ``idx`` start a placement at companies ``comp`` with the fit obtained;
    ``u_purpose`` (a uniform per citizen) draws the placement's purpose."""
    c, d, co = w.citizens, w.design, w.companies
    if idx.size == 0:
        return
    a = c.arm[idx]
    row = w.practice_row[idx]
    c.company[idx] = comp
    c.purpose[idx] = placement.draw_purpose(purpose_cum=d.purpose_cum[row], u=u_purpose)
    c.purpose_explicit[idx] = d.purpose_explicit[row]
    c.agreement[idx] = d.work_agreement[row]
    c.company_contact[idx] = co.contact_person[comp] | d.contact_required[row]
    c.weeks_in_placement[idx] = 0
    # the company's statement on the CV carries part of an earlier mastery (rules/cv.py)
    cb = w.beh.cv
    c.mastery[idx] = cv.carried_mastery(recorded=c.cv_mastery[idx],
                                        same_sector=c.cv_sector[idx] == co.sector[comp],
                                        carry_same_sector=cb.carry_same_sector,
                                        carry_other_sector=cb.carry_other_sector)
    c.fit[idx] = fit
    c.placement_had_hours[idx] = False
    np.add.at(co.placements, comp, 1)
    np.add.at(w.comp_stats[0], (a, comp), 1)  # placements started
    w.reach(idx, Stage.placement, t)
    w.reach(idx[c.agreement[idx]], Stage.agreement, t)
