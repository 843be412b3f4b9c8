"""The business case by payer and year of an explanation (``jobfirst explain``).

Why its own runs: an explanation keeps one number per variant and run (the explained
metric, :class:`~jobfirst_sim.decide.explain.KeepOutcomes`), not the kroner. Its two ends
are the same worlds ``compare --from A --to B`` runs: arm A's citizens alone as they are,
and the same citizens with all of B's levers
(:func:`~jobfirst_sim.decide.levers.counterfactual`; a trial's arms side by side in one
world, as ``run`` reads them). Those two designs run once more, with the explanation's
seed, replications and members, keeping only each run's budget book and staff
(:class:`KeepBooks`), so the case is the one compare gives for the same file — common
random numbers make the two ends the very runs the explanation made. The books are kept
in the folder (:data:`BOOK_FILES`) so ``jobfirst report DIR`` writes the page again
without running the model.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pandas as pd

from jobfirst_sim.decide.business.case import YearCase, year_case
from jobfirst_sim.decide.compare import CURRENT, PROPOSED, shared_sides
from jobfirst_sim.decide.explain import ExplainRequest, Explanation
from jobfirst_sim.decide.levers import counterfactual, find_levers
from jobfirst_sim.decide.paired import run_keys
from jobfirst_sim.decide.uncertainty import weights_of
from jobfirst_sim.run.study import Run, StudyRequest, run_study
from jobfirst_sim.scenario.schema import Scenario

BOOKS: Final = ("budget", "staff")
"""The tables each run keeps: kroner by budget year, and the staff (FTEs for the change's
own costs)."""
BOOK_FILES: Final = {name: f"explain_{name}.parquet" for name in BOOKS}
"""The files of an explain folder that hold both sides' books (``side`` first)."""
YEARS_FILE: Final = "explain_business_years.parquet"
"""The case by payer and budget year as a table (:func:`case_table`)."""


@dataclass(frozen=True)
class KeepBooks:
    """What the case keeps of one run: the :data:`BOOKS` rows of ``arms``."""

    arms: tuple[str, ...]

    def __call__(self, run: Run) -> dict[str, pd.DataFrame]:
        from jobfirst_sim.model.observe import tables
        from jobfirst_sim.run.simulate import run_model

        model = run_model(run.scenario, run.replication, run.seed, panel=False,
                          agents=False, journeys_per_arm=0, weekly=False)
        built = {"budget": tables.budget_table(model), "staff": tables.staff_table(model)}
        return {k: df[df["arm"].isin(self.arms)].reset_index(drop=True)
                for k, df in built.items()}


@dataclass(frozen=True)
class Books:
    """Both ends' books, each table stacked over runs (``member`` first under an
    ensemble)."""

    current: dict[str, pd.DataFrame]
    proposed: dict[str, pd.DataFrame]


def designs(req: ExplainRequest) -> dict[str, Scenario]:
    """The worlds the case runs: A as it is and A with all of B's levers; a trial's arms
    (``arms_mode: trial``): the one world both live in."""
    scen = req.scenario
    if scen.one_world:
        return {CURRENT: scen}
    levers = find_levers(scen, req.arm_from, req.arm_to)
    return {CURRENT: counterfactual(scen, req.arm_from, req.arm_to, []),
            PROPOSED: counterfactual(scen, req.arm_from, req.arm_to, levers)}


def planned(req: ExplainRequest) -> int:
    """Model runs :func:`run_books` makes (for the progress bar)."""
    return len(designs(req)) * req.replications * req.runs.count


def run_books(req: ExplainRequest, progress: Callable[[], None] | None = None) -> Books:
    """Run both ends of a (prepared) request and keep their books."""
    study = StudyRequest(req.replications, int(req.seed or 0), req.workers, req.executor,
                         req.scheduler, members=req.members)

    def tick(*_: object) -> None:
        if progress is not None:
            progress()

    worlds = designs(req)
    arms = (req.arm_from, req.arm_to) if req.scenario.one_world else (req.arm_from,)
    got, _ = run_study(study, worlds, KeepBooks(arms), on_done=tick)
    per_member = None if req.members is None else req.replications
    if req.scenario.one_world:
        sides = shared_sides(_stacked(got[CURRENT], per_member), req.arm_from, req.arm_to)
    else:
        sides = {side: _stacked(got[side], per_member) for side in (CURRENT, PROPOSED)}
    return Books(current=sides[CURRENT], proposed=sides[PROPOSED])


def _stacked(runs: Sequence[Mapping[str, pd.DataFrame]], per_member: int | None
             ) -> dict[str, pd.DataFrame]:
    """One side's tables with its runs stacked in order (member-major under an ensemble,
    as :func:`jobfirst_sim.decide.compare.stacked` lays them out)."""
    if per_member is None:
        return {k: pd.concat([r[k] for r in runs], ignore_index=True) for k in BOOKS}
    return {k: pd.concat([r[k].assign(member=i // per_member)[["member", *r[k].columns]]
                          for i, r in enumerate(runs)], ignore_index=True) for k in BOOKS}


def _fte(staff: pd.DataFrame, arm: str) -> float:
    """The arm's FTEs, mean over runs (the design's, the same in every run)."""
    sel = staff[staff["arm"] == arm]
    return float(sel.groupby(run_keys(sel))["fte"].sum().mean()) if not sel.empty else 0.0


def change_costs(req: ExplainRequest, books: Books) -> float:
    """The one-off cost of the change (DKK), as compare prices it
    (:func:`jobfirst_sim.decide.business.of_compare.change_costs`): recruitment for each
    FTE added, training for each FTE of B's design, co-location; 0 when no lever differs."""
    if not find_levers(req.scenario, req.arm_from, req.arm_to):
        return 0.0
    cc = req.scenario.economics.change_costs
    now = _fte(books.current["staff"], req.arm_from)
    then = _fte(books.proposed["staff"], req.arm_from)
    return (cc.recruitment_per_added_fte * max(then - now, 0.0)
            + cc.training_per_fte * then + cc.co_location)


def explain_case(req: ExplainRequest, books: Books) -> YearCase:
    """The business case by payer and year of A's citizens: A as it is against A with all
    of B's levers, over the budget years the run covers."""
    econ = req.scenario.economics
    return year_case(books.current["budget"], books.proposed["budget"], req.arm_from,
                     economics_current=econ, economics_proposed=econ,
                     change=change_costs(req, books), weights=weights_of(req.members))


def case_table(case: YearCase) -> pd.DataFrame:
    """The case as a tidy table: one row per payer and budget year (DKK; difference =
    proposed − current, with its 95 % interval), and the present value as year 0."""
    rows: list[dict[str, Any]] = []
    for payer, c in case.payers.items():
        for year, (cur, prop, f) in enumerate(zip(c.current, c.proposed, c.years,
                                                  strict=True), start=1):
            rows.append({"payer": payer, "year": year, "weeks": case.weeks[year - 1],
                         "current": cur, "proposed": prop, "difference": f.mean,
                         "ci_low": f.low, "ci_high": f.high})
        pv = c.present_value
        rows.append({"payer": payer, "year": 0, "weeks": sum(case.weeks),
                     "current": float("nan"), "proposed": float("nan"),
                     "difference": pv.mean, "ci_low": pv.low, "ci_high": pv.high})
    return pd.DataFrame(rows)


def book_tables(books: Books, case: YearCase) -> dict[str, pd.DataFrame]:
    """The files the case adds to an explain folder: both sides' books and the case."""
    out = {}
    for name in BOOKS:
        df = pd.concat([books.current[name].assign(side=CURRENT),
                        books.proposed[name].assign(side=PROPOSED)], ignore_index=True)
        out[BOOK_FILES[name]] = df[["side", *[c for c in df if c != "side"]]]
    return {**out, YEARS_FILE: case_table(case)}


def read_books(folder: Path) -> Books | None:
    """The books kept in an explain folder, or None (a folder written before they were)."""
    paths = {name: Path(folder) / f for name, f in BOOK_FILES.items()}
    if not all(p.is_file() for p in paths.values()):
        return None
    tables = {name: pd.read_parquet(p) for name, p in paths.items()}

    def side(name: str) -> dict[str, pd.DataFrame]:
        return {k: df[df["side"] == name].drop(columns="side").reset_index(drop=True)
                for k, df in tables.items()}

    return Books(current=side(CURRENT), proposed=side(PROPOSED))


def business_block(case: YearCase) -> dict[str, Any]:
    """The ``business_case`` block of explain.json, as compare.json has it
    (:func:`jobfirst_sim.decide.compare_files.business_block`)."""
    return {"business_case": case.to_json()}


def write_tables(expl: Explanation, out_dir: Path, books: Books, case: YearCase,
                 command: str = "", extra_files: Sequence[str] = (),
                 extra_manifest: Mapping[str, Any] | None = None) -> list[Path]:
    """Write what :func:`jobfirst_sim.decide.explain.write_tables` writes, with the books,
    the case table and the ``business_case`` block (and ``extra_manifest``'s blocks) in
    ``explain.json``; return the paths."""
    from jobfirst_sim import io
    from jobfirst_sim.decide.explain import manifest
    from jobfirst_sim.decide.stored import EXPLAIN_RUNS, explain_runs

    tables = {"explain.parquet": expl.table(), EXPLAIN_RUNS: explain_runs(
        expl.baseline, expl.to_arm, expl.one_at_a_time, expl.path, expl.shared),
        **book_tables(books, case)}
    blocks = {**business_block(case), **(extra_manifest or {})}
    return io.write_tables(Path(out_dir), tables, "explain.json",
                           lambda files: {**manifest(expl, command, files), **blocks},
                           extra_files)


def read_case(folder: Path, req: ExplainRequest) -> YearCase | None:
    """The case of an explain folder from its kept books (None: a folder written before
    explain kept them)."""
    books = read_books(folder)
    return None if books is None else explain_case(req, books)
