"""Static PNG/SVG export of report figures through kaleido (optional).

Why optional: kaleido drives a Chromium to render figures; on these machines it finds
Debian's ``/usr/bin/chromium`` once installed, and otherwise tries to download Chrome,
which fails offline. So kaleido is not a hard dependency: the one-time setup is

    apt-get install -y chromium      # or: bash .ci/install_browser.sh
    pip install kaleido

and without it :func:`export_figures` raises :class:`ExportUnavailable` with exactly that
advice (the CLI prints it; the HTML report itself never needs kaleido, and each figure in
it also has a camera button that saves a PNG from the browser).
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from jobfirst_sim.report.figdata import Figure

SETUP_ADVICE = (
    "static export needs kaleido and a Chromium: run `apt-get install -y chromium` "
    "(or `bash .ci/install_browser.sh`) and `pip install kaleido` once"
)


class ExportUnavailable(RuntimeError):
    """kaleido or Chromium is missing; the message says how to install them."""


def chromium_path() -> str | None:
    """The Chromium kaleido will use, if any (Debian's first)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def kaleido_installed() -> bool:
    """Whether the optional kaleido package is importable."""
    return importlib.util.find_spec("kaleido") is not None


def export_available() -> bool:
    """Whether static export can work here without a download."""
    return kaleido_installed() and chromium_path() is not None


def export_figures(figures: Mapping[str, Figure], out_dir: Path,
                   formats: Iterable[str] = ("png",), scale: float = 2.0) -> list[Path]:
    """Write each figure as ``out_dir/NAME.FORMAT``; returns the files written."""
    if not kaleido_installed():
        raise ExportUnavailable(f"kaleido is not installed; {SETUP_ADVICE}")
    if chromium_path() is None:
        raise ExportUnavailable(f"no Chromium found; {SETUP_ADVICE}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    figs: list[Figure] = []
    paths: list[Path] = []
    fmts: list[str] = []
    for name, fig in figures.items():
        for fmt in formats:
            figs.append(fig)
            paths.append(out_dir / f"{name}.{fmt}")
            fmts.append(fmt)
    if figs:
        import plotly.io as pio  # only here: plotly's import costs every other command

        # one browser session for all figures: write_image per figure restarts Chromium
        # each time (minutes for a whole report instead of seconds)
        pio.write_images(figs, paths, format=fmts, scale=scale, width=1100)
    return paths
