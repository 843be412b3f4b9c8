"""``jobfirst calibrate``: history-match the trial replica and leave an ensemble.

Thin, like every command: the method is :func:`jobfirst_sim.run.calibrate.history_match`,
the simulator and the targets :mod:`jobfirst_sim.run.calibrate.trial`, the parameters and
their priors the schema's (:func:`jobfirst_sim.scenario.priors.calibrated_priors`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jobfirst_sim.cli.common import (
    AllCoresOption,
    ExecutorOption,
    SchedulerOption,
    SeedOption,
    all_cores,
    fail,
    parse_executor,
)

TRIAL = Path("scenarios/jobfirst_trial.yaml")
MIN_WAVES = 3
"""Waves run before a stopping rule may end the match: each later wave re-tests what is
left with emulators fitted where it lies, so the first two, fitted over wide boxes, do
not decide alone (docs/model.md §11)."""


def calibrate(
    scenario: Annotated[Path, typer.Argument(
        help="The trial-replica scenario (its arms have roles treatment and control).")] = TRIAL,
    out: Annotated[Path, typer.Option("--out", "-o", help=(
        "Calibration folder; running again in it resumes where it stopped."))] = Path(
        "results/calibration"),
    design: Annotated[int, typer.Option(
        help="Simulator runs per wave for the emulators (plus a quarter held out).",
        min=10)] = 200,
    members: Annotated[int, typer.Option(
        help="Ensemble members wanted (each confirmed by a simulator run).", min=1)] = 120,
    max_waves: Annotated[int, typer.Option("--waves", help="At most this many waves.",
                                           min=1)] = 6,
    discrepancy: Annotated[float, typer.Option(
        help="Model discrepancy, as a share of each figure (standard deviation).",
        min=0.0)] = 0.10,
    seed: SeedOption = None,
    workers: AllCoresOption = None,
    executor: ExecutorOption = None,
    scheduler: SchedulerOption = None,
    stop_after_wave: Annotated[int | None, typer.Option(
        help="Stop after this wave (run again to continue).", min=1)] = None,
) -> None:
    """Calibrate by history matching: rule out what the trial's figures make implausible,
    keep an ensemble of the parameter sets it cannot rule out (docs/model.md §11)."""
    from jobfirst_sim.run.calibrate import Settings, history_match
    from jobfirst_sim.run.calibrate.trial import prior_box, trial_simulator, trial_targets
    from jobfirst_sim.scenario.errors import ScenarioError
    from jobfirst_sim.scenario.priors import calibrated_priors

    name = parse_executor(executor)
    try:
        simulator = trial_simulator(scenario)
    except (ScenarioError, FileNotFoundError) as exc:
        raise fail(str(exc)) from None
    box = prior_box(calibrated_priors())
    settings = Settings(seed=20160301 if seed is None else seed, design_size=design,
                        ensemble_size=members, max_waves=max_waves, min_waves=MIN_WAVES)
    cores = all_cores(workers)
    try:
        result = history_match(simulator, box, trial_targets(discrepancy), out, settings,
                               executor=name or ("serial" if cores == 1 else "process"),
                               workers=cores, scheduler=scheduler,
                               stop_after_wave=stop_after_wave)
    except ValueError as exc:
        raise fail(str(exc)) from None
    if not result.finished:
        typer.echo(f"stopped after wave {len(result.waves)}; run the same command to go on")
        return
    for wave in result.waves:
        typer.echo(f"wave {wave.number}: {wave.share_of_prior:.2%} of the prior not ruled out"
                   + (f" ({wave.stop_reason})" if wave.stop_reason else ""))
    typer.echo(f"ensemble: {len(result.ensemble)} members in {out / 'ensemble.parquet'}; "
               f"diagnostics in {out / 'calibration.json'}")
