"""The model fingerprint: which model made a result (issue 9, section 2).

The source hash changes with any model file (code or packaged presets) and only with
them; the git commit is read from ``.git`` without git (plain checkout, worktree, packed
refs); every manifest carries the fingerprint.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jobfirst_sim.run.manifest import manifest
from jobfirst_sim.versions import (
    fingerprint_id,
    git_commit,
    model_fingerprint,
    source_files,
    source_hash,
)

SHA = "0123456789abcdef0123456789abcdef01234567"


def package(tmp_path: Path) -> Path:
    root = tmp_path / "pkg"
    (root / "rules").mkdir(parents=True)
    (root / "presets").mkdir()
    (root / "__init__.py").write_text("")
    (root / "rules" / "conversion.py").write_text("RATE = 0.12\n")
    (root / "presets" / "designs.yaml").write_text("a: 1\n")
    (root / "report.css").write_text("body {}\n")
    return root


CHANGES = [
    ("a default in code", "rules/conversion.py", "RATE = 0.15\n", True),
    ("a packaged preset", "presets/designs.yaml", "a: 2\n", True),
    ("a new module", "rules/new.py", "X = 1\n", True),
    ("a stylesheet (not the model)", "report.css", "body {color: red}\n", False),
    ("a compiled file", "rules/__pycache__/conversion.cpython-311.pyc", "junk", False),
]


@pytest.mark.parametrize(("case", "rel", "text", "changes"), CHANGES, ids=[c[0] for c in CHANGES])
def test_source_hash_follows_model_files(
    tmp_path: Path, case: str, rel: str, text: str, changes: bool
) -> None:
    root = package(tmp_path)
    before = source_hash(root)
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    assert (source_hash(root) != before) is changes, case


def test_source_files_are_in_sorted_path_order(tmp_path: Path) -> None:
    root = package(tmp_path)
    rel = [p.relative_to(root).as_posix() for p in source_files(root)]
    assert rel == sorted(rel) == ["__init__.py", "presets/designs.yaml", "rules/conversion.py"]


def _checkout(tmp_path: Path, kind: str) -> Path:
    repo = tmp_path / "repo"
    (repo / "src" / "pkg").mkdir(parents=True)
    git = repo / ".git"
    if kind == "worktree":
        gitdir = tmp_path / "main.git" / "worktrees" / "wt"
        gitdir.mkdir(parents=True)
        (gitdir / "commondir").write_text("../..\n")
        (gitdir / "HEAD").write_text("ref: refs/heads/topic\n")
        (tmp_path / "main.git" / "refs" / "heads").mkdir(parents=True)
        (tmp_path / "main.git" / "refs" / "heads" / "topic").write_text(SHA + "\n")
        git.write_text(f"gitdir: {gitdir}\n")
        return repo / "src" / "pkg" / "versions.py"
    git.mkdir()
    if kind == "detached":
        (git / "HEAD").write_text(SHA + "\n")
    elif kind == "loose":
        (git / "HEAD").write_text("ref: refs/heads/main\n")
        (git / "refs" / "heads").mkdir(parents=True)
        (git / "refs" / "heads" / "main").write_text(SHA + "\n")
    elif kind == "packed":
        (git / "HEAD").write_text("ref: refs/heads/main\n")
        (git / "packed-refs").write_text(f"# pack-refs with: peeled\n{SHA} refs/heads/main\n")
    elif kind == "broken":
        (git / "HEAD").write_text("ref: refs/heads/missing\n")
    return repo / "src" / "pkg" / "versions.py"


@pytest.mark.parametrize(("kind", "expected"), [
    ("detached", SHA), ("loose", SHA), ("packed", SHA), ("worktree", SHA), ("broken", None),
])
def test_git_commit_is_read_without_git(tmp_path: Path, kind: str, expected: str | None) -> None:
    assert git_commit(_checkout(tmp_path, kind)) == expected


def test_no_checkout_gives_no_commit(tmp_path: Path) -> None:
    if any((d / ".git").exists() for d in tmp_path.parents):
        pytest.skip("the temporary folder lies inside a checkout")
    assert git_commit(tmp_path / "a" / "b.py") is None


def test_every_manifest_records_the_fingerprint() -> None:
    fp = model_fingerprint()
    assert len(fp["source_sha256"]) == 64 and fp["jobfirst_sim"]
    assert fingerprint_id() == f"{fp['jobfirst_sim']}+{fp['source_sha256'][:16]}"
    for kind in ("run", "sweep", "explain"):
        doc = manifest(kind=kind, root_seed=1, replications=1, config_hash="h", command="c",
                       started=0.0, files=[])
        assert doc["model"] == fp
