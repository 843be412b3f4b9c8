"""The placement stages: a week in placement, and conversion to paid hours.

Why together: both read the week's follow-up visits (``time_budget.py``) and the
placement's fields, and both end placements (``jobs.py``): a drop-out or the end of the
placement's time, and a switch of company when a mastered task brings no hours. The
decisions are ``rules/placement.py``, ``rules/conversion.py`` and ``rules/wellbeing.py``.
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.rules import conversion as conversion_rules
from jobfirst_sim.model.rules import mentor, placement, wellbeing
from jobfirst_sim.model.stages.jobs import ROUTE_PLACEMENT, end_placement, start_jobs
from jobfirst_sim.model.state import B, Stage
from jobfirst_sim.model.world import World


def placements(w: World) -> None:
    """A week in placement: follow-up, break-downs, mastery, clarity [M §4]."""
    t = w.week
    c, b = w.citizens, w.beh.placement
    inp = (c.company >= 0) & w.alive()
    c.weeks_in_placement += inp  # adding a mask: no gather and scatter
    # the visits the week's time allowed (time_budget.py); workers after a
    # placement are followed up in hours_progression
    w.followup = inp & w.plan.followup
    # the rules are elementwise: each is evaluated only for the citizens it concerns
    at_risk = np.flatnonzero(inp & (c.wage_hours <= 0))
    h = placement.dropout_hazard(
        fit=c.fit[at_risk], mental_barrier=c.mental_barrier[at_risk],
        company_contact=c.company_contact[at_risk],
        purpose_explicit=c.purpose_explicit[at_risk], followup=w.followup[at_risk],
        weeks_in_placement=c.weeks_in_placement[at_risk],
        supported=w.plan.transition[at_risk], dropout_base=b.dropout_base,
        dropout_fit_slope=b.dropout_fit_slope,
        contact_person_protection=b.contact_person_protection,
        clear_purpose_protection=b.clear_purpose_protection,
        followup_protection=b.followup_protection, startup_hazard=b.startup_hazard,
        transition_weeks=b.transition_weeks,
        transition_support_protection=b.transition_support_protection,
    ) * mentor.placement_protection(  # a week with the mentor's support (rules/mentor.py)
        mentored=w.mentored[at_risk], placement_protection=w.beh.mentor.placement_protection)
    drop = np.zeros(c.n, bool)
    drop[at_risk[w.streams.uniform(t, "dropout", c.n)[at_risk] < h]] = True
    ip = np.flatnonzero(inp)
    c.mastery[ip] = placement.grow_mastery(
        mastery=c.mastery[ip], fit=c.fit[ip], followup=w.followup[ip],
        mastery_rate=b.mastery_rate, followup_mastery_boost=b.followup_mastery_boost)
    wb = w.beh.wellbeing
    everyone = np.ones(ip.size, bool)
    c.goal_clarity[ip] = wellbeing.clarify_goal(
        goal_clarity=c.goal_clarity[ip], in_placement=everyone, purpose=c.purpose[ip],
        goal_clarity_gain=wb.goal_clarity_gain)
    c.competence[ip] = wellbeing.train_competence(
        competence=c.competence[ip], in_placement=everyone, purpose=c.purpose[ip],
        competence_gain=wb.competence_gain)
    thirteen = np.flatnonzero(inp & ~drop & (c.weeks_in_placement == 13))
    # outcomes count only within each citizen's own follow-up (weeks 0 .. followed-1)
    followed = w.followed(t)
    first13 = thirteen[(c.placement13_week[thirteen] < 0) & followed[thirteen]]
    c.placement13_week[first13] = t
    np.add.at(w.comp_stats[1], (c.arm[thirteen], c.company[thirteen]), 1)
    # combining a placement with ordinary hours (at any placement, person level) [T4]
    combined = inp & c.placement_had_hours & (c.wage_hours > 0) & followed
    c.placement13_hours_week[combined & (c.placement13_hours_week < 0)] = t
    ending = placement.ends(in_placement=inp, dropped=drop, wage_hours=c.wage_hours,
                            capacity=c.capacity, weeks_in_placement=c.weeks_in_placement,
                            max_weeks=b.max_weeks)
    dropped = np.flatnonzero(drop)
    w.setback[dropped] = True
    np.add.at(w.companies.breakdowns, c.company[dropped], 1)  # the employer stage learns
    c.cooldown[dropped] = w.beh.matching.seek_cooldown_weeks
    reviewed = review(w, inp & ~drop)
    end_placement(w, np.flatnonzero(ending | reviewed))


def review(w: World, inp: B) -> B:
    """The review at ``placement.review_week`` (rules/placement.placement_review): convert
    (hours start where none yet; the placement goes on combined with them, as after a
    conversion), switch (a small disappointment, as the switch rule's), end, or extend
    (nothing to do: the placement runs on to ``placement.max_weeks``). Returns the
    placements the review closes (switch and end)."""
    t = w.week
    c, b, co = w.citizens, w.beh.placement, w.companies
    room = np.where(inp, co.economic_room[np.maximum(c.company, 0)], 0.0)
    threshold = placement.mastery_threshold(weeks_to_first_hours=b.weeks_to_first_hours,
                                            mastery_rate=b.mastery_rate)
    outcome = placement.placement_review(
        in_placement=inp, weeks_in_placement=c.weeks_in_placement,
        mastered=c.mastery >= threshold, wage_hours=c.wage_hours, room=room,
        agreement=c.agreement, purpose=c.purpose, review_week=b.review_week,
        room_switch_threshold=w.beh.conversion.room_switch_threshold, max_weeks=b.max_weeks)
    conv = np.flatnonzero(outcome == placement.REVIEW_CONVERT)
    new = conv[c.wage_hours[conv] <= 0]
    start_jobs(w, new, c.company[new], fit=c.fit[new], contact_person=c.company_contact[new],
               agreement=c.agreement[new], route=ROUTE_PLACEMENT)
    c.placement_had_hours[new] = True
    np.add.at(w.comp_stats[2], (c.arm[new], c.company[new]), 1)
    w.reach(new, Stage.hours, t)
    switch = np.flatnonzero(outcome == placement.REVIEW_SWITCH)
    c.self_efficacy[switch] = conversion_rules.efficacy_after_switch(
        self_efficacy=c.self_efficacy[switch], switch_setback=w.beh.conversion.switch_setback)
    out: B = np.isin(outcome, (placement.REVIEW_SWITCH, placement.REVIEW_END))
    return out


def conversion(w: World) -> None:
    """Mastered tasks convert to paid hours; switch company when a mastered task brings none."""
    t = w.week
    c, d, b, co = w.citizens, w.design, w.beh.conversion, w.companies
    row = w.practice_row
    inp = (c.company >= 0) & w.alive()
    cand = inp & (c.wage_hours <= 0)
    room = np.where(inp, co.economic_room[np.maximum(c.company, 0)], 0.0)
    pb = w.beh.placement
    threshold = placement.mastery_threshold(weeks_to_first_hours=pb.weeks_to_first_hours,
                                            mastery_rate=pb.mastery_rate)
    ci = np.flatnonzero(cand)
    p = conversion_rules.conversion_probability(
        mastered=c.mastery[ci] >= threshold, room=room[ci], purpose=c.purpose[ci],
        purpose_explicit=c.purpose_explicit[ci], hours_dialogue=d.hours_dialogue[row[ci]],
        agreement=c.agreement[ci], followup=w.followup[ci],
        # the belief of whoever follows up: the performer's own under BUM (handover.py)
        belief=np.where(d.bum[c.arm[ci]], c.belief_co[ci], c.belief[ci]),
        rate=b.rate,
        competence_factor=b.competence_factor, clarify_factor=b.clarify_factor,
        unclear_purpose_factor=b.unclear_purpose_factor,
        hours_dialogue_effect=b.hours_dialogue_effect, agreement_effect=b.agreement_effect,
        followup_effect=b.followup_effect, belief_effect=b.belief_effect,
    )
    conv = ci[w.streams.uniform(t, "conversion", c.n)[ci] < p]
    start_jobs(w, conv, c.company[conv], fit=c.fit[conv],
               contact_person=c.company_contact[conv], agreement=c.agreement[conv],
               route=ROUTE_PLACEMENT)
    c.placement_had_hours[conv] = True
    np.add.at(w.comp_stats[2], (c.arm[conv], c.company[conv]), 1)
    w.reach(conv, Stage.hours, t)
    mastered = c.mastery >= threshold
    c.cannot_pay |= inp & conversion_rules.room_revealed(
        followup=w.followup, mastered=mastered, room=room,
        room_switch_threshold=b.room_switch_threshold)
    switch = np.flatnonzero(conversion_rules.should_switch(
        in_placement=inp, wage_hours=c.wage_hours, purpose=c.purpose,
        weeks_in_placement=c.weeks_in_placement, switch_weeks=d.switch_weeks[row],
        mastered=mastered, cannot_pay=c.cannot_pay, switch_rule=d.switch_rule[row]))
    c.self_efficacy[switch] = conversion_rules.efficacy_after_switch(
        self_efficacy=c.self_efficacy[switch], switch_setback=b.switch_setback)
    end_placement(w, switch)
