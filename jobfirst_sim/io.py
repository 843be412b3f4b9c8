"""All file output in one place, written atomically.

Why atomic: a run interrupted by a crash or Ctrl-C must never leave a half-written table
that a report or a resumed sweep would then trust. Each file is written to a temporary
file in the same directory, flushed and fsynced, then renamed over the target.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


@contextlib.contextmanager
def atomic_path(path: Path, *, sync_dir: bool = False, tmp_prefix: str | None = None
                ) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success it replaces ``path``.

    ``sync_dir`` also fsyncs the directory after the rename, so the new name itself survives
    a power cut (costs ~10 ms; callers that can redo lost work may skip it).
    ``tmp_prefix`` names the temporary file (default ``.<name>.``) so a caller can find and
    remove leftovers of a killed process.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = tmp_prefix if tmp_prefix is not None else f".{path.name}."
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with tmp_path.open("rb") as fh:
            os.fsync(fh.fileno())
        # mkstemp creates 0600; give the result the permissions a plain open() would
        tmp_path.chmod(0o666 & ~_umask())
        tmp_path.replace(path)
        if sync_dir:
            fsync_dir(path.parent)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def fsync_dir(directory: Path) -> None:
    """Flush a directory's entries (a rename inside it) to disk."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_bytes(path: Path, data: bytes, *, sync_dir: bool = False,
                tmp_prefix: str | None = None) -> Path:
    """Write bytes atomically (see :func:`atomic_path`); return ``path``."""
    with atomic_path(path, sync_dir=sync_dir, tmp_prefix=tmp_prefix) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text(path: Path, text: str) -> Path:
    """Write UTF-8 text atomically; return ``path``."""
    return write_bytes(path, text.encode("utf-8"))


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file for writing that atomically becomes ``path`` on success."""
    with atomic_path(path) as tmp, tmp.open(mode, encoding=None if "b" in mode else "utf-8"
                                            ) as fh:
        yield fh


@functools.cache
def _umask() -> int:
    """The process umask (read once: reading it means briefly setting it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_json(path: Path, data: Any) -> None:
    """Write JSON (sorted keys, indented, NaN as null) atomically."""
    text = json.dumps(_clean(data), indent=2, sort_keys=True, ensure_ascii=False)
    with atomic_open(path) as fh:
        fh.write(text + "\n")


def write_parquet(path: Path, df: pd.DataFrame) -> None:
    """Write a table as Parquet atomically, with fixed settings (byte-stable output)."""
    with atomic_path(path) as tmp:
        df.to_parquet(tmp, engine="pyarrow", index=False, compression="zstd")


def write_tables(out_dir: Path, tables: Mapping[str, pd.DataFrame], manifest_name: str,
                 manifest: Callable[[list[str]], Any],
                 extra_files: Sequence[str] = ()) -> list[Path]:
    """Write ``tables`` (file name: table) as Parquet and then the manifest, each
    atomically, into ``out_dir``; return the paths written (manifest last).

    ``manifest(files)`` builds the manifest from the list of every file of the folder (the
    tables, the manifest itself and ``extra_files`` written by the caller), so the tables
    of explain, compare and pilot and their manifests are written one way.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in tables.items():
        write_parquet(out_dir / name, df)
        written.append(out_dir / name)
    meta = out_dir / manifest_name
    write_json(meta, manifest([*tables, manifest_name, *extra_files]))
    return [*written, meta]


def _clean(obj: Any) -> Any:
    if isinstance(obj, float) and obj != obj:  # NaN
        return None
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_clean(v) for v in obj]
    return obj
