"""Reports over stored results: pure plotly figures, and one self-contained HTML file.

Entry points: :func:`build_report` (called by ``jobfirst run`` and ``jobfirst report``)
decides from the directory's files whether it holds a run or a sweep and writes the
matching report. Nothing here runs the model; the model never imports this package.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from jobfirst_sim.report.data import Problem

if TYPE_CHECKING:
    from jobfirst_sim.report.result import ReportResult

__all__ = ["Problem", "build_report", "is_sweep_dir", "make_report"]


def is_sweep_dir(path: Path) -> bool:
    """A sweep directory holds ``experiments.parquet`` (docs/sweeps.md); a run one does not."""
    return (Path(path) / "experiments.parquet").exists()


def make_report(run_dir: Path, lang: str = "da", out: Path | None = None,
                citizen: str | None = None) -> ReportResult:
    """Build a run or sweep report, or write a compare, explain or pilot folder's page
    again (:mod:`.decision_pages`); returns a result with ``path``, ``figures``,
    ``problems``."""
    from jobfirst_sim.report.decision_pages import is_decision_dir, make_decision_report

    if is_decision_dir(run_dir):
        return make_decision_report(Path(run_dir), lang=lang, out=out)
    if is_sweep_dir(run_dir):
        from jobfirst_sim.report.sweep import make_sweep_report

        return make_sweep_report(Path(run_dir), lang=lang, out=out)
    from jobfirst_sim.report.run import make_run_report

    return make_run_report(Path(run_dir), lang=lang, out=out, citizen=citizen)


def build_report(run_dir: Path, lang: str = "da", out: Path | None = None) -> Path:
    """Write the report of a run (or sweep) directory and return its path.

    Defaults to ``DIR/report.html``. A partial or broken directory still gives a report
    that says what is missing; only a directory that does not exist raises
    :class:`FileNotFoundError`, and an unknown language :class:`ValueError`.
    """
    return make_report(Path(run_dir), lang=lang, out=out).path
