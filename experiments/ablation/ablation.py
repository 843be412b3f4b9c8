"""What rests on sources: the trial's JobFirst-vs-control gap with each unsourced one-arm
multiplier switched off, one at a time and all together (issue 21, part 4).

Why: much of the model's JobFirst effect is carried by multipliers that act only where a
JobFirst practice is on (hours dialogue, lifeline, purpose protection, work agreement,
company record, switch...), and no source sizes them. Each has a ``neutral`` value in its
schema prior (:func:`jobfirst_sim.scenario.priors.priors`): at neutral the mechanism does
nothing. Setting them to neutral one by one says how much of the trial's gap (T1, the
share currently with ordinary hours in week 78 of cash-benefit citizens, JobFirst minus
control) each carries; all at once says how much the sourced mechanisms carry alone.
**This is a statement, not a target: nothing is tuned to it.**

Every variant is the trial replica at the shipped defaults with only the named
parameters changed, run on the same replication seeds (common random numbers), so the
change from the full gap is a paired difference over replications and the share of the
gap kept a ratio of paired means (Fieller's interval, :mod:`jobfirst_sim.stats`). T2
(mean ordinary hours in week 78) comes free from the same runs. Runs go through the study
spine (:func:`jobfirst_sim.run.study.run_study`) with a :class:`KeepGap` that sends back
only the two arms' T1 and T2.

Rerun (after a new calibration changes the defaults), from the repository root::

    .venv/bin/python experiments/ablation/ablation.py

(20 replications on 2 workers, seed 424242: a few minutes on 2 cores). It writes the
package data ``jobfirst_sim/report/data/ablation.json`` (read by the explain page through
:mod:`jobfirst_sim.report.ablation`) and prints the Markdown table of docs/model.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from jobfirst_sim.domain import ArmRole  # noqa: E402
from jobfirst_sim.io import write_json  # noqa: E402
from jobfirst_sim.report.ablation import ablation_markdown, defaults_sha256  # noqa: E402
from jobfirst_sim.run.manifest import config_hash  # noqa: E402
from jobfirst_sim.run.study import Run, StudyRequest, run_study  # noqa: E402
from jobfirst_sim.scenario import Scenario, build_scenario, load_raw  # noqa: E402
from jobfirst_sim.scenario.ensemble import Member  # noqa: E402
from jobfirst_sim.scenario.priors import PriorRow, priors  # noqa: E402
from jobfirst_sim.stats import fieller_interval, paired_difference, t_interval  # noqa: E402
from jobfirst_sim.targets import TARGETS  # noqa: E402
from jobfirst_sim.versions import git_commit  # noqa: E402

SCENARIO = Path("scenarios") / "jobfirst_trial.yaml"
"""The trial replica, relative to the repository root (as the file records it)."""
OUT = ROOT / "jobfirst_sim" / "report" / "data" / "ablation.json"
SEED = 424242
"""The calibration's root seed (experiments/calibration)."""
BENEFIT = "kontanthjaelp"
MEASURES: dict[str, str] = {
    tid: next(t.metric for t in TARGETS if t.id == tid) for tid in ("T1", "T2")}
"""The trial figures whose gap is measured, and their per-run outcome."""
FULL, ALL = "full", "all"
"""Variant keys: nothing changed; every multiplier at neutral (the others are paths)."""


def multipliers() -> list[PriorRow]:
    """The unsourced one-arm multipliers: behaviour priors with a ``neutral`` value."""
    return [row for row in priors()
            if row.neutral is not None and row.path.startswith("behaviour.")]


@dataclass(frozen=True)
class Variant:
    """One design of the ablation: its key and the parameters it sets to neutral."""

    key: str
    changes: tuple[tuple[str, float], ...]

    def apply(self, scenario: Scenario) -> Scenario:
        return Member(0, 1.0, self.changes).apply(scenario)


def variants(rows: Sequence[PriorRow]) -> list[Variant]:
    """Nothing changed, each multiplier at neutral alone, all at neutral together."""
    one = [Variant(r.path, ((r.path, float(r.neutral or 0.0)),)) for r in rows]
    return [Variant(FULL, ()), *one,
            Variant(ALL, tuple(c for v in one for c in v.changes))]


@dataclass(frozen=True)
class KeepGap:
    """What a run sends back (a :class:`~jobfirst_sim.run.study.Keep`): each measure of the
    two arms in one benefit group, ``{"T1:treatment": value, ...}``."""

    benefit: str
    treatment: str
    control: str

    def __call__(self, run: Run) -> dict[str, float]:
        from jobfirst_sim.model.observe.outcomes import outcomes_table
        from jobfirst_sim.run.simulate import run_model

        model = run_model(run.scenario, run.replication, run.seed, panel=False,
                          agents=False, journeys_per_arm=0, weekly=False)
        out = outcomes_table(model, by_municipality=False)
        sel = out[(out["municipality"] == "all") & (out["benefit"] == self.benefit)]
        got = {(str(a), str(m)): float(v)
               for a, m, v in zip(sel["arm"], sel["metric"], sel["value"], strict=True)}
        return {f"{tid}:{role}": got.get((arm, metric), float("nan"))
                for tid, metric in MEASURES.items()
                for role, arm in (("treatment", self.treatment), ("control", self.control))}


def _num(x: float) -> float | None:
    return float(x) if np.isfinite(x) else None


def measure_row(values: list[dict[str, float]], full: list[dict[str, float]],
                tid: str) -> dict[str, Any]:
    """One measure of one variant: both arms, the gap, its change from the full gap and
    the share of the full gap kept, each with its 95 % interval over replications."""
    treat = np.array([v[f"{tid}:treatment"] for v in values])
    ctrl = np.array([v[f"{tid}:control"] for v in values])
    gap = treat - ctrl
    base = np.array([v[f"{tid}:treatment"] - v[f"{tid}:control"] for v in full])
    g, d, k = t_interval(gap), paired_difference(base, gap), fieller_interval(gap, base)
    return {"treatment": _num(float(np.mean(treat))), "control": _num(float(np.mean(ctrl))),
            "gap": _num(g.mean), "gap_low": _num(g.low), "gap_high": _num(g.high),
            "change": _num(d.mean), "change_low": _num(d.low), "change_high": _num(d.high),
            "kept": _num(k.estimate), "kept_low": _num(k.low), "kept_high": _num(k.high),
            "gaps": [_num(x) for x in gap]}


def ablate(scenario: Scenario, *, replications: int, seed: int, workers: int = 1,
           rows: Sequence[PriorRow] | None = None, benefit: str = BENEFIT
           ) -> dict[str, Any]:
    """The ablation table of ``scenario`` (which needs a treatment and a control arm).

    Returns ``{"rows": [...], "seconds": ..., "simulations": ...}``: one row per
    :func:`variants` entry with ``variant`` (``full``, ``one`` or ``all``), ``path``,
    ``default``, ``neutral``, ``parameters`` (what it set to neutral) and one block per
    measure (:func:`measure_row`).
    """
    rows = list(multipliers() if rows is None else rows)
    treat = scenario.arm_with_role(ArmRole.treatment)
    ctrl = scenario.arm_with_role(ArmRole.control)
    if treat is None or ctrl is None:
        raise ValueError(f"{scenario.name}: the ablation needs a treatment and a control arm")
    todo = variants(rows)
    designs = {v.key: v.apply(scenario) for v in todo}
    request = StudyRequest(replications, seed, workers)
    values, result = run_study(request, designs, KeepGap(benefit, treat.name, ctrl.name))
    by_path = {r.path: r for r in rows}
    out = []
    for v in todo:
        row = by_path.get(v.key)
        out.append({
            "variant": v.key if v.key in (FULL, ALL) else "one",
            "path": None if row is None else row.path,
            "default": None if row is None else row.default,
            "neutral": None if row is None else row.neutral,
            "parameters": [p for p, _ in v.changes],
            **{tid: measure_row(values[v.key], values[FULL], tid) for tid in MEASURES},
        })
    return {"rows": out, "seconds": result.seconds, "simulations": result.simulations,
            "arms": {"treatment": treat.name, "control": ctrl.name}}


def provenance() -> dict[str, Any]:
    """Where the defaults the ablation ran at come from (they change with a calibration)."""
    out: dict[str, Any] = {
        "source": "jobfirst_sim/scenario/behaviour.py (the shipped behaviour defaults)",
        "behaviour_sha256": defaults_sha256(),
        "git_commit": git_commit(ROOT / "jobfirst_sim"),
    }
    calibration = ROOT / "experiments" / "calibration"
    for name in ("calibration.json", "fit.json"):  # the ensemble's diagnostics, else the fit
        path = calibration / name
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            keep = ("method", "date", "objective", "evaluations", "converged", "seed",
                    "replications_per_evaluation", "representative", "members")
            out["calibration"] = {"file": f"experiments/calibration/{name}",
                                  **{k: data[k] for k in keep
                                     if isinstance(data.get(k), str | int | float | bool)}}
            break
    return out


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=20, help="replications per variant (20)")
    ap.add_argument("--workers", type=int, default=2, help="worker processes (2)")
    ap.add_argument("--seed", type=int, default=SEED, help=f"root seed ({SEED})")
    ap.add_argument("--out", type=Path, default=OUT, help="where the JSON goes "
                    "(default: the package data the explain page reads)")
    args = ap.parse_args(argv)
    if args.reps < 2:
        ap.error("--reps must be at least 2 (an interval needs two replications)")
    if args.workers < 1:
        ap.error("--workers must be at least 1")
    scenario = build_scenario(load_raw(ROOT / SCENARIO), str(SCENARIO))
    print(f"ablation: {len(multipliers()) + 2} variants x {args.reps} replications on "
          f"{args.workers} workers", file=sys.stderr, flush=True)
    t0 = time.time()
    table = ablate(scenario, replications=args.reps, seed=args.seed, workers=args.workers)
    data = {
        "what": "the trial's JobFirst-vs-control gap with each unsourced one-arm multiplier "
                "at its neutral value, one at a time and all together (a statement, not "
                "a target: nothing is tuned to it)",
        "scenario": SCENARIO.as_posix(), "scenario_sha256": config_hash(scenario),
        "benefit": BENEFIT, "measures": MEASURES, "week": 78,
        "seed": args.seed, "replications": args.reps, "workers": args.workers,
        "date": dt.date.today().isoformat(),
        "command": "python experiments/ablation/ablation.py "
                   f"--reps {args.reps} --workers {args.workers} --seed {args.seed}",
        "defaults": provenance(), **table,
        "wall_seconds": round(time.time() - t0, 1),
    }
    write_json(args.out, data)
    print(f"wrote {args.out} in {data['wall_seconds']} s", file=sys.stderr)
    print(ablation_markdown(json.loads(args.out.read_text(encoding="utf-8"))))


if __name__ == "__main__":
    main()
