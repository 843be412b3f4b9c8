"""Every third-party package the code imports is declared in pyproject's dependencies.

Why: ``flask`` was imported by the workshop but never declared, so a clean install worked
only because dash happens to pull it in. Import names are mapped to distribution names by
the installed metadata (``yaml`` -> PyYAML, ``SALib`` -> SALib), and a declared extra
(``dask[distributed]``) declares what that extra requires.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, packages_distributions, requires
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "jobfirst_sim"
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")


def normal(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def top_level_imports(package: Path) -> dict[str, str]:
    """Third-party top-level module -> the first file importing it (lazy imports included)."""
    found: dict[str, str] = {}
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in ("__future__", package.name):
                    continue
                found.setdefault(top, str(path.relative_to(package.parent)))
    return found


def declared(pyproject: Path) -> set[str]:
    """Distribution names in ``[project] dependencies``, with what their extras require."""
    deps = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    names: set[str] = set()
    for dep in deps:
        m = REQUIREMENT.match(dep)
        assert m, dep
        names.add(normal(m.group(1)))
        for extra in filter(None, (e.strip() for e in (m.group(2) or "").split(","))):
            try:
                reqs = requires(m.group(1)) or []
            except PackageNotFoundError:
                continue
            for r in reqs:
                if re.search(rf"extra\s*==\s*['\"]{re.escape(extra)}['\"]", r):
                    inner = REQUIREMENT.match(r)
                    assert inner, r
                    names.add(normal(inner.group(1)))
    return names


def undeclared(package: Path, pyproject: Path) -> list[str]:
    """``module (distribution) in file`` for every imported package not declared."""
    dists = packages_distributions()
    have = declared(pyproject)
    missing = []
    for module, where in sorted(top_level_imports(package).items()):
        names = dists.get(module)
        if not names:
            missing.append(f"{module} (not installed) in {where}")
        elif not any(normal(n) in have for n in names):
            missing.append(f"{module} ({names[0]}) in {where}")
    return missing


def test_every_imported_package_is_declared() -> None:
    assert undeclared(PACKAGE, ROOT / "pyproject.toml") == []


def test_the_check_finds_an_undeclared_import(tmp_path: Path) -> None:
    pkg = tmp_path / "jobfirst_sim"
    pkg.mkdir()
    (pkg / "a.py").write_text("import os\nimport yaml\nfrom flask import Flask\n"
                              "def f():\n    import dask.array\n    from . import b\n")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["PyYAML>=6", "dask>=2024"]\n')
    assert undeclared(pkg, tmp_path / "pyproject.toml") == ["flask (Flask) in jobfirst_sim/a.py"]
    (pkg / "b.py").write_text("import distributed\nimport no_such_package_anywhere\n")
    assert undeclared(pkg, tmp_path / "pyproject.toml") == [
        "distributed (distributed) in jobfirst_sim/b.py", "flask (Flask) in jobfirst_sim/a.py",
        "no_such_package_anywhere (not installed) in jobfirst_sim/b.py"]
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["pyyaml", "dask[distributed]", "flask"]\n')
    assert undeclared(pkg, tmp_path / "pyproject.toml") == [
        "no_such_package_anywhere (not installed) in jobfirst_sim/b.py"]
