"""Targets and the implausibility measure of history matching (Vernon et al. 2010).

A target is one observed figure ``z`` with two variances next to the emulator's:

* ``obs_var``  -- the published uncertainty of the figure (its standard error squared);
* ``disc_var`` -- the model discrepancy: how far the model at its best parameters may still
  be from reality, because it is a model. It is stated, not fitted, and documented where the
  targets are made; without it a history match claims the model is exact and may rule out
  every parameter set (Vernon et al. 2010, section 2.3).

The simulator's own noise (``noise_var``, estimated by each output's emulator) enters too,
since one simulated run is a noisy draw around the output's mean.

A bound (``kind="at_least"``) has ``I(x) = max(0, z - E[f(x)]) / sqrt(...)``.

``I(x) = |z - E[f(x)]| / sqrt(Var_emulator + Var_obs + Var_disc + Var_noise)`` per output;
a point is implausible when the largest (``rank=1``) or, with many outputs, the second
largest (``rank=2``: one badly emulated output cannot rule a point out alone) exceeds the
cut-off, 3 by Pukelsheim's three-sigma rule (at least 95 % of any unimodal distribution lies
within 3 sd).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

CUTOFF = 3.0
"""The implausibility cut-off (Pukelsheim's three-sigma rule)."""


@dataclass(frozen=True)
class Target:
    """One observed output with its published (``obs_var``) and discrepancy variance."""

    name: str
    observed: float
    obs_var: float
    disc_var: float
    kind: Literal["equal", "at_least"] = "equal"
    """``at_least``: a published lower bound ("more than a third"), which rules out only
    outputs below it."""

    def __post_init__(self) -> None:
        if not math.isfinite(self.observed):
            raise ValueError(f"target {self.name!r}: observed value must be finite")
        if self.obs_var < 0 or self.disc_var < 0 or self.obs_var + self.disc_var <= 0:
            raise ValueError(f"target {self.name!r}: variances must be >= 0 and not both 0")

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "observed": self.observed, "obs_var": self.obs_var,
                "disc_var": self.disc_var, "kind": self.kind}


def implausibility(targets: Sequence[Target], mean: np.ndarray, em_var: np.ndarray,
                   noise_var: np.ndarray) -> np.ndarray:
    """Per-output implausibility, ``n x m`` (``mean``, ``em_var`` are ``n x m``; ``noise_var``
    has one value per output)."""
    z = np.array([t.observed for t in targets])
    fixed = np.array([t.obs_var + t.disc_var for t in targets]) + np.asarray(noise_var)
    gap = z - mean
    bound = np.array([t.kind == "at_least" for t in targets])
    gap = np.where(bound, np.maximum(gap, 0.0), np.abs(gap))
    return np.asarray(gap / np.sqrt(np.maximum(em_var, 0.0) + fixed))


def combined(per_output: np.ndarray, rank: int = 1) -> np.ndarray:
    """The ``rank``-th largest implausibility per row (1 = max, 2 = second max)."""
    if rank < 1 or rank > per_output.shape[1]:
        raise ValueError(f"rank must be between 1 and the number of outputs, got {rank}")
    return np.asarray(np.sort(per_output, axis=1)[:, -rank])
