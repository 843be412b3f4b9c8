"""What a sweep directory offers its report: lever values, declared outcomes, paired effects.

Reads the consolidated tables written by :mod:`jobfirst_sim.run.sweep` (docs/sweeps.md):
``experiments.parquet`` (one row per run with lever values and status), ``outcomes.parquet``,
``summary.parquet``, ``sensitivity.parquet``, plus ``manifest.json`` for the declared
outcomes. Only the columns and rows needed are read (pyarrow filters), so a 1,000-run sweep
reports in seconds. Anything absent is recorded as a problem, never a traceback.

Why paired effects: every design point of a sweep meets the same citizens and companies in
replication r (common random numbers), so the difference between two points *within* a
replication cancels most noise; the interval is a t-interval over replications of the
paired differences (:func:`jobfirst_sim.stats.t_interval`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.dataset as ds

from jobfirst_sim import metrics
from jobfirst_sim.report.data import Problem, read_table
from jobfirst_sim.stats import t_interval

KEY_COLUMNS = ("point", "replication", "status")
MAX_LEVELS_PAIRED = 8  # more distinct values than this is a continuous lever: no pairs


@dataclass
class SweepData:
    """What a sweep directory offers the report."""

    path: Path
    manifest: dict[str, Any] = field(default_factory=dict)
    experiments: pd.DataFrame | None = None
    levers: list[str] = field(default_factory=list)
    outcome_specs: dict[str, dict[str, Any]] = field(default_factory=dict)
    values: pd.DataFrame | None = None  # point, replication, outcome, value
    summary: pd.DataFrame | None = None
    sensitivity: pd.DataFrame | None = None
    problems: list[Problem] = field(default_factory=list)


def _default_specs() -> dict[str, dict[str, Any]]:
    """The outcome shown when an old manifest declares none (the shipped trial's arm)."""
    return {"share_with_hours_w78": {"metric": "share_with_hours_w78", "arm": "jobfirst",
                                     "benefit": "all", "municipality": "all",
                                     "minus_arm": None, "direction": "maximize"}}


def outcome_values(path: Path, specs: dict[str, dict[str, Any]],
                   problems: list[Problem]) -> pd.DataFrame | None:
    """Per-run values of each declared outcome (:func:`jobfirst_sim.metrics.outcome_values`),
    read with a metric filter so only the needed rows are loaded."""
    f = path / "outcomes.parquet"
    if not f.exists():
        problems.append(Problem("outcomes.parquet", "missing_file"))
        return None
    wanted = sorted({str(s.get("metric")) for s in specs.values()})
    try:
        df = ds.dataset(f).to_table(
            filter=ds.field("metric").isin(wanted),
            columns=["point", "replication", "arm", "benefit", "municipality", "metric",
                     "value"]).to_pandas()
    except Exception as exc:  # corrupt or old file: explain, do not crash
        problems.append(Problem("outcomes.parquet", "unreadable_file", str(exc)[:200]))
        return None
    out = metrics.outcome_values(df, specs)
    if out.empty or out["value"].notna().sum() == 0:
        problems.append(Problem("outcomes.parquet", "empty_table",
                                "no rows for the declared outcomes"))
        return None
    return out


def load_sweep(path: Path) -> SweepData:
    """Load a sweep directory; every problem is recorded, nothing raises."""
    data = SweepData(path=path)
    mpath = path / "manifest.json"
    if mpath.exists():
        try:
            data.manifest = json.loads(mpath.read_text(encoding="utf-8"))
        except ValueError as exc:
            data.problems.append(Problem("manifest.json", "unreadable_file", str(exc)[:200]))
    else:
        data.problems.append(Problem("manifest.json", "missing_file"))
    data.experiments = read_table(path / "experiments.parquet", ("point", "replication"),
                                  data.problems)
    if data.experiments is not None:
        data.levers = [c for c in data.experiments.columns if c not in KEY_COLUMNS]
        if "status" in data.experiments:
            bad = data.experiments[data.experiments["status"] != "ok"]
            if len(bad):
                data.problems.append(Problem(
                    "experiments.parquet", "runs not finished",
                    ", ".join(f"{k}: {v}" for k, v in bad["status"].value_counts().items())))
    specs = data.manifest.get("outcomes")
    data.outcome_specs = with_arm_labels(
        specs if isinstance(specs, dict) and specs else _default_specs(), data.manifest)
    data.values = outcome_values(path, data.outcome_specs, data.problems)
    data.summary = read_table(path / "summary.parquet", ("outcome", "point", "mean"),
                              data.problems)
    spath = path / "sensitivity.parquet"
    if spath.exists():
        data.sensitivity = read_table(spath, ("outcome", "parameter", "index", "value"),
                                      data.problems)
    return data


def with_levers(values: pd.DataFrame, experiments: pd.DataFrame, levers: list[str]
                ) -> pd.DataFrame:
    """Outcome values with each run's lever values attached (by design point)."""
    lv = experiments[["point", *levers]].drop_duplicates("point")
    return values.merge(lv, on="point", how="left")


def paired_effects(values: pd.DataFrame, experiments: pd.DataFrame, levers: list[str]
                   ) -> pd.DataFrame:
    """Effect of each lever level against the lever's first level, paired by replication.

    For lever L and level ℓ, every pair of design points equal in all other levers and
    with L = baseline vs L = ℓ gives one difference per replication; differences are
    averaged within a replication, then a t-interval is taken over replications.
    Continuous levers (more than ``MAX_LEVELS_PAIRED`` values) have no such pairs.
    """
    df = with_levers(values, experiments, levers)
    rows = []
    for lever in levers:
        levels = sorted(df[lever].dropna().unique().tolist(), key=sort_key)
        if len(levels) < 2 or len(levels) > MAX_LEVELS_PAIRED:
            continue
        others = [x for x in levers if x != lever]
        base = levels[0]
        for outcome, d in df.groupby("outcome", sort=False):
            key = [*others, "replication"] if others else ["replication"]
            d = d.copy()
            for o in others:  # NaN-safe grouping keys
                d[o] = d[o].astype(str)
            b = d[d[lever] == base].set_index(key)["value"]
            for lvl in levels[1:]:
                x = d[d[lever] == lvl].set_index(key)["value"]
                diff = (x - b).dropna()
                if diff.empty:
                    continue
                per_rep = diff.groupby(level="replication").mean()
                m, lo, hi, _ = t_interval(per_rep.to_numpy())
                rows.append({"lever": lever, "level": lvl, "baseline": base,
                             "outcome": outcome, "effect": m, "ci_low": lo, "ci_high": hi,
                             "n_replications": len(per_rep), "n_pairs": len(diff)})
    return pd.DataFrame(rows, columns=["lever", "level", "baseline", "outcome", "effect",
                                       "ci_low", "ci_high", "n_replications", "n_pairs"])


def sort_key(v: Any) -> tuple[int, Any]:
    """Lever levels in reading order: numbers (and booleans) by value, then text."""
    if isinstance(v, bool | np.bool_):
        return (0, int(v))
    if isinstance(v, int | float | np.number):
        return (0, float(v))
    return (1, str(v))


def choose_heat_levers(experiments: pd.DataFrame, levers: list[str]) -> tuple[str, str] | None:
    """The two levers for the heat map: the varying ones with the most levels (≤ 12) first."""
    varying = [lv for lv in levers if experiments[lv].nunique() > 1]
    if len(varying) < 2:
        return None
    varying.sort(key=lambda lv: (experiments[lv].nunique() > 12, -experiments[lv].nunique()))
    return varying[0], varying[1]


def untouched_arms(arms: list[str], parameters: list[str]) -> set[str]:
    """Arms no lever or uncertainty can change, so they are the same at every design point.

    A parameter path ``arms.<name>.…`` changes only that arm; any other path (behaviour,
    municipalities) changes every arm. Why: the weekly figure draws such an arm once, as
    the common reference, instead of once per point; it is read from the design, never
    from an arm's name.
    """
    if any(not p.startswith("arms.") for p in parameters):
        return set()
    touched = {p.split(".")[1] for p in parameters if p.count(".") >= 2}
    return {a for a in arms if a not in touched}


def parameter_paths(manifest: dict[str, Any]) -> list[str]:
    """The scenario paths the sweep's levers and uncertainties set, read from the resolved
    experiment in its manifest: a categories lever (``role_model``) sets every path its
    categories name, a lever with a ``path`` sets that path, any other its own name.

    Why: :func:`untouched_arms` must see that ``role_model`` changes only
    ``arms.jobfirst.…``, or it cannot find the arm that stays the same at every point (the
    weekly figure then draws both arms of each point in the point's colour)."""
    params = manifest.get("parameters")
    names = [str(p) for k in ("levers", "uncertainties")
             for p in ((params.get(k) or []) if isinstance(params, dict) else [])]
    resolved = manifest.get("experiment_resolved")
    out: list[str] = []
    for name in names:
        spec: Any = None
        if isinstance(resolved, dict):
            for k in ("levers", "uncertainties"):
                section = resolved.get(k)
                if isinstance(section, dict) and isinstance(section.get(name), dict):
                    spec = section[name]
        categories = spec.get("categories") if isinstance(spec, dict) else None
        if isinstance(categories, dict) and categories:
            out += [str(p) for c in categories.values() if isinstance(c, dict) for p in c]
        elif isinstance(spec, dict) and isinstance(spec.get("path"), str):
            out.append(spec["path"])
        else:
            out.append(name)
    return list(dict.fromkeys(out))


ARM_LABELS = "arm_labels"
"""The key under which :func:`with_arm_labels` adds the arms' labels to an outcome's spec."""


def arm_labels(manifest: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Arm -> {language: the scenario's ``label:``} for every arm the manifest's scenario
    labels (a run's ``scenario`` or a sweep's ``resolved_scenario``); empty without any."""
    scen = manifest.get("scenario") or manifest.get("resolved_scenario") or {}
    arms = scen.get("arms") if isinstance(scen, dict) else None
    out: dict[str, dict[str, str]] = {}
    for arm in arms if isinstance(arms, list) else []:
        label = arm.get("label") if isinstance(arm, dict) else None
        if isinstance(label, dict) and isinstance(arm.get("name"), str):
            out[str(arm["name"])] = {str(k): str(v) for k, v in label.items()
                                     if isinstance(v, str)}
    return out


def with_arm_labels(specs: dict[str, dict[str, Any]], manifest: dict[str, Any]
                    ) -> dict[str, dict[str, Any]]:
    """Declared outcomes, each with the labels of its arms (``arm``, ``minus_arm``) added
    under :data:`ARM_LABELS`, so every page names an outcome's arms as the scenario does
    ("JobFirst − Normal indsats"), as the run report's prose does, never by their ids."""
    labels = arm_labels(manifest)
    out = {}
    for name, spec in specs.items():
        own = {a: labels[a] for a in (spec.get("arm"), spec.get("minus_arm"))
               if isinstance(a, str) and a in labels}
        out[name] = {**spec, ARM_LABELS: own} if own else dict(spec)
    return out
