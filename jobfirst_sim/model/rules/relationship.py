"""The relationship the professional holds [M §3, §5]: knowledge of and belief in the citizen.

Why: the method's mechanism is a primary contact who knows the citizen and believes in
them; the evaluation names the contact person's belief as a factor for reaching the labour
market, and a change of contact person hands the citizen to someone who knows them less.
These rules keep the two states on [0, 1], build them week by week, and say what a change
of contact person or an absent contact person does to them. The causes of a change (a BUM
referral, a professional leaving) are in the model's stages.
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import B, F


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
