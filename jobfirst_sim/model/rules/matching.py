"""The individual match [M §4]: who seeks, which company is chosen, how good the fit is.

The matcher considers more companies the better they know the local company base (earned
by outreach, ``knowledge``) and judges
each company's fit with the citizen with an error that shrinks the better they know the
citizen (deep for a jobformidler, thin after a BUM handover). The fit actually obtained is
the true fit of the chosen company, so knowledge pays off only through better choices.
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import B, F, I, Status


def may_seek(*, alive: B, may_meet: B, company: I, wage_hours: F, referral_wait: I,
             cooldown: I, status: I) -> B:
    """Who may start a placement search: allowed to meet companies, not placed, no paid
    hours, not waiting for a referral, past the pause after a break-down, on support."""
    out: B = (
        alive & may_meet & (company < 0) & (wage_hours <= 0) & (referral_wait < 0)
        & (cooldown == 0) & (status <= int(Status.partial_support))
    )
    return out


def seeks(*, eligible: B, contacted: B, motivation: F, seek_rate: float | F, u: F, steered: B
          ) -> B:
    """Eligible citizens whose contact this week starts a placement search.

    Chance ``seek_rate × (0.5 + motivation)`` per week with contact; a stalled case that
    production steering acts on always starts one [M §5].
    """
    p = np.clip(seek_rate * (0.5 + motivation), 0.0, 1.0)
    out: B = eligible & ((contacted & (u < p)) | steered)
    return out


def n_candidates(*, company_knowledge: F, candidates_max: int) -> I:
    """Companies a matcher considers: 1 + (max − 1) × knowledge of local companies."""
    out: I = 1 + np.rint((candidates_max - 1) * company_knowledge).astype(np.int64)
    return out


def matcher_knowledge(
    *,
    jobformidler: B,
    makkerskab: B,
    colocated: B,
    known: F,
    has_cv: B,
    coordination: F,
    referral_knowledge: float,
    partner_sharing: float,
    cv_knowledge_gain: float,
    jobformidler_knowledge_floor: float,
) -> F:
    """How well the person matching knows the citizen, 0-1 [M §4, §5].

    A jobformidler is the primary contact and matches with what they know of the citizen
    (floor + (1 − floor) × known, ``rules/relationship.py``). Otherwise the consultant
    knows only what the referral carried; a makkerskab passes more on (fully when
    co-located, half when not, and only as far as the pair had its coordination time,
    ``coordination`` 0-1).
    A CV used as a conversation tool adds to what anyone knows.
    """
    floor = jobformidler_knowledge_floor
    direct = floor + (1.0 - floor) * known
    shared = referral_knowledge + (1 - referral_knowledge) * partner_sharing * np.where(
        colocated, 1.0, 0.5
    ) * np.clip(coordination, 0.0, 1.0)
    base = np.where(jobformidler, direct, np.where(makkerskab, shared, referral_knowledge))
    out: F = np.clip(base + cv_knowledge_gain * has_cv, 0.0, 1.0)
    return out


def company_record(*, placements: F, conversions: F) -> F:
    """The jobcentre's record of a company: the share of its placements that turned into
    hours, shrunk towards 1/2 for companies with few placements ((conv + 1) / (pl + 2))
    [M §5: production steering follows which companies give hours]."""
    out: F = (conversions + 1.0) / (placements + 2.0)
    return out


def open_to_placement(*, openness: F, knowledge: F, openness_without_outreach: float, u: F
                      ) -> B:
    """Whether a candidate company says yes this time: its openness, kept up by the
    matcher's company contact (``knowledge``, earned by outreach); a company nobody
    visits is open ``openness_without_outreach`` as often [M §4]."""
    keep = openness_without_outreach + (1.0 - openness_without_outreach) * knowledge
    out: B = u < openness * keep
    return out


def true_fit(
    *,
    wish_sector: I,
    skill_sector: I,
    goal_clarity: F,
    competence: F,
    company_sector: I,
    task_level: F,
    fit_weight_wish: float,
    fit_weight_skill: float,
    fit_weight_level: float,
) -> F:
    """Fit of citizen(s) with company task(s), in [0, 1].

    A weighted mean of: the job wish names the company's sector (counted fully only when
    the citizen's goal is clear), the citizen's competences are from that sector, and the
    task's level suits the citizen's competence.
    """
    wish = (wish_sector == company_sector) * (0.5 + 0.5 * goal_clarity)
    skill = (skill_sector == company_sector).astype(float)
    level = 1.0 - np.abs(competence - task_level)
    total = fit_weight_wish + fit_weight_skill + fit_weight_level
    out: F = (fit_weight_wish * wish + fit_weight_skill * skill + fit_weight_level * level) / total
    return out


def perceived_fit(*, fit: F, knowledge: F, noise: float, z: F, record: F, steering: B,
                  record_weight: float) -> F:
    """The fit as the matcher judges it: true fit plus an error of SD ``noise × (1 −
    knowledge)`` per candidate (``z`` standard normal, one row per citizen); with
    production steering the company's record of turning placements into hours counts too
    (``record_weight × (record − 1/2)``) [M §5]."""
    bonus = np.where(steering[:, None], record_weight * (record - 0.5), 0.0)
    out: F = fit + noise * (1.0 - knowledge)[:, None] * z + bonus
    return out


def choose(*, perceived: F, usable: B) -> tuple[I, B]:
    """Pick the candidate with the best perceived fit among usable ones, per row.

    Returns (column index, found mask).
    """
    score = np.where(usable, perceived, -np.inf)
    col: I = np.argmax(score, axis=1)
    found: B = np.isfinite(score[np.arange(score.shape[0]), col])
    return col, found


def resolve_capacity(*, company: I, free_slots: I, priority: F) -> B:
    """Accept requests so no company gets more placements than it has free slots.

    ``company`` is the requested company per request, ``priority`` a random order; among
    requests for the same company the first ``free_slots[company]`` by priority win.
    """
    if company.size == 0:
        return np.zeros(0, bool)
    order = np.lexsort((priority, company))
    sorted_c = company[order]
    first = np.empty(sorted_c.size, bool)
    first[0] = True
    np.not_equal(sorted_c[1:], sorted_c[:-1], out=first[1:])
    group_start = np.maximum.accumulate(np.where(first, np.arange(sorted_c.size), 0))
    rank = np.arange(sorted_c.size) - group_start
    ok_sorted = rank < free_slots[sorted_c]
    ok: B = np.empty_like(ok_sorted)
    ok[order] = ok_sorted
    return ok
