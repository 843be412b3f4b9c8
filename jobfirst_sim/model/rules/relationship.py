"""The relationship the professional holds [M §3, §5]: knowledge of and belief in the citizen.

Why: the method's mechanism is a primary contact who knows the citizen and believes in
them; the evaluation names the contact person's belief as a factor for reaching the labour
market, and a change of contact person hands the citizen to someone who knows them less.
These rules keep the two states on [0, 1], build them week by week, and say what a change
of contact person or an absent contact person does to them. A change of contact person
is a change of the person in the citizen's primary role (the caseworker in BUM and
makkerskab, the jobformidler in the jobformidler designs); its causes are a professional
leaving, long leave, a caseload review, a reorganisation and a change of support status
that moves the case to another team (``stages/caseload.py``). A BUM referral is not one:
it starts the company side's own relationship (``Citizens.known_co``, ``belief_co``) and
leaves the caseworker's.
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import B, F, I, Status


def learn_citizen(*, known: F, contacted: B, known_gain_per_contact: float) -> F:
    """Knowledge of the citizen after a week: a contact closes part of the gap to 1.

    Knowledge is not lost in a week without contact (the file and memory keep it); it is
    lost when the person changes (:func:`after_change`). Stays in [0, 1].
    """
    out: F = np.clip(np.where(contacted, known + known_gain_per_contact * (1.0 - known), known),
                     0.0, 1.0)
    return out


def update_belief(*, belief: F, contacted: B, progressing: B, setback: B,
                  belief_adjust: float) -> F:
    """The contact person's belief after a week with contact: it moves towards what the
    citizen shows — 1 in a placement or a job, 0 after a setback, unchanged otherwise
    [M §3, §6]. Without contact nothing new is seen. Stays in [0, 1]."""
    signal = np.where(setback, 0.0, np.where(progressing, 1.0, belief))
    out: F = np.clip(np.where(contacted, belief + belief_adjust * (signal - belief), belief),
                     0.0, 1.0)
    return out


def kept_on_change(*, makkerskab: B, colocated: B, partner_cover: float, coordination: F,
                   joint: F, joint_kept: float) -> F:
    """Share of what was held of the citizen that survives a change of contact person.

    A makkerskab partner who shares the caseload keeps ``partner_cover`` of it when
    co-located and half that when not, scaled by the coordination time the pair had; a
    partner who also sat in on the citizen's first conversation, status meetings and
    follow-ups (``joint``: the share of that time they had) knows the citizen first hand
    and keeps ``joint_kept`` of the rest on top [M §5]. In the BUM split the new person
    starts from the file (0). In [0, 1].
    """
    base = np.where(makkerskab, partner_cover * np.where(colocated, 1.0, 0.5), 0.0) * np.clip(
        coordination, 0.0, 1.0)
    extra = np.where(makkerskab, joint_kept * np.clip(joint, 0.0, 1.0), 0.0)
    out: F = np.clip(base + extra * (1.0 - base), 0.0, 1.0)
    return out


def after_change(*, value: F, start: float, kept: F) -> F:
    """Knowledge or belief of the new contact person: the start value plus the kept share
    of what the old one held above it (never above the old value). In [0, 1]."""
    out: F = np.clip(start + kept * np.maximum(value - start, 0.0), 0.0, np.maximum(value, start))
    return out


def absent(*, absence_share: float, u: F) -> B:
    """Professionals away this week (holiday, public holidays, sickness), in whole weeks:
    each week with chance ``absence_share`` (the time budget's leave and absence shares)."""
    out: B = u < absence_share
    return out


def status_moves_case(*, before: I, after: I, partial_support_handover: float,
                      flexjob_handover: float, u: F) -> B:
    """Cases a change of support status moves to another team, and so to another person
    in the primary role [M §5].

    Why: jobcentres organise teams by target group. A move to flexjob status (another
    benefit, LAB § 69-75) usually takes the case to the flexjob team (chance
    ``flexjob_handover``); a move between full and partial support (ordinary hours begin
    or end) does so in some jobcentres (``partial_support_handover``). Other changes
    (self-sufficiency, exits) end the case rather than move it. Only an actual change of
    status can move a case.
    """
    full, partial, flex = (int(Status.full_support), int(Status.partial_support),
                           int(Status.flexjob))
    between = ((before == full) & (after == partial)) | ((before == partial) & (after == full))
    chance = np.where((after == flex) & (before != flex), flexjob_handover,
                      np.where(between, partial_support_handover, 0.0))
    out: B = u < chance
    return out


def long_leave(*, long_leave_yearly: float, u: F) -> B:
    """Professionals who go on long leave this week (parental leave, long sickness): a
    colleague or substitute takes over their citizens for good. A yearly chance
    ``long_leave_yearly`` as a constant weekly hazard (1 − (1 − p)^(1/52)); the short
    absences are :func:`absent`'s."""
    weekly = 1.0 - (1.0 - min(max(long_leave_yearly, 0.0), 1.0)) ** (1.0 / 52.0)
    out: B = u < weekly
    return out


def reorganised_cases(*, team: I, u_team: F, u_case: F, reorganisation_yearly: float,
                      reorganisation_share: float) -> B:
    """Cases a reorganisation moves to another person this week.

    Each team (``team``: one code per citizen, indexing ``u_team``) is reorganised with
    the yearly chance ``reorganisation_yearly`` as a weekly hazard; in a reorganised team
    each case moves with chance ``reorganisation_share`` (``u_case``, one per citizen).
    """
    weekly = 1.0 - (1.0 - min(max(reorganisation_yearly, 0.0), 1.0)) ** (1.0 / 52.0)
    out: B = (u_team[team] < weekly) & (u_case < reorganisation_share)
    return out
