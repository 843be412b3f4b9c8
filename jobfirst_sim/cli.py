"""The ``jobfirst`` command line: thin commands that parse arguments and call the library.

Why thin: everything a command does must also be callable (and tested) as a function,
and ``jobfirst --help`` must answer fast, so heavy modules are imported inside commands.
Errors a user can fix (bad scenario, missing directory) are printed as one clear message
with exit code 2, never as a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

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


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def parse_sets(sets: list[str] | None) -> dict[str, str]:
    """Parse ``--set a.b=value`` items into a mapping (values parsed later as YAML)."""
    out: dict[str, str] = {}
    for item in sets or []:
        if "=" not in item:
            raise _fail(f"--set {item!r}: expected FIELD.PATH=VALUE, e.g. organisation.caseload=30")
        key, value = item.split("=", 1)
        out[key.strip()] = value.strip()
    return out


@app.command()
def run(
    scenario: Annotated[Path, typer.Argument(help="Scenario YAML file.")],
    replications: Annotated[
        int | None, typer.Option("--replications", "-r", min=1, help="Replications.")
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", min=0, help="Root seed.")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output directory.")] = None,
    panel: Annotated[bool, typer.Option("--panel", help="Also write panel.parquet.")] = False,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Worker processes.")
    ] = 1,
    report: Annotated[bool, typer.Option(help="Write report.html at the end.")] = True,
    lang: Annotated[str, typer.Option(help="Report language: da or en.")] = "da",
    sets: SetOption = None,
) -> None:
    """Run a scenario's arms over replications and write tables, summary and report."""
    from jobfirst_sim.runner import RunRequest, run_to_directory
    from jobfirst_sim.scenario import ScenarioError, load_scenario

    try:
        scen = load_scenario(scenario, parse_sets(sets))
    except ScenarioError as exc:
        raise _fail(str(exc)) from None
    out_dir = out or Path("results") / scen.name
    request = RunRequest(
        scenario=scen,
        replications=replications or scen.run.replications,
        seed=seed if seed is not None else scen.run.seed,
        panel=panel,
        workers=workers,
        command=" ".join(sys.argv),
    )
    try:
        summary_text = run_to_directory(request, out_dir, progress=True)
    except FileExistsError as exc:
        raise _fail(str(exc)) from None
    typer.echo(summary_text)
    if report:
        from jobfirst_sim.report import build_report

        path = build_report(out_dir, lang=lang)
        typer.echo(f"report: {path}")


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Scenario YAML files.")],
    sets: SetOption = None,
) -> None:
    """Check scenario files without running them."""
    from jobfirst_sim.scenario import ScenarioError, load_scenario

    bad = 0
    for f in files:
        try:
            load_scenario(f, parse_sets(sets))
            typer.echo(f"ok: {f}")
        except ScenarioError as exc:
            typer.echo(str(exc), err=True)
            bad += 1
    if bad:
        raise typer.Exit(2)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
