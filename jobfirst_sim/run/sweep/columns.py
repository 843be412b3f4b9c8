"""Column helpers of the consolidated sweep tables.

Why fixed rules: the consolidated tables must be byte-identical whatever the executor or
the order in which runs finished, so each parameter column gets one Arrow type and the
rows of each run one deterministic order, independent of how the run file was written.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa


def typed_column(values: list[Any]) -> pa.Array:
    """One Arrow type per parameter column: bool, int64, float64, else strings."""
    non_null = [v for v in values if v is not None]
    if non_null and all(isinstance(v, bool) for v in non_null):
        return pa.array(values, pa.bool_())
    if non_null and all(isinstance(v, int) and not isinstance(v, bool) for v in non_null):
        return pa.array(values, pa.int64())
    if non_null and all(isinstance(v, int | float) and not isinstance(v, bool) for v in non_null):
        return pa.array([None if v is None else float(v) for v in values], pa.float64())
    return pa.array([None if v is None else str(v) for v in values], pa.string())


def with_keys(table: pa.Table, point: int, replication: int) -> pa.Table:
    """Put ``point`` and ``replication`` first and sort the run's rows deterministically."""
    n = table.num_rows
    if "replication" in table.column_names:
        table = table.drop_columns(["replication"])
    table = table.add_column(0, "replication", pa.array([replication] * n, pa.int32()))
    table = table.add_column(0, "point", pa.array([point] * n, pa.int32()))
    sort_cols = [
        c
        for c, t in zip(table.column_names, table.schema.types, strict=True)
        if pa.types.is_integer(t)
        or pa.types.is_string(t)
        or pa.types.is_large_string(t)
        or pa.types.is_boolean(t)
        or pa.types.is_dictionary(t)
    ]
    if sort_cols:
        table = table.sort_by([(c, "ascending") for c in sort_cols])
    return table.replace_schema_metadata(None)
