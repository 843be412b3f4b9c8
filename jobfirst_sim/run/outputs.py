"""The results folder as a unit: complete and of one run, or not there at all.

Why: files written one by one into the final folder can be mixed -- a run killed half-way
through its writes left the new run's ``weekly`` and ``outcomes`` beside the old run's
``manifest``, ``summary`` and ``panel``, and a report rendered the mix without a word. So
``jobfirst run``

1. checks the output folder *before* simulating (:func:`check_output_dir`): a file in the
   way, a missing or unwritable parent, a system folder, a sweep store, an existing
   non-empty folder without ``--overwrite`` -- each a clear :class:`OutputError`;
2. builds every file in a temporary sibling folder ``.<name>.partial-<32 hex>``
   (:class:`ResultsFolder`), locked while the run lives, and moves it into place at the
   end in one rename (with ``--overwrite`` the old and new folder are swapped atomically
   with ``renameat2(RENAME_EXCHANGE)`` where the system has it, then the old is deleted);
   a SIGKILL at any moment leaves either the old complete folder or the new one;
3. removes temporaries of earlier crashed runs next to the target: only folders with our
   name pattern whose lock file ``<folder>.lock`` (held from before the folder exists
   until after it is gone) is missing or free, so a live run's folder is never touched;
4. stamps every file with the run: ``run_id`` in ``manifest.json`` and ``summary.json``,
   and each file's size and SHA-256 in the manifest's ``file_digests`` (the Parquet bytes
   themselves stay exactly as before, so equal runs stay byte-identical).

:func:`check_run_folder` is what ``report`` and ``browse`` call to refuse a folder whose
files are not of one run. :func:`slug` makes a scenario name a safe folder name.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import json
import os
import re
import shutil
import time
import unicodedata
import uuid
from pathlib import Path
from types import TracebackType
from typing import IO, Any

__all__ = ["OutputError", "ResultsFolder", "RunFolderError", "check_output_dir",
           "check_run_folder", "file_digests", "kill_point", "new_run_id",
           "run_folder_problems", "slug"]

SYSTEM_DIRS = ("/proc", "/sys", "/dev")
"""Kernel folders: never a place for results, whatever the permissions say."""

TEMP_PATTERN = re.compile(r"^\.(?P<name>.+)\.(?:partial|old)-[0-9a-f]{32}$")
"""Names of our temporary folders next to a target (``.<target>.partial-<uuid hex>``)."""

STALE_SECONDS = 600.0
"""Where locks are not available (no ``fcntl``), a temporary folder is left alone this long."""

OPTIONAL_FILES = frozenset({"panel.parquet"})
"""Files a complete folder may lack: a copy made without the (large) panel is still one run."""

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}


class OutputError(Exception):
    """An output location that cannot be used; the message says what to do."""


class RunFolderError(Exception):
    """A run folder whose files do not all belong to one complete run."""


def slug(name: str) -> str:
    """A scenario name as a safe folder name (the default ``results/<slug>``).

    The name is normalised to NFC; letters of any alphabet (æ, ø, å ...), digits, ``-``,
    ``_`` and ``.`` are kept; every other character (``/``, ``\\``, spaces, ``:`` ...)
    becomes ``_``; runs of ``_`` shrink to one; leading dots and underscores are dropped
    (no hidden folder, never ``.`` or ``..``); at most 100 characters; a name left empty
    becomes ``run`` and a Windows device name (``con``, ``nul`` ...) gets a leading ``_``.
    """
    text = unicodedata.normalize("NFC", name)
    text = "".join(ch if (ch.isalnum() or ch in "-_.") else "_" for ch in text)
    text = re.sub(r"_+", "_", text).lstrip("._").rstrip("._ ")[:100].rstrip("._")
    if not text:
        return "run"
    if text.split(".")[0].lower() in _RESERVED:
        return "_" + text
    return text


def _absolute(path: Path) -> Path:
    """``path`` made absolute with ``.`` and ``..`` folded away (symlinks kept)."""
    return Path(os.path.normpath(Path(path).absolute()))


def new_run_id() -> str:
    """A fresh id for one run (32 hex digits)."""
    return uuid.uuid4().hex


# ---------------------------------------------------------------------- before simulating


def is_sweep_store(folder: Path) -> bool:
    """Whether ``folder`` holds a sweep: its own manifest says ``kind: sweep``.

    Why the manifest and not a folder name: a user who keeps results in ``runs/`` (or
    anything else a sweep also writes) must not find every run below it refused; a sweep
    store writes its manifest before any other file (run/sweep/store.py).
    """
    return _read_json(folder / "manifest.json").get("kind") == "sweep"


MANIFESTS: dict[str, str] = {"run": "manifest.json", "explain": "explain.json",
                             "compare": "compare.json", "pilot": "pilot.json",
                             "compare_many": "compare_many.json"}
"""The file that says which command wrote a results folder, by command (``kind``;
``compare_many``: ``jobfirst compare`` with several proposals)."""


def check_output_dir(out_dir: Path, *, overwrite: bool, create_parent: bool = False,
                     kind: str = "run") -> Path:
    """Check that a run may write ``out_dir``; return it as an absolute path.

    Raises :class:`OutputError` for a system folder, a folder inside (or being) a sweep
    store, a file in the way, an existing non-empty folder without ``overwrite``, a missing
    parent (created only when ``create_parent``, for the default ``results/``) or a parent
    this user cannot write in. Nothing is written except a parent asked to be created.
    """
    given = Path(out_dir)
    target = Path(_absolute(given))
    real = Path(os.path.realpath(target))
    for system in SYSTEM_DIRS:
        if real == Path(system) or Path(system) in real.parents:
            raise OutputError(f"{given}: {system} is a system folder of the operating "
                              "system, not a place for results; choose a folder of your own "
                              "with --out")
    for folder in (real, *real.parents):
        if folder.is_dir() and is_sweep_store(folder):
            where = "is" if folder == real else f"is inside {folder}, which is"
            raise OutputError(f"{given}: {where} a sweep's results folder; a run never writes "
                              "there (it would break the sweep's resume); choose another --out")
    if target.exists() or target.is_symlink():
        if not target.is_dir():
            raise OutputError(f"{given}: a file with this name is in the way (a results "
                              "folder is needed); remove the file or choose another --out")
        if any(target.iterdir()):
            if not overwrite:
                raise OutputError(f"{given}: the folder already holds files; add --overwrite "
                                  "to replace it as a whole, or choose another --out")
            _check_replaceable(target, given, kind)
    parent = target.parent
    existing = parent
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"{given}: {existing} is a file, not a folder; choose another --out")
    if existing != parent:
        if not create_parent:
            raise OutputError(f"{given}: the folder {parent} does not exist; create it first "
                              "or choose another --out")
        _check_writable(existing, given)
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{given}: cannot create {parent}: "
                              f"{exc.strerror or exc}") from None
    _check_writable(parent, given)
    return target


def _check_replaceable(target: Path, given: Path, kind: str = "run") -> None:
    """``--overwrite`` replaces a folder the same command wrote, and only if it holds
    nothing else.

    Why: the folder is replaced as a whole, so anything else in it (an ``explain_*``
    folder, a user's notes) would be deleted with the old results.
    """
    name = MANIFESTS[kind]
    manifest = _read_json(target / name)
    if manifest.get("kind") != kind or target == Path.cwd() or target in Path.cwd().parents:
        command = kind.removesuffix("_many")
        raise OutputError(f"{given}: the folder holds files that are not the results of "
                          f"jobfirst {command}; --overwrite replaces only a folder written by "
                          f"jobfirst {command}; choose another --out")
    known = {name, "report.html", *_names(manifest.get("files")),
             *_names(manifest.get("file_digests"))}
    others = sorted(e.name for e in target.iterdir()
                    if e.name not in known and not e.name.endswith(".tmp"))
    if others:
        shown = ", ".join(others[:5]) + (" ..." if len(others) > 5 else "")
        raise OutputError(f"{given}: --overwrite would delete {shown}, which the run did not "
                          "write; move it out of the folder first or choose another --out")


def _names(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list | dict) else []


def _check_writable(folder: Path, given: Path) -> None:
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{given}: cannot write in {folder} (no permission or a read-only "
                          "disk); choose another --out")


# ---------------------------------------------------------------------- building the folder


class ResultsFolder:
    """A run's files built in a locked temporary sibling, moved into place by :meth:`commit`.

    Use as a context manager: the temporary folder is created (and stale ones of crashed
    runs removed) on entry; leaving without :meth:`commit` deletes it, so a failed run
    leaves the target as it was.
    """

    def __init__(self, target: Path, *, overwrite: bool = False) -> None:
        self.target = Path(_absolute(target))
        self.overwrite = overwrite
        self.path = self.target.parent / f".{self.target.name}.partial-{uuid.uuid4().hex}"
        self.lock_path = _lock_path(self.path)
        self._lock: IO[bytes] | None = None
        self.committed = False

    def __enter__(self) -> ResultsFolder:
        clean_stale(self.target)
        try:
            self._lock = self.lock_path.open("xb")
            for _ in range(100):  # taken before the folder exists: see clean_stale
                if _try_lock(self._lock) is not False:
                    break
                time.sleep(0.01)  # a cleaner is looking at our new lock file: it lets go
            else:
                raise OSError(errno.EAGAIN, "cannot lock the temporary folder")
            self.path.mkdir()
        except OSError as exc:
            self._release()
            raise OutputError(f"{self.target}: cannot write in {self.target.parent}: "
                              f"{exc.strerror or exc}; choose another --out") from None
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if not self.committed:
            shutil.rmtree(self.path, ignore_errors=True)
        self._release()

    def _release(self) -> None:
        """Drop the lock file, then the lock (the folder is gone or in place by now)."""
        if self._lock is not None:
            self.lock_path.unlink(missing_ok=True)
            self._lock.close()
            self._lock = None

    def commit(self) -> Path:
        """Move the finished folder into place (atomically) and return the target."""
        from jobfirst_sim.io import fsync_dir

        fsync_dir(self.path)
        kill_point("before-move")
        target = self.target
        if target.is_dir() and any(target.iterdir()) and not self.overwrite:
            raise OutputError(f"{target}: another process wrote results here while this run "
                              "was simulating; nothing was replaced (use --overwrite)")
        if target.exists() and _exchange(self.path, target):
            self.committed = True  # self.path now holds the old folder
            kill_point("after-swap")
            if self.path.is_symlink():  # --out was a symlink: it was swapped, not its folder
                self.path.unlink()
            shutil.rmtree(self.path, ignore_errors=True)
        elif target.exists():
            aside = target.parent / f".{target.name}.old-{uuid.uuid4().hex}"
            target.rename(aside)  # systems without an atomic swap: a moment with no folder
            self.path.rename(target)
            self.committed = True
            shutil.rmtree(aside, ignore_errors=True)
        else:
            self.path.rename(target)
            self.committed = True
        fsync_dir(target.parent)
        return target


def kill_point(name: str) -> None:
    """Tests only: die at once (SIGKILL) when ``JOBFIRST_TEST_KILL_AT`` names this point.

    Why in the code: a kill at a chosen moment of the write phase is the only way to prove
    that a run killed there leaves the old folder or the new one, never a mix.
    """
    if os.environ.get("JOBFIRST_TEST_KILL_AT") == name:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def _lock_path(folder: Path) -> Path:
    return folder.with_name(folder.name + ".lock")


def _try_lock(handle: IO[bytes]) -> bool | None:
    """Take an exclusive lock without waiting: ``True`` taken, ``False`` held by another
    process, ``None`` where the system has no ``fcntl`` (then age decides)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return None
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); ``False`` where unsupported."""
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def clean_stale(target: Path) -> list[Path]:
    """Remove temporaries of crashed runs next to ``target``; return what was removed.

    Only folders named ``.<target>.partial-<hex>`` or ``.<target>.old-<hex>`` are touched,
    and only when their lock file is missing or free: the run that made them is gone. (A
    run takes its lock before creating its folder and lets go only after the folder has
    moved into place or been deleted.) Lock files left without a folder go too.
    """
    target = Path(_absolute(target))
    removed: list[Path] = []
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        base = entry.name[:-5] if entry.name.endswith(".lock") else entry.name
        m = TEMP_PATTERN.match(base)
        if m is None or m["name"] != target.name or entry.is_symlink():
            continue
        if entry.is_dir() and _is_stale(entry):
            shutil.rmtree(entry, ignore_errors=True)
            _lock_path(entry).unlink(missing_ok=True)
            removed.append(entry)
        elif entry.is_file() and base != entry.name and not entry.with_name(base).exists() \
                and _older_than(entry, 60.0) and _is_stale(entry.with_name(base)):
            entry.unlink(missing_ok=True)
    return removed


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime > seconds
    except OSError:
        return False


def _is_stale(folder: Path) -> bool:
    """A temporary folder whose run is gone (its lock file missing or free)."""
    try:
        with _lock_path(folder).open("rb") as handle:
            taken = _try_lock(handle)
    except FileNotFoundError:
        taken = True
    except OSError:
        return False
    if taken is None:  # no locks on this system: only what is old enough
        return _older_than(folder, STALE_SECONDS)
    return taken


# ---------------------------------------------------------------------- one run or refused


def file_digests(folder: Path, names: list[str]) -> dict[str, dict[str, Any]]:
    """Size and SHA-256 of each named file (what the manifest's ``file_digests`` holds)."""
    return {name: {"bytes": (folder / name).stat().st_size, "sha256": _sha256(folder / name)}
            for name in names}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _read_json(path: Path, limit: int = 64 << 20) -> dict[str, Any]:
    """A JSON object from ``path``, or ``{}`` when absent, too large or unreadable."""
    try:
        if not path.is_file() or path.stat().st_size > limit:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def run_folder_problems(folder: Path, *, content: bool = True) -> list[str]:
    """Why the files of a run folder are not of one complete run (empty: they are).

    Leftover temporaries are always a problem. A manifest with a ``run_id`` (runs written
    since whole-folder integrity) is held to it: ``summary.json`` must carry the same id,
    every file in ``file_digests`` must be there (the panel may be missing: a copy without
    it is still one run) with its recorded size and, when ``content``, its SHA-256, and no
    other table may lie beside them. Older manifests are not checked further.
    """
    folder = Path(folder)
    problems: list[str] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return problems
    for entry in entries:
        if (entry.name.startswith(".") and entry.name.endswith(".tmp")) or \
                TEMP_PATTERN.match(entry.name) or entry.name == "panel-parts":
            problems.append(f"{entry.name}: a temporary file left by an interrupted write")
    manifest = _read_json(folder / "manifest.json")
    run_id = manifest.get("run_id")
    digests = manifest.get("file_digests")
    if not isinstance(run_id, str) or not isinstance(digests, dict):
        return problems
    summary_path = folder / "summary.json"
    if summary_path.exists():
        other = _read_json(summary_path).get("run_id")
        if other != run_id:
            problems.append(f"summary.json: belongs to another run (run id {other}, the "
                            f"manifest's is {run_id})")
    for name, info in sorted(digests.items()):
        path = folder / name
        if not path.exists():
            if name not in OPTIONAL_FILES:
                problems.append(f"{name}: named in manifest.json but missing")
            continue
        if not isinstance(info, dict):
            continue
        if path.stat().st_size != info.get("bytes"):
            problems.append(f"{name}: not the file this run wrote (its size differs)")
        elif content and _sha256(path) != info.get("sha256"):
            problems.append(f"{name}: not the file this run wrote (its content differs)")
    for entry in entries:
        if entry.suffix == ".parquet" and entry.name not in digests:
            problems.append(f"{entry.name}: not written by this run (run id {run_id})")
    return problems


def check_run_folder(folder: Path, *, content: bool = True) -> None:
    """Raise :class:`RunFolderError` naming every problem of :func:`run_folder_problems`."""
    problems = run_folder_problems(folder, content=content)
    if problems:
        raise RunFolderError(
            f"{folder}: the files in this folder are not one complete run:\n  - "
            + "\n  - ".join(problems)
            + "\nRun the scenario again (jobfirst run ... --out FOLDER --overwrite) or restore "
            "the folder from a copy.")
