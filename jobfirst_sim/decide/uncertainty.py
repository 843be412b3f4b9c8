"""What an answer's interval holds, and the ``headline`` block every decision JSON carries.

Why one module: ``compare``, ``explain`` and ``pilot`` each answer "does the proposal give
more citizens ordinary hours, and how sure are we?". With ``--uncertainty parameters``
they run under the calibrated ensemble (:mod:`jobfirst_sim.scenario.ensemble`), so the
interval holds what the trial leaves open besides simulation noise
(:mod:`jobfirst_sim.ensemble_stats`); with ``noise`` they run the scenario's own
parameters and the interval is simulation noise only. Both are built here, the same way
for every command, so the same question gets the same block.

**K and R** (docs/decide.md): :data:`DEFAULT_MEMBERS` members × :data:`DEFAULT_REPLICATIONS`
replications with common random numbers within a member. Two replications per member is
the least that estimates each member's noise (so the between-member spread can be told
from it); 30 members keep ``compare`` on the Midtby example within its minute on two
cores (experiments/benchmarks) while the 2.5 % and 97.5 % tails of the ensemble are each
backed by about one member. ``--members`` takes more (up to the shipped ensemble) for a
steadier answer; the subset is always the ensemble's first K, a uniform sample of it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from jobfirst_sim.ensemble_stats import member_interval, per_member, probability_better
from jobfirst_sim.scenario.ensemble import Ensemble, shipped_ensemble

Uncertainty = Literal["noise", "parameters"]
UNCERTAINTIES: tuple[str, ...] = ("noise", "parameters")

DEFAULT_MEMBERS = 30
DEFAULT_REPLICATIONS = 2
"""Replications per member under ``parameters`` (module doc)."""


class UncertaintyError(ValueError):
    """A ``--uncertainty`` or ``--members`` the user can fix."""


def ensemble_for(uncertainty: str, members: int | None = None, *,
                 default: int = DEFAULT_MEMBERS) -> Ensemble | None:
    """The ensemble a command runs under: None for ``noise`` (each scenario's own
    parameters), else the shipped ensemble's first ``members``; without ``members`` the
    command's ``default`` K, or the whole ensemble when it has fewer members.

    The one reading of ``--uncertainty``/``--members`` for every command and the workshop,
    so they refuse the same mistakes with the same words.

    Raises:
        UncertaintyError: an unknown mode, ``--members`` under ``noise`` (it would be
            silently ignored), or a member count outside the shipped ensemble.
    """
    if uncertainty not in UNCERTAINTIES:
        raise UncertaintyError(f"--uncertainty {uncertainty!r}: choose noise or parameters")
    if uncertainty == "noise":
        if members is not None:
            raise UncertaintyError(
                f"--members {members}: members are only used with --uncertainty "
                "parameters; drop --members, or add --uncertainty parameters")
        return None
    shipped = shipped_ensemble()
    k = min(default, len(shipped)) if members is None else members
    if k < 1 or k > len(shipped):
        raise UncertaintyError(f"--members {k}: choose 1 to {len(shipped)} (the members of "
                               "the shipped ensemble)")
    return shipped.first(k)


def weights_of(ensemble: Ensemble | None) -> dict[int, float] | None:
    """``{member position: weight}`` as the runs' ``member`` column numbers them."""
    if ensemble is None:
        return None
    return {k: m.weight for k, m in enumerate(ensemble.members)}


@dataclass(frozen=True)
class Headline:
    """The one answer to "how many more citizens with ordinary hours, how sure?".

    ``week`` is the citizen's own week (``None``: the end of the run); ``current`` and
    ``proposed`` are the levels, ``difference`` and its ``ci_low``..``ci_high`` the paired
    difference (proposed − current); ``probability_better`` the weighted share of members
    in which the proposal gives more citizens ordinary hours (``None`` under ``noise``: one
    parameter set says nothing about parameters); ``members`` × ``replications`` the runs
    behind each side.
    """

    metric: str
    week: int | None
    current: float
    proposed: float
    difference: float
    ci_low: float
    ci_high: float
    uncertainty: Uncertainty
    probability_better: float | None
    members: int
    replications: int

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        return {k: (None if isinstance(v, float) and not np.isfinite(v) else v)
                for k, v in out.items()}


def headline(pairs: pd.DataFrame, *, metric: str, week: int | None,
             ensemble: Ensemble | None, higher_is_better: bool = True) -> Headline:
    """The headline block from paired per-run values of one figure.

    ``pairs`` has ``replication``, ``current`` and ``proposed`` (one row per run pair),
    and ``member`` (position in ``ensemble``) when run under one.
    """
    pairs = pairs.copy()
    if "member" not in pairs.columns:
        pairs["member"] = 0
    weights = (np.ones(1) if ensemble is None
               else np.array([m.weight for m in ensemble.members]))
    members = sorted(int(k) for k in pairs["member"].unique())
    w = weights[members]
    position = pairs["member"].map({k: i for i, k in enumerate(members)}).to_numpy()
    pairs["difference"] = pairs["proposed"] - pairs["current"]
    level = {col: member_interval(pairs[col].to_numpy(float), position, w.tolist())
             for col in ("current", "proposed", "difference")}
    diff = level["difference"]
    diff_means, _, _ = per_member(pairs["difference"].to_numpy(float), position,
                                  range(len(members)))
    reps = int(pairs.groupby("member").size().min()) if len(pairs) else 0
    return Headline(
        metric=metric, week=week,
        current=level["current"].mean, proposed=level["proposed"].mean,
        difference=diff.mean, ci_low=diff.low, ci_high=diff.high,
        uncertainty="noise" if ensemble is None else "parameters",
        probability_better=(None if ensemble is None else probability_better(
            diff_means, w, higher_is_better)),
        members=len(members), replications=reps)
