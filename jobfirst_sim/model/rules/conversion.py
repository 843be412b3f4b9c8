"""Conversion of a mastered task into ordinary (paid) hours [M §4, §6]."""

from __future__ import annotations

import numpy as np


def conversion_probability(
    mastery_ok: np.ndarray,
    room: np.ndarray,
    purpose: np.ndarray,
    purpose_explicit: np.ndarray,
    hours_dialogue: np.ndarray,
    agreement: np.ndarray,
    followup: np.ndarray,
    trust: np.ndarray,
    rate: float,
    competence_factor: float,
    clarify_factor: float,
    unclear_factor: float,
    dialogue_effect: float,
    agreement_effect: float,
    followup_effect: float,
    belief_effect: float = 0.5,
) -> np.ndarray:
    """Weekly chance a placement turns into paid hours, in [0, 1].

    Only once the task is mastered, scaled by the company's economic room, the purpose
    (hours-oriented placements convert, clarifying ones rarely), an explicit purpose, the
    hours dialogue from the first visit, a work agreement, follow-up pressure in this week
    and the professional's belief in the citizen, read from the relation's trust: a factor
    from ``1 - belief_effect`` (no trust) to ``1 + belief_effect`` (full trust) [M §3-§6].
    """
    purpose_factor = np.select(
        [purpose == 0, purpose == 1, purpose == 2], [1.0, competence_factor, clarify_factor], 0.0
    )
    p = rate * room * purpose_factor
    p = p * np.where(purpose_explicit, 1.0, unclear_factor)
    p = p * np.where(hours_dialogue, dialogue_effect, 1.0)
    p = p * np.where(agreement, agreement_effect, 1.0)
    p = p * np.where(followup, 1.0 + followup_effect, 1.0)
    p = p * (1.0 + belief_effect * (2.0 * trust - 1.0))
    return np.where(mastery_ok, np.clip(p, 0.0, 1.0), 0.0)


def should_switch(
    in_placement: np.ndarray, wage_hours: np.ndarray, purpose: np.ndarray,
    weeks_in_placement: np.ndarray, switch_weeks: np.ndarray, mastered: np.ndarray,
) -> np.ndarray:
    """Hours-oriented placements without hours after ``switch_weeks`` move company [M §4].

    Only once the task is ``mastered``: the method moves the citizen when the company,
    against the expectation that a mastered task converts, cannot give hours. Switching a
    citizen who is still learning would discard the mastery built so far (it restarts at
    the new company) without any sign that the company is the obstacle.
    """
    return (in_placement & (wage_hours <= 0) & (purpose == 0) & mastered
            & (weeks_in_placement >= switch_weeks))
