"""The company's statement on the CV: what a placement leaves for the next one [M §3, §4].

Why: the guide updates the CV after each placement [M §3] and documents the competences a
placement trains on it [M §4]. A statement from a company that the citizen mastered a
task is something the next company and the next match can build on, so a citizen who
starts again does not start from nothing. These rules say when the CV gets a statement
and how much of its mastery the next placement starts with; the model writes the
statement when a placement ends (``stages/jobs.end_placement``) and reads it when one
starts (``stages/matching.start_placements``).
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import B, F


def statement(*, has_cv: B, mastery: F, mastery_threshold: float, recorded: F) -> F:
    """Mastery on each citizen's CV after their placement ends.

    A placement that ends with the task mastered (``mastery ≥ mastery_threshold``) gives a
    citizen who has a CV a statement of that mastery, in place of an older one (the CV
    shows the latest placement); without a CV there is nowhere to write it, and a
    placement that ends unmastered leaves the recorded statement as it was. In [0, 1].
    """
    writes = has_cv & (mastery >= mastery_threshold)
    out: F = np.clip(np.where(writes, mastery, recorded), 0.0, 1.0)
    return out


def carried_mastery(*, recorded: F, same_sector: B, carry_same_sector: float,
                    carry_other_sector: float) -> F:
    """Mastery a new placement starts with: the share of the statement's mastery that
    carries — ``carry_same_sector`` when the new company is in the statement's sector (the
    tasks resemble each other), ``carry_other_sector`` otherwise. Never more than the
    statement holds; 0 without a statement. In [0, 1]."""
    share = np.clip(np.where(same_sector, carry_same_sector, carry_other_sector), 0.0, 1.0)
    out: F = np.clip(share * np.asarray(recorded, float), 0.0, 1.0)
    return out
