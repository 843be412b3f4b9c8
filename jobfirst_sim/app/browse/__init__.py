"""``jobfirst browse``: a local Dash app over stored runs and sweeps.

Why a browser app next to the static report: in a workshop the facilitator wants to answer
"and in Lolland?", "and only the women over 50?", "what happens at caseload 30?" on the
spot. The app compares runs side by side, filters municipality and subgroup, switches
metric and time window, and drills from a sweep's design point into its weekly curves.

Design choices:
- Offline: Dash serves its own JavaScript (``serve_locally=True``, no CDN, no external
  stylesheets), so it works on a municipal network with no internet.
- Loopback by default (127.0.0.1): results can hold person-level panels.
- Scales to 1,000-run sweeps: :mod:`.data` queries with pyarrow filters and projection.
- The figures are the report's pure figure functions, so the app and the report agree.

Parts: :mod:`.data` (reading, queries), :mod:`.views` (figures), :mod:`.layout` (the page),
:mod:`.callbacks` (what each choice draws).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jobfirst_sim.app.browse.data import BrowseError, Entry, discover, query, read
from jobfirst_sim.app.browse.views import (
    outcome_compare,
    subgroup_weekly,
    sweep_points,
    weekly_compare,
)
from jobfirst_sim.report.labels import LANGS

__all__ = ["BrowseError", "Entry", "discover", "make_app", "outcome_compare", "query", "read",
           "serve", "subgroup_weekly", "sweep_points", "weekly_compare"]


def make_app(paths: list[Path], lang: str = "da") -> Any:
    """Build the Dash app over the runs and sweeps found in ``paths``."""
    import dash

    from jobfirst_sim.app.browse.callbacks import register
    from jobfirst_sim.app.browse.layout import build_layout

    if lang not in LANGS:
        raise BrowseError(f"language must be one of {', '.join(LANGS)}")
    entries = discover(paths)
    if not entries:
        raise BrowseError("no run or sweep directory found in "
                          + ", ".join(str(p) for p in paths)
                          + " (a run has weekly.parquet, a sweep experiments.parquet)")
    app = dash.Dash(__name__, serve_locally=True, title="JobFirst", update_title="",
                    external_scripts=[], external_stylesheets=[],
                    suppress_callback_exceptions=True)
    app.scripts.config.serve_locally = True
    app.css.config.serve_locally = True
    app.layout = build_layout(entries, lang)
    register(app, entries, lang)
    return app


def serve(paths: list[Path], host: str = "127.0.0.1", port: int = 8050, lang: str = "da",
          debug: bool = False) -> None:
    """Start the app and say where to open it (binds loopback unless told otherwise)."""
    app = make_app(paths, lang)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    print(f"JobFirst browser: open http://{shown}:{port}/ in a browser (Ctrl+C stops it)",
          flush=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: listening on {host}: other machines on the network can see the "
              "results", flush=True)
    app.run(host=host, port=port, debug=debug)
