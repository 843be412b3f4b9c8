"""Query consolidated sweep tables without loading them whole.

Why: a Sobol sweep of the trial replica has millions of weekly rows. ``pyarrow.dataset``
reads only the requested columns and skips row groups whose statistics exclude the
filter (the tables are sorted by point and replication), so a question like "T1 in the
JobFirst arm for design points with caseload 30" touches a small part of the file.

Example::

    from jobfirst_sim.run.sweep import query
    df = query("results/caseload_x_roles", "outcomes",
               where={"metric": "share_with_hours_w78", "arm": "jobfirst", "benefit": "all"},
               with_parameters=True)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import reduce
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.dataset as ds


def _expression(where: Mapping[str, Any]) -> ds.Expression | None:
    parts = []
    for col, want in where.items():
        if isinstance(want, list | tuple | set | frozenset):
            parts.append(ds.field(col).isin(list(want)))
        else:
            parts.append(ds.field(col) == want)
    return reduce(lambda a, b: a & b, parts) if parts else None


def query(
    root: str | Path,
    table: str = "outcomes",
    *,
    where: Mapping[str, Any] | None = None,
    columns: Sequence[str] | None = None,
    with_parameters: bool = False,
) -> pd.DataFrame:
    """Rows of ``table`` (outcomes, weekly, funnel, staff, companies, experiments)
    matching ``where`` (column -> value or list of values), optionally joined with the
    parameter values of each run from ``experiments.parquet``."""
    root = Path(root)
    dataset = ds.dataset(root / f"{table}.parquet", format="parquet")
    expr = _expression(where or {})
    cols = list(columns) if columns is not None else None
    if cols is not None and with_parameters:
        cols = list(dict.fromkeys(["point", "replication", *cols]))
    df: pd.DataFrame = dataset.to_table(filter=expr, columns=cols).to_pandas()
    if with_parameters and table != "experiments":
        exp = ds.dataset(root / "experiments.parquet").to_table().to_pandas()
        df = df.merge(exp.drop(columns="status"), on=["point", "replication"], how="left")
    return df
