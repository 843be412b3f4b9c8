"""``jobfirst compare CURRENT A B C`` and ``--from ARM --to A --to B``: several proposals.

Why apart from :mod:`.decide`: ``compare`` with one proposal stays exactly as it was; with
more than one, this frame loads every file (or reads every arm), refuses a design given
twice or equal to today's with a message naming it, runs today once and each proposal
once (:mod:`jobfirst_sim.decide.compare_many`), writes the folder as a whole and prints
the table fitted to the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jobfirst_sim.cli.common import (
    command_line,
    fail,
    load,
    results_line,
    results_target,
    user_errors,
    write_folder,
)
from jobfirst_sim.cli.terminal import echo_fitted

__all__ = ["compare_many", "design_keys"]


def design_keys(current: Path, proposed: Sequence[Path]) -> list[str]:
    """Each proposed file's key: its stem, made unique with its folder's name when two
    files share a stem.

    Raises:
        typer.Exit: a file given twice, or the CURRENT file among the proposals.
    """
    here = current.resolve()
    seen: set[Path] = set()
    for path in proposed:
        where = path.resolve()
        if where == here:
            raise fail(f"PROPOSED {path} is the CURRENT file itself: give only the proposed "
                       "designs after CURRENT")
        if where in seen:
            raise fail(f"PROPOSED {path} is given twice: give each design once")
        seen.add(where)
    stems = [p.stem for p in proposed]
    keys = [p.stem if stems.count(p.stem) == 1 else f"{p.resolve().parent.name}_{p.stem}"
            for p in proposed]
    return [k if keys.count(k) == 1 else f"{k}_{i + 1}" for i, k in enumerate(keys)]


def compare_many(current: Path, proposed: Sequence[Path], arm_from: str | None,
                 arms_to: Sequence[str], options: dict[str, Any], *, years: int | None,
                 sets: list[str] | None, allow_extends_outside: bool, out: Path | None,
                 overwrite: bool, lang: str) -> None:
    """Run and write the comparison of today's design with every proposal
    (``options``: the single compare's request options, ``years`` included)."""
    from jobfirst_sim.decide import compare_many as cm
    from jobfirst_sim.decide.business.horizon import YearsError, year_sets
    from jobfirst_sim.decide.compare import CompareError
    from jobfirst_sim.progress import progress_bar
    from jobfirst_sim.report.compare_many import terminal_text, write_html
    from jobfirst_sim.run.outputs import OutputError, slug
    from jobfirst_sim.scenario import ScenarioError

    keys = design_keys(current, proposed) if proposed else list(arms_to)
    with user_errors(ScenarioError, CompareError, OutputError, YearsError):
        cur = load(current, sets, allow_extends_outside)
        longer = [*(sets or []), *year_sets(cur, years)]
        if len(longer) > len(sets or []):
            cur = load(current, longer, allow_extends_outside)
        if proposed:
            scenarios = [(k, load(p, longer, allow_extends_outside))
                         for k, p in zip(keys, proposed, strict=True)]
            request = cm.files_many(cur, scenarios, label_current=current.stem, **options)
            name = f"compare_{current.stem}_to_{'_'.join(keys)}"
        else:
            assert arm_from is not None
            request = cm.arms_many(cur, arm_from, arms_to, **options)
            name = f"compare_{arm_from}_to_{'_'.join(keys)}"
        target = results_target(out, cur, slug(name)[:120], overwrite=overwrite,
                                kind="compare_many")
        first = request.first
        with progress_bar(cm.planned_simulations(request),
                          f"compare {first.label_current} -> {', '.join(keys)}") as advance:
            many = cm.run_many(request, progress=advance)

    def write(folder: Path) -> None:
        from jobfirst_sim.report.workbook_many import MANY_FILES, write_many_workbook

        cm.write_many(many, folder, command_line(), extra_files=["compare.html", *MANY_FILES])
        write_html(many, folder, lang=lang)
        write_many_workbook(many, folder, lang)

    write_folder(target, overwrite, write)
    echo_fitted(terminal_text(many, lang))
    echo_fitted(results_line(target, "compare.html", lang))
