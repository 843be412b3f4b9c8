"""``jobfirst run``, ``validate`` and ``sweep``: simulate scenarios and experiments."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jobfirst_sim.cli.common import (
    REPLICATIONS,
    AllowExtendsOption,
    ExecutorOption,
    LangOption,
    MembersOption,
    OverwriteOption,
    SchedulerOption,
    SeedOption,
    SetOption,
    UncertaintyOption,
    WorkersOption,
    command_line,
    fail,
    load,
    parse_executor,
    parse_sets,
    user_errors,
    warn_staffing,
)


def run(
    scenario: Annotated[Path, typer.Argument(help="Scenario YAML file.")],
    replications: Annotated[int | None, REPLICATIONS] = None,
    seed: SeedOption = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Output folder (default: results/<scenario name as "
                     "a safe folder name>)."),
    ] = None,
    overwrite: OverwriteOption = False,
    panel: Annotated[bool, typer.Option("--panel", help="Also write panel.parquet.")] = False,
    workers: WorkersOption = 1,
    executor: ExecutorOption = None,
    scheduler: SchedulerOption = None,
    report: Annotated[bool, typer.Option(help="Write report.html at the end.")] = True,
    lang: LangOption = "da",
    sets: SetOption = None,
    allow_extends_outside: AllowExtendsOption = False,
    uncertainty: UncertaintyOption = "noise",
    members: MembersOption = None,
    metric: Annotated[str | None, typer.Option(
        help="Outcome metric of the headline block (default: share with ordinary hours at "
        "the horizon).")] = None,
    arm_from: Annotated[str | None, typer.Option(
        "--from", help="The headline's baseline arm (default: the control arm of a two-arm "
        "file).")] = None,
    arm_to: Annotated[str | None, typer.Option(
        "--to", help="The headline's proposed arm (with --from).")] = None,
) -> None:
    """Run a scenario's arms over replications and write tables, summary and report.

    The scenario's arms_mode says whether its arms share one world (a trial) or are
    alternatives, each simulated alone as compare does; a two-arm file's summary.json
    carries the headline block compare gives for the same seed and replications.

    With --uncertainty parameters every replication runs under each of the calibrated
    ensemble's first --members members (a member column in every table; the summary's
    intervals hold parameter and simulation uncertainty). The results folder appears
    complete or not at all (built beside it, then moved in); an existing non-empty folder
    is replaced only with --overwrite (docs/outputs.md).
    """
    from jobfirst_sim.cli.ensemble_option import chosen_ensemble
    from jobfirst_sim.run.outputs import OutputError, slug
    from jobfirst_sim.run.replicate import FinishError, RunRequest, run_to_directory
    from jobfirst_sim.scenario import ScenarioError

    chosen = parse_executor(executor)
    ensemble = chosen_ensemble(uncertainty, members)
    if ensemble is not None and panel:
        raise fail("--panel: the panel is written per replication and is not available "
                   "with --uncertainty parameters; drop --panel, or use --uncertainty noise")
    with user_errors(ScenarioError):
        scen = load(scenario, sets, allow_extends_outside)
    from jobfirst_sim.decide.worlds import alternative_worlds, run_headline
    from jobfirst_sim.metrics import REGISTRY

    worlds = alternative_worlds(scen)
    if worlds is not None and panel:
        raise fail("--panel: this scenario's arms are alternatives (arms_mode), each "
                   "simulated in its own world, and the panel is written for one world; "
                   "drop --panel, or --set arms_mode=trial")
    if metric is not None and metric not in REGISTRY:
        raise fail(f"--metric {metric!r}: not a metric; see docs/outputs.md for the "
                   "outcome metrics (e.g. share_with_hours_end, share_with_hours_w78)")
    names = [a.name for a in scen.arms]
    if (arm_from is None) != (arm_to is None):
        raise fail("--from and --to go together: give both arms of the headline, or neither")
    for option, arm in (("--from", arm_from), ("--to", arm_to)):
        if arm is not None and arm not in names:
            raise fail(f"{option} {arm!r}: the scenario has no arm of that name; its arms "
                       f"are: {', '.join(names)}")
    pair = (arm_from, arm_to) if arm_from is not None and arm_to is not None else None
    out_dir = out or Path("results") / slug(scen.name)
    request = RunRequest(
        scenario=scen,
        replications=replications or scen.run.replications,
        seed=seed,  # None: the scenario's run.seed, else drawn (run/manifest.py)
        panel=panel,
        workers=workers,
        command=command_line(),
        executor=chosen,
        scheduler=scheduler,
        members=ensemble,
        worlds=worlds,
        headline=run_headline(scen, ensemble, metric, pair),
    )

    def write_report(folder: Path) -> None:
        from jobfirst_sim.report import build_report

        build_report(folder, lang=lang)

    try:
        with user_errors(OutputError, ScenarioError):
            folder = run_to_directory(request, out_dir, progress=True, overwrite=overwrite,
                                      create_parent=out is None,
                                      finish=write_report if report else None)
    except FinishError as exc:
        raise fail(str(exc), code=1) from None
    from jobfirst_sim.cli.terminal import echo_fitted
    from jobfirst_sim.report.run_overview import terminal_summary

    echo_fitted(terminal_summary(folder, lang))
    if report:
        typer.echo(f"{'rapport' if lang == 'da' else 'report'}: {folder / 'report.html'}")


def validate(
    files: Annotated[list[Path], typer.Argument(help="Scenario YAML files.")],
    sets: SetOption = None,
    allow_extends_outside: AllowExtendsOption = False,
) -> None:
    """Check scenario files without running them."""
    from jobfirst_sim.scenario import ScenarioError, load_scenario

    bad = 0
    overrides = parse_sets(sets)
    for f in files:
        try:
            scen = load_scenario(f, overrides, allow_extends_outside=allow_extends_outside)
            warned = warn_staffing(f, scen)
            typer.echo(f"ok: {f}" + (f" ({warned} warning(s))" if warned else ""))
        except ScenarioError as exc:
            # One block per problem: "file, line N: field.path: what is wrong", then what
            # was written, what is allowed and a hint.
            typer.echo(str(exc), err=True)
            bad += 1
    if bad:
        typer.echo(f"{bad} of {len(files)} file(s) have problems", err=True)
        raise typer.Exit(2)


def sweep(
    experiment: Annotated[Path, typer.Argument(help="Experiment YAML (experiments/*.yaml).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Results directory.")],
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", min=1, help="Workers (default: all cores).")
    ] = None,
    executor: Annotated[
        str, typer.Option("--executor", "-e", help="serial, process or dask.")
    ] = "process",
    scheduler: SchedulerOption = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue: skip finished runs, retry failed.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    chunk_size: Annotated[
        int | None, typer.Option(min=1, help="Runs per scheduled task (default: automatic).")
    ] = None,
    lang: LangOption = "da",
    uncertainty: UncertaintyOption = "noise",
    members: MembersOption = None,
    report: Annotated[bool, typer.Option(
        help="Write report.html into the results folder at the end.")] = True,
) -> None:
    """Run an experiment's design points x replications; resumable; exit 1 if runs failed.

    With --uncertainty parameters every design point runs under each of the ensemble's
    first --members members (docs/sweeps.md); the tables get a member column. The sweep's
    report.html is written into the results folder and its path printed, as run does
    (--no-report leaves it out; ``jobfirst report DIR`` writes it later); a sweep with
    failed runs still gets one, whose box says which runs are missing.
    """
    from jobfirst_sim.cli.ensemble_option import chosen_ensemble
    from jobfirst_sim.report.labels import t
    from jobfirst_sim.report.sweep_data import load_sweep
    from jobfirst_sim.report.sweep_headline import sweep_headlines, terminal_lines
    from jobfirst_sim.run.sweep import run_sweep
    from jobfirst_sim.scenario import ScenarioError

    chosen = parse_executor(executor) or "process"
    ensemble = chosen_ensemble(uncertainty, members)
    try:
        done = run_sweep(
            experiment,
            out,
            executor=chosen,
            workers=workers,
            scheduler=scheduler,
            resume=resume,
            quiet=quiet,
            chunk_size=chunk_size,
            command=command_line(),
            members=ensemble,
        )
    except ScenarioError as exc:
        raise fail(str(exc)) from None
    # "In short" in words from the written sweep; the raw best-point lines only if the
    # sweep's tables cannot be read back (the report command then says what is missing)
    try:
        lines = sweep_headlines(load_sweep(Path(out)), lang)
    except Exception:
        lines = []
    typer.echo("\n".join(terminal_lines(done, lang, best=not lines)))
    if lines:
        typer.echo(t("in_short", lang) + ":")
        from jobfirst_sim.cli.terminal import echo_fitted

        echo_fitted("\n".join(f"  {line}" for line in lines))
    if report:
        write_sweep_report(Path(out), lang)
    if not done.ok:
        raise typer.Exit(1)


def write_sweep_report(folder: Path, lang: str) -> None:
    """Write ``folder/report.html`` and print its path as ``run`` does.

    Why it never fails the sweep: every run is already stored; a report that cannot be
    written is said on stderr with the command that writes it later, and the exit code
    stays the sweep's own.
    """
    from jobfirst_sim.report.labels import t
    from jobfirst_sim.report.sweep import make_sweep_report

    try:
        result = make_sweep_report(folder, lang=lang)
    except Exception as exc:  # the runs are safe; say why and how to retry
        typer.echo(f"{t('sweep_report_failed', lang, reason=str(exc)[:300], dir=folder)}",
                   err=True)
        return
    typer.echo(f"{t('cli_report', lang)}: {result.path}")
