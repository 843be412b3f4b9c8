"""The matching stage of the week: which company each seeking citizen is placed with.

Why a module apart from ``jobcentre.py``: this stage is the model's longest piece of
glue — each matched citizen's own random numbers (common random numbers), candidate
companies, the judged and the true fit, competition for free slots — and reads best on
its own. The decisions are the rules in ``rules/matching.py`` and ``rules/placement.py``;
this only gathers state, calls them and starts the placements.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from jobfirst_sim.model.rules import cv, matching, placement
from jobfirst_sim.model.seeds import standard_normal
from jobfirst_sim.model.state import F, I, Stage

if TYPE_CHECKING:
    from jobfirst_sim.model.jobcentre import JobcentreModel


def match_week(model: JobcentreModel, t: int) -> None:
    """The matching stage: candidates, judged fit, slot competition, placement start.

    Works on the citizens the search-and-referral stage left in ``model.to_match``.
    """
    c, d, b, co = model.citizens, model.design, model.beh.matching, model.companies
    idx = np.flatnonzero(model.to_match)
    if idx.size == 0:
        return
    ai, m = c.arm[idx], c.municipality[idx]
    k_max = b.candidates_max
    # each matched citizen's own row of numbers (common random numbers per citizen):
    # which companies come to mind, whether they say yes, the judging error, the
    # citizen's place in the queue for a company's last free slot, and the purpose drawn
    # if a placement starts
    u = model.streams.citizen_rows(t, "match_pick", c.n, idx, 3 * k_max + 2)
    u_pick, u_open = u[:, :k_max], u[:, k_max:2 * k_max]
    z = standard_normal(u[:, 2 * k_max:3 * k_max])
    comp = model.comp_start[m][:, None] + np.floor(
        u_pick * model.comp_count[m][:, None]).astype(np.int64)
    company_knowledge = model.staff.knowledge[c.company_prof[idx]]
    k = matching.n_candidates(company_knowledge=company_knowledge, candidates_max=k_max)
    free = co.tasks - co.placements
    usable = (
        (np.arange(k_max)[None, :] < k[:, None])
        & (free[comp] > 0)
        & matching.open_to_placement(openness=co.openness[comp],
                                     knowledge=company_knowledge[:, None],
                                     openness_without_outreach=b.openness_without_outreach,
                                     u=u_open)
        & (co.contact_person[comp] | ~d.contact_required[model.practice_row[idx]][:, None])
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
        coordination=model.plan.coordination[idx],
        referral_knowledge=b.referral_knowledge, partner_sharing=b.partner_sharing,
        cv_knowledge_gain=model.beh.cv.knowledge_gain,
        jobformidler_knowledge_floor=b.jobformidler_knowledge_floor,
    )
    record = matching.company_record(placements=model.comp_stats[0, ai[:, None], comp],
                                     conversions=model.comp_stats[2, ai[:, None], comp])
    perceived = matching.perceived_fit(fit=fit, knowledge=know, noise=b.noise, z=z,
                                       record=record, steering=d.steering[model.practice_row[idx]],
                                       record_weight=b.record_weight)
    col, found = matching.choose(perceived=perceived, usable=usable)
    rows = np.flatnonzero(found)
    chosen = comp[rows, col[rows]]
    ok = matching.resolve_capacity(company=chosen, free_slots=free,
                                   priority=u[rows, 3 * k_max])
    starters = idx[rows[ok]]
    chosen = chosen[ok]
    start_placements(model, t, starters, chosen, fit[rows[ok], col[rows[ok]]],
                     u_purpose=u[rows[ok], 3 * k_max + 1])


def start_placements(model: JobcentreModel, t: int, idx: I, comp: I, fit: F, *,
                     u_purpose: F) -> None:
    """Citizens ``idx`` start a placement at companies ``comp`` with the fit obtained;
    ``u_purpose`` (a uniform per citizen) draws the placement's purpose."""
    c, d, co = model.citizens, model.design, model.companies
    if idx.size == 0:
        return
    a = c.arm[idx]
    row = model.practice_row[idx]
    c.company[idx] = comp
    c.purpose[idx] = placement.draw_purpose(purpose_cum=d.purpose_cum[row], u=u_purpose)
    c.purpose_explicit[idx] = d.purpose_explicit[row]
    c.agreement[idx] = d.work_agreement[row]
    c.company_contact[idx] = co.contact_person[comp] | d.contact_required[row]
    c.weeks_in_placement[idx] = 0
    # the company's statement on the CV carries part of an earlier mastery (rules/cv.py)
    cb = model.beh.cv
    c.mastery[idx] = cv.carried_mastery(recorded=c.cv_mastery[idx],
                                        same_sector=c.cv_sector[idx] == co.sector[comp],
                                        carry_same_sector=cb.carry_same_sector,
                                        carry_other_sector=cb.carry_other_sector)
    c.fit[idx] = fit
    c.placement_had_hours[idx] = False
    np.add.at(co.placements, comp, 1)
    np.add.at(model.comp_stats[0], (a, comp), 1)  # placements started
    model.reach(idx, Stage.placement, t)
    model.reach(idx[c.agreement[idx]], Stage.agreement, t)
