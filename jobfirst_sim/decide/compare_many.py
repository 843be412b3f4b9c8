"""Compare today's design with several proposed ones: one table, each paired with today.

Why a module of its own: a board rarely weighs one proposal; it weighs three. ``jobfirst
compare CURRENT A B C`` (or one file with ``--from ARM --to A --to B``) answers "what
changes with each?" in one table, and every row must be exactly what ``jobfirst compare
CURRENT A`` reports with the same seed, replications and members -- otherwise the table
and the single comparison would give a manager two answers to one question.

So each proposed design gets the single comparison's own request
(:func:`~jobfirst_sim.decide.compare.from_files` / :func:`~.compare.from_arms`) and is
paired with today exactly as :func:`~jobfirst_sim.decide.compare.run_compare` pairs it.
What is shared is the *running*: with common random numbers a replication's randomness
comes from the root seed and the replication number, never from the design
(:mod:`jobfirst_sim.run.study`), so today's design run once is, table for table, today's
side of every pair. The designs therefore go to the study spine together -- today once and
each proposal once -- instead of today once per proposal:

* arms as alternatives (or two files): today's world and each proposal's world run as
  designs of one study (1 + N worlds instead of 2N);
* a trial (``arms_mode: trial``, :attr:`CompareRequest.shared_world`): every arm lives in
  one world, so one run of the scenario holds today's side and every proposal's side;
* should the requests not share today's world, seed and arms (they always do for the
  requests built here; the check guards the reuse), each pair runs on its own, exactly as
  the single compare would: deterministic either way.

Pure computation; the page and the terminal table live in
:mod:`jobfirst_sim.report.compare_many`, the files in :func:`write_folder`.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import pandas as pd

from jobfirst_sim.decide.business.case import Figure
from jobfirst_sim.decide.comparable import design_differences
from jobfirst_sim.decide.compare import (
    CURRENT,
    PROPOSED,
    CompareError,
    CompareRequest,
    Comparison,
    KeepSide,
    from_arms,
    from_files,
    headline_of,
    run_compare,
    shared_sides,
    stacked,
)
from jobfirst_sim.decide.levers import ExplainError, find_levers
from jobfirst_sim.decide.uncertainty import Headline
from jobfirst_sim.run.study import StudyRequest, run_study
from jobfirst_sim.scenario.schema import Scenario

__all__ = [
    "PAYERS_SHOWN",
    "ManyComparison",
    "ManyRequest",
    "arms_many",
    "files_many",
    "planned_simulations",
    "run_many",
    "summary_table",
]

PAYERS_SHOWN: Final = ("municipality", "public")
"""The payers of the table: the municipality's own budget and the public sector as a
whole (the payers of the first screen, issue 23 §3)."""

ProgressFn = Callable[[], None]


@dataclass(frozen=True)
class ManyRequest:
    """Today's design against several proposals: one single-compare request per proposal.

    ``keys`` name the proposals (file stems or arm names, unique; the subfolders of the
    results folder), in the order the user gave them.
    """

    keys: tuple[str, ...]
    requests: tuple[CompareRequest, ...]

    @property
    def first(self) -> CompareRequest:
        """The first proposal's request (seed, replications and members are common)."""
        return self.requests[0]


def files_many(current: Scenario, proposed: Sequence[tuple[str, Scenario]], *,
               label_current: str, **options: Any) -> ManyRequest:
    """Today's file against each proposed file (``(label, scenario)`` in the order given).

    Raises:
        CompareError: a proposal given twice, a proposal that is today's design itself,
            or a file that cannot be compared (the single compare's message).
    """
    requests: list[CompareRequest] = []
    for i, (label, scen) in enumerate(proposed):
        earlier = proposed[:i]
        if label in (x for x, _ in earlier):
            raise CompareError(f"PROPOSED {label} is given twice: give each design once")
        req = from_files(current, scen, label_current=label_current, label_proposed=label,
                         **options)
        if not req.differences:
            raise CompareError(
                f"PROPOSED {label} is the current design {label_current} itself (nothing "
                "differs but the name): drop it, or change what it proposes")
        twin = next((x for x, other in earlier if not design_differences(other, scen)), None)
        if twin is not None:
            raise CompareError(f"PROPOSED {label} and {twin} describe the same design "
                               "(nothing differs but the name): give each design once")
        requests.append(req)
    return ManyRequest(tuple(x for x, _ in proposed), tuple(requests))


def arms_many(scenario: Scenario, arm_from: str, arms_to: Sequence[str], **options: Any
              ) -> ManyRequest:
    """Arm ``arm_from``'s citizens under their own design and under each ``--to`` arm's.

    Raises:
        CompareError: an unknown arm, an arm given twice, ``--to`` equal to ``--from``, or
            an arm whose design is ``--from``'s (no lever differs).
    """
    requests: list[CompareRequest] = []
    for i, arm in enumerate(arms_to):
        if arm in arms_to[:i]:
            raise CompareError(f"--to {arm} is given twice: give each design once")
        if arm == arm_from:
            raise CompareError(f"--to {arm} is the current design (--from {arm_from}): give "
                               "only the proposed designs with --to")
        try:
            same = not find_levers(scenario, arm_from, arm)
        except ExplainError as exc:
            raise CompareError(str(exc)) from None
        if same and not scenario.one_world:
            raise CompareError(f"--to {arm} has the same design as the current one (--from "
                               f"{arm_from}): no lever differs, so there is nothing to compare")
        requests.append(from_arms(scenario, arm_from, arm, **options))
    return ManyRequest(tuple(arms_to), tuple(requests))


def planned_simulations(request: ManyRequest) -> int:
    """Model runs: today's world once and each proposal's once (one world for a trial),
    every member and replication; each pair on its own when the runs cannot be shared."""
    first = request.first
    runs = first.replications * first.member_count
    if not _shareable(request):  # as run_compare: one world for a trial, else two
        return sum((1 if r.shared_world is not None else 2) * r.replications * r.member_count
                   for r in request.requests)
    return runs if first.shared_world is not None else runs * (1 + len(request.requests))


def _shareable(request: ManyRequest) -> bool:
    """Whether one run of today's design serves every pair: the same world, seed, arms,
    members and replications in every request (always so for the requests built here)."""
    first = request.first
    world = first.current.model_dump(mode="json")
    for req in request.requests[1:]:
        if (req.seed, req.arms, req.replications, req.members) != (
                first.seed, first.arms, first.replications, first.members):
            return False
        if (req.shared_world is None) != (first.shared_world is None):
            return False
        if req.current.model_dump(mode="json") != world:
            return False
    return True


@dataclass
class ManyComparison:
    """Each proposal's single comparison, by key, and how long the runs took."""

    request: ManyRequest
    comparisons: dict[str, Comparison]
    shared: bool
    """Today's design ran once for every pair (else each pair ran on its own)."""
    seconds: float = 0.0
    started: float = 0.0
    _table: pd.DataFrame | None = field(default=None, repr=False)

    def headlines(self) -> dict[str, Headline]:
        """The ``headline`` block of each proposal (its first compared arm)."""
        return {k: headline_of(c, c.request.arms[0]) for k, c in self.comparisons.items()}

    def table(self) -> pd.DataFrame:
        """:func:`summary_table`, built once: the files, the page and the terminal read it
        (each row prices a business case, tornado included)."""
        if self._table is None:
            self._table = summary_table(self)
        return self._table


def run_many(request: ManyRequest, progress: ProgressFn | None = None) -> ManyComparison:
    """Run today's design once and every proposal once (module doc), and pair each
    proposal with today as :func:`~jobfirst_sim.decide.compare.run_compare` does."""
    def tick(*_: object) -> None:
        if progress is not None:
            progress()

    first = request.first
    if not _shareable(request):
        started = time.time()
        out = {k: run_compare(r, progress) for k, r in zip(request.keys, request.requests,
                                                           strict=True)}
        return ManyComparison(request, out, shared=False,
                              seconds=sum(c.seconds for c in out.values()), started=started)
    study = StudyRequest(first.replications, int(first.seed or 0), first.workers,
                         first.executor, first.scheduler, members=first.members)
    per_member = None if first.members is None else first.replications
    comparisons: dict[str, Comparison] = {}
    if first.shared_world is not None:
        arms = (*first.arms, *(r.shared_world or "" for r in request.requests))
        got, ran = run_study(study, {CURRENT: first.current}, KeepSide(arms), on_done=tick)
        world = stacked(got[CURRENT], per_member)
        for key, req in zip(request.keys, request.requests, strict=True):
            sides = shared_sides(world, req.arms[0], req.shared_world or "")
            comparisons[key] = Comparison(request=req, current=sides[CURRENT],
                                          proposed=sides[PROPOSED], seconds=ran.seconds,
                                          started=ran.started)
    else:
        designs: dict[tuple[str, str], Scenario] = {(CURRENT, ""): first.current}
        designs |= {_design(k): r.proposed for k, r in zip(request.keys, request.requests,
                                                            strict=True)}
        runs, ran = run_study(study, designs, KeepSide(first.arms), on_done=tick)
        today = stacked(runs[(CURRENT, "")], per_member)
        for key, req in zip(request.keys, request.requests, strict=True):
            comparisons[key] = Comparison(request=req, current=today,
                                          proposed=stacked(runs[_design(key)], per_member),
                                          seconds=ran.seconds, started=ran.started)
    return ManyComparison(request, comparisons, shared=True, seconds=ran.seconds,
                          started=ran.started)


def _design(key: str) -> tuple[str, str]:
    """A proposal's design key in the study (never today's ``(CURRENT, "")``)."""
    return (PROPOSED, key)


# ------------------------------------------------------------------ the one table


def net_cost_a_year(comparison: Comparison, payers: Sequence[str] = PAYERS_SHOWN
                    ) -> tuple[dict[str, tuple[Figure, int | None]], int]:
    """Per payer the net cost a year of the proposal against today (DKK, positive: it
    costs more) and its payback year (None: not within the years); and the budget years.

    A year's figure is the present value of the yearly differences
    (:mod:`jobfirst_sim.decide.business.case`) spread evenly over the years simulated
    (weeks ÷ 52): one number per payer that reads the same for a 2- or a 5-year horizon;
    dividing by a constant keeps the interval exact. The case is priced once for every
    payer (its tornado moves each rate).
    """
    from jobfirst_sim.decide.business.of_compare import compare_case

    case = compare_case(comparison, comparison.request.arms[0])
    years = sum(case.weeks) / 52.0 or float(case.years) or 1.0
    out: dict[str, tuple[Figure, int | None]] = {}
    for payer in payers:
        pv = case.payers[payer].present_value
        out[payer] = (Figure(pv.mean / years, pv.low / years, pv.high / years),
                      case.payers[payer].payback_year)
    return out, case.years


SUMMARY_COLUMNS: Final = (
    "design", "arm", "metric", "week", "current", "proposed", "difference", "ci_low",
    "ci_high", "probability_better", "members", "replications",
    *(f"{p}_{c}" for p in PAYERS_SHOWN
      for c in ("net_cost_a_year", "net_cost_a_year_low", "net_cost_a_year_high",
                "payback_year")),
    "budget_years",
)
"""The columns of ``compare_many.parquet`` / ``.csv`` (docs/decide.md)."""


def summary_table(many: ManyComparison) -> pd.DataFrame:
    """One row per proposal: its headline (effect, interval, probability better) and, per
    payer of :data:`PAYERS_SHOWN`, the net cost a year with its interval and the payback
    year (NaN where the run kept no budget books)."""
    rows: list[dict[str, Any]] = []
    for key, head in many.headlines().items():
        comp = many.comparisons[key]
        row: dict[str, Any] = {"design": key, "arm": comp.request.arms[0],
                               **{k: v for k, v in head.to_json().items()
                                  if k != "uncertainty"}}
        none = (Figure(math.nan, math.nan, math.nan), None)
        costs, years = (net_cost_a_year(comp) if "budget" in comp.current
                        else (dict.fromkeys(PAYERS_SHOWN, none), None))
        row["budget_years"] = years
        for payer, (cost, payback) in costs.items():
            row |= {f"{payer}_net_cost_a_year": cost.mean,
                    f"{payer}_net_cost_a_year_low": cost.low,
                    f"{payer}_net_cost_a_year_high": cost.high,
                    f"{payer}_payback_year": payback}
        rows.append(row)
    table = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
    for col in ("week", "budget_years",
                *(f"{p}_payback_year" for p in PAYERS_SHOWN)):
        table[col] = table[col].astype("Int64")
    return table


# ------------------------------------------------------------------ the folder


def folder_name(key: str) -> str:
    """A proposal's subfolder: its key with anything but letters, digits, ``-`` and ``_``
    replaced, so a file stem or arm name is always a safe folder name."""
    return re.sub(r"[^\w\-]+", "_", key).strip("_") or "design"


def manifest(many: ManyComparison, command: str, files: Sequence[str]) -> dict[str, Any]:
    """``compare_many.json``: the common core, today's design, and per proposal its label,
    subfolder, what differs, its ``headline`` block (the same fields as ``compare.json``'s)
    and its net cost a year and payback per payer."""
    from jobfirst_sim.decide.stored import ensemble_records
    from jobfirst_sim.run.executors import choose_executor
    from jobfirst_sim.run.manifest import config_hash
    from jobfirst_sim.run.manifest import manifest as common_manifest

    first = many.request.first
    table = many.table().set_index("design")
    designs: list[dict[str, Any]] = []
    for key, head in many.headlines().items():
        req = many.comparisons[key].request
        row = table.loc[key]
        designs.append({
            "design": key, "label": req.label_proposed, "folder": folder_name(key),
            "arm": req.arms[0], "config_hash": config_hash(req.proposed),
            "differences": list(req.differences), "headline": head.to_json(),
            "payers": {p: {"net_cost_a_year": {
                "mean": _num(row[f"{p}_net_cost_a_year"]),
                "ci_low": _num(row[f"{p}_net_cost_a_year_low"]),
                "ci_high": _num(row[f"{p}_net_cost_a_year_high"])},
                "payback_year": _year(row[f"{p}_payback_year"])} for p in PAYERS_SHOWN},
        })
    return common_manifest(
        kind="compare_many", root_seed=int(first.seed or 0),
        replications=first.replications, config_hash=config_hash(first.current),
        command=command, started=many.started, seconds=many.seconds, files=files,
        scenario=first.current.model_dump(mode="json"), scenario_name=first.current.name,
        label_current=first.label_current, arms=list(first.arms),
        uncertainty="noise" if first.members is None else "parameters",
        members=first.member_count, replications_per_member=first.replications,
        ensemble=ensemble_records(first.members), current_ran_once=many.shared,
        workers=first.workers,
        executor=choose_executor(first.executor, first.workers,
                                 planned_simulations(many.request), first.scheduler),
        designs=designs,
        headlines={d["design"]: d["headline"] for d in designs},
    )


def _num(x: Any) -> float | None:
    """A table cell for JSON: None for a missing or non-finite value."""
    if x is None or x is pd.NA:
        return None
    v = float(x)
    return v if math.isfinite(v) else None


def _year(x: Any) -> int | None:
    """A payback year for JSON (None: not within the years, or no books)."""
    v = _num(x)
    return None if v is None else int(v)


SUMMARY_FILES: Final = ("compare_many.parquet", "compare_many.csv", "compare_many.json")
"""The files of the folder's top (besides ``compare.html`` and one subfolder per
proposal holding its whole single comparison)."""


def write_many(many: ManyComparison, folder: Path, command: str = "",
               extra_files: Sequence[str] = ()) -> list[Path]:
    """Write the table (Parquet; its labelled CSV and workbook are the report's,
    :mod:`jobfirst_sim.report.workbook_many`), ``compare_many.json`` and each proposal's
    single-comparison folder (:func:`jobfirst_sim.decide.compare_files.write_tables`)
    into ``folder``; the pages are the caller's (``extra_files`` names them)."""
    from jobfirst_sim import io
    from jobfirst_sim.decide.compare_files import write_tables

    written: list[Path] = []
    for key, comp in many.comparisons.items():
        written += write_tables(comp, folder / folder_name(key), command,
                                extra_files=["compare.html"])
    table = many.table()
    folder.mkdir(parents=True, exist_ok=True)
    written += io.write_tables(
        folder, {"compare_many.parquet": table}, "compare_many.json",
        lambda files: manifest(many, command, [
            *files, *extra_files,
            *(folder_name(k) for k in many.comparisons)]))
    return written


MANY_JSON: Final = "compare_many.json"
"""The file that marks a folder of several proposals (its ``kind``: ``compare_many``)."""


def load_many(folder: Path) -> ManyComparison:
    """A folder of several proposals read back (``jobfirst report DIR``): each proposal's
    comparison from its subfolder (:func:`jobfirst_sim.decide.reload.load_comparison`), in
    the order of ``compare_many.json``.

    Raises:
        StoredFolderError: the manifest or a subfolder cannot be read, said so a user can
            act on it.
    """
    import json

    from jobfirst_sim.decide.reload import load_comparison
    from jobfirst_sim.decide.stored import StoredFolderError

    path = Path(folder) / MANY_JSON
    try:
        data = json.loads(path.read_text("utf-8"))
        designs = [(str(d["design"]), str(d["folder"])) for d in data["designs"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoredFolderError(f"{path}: cannot be read ({exc})") from None
    comparisons = {key: load_comparison(Path(folder) / sub) for key, sub in designs}
    request = ManyRequest(tuple(comparisons),
                          tuple(c.request for c in comparisons.values()))
    return ManyComparison(request, comparisons, shared=bool(data.get("current_ran_once")),
                          seconds=float(data.get("seconds") or 0.0))
