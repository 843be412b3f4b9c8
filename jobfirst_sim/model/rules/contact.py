"""Contact, continuity and trust [M §3, §5].

Contact frequency follows from the professional's time budget (``time_budget``); each week
with contact closes part of the gap to full trust, weeks without let it decay, and a change
of contact person (staff turnover, a BUM referral to another unit) costs trust — less when
a makkerskab partner knows the case.
Production steering notices stalled cases and acts on them.
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import B, F, I


def steered(*, steering: B, alive: B, idle: B, stalled_weeks: I, stall_weeks: int) -> B:
    """Stalled cases production steering acts on this week [M §5].

    A case without hours or placement (``idle``) that has made no progress for
    ``stall_weeks`` weeks is noticed, and again every ``stall_weeks`` weeks it stays stalled.
    """
    out: B = (
        steering & alive & idle & (stalled_weeks >= stall_weeks)
        & (stalled_weeks % stall_weeks == 0)
    )
    return out


def contacted(*, contact_prob: F, steered: B, u: F, visited: B, mentored: B) -> B:
    """Who has contact with their professionals this week.

    A planned contact the week's time allowed (``u < contact_prob``), a workplace visit by
    the primary contact person (a jobformidler meets the citizen there), a mentor's
    support in the placement, or a stalled case production steering acts on [M §3-§5].
    """
    out: B = (u < contact_prob) | visited | mentored | steered
    return out


def update_trust(*, trust: F, contacted: B, gain_per_contact: float | F,
                 decay_per_week: float) -> F:
    """Trust after a week: up towards 1 with contact, decaying without. Stays in [0, 1]."""
    up = trust + gain_per_contact * (1.0 - trust)
    down = trust * (1.0 - decay_per_week)
    out: F = np.clip(np.where(contacted, up, down), 0.0, 1.0)
    return out


def joint_gain(*, gain_per_contact: float, joint: F, joint_trust_gain: float) -> F:
    """Trust a week with contact builds when the makkerskab partner shares the work.

    The guide wants both partners at the first conversation and the status meetings and
    the caseworker at some follow-ups [M §5]: the citizen then hears one message instead
    of two, and clear shared roles build trust [M §6]. The gain per contact rises by
    ``joint_trust_gain`` times the share of the joint time the partner had (``joint``,
    0-1; 0 outside a makkerskab). Never below ``gain_per_contact``, never above 1.
    """
    out: F = np.clip(gain_per_contact * (1.0 + joint_trust_gain * np.clip(joint, 0.0, 1.0)),
                     gain_per_contact, 1.0)
    return out


def handover_trust(
    *, trust: F, loss_on_handover: float, partner_cover: float, makkerskab: B, colocated: B,
    coordination: F,
) -> F:
    """Trust right after a change of contact person.

    A makkerskab partner who knows the case saves ``partner_cover`` of the loss when
    co-located and half that when not, scaled by the share of the pair's coordination time
    that was given (``coordination``, 0-1: a pair with no time to meet knows less of each
    other's cases); in the BUM split nobody does [M §5].
    """
    cover = np.where(makkerskab, partner_cover * np.where(colocated, 1.0, 0.5), 0.0) * np.clip(
        coordination, 0.0, 1.0)
    out: F = np.clip(trust * (1.0 - loss_on_handover * (1.0 - cover)), 0.0, 1.0)
    return out


def staff_leaves(*, turnover_weekly: F, u: F) -> B:
    """Professionals replaced this week (illness, new job): their citizens get a new contact."""
    out: B = u < turnover_weekly
    return out


def referral_trust(*, trust: F, loss_on_referral: float) -> F:
    """Trust after a BUM referral to another unit: the citizen meets a performer who did not
    order the effort, and messages conflict [M §5]. Never raises trust."""
    out: F = np.clip(trust * (1.0 - loss_on_referral), 0.0, 1.0)
    return out
