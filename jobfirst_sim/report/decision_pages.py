"""``jobfirst report DIR`` on a compare, explain or pilot folder: its page written again.

Why: a manager who ran ``compare`` in Danish hands the folder to an English-speaking
economist, who asks for the page in English; re-running the model for that would take
minutes and could change nothing. The folder keeps what its result is made of
(:mod:`jobfirst_sim.decide.stored`); here :mod:`jobfirst_sim.decide.reload` reads it back
and the same page builder the command used writes it, in the language asked for. The
page goes to ``--out``, else over the folder's own page (``compare.html``,
``explain.html``, ``pilot.html``); the workbook and CSV (:mod:`.workbook`) go beside it.
"""

from __future__ import annotations

from pathlib import Path

from jobfirst_sim.decide.compare_many import MANY_JSON
from jobfirst_sim.decide.stored import StoredFolderError, kind_of
from jobfirst_sim.report.data import Problem
from jobfirst_sim.report.figdata import Figure
from jobfirst_sim.report.html import write_atomic
from jobfirst_sim.report.result import ReportResult
from jobfirst_sim.report.workbook import write_workbook

__all__ = ["StoredFolderError", "is_decision_dir", "make_decision_report"]


def is_decision_dir(folder: Path) -> bool:
    """A folder written by ``compare``, ``explain`` or ``pilot`` (its JSON names it)."""
    return kind_of(Path(folder)) is not None or (Path(folder) / MANY_JSON).is_file()


def make_decision_report(folder: Path, lang: str = "da", out: Path | None = None
                         ) -> ReportResult:
    """Write the decision folder's page again in ``lang``; a result like a run report's.

    Raises:
        StoredFolderError: the folder cannot be read back (an older folder without the
            per-run values, a damaged file), said so a user can act on it.
    """
    from jobfirst_sim.decide import reload

    folder = Path(folder)
    if (folder / MANY_JSON).is_file():  # compare with several proposals
        from jobfirst_sim.report.compare_many import rerender

        return rerender(folder, lang, out)
    kind = kind_of(folder)
    if kind is None:
        raise StoredFolderError(f"{folder}: holds no compare.json, explain.json or pilot.json")
    problems: list[Problem] = []
    figures: list[Figure]
    if kind == "pilot":
        from jobfirst_sim.report.pilot import build_html as pilot_page

        page, figures = pilot_page(reload.load_pilot(folder), lang)
    elif kind == "explain":
        from jobfirst_sim.report.explain import build_html as explain_page

        if (folder / "shapley.parquet").exists():
            problems.append(Problem("shapley.parquet", "not_rerendered"))
        from jobfirst_sim.decide.business.of_explain import read_case

        expl = reload.load_explanation(folder)
        page, figures = explain_page(expl, lang, business=read_case(folder, expl.request))
    else:
        from jobfirst_sim.report.compare import build_html as compare_page

        page, figures = compare_page(reload.load_comparison(folder), lang)
    path = write_atomic(out or folder / f"{kind}.html", page)
    write_workbook(folder, lang, out)  # the workbook follows the page's language
    return ReportResult(path=path, figures={f"{kind}_{i}": fig for i, fig in enumerate(figures)},
                        problems=problems)
