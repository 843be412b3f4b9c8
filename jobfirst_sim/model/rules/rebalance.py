"""Caseload rebalancing: a real cause of a change of contact person [M §5].

Why: jobcentres review caseloads now and then and move citizens from professionals whose
caseload has grown well above what the design gives them to colleagues with room. Each
move hands the citizen to someone who does not know them — the relation the method is
built on breaks [M §3] — so the review is one of the causes of the changes of contact
person the evaluation counts, beside referrals, staff leaving and absences. The rules
here decide *when* a review happens and *who moves to whom*; the model's stage applies
the move as a change of contact person (``stages/caseload.rebalance``).
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import B, F, I


def review_due(*, week: int, review_interval_weeks: int) -> bool:
    """A caseload review is held in weeks ``interval, 2·interval, …`` (never in week 0,
    when the caseloads were just dealt out; never at all when the interval is 0)."""
    return review_interval_weeks > 0 and week > 0 and week % review_interval_weeks == 0


def excess(*, caseload: I, target: F, tolerance: float) -> I:
    """Citizens each professional hands over at a review.

    Only a caseload more than ``tolerance`` above the target (``caseload > target ×
    (1 + tolerance)``) is rebalanced, and then down to the target rounded up: a
    professional a citizen or two above the target keeps them all.
    """
    over = caseload > np.asarray(target, float) * (1.0 + tolerance)
    out: I = np.where(over, caseload - np.ceil(target).astype(np.int64), 0).astype(np.int64)
    return np.maximum(out, 0)


def room(*, caseload: I, target: F, receiving: B) -> I:
    """Citizens a professional can take at a review: up to the target rounded down, and
    only where they take part (``receiving``: at work, their post not vacant)."""
    out: I = np.where(receiving, np.floor(target).astype(np.int64) - caseload, 0).astype(np.int64)
    return np.maximum(out, 0)


def reallocate(*, owner: I, movable: B, order: F, team: I, give: I, take: I) -> I:
    """Each citizen's contact person after a review.

    ``owner`` is each citizen's professional, ``team[p]`` the team of professional ``p``
    (same municipality, arm and role), ``give[p]`` and ``take[p]`` what :func:`excess` and
    :func:`room` say. An overloaded professional hands over their ``movable`` citizens with
    the lowest ``order`` first (the model passes what the professional knows of the
    citizen: the shortest relationships lose least), and the movers of a team go, taking
    turns between the givers, each to the colleague of the same team with the most room
    left (lowest index on ties). Nobody moves across teams, a receiver never goes above
    their room, and when a team has no room the citizens stay.
    """
    new: I = np.asarray(owner, np.int64).copy()
    left = np.asarray(take, np.int64).copy()
    for tm in np.unique(team[give > 0]):
        givers = np.flatnonzero((team == tm) & (give > 0))
        queues = []
        for p in givers:
            mine = np.flatnonzero((owner == p) & movable)
            mine = mine[np.argsort(order[mine], kind="stable")][: int(give[p])]
            queues.append(mine)
        longest = max((q.size for q in queues), default=0)
        movers = [int(q[k]) for k in range(longest) for q in queues if k < q.size]
        receivers = np.flatnonzero((team == tm) & (left > 0) & (give == 0))
        for i in movers:
            if receivers.size == 0:
                break
            r = int(receivers[np.argmax(left[receivers])])
            new[i] = r
            left[r] -= 1
            receivers = receivers[left[receivers] > 0]
    return new


def targets(*, caseload_per_fte: F, fte: F) -> F:
    """A professional's target caseload: the role's caseload per FTE times the FTEs the
    person stands for."""
    out: F = np.asarray(caseload_per_fte, float) * np.asarray(fte, float)
    return out

