"""``jobfirst workshop``: the teaching workshop's server."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jobfirst_sim.cli.common import LangOption, UncertaintyOption, fail


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
    uncertainty: UncertaintyOption = "parameters",
    members: Annotated[int | None, typer.Option(
        "--members", min=1, help="With --uncertainty parameters: how many members of the "
        "shipped ensemble a team's run uses (default 3, the first K; more members, longer "
        "waits: docs/workshop.md).")] = None,
    max_teams: Annotated[int, typer.Option(
        "--max-teams", min=1, max=200, help="The most teams a session takes (a join past "
        "it is refused with a message).")] = 12,
) -> None:
    """Run a teaching workshop: teams design a jobcentre within a staff budget, predict,
    run and compare (docs/workshop.md)."""
    from jobfirst_sim.app.workshop import WorkshopAppError, serve

    try:
        serve(state, host=host, port=port, lang=lang, uncertainty=uncertainty,
              members=members, max_teams=max_teams)
    except WorkshopAppError as exc:
        raise fail(str(exc)) from None
