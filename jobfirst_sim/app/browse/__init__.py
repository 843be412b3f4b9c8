"""``jobfirst browse``: a local Dash app over stored runs and sweeps.

Why a browser app next to the static report: in a workshop the facilitator wants to answer
"and in Lolland?", "and only the women over 50?", "what happens at caseload 30?" on the
spot. The app compares runs side by side, filters municipality and subgroup, switches
metric and time window, and drills from a sweep's design point into its weekly curves.

Design choices:
- Offline: Dash serves its own JavaScript (``serve_locally=True``, no CDN, no external
  stylesheets), so it works on a municipal network with no internet.
- Safe on a network (results can hold person-level panels): served by waitress through
  :mod:`jobfirst_sim.app.server` — loopback by default, an access token for any other
  host, ``--debug`` only on 127.0.0.1; every callback input checked and bounded
  (:mod:`.guard`); damaged folders listed in the page, never an HTTP 500 (:mod:`.health`).
- Scales to 1,000-run sweeps: :mod:`.data` queries with pyarrow filters and projection.
- The figures are the report's pure figure functions, so the app and the report agree.

Parts: :mod:`.data` (reading, queries), :mod:`.health` (what is wrong with each folder),
:mod:`.guard` (input checks), :mod:`.views` (figures), :mod:`.sweeps` (the sweep tab's
choices and chart), :mod:`.layout` (the page),
:mod:`.callbacks` (what each choice draws).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jobfirst_sim.app.browse.data import BrowseError, Entry, discover, query, read
from jobfirst_sim.app.browse.sweeps import sweep_points
from jobfirst_sim.app.browse.views import (
    outcome_compare,
    subgroup_weekly,
    weekly_compare,
)
from jobfirst_sim.report.labels import LANGS

__all__ = ["BrowseError", "Entry", "discover", "make_app", "outcome_compare", "query", "read",
           "serve", "subgroup_weekly", "sweep_points", "weekly_compare"]


def make_app(paths: list[Path], lang: str = "da") -> Any:
    """Build the Dash app over the runs and sweeps found in ``paths``.

    Damaged folders are listed in a box at the top of the page (:mod:`.health`); only when
    no folder holds anything browsable does this raise :class:`BrowseError`, naming each.
    """
    import dash

    from jobfirst_sim.app.browse.callbacks import register
    from jobfirst_sim.app.browse.health import (
        nothing_to_browse,
        problem_box,
        problem_lines,
        survey,
    )
    from jobfirst_sim.app.browse.layout import build_layout
    from jobfirst_sim.app.server import harden

    if lang not in LANGS:
        raise BrowseError(f"language must be one of {', '.join(LANGS)}")
    entries, unusable = survey(paths)
    if not entries:
        raise nothing_to_browse(paths, unusable)
    app = dash.Dash(__name__, serve_locally=True, title="JobFirst", update_title="",
                    external_scripts=[], external_stylesheets=[],
                    suppress_callback_exceptions=True)
    app.scripts.config.serve_locally = True
    app.css.config.serve_locally = True
    # screen readers pick the voice from <html lang>; Dash's page template has none
    app.index_string = app.index_string.replace("<html>", f'<html lang="{lang}">', 1)
    notice = problem_box(problem_lines(entries, unusable, lang), lang)
    app.layout = build_layout(entries, lang, notice=notice)
    register(app, entries, lang)
    harden(app.server)
    return app


def serve(paths: list[Path], host: str = "127.0.0.1", port: int = 8050, lang: str = "da",
          debug: bool = False) -> None:
    """Serve the app with waitress (:func:`jobfirst_sim.app.server.serve_wsgi`).

    Loopback by default; any other host requires the access token printed at start.
    ``debug`` (Dash's developer tools and the Werkzeug debugger, which can run code) is
    refused for any host but 127.0.0.1, before anything is read or served.
    """
    from jobfirst_sim.app.server import AccessGate, ServeError, serve_wsgi

    if debug and host != "127.0.0.1":
        raise BrowseError(f"--debug is only allowed with --host 127.0.0.1 (not {host}): "
                          "debug mode serves a debugger that runs code for whoever reaches "
                          "it")
    app = make_app(paths, lang)
    if debug:
        print(f"JobFirst browser (debug): open http://127.0.0.1:{port}/ in a browser "
              "(Ctrl+C stops it)", flush=True)
        app.server.wsgi_app = AccessGate(app.server.wsgi_app, None)  # loopback Host only
        app.run(host="127.0.0.1", port=port, debug=True)
        return
    try:
        serve_wsgi(app.server, host, port, name="JobFirst browser")
    except ServeError as exc:
        raise BrowseError(str(exc)) from None
