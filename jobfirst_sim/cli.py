"""The ``jobfirst`` command line: thin commands that parse arguments and call the library.

Why thin: everything a command does must also be callable (and tested) as a function,
and ``jobfirst --help`` must answer fast, so heavy modules are imported inside commands.
Errors a user can fix (bad scenario, missing directory) are printed as one clear message
with exit code 2, never as a traceback.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from jobfirst_sim.scenario.bounds import REPLICATIONS_MAX, SEED_MAX

if TYPE_CHECKING:
    from jobfirst_sim.run.executors import ExecutorName

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Simulate a jobcentre running the JobFirst method: run scenarios, sweep designs, "
    "report and browse results.",
)

SetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        help="Override a scenario field, e.g. --set organisation.caseload=30 "
        "(repeatable; wins over the file).",
    ),
]

AllowExtendsOption = Annotated[
    bool,
    typer.Option(
        "--allow-extends-outside",
        help="Let `extends:` read files outside the scenario's folder (off: a scenario "
        "from elsewhere cannot make the command read other files).",
    ),
]


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def check_lang(value: str) -> str:
    """``--lang`` checked before a command does anything (it used to fail after writing).

    Every command taking ``--lang`` declares it through :data:`LangOption`, so an unknown
    language stops the command with exit code 2 before any file is read or written.
    """
    from jobfirst_sim.report.labels import LANGS

    if value not in LANGS:
        raise _fail(f"--lang {value!r} is not a language here: choose one of {', '.join(LANGS)}")
    return value


LangOption = Annotated[
    str, typer.Option("--lang", callback=check_lang, help="Language: da or en.")
]
SeedOption = Annotated[
    int | None,
    typer.Option("--seed", min=0, max=SEED_MAX,
                 help=f"Root seed (0 to {SEED_MAX}, as run.seed in a scenario)."),
]
"""Same bounds as ``run.seed`` in a file (one constant, scenario/base.py)."""


REPLICATIONS = typer.Option(
    "--replications", "-r", min=1, max=REPLICATIONS_MAX,
    help=f"Replications (1 to {REPLICATIONS_MAX:,}, as run.replications in a file).",
)
"""``--replications``/``-r`` with the bounds of ``run.replications`` in a file."""


WorkersOption = Annotated[
    int, typer.Option("--workers", "-w", min=1, help="Workers (processes or Dask workers).")
]
ExecutorOption = Annotated[
    str | None,
    typer.Option("--executor", "-e",
                 help="serial, process or dask (default: serial for one worker, else process)."),
]
OutOption = Annotated[Path | None, typer.Option("--out", "-o", help="Output directory.")]
AllCoresOption = Annotated[int | None, typer.Option(
    "--workers", "-w", min=1, help="Workers (processes or Dask workers); default: all cores.")]
OverwriteOption = Annotated[
    bool, typer.Option("--overwrite", help="Replace an existing results folder as a whole.")]
"""Options the decision commands (explain, compare, pilot) share, written once."""
SchedulerOption = Annotated[
    str | None, typer.Option(help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")
]


def parse_sets(sets: list[str] | None) -> dict[str, str]:
    """Parse ``--set a.b=value`` items into a mapping (values parsed later as YAML).

    The same field given twice is refused, naming both: a mapping would keep the last
    one without a word. (Two spellings of one field, ``arms.0`` and ``arms.jobfirst``,
    are caught where the paths are resolved, in ``scenario/overrides.py``.)
    """
    out: dict[str, str] = {}
    for item in sets or []:
        if "=" not in item:
            raise _fail(f"--set {item!r}: expected FIELD.PATH=VALUE, e.g. organisation.caseload=30")
        key, value = (part.strip() for part in item.split("=", 1))
        if key in out:
            raise _fail(f"--set {key}={out[key]} and --set {key}={value} both set {key}; "
                        "give each field once")
        out[key] = value
    return out


def parse_executor(executor: str | None) -> ExecutorName | None:
    """Check ``--executor`` against the executors (a clear message, exit code 2)."""
    from jobfirst_sim.run.executors import EXECUTORS

    if executor is None:
        return None
    if executor not in EXECUTORS:
        raise _fail(f"--executor {executor!r}: choose one of {', '.join(EXECUTORS)}")
    return cast("ExecutorName", executor)


@app.command()
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
) -> None:
    """Run a scenario's arms over replications and write tables, summary and report.

    The results folder appears complete or not at all (built beside it, then moved in);
    an existing non-empty folder is replaced only with --overwrite (docs/outputs.md).
    """
    from jobfirst_sim.run.outputs import OutputError, slug
    from jobfirst_sim.run.replicate import FinishError, RunRequest, run_to_directory
    from jobfirst_sim.scenario import ScenarioError, load_scenario

    chosen = parse_executor(executor)
    try:
        scen = load_scenario(scenario, parse_sets(sets),
                             allow_extends_outside=allow_extends_outside)
    except ScenarioError as exc:
        raise _fail(str(exc)) from None
    out_dir = out or Path("results") / slug(scen.name)
    request = RunRequest(
        scenario=scen,
        replications=replications or scen.run.replications,
        seed=seed,  # None: the scenario's run.seed, else drawn (run/manifest.py)
        panel=panel,
        workers=workers,
        command=" ".join(sys.argv),
        executor=chosen,
        scheduler=scheduler,
    )

    def write_report(folder: Path) -> None:
        from jobfirst_sim.report import build_report

        build_report(folder, lang=lang)

    try:
        folder = run_to_directory(request, out_dir, progress=True, overwrite=overwrite,
                                  create_parent=out is None,
                                  finish=write_report if report else None)
    except (OutputError, ScenarioError) as exc:
        raise _fail(str(exc)) from None
    except FinishError as exc:
        raise _fail(str(exc), code=1) from None
    from jobfirst_sim.report.run_overview import terminal_summary

    typer.echo(terminal_summary(folder, lang))
    if report:
        typer.echo(f"report: {folder / 'report.html'}")


@app.command()
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
            load_scenario(f, overrides, allow_extends_outside=allow_extends_outside)
            typer.echo(f"ok: {f}")
        except ScenarioError as exc:
            # One block per problem: "file, line N: field.path: what is wrong", then what
            # was written, what is allowed and a hint.
            typer.echo(str(exc), err=True)
            bad += 1
    if bad:
        typer.echo(f"{bad} of {len(files)} file(s) have problems", err=True)
        raise typer.Exit(2)


@app.command()
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
) -> None:
    """Run an experiment's design points x replications; resumable; exit 1 if runs failed."""
    from dataclasses import replace

    from jobfirst_sim.report.labels import t
    from jobfirst_sim.report.sweep_data import load_sweep
    from jobfirst_sim.report.sweep_headline import sweep_headlines
    from jobfirst_sim.run.sweep import run_sweep
    from jobfirst_sim.scenario import ScenarioError

    chosen = parse_executor(executor) or "process"
    try:
        report = run_sweep(
            experiment,
            out,
            executor=chosen,
            workers=workers,
            scheduler=scheduler,
            resume=resume,
            quiet=quiet,
            chunk_size=chunk_size,
            command=" ".join(sys.argv),
        )
    except ScenarioError as exc:
        raise _fail(str(exc)) from None
    # "In short" in words from the written sweep; the raw best-point lines only if the
    # sweep's tables cannot be read back (the report command then says what is missing)
    try:
        lines = sweep_headlines(load_sweep(Path(out)), lang)
    except Exception:
        lines = []
    typer.echo(replace(report, best=[]).text() if lines else report.text())
    if lines:
        typer.echo(t("in_short", lang) + ":")
        typer.echo("\n".join(f"  {line}" for line in lines))
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def report(
    directory: Annotated[Path, typer.Argument(help="Run or sweep directory.")],
    lang: LangOption = "da",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="HTML file to write.")] = None,
    citizen: Annotated[
        str | None, typer.Option(help="Citizen id for the journey (default: random).")
    ] = None,
    png: Annotated[
        Path | None, typer.Option("--png", help="Also save every figure as PNG here.")
    ] = None,
    svg: Annotated[bool, typer.Option(help="With --png: also save SVG.")] = False,
) -> None:
    """Write the self-contained HTML report of a run or sweep (what is missing is listed)."""
    from jobfirst_sim.report import make_report
    from jobfirst_sim.report.export import ExportUnavailable, export_figures
    from jobfirst_sim.run.outputs import RunFolderError

    try:
        result = make_report(directory, lang=lang, out=out, citizen=citizen)
    except (FileNotFoundError, RunFolderError) as exc:
        raise _fail(str(exc)) from None
    for problem in result.problems:
        detail = f" ({problem.detail})" if problem.detail else ""
        typer.echo(f"missing: {problem.what}: {problem.reason.replace('_', ' ')}{detail}",
                   err=True)
    typer.echo(f"report: {result.path} ({len(result.figures)} figures)")
    if png is not None:
        try:
            files = export_figures(result.figures, png, ("png", "svg") if svg else ("png",))
        except ExportUnavailable as exc:
            raise _fail(str(exc)) from None
        typer.echo(f"figures: {len(files)} files in {png}")


@app.command()
def browse(
    directories: Annotated[list[Path], typer.Argument(help="Run and/or sweep directories.")],
    host: Annotated[str, typer.Option(
        help="Address to listen on. Loopback (127.0.0.1, ::1, localhost) needs no token; "
             "any other address requires the access token printed at start.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0: any free port).", min=0,
                                      max=65535)] = 8050,
    lang: LangOption = "da",
    debug: Annotated[bool, typer.Option(
        help="Dash debug mode (reloads, dev tools, debugger); only with --host "
             "127.0.0.1.")] = False,
) -> None:
    """Start the interactive results browser (Dash, served by waitress)."""
    from jobfirst_sim.app.browse import BrowseError, serve

    try:
        serve(directories, host=host, port=port, lang=lang, debug=debug)
    except BrowseError as exc:
        raise _fail(str(exc)) from None


@app.command()
def schema(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the schema to this file.")
    ] = None,
) -> None:
    """Print (or write) the JSON Schema of scenario files, for editors to check and complete."""
    from jobfirst_sim.scenario.file_schema import (
        file_format_schema_json,
        write_file_format_schema,
    )

    if out is None:
        typer.echo(file_format_schema_json(), nl=False)
        return
    try:
        write_file_format_schema(out)
    except OSError as exc:
        raise _fail(f"cannot write {out}: {exc.strerror or exc}") from None
    typer.echo(f"schema: {out}")


@app.command()
def explain(
    scenario: Annotated[Path, typer.Argument(help="Scenario YAML file.")],
    arm_from: Annotated[str, typer.Option("--from", help="Arm whose citizens are used (A).")],
    arm_to: Annotated[str, typer.Option("--to", help="Arm whose design is explained (B).")],
    metric: Annotated[str, typer.Option(help="Outcome metric.")] = "share_with_hours_w78",
    benefit: Annotated[
        str, typer.Option(help="kontanthjaelp, ressourceforloeb or all.")
    ] = "kontanthjaelp",
    replications: Annotated[int, REPLICATIONS] = 10,
    seed: SeedOption = None,
    out: OutOption = None,
    workers: AllCoresOption = None,
    executor: ExecutorOption = None,
    scheduler: SchedulerOption = None,
    lang: LangOption = "da",
    sets: SetOption = None,
    allow_extends_outside: AllowExtendsOption = False,
    overwrite: OverwriteOption = False,
    shapley: Annotated[bool, typer.Option(
        "--shapley", help="Also split the difference fairly (Shapley values over every order "
        "of the levers: exact up to 8 levers, else sampled orders); writes shapley.parquet.",
    )] = False,
    shapley_orders: Annotated[int, typer.Option(
        "--shapley-orders", min=2, max=10_000,
        help="Random orders sampled when more than 8 levers differ (more: smaller Monte "
        "Carlo error, more runs).",
    )] = 32,
) -> None:
    """Explain lever by lever why design B (--to) beats design A (--from), on A's citizens.

    The folder is checked before anything is simulated and written as a whole (like
    ``run``): an existing non-empty folder is replaced only with --overwrite.
    """
    from jobfirst_sim.decide import explain as ex
    from jobfirst_sim.report.explain import terminal_text, write_html
    from jobfirst_sim.run.manifest import resolve_root_seed
    from jobfirst_sim.run.outputs import OutputError, ResultsFolder, check_output_dir, slug
    from jobfirst_sim.scenario import ScenarioError, load_scenario

    chosen = parse_executor(executor)
    try:
        scen = load_scenario(scenario, parse_sets(sets),
                             allow_extends_outside=allow_extends_outside)
        out_dir = out or Path("results") / slug(scen.name) / slug(
            f"explain_{arm_from}_to_{arm_to}")
        target = check_output_dir(out_dir, overwrite=overwrite, create_parent=out is None,
                                  kind="explain")
        levers = ex.find_levers(scen, arm_from, arm_to)
        request = ex.ExplainRequest(
            scenario=scen, arm_from=arm_from, arm_to=arm_to, metric=metric, benefit=benefit,
            replications=replications, workers=workers or os.cpu_count() or 1,
            executor=chosen, scheduler=scheduler,
            seed=resolve_root_seed(seed, scen),  # the recipe of `jobfirst run`
        )
        total = ex.planned_simulations(len(levers), replications)
        with ex.progress_bar(total, f"{arm_from} -> {arm_to}") as advance:
            result = ex.explain(request, progress=advance)
        split = None
        if shapley:
            from jobfirst_sim.decide import shapley as sh

            n_sims = sh.planned(len(levers), replications, shapley_orders)
            with ex.progress_bar(n_sims, "Shapley") as advance:
                split = sh.shapley(request, orders_wanted=shapley_orders, progress=advance)
    except (ScenarioError, ex.ExplainError, OutputError) as exc:
        raise _fail(str(exc)) from None
    extra = ["explain.html", *(["shapley.parquet"] if split is not None else [])]
    try:
        with ResultsFolder(target, overwrite=overwrite) as folder:
            ex.write_tables(result, folder.path, " ".join(sys.argv), extra_files=extra)
            write_html(result, folder.path / "explain.html", lang=lang, split=split)
            if split is not None:
                from jobfirst_sim import io

                io.write_parquet(folder.path / "shapley.parquet", split.table())
            folder.commit()
    except OutputError as exc:
        raise _fail(str(exc)) from None
    typer.echo(terminal_text(result, lang))
    if split is not None:
        from jobfirst_sim.report.explain import shapley_text

        typer.echo(shapley_text(split, lang))
    typer.echo(f"{'resultater i' if lang == 'da' else 'results in'} {target}; "
               f"{'side' if lang == 'da' else 'page'}: {target / 'explain.html'}")


def parse_sizes(text: str | None) -> tuple[int, ...] | None:
    """``--sizes 100,200,400`` as whole numbers (a clear message for anything else)."""
    if text is None:
        return None
    try:
        return tuple(int(part) for part in text.replace(" ", "").split(",") if part)
    except ValueError:
        raise _fail(f"--sizes {text!r}: expected whole numbers of citizens separated by "
                    "commas, e.g. --sizes 100,200,400") from None


@app.command()
def pilot(
    scenario: Annotated[Path, typer.Argument(help="Scenario YAML file.")],
    arm_from: Annotated[str, typer.Option("--from", help="Today's design: the arm whose "
                                          "citizens are in the pilot (A).")],
    arm_to: Annotated[str, typer.Option("--to", help="The proposed design (B).")],
    sizes: Annotated[str | None, typer.Option(
        help="Pilot sizes in citizens, e.g. 100,200,400 (default: ten sizes up to the "
        "cohort).")] = None,
    unit: Annotated[str, typer.Option(
        help="Randomise citizen (one by one), team (whole caseloads) or both.")] = "both",
    week: Annotated[int, typer.Option(help="Week since start the pilot is judged at.")] = 78,
    pilots: Annotated[int, typer.Option(
        min=2, max=REPLICATIONS_MAX, help="Simulated pilots per size (each one replication "
        "under both designs).")] = 200,
    alpha: Annotated[float, typer.Option(help="Significance level, two-sided.")] = 0.05,
    power: Annotated[float, typer.Option(help="Target power.")] = 0.8,
    benefit: Annotated[
        str, typer.Option(help="all, kontanthjaelp or ressourceforloeb.")
    ] = "all",
    seed: SeedOption = None,
    out: OutOption = None,
    workers: AllCoresOption = None,
    executor: ExecutorOption = None,
    scheduler: SchedulerOption = None,
    lang: LangOption = "da",
    sets: SetOption = None,
    allow_extends_outside: AllowExtendsOption = False,
    overwrite: OverwriteOption = False,
) -> None:
    """Plan the pilot that would prove design B (--to) beats A (--from): power by size,
    randomisation unit and week, the minimum detectable effect and the detectable week.

    The folder is checked before anything is simulated and written as a whole.
    """
    from rich.console import Console

    from jobfirst_sim.decide import pilot as pl
    from jobfirst_sim.decide.levers import ExplainError
    from jobfirst_sim.progress import progress_bar
    from jobfirst_sim.report.pilot import terminal_table, terminal_text, write_html
    from jobfirst_sim.run.outputs import OutputError, ResultsFolder, check_output_dir, slug
    from jobfirst_sim.scenario import ScenarioError, load_scenario

    chosen = parse_executor(executor)
    try:
        scen = load_scenario(scenario, parse_sets(sets),
                             allow_extends_outside=allow_extends_outside)
        request = pl.prepared(pl.PilotRequest(
            scenario=scen, arm_from=arm_from, arm_to=arm_to, sizes=parse_sizes(sizes),
            unit=unit, week=week, pilots=pilots, alpha=alpha, power=power, benefit=benefit,
            seed=seed, workers=workers or os.cpu_count() or 1, executor=chosen,
            scheduler=scheduler))
        out_dir = out or Path("results") / slug(scen.name) / slug(
            f"pilot_{arm_from}_to_{arm_to}")
        target = check_output_dir(out_dir, overwrite=overwrite, create_parent=out is None,
                                  kind="pilot")
        with progress_bar(pl.planned_simulations(pilots),
                          f"pilot {arm_from} -> {arm_to}") as advance:
            plan = pl.plan_pilot(request, progress=advance)
    except (ScenarioError, ExplainError, OutputError) as exc:
        raise _fail(str(exc)) from None
    try:
        with ResultsFolder(target, overwrite=overwrite) as folder:
            pl.write_tables(plan, folder.path, " ".join(sys.argv), extra_files=["pilot.html"])
            write_html(plan, folder.path / "pilot.html", lang=lang)
            folder.commit()
    except OutputError as exc:
        raise _fail(str(exc)) from None
    Console(width=120).print(terminal_table(plan, lang))
    typer.echo(terminal_text(plan, lang))
    typer.echo(f"{'resultater i' if lang == 'da' else 'results in'} {target}; "
               f"{'side' if lang == 'da' else 'page'}: {target / 'pilot.html'}")


@app.command()
def compare(
    current: Annotated[Path, typer.Argument(help="Scenario YAML of today's design (or the "
                                            "file with both arms, with --from/--to).")],
    proposed: Annotated[Path | None, typer.Argument(
        help="Scenario YAML of the proposed design (same citizens, municipalities and "
        "horizon).")] = None,
    arm_from: Annotated[str | None, typer.Option(
        "--from", help="With one file: the arm of today's design; its citizens meet both.")]
    = None,
    arm_to: Annotated[str | None, typer.Option(
        "--to", help="With one file: the arm of the proposed design.")] = None,
    replications: Annotated[int, REPLICATIONS] = 10,
    seed: SeedOption = None,
    horizon: Annotated[str, typer.Option(
        "--horizon", help="Weeks at which to report the difference, comma-separated "
        "(default: 26, 52 and 78 where the run lasts that long, and its last week).")]
    = "",
    out: OutOption = None,
    workers: AllCoresOption = None,
    executor: ExecutorOption = None,
    scheduler: SchedulerOption = None,
    lang: LangOption = "da",
    sets: SetOption = None,
    allow_extends_outside: AllowExtendsOption = False,
    overwrite: OverwriteOption = False,
) -> None:
    """Compare today's design with a proposed one on the same citizens: paired differences
    with 95 % intervals, over time, by group, staff time and the mechanism from caseload to
    ordinary hours. --set applies to both scenarios."""
    from jobfirst_sim.decide import compare as cmp
    from jobfirst_sim.progress import progress_bar
    from jobfirst_sim.report.compare import terminal_text, write_html
    from jobfirst_sim.run.outputs import OutputError, ResultsFolder, check_output_dir, slug
    from jobfirst_sim.scenario import ScenarioError, load_scenario

    chosen = parse_executor(executor)
    try:
        horizons = tuple(int(h) for h in horizon.split(",") if h.strip())
    except ValueError:
        raise _fail(f"--horizon {horizon!r}: give whole weeks separated by commas, "
                    "e.g. 26,52,78") from None
    one_file = proposed is None
    if one_file != (arm_from is not None and arm_to is not None) or (
            (arm_from is None) != (arm_to is None)):
        raise _fail("give either two scenario files (CURRENT PROPOSED) or one file with "
                    "--from ARM --to ARM")
    overrides = parse_sets(sets)
    options = {"replications": replications, "seed": seed, "horizons": horizons,
               "workers": workers or os.cpu_count() or 1, "executor": chosen,
               "scheduler": scheduler}
    try:
        cur = load_scenario(current, overrides, allow_extends_outside=allow_extends_outside)
        if proposed is None:
            assert arm_from is not None and arm_to is not None
            request = cmp.from_arms(cur, arm_from, arm_to, **options)
            name = f"compare_{arm_from}_to_{arm_to}"
        else:
            prop = load_scenario(proposed, overrides,
                                 allow_extends_outside=allow_extends_outside)
            request = cmp.from_files(cur, prop, label_current=current.stem,
                                     label_proposed=proposed.stem, **options)
            name = f"compare_{current.stem}_to_{proposed.stem}"
        out_dir = out or Path("results") / slug(cur.name) / slug(name)
        target = check_output_dir(out_dir, overwrite=overwrite, create_parent=out is None,
                                  kind="compare")
        with progress_bar(cmp.planned_simulations(request.replications),
                          f"compare {request.label_current} -> {request.label_proposed}"
                          ) as advance:
            result = cmp.run_compare(request, progress=advance)
    except (ScenarioError, cmp.CompareError, OutputError) as exc:
        raise _fail(str(exc)) from None
    try:
        with ResultsFolder(target, overwrite=overwrite) as folder:
            cmp.write_tables(result, folder.path, " ".join(sys.argv),
                             extra_files=["compare.html"])
            write_html(result, folder.path / "compare.html", lang=lang)
            folder.commit()
    except OutputError as exc:
        raise _fail(str(exc)) from None
    typer.echo(terminal_text(result, lang))
    typer.echo(f"{'resultater i' if lang == 'da' else 'results in'} {target}; "
               f"{'side' if lang == 'da' else 'page'}: {target / 'compare.html'}")


@app.command()
def workshop(
    lang: LangOption = "da",
    host: Annotated[str, typer.Option(
        help="Address to listen on. Loopback (127.0.0.1) needs no token; 0.0.0.0 lets the "
             "teams' laptops in with the access token printed at start.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0: any free port).", min=0,
                                      max=65535)] = 8060,
    state: Annotated[Path, typer.Option(
        "--state", help="Folder of the workshop's state (SQLite); start again with the same "
        "folder to carry on after a stop.")] = Path("workshop-state"),
) -> None:
    """Run a teaching workshop: teams design a jobcentre within a staff budget, predict,
    run and compare (docs/workshop.md)."""
    from jobfirst_sim.app.workshop import WorkshopAppError, serve

    try:
        serve(state, host=host, port=port, lang=lang)
    except WorkshopAppError as exc:
        raise _fail(str(exc)) from None


def main() -> None:
    """Console-script entry point.

    The process ends right after the command, so every object left (the imported numpy,
    pandas, scipy and Mesa, the model, the tables) is moved out of the cyclic collector's
    reach first (:func:`gc.freeze`): the interpreter's collections at exit then leave them
    alone instead of walking (and freeing) some hundred thousand objects, about a quarter of
    a second of every ``jobfirst run`` (measured: 0.28 -> 0.05 s from the command's end to
    the process's). Files are written and closed by then (atomically, :mod:`.io`),
    standard streams are still flushed and ``atexit`` handlers still run. Only here, not in
    the commands, so a process that calls them (the tests, the apps) keeps its collector.
    """
    try:
        app()
    finally:
        gc.freeze()


if __name__ == "__main__":
    main()
