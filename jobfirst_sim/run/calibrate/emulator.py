"""Gaussian-process emulators: for each output, a mean and a variance anywhere in a region.

Why Gaussian processes (scikit-learn's :class:`GaussianProcessRegressor`): they state their
own uncertainty, which enters the implausibility, and they are exact at the design points
up to the simulator's noise. Each output gets its own emulator, fitted in the wave's region
scaled to [0, 1] with the output standardised, on the kernel

    constant x RBF (one length-scale per parameter) + white noise.

The white-noise term estimates the simulator's noise variance (``noise_var``); the
emulator's variance (``predict``) is the GP's variance of the output's *mean* without it.
A hyperparameter at its bound (e.g. no noise on a deterministic output) is expected, so
scikit-learn's convergence warning about it is silenced here and only here.

``validate`` compares held-out runs with the emulator: the standardised error
``(y - mean) / sqrt(var + noise_var)`` should lie within 2 sd about 95 % and within 3 sd
nearly always (Bastos and O'Hagan 2009).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.exceptions import ConvergenceWarning  # type: ignore[import-untyped]
from sklearn.gaussian_process import GaussianProcessRegressor  # type: ignore[import-untyped]
from sklearn.gaussian_process.kernels import (  # type: ignore[import-untyped]
    RBF,
    ConstantKernel,
    WhiteKernel,
)

from jobfirst_sim.run.calibrate.space import Region


@dataclass(frozen=True)
class OutputEmulator:
    """One output's fitted GP, with the standardisation of its output."""

    gp: GaussianProcessRegressor
    y_mean: float
    y_scale: float
    noise_var: float

    @classmethod
    def fit(cls, x_local: np.ndarray, y: np.ndarray, random_state: int,
            restarts: int = 2) -> OutputEmulator:
        """Fit on points in the region's [0, 1] scale; ``random_state`` seeds the optimiser's
        restarts, so the same data give the same emulator."""
        y_mean = float(np.mean(y))
        y_scale = float(np.std(y)) or 1.0
        d = x_local.shape[1]
        kernel = (ConstantKernel(1.0, (1e-3, 1e3))
                  * RBF(np.full(d, 0.5), (1e-2, 1e2))
                  + WhiteKernel(1e-2, (1e-8, 1.0)))
        gp = GaussianProcessRegressor(kernel, normalize_y=False, n_restarts_optimizer=restarts,
                                      random_state=random_state)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            gp.fit(x_local, (y - y_mean) / y_scale)
        noise = float(gp.kernel_.k2.noise_level) * y_scale**2
        return cls(gp, y_mean, y_scale, noise)

    def predict(self, x_local: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Mean and emulator variance (the noise variance taken out) at the points."""
        mu, sd = self.gp.predict(x_local, return_std=True)
        noise_std = self.noise_var / self.y_scale**2
        var = np.maximum(np.asarray(sd) ** 2 - noise_std, 0.0) * self.y_scale**2
        return np.asarray(mu) * self.y_scale + self.y_mean, var


@dataclass(frozen=True)
class Emulators:
    """One emulator per output, all fitted in one wave's region."""

    region: Region
    outputs: tuple[str, ...]
    emulators: tuple[OutputEmulator, ...]

    @classmethod
    def fit(cls, region: Region, outputs: Sequence[str], u: np.ndarray, y: np.ndarray,
            random_state: int, restarts: int = 2) -> Emulators:
        """``u``: design in unit coordinates (``n x d``); ``y``: outputs (``n x m``)."""
        x = region.to_local(u)
        ems = tuple(OutputEmulator.fit(x, y[:, j], random_state + j, restarts)
                    for j in range(y.shape[1]))
        return cls(region, tuple(outputs), ems)

    @property
    def noise_var(self) -> np.ndarray:
        return np.array([e.noise_var for e in self.emulators])

    def predict(self, u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Means and emulator variances, ``n x m`` each, at points in unit coordinates."""
        x = self.region.to_local(u)
        pairs = [e.predict(x) for e in self.emulators]
        return (np.column_stack([p[0] for p in pairs]), np.column_stack([p[1] for p in pairs]))

    def kernels(self) -> dict[str, str]:
        return {name: str(e.gp.kernel_) for name, e in zip(self.outputs, self.emulators,
                                                            strict=True)}


def validate(emulators: Emulators, u: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """Held-out check: standardised errors, and their share within 2 and 3 sd.

    Returns ``{"n", "within_2sd", "within_3sd", "per_output": {name: {...}}}``; shares are
    over all outputs and held-out runs together, then per output.
    """
    mean, var = emulators.predict(u)
    z = (y - mean) / np.sqrt(var + emulators.noise_var)
    per = {name: {"within_2sd": float(np.mean(np.abs(z[:, j]) <= 2)),
                  "within_3sd": float(np.mean(np.abs(z[:, j]) <= 3)),
                  "max_abs_error_sd": float(np.max(np.abs(z[:, j]))) if len(z) else 0.0}
           for j, name in enumerate(emulators.outputs)}
    return {"n": len(y),
            "within_2sd": float(np.mean(np.abs(z) <= 2)) if z.size else 1.0,
            "within_3sd": float(np.mean(np.abs(z) <= 3)) if z.size else 1.0,
            "per_output": per}
