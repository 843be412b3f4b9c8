"""The pilot a board would need: how many citizens per arm would show the effect.

Why a closed form and not ``jobfirst pilot``: the first screen of ``compare`` and
``explain`` answers "could we prove it?" in one line, from the headline's two levels,
without simulating pilots. The answer is the textbook sample size of the two-sided
two-proportion z-test (Fleiss, Levin & Paik 2003, *Statistical Methods for Rates and
Proportions*, eq. 4.14, without continuity correction), randomised citizen by citizen:

``m = (z₁₋α/₂ √(2 p̄ q̄) + z₁₋β √(p_A q_A + p_B q_B))² / Δ²`` citizens per arm,

the inverse of :func:`jobfirst_sim.decide.power.formula_power`. A pilot randomised by
caseload needs more (its design effect); ``jobfirst pilot`` simulates both. The size is
checked against the cohort a pilot could draw on
(:func:`jobfirst_sim.decide.pilot_cohort.cohort_size`): a pilot with more citizens than the
jobcentre has is no pilot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Final

from scipy.special import ndtri

from jobfirst_sim.decide.horizon import metric_week
from jobfirst_sim.decide.pilot_cohort import cohort_size
from jobfirst_sim.metrics import is_share
from jobfirst_sim.scenario.schema import Scenario

ALPHA: Final = 0.05
"""Two-sided significance level of the pilot's test."""
POWER: Final = 0.8
"""The chance the pilot shows the effect when it is there."""


def size_per_arm(p_a: float, p_b: float, alpha: float = ALPHA, power: float = POWER
                 ) -> float:
    """Citizens per arm for the two-proportion z-test to detect ``p_b − p_a`` with
    ``power`` at two-sided ``alpha`` (not rounded; inf when the levels are equal, NaN when
    one is missing or outside [0, 1])."""
    if not (math.isfinite(p_a) and math.isfinite(p_b)) or not (
            0.0 <= p_a <= 1.0 and 0.0 <= p_b <= 1.0):
        return float("nan")
    delta = abs(p_b - p_a)
    if delta == 0.0:
        return math.inf
    p_bar = (p_a + p_b) / 2.0
    z_a, z_b = float(ndtri(1.0 - alpha / 2.0)), float(ndtri(power))
    root = (z_a * math.sqrt(2.0 * p_bar * (1.0 - p_bar))
            + z_b * math.sqrt(p_a * (1.0 - p_a) + p_b * (1.0 - p_b)))
    return root * root / (delta * delta)


@dataclass(frozen=True)
class PilotNeed:
    """The pilot that would show the headline's effect, against the cohort it can use."""

    per_arm: int | None
    """Citizens per arm (rounded up); None: no difference to show, or no share."""
    cohort: int
    """Citizens a pilot could draw on (both arms together)."""
    alpha: float = ALPHA
    power: float = POWER

    @property
    def fits(self) -> bool:
        """Whether a pilot of that size fits in the cohort (both arms)."""
        return self.per_arm is not None and 2 * self.per_arm <= self.cohort

    def to_json(self) -> dict[str, Any]:
        """The ``pilot_needed`` block of the decision's JSON."""
        return {"per_arm": self.per_arm, "cohort": self.cohort, "fits": self.fits,
                "alpha": self.alpha, "power": self.power, "unit": "citizen"}


def pilot_need(headline: dict[str, Any], scenario: Scenario, arm: str,
               benefit: str = "all") -> PilotNeed | None:
    """The pilot for a ``headline`` block (:class:`~jobfirst_sim.decide.uncertainty.
    Headline` as JSON) on ``arm``'s citizens of ``scenario``; None when the headline is
    not a share (a pilot of a yes/no outcome only)."""
    metric = str(headline.get("metric", ""))
    if not is_share(metric):
        return None
    p_a, p_b = (float("nan") if headline.get(k) is None else float(headline[k])
                for k in ("current", "proposed"))
    m = size_per_arm(p_a, p_b)
    week = metric_week(metric)  # None: read at the horizon, where every arrival counts
    cohort = cohort_size(scenario, arm, benefit, 0 if week is None else week)
    return PilotNeed(per_arm=math.ceil(m) if math.isfinite(m) else None, cohort=cohort)
