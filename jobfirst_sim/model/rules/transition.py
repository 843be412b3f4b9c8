"""A running jobcentre changing its design (calendar mode) [M §3, §5]: who starts with whom.

Why these rules: on the day of a reorganisation the citizens on the caseload are not new —
their contact person has known them for a while — and the change itself breaks some of
those relations (cases reallocated to new roles) while the professionals learn the new
practice over some weeks. The stock's relationship is built with the relationship rules
themselves (``relationship.py``), contact by contact, so a change of those rules carries
over; the change of person uses the same rule as every other change (``after_change``, in
the model's ``handover``).
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.rules import relationship
from jobfirst_sim.model.state import B, F, I


def contacts_before(*, weeks_on_benefit: I, contact_interval_before_weeks: float,
                    contact_tenure_weeks: int) -> I:
    """Conversations a stock citizen has had with their present contact person at week 0:
    one every ``contact_interval_before_weeks`` over their time on benefit, counted over at
    most ``contact_tenure_weeks`` (the person changes now and then). Never negative."""
    weeks = np.minimum(np.maximum(weeks_on_benefit, 0), contact_tenure_weeks)
    out: I = np.floor(weeks / contact_interval_before_weeks).astype(np.int64)
    return out


def relationship_at_start(*, contacts: I, known_start: float, belief_start: float,
                          known_gain_per_contact: float, belief_adjust: float
                          ) -> tuple[F, F]:
    """Knowledge of and belief in each citizen after ``contacts`` conversations, by the
    weekly relationship rules: knowledge grows at each contact (``learn_citizen``); belief
    moves only with what the citizen shows (``update_belief``), and a citizen still on
    benefit has shown neither progress nor a setback, so it stays where it started."""
    n = contacts.shape[0]
    known: F = np.full(n, known_start)
    belief: F = np.full(n, belief_start)
    idle: B = np.zeros(n, bool)
    for k in range(int(contacts.max(initial=0))):
        met = contacts > k
        known = relationship.learn_citizen(known=known, contacted=met,
                                           known_gain_per_contact=known_gain_per_contact)
        belief = relationship.update_belief(belief=belief, contacted=met, progressing=idle,
                                            setback=idle, belief_adjust=belief_adjust)
    return known, belief


def handed_over(*, handover_share: F, u: F) -> B:
    """Stock citizens whose case moves to a new contact person at the change (chance
    ``handover_share`` each: their arm's)."""
    out: B = u < handover_share
    return out


def practising_share(*, week: int, ramp_start: float, ramp_up_weeks: int,
                     implementation: F) -> F:
    """Share of an arm's professionals practising its new design fully in model week
    ``week``: ``ramp_start`` at week 0 rising linearly to the municipality's
    ``implementation`` at ``ramp_up_weeks``, then ``implementation``. Never falls: a start
    above the implementation is taken as the implementation. In [0, 1]."""
    start = np.minimum(ramp_start, implementation)
    done = 1.0 if ramp_up_weeks == 0 else min(max(week / ramp_up_weeks, 0.0), 1.0)
    out: F = start + (implementation - start) * done
    return out
