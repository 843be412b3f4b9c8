"""``jobfirst explain``, ``pilot`` and ``compare``: the decision commands.

Each is a thin frame around the study spine (:mod:`jobfirst_sim.run.study`, reached
through :mod:`jobfirst_sim.decide`): load the scenario, check the results folder before
anything is simulated, run with a progress bar, write the folder as a whole, print the
answer and where it is (:mod:`.common` holds the frame's pieces).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jobfirst_sim.cli.common import (
    REPLICATIONS,
    AllCoresOption,
    AllowExtendsOption,
    ExecutorOption,
    LangOption,
    MembersOption,
    OutOption,
    OverwriteOption,
    SchedulerOption,
    SeedOption,
    SetOption,
    UncertaintyOption,
    YearsOption,
    all_cores,
    command_line,
    fail,
    load,
    parse_executor,
    parse_sets,
    results_line,
    results_target,
    user_errors,
    write_folder,
)
from jobfirst_sim.cli.terminal import echo_fitted, terminal_width
from jobfirst_sim.scenario.bounds import REPLICATIONS_MAX

if TYPE_CHECKING:
    from jobfirst_sim.scenario.ensemble import Ensemble


def explain(
    scenario: Annotated[Path, typer.Argument(help="Scenario YAML file.")],
    arm_from: Annotated[str, typer.Option("--from", help="Arm whose citizens are used (A).")],
    arm_to: Annotated[str, typer.Option("--to", help="Arm whose design is explained (B).")],
    metric: Annotated[str, typer.Option(
        help="Outcome metric (default: the headline, share with ordinary hours at the "
        "horizon).")] = "share_with_hours_end",
    benefit: Annotated[
        str, typer.Option(help="all (default: the headline's citizens), kontanthjaelp or "
                          "ressourceforloeb.")
    ] = "all",
    replications: Annotated[int | None, REPLICATIONS] = None,
    seed: SeedOption = None,
    out: OutOption = None,
    workers: AllCoresOption = None,
    executor: ExecutorOption = None,
    scheduler: SchedulerOption = None,
    lang: LangOption = "da",
    sets: SetOption = None,
    allow_extends_outside: AllowExtendsOption = False,
    overwrite: OverwriteOption = False,
    uncertainty: UncertaintyOption = "parameters",
    members: MembersOption = None,
    shapley: Annotated[bool, typer.Option(
        "--shapley", help="Also split the difference fairly (Shapley values over every order "
        "of the levers: exact up to 8 levers, else sampled orders); writes shapley.parquet.",
    )] = False,
    shapley_orders: Annotated[int | None, typer.Option(
        "--shapley-orders", min=2, max=10_000,
        help="Random orders sampled when more than 8 levers differ (more: smaller Monte "
        "Carlo error, more runs; default: as many as fit --shapley-seconds).",
    )] = None,
    shapley_seconds: Annotated[float, typer.Option(
        "--shapley-seconds", min=1, max=86_400,
        help="Time budget of the sampled split when --shapley-orders is not given, from "
        "the time the explanation's own runs took.",
    )] = 90.0,
) -> None:
    """Explain lever by lever why design B (--to) beats design A (--from), on A's citizens.

    The folder is checked before anything is simulated and written as a whole (like
    ``run``): an existing non-empty folder is replaced only with --overwrite. By default
    every variant runs under the calibrated ensemble (--uncertainty parameters: members ×
    2 replications); --uncertainty noise runs the scenario's own parameters (10
    replications unless -r says otherwise).
    """
    from jobfirst_sim.cli.ensemble_option import chosen_ensemble
    from jobfirst_sim.decide import explain as ex
    from jobfirst_sim.report.business import terminal_lines
    from jobfirst_sim.report.explain import shapley_text, terminal_text, write_html
    from jobfirst_sim.report.lever_cost import lever_cost_text
    from jobfirst_sim.report.workbook import workbook_files, write_workbook
    from jobfirst_sim.run.manifest import resolve_root_seed
    from jobfirst_sim.run.outputs import OutputError
    from jobfirst_sim.scenario import ScenarioError

    chosen = parse_executor(executor)
    ensemble = chosen_ensemble(uncertainty, members, default=EXPLAIN_MEMBERS)
    reps = replications or (NOISE_REPLICATIONS if ensemble is None else ensemble_replications())
    runs = 1 if ensemble is None else len(ensemble)
    with user_errors(ScenarioError, ex.ExplainError, OutputError):
        scen = load(scenario, sets, allow_extends_outside)
        target = results_target(out, scen, f"explain_{arm_from}_to_{arm_to}",
                                overwrite=overwrite, kind="explain")
        levers = ex.find_levers(scen, arm_from, arm_to)
        if metric is not None:  # asked for by name: refused, not replaced, if unobservable
            ex.check_observable(metric, scen)
        request = ex.prepared(ex.ExplainRequest(
            scenario=scen, arm_from=arm_from, arm_to=arm_to,
            metric=metric or ex.default_metric(scen), benefit=benefit,
            replications=reps, workers=all_cores(workers),
            executor=chosen, scheduler=scheduler,
            seed=resolve_root_seed(seed, scen),  # the recipe of `jobfirst run`
            members=ensemble,
        ))
        with ex.progress_bar(ex.planned_simulations(len(levers), reps, runs),
                             f"{arm_from} -> {arm_to}") as advance:
            result = ex.explain(request, progress=advance)
        from jobfirst_sim.decide.business import of_explain

        with ex.progress_bar(of_explain.planned(request), "kroner") as advance:
            books = of_explain.run_books(request, progress=advance)
        case = of_explain.explain_case(request, books)
        split = None
        if shapley:
            from jobfirst_sim.cli.lever_cost import shapley_split

            split = shapley_split(request, result, shapley_orders, shapley_seconds, lang)

    def write(folder: Path) -> None:
        extra = ["explain.html",
                 *(["shapley.parquet", "lever_cost.csv"] if split is not None else []),
                 *workbook_files("explain")]
        of_explain.write_tables(result, folder, books, case, command_line(), extra)
        write_html(result, folder / "explain.html", lang=lang, split=split, business=case)
        if split is not None:
            from jobfirst_sim import io
            from jobfirst_sim.decide import lever_cost

            io.write_parquet(folder / "shapley.parquet", split.table())
            lever_cost.write_csv(split, folder)
        write_workbook(folder, lang)  # after the split's tables: its cost sheet reads them

    write_folder(target, overwrite, write)
    echo_fitted(terminal_text(result, lang))
    echo_fitted("\n".join(terminal_lines(case, lang)))
    if split is not None:
        echo_fitted(shapley_text(split, lang))
        echo_fitted(lever_cost_text(split, lang))
    echo_fitted(results_line(target, "explain.html", lang))


EXPLAIN_MEMBERS = 10
"""Members ``explain`` runs under by default: it runs every lever's variant (about 35 in
the trial replica) under each member, so 10 members × 2 replications keep it at about
twice the noise default's runs; ``--members`` takes more (docs/explain.md)."""

NOISE_REPLICATIONS = 10
"""``explain``'s replications under ``--uncertainty noise`` unless ``-r`` is given."""


def ensemble_replications() -> int:
    """Replications per member under ``--uncertainty parameters`` unless ``-r`` is given."""
    from jobfirst_sim.decide.uncertainty import DEFAULT_REPLICATIONS

    return DEFAULT_REPLICATIONS


def parse_sizes(text: str | None) -> tuple[int, ...] | None:
    """``--sizes 100,200,400`` as whole numbers (a clear message for anything else)."""
    if text is None:
        return None
    try:
        return tuple(int(part) for part in text.replace(" ", "").split(",") if part)
    except ValueError:
        raise fail(f"--sizes {text!r}: expected whole numbers of citizens separated by "
                    "commas, e.g. --sizes 100,200,400") from None


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
    week: Annotated[int | None, typer.Option(
        help="The citizen's own week since start the pilot is judged at (default: the "
        "horizon, the headline's week); only citizens followed that long are in it.")] = None,
    icc: Annotated[float | None, typer.Option(
        help="Assumed intra-cluster correlation of caseloads, e.g. 0.02: pilots by caseload "
        "get the design effect 1 + (m - 1) x ICC (the model's own ICC is about 0).")] = None,
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
    uncertainty: UncertaintyOption = "parameters",
    members: MembersOption = None,
) -> None:
    """Plan the pilot that would prove design B (--to) beats A (--from): power by size,
    randomisation unit and week, the minimum detectable effect and the detectable week.

    Under --uncertainty parameters (the default) the power is averaged over the calibrated
    ensemble's members: the chance the pilot shows the effect given what the trial leaves
    open. The folder is checked before anything is simulated and written as a whole.
    """
    from rich.console import Console

    from jobfirst_sim.cli.ensemble_option import chosen_ensemble
    from jobfirst_sim.decide import pilot as pl
    from jobfirst_sim.decide.compare import horizon_weeks
    from jobfirst_sim.decide.levers import ExplainError
    from jobfirst_sim.progress import progress_bar
    from jobfirst_sim.report.pilot import terminal_table, terminal_text, write_html
    from jobfirst_sim.report.workbook import workbook_files, write_workbook
    from jobfirst_sim.run.outputs import OutputError
    from jobfirst_sim.scenario import ScenarioError

    chosen = parse_executor(executor)
    ensemble = chosen_ensemble(uncertainty, members)
    with user_errors(ScenarioError, ExplainError, OutputError):
        scen = load(scenario, sets, allow_extends_outside)
        request = pl.prepared(pl.PilotRequest(
            scenario=scen, arm_from=arm_from, arm_to=arm_to, sizes=parse_sizes(sizes),
            unit=unit, week=week or horizon_weeks(scen), pilots=pilots, icc=icc,
            alpha=alpha, power=power, benefit=benefit,
            seed=seed, workers=all_cores(workers), executor=chosen, scheduler=scheduler,
            members=ensemble))
        target = results_target(out, scen, f"pilot_{arm_from}_to_{arm_to}",
                                overwrite=overwrite, kind="pilot")
        with progress_bar(pl.planned_simulations(pilots, ensemble),
                          f"pilot {arm_from} -> {arm_to}") as advance:
            plan = pl.plan_pilot(request, progress=advance)

    def write(folder: Path) -> None:
        pl.write_tables(plan, folder, command_line(),
                        extra_files=["pilot.html", *workbook_files("pilot")])
        write_html(plan, folder / "pilot.html", lang=lang)
        write_workbook(folder, lang)

    write_folder(target, overwrite, write)
    Console(width=terminal_width() or 120).print(terminal_table(plan, lang))
    echo_fitted(terminal_text(plan, lang))
    echo_fitted(results_line(target, "pilot.html", lang))


def parse_horizons(horizon: str) -> tuple[int, ...]:
    """``--horizon 26,52,78`` as whole weeks (a clear message for anything else)."""
    try:
        return tuple(int(h) for h in horizon.split(",") if h.strip())
    except ValueError:
        raise fail(f"--horizon {horizon!r}: give whole weeks separated by commas, "
                   "e.g. 26,52,78") from None


COMPARE_REPLICATIONS = 10
"""``compare``'s replications under ``--uncertainty noise`` (as before the option)."""


def compare_uncertainty(uncertainty: str, members: int | None, replications: int | None
                        ) -> tuple[Ensemble | None, int]:
    """``--uncertainty``, ``--members`` and ``-r`` of ``compare`` as the ensemble to run
    under and the replications (per member under ``parameters``); exit 2 with a message
    naming the option for anything else."""
    from jobfirst_sim.cli.ensemble_option import chosen_ensemble
    from jobfirst_sim.decide.uncertainty import DEFAULT_REPLICATIONS

    ensemble = chosen_ensemble(uncertainty, members)
    if replications is None:
        replications = COMPARE_REPLICATIONS if ensemble is None else DEFAULT_REPLICATIONS
    return ensemble, replications


def compare(
    current: Annotated[Path, typer.Argument(help="Scenario YAML of today's design (or the "
                                            "file with both arms, with --from/--to).")],
    proposed: Annotated[list[Path] | None, typer.Argument(
        help="Scenario YAML of the proposed design (same citizens, municipalities and "
        "horizon); several: one table, each paired with CURRENT.")] = None,
    arm_from: Annotated[str | None, typer.Option(
        "--from", help="With one file: the arm of today's design; its citizens meet both.")]
    = None,
    arm_to: Annotated[list[str] | None, typer.Option(
        "--to", metavar="<str>", help="With one file: the arm of the proposed design; "
        "repeat --to for several, one table.")] = None,
    replications: Annotated[int | None, REPLICATIONS] = None,
    uncertainty: UncertaintyOption = "parameters",
    members: MembersOption = None,
    seed: SeedOption = None,
    horizon: Annotated[str, typer.Option(
        "--horizon", help="Weeks at which to report the difference, comma-separated "
        "(default: 26, 52 and 78 where the run lasts that long, and its last week).")]
    = "",
    years: YearsOption = None,
    out: OutOption = None,
    workers: AllCoresOption = None,
    executor: ExecutorOption = None,
    scheduler: SchedulerOption = None,
    lang: LangOption = "da",
    sets: SetOption = None,
    allow_extends_outside: AllowExtendsOption = False,
    overwrite: OverwriteOption = False,
    metric: Annotated[str | None, typer.Option(
        help="Outcome metric of the headline (default: share with ordinary hours at the "
        "horizon).")] = None,
) -> None:
    """Compare today's design with a proposed one on the same citizens: paired differences
    with 95 % intervals, over time, by group, staff time and the mechanism from caseload to
    ordinary hours. --set applies to both scenarios.

    --uncertainty parameters (the default) runs both designs under the first --members
    members of the calibrated ensemble (30), -r replications each (2), so every interval
    holds what the trial leaves open as well as simulation noise; --uncertainty noise runs
    the scenarios' own parameters -r times (10), noise only. Several proposals (CURRENT A B
    C, or --to repeated): one table, each paired with today as a single compare would."""
    from jobfirst_sim.decide import compare as cmp
    from jobfirst_sim.decide.business.horizon import YearsError, check_years, year_sets
    from jobfirst_sim.decide.compare_files import write_tables
    from jobfirst_sim.progress import progress_bar
    from jobfirst_sim.report.compare import terminal_text, write_html
    from jobfirst_sim.report.workbook import workbook_files, write_workbook
    from jobfirst_sim.run.outputs import OutputError
    from jobfirst_sim.scenario import ScenarioError

    chosen = parse_executor(executor)
    horizons = parse_horizons(horizon)
    files, tos = list(proposed or []), list(arm_to or [])
    if (not files) != (arm_from is not None and bool(tos)) or (
            (arm_from is None) != (not tos)):
        raise fail("give either two scenario files (CURRENT PROPOSED) or one file with "
                   "--from ARM --to ARM")
    parse_sets(sets)  # a bad --set is named before any file is read
    ensemble, replications = compare_uncertainty(uncertainty, members, replications)
    options = {"replications": replications, "seed": seed, "horizons": horizons,
               "workers": all_cores(workers), "executor": chosen, "scheduler": scheduler,
               "members": ensemble, "metric": metric}
    if len(files) > 1 or len(tos) > 1:  # several proposals: one table (.compare_many)
        from jobfirst_sim.cli.compare_many import compare_many

        with user_errors(YearsError):
            check_years(years)
        compare_many(current, files, arm_from, tos, {**options, "years": years},
                     years=years, sets=sets, allow_extends_outside=allow_extends_outside,
                     out=out, overwrite=overwrite, lang=lang)
        return
    one = files[0] if files else None
    with user_errors(ScenarioError, cmp.CompareError, OutputError, YearsError):
        check_years(years)
        options["years"] = years
        cur = load(current, sets, allow_extends_outside)
        longer = [*(sets or []), *year_sets(cur, years)]
        if len(longer) > len(sets or []):
            cur = load(current, longer, allow_extends_outside)
        if one is None:
            assert arm_from is not None
            request = cmp.from_arms(cur, arm_from, tos[0], **options)
            name = f"compare_{arm_from}_to_{tos[0]}"
        else:
            prop = load(one, longer, allow_extends_outside)
            request = cmp.from_files(cur, prop, label_current=current.stem,
                                     label_proposed=one.stem, **options)
            name = f"compare_{current.stem}_to_{one.stem}"
        target = results_target(out, cur, name, overwrite=overwrite, kind="compare")
        with progress_bar(cmp.planned_simulations(request.replications,
                                                  request.member_count),
                          f"compare {request.label_current} -> {request.label_proposed}"
                          ) as advance:
            result = cmp.run_compare(request, progress=advance)

    def write(folder: Path) -> None:
        write_tables(result, folder, command_line(),
                     extra_files=["compare.html", *workbook_files("compare")])
        write_html(result, folder / "compare.html", lang=lang)
        write_workbook(folder, lang)

    write_folder(target, overwrite, write)
    echo_fitted(terminal_text(result, lang))
    echo_fitted(results_line(target, "compare.html", lang))
