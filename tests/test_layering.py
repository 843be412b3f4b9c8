"""The package's rooms import downwards only (issue "one house").

cli → app → report → decide → run → model → scenario → bottom utilities. The model never
imports run/decide/report/app; report never imports the model; nothing imports cli. Every
import counts — at module level, inside functions and under ``TYPE_CHECKING`` — because a
lazy import is still a dependency a reader has to follow.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "jobfirst_sim"
NAME = "jobfirst_sim"

ORDER = ("cli", "app", "report", "decide", "run", "model", "scenario", "bottom")
"""Rooms from top to bottom; a module may import its own room and rooms below it."""

FORBIDDEN = {("report", "model")}
"""Pairs (importer, imported) that are banned even though they point down."""


def room_of(module: str) -> str:
    """Room of a dotted module name inside the package (top-level utilities are 'bottom')."""
    parts = module.split(".")
    if parts[0] != NAME:
        raise ValueError(f"not a {NAME} module: {module}")
    if len(parts) == 1:
        return "bottom"
    head = parts[1]
    if head in ORDER and head != "bottom":
        return head
    return "bottom"


def module_name(path: Path, package: Path) -> str:
    """Dotted name of a source file below ``package``."""
    rel = path.relative_to(package.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def from_module(node: ast.ImportFrom, here: list[str], is_pkg: bool) -> str:
    """The module a ``from … import`` reads, relative levels resolved against ``here``."""
    if not node.level:
        return node.module or ""
    base = here if is_pkg else here[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def imported_modules(path: Path, package: Path) -> list[tuple[int, str]]:
    """(line, module) for every import of the package from ``path``, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = module_name(path, package).split(".")
    is_pkg = path.name == "__init__.py"
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == NAME]
        elif isinstance(node, ast.ImportFrom):
            mod = from_module(node, here, is_pkg)
            if mod.split(".")[0] != NAME:
                continue
            if mod == NAME:  # ``from jobfirst_sim import io``: the names are modules
                found += [(node.lineno, f"{NAME}.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, mod))
    return found


def violations(package: Path) -> list[str]:
    """Every import in ``package`` that runs against the direction of the rooms."""
    rank = {room: i for i, room in enumerate(ORDER)}
    bad = []
    for path in sorted(package.rglob("*.py")):
        src = room_of(module_name(path, package))
        for line, mod in imported_modules(path, package):
            dst = room_of(mod)
            where = f"{path.relative_to(package.parent)}:{line}"
            if dst == "cli" and src != "cli":  # the cli package's modules import each other
                bad.append(f"{where}: imports the cli ({mod})")
            elif rank[dst] < rank[src]:
                bad.append(f"{where}: {src} imports {dst} upwards ({mod})")
            elif (src, dst) in FORBIDDEN:
                bad.append(f"{where}: {src} must not import {dst} ({mod})")
    return bad


def test_package_imports_point_down() -> None:
    assert violations(PACKAGE) == []


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    pkg = tmp_path / NAME
    for rel, text in files.items():
        f = pkg / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(text, encoding="utf-8")
    return pkg


def test_checker_catches_upward_lazy_and_relative_imports(tmp_path: Path) -> None:
    pkg = _tree(tmp_path, {
        "__init__.py": "",
        "stats.py": "",
        "model/__init__.py": "",
        "model/jobcentre.py": (
            "from jobfirst_sim.stats import x\n"
            "def f():\n    from jobfirst_sim.run.simulate import simulate\n"
        ),
        "report/__init__.py": "",
        "report/figures.py": "from ..model import state\n",
        "run/__init__.py": "",
        "run/simulate.py": "import jobfirst_sim.cli\n",
        "scenario/__init__.py": "",
        "scenario/schema.py": "from jobfirst_sim import stats\nfrom . import base\n",
    })
    found = violations(pkg)
    assert any("model/jobcentre.py:3: model imports run upwards" in v for v in found), found
    assert any("report/figures.py:1: report must not import model" in v for v in found), found
    assert any("run/simulate.py:1: imports the cli" in v for v in found), found
    assert len(found) == 3, found


def test_rooms_are_read_from_module_names() -> None:
    assert room_of("jobfirst_sim.model.rules.contact") == "model"
    assert room_of("jobfirst_sim.stats") == "bottom"
    assert room_of("jobfirst_sim.cli") == "cli"
    assert room_of("jobfirst_sim") == "bottom"


def import_graph(package: Path) -> dict[str, set[str]]:
    """Module → the package's modules it imports (every import: module level, lazy, typing).

    An import of a package (``from jobfirst_sim.model import rules``) counts as an import of
    its ``__init__``; an imported name that is itself a submodule counts as that submodule.
    """
    modules = {module_name(p, package): p for p in package.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges: set[str] = set()
        for _, mod in imported_modules(path, package):
            if mod in modules and mod != name:
                edges.add(mod)
        graph[name] = edges
    for name, path in modules.items():  # ``from pkg import submodule`` names the submodule
        tree = ast.parse(path.read_text(encoding="utf-8"))
        here = name.split(".")
        is_pkg = path.name == "__init__.py"
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                mod = from_module(node, here, is_pkg)
                for a in node.names:
                    sub = f"{mod}.{a.name}"
                    if sub in modules and sub != name:
                        graph[name].add(sub)
    return graph


def circles(package: Path) -> list[list[str]]:
    """Every import circle in ``package``: strongly connected groups of two or more modules
    (Tarjan), over every import, lazy and ``TYPE_CHECKING`` ones included.

    A package's ``__init__`` counts as a module: a submodule that imports names through its
    own package while the ``__init__`` imports that submodule closes a circle too, and a
    reader following the imports meets it the same way.
    """
    graph = import_graph(package)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:  # Tarjan's strongly connected components, recursive
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def test_package_has_no_import_circle() -> None:
    assert circles(PACKAGE) == []


def test_circle_checker_finds_lazy_and_typing_circles(tmp_path: Path) -> None:
    pkg = _tree(tmp_path, {
        "__init__.py": "",
        "model/__init__.py": "",
        "model/a.py": "from jobfirst_sim.model import b\n",
        "model/b.py": (
            "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from jobfirst_sim.model.c import C\n"
        ),
        "model/c.py": "def f():\n    from . import a\n",
        "model/d.py": "from .a import x\n",
    })
    assert circles(pkg) == [["jobfirst_sim.model.a", "jobfirst_sim.model.b",
                             "jobfirst_sim.model.c"]]
