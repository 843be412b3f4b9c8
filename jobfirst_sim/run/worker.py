"""What a sweep runs on a worker: a chunk of (design point, replication) runs → encoded results.

Why workers return bytes instead of writing files: a Dask worker may sit on another host
without the results directory mounted. Each run's tables are encoded into one Parquet
blob here and the sweep process (the single writer) stores it atomically. Why a chunk:
one scheduler round-trip per several runs keeps Dask/process-pool overhead small.

Why each run file carries its provenance (Parquet key-value metadata ``jobfirst``: design
point, replication, root seed, SHA-256 of the resolved scenario that ran, and the model
fingerprint of the worker that ran it): a file copied in from another sweep, or made by
another version of the model, is recognised on ``--resume`` and never counted
(:func:`run_provenance`). The metadata is dropped when tables are consolidated, so the
consolidated files do not change.

Why errors are caught per run: one failing run must not take its chunk-mates with it;
its traceback travels back as text and is recorded in the store.
"""

from __future__ import annotations

import io
import json
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from jobfirst_sim.run.manifest import config_hash
from jobfirst_sim.scenario.schema import Scenario
from jobfirst_sim.versions import model_fingerprint

PROVENANCE_KEY = b"jobfirst"
"""Parquet metadata key of a run file's provenance (:func:`provenance`)."""
STORED_TABLES: tuple[str, ...] = ("outcomes", "weekly", "funnel", "staff", "companies")
"""Tables of ``RunTables`` kept per run (journeys/panel are per-citizen and not swept)."""

SimulateFn = Callable[..., Any]
"""``simulate(scenario, replication, root_seed) -> RunTables`` (see jobfirst_sim.run.simulate)."""


@dataclass(frozen=True)
class RunTask:
    """One run: design point ``point`` of the sweep, replication ``replication``."""

    point: int
    replication: int
    scenario: Scenario
    seed_replication: int | None = None
    """Whose random numbers the run uses (None: ``replication``'s; see
    :meth:`~jobfirst_sim.run.sweep.experiment.LoadedExperiment.slot`)."""
    member: int | None = None
    """The ensemble member it runs under (its tables get a ``member`` column)."""

    @property
    def key(self) -> tuple[int, int]:
        return (self.point, self.replication)


@dataclass(frozen=True)
class RunResult:
    """What a worker sends back for one run: encoded tables or a traceback."""

    point: int
    replication: int
    payload: bytes | None
    error: str | None
    seconds: float

    @property
    def key(self) -> tuple[int, int]:
        return (self.point, self.replication)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class RunChunk:
    """A sweep's unit of work for the executors: several runs under one root seed.

    ``simulate`` stands in for :func:`jobfirst_sim.run.simulate.simulate` (tests inject
    faults with it; it must pickle for the process and dask executors).
    """

    runs: tuple[RunTask, ...]
    root_seed: int
    simulate: SimulateFn | None = None

    @property
    def key(self) -> tuple[int, int]:
        return self.runs[0].key

    def failed(self, error: str) -> list[RunResult]:
        """Every run of the chunk as failed with ``error`` (its worker died)."""
        return [RunResult(t.point, t.replication, None, error, 0.0) for t in self.runs]


def run_chunk_task(chunk: RunChunk) -> list[RunResult]:
    """The executor's entry point for a sweep chunk (module level, so it pickles)."""
    return run_chunk(list(chunk.runs), chunk.root_seed, chunk.simulate)


def _default_simulate() -> SimulateFn:
    from jobfirst_sim.run.simulate import simulate

    return simulate


def run_chunk(
    tasks: list[RunTask], root_seed: int, simulate: SimulateFn | None = None
) -> list[RunResult]:
    """Run every task of a chunk; never raises for a failing run (its traceback is kept).

    ``simulate`` is the run function (default :func:`jobfirst_sim.run.simulate.simulate`);
    it is a parameter so the sweep machinery can be tested in-process with a stand-in.
    """
    fn = simulate or _default_simulate()
    out = []
    for task in tasks:
        t0 = time.perf_counter()
        try:
            seed_rep = task.replication if task.seed_replication is None else task.seed_replication
            tables = _with_member(_as_mapping(fn(task.scenario, seed_rep, root_seed)),
                                  task.member)
            payload = encode_tables(
                tables, provenance(task.scenario, task.point, task.replication, root_seed)
            )
            out.append(
                RunResult(task.point, task.replication, payload, None, time.perf_counter() - t0)
            )
        except Exception:
            out.append(
                RunResult(
                    task.point,
                    task.replication,
                    None,
                    traceback.format_exc(),
                    time.perf_counter() - t0,
                )
            )
    return out


def _with_member(tables: dict[str, pd.DataFrame], member: int | None
                 ) -> dict[str, pd.DataFrame]:
    """Each table with a first column ``member`` (unchanged without a member)."""
    if member is None:
        return tables
    out = {}
    for name, df in tables.items():
        df = df.copy()
        df.insert(0, "member", member)
        df["member"] = df["member"].astype("int32")
        out[name] = df
    return out


def _as_mapping(tables: Any) -> dict[str, pd.DataFrame]:
    if is_dataclass(tables):
        items: Mapping[str, Any] = {f.name: getattr(tables, f.name) for f in fields(tables)}
    elif isinstance(tables, Mapping):
        items = tables
    else:
        raise TypeError(f"simulate() returned {type(tables).__name__}, expected RunTables")
    return {k: items[k] for k in STORED_TABLES if items.get(k) is not None}


def provenance(scenario: Scenario, point: int, replication: int, root_seed: int
               ) -> dict[str, Any]:
    """What a run file records about how it was made (module docstring)."""
    return {
        "point": point,
        "replication": replication,
        "root_seed": root_seed,
        "scenario_sha256": config_hash(scenario),
        "model": model_fingerprint(),
    }


def run_provenance(path: str) -> dict[str, Any] | None:
    """The provenance recorded in a run file, ``None`` if it has none.

    Reads only the Parquet footer. Raises ``OSError`` / ``pyarrow.ArrowInvalid`` for a file
    that is empty or cut short (no valid footer), i.e. unfinished.
    """
    meta = pq.read_metadata(path).metadata or {}
    raw = meta.get(PROVENANCE_KEY)
    if raw is None:
        return None
    doc = json.loads(raw)
    return doc if isinstance(doc, dict) else None


def encode_tables(tables: Mapping[str, pd.DataFrame],
                  meta: Mapping[str, Any] | None = None) -> bytes:
    """Encode several tables as one single-row Parquet file (one ``list<struct>`` column
    per table), so a run is one file that is written, and appears, atomically. ``meta``
    (the run's :func:`provenance`) is stored as the file's key-value metadata."""
    columns = {}
    for name, df in tables.items():
        t = pa.Table.from_pandas(df, preserve_index=False).combine_chunks()
        struct = pa.StructArray.from_arrays(
            [c.chunk(0) if c.num_chunks else pa.array([], c.type) for c in t.columns],
            names=t.column_names,
        )
        columns[name] = pa.ListArray.from_arrays(pa.array([0, len(struct)], pa.int32()), struct)
    table = pa.table(columns)
    if meta is not None:
        table = table.replace_schema_metadata(
            {PROVENANCE_KEY: json.dumps(dict(meta), sort_keys=True).encode()})
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd", compression_level=3)
    return buf.getvalue()


def decode_tables(data: bytes | str) -> dict[str, pa.Table]:
    """Inverse of :func:`encode_tables` (accepts the bytes or a file path)."""
    source = pa.BufferReader(data) if isinstance(data, bytes) else data
    t = pq.read_table(source)
    out = {}
    for name in t.column_names:
        lst = t.column(name).combine_chunks()
        out[name] = pa.Table.from_struct_array(lst.flatten())
    return out
