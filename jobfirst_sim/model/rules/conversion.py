"""Conversion of a mastered task into ordinary (paid) hours, and the company switch [M §4, §6]."""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import B, F, I


def conversion_probability(
    *,
    mastered: B,
    room: F,
    purpose: I,
    purpose_explicit: B,
    hours_dialogue: B,
    agreement: B,
    followup: B,
    belief: F,
    rate: float,
    competence_factor: float,
    clarify_factor: float,
    unclear_purpose_factor: float,
    hours_dialogue_effect: float,
    agreement_effect: float,
    followup_effect: float,
    belief_effect: float,
) -> F:
    """Weekly chance a placement turns into paid hours, in [0, 1].

    Only once the task is ``mastered``, scaled by the company's economic room, the purpose
    (hours-oriented placements convert, clarifying ones rarely), an explicit purpose, the
    hours dialogue from the first visit, a work agreement, follow-up pressure in this week
    and the contact person's belief in the citizen (``rules/relationship.py``): a factor
    from ``1 - belief_effect`` (no belief) to ``1 + belief_effect`` (full belief) [M §3-§6].
    """
    # a lookup by purpose (hours, competence, clarify; the last entry is ``none``, -1)
    purpose_factor = np.array([1.0, competence_factor, clarify_factor, 0.0])[purpose]
    p = rate * room * purpose_factor
    p = p * np.where(purpose_explicit, 1.0, unclear_purpose_factor)
    p = p * np.where(hours_dialogue, hours_dialogue_effect, 1.0)
    p = p * np.where(agreement, agreement_effect, 1.0)
    p = p * np.where(followup, 1.0 + followup_effect, 1.0)
    p = p * (1.0 + belief_effect * (2.0 * belief - 1.0))
    out: F = np.where(mastered, np.clip(p, 0.0, 1.0), 0.0)
    return out


def should_switch(
    *, in_placement: B, wage_hours: F, purpose: I, weeks_in_placement: I, switch_weeks: I,
    mastered: B, cannot_pay: B, switch_rule: B,
) -> B:
    """Hours-oriented placements without hours move company [M §4]: when follow-up has
    shown that the company cannot pay (``cannot_pay``), or at the latest after
    ``switch_weeks`` — in designs with the switch rule (``switch_rule``).

    Only once the task is ``mastered``: the method moves the citizen when the company,
    against the expectation that a mastered task converts, cannot give hours. Switching a
    citizen who is still learning would discard the mastery built so far (it restarts at
    the new company) without any sign that the company is the obstacle.
    """
    out: B = (in_placement & (wage_hours <= 0) & (purpose == 0) & mastered & switch_rule
              & (cannot_pay | (weeks_in_placement >= switch_weeks)))
    return out


def room_revealed(*, followup: B, mastered: B, room: F, room_switch_threshold: float) -> B:
    """A follow-up after the task is mastered shows whether the company can pay: True where
    its economic room is below ``room_switch_threshold`` (no money for the hours) [M §4]."""
    out: B = followup & mastered & (room < room_switch_threshold)
    return out


def efficacy_after_switch(*, self_efficacy: F, switch_setback: float) -> F:
    """Self-efficacy after a switch for lack of hours: a small disappointment."""
    out: F = self_efficacy * (1.0 - switch_setback)
    return out
