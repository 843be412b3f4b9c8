"""Installed versions of the packages that determine results (for manifests and checks).

Why one place: run, sweep and explain manifests, the ``--resume`` check of a sweep and the
Dask worker check must name the same packages and read them the same way, from the installed
distributions' metadata (no heavy imports needed). numpy is here because its random streams
are only guaranteed per version; SALib because sweep sensitivity indices come from it.

The package's own version changes only at releases, so the *model* is identified by a
fingerprint (:func:`model_fingerprint`): version, a hash of the package's source and
packaged data, and the git commit when the package sits in a checkout.
"""

from __future__ import annotations

import functools
import hashlib
import platform
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

RESULT_PACKAGES: tuple[str, ...] = (
    "jobfirst_sim", "numpy", "mesa", "pandas", "pyarrow", "scipy", "SALib",
)
"""Distributions whose version can change a result."""


def package_versions(packages: Iterable[str] = RESULT_PACKAGES) -> dict[str, str]:
    """Version of each distribution by name, or ``"not installed"``."""
    out = {}
    for pkg in packages:
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def versions() -> dict[str, str]:
    """What every manifest records: :data:`RESULT_PACKAGES`, Python and the platform."""
    return {**package_versions(RESULT_PACKAGES), "python": platform.python_version(),
            "platform": platform.platform()}


SOURCE_SUFFIXES: tuple[str, ...] = (".py", ".yaml", ".yml", ".json")
"""Files of the package that make up the model: code and packaged data (presets)."""


def source_files(root: Path | None = None) -> list[Path]:
    """The package's model files (:data:`SOURCE_SUFFIXES`), in sorted relative-path order."""
    root = root or Path(__file__).resolve().parent
    found = [p for p in root.rglob("*")
             if p.suffix in SOURCE_SUFFIXES and p.is_file() and "__pycache__" not in p.parts]
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def source_hash(root: Path | None = None) -> str:
    """SHA-256 over every model file's relative path and bytes (see :func:`source_files`).

    Why the source and not only the version: the version number changes only at releases,
    while a changed default or rule between two commits changes results. Paths are part of
    the hash, so moving code between files counts as a change too (it is cheap to restart).
    """
    root = root or Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in source_files(root):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def git_commit(start: Path | None = None) -> str | None:
    """The commit checked out where the package lives, read from ``.git`` (no git needed).

    Handles a plain checkout and a worktree (``.git`` is a file naming the git directory),
    loose and packed refs; anything else gives ``None`` (the commit is informative only:
    :func:`model_fingerprint` compares the source hash).
    """
    here = (start or Path(__file__)).resolve()
    for folder in here.parents:
        dot = folder / ".git"
        if dot.exists():
            break
    else:
        return None
    try:
        gitdir = dot
        if dot.is_file():
            text = dot.read_text("utf-8").strip()
            if not text.startswith("gitdir:"):
                return None
            gitdir = (folder / text.removeprefix("gitdir:").strip()).resolve()
        common = gitdir
        if (gitdir / "commondir").is_file():
            common = (gitdir / (gitdir / "commondir").read_text("utf-8").strip()).resolve()
        head = (gitdir / "HEAD").read_text("utf-8").strip()
        if not head.startswith("ref:"):
            return head if _is_sha(head) else None
        ref = head.removeprefix("ref:").strip()
        for d in (gitdir, common):
            if (d / ref).is_file():
                sha = (d / ref).read_text("utf-8").strip()
                return sha if _is_sha(sha) else None
        packed = common / "packed-refs"
        if packed.is_file():
            for line in packed.read_text("utf-8").splitlines():
                parts = line.split()
                if len(parts) == 2 and parts[1] == ref and _is_sha(parts[0]):
                    return parts[0]
    except (OSError, UnicodeDecodeError):
        return None
    return None


def _is_sha(text: str) -> bool:
    return len(text) in (40, 64) and all(c in "0123456789abcdef" for c in text)


@functools.lru_cache(maxsize=1)
def model_fingerprint() -> dict[str, str]:
    """Which model made a result: package version, source hash and (if any) git commit.

    Recorded in every manifest and every sweep run file; ``--resume`` compares
    :func:`fingerprint_id` (version and source hash), so a sweep never mixes results of two
    models. Computed once per process (hashing ~100 small files takes milliseconds).
    """
    out = {
        "jobfirst_sim": package_versions(("jobfirst_sim",))["jobfirst_sim"],
        "source_sha256": source_hash(),
    }
    commit = git_commit()
    if commit is not None:
        out["git_commit"] = commit
    return out


def fingerprint_id(fingerprint: dict[str, str] | None = None) -> str:
    """A short comparable form: ``<version>+<first 16 hex digits of the source hash>``."""
    fp = fingerprint if fingerprint is not None else model_fingerprint()
    return f"{fp.get('jobfirst_sim', '?')}+{str(fp.get('source_sha256', '?'))[:16]}"
