"""``jobfirst report``, ``browse`` and ``schema``: read results and describe the files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jobfirst_sim.cli.common import LangOption, fail


def report(
    directory: Annotated[Path, typer.Argument(
        help="Run or sweep directory, or a compare, explain or pilot folder (its page is "
        "written again in --lang).")],
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
    """Write the self-contained HTML report of a run or sweep (what is missing is listed),
    or the page of a compare, explain or pilot folder again, in --lang."""
    from jobfirst_sim.decide.stored import StoredFolderError
    from jobfirst_sim.report import make_report
    from jobfirst_sim.report.export import ExportUnavailable, export_figures
    from jobfirst_sim.run.outputs import RunFolderError

    if not directory.is_dir() or not any(
            p.suffix in (".json", ".parquet") for p in directory.iterdir()):
        raise fail(f"{directory}: {'holds no results' if directory.is_dir() else 'does not exist'}"
                   "; give a folder written by jobfirst run, sweep, compare, explain or pilot")
    try:
        result = make_report(directory, lang=lang, out=out, citizen=citizen)
    except (FileNotFoundError, RunFolderError, StoredFolderError) as exc:
        raise fail(str(exc)) from None
    from jobfirst_sim.report.labels import t  # a free-text reason stays as it is

    for problem in result.problems:  # in --lang, as the page's "what is missing" box
        detail = f" ({problem.detail})" if problem.detail else ""
        typer.echo(f"{t('cli_missing', lang)}: {problem.what}: {t(problem.reason, lang)}"
                   f"{detail}", err=True)
    typer.echo(f"{t('cli_report', lang)}: {result.path} "
               f"({t('cli_figures', lang, n=len(result.figures))})")
    if png is not None:
        try:
            files = export_figures(result.figures, png, ("png", "svg") if svg else ("png",))
        except ExportUnavailable as exc:
            raise fail(str(exc)) from None
        typer.echo(f"figures: {len(files)} files in {png}")


def browse(
    directories: Annotated[list[Path], typer.Argument(
        help="Run, sweep and decision (compare, explain, pilot) folders, or folders of them.")],
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
        raise fail(str(exc)) from None


def schema(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the schema to this file.")
    ] = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="The scenario reference in Markdown instead "
                           "(fields, types, defaults, bounds, units, sources; with --out "
                           "written there, e.g. docs/scenario-reference.md).")
    ] = False,
) -> None:
    """Print (or write) the JSON Schema of scenario files, for editors to check and complete;
    with --markdown the scenario reference generated from the same schema."""
    from jobfirst_sim.scenario.file_schema import (
        file_format_schema_json,
        write_file_format_schema,
    )

    if markdown:
        from jobfirst_sim.io import write_text
        from jobfirst_sim.scenario.reference import reference_markdown

        if out is None:
            typer.echo(reference_markdown(), nl=False)
            return
        try:
            write_text(out, reference_markdown())
        except OSError as exc:
            raise fail(f"cannot write {out}: {exc.strerror or exc}") from None
        typer.echo(f"reference: {out}")
        return
    if out is None:
        typer.echo(file_format_schema_json(), nl=False)
        return
    try:
        write_file_format_schema(out)
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror or exc}") from None
    typer.echo(f"schema: {out}")
