"""The one formatter (:mod:`jobfirst_sim.fmt`): Danish and English by CLDR's rules, and no
other function in the package writes decimal marks or thousands separators by hand."""

from __future__ import annotations

import ast
import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from jobfirst_sim import fmt

PACKAGE = Path(__file__).resolve().parents[1] / "jobfirst_sim"

NBSP = "\u00a0"


@pytest.mark.parametrize(("call", "da", "en"), [
    (lambda lang: fmt.number(1234.5, lang), "1.234,5", "1,234.5"),
    (lambda lang: fmt.number(1234567, lang, 0), "1.234.567", "1,234,567"),
    (lambda lang: fmt.number(-2.1, lang), "\u22122,1", "\u22122.1"),
    (lambda lang: fmt.number(2.1, lang, signed=True), "+2,1", "+2.1"),
    (lambda lang: fmt.number(-0.04, lang), "0,0", "0.0"),  # no "-0,0"
    (lambda lang: fmt.number(float("nan"), lang), "–", "–"),
    (lambda lang: fmt.percent(0.123, lang), f"12,3{NBSP}%", "12.3%"),
    (lambda lang: fmt.percent(0.19, lang, 0), f"19{NBSP}%", "19%"),
    (lambda lang: fmt.points(-0.021, lang), f"\u22122,1{NBSP}pct.-point", f"\u22122.1{NBSP}pp"),
    (lambda lang: fmt.points(0.128, lang), f"+12,8{NBSP}pct.-point", f"+12.8{NBSP}pp"),
    (lambda lang: fmt.kroner(12.3e6, lang, 1, compact=True), f"12,3{NBSP}mio.{NBSP}kr.",
     f"DKK{NBSP}12.3M"),
    (lambda lang: fmt.kroner(1_234_567.4, lang), f"1.234.567{NBSP}kr.", f"DKK{NBSP}1,234,567"),
    (lambda lang: fmt.kroner(-0.2, lang), f"0{NBSP}kr.", f"DKK{NBSP}0"),
    (lambda lang: fmt.date(dt.date(2016, 3, 1), lang), "1. marts 2016", "March 1, 2016"),
    (fmt.separators, ",.", ".,"),
])
def test_danish_and_english_by_cldr(call: Callable[[str], str], da: str, en: str) -> None:
    assert call("da") == da
    assert call("en") == en


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="language must be one of da, en"):
        fmt.number(1.0, "de")


OLD_FORMATTERS = {"fmt_num", "fmt_pct", "number_text", "kroner_text"}
"""Names of the hand-written formatters the one formatter replaced."""

def _swaps_separators(node: ast.Call) -> bool:
    """``s.replace(",", …)``/``s.replace(".", …)``, ``str.maketrans(",.", …)`` or a
    ``re.sub`` that puts a comma for a point: the signs of a hand-written formatter."""
    func = node.func
    args = [a.value for a in node.args if isinstance(a, ast.Constant)]
    if not isinstance(func, ast.Attribute) or len(args) < 2:
        return False
    if func.attr == "replace":  # reading "0,8" as 0.8 (replace "," by ".") is parsing
        return (args[0] == "." and args[1] != "") or (args[0] == "," and args[1] != ".")
    if func.attr == "maketrans":
        return args[0] in (",.", ".,")
    if func.attr == "sub":
        return isinstance(args[0], str) and r"\." in args[0] and "," in str(args[1])
    return False


def _offenders() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel == "fmt.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if fn.name in OLD_FORMATTERS or any(
                    isinstance(n, ast.Call) and _swaps_separators(n) for n in ast.walk(fn)):
                found.add((rel, fn.name))
    return found


def test_the_old_formatters_are_gone() -> None:
    """No function outside fmt.py writes separators by hand or carries an old formatter's
    name: the workshop's were the last, and went when it moved."""
    assert _offenders() == set()


def test_the_detector_finds_a_hand_written_formatter() -> None:
    tree = ast.parse('def f(x):\n    return f"{x:,.1f}".replace(",", "X").replace(".", ",")\n')
    assert any(isinstance(n, ast.Call) and _swaps_separators(n) for n in ast.walk(tree))


PAGES = ("report/run_overview.py", "report/headline.py", "report/compare.py",
         "report/explain_words.py", "report/sweep.py", "report/sweep_figures.py", "report/pilot.py",
         "report/figures/weekly.py", "report/figures/outcomes.py", "report/figures/people.py",
         "app/browse/views.py", "decide/economics.py")
"""Every module that writes numbers onto a page or into a terminal table."""


@pytest.mark.parametrize("page", PAGES)
def test_every_page_formats_with_the_one_formatter(page: str) -> None:
    tree = ast.parse((PACKAGE / page).read_text(encoding="utf-8"))
    imports = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
               and n.module == "jobfirst_sim" for a in n.names}
    calls = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)
             and isinstance(n.value, ast.Name) and n.value.id == "fmt"}
    assert "fmt" in imports and calls & {"number", "percent", "points", "kroner", "date"}


def test_babel_is_loaded_on_first_use_only() -> None:
    """``jobfirst --help`` and the report's imports must not pay for Babel's locale data."""
    code = ("import sys, jobfirst_sim.cli, jobfirst_sim.report.run, jobfirst_sim.fmt; "
            "assert 'babel' not in sys.modules; jobfirst_sim.fmt.number(1.0, 'da'); "
            "assert 'babel' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=PACKAGE.parent)


def test_a_machine_number_is_read_back_exactly_in_either_language() -> None:
    for x in (0.065, -1234567.891, 1e-7, 3.0):
        assert float(fmt.machine(x, "en")) == x
        assert float(fmt.machine(x, "da").replace(",", ".")) == x
        assert "." not in fmt.machine(x, "da") and "\u00a0" not in fmt.machine(x, "da")
