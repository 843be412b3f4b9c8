"""Why does design B beat design A? A lever-by-lever decomposition on A's own citizens.

Why this module: an arm comparison says *that* JobFirst beats the normal effort; a manager
who must choose which parts of the method to pay for needs to know *which* parts carry the
effect. We answer that by counterfactual runs of one scenario: arm A alone (without the
other arm's citizens beside it; :func:`jobfirst_sim.decide.levers.counterfactual`) keeps
its citizens, companies and random draws, and only its design changes, lever by lever,
towards arm B's. Arm B, alone on its own citizens, is run once for reference.

* The **levers** are the switchable differences between the two arms' designs
  (:mod:`jobfirst_sim.decide.levers`).
* **Common random numbers**: every variant runs with the same root seed and replication;
  :func:`jobfirst_sim.run.simulate.simulate` derives all randomness from those two and never
  from the design. A difference between two variants is therefore the design's doing, and
  a variant equal to A reproduces A exactly (effect 0, not noise). The variants run on any
  executor (:mod:`jobfirst_sim.run.executors`); the tables are the same on every one.
* Two views, each a mean over replications of *paired* per-replication differences with a
  95 % t-interval: **one at a time** (A with only lever L switched, minus A) and a
  **cumulative path** (levers switched in order of their one-at-a-time effect, largest
  magnitude first; each step's increment), which ends at A with all of B's levers, so its
  increments add up to the total. ``total - sum(one at a time)`` is the **interaction**
  remainder: how far the levers are from acting independently.

Pure computation and file tables; the figures and HTML live in
:mod:`jobfirst_sim.report.explain` so this module never imports plotly.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from jobfirst_sim.decide.horizon import check_observable, default_metric, metric_week
from jobfirst_sim.decide.levers import (
    CASELOAD,
    ExplainError,
    Lever,
    alone,
    counterfactual,
    effective_caseloads,
    find_levers,
    switch_levers,
)
from jobfirst_sim.decide.member_runs import MemberRuns
from jobfirst_sim.decide.run_outcomes import whole_outcomes
from jobfirst_sim.decide.sensitivity import Leaning, leans_on
from jobfirst_sim.decide.stored import EXPLAIN_RUNS, ensemble_records, explain_runs
from jobfirst_sim.decide.uncertainty import Headline, headline
from jobfirst_sim.metrics import HEADLINE, is_share
from jobfirst_sim.progress import progress_bar as shared_progress_bar
from jobfirst_sim.run.executors import ExecutorName, choose_executor
from jobfirst_sim.run.study import Run, StudyRequest, open_study
from jobfirst_sim.scenario.ensemble import Ensemble
from jobfirst_sim.scenario.schema import BENEFITS, Scenario
from jobfirst_sim.stats import Interval

__all__ = [
    "BENEFIT_CHOICES",
    "CASELOAD",
    "COLUMNS",
    "VIEWS",
    "VIEW_INTERACTION",
    "VIEW_OAT",
    "VIEW_PATH",
    "VIEW_TOTAL",
    "ExplainError",
    "ExplainRequest",
    "Explanation",
    "KeepOutcomes",
    "Lever",
    "check_observable",
    "default_metric",
    "effective_caseloads",
    "explain",
    "find_levers",
    "is_share",
    "manifest",
    "planned_simulations",
    "prepared",
    "progress_bar",
    "rank_levers",
    "switch_levers",
    "write_tables",
]

VIEW_OAT = "one_at_a_time"
VIEW_PATH = "path"
VIEW_TOTAL = "total"
VIEW_INTERACTION = "interaction"
VIEWS: tuple[str, ...] = (VIEW_OAT, VIEW_PATH, VIEW_TOTAL, VIEW_INTERACTION)

BENEFIT_CHOICES: tuple[str, ...] = ("all", *(b.value for b in BENEFITS))

COLUMNS: tuple[str, ...] = (
    "lever", "view", "order", "effect", "ci_low", "ci_high", "cumulative", "metric", "benefit",
    "n_replications", "from_value", "to_value", "fields",
)
"""Columns of ``explain.parquet`` (docs/explain.md)."""


# ---------------------------------------------------------------------------- running


@dataclass(frozen=True)
class ExplainRequest:
    """What ``jobfirst explain`` was asked to do.

    ``seed`` None: the scenario's ``run.seed``, else drawn -- the recipe of ``jobfirst run``
    (:func:`jobfirst_sim.run.manifest.resolve_root_seed`), resolved by :func:`explain`.
    ``executor`` None: in-process for one worker, else worker processes.
    """

    scenario: Scenario
    arm_from: str
    arm_to: str
    metric: str = HEADLINE
    benefit: str = "all"
    replications: int = 10
    seed: int | None = 0
    workers: int = 1
    executor: ExecutorName | None = None
    scheduler: str | None = None
    members: Ensemble | None = None
    """Parameter sets every variant runs under (``--uncertainty parameters``); None: the
    scenario's own parameters, simulation noise only."""

    @property
    def uncertainty(self) -> str:
        """``parameters`` under an ensemble, else ``noise``."""
        return "noise" if self.members is None else "parameters"

    @property
    def runs(self) -> MemberRuns:
        """How every variant's per-run values are laid out (members × replications)."""
        return MemberRuns(self.members, self.replications)


@dataclass(frozen=True)
class KeepOutcomes:
    """What a variant keeps of one run (a :class:`~jobfirst_sim.run.study.Keep`):
    ``{arm: {metric: value}}`` of the whole population in one benefit group.

    Every arm is returned, so the arm B reference level comes free with the baseline run.
    """

    benefit: str

    def __call__(self, run: Run) -> dict[str, dict[str, float]]:
        from jobfirst_sim.run.simulate import run_model

        # only what a variant is read for: the whole-population outcomes (no other table)
        model = run_model(run.scenario, run.replication, run.seed, panel=False,
                          agents=False, journeys_per_arm=0, weekly=False)
        return whole_outcomes(model, self.benefit)



@dataclass
class Explanation:
    """The decomposition: per-replication values of every variant, and the tables from them.

    Arrays have one entry per run in the arm A population: per replication (0..R-1), or
    under an ensemble member-major (member 0's replications, then member 1's, ...); every
    mean and interval goes through :meth:`interval` (:mod:`.member_runs`).
    """

    request: ExplainRequest
    levers: list[Lever]
    baseline: np.ndarray
    """Arm A as it is."""
    to_arm: np.ndarray
    """Arm B on its own citizens (the ordinary arm comparison, for reference)."""
    one_at_a_time: dict[str, np.ndarray]
    """Arm A with only this lever switched."""
    path: list[tuple[str, np.ndarray]]
    """Arm A after each cumulative step (lever name, values); the last has every lever."""
    seconds: float = 0.0
    simulations: int = 0
    started: float = 0.0
    """When the run began (seconds since the epoch, for the manifest)."""
    shared: tuple[np.ndarray, np.ndarray] | None = None
    """A trial's arms (``arms_mode: trial``): A and B side by side in one world, the
    headline's sides as ``run`` and ``compare`` read them; None: alternatives."""
    lever_by_name: dict[str, Lever] = field(init=False)

    def __post_init__(self) -> None:
        self.lever_by_name = {lv.name: lv for lv in self.levers}

    def interval(self, values: np.ndarray) -> Interval:
        """Mean and 95 % interval of per-run values (noise only, or parameters and noise)."""
        return self.request.runs.interval(values)

    @property
    def all_levers(self) -> np.ndarray:
        """Arm A with all of B's levers (= baseline when the designs are the same)."""
        return self.path[-1][1] if self.path else self.baseline

    def total(self) -> np.ndarray:
        """Per-replication total effect on A's citizens."""
        return np.asarray(self.all_levers - self.baseline, float)

    def oat_effects(self) -> dict[str, np.ndarray]:
        """Per-replication one-at-a-time effects."""
        return {k: v - self.baseline for k, v in self.one_at_a_time.items()}

    def interaction(self) -> np.ndarray:
        """Per-replication total minus the sum of the one-at-a-time effects."""
        eff = self.oat_effects()
        summed = np.sum(list(eff.values()), axis=0) if eff else np.zeros_like(self.baseline)
        return np.asarray(self.total() - summed, float)

    def headline(self) -> Headline:
        """The ``headline`` block (:mod:`jobfirst_sim.decide.uncertainty`): A as it is
        (current) against A with all of B's levers (proposed), in the explained metric, at
        its week (``..._w78``: 78; otherwise the end of the run)."""
        runs = self.request.runs
        reps = len(self.baseline) // runs.count
        current, proposed = self.shared or (self.baseline, self.all_levers)
        pairs = pd.DataFrame({
            "member": np.repeat(np.arange(runs.count), reps),
            "replication": np.tile(np.arange(reps), runs.count),
            "current": current, "proposed": proposed})
        if self.request.members is None:
            pairs = pairs.drop(columns="member")
        return headline(pairs, metric=self.request.metric, week=metric_week(self.request.metric),
                        ensemble=self.request.members)

    def member_totals(self) -> np.ndarray:
        """Each member's mean total effect (one value without an ensemble)."""
        return self.request.runs.member_means(self.total())

    def leanings(self) -> list[Leaning]:
        """The parameters the total effect leans on most (none without an ensemble)."""
        if self.request.members is None:
            return []
        return leans_on(self.member_totals().tolist(), self.request.members)

    def path_increments(self) -> list[tuple[str, np.ndarray]]:
        """Each path step's increment over the previous step (the first: over A)."""
        out, prev = [], self.baseline
        for name, values in self.path:
            out.append((name, values - prev))
            prev = values
        return out

    def ranked(self) -> list[str]:
        """Lever names by the size of their one-at-a-time effect, largest first."""
        return rank_levers(self.levers, self.oat_effects(), self.request.runs)

    def levels(self) -> dict[str, dict[str, float]]:
        """Mean levels (with 95 % CI over replications) of A, A with all of B, and arm B."""
        out = {}
        for key, values in (("from", self.baseline), ("all_levers", self.all_levers),
                            ("to_arm", self.to_arm)):
            ci = self.interval(values)
            out[key] = {"mean": ci.mean, "ci_low": ci.low, "ci_high": ci.high}
        ci = self.interval(self.to_arm - self.baseline)
        out["arm_difference"] = {"mean": ci.mean, "ci_low": ci.low, "ci_high": ci.high}
        return out

    def table(self) -> pd.DataFrame:
        """The ``explain.parquet`` table: one row per lever and view, plus total and
        interaction (columns in :data:`COLUMNS`, documented in docs/explain.md)."""
        req = self.request
        rows: list[dict[str, Any]] = []

        def row(lever: str, view: str, order: int, diffs: np.ndarray,
                cumulative: float = float("nan")) -> None:
            ci = self.interval(diffs)  # diffs are paired per run already
            lv = self.lever_by_name.get(lever)
            rows.append({
                "lever": lever, "view": view, "order": order, "effect": ci.mean,
                "ci_low": ci.low, "ci_high": ci.high, "cumulative": cumulative,
                "metric": req.metric, "benefit": req.benefit,
                "n_replications": int(np.sum(~np.isnan(diffs))),
                "from_value": lv.from_value if lv else "", "to_value": lv.to_value if lv else "",
                "fields": ",".join(lv.fields) if lv else "",
            })

        eff = self.oat_effects()
        rank = {name: i + 1 for i, name in enumerate(self.ranked())}
        for lv in self.levers:
            row(lv.name, VIEW_OAT, rank[lv.name], eff[lv.name])
        for step, ((name, inc), (_, values)) in enumerate(
                zip(self.path_increments(), self.path, strict=True), start=1):
            row(name, VIEW_PATH, step, inc, self.request.runs.mean(values - self.baseline))
        row("all", VIEW_TOTAL, 0, self.total())
        row("interaction", VIEW_INTERACTION, 0, self.interaction())
        df = pd.DataFrame(rows, columns=list(COLUMNS))
        return df.astype({"order": "int64", "n_replications": "int64"})


def rank_levers(levers: Sequence[Lever], effects: Mapping[str, np.ndarray],
                runs: MemberRuns | None = None) -> list[str]:
    """Lever names by |mean one-at-a-time effect|, largest first; ties keep schema order.

    Why magnitude, not sign: the path should take the levers that *matter* first, whether
    they help or harm; NaN (no data) counts as no effect. Under an ensemble the mean is
    the members' weighted mean (``runs``).
    """
    def size(lv: Lever) -> float:
        v = effects[lv.name]
        if runs is not None and runs.count > 1:
            m = runs.mean(v)
            return abs(m) if m == m else 0.0
        m = float(np.nanmean(v)) if np.any(~np.isnan(v)) else 0.0
        return abs(m)

    order = sorted(range(len(levers)), key=lambda i: (-size(levers[i]), i))
    return [levers[i].name for i in order]


ProgressFn = Callable[[], None]


def prepared(request: ExplainRequest) -> ExplainRequest:
    """The request checked and with its root seed resolved (the recipe of ``jobfirst run``);
    a week-78 metric on a scenario that ends earlier is read at its horizon instead
    (:func:`default_metric`; the command refuses one asked for by name).

    Raises:
        ExplainError: an unknown benefit group, fewer than one replication, or a metric
            read at a week the scenario does not reach.
    """
    from jobfirst_sim.run.manifest import resolve_root_seed

    if request.benefit not in BENEFIT_CHOICES:
        raise ExplainError(f"--benefit {request.benefit!r}: choose one of "
                           f"{', '.join(BENEFIT_CHOICES)}")
    if request.replications < 1:
        raise ExplainError("--replications must be at least 1")
    request = replace(request, metric=default_metric(request.scenario, request.metric))
    check_observable(request.metric, request.scenario)
    if request.seed is None:
        return replace(request, seed=resolve_root_seed(None, request.scenario))
    return request


def explain(request: ExplainRequest, progress: ProgressFn | None = None) -> Explanation:
    """Run the decomposition (identical results on any executor and number of workers).

    Phase 1 runs A and A-with-one-lever for every lever; their effects set the path order;
    phase 2 runs the path's remaining cumulative steps. Variants are cached by their set of
    levers, so the path's first step and, with one lever, its last reuse phase 1. Both
    phases share one executor (one process pool or Dask cluster).

    Raises:
        ExplainError: unknown arm, benefit group or metric; levers that cannot be switched.
    """
    req = prepared(request)
    levers = find_levers(req.scenario, req.arm_from, req.arm_to)
    results: dict[frozenset[str], list[dict[str, dict[str, float]]]] = {}
    keep = KeepOutcomes(req.benefit)

    def variants(keys: list[frozenset[str]]) -> list[frozenset[str]]:
        return [k for k in dict.fromkeys(keys) if k not in results]

    def check(_: Run, value: dict[str, dict[str, float]]) -> None:
        check_metric(value, req)
        if progress is not None:
            progress()

    with open_study(study_request(req),
                    planned=planned_simulations(len(levers), req.replications,
                                                req.runs.count)) as study:
        def run(keys: list[frozenset[str]]) -> None:
            whole = req.scenario if req.scenario.one_world else alone(req.scenario, req.arm_to)
            designs = {k: whole if k == TO_ARM else counterfactual(
                req.scenario, req.arm_from, req.arm_to, [lv for lv in levers if lv.name in k])
                for k in keys}
            results.update(study.run(designs, keep, on_done=check))

        run(variants([frozenset(), TO_ARM] + [frozenset({lv.name}) for lv in levers]))
        base = values_of(results[frozenset()], req.arm_from, req.metric)
        check_values(base, req)
        oat = {lv.name: values_of(results[frozenset({lv.name})], req.arm_from, req.metric)
               for lv in levers}
        order = rank_levers(levers, {k: v - base for k, v in oat.items()}, req.runs)
        steps = [frozenset(order[:i]) for i in range(1, len(order) + 1)]
        run(variants(steps))
    path = [(order[i], values_of(results[k], req.arm_from, req.metric))
            for i, k in enumerate(steps)]
    ran = study.result
    return Explanation(
        request=req, levers=levers, baseline=base,
        to_arm=values_of(results[TO_ARM], req.arm_to, req.metric),
        shared=((values_of(results[TO_ARM], req.arm_from, req.metric),
                 values_of(results[TO_ARM], req.arm_to, req.metric))
                if req.scenario.one_world else None),
        one_at_a_time=oat, path=path, seconds=ran.seconds,
        simulations=ran.simulations, started=ran.started,
    )


def study_request(req: ExplainRequest) -> StudyRequest:
    """The study a (prepared) request runs: its replications of its root seed, where asked."""
    return StudyRequest(req.replications, int(req.seed or 0), req.workers, req.executor,
                        req.scheduler, members=req.members)


TO_ARM: frozenset[str] = frozenset({"<arm B on its own citizens>"})
"""The variant key of the reference run: arm B alone with its own citizens and design (a
trial's arms: the whole scenario, both arms in one world)."""


def planned_simulations(n_levers: int, replications: int, members: int = 1) -> int:
    """Simulations :func:`explain` runs: A, B for reference, one per lever, and the path's
    new steps, each under every member."""
    return (2 + n_levers + max(n_levers - 1, 0)) * replications * members


def check_metric(res: dict[str, dict[str, float]], req: ExplainRequest) -> None:
    """Stop at the first run if the metric asked for is not an outcome metric."""
    known = sorted({m for per_arm in res.values() for m in per_arm})
    if known and req.metric not in known:
        raise ExplainError(f"--metric {req.metric!r}: not an outcome metric; choose one of "
                           f"{', '.join(known)}")


def check_values(values: np.ndarray, req: ExplainRequest) -> None:
    """Stop before the levers run if arm A has no value of the metric in any run (no
    citizen of the benefit group, or none observed at the metric's week): an explanation
    of blanks must not be written as if it were one."""
    if not np.isfinite(values).any():
        raise ExplainError(
            f"--benefit {req.benefit} --metric {req.metric}: no citizen of arm "
            f"{req.arm_from!r} in that group has a value in any run (none in the group, or "
            "none observed at the metric's week); choose another --benefit or --metric")


def values_of(runs: list[dict[str, dict[str, float]]], arm: str, metric: str) -> np.ndarray:
    """One arm's metric per replication (NaN where a run has none)."""
    return np.array([r.get(arm, {}).get(metric, np.nan) for r in runs], float)


def progress_bar(total: int, label: str, enabled: bool = True
                 ) -> contextlib.AbstractContextManager[ProgressFn]:
    """The shared progress bar (jobfirst_sim.progress), labelled for explanations."""
    return shared_progress_bar(total, f"explain {label}", enabled)


# ---------------------------------------------------------------------------- output


def manifest(expl: Explanation, command: str = "", files: Sequence[str] = ()) -> dict[str, Any]:
    """The ``explain.json`` manifest: the common core (:mod:`jobfirst_sim.run.manifest`)
    plus what was compared, the levers, the path order and the levels."""
    from jobfirst_sim.run.manifest import config_hash
    from jobfirst_sim.run.manifest import manifest as common_manifest

    req = expl.request
    return common_manifest(
        kind="explain", root_seed=int(req.seed or 0), replications=req.replications,
        config_hash=config_hash(req.scenario), command=command, started=expl.started,
        seconds=expl.seconds, files=files,
        scenario=req.scenario.model_dump(mode="json"),
        scenario_name=req.scenario.name,
        **{"from": req.arm_from, "to": req.arm_to},
        metric=req.metric,
        benefit=req.benefit,
        levers=[{"name": lv.name, "fields": list(lv.fields), "from_value": lv.from_value,
                 "to_value": lv.to_value} for lv in expl.levers],
        path_order=[name for name, _ in expl.path],
        levels=expl.levels(),
        uncertainty=req.uncertainty,
        members=req.runs.count,
        member_indices=([m.index for m in req.members.members] if req.members else []),
        ensemble=ensemble_records(req.members),
        headline=expl.headline().to_json(),
        leans_on=[x.to_json() for x in expl.leanings()],
        member_totals=([float(x) if np.isfinite(x) else None for x in expl.member_totals()]
                       if req.members is not None else []),
        simulations=expl.simulations,
        workers=req.workers,
        executor=choose_executor(req.executor, req.workers, expl.simulations, req.scheduler),
    )


def write_tables(expl: Explanation, out_dir: Path, command: str = "",
                 extra_files: Sequence[str] = ()) -> list[Path]:
    """Write ``explain.parquet``, the per-run values a re-rendering reads
    (``explain_runs.parquet``, :mod:`.stored`) and ``explain.json`` atomically; return
    their paths."""
    from jobfirst_sim import io

    tables = {"explain.parquet": expl.table(), EXPLAIN_RUNS: explain_runs(
        expl.baseline, expl.to_arm, expl.one_at_a_time, expl.path, expl.shared)}
    return io.write_tables(Path(out_dir), tables, "explain.json",
                           lambda files: manifest(expl, command, files), extra_files)
