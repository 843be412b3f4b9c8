"""History matching in waves (Vernon et al. 2010; Andrianakis et al. 2015).

Each wave: a design in the space not yet ruled out (a Latin hypercube in the prior for the
first wave; for later ones, points drawn by rejection from the current box that pass every
earlier wave's emulators), simulator runs at it, one Gaussian-process emulator per output
fitted on most of the runs and validated on the rest, and a new implausibility test. The
survivors of a large uniform sample of the box give the share still not ruled out; the box
shrinks to their hull (padded, :meth:`.space.Region.shrink_to`). The share of the prior
not ruled out is the survivors' share of the box times the box's share of the prior: what
lies outside the box counts as ruled out (the padding keeps that small).

Waves stop when the non-implausible share stops shrinking (falls by less than
``1 - min_shrink`` of itself), when the emulators' variance at the survivors is below the
other variances for every output (another wave would gain little: the emulator is no longer
what keeps points in), when nothing survives, or after ``max_waves``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from jobfirst_sim.io import write_json
from jobfirst_sim.run.calibrate.emulator import Emulators, validate
from jobfirst_sim.run.calibrate.runs import Simulator, run_points, run_seeds
from jobfirst_sim.run.calibrate.space import PriorBox, Region, latin_hypercube
from jobfirst_sim.run.calibrate.targets import CUTOFF, Target, combined, implausibility
from jobfirst_sim.run.executors import Executor


@dataclass(frozen=True)
class Settings:
    """Everything that decides the result besides the simulator, priors and targets.

    ``design_size`` training runs per wave plus ``validation_share`` of it held out;
    the stopping rules apply from wave ``min_waves`` on (a later wave never hurts: it only
    re-tests the survivors with sharper emulators); ``candidates`` uniform points per
    rejection-sampling round; ``pad`` widens the
    survivors' hull; ``ensemble_size`` members are wanted, drawing ``ensemble_oversample``
    times as many candidates per batch, at most ``ensemble_batches`` batches.
    """

    seed: int = 0
    design_size: int = 40
    validation_share: float = 0.25
    cutoff: float = CUTOFF
    rank: int = 1
    max_waves: int = 6
    min_waves: int = 1
    min_shrink: float = 0.9
    candidates: int = 20_000
    sampling_rounds: int = 10
    pad: float = 0.1
    ensemble_size: int = 100
    ensemble_oversample: float = 1.5
    ensemble_batches: int = 4
    chunk: int = 10
    gp_restarts: int = 2


@dataclass(frozen=True)
class Wave:
    """One finished wave: where it searched, its emulators and what it found."""

    number: int
    region: Region
    emulators: Emulators
    validation: dict[str, Any]
    share_in_region: float
    share_of_prior: float
    next_region: Region
    emulator_below_other: bool
    stop_reason: str | None

    def diagnostics(self, box: PriorBox) -> dict[str, Any]:
        return {"wave": self.number, "region": _region_json(self.region, box),
                "next_region": _region_json(self.next_region, box),
                "non_implausible_share_of_region": self.share_in_region,
                "non_implausible_share_of_prior": self.share_of_prior,
                "ruled_out_share_of_prior": 1.0 - self.share_of_prior,
                "validation": self.validation, "kernels": self.emulators.kernels(),
                "noise_var": dict(zip(self.emulators.outputs,
                                      self.emulators.noise_var.tolist(), strict=True)),
                "emulator_variance_below_other": self.emulator_below_other,
                "stop_reason": self.stop_reason}


@dataclass(frozen=True)
class Context:
    """What every stage of one calibration shares."""

    simulator: Simulator
    box: PriorBox
    targets: tuple[Target, ...]
    settings: Settings
    folder: Path
    runner: Executor
    progress: bool

    @property
    def outputs(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.targets)

    def run(self, stage: str, stage_no: int, u: np.ndarray) -> np.ndarray:
        seeds = run_seeds(self.settings.seed, stage_no, len(u))
        return run_points(self.runner, self.simulator, self.folder / stage, stage,
                          self.box.as_dicts(u), seeds, self.outputs,
                          chunk=self.settings.chunk, progress=self.progress)


def passes(ctx: Context, waves: Sequence[Wave], u: np.ndarray) -> np.ndarray:
    """Which points no wave's emulators rule out (each point tested against every wave)."""
    keep = np.ones(len(u), dtype=bool)
    for wave in waves:
        idx = np.flatnonzero(keep)
        if len(idx) == 0:
            break
        mean, var = wave.emulators.predict(u[idx])
        imp = combined(implausibility(ctx.targets, mean, var, wave.emulators.noise_var),
                       ctx.settings.rank)
        keep[idx] = imp <= ctx.settings.cutoff
    return keep


def draw_non_implausible(ctx: Context, waves: Sequence[Wave], region: Region, n: int,
                         rng: np.random.Generator, rounds: int | None = None
                         ) -> tuple[np.ndarray, float]:
    """Up to ``n`` points of ``region`` that pass every wave (rejection sampling from uniform
    candidates, at most ``rounds`` rounds, default ``sampling_rounds``), and the share of
    candidates that passed.
    """
    found: list[np.ndarray] = []
    drawn = kept = 0
    for _ in range(rounds or ctx.settings.sampling_rounds):
        u = region.from_local(rng.random((ctx.settings.candidates, len(region.lower))))
        ok = u[passes(ctx, waves, u)]
        drawn += len(u)
        kept += len(ok)
        found.append(ok)
        if kept >= n:
            break
    return np.concatenate(found)[:n], kept / drawn


def run_wave(ctx: Context, waves: Sequence[Wave], number: int, region: Region) -> Wave | None:
    """Design, run, emulate and test one wave; None if no design point could be found."""
    s = ctx.settings
    n_valid = max(1, round(s.design_size * s.validation_share))
    total = s.design_size + n_valid
    rng = np.random.default_rng(np.random.SeedSequence(s.seed, spawn_key=(number, 0)))
    if not waves:
        u = latin_hypercube(region, total, rng)
    else:
        u, _ = draw_non_implausible(ctx, waves, region, total, rng)
        if len(u) < ctx.box.dim + 2 + n_valid:
            return None
    n_train = len(u) - n_valid
    y = ctx.run(f"wave-{number:02d}", number, u)
    em = Emulators.fit(region, ctx.outputs, u[:n_train], y[:n_train],
                       random_state=s.seed % 2**31 + 101 * number, restarts=s.gp_restarts)
    validation = validate(em, u[n_train:], y[n_train:])
    this = [*waves, _partial(number, region, em, validation)]
    survivors, share = draw_non_implausible(ctx, this, region, s.candidates, rng,
                                            rounds=1)
    below = _emulator_below_other(ctx, em, survivors)
    wave = Wave(number, region, em, validation, share, share * region.volume,
                region.shrink_to(survivors, s.pad), below, None)
    reason = _stop_reason(ctx, waves, wave, len(survivors))
    wave = Wave(wave.number, wave.region, em, validation, wave.share_in_region,
                wave.share_of_prior, wave.next_region, below, reason)
    write_json(ctx.folder / f"wave-{number:02d}.json", wave.diagnostics(ctx.box))
    return wave


def run_waves(ctx: Context, stop_after_wave: int | None = None) -> tuple[list[Wave], bool]:
    """All waves; returns them and whether they ended by a stopping rule (not interrupted)."""
    waves: list[Wave] = []
    region = Region.full(ctx.box.dim)
    for number in range(1, ctx.settings.max_waves + 1):
        wave = run_wave(ctx, waves, number, region)
        if wave is None:
            break
        waves.append(wave)
        region = wave.next_region
        if wave.stop_reason is not None:
            break
        if stop_after_wave is not None and number >= stop_after_wave:
            return waves, False
    return waves, True


def _partial(number: int, region: Region, em: Emulators, validation: dict[str, Any]) -> Wave:
    """A wave whose emulators are known but whose survivors are not yet counted."""
    return Wave(number, region, em, validation, 1.0, region.volume, region, False, None)


def _emulator_below_other(ctx: Context, em: Emulators, survivors: np.ndarray) -> bool:
    """Whether, averaged over the survivors, every output's emulator variance is below the
    sum of its observation, discrepancy and noise variances."""
    if len(survivors) == 0:
        return False
    _, var = em.predict(survivors)
    other = np.array([t.obs_var + t.disc_var for t in ctx.targets]) + em.noise_var
    return bool(np.all(var.mean(axis=0) < other))


def _stop_reason(ctx: Context, waves: Sequence[Wave], wave: Wave, survivors: int) -> str | None:
    if survivors == 0:
        return "nothing is non-implausible: the model cannot match the targets"
    if wave.number < ctx.settings.min_waves:
        return None
    if waves and wave.share_of_prior > ctx.settings.min_shrink * waves[-1].share_of_prior:
        return "the non-implausible share stopped shrinking"
    if wave.emulator_below_other:
        return "the emulators' variance is below the other variances"
    if wave.number == ctx.settings.max_waves:
        return "the last wave allowed (max_waves)"
    return None


def _region_json(region: Region, box: PriorBox) -> dict[str, list[float]]:
    lo = box.from_unit(np.asarray(region.lower))[0]
    hi = box.from_unit(np.asarray(region.upper))[0]
    return {name: [float(a), float(b)] for name, a, b in zip(box.names, lo, hi, strict=True)}
