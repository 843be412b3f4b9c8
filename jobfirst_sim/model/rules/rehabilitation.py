"""Ressourceforløb as its own pathway: the rehabiliteringsteam's plan, the coordinating
caseworker and the health-led parallel effort.

Why a pathway of its own: a citizen in a ressourceforløb follows a cross-sector plan the
rehabiliteringsteam recommends (health, social and employment parts; lov om en aktiv
beskæftigelsesindsats kap. 12 b and lov om organisering og understøttelse af
beskæftigelsesindsatsen, rehabiliteringsteams, as of 2016). The employment part can be only
one strand of it: in periods where the health or social strand leads (treatment,
psychological or psychiatric care, pain management) the plan's weeks go to that effort
first. A coordinating caseworker (koordinerende sagsbehandler) holds the case across the
sectors and revisits the plan. These rules are the same in every design: the plan is the
law's, not JobFirst's, so no rule here touches the JobFirst effect directly — it acts
only through barriers, time and the weeks left for the employment strand.
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import B, F, I


def plan_revised(*, weeks_since_start: I, plan_review_weeks: int) -> B:
    """Whether the plan is (re)made this week: at the citizen's start and every
    ``plan_review_weeks`` after it (the coordinating caseworker follows up the plan)."""
    since = np.asarray(weeks_since_start)
    out: B = (since >= 0) & (since % max(plan_review_weeks, 1) == 0)
    return out


def health_led(*, current: B, revised: B, rehabilitation: B, physical: F, mental: F, u: F,
               health_led_share: float, treatment_barrier_floor: float) -> B:
    """Whether the plan's health/social strand leads this week.

    At a revision a ressourceforløb citizen's plan lets the health strand lead for the
    coming period with chance ``health_led_share`` — but only while the worst health
    barrier is at least ``treatment_barrier_floor`` (a team does not plan treatment for a
    barrier that is gone). Between revisions the plan stands. Never for other citizens.
    """
    worst = np.maximum(physical, mental)
    drawn = (u < health_led_share) & (worst >= treatment_barrier_floor)
    out: B = rehabilitation & np.where(revised, drawn, current)
    return out


def treated_barrier(*, barrier: F, in_treatment: B, gain_per_week: float) -> F:
    """A barrier after a week of health-led effort: a share ``gain_per_week`` of it
    removed where the citizen is in treatment, unchanged elsewhere. In [0, 1], never up."""
    out: F = np.clip(np.where(in_treatment, barrier * (1.0 - gain_per_week), barrier),
                     0.0, 1.0)
    return out


def search_factor(*, in_treatment: B, treatment_search_factor: float) -> F:
    """Relative weekly chance of seeking a placement: ``treatment_search_factor`` in a
    health-led week (treatment takes the week's time and energy first), 1 otherwise."""
    out: F = np.where(in_treatment, treatment_search_factor, 1.0)
    return out


def coordination_demand(*, rehabilitation_citizens: F,
                        rehabilitation_coordination_hours: float) -> F:
    """The coordinating caseworker's hours a week: ``rehabilitation_coordination_hours``
    for each ressourceforløb citizen whose case they hold (contact with the health and
    social sides, the team's meetings, the plan's follow-up). Added to the legal
    casework, which it is by law."""
    out: F = np.asarray(rehabilitation_citizens, float) * rehabilitation_coordination_hours
    return out
