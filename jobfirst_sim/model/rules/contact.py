"""Contact, continuity and trust [M §3, §5].

Contact frequency is rationed by caseload; each week with contact closes part of the gap to
full trust, weeks without let it decay, and a change of contact person (staff turnover, a
BUM referral to another unit) costs trust — less when a makkerskab partner knows the case.
"""

from __future__ import annotations

import numpy as np


def contacted(contact_prob: np.ndarray, stalled_steered: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Who has contact with the primary contact person this week.

    Production steering notices stalled cases and gives them a contact this week [M §5].
    """
    return (u < contact_prob) | stalled_steered


def update_trust(trust: np.ndarray, contact: np.ndarray, gain: float, decay: float) -> np.ndarray:
    """Trust after a week: up towards 1 with contact, decaying without. Stays in [0, 1]."""
    up = trust + gain * (1.0 - trust)
    down = trust * (1.0 - decay)
    return np.clip(np.where(contact, up, down), 0.0, 1.0)


def handover_trust(
    trust: np.ndarray, loss: float, partner_cover: float, makkerskab: np.ndarray,
    colocated: np.ndarray,
) -> np.ndarray:
    """Trust right after a change of contact person.

    A makkerskab partner who knows the case saves ``partner_cover`` of the loss when
    co-located and half that when not; in the BUM split nobody does [M §5].
    """
    cover = np.where(makkerskab, partner_cover * np.where(colocated, 1.0, 0.5), 0.0)
    return np.clip(trust * (1.0 - loss * (1.0 - cover)), 0.0, 1.0)


def staff_leaves(turnover_weekly: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Professionals replaced this week (illness, new job): their citizens get a new contact."""
    return u < turnover_weekly


def referral_trust(trust: np.ndarray, loss: float) -> np.ndarray:
    """Trust after a BUM referral to another unit: the citizen meets a performer who did not
    order the effort, and messages conflict [M §5]. Never raises trust."""
    return np.clip(trust * (1.0 - loss), 0.0, 1.0)
