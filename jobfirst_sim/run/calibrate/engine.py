"""The calibration's entry point: waves, then a confirmed, equally weighted ensemble.

:func:`history_match` is what a ``jobfirst calibrate`` command will call, with the real
model wrapped as a :data:`.runs.Simulator`, the priors read from the schema and the trial's
calibration targets (see :mod:`jobfirst_sim.run.calibrate`).

The ensemble: candidates are drawn from the final box by rejection against every wave's
emulators, and each is run once by the simulator. A candidate becomes a member only if its
simulated outputs are not implausible with the emulator variance set to 0 (the run replaces
the emulator; the noise variance stays, since one run is one noisy draw). The first
``ensemble_size`` confirmed candidates, in draw order, are the members. Every member has
weight ``1 / N``: the non-implausible space is sampled uniformly, so members represent equal
shares of it (history matching rules out, it does not weigh by likelihood).

The folder holds ``settings.json`` (what decides the result), each stage's runs
(``wave-NN/runs-*.parquet``, ``ensemble-NN/...``), each wave's diagnostics
(``wave-NN.json``), and at the end ``ensemble.parquet`` and ``calibration.json``. A restart
in the same folder reuses every finished chunk of runs and refits the (deterministic)
emulators, so it continues where the kill stopped it and ends with the same ensemble.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from jobfirst_sim.io import write_json, write_parquet
from jobfirst_sim.run.calibrate.runs import Simulator, run_seeds
from jobfirst_sim.run.calibrate.space import PriorBox
from jobfirst_sim.run.calibrate.targets import Target, combined, implausibility
from jobfirst_sim.run.calibrate.waves import (
    Context,
    Settings,
    Wave,
    draw_non_implausible,
    run_waves,
)
from jobfirst_sim.run.executors import ExecutorName, open_executor

ENSEMBLE_STAGE = 1000
"""Stage numbers of the ensemble's batches start here (waves are 1, 2, ...)."""


@dataclass(frozen=True)
class HistoryMatch:
    """The result: the waves, the ensemble (empty if interrupted) and the diagnostics."""

    waves: list[Wave]
    ensemble: pd.DataFrame
    diagnostics: dict[str, Any]
    finished: bool


def history_match(simulator: Simulator, box: PriorBox, targets: Sequence[Target],
                  folder: Path | str, settings: Settings | None = None, *,
                  executor: ExecutorName = "serial", workers: int | None = None,
                  scheduler: str | None = None, stop_after_wave: int | None = None,
                  progress: bool = True) -> HistoryMatch:
    """Calibrate ``simulator`` to ``targets`` over ``box``, resumably, in ``folder``.

    ``stop_after_wave`` ends the job after that wave (unfinished, no ensemble): a
    controlled interruption; running again without it continues.
    """
    settings = settings or Settings()
    folder = Path(folder)
    _check_settings(folder, box, targets, settings)
    with open_executor(executor, workers=1 if executor == "serial" else workers,
                       scheduler=scheduler) as runner:
        ctx = Context(simulator, box, tuple(targets), settings, folder, runner, progress)
        waves, done = run_waves(ctx, stop_after_wave)
        if not done or not waves:
            return HistoryMatch(waves, pd.DataFrame(), {}, False)
        ensemble = confirmed_ensemble(ctx, waves)
    diagnostics = _diagnostics(ctx, waves, ensemble)
    write_parquet(folder / "ensemble.parquet", ensemble)
    write_json(folder / "calibration.json", diagnostics)
    return HistoryMatch(waves, ensemble, diagnostics, True)


def confirmed_ensemble(ctx: Context, waves: Sequence[Wave]) -> pd.DataFrame:
    """Members: candidates from the final box that the simulator confirms (module doc).

    One row per member: every parameter, ``weight``, the ``seed`` of its confirming run
    (so the run can be repeated) and its simulated outputs.
    """
    s = ctx.settings
    region = waves[-1].next_region
    noise = waves[-1].emulators.noise_var
    zeros = np.zeros((1, len(ctx.targets)))
    want = math.ceil(s.ensemble_size * s.ensemble_oversample)
    kept_u: list[np.ndarray] = []
    kept_y: list[np.ndarray] = []
    kept_seeds: list[np.ndarray] = []
    for batch in range(1, s.ensemble_batches + 1):
        stage = ENSEMBLE_STAGE + batch
        rng = np.random.default_rng(np.random.SeedSequence(s.seed, spawn_key=(stage, 0)))
        u, _ = draw_non_implausible(ctx, waves, region, want, rng)
        if len(u) == 0:
            break
        y = ctx.run(f"ensemble-{batch:02d}", stage, u)
        imp = combined(implausibility(ctx.targets, y, np.broadcast_to(zeros, y.shape), noise),
                       s.rank)
        ok = imp <= s.cutoff
        kept_u.append(u[ok])
        kept_y.append(y[ok])
        kept_seeds.append(np.array(run_seeds(s.seed, stage, len(u)), dtype=np.int64)[ok])
        if sum(len(k) for k in kept_u) >= s.ensemble_size:
            break
    if not kept_u or sum(len(k) for k in kept_u) == 0:
        return pd.DataFrame(columns=[*ctx.box.names, "weight", "seed", *ctx.outputs])
    u_all = np.concatenate(kept_u)[: s.ensemble_size]
    y_all = np.concatenate(kept_y)[: s.ensemble_size]
    table = pd.DataFrame(ctx.box.from_unit(u_all), columns=ctx.box.names)
    table["weight"] = 1.0 / len(table)
    table["seed"] = np.concatenate(kept_seeds)[: s.ensemble_size]
    for j, name in enumerate(ctx.outputs):
        table[name] = y_all[:, j]
    return table


def _check_settings(folder: Path, box: PriorBox, targets: Sequence[Target],
                    settings: Settings) -> None:
    """Write ``settings.json``, or check that a folder being resumed has the same one."""
    wanted = {"settings": asdict(settings), "priors": box.to_json(),
              "targets": [t.to_json() for t in targets]}
    path = folder / "settings.json"
    if path.exists():
        found = json.loads(path.read_text(encoding="utf-8"))
        if found != json.loads(json.dumps(wanted)):
            raise ValueError(f"{folder} holds a calibration with other settings, priors or "
                             "targets; use a new folder to start afresh")
        return
    write_json(path, wanted)


def _diagnostics(ctx: Context, waves: Sequence[Wave], ensemble: pd.DataFrame
                 ) -> dict[str, Any]:
    """``calibration.json``: per wave, per parameter (prior against ensemble), per target."""
    params = {}
    u = ctx.box.to_unit(ensemble[ctx.box.names].to_numpy()) if len(ensemble) else None
    for j, p in enumerate(ctx.box.priors):
        row: dict[str, Any] = {"prior": [p.low, p.high], "scale": p.scale}
        if u is not None:
            col = ensemble[p.name]
            row |= {"ensemble": [float(col.min()), float(col.max())],
                    "ensemble_median": float(col.median()),
                    "share_of_prior_range": float(u[:, j].max() - u[:, j].min())}
        params[p.name] = row
    targets = {}
    for t in ctx.targets:
        row = {"observed": t.observed, "obs_var": t.obs_var, "disc_var": t.disc_var}
        if len(ensemble):
            col = ensemble[t.name]
            row |= {"ensemble_mean": float(col.mean()),
                    "ensemble_5_95": [float(col.quantile(0.05)), float(col.quantile(0.95))]}
        targets[t.name] = row
    return {"settings": asdict(ctx.settings), "members": len(ensemble),
            "members_wanted": ctx.settings.ensemble_size,
            "weights": "equal (1 / members): uniform draws from the non-implausible space",
            "waves": [w.diagnostics(ctx.box) for w in waves],
            "parameters": params, "targets": targets,
            "ridges": ridges(ensemble, ctx.box.names) if len(ensemble) > 2 else []}


RIDGES = 10
"""How many parameter pairs ``calibration.json`` lists as ridges."""


def ridges(ensemble: pd.DataFrame, names: Sequence[str], top: int = RIDGES
           ) -> list[dict[str, Any]]:
    """The strongest pairwise dependences among the members' parameters (Spearman's ρ).

    Why: a uniform prior box has none; a pair the trial's figures tie together (one
    can be traded for the other and the figures stay matched) shows up as a rank
    correlation across the ensemble -- a ridge the data do not resolve.
    """
    ranks = ensemble[list(names)].rank()
    rho = ranks.corr().to_numpy()
    pairs = [(abs(rho[i, j]), i, j) for i in range(len(names))
             for j in range(i + 1, len(names)) if np.isfinite(rho[i, j])]
    pairs.sort(reverse=True)
    return [{"a": names[i], "b": names[j], "rank_correlation": float(rho[i, j])}
            for _, i, j in pairs[:top]]
