"""The individual match [M §4]: who seeks, which company is chosen, how good the fit is.

The matcher considers more companies the better they know the local company base and judges
each company's fit with the citizen with an error that shrinks the better they know the
citizen (deep for a jobformidler, thin after a BUM handover). The fit actually obtained is
the true fit of the chosen company, so knowledge pays off only through better choices.
"""

from __future__ import annotations

import numpy as np


def seeks(
    eligible: np.ndarray, contact: np.ndarray, motivation: np.ndarray, rate: float,
    u: np.ndarray, steered: np.ndarray,
) -> np.ndarray:
    """Eligible citizens whose contact this week starts a placement search.

    Chance ``rate × (0.5 + motivation)`` per week with contact; a stalled case that
    production steering acts on always starts one [M §5].
    """
    p = np.clip(rate * (0.5 + motivation), 0.0, 1.0)
    return eligible & ((contact & (u < p)) | steered)


def n_candidates(company_knowledge: np.ndarray, k_max: int) -> np.ndarray:
    """Companies a matcher considers: 1 + (k_max − 1) × knowledge of local companies."""
    return 1 + np.rint((k_max - 1) * company_knowledge).astype(np.int64)


def true_fit(
    wish_sector: np.ndarray,
    skill_sector: np.ndarray,
    goal_clarity: np.ndarray,
    competence: np.ndarray,
    company_sector: np.ndarray,
    task_level: np.ndarray,
    w_wish: float,
    w_skill: float,
    w_level: float,
) -> np.ndarray:
    """Fit of citizen(s) with company task(s), in [0, 1].

    A weighted mean of: the job wish names the company's sector (counted fully only when
    the citizen's goal is clear), the citizen's competences are from that sector, and the
    task's level suits the citizen's competence.
    """
    wish = (wish_sector == company_sector) * (0.5 + 0.5 * goal_clarity)
    skill = (skill_sector == company_sector).astype(float)
    level = 1.0 - np.abs(competence - task_level)
    total = w_wish + w_skill + w_level
    return (w_wish * wish + w_skill * skill + w_level * level) / total


def choose(
    perceived: np.ndarray, usable: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Pick the candidate with the best perceived fit among usable ones, per row.

    Returns (column index, found mask).
    """
    score = np.where(usable, perceived, -np.inf)
    col = np.argmax(score, axis=1)
    found = np.isfinite(score[np.arange(score.shape[0]), col])
    return col, found


def resolve_capacity(
    company: np.ndarray, free_slots: np.ndarray, priority: np.ndarray
) -> np.ndarray:
    """Accept requests so no company gets more placements than it has free slots.

    ``company`` is the requested company per request, ``priority`` a random order; among
    requests for the same company the first ``free_slots[company]`` by priority win.
    """
    if company.size == 0:
        return np.zeros(0, bool)
    order = np.lexsort((priority, company))
    sorted_c = company[order]
    first = np.r_[True, sorted_c[1:] != sorted_c[:-1]]
    group_start = np.maximum.accumulate(np.where(first, np.arange(sorted_c.size), 0))
    rank = np.arange(sorted_c.size) - group_start
    ok_sorted = rank < free_slots[sorted_c]
    ok = np.empty_like(ok_sorted)
    ok[order] = ok_sorted
    return ok
