"""What a report build produced, and the "what is missing" box every report page shows.

Why its own module: the run and the sweep report both return a :class:`ReportResult`,
guard their figures the same way and list what was missing the same way; kept here, neither
report imports the other (and the package's ``make_report`` imports both).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jobfirst_sim.report.data import Problem
from jobfirst_sim.report.figdata import Figure
from jobfirst_sim.report.html import esc
from jobfirst_sim.report.labels import t


@dataclass
class ReportResult:
    """What a report build produced: the file, the figures by name, and what was missing."""

    path: Path
    figures: dict[str, Figure] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def problem_text(p: Problem, lang: str) -> str:
    """One problem as a sentence in the report language."""
    reason = t(p.reason, lang)
    return f"{p.what}: {reason}" + (f" ({p.detail})" if p.detail else "")


def missing_box(problems: list[Problem], lang: str, intro_key: str = "missing_intro") -> str:
    """The highlighted "what is missing" section, empty when nothing is missing."""
    if not problems:
        return ""
    items = "".join(f"<li>{esc(problem_text(p, lang))}</li>" for p in problems)
    return (f'<section id="missing" class="missing"><h2>{esc(t("missing_title", lang))}</h2>'
            f"<p>{esc(t(intro_key, lang))}</p><ul>{items}</ul></section>")


def guard_figure(problems: list[Problem], name: str,
                 fn: Callable[[], Figure | None]) -> Figure | None:
    """Run a figure function; a crash becomes a problem line, not a broken report."""
    try:
        return fn()
    except Exception as exc:
        last = traceback.extract_tb(exc.__traceback__)[-1]
        problems.append(Problem(name, "figure_failed",
                                f"{type(exc).__name__}: {exc} @ {Path(last.filename).name}:"
                                f"{last.lineno}"[:240]))
        return None
