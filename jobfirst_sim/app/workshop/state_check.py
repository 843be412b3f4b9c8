"""The state folder and its ``workshop.sqlite`` checked before the store opens them.

Why before, and read-only: :class:`~.store.Store` creates its tables in whatever file it is
given, so a foreign SQLite file got the workshop's tables added, and a damaged, locked or
read-only one ended the start in a traceback. Here the folder and the file are looked at
without writing to the file (the header bytes, a read-only connection's
``PRAGMA quick_check``, the table names, one write lock taken and given back), and each
problem becomes one sentence in the workshop's language (:class:`StateProblem`); the
command line prints it and exits with 2. The folder and the file are made private to
their user (``0700``/``0600``): the facilitator key and the access token are inside.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import Final
from urllib.parse import quote

from jobfirst_sim.app.workshop.store import DB_NAME
from jobfirst_sim.words import t

__all__ = ["HEADER", "StateProblem", "check_state", "make_private"]

HEADER: Final = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite 3 database file."""
PRIVATE_FILES: Final = (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", "access-token")


class StateProblem(RuntimeError):
    """The state folder cannot be used, in one sentence (``key``: which check)."""

    def __init__(self, key: str, text: str) -> None:
        super().__init__(text)
        self.key = key


def _owner_writable(path: Path) -> bool:
    """Writable for this user: by ``os.access`` and, for root (who may write anything), by
    the owner's write bit, so a file marked read-only is taken as meant."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & stat.S_IWUSR)


def _folder(folder: Path, lang: str) -> None:
    if folder.exists() and not folder.is_dir():
        raise StateProblem("not_folder", t("ws_check_not_folder", lang, path=folder))
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _owner_writable(folder) or not os.access(folder, os.X_OK):
            raise PermissionError("no write permission")
        probe = folder / ".write-check"
        probe.write_bytes(b"")
        probe.unlink()
        folder.chmod(0o700)
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise StateProblem("unwritable", t("ws_check_unwritable", lang, path=folder,
                                           why=why)) from None


def _header(path: Path, lang: str) -> None:
    """Header bytes and size: garbage, or shorter than the pages its header counts."""
    size = path.stat().st_size
    with path.open("rb") as f:
        head = f.read(100)
    if not head.startswith(HEADER[:len(head)]) or (size >= 16 and head[:16] != HEADER):
        raise StateProblem("garbage", t("ws_check_garbage", lang, path=path))
    if size < 100:
        raise StateProblem("truncated", t("ws_check_truncated", lang, path=path,
                                          why=f"{size} bytes"))
    page = int.from_bytes(head[16:18], "big")
    page = 65536 if page == 1 else page
    pages = int.from_bytes(head[28:32], "big")
    valid = head[24:28] == head[92:96]  # the header's page count is current
    if page < 512 or size % page or (valid and size < pages * page):
        raise StateProblem("truncated", t("ws_check_truncated", lang, path=path,
                                          why=f"{size} bytes, {pages} pages of {page}"))


def _tables(path: Path, lang: str) -> None:
    """``quick_check`` and the tables, through a read-only connection."""
    try:
        db = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=2)
    except sqlite3.Error as exc:
        raise StateProblem("truncated", t("ws_check_truncated", lang, path=path,
                                          why=str(exc))) from None
    try:
        check = [str(r[0]) for r in db.execute("PRAGMA quick_check").fetchall()]
        if check != ["ok"]:
            raise StateProblem("truncated", t("ws_check_truncated", lang, path=path,
                                              why="; ".join(check[:3])))
        tables = sorted(str(r[0]) for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
        ours = "meta" in tables and db.execute(
            "SELECT 1 FROM meta WHERE key = 'schema_version'").fetchone() is not None
    except sqlite3.OperationalError as exc:
        key = "locked" if "locked" in str(exc) else "truncated"
        raise StateProblem(key, t(f"ws_check_{key}", lang, path=path, why=str(exc))) from None
    except sqlite3.DatabaseError as exc:
        raise StateProblem("truncated", t("ws_check_truncated", lang, path=path,
                                          why=str(exc))) from None
    finally:
        db.close()
    if tables and not ours:
        raise StateProblem("foreign", t("ws_check_foreign", lang, path=path,
                                        tables=", ".join(tables[:8])))


def _lock(path: Path, lang: str) -> None:
    """Take the write lock and give it back at once: another program holding it would
    make every save wait and fail."""
    db = sqlite3.connect(path, timeout=1, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        raise StateProblem("locked", t("ws_check_locked", lang, path=path)) from exc
    finally:
        db.close()


def check_state(folder: Path, lang: str = "da") -> None:
    """Refuse a state folder the workshop cannot use, before anything writes to it.

    Raises :class:`StateProblem` for a path that is not a folder, a folder it cannot write
    in, and a ``workshop.sqlite`` that is not a file, not SQLite (garbage), shorter than its
    pages (truncated) or damaged, read-only, locked by another program, or another
    program's database (foreign: left byte for byte as it was). A missing file is fine
    (a new workshop).
    """
    _folder(folder, lang)
    path = folder / DB_NAME
    if not path.exists():
        return
    if not path.is_file():
        raise StateProblem("not_file", t("ws_check_not_file", lang, path=path))
    _header(path, lang)
    if not _owner_writable(path):
        raise StateProblem("readonly", t("ws_check_readonly", lang, path=path))
    _tables(path, lang)
    _lock(path, lang)


def make_private(folder: Path) -> None:
    """The folder ``0700`` and its state files ``0600`` (the key and token are inside)."""
    folder.chmod(0o700)
    for name in PRIVATE_FILES:
        p = folder / name
        if p.exists():
            p.chmod(0o600)
