"""The sweep results directory: one file per run, a manifest, failures, consolidated tables.

Layout of ``--out DIR``::

    manifest.json          versions, config hash, root seed, design points, run keys
    experiment.yaml        a copy of the experiment file as run
    runs/p00003-r0012.parquet   one file per finished run (design point 3, replication 12)
    failures/p00007-r0002.txt   traceback of a failed run (deleted when a retry succeeds)
    runs.log               one JSON line per finished or failed run (audit trail)
    experiments.parquet    one row per run: point, replication, parameter values, status
    outcomes.parquet / weekly.parquet / funnel.parquet / staff.parquet / companies.parquet
    summary.parquet/.csv   declared outcomes per design point (mean, sd, 95 % CI)
    sensitivity.parquet/.csv   Sobol or Morris indices (sensitivity designs only)

Why this shape: a run file is written atomically (temporary file in the same directory,
fsync, ``os.replace``), so after a crash -- even SIGKILL -- every run file present is
complete, and resuming only has to list the directory. The consolidated tables are
rebuilt from the run files in key order with fixed Parquet settings and no timestamps,
so they are byte-identical whatever the executor, worker count, order or interruption.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from jobfirst_sim import io
from jobfirst_sim.run.errors import StoreError
from jobfirst_sim.run.manifest import draw_root_seed, manifest
from jobfirst_sim.run.sweep.columns import typed_column, with_keys
from jobfirst_sim.run.sweep.experiment import LoadedExperiment
from jobfirst_sim.run.sweep.resume import RUN_FILE, check_run_files, resume_problems
from jobfirst_sim.run.worker import STORED_TABLES, RunResult, decode_tables

MANIFEST = "manifest.json"
FORMAT = "jobfirst-sweep/1"
TMP_PREFIX = ".tmp-"
ROW_GROUP_ROWS = 65_536
"""Rows per Parquet row group in consolidated tables; row-group statistics let
``pyarrow.dataset`` filters skip groups without reading them."""
PARQUET_SETTINGS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 3,
    "use_dictionary": True,
    "write_statistics": True,
    "data_page_version": "1.0",
    "version": "2.6",
}
"""Fixed writer settings: consolidated files must not depend on library defaults."""

DERIVED = ("summary", "sensitivity")
"""Tables computed from the consolidated ones (by :mod:`jobfirst_sim.run.sweep.analysis`)."""

def run_name(point: int, replication: int) -> str:
    """File stem of a run: ``p00003-r0012``."""
    return f"p{point:05d}-r{replication:04d}"


def atomic_write(path: Path, data: bytes, *, durable_rename: bool = True) -> None:
    """Write ``data`` so that ``path`` is either absent, the old file, or complete.

    Temporary file in the same directory (same filesystem, so ``os.replace`` is atomic),
    fsync of the file before the rename, and of the directory after it unless
    ``durable_rename`` is False. Run files skip the directory fsync (~10 ms each here):
    if power fails before the rename reaches the disk the run file is merely absent, and
    ``--resume`` runs it again -- it can never be present but incomplete.
    """
    io.write_bytes(path, data, sync_dir=durable_rename, tmp_prefix=f"{TMP_PREFIX}{path.name}.")


@dataclass
class SweepStore:
    """A results directory opened for one sweep (holds an exclusive lock while open)."""

    root: Path
    loaded: LoadedExperiment
    root_seed: int
    _lock_fd: int | None = None
    started: float = field(default_factory=time.time)
    notes: list[str] = field(default_factory=list)
    """What opening the store repaired (unfinished run files deleted), for the report."""

    @property
    def runs_dir(self) -> Path:
        return self.root / "runs"

    @property
    def failures_dir(self) -> Path:
        return self.root / "failures"

    # -- opening --------------------------------------------------------------------

    @classmethod
    def check(cls, root: Path, loaded: LoadedExperiment, *, resume: bool
              ) -> dict[str, Any] | None:
        """Whether ``root`` can take this sweep, without writing anything.

        Returns the old manifest when resuming, ``None`` for a new store. Refuses
        (``StoreError``) to reuse a directory without ``--resume``, and to resume a store
        made by another model (fingerprint), numpy version, or resolved configuration,
        naming what differs (:func:`resume_problems`).
        """
        root = Path(root)
        manifest_path = root / MANIFEST
        src = str(root)
        if not manifest_path.exists():
            if root.exists() and (not root.is_dir() or any(root.iterdir())):
                raise StoreError(
                    src, "", "exists and is not a sweep directory; choose another --out"
                )
            return None
        if not resume:
            raise StoreError(
                src, "", "already holds a sweep; add --resume to continue it (or choose another "
                "--out)",
            )
        try:
            old = json.loads(manifest_path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoreError(
                src, "", f"{MANIFEST} cannot be read ({exc}); this sweep cannot be resumed -- "
                "start a new sweep folder (--out elsewhere)",
            ) from None
        if not isinstance(old, dict) or not isinstance(old.get("root_seed"), int):
            raise StoreError(src, "", f"{MANIFEST} is not a sweep manifest; choose another --out")
        for name in ("runs", "failures"):  # a sweep keeps its runs and failures in folders
            if (root / name).exists() and not (root / name).is_dir():
                raise StoreError(
                    src, "", f"{name} is a file, but a sweep keeps its {name} in a folder "
                    f"{name}/; move the file away and --resume again, or start a new sweep "
                    "folder (--out elsewhere); nothing was run",
                )
        problems = resume_problems(old, loaded)
        if problems:
            raise StoreError(
                src, "", "cannot be resumed with this model and experiment:\n  - "
                + "\n  - ".join(problems)
                + "\nstart a new sweep folder (pass --out elsewhere); nothing was run",
            )
        return old

    @classmethod
    def open(
        cls, root: Path, loaded: LoadedExperiment, *, resume: bool, command: str = ""
    ) -> SweepStore:
        """Create a new store or reopen one for ``--resume`` after :meth:`check`.

        On resume every run file is checked (:meth:`check_run_files`): unfinished files are
        deleted (their runs are run again), foreign ones stop the sweep.
        """
        root = Path(root)
        old = cls.check(root, loaded, resume=resume)
        if old is not None:
            root_seed = int(old["root_seed"])
        else:
            # drawn once (the one recipe of run/manifest.py) and recorded for --resume
            root_seed = loaded.root_seed if loaded.root_seed is not None else draw_root_seed()
        root.mkdir(parents=True, exist_ok=True)
        store = cls(root, loaded, root_seed)
        store._lock()
        try:
            if old is None:  # the manifest first: a sweep store is known by it (run/outputs.py)
                store.write_manifest(status="running")
            store.runs_dir.mkdir(exist_ok=True)
            store.failures_dir.mkdir(exist_ok=True)
            store.remove_temp_files()
            store.check_run_files()
            for key in store.failed() & store.finished():  # killed between the two writes
                store.failure_path(*key).unlink()
            atomic_write(root / "experiment.yaml", loaded.source.read_bytes())
            store.write_manifest(status="running", command=command)
        except BaseException:
            store.close()
            raise
        return store

    def check_run_files(self) -> None:
        """Make sure every run file present is a finished run of *this* sweep.

        Unfinished files (empty, cut short) are deleted and their runs run again (noted in
        :attr:`notes`); foreign ones (:func:`~jobfirst_sim.run.sweep.resume.foreign_reason`)
        stop the sweep with their names, for the user to move away.
        """
        unfinished, foreign = check_run_files(self.runs_dir, self.loaded, self.root_seed)
        self.notes.extend(f"runs/{name} was unfinished (empty or cut short); deleted and run "
                          "again" for name in unfinished)
        if foreign:
            shown = "\n  - ".join(foreign[:10])
            more = f"\n  ... and {len(foreign) - 10} more" if len(foreign) > 10 else ""
            raise StoreError(
                str(self.root), "", f"holds {len(foreign)} run file(s) that do not belong to "
                f"this sweep:\n  - {shown}{more}\nmove them out of runs/ (or start a new sweep "
                "folder) and --resume again; nothing was run",
            )

    def _lock(self) -> None:
        fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreError(
                str(self.root), "", "another sweep is writing here right now"
            ) from None
        self._lock_fd = fd

    def close(self) -> None:
        """Release the directory lock."""
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def remove_temp_files(self) -> list[Path]:
        """Delete temporary files a killed sweep left behind (never complete results)."""
        removed = []
        for d in (self.root, self.runs_dir, self.failures_dir):
            for p in d.glob(f"{TMP_PREFIX}*"):
                p.unlink(missing_ok=True)
                removed.append(p)
        return removed

    # -- keys -----------------------------------------------------------------------

    def all_keys(self) -> list[tuple[int, int]]:
        """Every run of the sweep, replication-major (so a partial sweep is balanced)."""
        n_points = len(self.loaded.points)
        reps = self.loaded.runs_per_point
        return [(p, r) for r in range(reps) for p in range(n_points)]

    def _keys_in(self, directory: Path, suffix: str) -> set[tuple[int, int]]:
        keys = set()
        for entry in os.scandir(directory):
            m = RUN_FILE.match(entry.name)
            if m and m.group(3) == suffix:
                keys.add((int(m.group(1)), int(m.group(2))))
        return keys

    def finished(self) -> set[tuple[int, int]]:
        """Runs with a result file."""
        return self._keys_in(self.runs_dir, "parquet")

    def failed(self) -> set[tuple[int, int]]:
        """Runs whose last attempt failed."""
        return self._keys_in(self.failures_dir, "txt")

    def run_path(self, point: int, replication: int) -> Path:
        return self.runs_dir / f"{run_name(point, replication)}.parquet"

    def failure_path(self, point: int, replication: int) -> Path:
        return self.failures_dir / f"{run_name(point, replication)}.txt"

    # -- recording ------------------------------------------------------------------

    def record(self, result: RunResult) -> None:
        """Store one run's result (or its failure) atomically and log it."""
        if result.payload is not None:
            atomic_write(self.run_path(*result.key), result.payload, durable_rename=False)
            self.failure_path(*result.key).unlink(missing_ok=True)
            event = "done"
        else:
            text = (
                f"run {run_name(*result.key)} (design point {result.point}, replication "
                f"{result.replication}) failed after {result.seconds:.2f} s\n\n{result.error}"
            )
            atomic_write(self.failure_path(*result.key), text.encode("utf-8"), durable_rename=False)
            event = "failed"
        line = json.dumps(
            {
                "event": event,
                "point": result.point,
                "replication": result.replication,
                "seconds": round(result.seconds, 4),
                "pid": os.getpid(),
            }
        )
        with (self.root / "runs.log").open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")  # an audit trail: flushed, not fsynced (it costs ~10 ms)

    def write_manifest(
        self, *, status: str, command: str = "", extra: dict[str, Any] | None = None
    ) -> None:
        """(Re)write ``manifest.json``: provenance for every result in the directory.

        The common core of every manifest (:func:`jobfirst_sim.run.manifest.manifest`;
        ``config_hash`` is the experiment's, which covers the base scenario and every
        point; ``command``/``started``/``seconds`` describe the latest invocation), plus
        the sweep's design and its history of commands.
        """
        path = self.root / MANIFEST
        old = json.loads(path.read_text("utf-8")) if path.exists() else {}
        exp = self.loaded.experiment
        reps = self.loaded.runs_per_point
        members = self.loaded.members
        commands = [*old.get("commands", []), command] if command else old.get("commands", [])
        files = {p.name for p in self.root.iterdir()
                 if p.is_file() and not p.name.startswith(".")} | {MANIFEST}
        doc: dict[str, Any] = manifest(
            kind="sweep",
            root_seed=self.root_seed,
            replications=reps,
            config_hash=self.loaded.config_hash,
            command=commands[-1] if commands else "",
            started=self.started,
            files=sorted(files),
            format=FORMAT,
            experiment=exp.name,
            experiment_file=str(self.loaded.source),
            scenario_file=str(self.loaded.scenario_path),
            design=exp.design.model_dump(mode="json"),
            parameters={
                "levers": list(exp.levers),
                "uncertainties": list(exp.uncertainties),
            },
            outcomes={k: v.model_dump(mode="json") for k, v in exp.outcomes.items()},
            points=[{"id": p.id, "values": p.values} for p in self.loaded.points],
            experiment_resolved=self.loaded.experiment_doc(),
            resolved_scenario=self.loaded.base_scenario,
            point_hashes=self.loaded.point_hashes,
            run_keys=[list(k) for k in self.all_keys()],
            created=old.get("created", _now()),
            updated=_now(),
            status=status,
            commands=commands,
            python_executable=sys.executable,
            uncertainty="noise" if members is None else "parameters",
            members=None if members is None else len(members),
            replications_per_member=None if members is None else exp.replications,
        )
        if extra:
            doc.update(extra)
        atomic_write(path, json.dumps(doc, indent=1, ensure_ascii=False, default=str).encode())

    # -- consolidation --------------------------------------------------------------

    def consolidate(self) -> dict[str, Path]:
        """Rebuild the consolidated tables from the run files, in key order.

        Each table is written to a temporary file and renamed over the old one, so an
        interrupted rebuild leaves every table either old or new, never missing.

        Streams: one run file at a time is read, so memory stays bounded by a row group.
        Only runs of the current design (``replications`` may have shrunk) are included.
        """
        wanted = set(self.all_keys())
        done = sorted(self.finished() & wanted)
        written = {"experiments": self._write_experiments(done)}
        writers: dict[str, _TableWriter] = {}
        try:
            for key in done:
                try:
                    tables = decode_tables(str(self.run_path(*key)))
                except (OSError, ValueError, pa.ArrowException) as exc:
                    raise StoreError(
                        str(self.run_path(*key)), "", f"cannot be read ({exc}); delete it and "
                        "--resume to run it again",
                    ) from None
                for name in STORED_TABLES:
                    if name not in tables:
                        continue
                    if name not in writers:
                        writers[name] = _TableWriter(self.root / f"{name}.parquet")
                    writers[name].add(with_keys(tables[name], *key))
        except BaseException:  # an interrupted rebuild replaces nothing
            for w in writers.values():
                w.abort()
            raise
        for name, w in writers.items():
            written[name] = w.close()
        # tables no run produces any more go only now, after their successors exist
        self.remove_tables(set(STORED_TABLES) - set(written))
        return written

    def remove_tables(self, names: Iterable[str]) -> None:
        """Delete consolidated or derived tables (``.parquet`` and ``.csv``) that a rebuild
        did not produce, so they cannot outlive the runs they were made from."""
        for name in names:
            for suffix in (".parquet", ".csv"):
                (self.root / f"{name}{suffix}").unlink(missing_ok=True)

    def _write_experiments(self, done: list[tuple[int, int]]) -> Path:
        exp = self.loaded.experiment
        keys = sorted(self.all_keys())
        ok = set(done)
        failed = self.failed()
        status = ["ok" if k in ok else "failed" if k in failed else "missing" for k in keys]
        cols: dict[str, pa.Array] = {
            "point": pa.array([k[0] for k in keys], pa.int32()),
            "replication": pa.array([k[1] for k in keys], pa.int32()),
        }
        for name in exp.parameters:
            cols[name] = typed_column([self.loaded.points[k[0]].values[name] for k in keys])
        cols["status"] = pa.array(status, pa.string())
        path = self.root / "experiments.parquet"
        write_parquet(pa.table(cols), path)
        return path


class _TableWriter:
    """Accumulates run tables into row groups of fixed size and writes one Parquet file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tmp = path.with_name(f"{TMP_PREFIX}{path.name}.{os.getpid()}")
        self.writer: pq.ParquetWriter | None = None
        self.schema: pa.Schema | None = None
        self.pending: list[pa.Table] = []
        self.rows = 0

    def add(self, table: pa.Table) -> None:
        if self.schema is None:
            self.schema = table.schema
            self.writer = pq.ParquetWriter(self.tmp, self.schema, **PARQUET_SETTINGS)
        elif table.schema != self.schema:
            table = table.select(self.schema.names).cast(self.schema)
        self.pending.append(table)
        self.rows += table.num_rows
        if self.rows >= ROW_GROUP_ROWS:
            self._flush(final=False)

    def _flush(self, final: bool) -> None:
        assert self.writer is not None
        if not self.pending:
            return
        t = pa.concat_tables(self.pending).combine_chunks()
        n_full = (t.num_rows // ROW_GROUP_ROWS) * ROW_GROUP_ROWS
        head, tail = (t, t.slice(0, 0)) if final else (t.slice(0, n_full), t.slice(n_full))
        if head.num_rows:
            self.writer.write_table(head, row_group_size=ROW_GROUP_ROWS)
        self.pending = [tail] if tail.num_rows else []
        self.rows = tail.num_rows

    def abort(self) -> None:
        """Drop the temporary file; the table it would have replaced stays as it was."""
        if self.writer is not None:
            self.writer.close()
        self.tmp.unlink(missing_ok=True)

    def close(self) -> Path:
        assert self.writer is not None
        self._flush(final=True)
        self.writer.close()
        with self.tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        self.tmp.replace(self.path)
        io.fsync_dir(self.path.parent)
        return self.path


def write_parquet(table: pa.Table, path: Path) -> None:
    """Write a small table atomically with the fixed settings (no timestamps inside)."""
    sink = pa.BufferOutputStream()
    pq.write_table(
        table.replace_schema_metadata(None), sink, row_group_size=ROW_GROUP_ROWS, **PARQUET_SETTINGS
    )
    atomic_write(path, sink.getvalue().to_pybytes())


def read_log(root: Path) -> Iterator[dict[str, Any]]:
    """The events of ``runs.log`` (used by tests and ``jobfirst sweep`` summaries)."""
    path = Path(root) / "runs.log"
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            with contextlib.suppress(json.JSONDecodeError):  # a line cut by SIGKILL
                yield json.loads(line)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def iter_chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    """Split ``items`` into consecutive chunks of at most ``size``."""
    for i in range(0, len(items), size):
        yield items[i : i + size]
