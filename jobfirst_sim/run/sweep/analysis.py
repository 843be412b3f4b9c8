"""From consolidated tables to answers: declared outcomes per design point, sensitivity.

* :func:`outcome_values` — one value per run and declared outcome (with ``minus_arm``
  the paired within-run difference, which common random numbers make precise).
* :func:`summarise` — mean, sd and 95 % t-interval (:mod:`jobfirst_sim.stats`) per design
  point and outcome; under an ensemble (``--uncertainty parameters``) the members'
  weighted mean and an interval that combines their spread with their noise
  (:func:`jobfirst_sim.ensemble_stats.combine`).
* :func:`sensitivity` — Sobol first/total-order indices with bootstrap confidence
  intervals (Saltelli design) or Morris screening (mu*, sigma), via SALib, on the
  replication-mean of each declared outcome.

Why replication means for sensitivity: Sobol/Morris attribute the variance of a
deterministic function to its inputs; averaging the replications (which share random
streams across points) removes most simulation noise from that function.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

from jobfirst_sim import metrics
from jobfirst_sim.run.sweep.experiment import LoadedExperiment
from jobfirst_sim.run.sweep.samplers import salib_problem
from jobfirst_sim.run.sweep.store import write_parquet
from jobfirst_sim.stats import LEVEL, t_quantile


def outcome_values(root: Path, loaded: LoadedExperiment) -> pd.DataFrame:
    """Declared outcomes per run: columns point, replication, outcome, value.

    Reads only the needed metrics from ``outcomes.parquet`` (filter pushdown); the turning
    of rows into declared outcomes is :func:`jobfirst_sim.metrics.outcome_values`, which the
    sweep report uses too, so both agree."""
    path = Path(root) / "outcomes.parquet"
    outcomes = loaded.experiment.outcomes
    if not path.exists():
        return pd.DataFrame(columns=["point", "replication", "outcome", "value"])
    wanted = sorted({o.metric for o in outcomes.values()})
    table = ds.dataset(path).to_table(
        filter=ds.field("metric").isin(wanted),
        columns=["point", "replication", "arm", "benefit", "municipality", "metric", "value"],
    )
    df: pd.DataFrame = table.to_pandas()
    return metrics.outcome_values(df, {name: o.model_dump() for name, o in outcomes.items()})


def missing_outcomes(values: pd.DataFrame, loaded: LoadedExperiment) -> list[str]:
    """Declared outcomes that matched no row (a metric name the model does not report)."""
    have = set(values.dropna(subset=["value"]).outcome)
    return [n for n in loaded.experiment.outcomes if n not in have]


def summarise(values: pd.DataFrame, loaded: LoadedExperiment) -> pd.DataFrame:
    """Mean, sd, n and 95 % t-interval per design point and outcome, with parameters."""
    exp = loaded.experiment
    g = values.dropna(subset=["value"]).groupby(["outcome", "point"], sort=True)["value"]
    summ = g.agg(mean="mean", sd="std", n="count").reset_index()
    # the one interval rule (jobfirst_sim.stats): NaN bounds below two replications
    half = t_quantile(summ["n"].to_numpy(), LEVEL) * summ["sd"] / np.sqrt(summ["n"])
    summ["ci_low"] = summ["mean"] - half
    summ["ci_high"] = summ["mean"] + half
    if loaded.members is not None:
        _combine_members(summ, values.dropna(subset=["value"]), loaded)
    summ["direction"] = summ["outcome"].map({k: v.direction for k, v in exp.outcomes.items()})
    params = pd.DataFrame([{"point": p.id, **p.values} for p in loaded.points])
    for col in exp.parameters:
        if params[col].map(type).nunique() > 1:  # e.g. [16, null]: keep one column type
            params[col] = params[col].map(lambda v: None if v is None else str(v))
    summ = summ.merge(params, on="point", how="left")
    order = {k: i for i, k in enumerate(exp.outcomes)}
    summ["_o"] = summ["outcome"].map(order)
    return (
        summ.sort_values(["_o", "point"], kind="stable").drop(columns="_o").reset_index(drop=True)
    )


def _combine_members(summ: pd.DataFrame, values: pd.DataFrame, loaded: LoadedExperiment
                     ) -> None:
    """Replace mean and interval of each row of ``summ`` by the members' combination
    (slot ``j`` is member ``j % K``: :meth:`LoadedExperiment.slot`)."""
    from jobfirst_sim.ensemble_stats import member_interval

    assert loaded.members is not None
    k = len(loaded.members)
    if k == 1:  # the rule reduces to the t-interval already there (kept to the last bit)
        return
    weights = [m.weight for m in loaded.members.members]
    groups = values.groupby(["outcome", "point"], sort=True)
    for i, row in summ.iterrows():
        rows = groups.get_group((row["outcome"], row["point"]))
        got = member_interval(rows["value"].to_numpy(float),
                              rows["replication"].to_numpy() % k, weights)
        summ.loc[i, ["mean", "ci_low", "ci_high"]] = [got.mean, got.low, got.high]


def sensitivity(values: pd.DataFrame, loaded: LoadedExperiment, seed: int) -> pd.DataFrame | None:
    """Sobol (S1, ST with confidence) or Morris (mu, mu*, sigma) per outcome and parameter.

    Returns None if the design does not support it. Needs every design point to have at
    least one finished replication (SALib requires the complete design).
    """
    method = loaded.experiment.sensitivity_method
    if method is None or loaded.unit_samples is None:
        return None
    names = list(loaded.experiment.parameters)
    problem = salib_problem(names)
    n_points = len(loaded.points)
    rows = []
    for outcome in loaded.experiment.outcomes:
        y = (
            values[values.outcome == outcome]
            .groupby("point")["value"]
            .mean()
            .reindex(range(n_points))
            .to_numpy(dtype=float)
        )
        if np.isnan(y).any():
            continue
        if method == "sobol":
            from SALib.analyze import sobol

            res = sobol.analyze(
                problem,
                y,
                calc_second_order=False,
                num_resamples=200,
                conf_level=0.95,
                seed=seed,
            )
            for i, p in enumerate(names):
                rows.append((outcome, "sobol", p, "S1", res["S1"][i], res["S1_conf"][i]))
                rows.append((outcome, "sobol", p, "ST", res["ST"][i], res["ST_conf"][i]))
        else:
            from SALib.analyze import morris

            res = morris.analyze(
                problem,
                np.asarray(loaded.unit_samples),
                y,
                num_resamples=200,
                conf_level=0.95,
                num_levels=loaded.experiment.design.morris_levels,
                seed=seed,
            )
            for i, p in enumerate(names):
                rows.append((outcome, "morris", p, "mu", res["mu"][i], np.nan))
                rows.append(
                    (outcome, "morris", p, "mu_star", res["mu_star"][i], res["mu_star_conf"][i])
                )
                rows.append((outcome, "morris", p, "sigma", res["sigma"][i], np.nan))
    return pd.DataFrame(
        rows, columns=["outcome", "method", "parameter", "index", "value", "conf"]
    ).astype({"value": float, "conf": float})


def write_table(df: pd.DataFrame, root: Path, stem: str) -> list[Path]:
    """Write ``stem.parquet`` (fixed settings, atomic) and ``stem.csv`` (for spreadsheets)."""
    from jobfirst_sim.run.sweep.store import atomic_write

    root = Path(root)
    table = pa.Table.from_pandas(df, preserve_index=False)
    write_parquet(table, root / f"{stem}.parquet")
    csv = df.to_csv(index=False, float_format="%.10g", lineterminator="\n")
    atomic_write(root / f"{stem}.csv", csv.encode("utf-8"))
    return [root / f"{stem}.parquet", root / f"{stem}.csv"]
