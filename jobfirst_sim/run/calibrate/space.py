"""The prior box and space-filling designs of history matching.

Why unit coordinates: every parameter is mapped to [0, 1] (through its logarithm when its
prior is on a log scale), so the emulators, the Latin hypercube and the shrinking of the
box all work on one scale whatever the parameter's units. A :class:`Region` is a sub-box
of that unit cube: the part of the prior a wave still searches.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from scipy.stats import qmc

Scale = Literal["linear", "log"]


@dataclass(frozen=True)
class Prior:
    """One calibrated parameter: its plausible range and the scale it is searched on.

    ``log`` for positive parameters whose plausible values span orders of magnitude (a
    multiplier from 0.5 to 2 is as far from 1 either way); ``linear`` otherwise.
    """

    name: str
    low: float
    high: float
    scale: Scale = "linear"

    def __post_init__(self) -> None:
        if not (math.isfinite(self.low) and math.isfinite(self.high) and self.low < self.high):
            raise ValueError(f"prior {self.name!r}: need finite low < high, "
                             f"got {self.low} .. {self.high}")
        if self.scale == "log" and self.low <= 0:
            raise ValueError(f"prior {self.name!r}: a log-scale prior needs low > 0")
        if self.scale not in ("linear", "log"):
            raise ValueError(f"prior {self.name!r}: scale must be 'linear' or 'log'")

    def _ends(self) -> tuple[float, float]:
        if self.scale == "log":
            return math.log(self.low), math.log(self.high)
        return self.low, self.high

    def to_unit(self, x: np.ndarray) -> np.ndarray:
        """Parameter values to [0, 1] (0 at ``low``, 1 at ``high``)."""
        a, b = self._ends()
        v = np.log(x) if self.scale == "log" else np.asarray(x, dtype=float)
        return np.asarray((v - a) / (b - a), dtype=float)

    def from_unit(self, u: np.ndarray) -> np.ndarray:
        """Unit coordinates back to parameter values."""
        a, b = self._ends()
        v = a + np.asarray(u, dtype=float) * (b - a)
        return np.asarray(np.exp(v) if self.scale == "log" else v, dtype=float)


@dataclass(frozen=True)
class PriorBox:
    """The calibrated parameters in a fixed order (the columns of every design)."""

    priors: tuple[Prior, ...]

    def __post_init__(self) -> None:
        names = [p.name for p in self.priors]
        if not names or len(set(names)) != len(names):
            raise ValueError(f"a prior box needs distinct parameter names, got {names}")

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.priors]

    @property
    def dim(self) -> int:
        return len(self.priors)

    def to_unit(self, x: np.ndarray) -> np.ndarray:
        """An ``n x d`` array of parameter values to unit coordinates."""
        x = np.atleast_2d(np.asarray(x, dtype=float))
        return np.column_stack([p.to_unit(x[:, j]) for j, p in enumerate(self.priors)])

    def from_unit(self, u: np.ndarray) -> np.ndarray:
        """An ``n x d`` array of unit coordinates to parameter values."""
        u = np.atleast_2d(np.asarray(u, dtype=float))
        return np.column_stack([p.from_unit(u[:, j]) for j, p in enumerate(self.priors)])

    def as_dicts(self, u: np.ndarray) -> list[dict[str, float]]:
        """Unit coordinates to one ``{name: value}`` per row (what a simulator receives)."""
        x = self.from_unit(u)
        return [{n: float(v) for n, v in zip(self.names, row, strict=True)} for row in x]

    def to_json(self) -> list[dict[str, Any]]:
        return [{"name": p.name, "low": p.low, "high": p.high, "scale": p.scale}
                for p in self.priors]

    @classmethod
    def of(cls, priors: Sequence[Prior] | Mapping[str, tuple[float, float, Scale]]
           ) -> PriorBox:
        """From priors, or from ``{name: (low, high, scale)}``."""
        if isinstance(priors, Mapping):
            return cls(tuple(Prior(n, lo, hi, sc) for n, (lo, hi, sc) in priors.items()))
        return cls(tuple(priors))


@dataclass(frozen=True)
class Region:
    """A sub-box of the unit cube: per parameter the lower and upper unit coordinate."""

    lower: tuple[float, ...]
    upper: tuple[float, ...]

    @classmethod
    def full(cls, dim: int) -> Region:
        return cls((0.0,) * dim, (1.0,) * dim)

    @property
    def volume(self) -> float:
        """Its share of the prior box (in unit coordinates)."""
        return float(np.prod(np.subtract(self.upper, self.lower)))

    def contains(self, u: np.ndarray) -> np.ndarray:
        u = np.atleast_2d(u)
        return np.asarray(np.all((u >= self.lower) & (u <= self.upper), axis=1))

    def to_local(self, u: np.ndarray) -> np.ndarray:
        """Unit coordinates to this region's own [0, 1] scale (what an emulator is fitted on)."""
        lo, hi = np.asarray(self.lower), np.asarray(self.upper)
        return np.asarray((np.atleast_2d(u) - lo) / (hi - lo), dtype=float)

    def from_local(self, v: np.ndarray) -> np.ndarray:
        lo, hi = np.asarray(self.lower), np.asarray(self.upper)
        return np.asarray(lo + np.atleast_2d(v) * (hi - lo), dtype=float)

    def shrink_to(self, points: np.ndarray, pad: float) -> Region:
        """The smallest box around ``points`` (the survivors), widened by ``pad`` times this
        region's width on each side and clipped to this region.

        Why the padding: survivors of a finite sample never reach the edges of the
        non-implausible space, so the bare hull would cut off some of it (and perhaps the
        truth). Without points the region is kept.
        """
        if len(points) == 0:
            return self
        lo, hi = np.asarray(self.lower), np.asarray(self.upper)
        width = hi - lo
        new_lo = np.maximum(lo, points.min(axis=0) - pad * width)
        new_hi = np.minimum(hi, points.max(axis=0) + pad * width)
        return Region(tuple(float(v) for v in new_lo), tuple(float(v) for v in new_hi))

    def to_json(self) -> dict[str, list[float]]:
        return {"lower": list(self.lower), "upper": list(self.upper)}


def latin_hypercube(region: Region, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` points of a Latin hypercube in ``region`` (unit coordinates), drawn from ``rng``.

    Why a Latin hypercube: every parameter's range is cut into ``n`` strata and each is
    sampled once, so even a small first wave sees every part of every range.
    """
    sampler = qmc.LatinHypercube(d=len(region.lower), rng=rng)
    return region.from_local(sampler.random(n))
