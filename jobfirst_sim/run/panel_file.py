"""``panel.parquet`` written as a stream: one replication at a time, in replication order.

Why: concatenating every replication's panel in memory peaked at 7 GB for one replication
of 100,000 citizens and failed at three. Now each replication's panel is written (by the
process that simulated it) to a part file ``panel-parts/<replication>.parquet`` in the
run's temporary folder, block by block of citizens (:func:`write_part`); a worker on
another machine returns the part's bytes instead, which are spilled to the same place as
they arrive. At the end :class:`PanelWriter` streams the parts in replication order into
``panel.parquet`` -- whatever order the executor finished them in -- holding at most one
row group. Row groups are cut every :data:`ROW_GROUP_ROWS` rows across replications, as
``DataFrame.to_parquet`` did, so the file has the same rows, columns, types and row
groups as when the panel was built whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROW_GROUP_ROWS = 1024 * 1024
"""Rows per row group: pyarrow's default, which ``DataFrame.to_parquet`` used."""

PARQUET_SETTINGS: dict[str, Any] = {"compression": "zstd"}
"""The settings of :func:`jobfirst_sim.io.write_parquet` (byte-stable output)."""


def part_path(parts_dir: Path, replication: int) -> Path:
    """Where replication ``replication``'s part of the panel is written."""
    return Path(parts_dir) / f"{replication:06d}.parquet"


def write_part(frames: Iterable[pd.DataFrame], where: Path | pa.NativeFile) -> int:
    """Write one replication's panel frames (in file order) as Parquet; return rows written."""
    writer: pq.ParquetWriter | None = None
    rows = 0
    try:
        for frame in frames:
            table = pa.Table.from_pandas(frame, preserve_index=False)
            if writer is None:
                writer = pq.ParquetWriter(where, table.schema, **PARQUET_SETTINGS)
            writer.write_table(table.replace_schema_metadata(writer.schema.metadata))
            rows += table.num_rows
    finally:
        if writer is not None:
            writer.close()
    return rows


def part_bytes(frames: Iterable[pd.DataFrame]) -> bytes:
    """One replication's panel as Parquet bytes (for a worker that cannot reach our disk)."""
    sink = pa.BufferOutputStream()
    write_part(frames, sink)
    return bytes(sink.getvalue())


class PanelWriter:
    """Appends replication parts to one Parquet file in fixed-size row groups.

    Parts are read one of their row groups at a time (a block of citizens) and at most
    one output row group is pending, so memory does not grow with the panel. The pending
    pieces are written as they are, without copying them together: the Parquet writer
    gives the same bytes for a table in pieces as for one in one piece.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.writer: pq.ParquetWriter | None = None
        self.pending: list[pa.Table] = []
        self.rows = 0
        self.total = 0

    def add_part(self, part: Path) -> None:
        """Stream one part file (a replication) into the panel."""
        if not part.exists() or part.stat().st_size == 0:
            return  # a replication without panel rows
        source = pq.ParquetFile(part, pre_buffer=False)
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.path, source.schema_arrow, **PARQUET_SETTINGS)
        for i in range(source.num_row_groups):
            self.pending.append(source.read_row_group(i))
            self.rows += self.pending[-1].num_rows
            while self.rows >= ROW_GROUP_ROWS:
                self._write(ROW_GROUP_ROWS)

    def _write(self, rows: int) -> None:
        """Write the first ``rows`` pending rows as one row group; keep the rest pending."""
        assert self.writer is not None
        table = pa.concat_tables(self.pending)
        self.pending = []
        head, tail = table.slice(0, rows), table.slice(rows)
        del table
        self.writer.write_table(head.replace_schema_metadata(self.writer.schema.metadata),
                                row_group_size=ROW_GROUP_ROWS)
        self.total += head.num_rows
        self.pending = [tail] if tail.num_rows else []
        self.rows = tail.num_rows

    def close(self, empty: pd.DataFrame | None = None) -> int:
        """Finish the file (``empty``: the frame written when no part had rows)."""
        if self.writer is None:
            frame = empty if empty is not None else pd.DataFrame()
            frame.to_parquet(self.path, engine="pyarrow", index=False, **PARQUET_SETTINGS)
            return 0
        if self.rows:
            self._write(self.rows)
        self.writer.close()
        self.writer = None
        return self.total
