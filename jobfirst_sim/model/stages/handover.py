"""A change of contact person, whatever its cause, and the company side's own relationship.

Why a module of its own: the caseload stages (a leaver's citizens, long leave, the
change-over, the caseload review, a reorganisation, a change of status that moves the
case) all change the person in the citizen's primary role — the caseworker in BUM and
makkerskab, the jobformidler in the jobformidler designs (``model/staffing.py``) — and
each such change does the same things to knowledge, belief and the running follow-up
(``rules/relationship.py``) and to trust (``rules/contact.py``); only these are counted as
changes of contact person. A BUM referral is not one: the caseworker stays, and the
performing unit's consultant starts a relationship of their own (:func:`company_side_starts`).
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.design import practice_row
from jobfirst_sim.model.rules import contact, relationship
from jobfirst_sim.model.state import F, I
from jobfirst_sim.model.world import World, served_counts


def handover(w: World, idx: I, t: int) -> None:
    """A change of contact person for ``idx`` [M §3, §5]: trust falls, the new person
    knows and believes what the makkerskab partner kept (nothing in the BUM split), the
    running placement's next follow-up is interrupted, and the change is counted."""
    if idx.size == 0:
        return
    c, d, b = w.citizens, w.design, w.beh
    a = c.arm[idx]
    coordination = w.plan.coordination[idx]
    c.trust[idx] = contact.handover_trust(
        trust=c.trust[idx], loss_on_handover=b.trust.loss_on_handover,
        partner_cover=b.trust.partner_cover, makkerskab=d.makkerskab[a],
        colocated=d.colocated[a], coordination=coordination,
    )
    kept = relationship.kept_on_change(makkerskab=d.makkerskab[a], colocated=d.colocated[a],
                                       partner_cover=b.trust.partner_cover,
                                       coordination=coordination,
                                       joint=w.plan.joint[idx],
                                       joint_kept=b.relationship.joint_kept)
    changed(w, idx, t, kept)


def changed(w: World, idx: I, t: int, kept: F) -> None:
    """What every change of contact person does besides trust: knowledge and belief
    start over from what was ``kept``, the placement follow-up is interrupted, and the
    change is counted (with the week of the first)."""
    if idx.size == 0:
        return
    c, rb = w.citizens, w.beh.relationship
    c.known[idx] = relationship.after_change(value=c.known[idx], start=rb.known_start,
                                             kept=kept)
    c.belief[idx] = relationship.after_change(value=c.belief[idx], start=rb.belief_start,
                                              kept=kept)
    c.followup_skip[idx] |= c.company[idx] >= 0
    c.contact_changes[idx] += 1
    first = idx[c.first_change_week[idx] < 0]
    c.first_change_week[first] = t


def company_side_starts(w: World, idx: I, kept: float) -> None:
    """A BUM referral [M §5]: the performing unit's consultant starts a relationship of
    their own with the citizen — knowledge and belief from the start values plus the
    ``kept`` share of the caseworker's that the referral carries — and the caseworker's
    (``known``, ``belief``) stays as it was. Not a change of contact person."""
    if idx.size == 0:
        return
    c, rb = w.citizens, w.beh.relationship
    share = np.full(idx.size, kept)
    c.known_co[idx] = relationship.after_change(value=c.known[idx], start=rb.known_start,
                                                kept=share)
    c.belief_co[idx] = relationship.after_change(value=c.belief[idx], start=rb.belief_start,
                                                 kept=share)


def company_side_lost(w: World, idx: I) -> None:
    """The company-side professional of a separate unit (BUM) is replaced: their
    successor starts from the file. The primary contact stays: not a change of contact
    person."""
    c, rb = w.citizens, w.beh.relationship
    c.known_co[idx] = rb.known_start
    c.belief_co[idx] = rb.belief_start


def move_citizens(w: World, idx: I, to: I) -> None:
    """Give ``idx`` the contact persons ``to`` with the team that goes with them: the
    roles the old contact person held for the citizen (caseworker, company side) move
    too, and where the new contact person has a makkerskab partner, the partner takes
    the side the old partner had. The full caseloads and the practice the citizens
    meet are updated."""
    c, st = w.citizens, w.staff
    old = c.contact_prof[idx]
    partner = st.partner[to]
    had_partner = st.partner[old] >= 0
    for side in (c.caseworker, c.company_prof):
        held = side[idx]
        side[idx] = np.where(held == old, to,
                             np.where(had_partner & (partner >= 0), partner, held))
    c.contact_prof[idx] = to
    w.assigned = served_counts(c, st.n)
    w.practice_row = practice_row(st.practice_arm[c.contact_prof], c.benefit)
