"""The BUM referral queue [M §5]: a seeking citizen is referred and waits for the performer.

In the BUM split the caseworker orders the placement work and another unit performs it
after a delay (``organisation.referral_delay_weeks``); in a makkerskab the delay is 0 and
the match is made the week the search starts. When the referral falls due the performer
acts only if the case still needs a placement (no job found in the meantime).
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import B, F, I, Status


def advance_queue(*, wait: I, seeking: B, delay: I) -> tuple[I, B]:
    """The queue after a week, and who falls due now.

    ``wait`` is each citizen's weeks left (-1 = not referred). Waiting referrals count
    down; citizens starting a search in a design with a delay join with that delay;
    those reaching 0 fall due and leave the queue (back to -1).
    """
    # whole-array arithmetic rather than masked assignments (each scans and scatters)
    new = np.where(seeking & (delay > 0), delay, wait - (wait > 0))
    due: B = new == 0
    new[due] = -1
    return new, due


def to_match(*, seeking: B, delay: I, due: B, still_needed: B) -> B:
    """Citizens the matcher works on this week.

    Searches in a design without delay go straight to the match; referrals falling due go
    to the match if the case ``still_needed`` a placement.
    """
    out: B = (seeking & (delay == 0)) | (due & still_needed)
    return out


def still_needed(*, alive: B, company: I, wage_hours: F, status: I) -> B:
    """Cases that still need a placement: active, not placed, no paid hours, on (some)
    public support."""
    out: B = alive & (company < 0) & (wage_hours <= 0) & (status <= int(Status.partial_support))
    return out
