"""`jobfirst report DIR --lang en` on a compare, explain or pilot folder (issue 23 §3):
the page is written again from the folder, in the language asked for, the same page the
command wrote; a folder it cannot read gets a clear message and exit code 2."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from small import near_pair
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.decide import compare as cmp
from jobfirst_sim.decide import explain as ex
from jobfirst_sim.decide import pilot as pl
from jobfirst_sim.decide.compare_files import write_tables as write_compare
from jobfirst_sim.report import compare as compare_page
from jobfirst_sim.report import explain as explain_page
from jobfirst_sim.report import pilot as pilot_page
from jobfirst_sim.scenario.ensemble import shipped_ensemble

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "decide"))
from test_pilot import tiny

runner = CliRunner()
FOOTER = re.compile(r"<footer>.*?</footer>")


def _compare(folder: Path) -> str:
    result = cmp.run_compare(cmp.from_arms(tiny(), "today", "jobfirst", replications=2,
                                           members=shipped_ensemble().first(2)))
    write_compare(result, folder, "test", extra_files=["compare.html"])
    compare_page.write_html(result, folder / "compare.html", lang="da")
    return "What changes if we go from"


def _explain(folder: Path) -> str:
    result = ex.explain(ex.ExplainRequest(near_pair(), "control", "jobfirst",
                                          replications=2, seed=5))
    ex.write_tables(result, folder, "test", extra_files=["explain.html"])
    explain_page.write_html(result, folder / "explain.html", lang="da")
    return "In short"


def _pilot(folder: Path) -> str:
    # 5 pilots over 2 members run 3 each: the page says the 5 asked for, then and again
    plan = pl.plan_pilot(pl.PilotRequest(tiny(), "today", "jobfirst", pilots=5, week=52,
                                         sizes=(40, 100), seed=3,
                                         members=shipped_ensemble().first(2)))
    pl.write_tables(plan, folder, "test", extra_files=["pilot.html"])
    pilot_page.write_html(plan, folder / "pilot.html", lang="da")
    return "Planning the pilot"


@pytest.mark.parametrize(("kind", "make"), [("compare", _compare), ("explain", _explain),
                                            ("pilot", _pilot)])
def test_report_writes_a_decision_page_again_in_the_language_asked(
        tmp_path: Path, kind: str, make: Callable[[Path], str]) -> None:
    folder = tmp_path / kind
    english = make(folder)
    page = folder / f"{kind}.html"
    written = FOOTER.sub("", page.read_text("utf-8"))
    res = runner.invoke(app, ["report", str(folder), "--lang", "en", "--out",
                              str(tmp_path / "en.html")])
    assert res.exit_code == 0, res.output
    en = (tmp_path / "en.html").read_text("utf-8")
    assert english in en and len(en) > 10_000
    assert '<html lang="en"' in en
    res = runner.invoke(app, ["report", str(folder), "--lang", "da"])  # over its own page
    assert res.exit_code == 0, res.output
    assert FOOTER.sub("", page.read_text("utf-8")) == written  # the page the command wrote


def test_a_folder_without_the_per_run_values_gets_a_message(tmp_path: Path) -> None:
    folder = tmp_path / "explain"
    _explain(folder)
    (folder / "explain_runs.parquet").unlink()
    res = runner.invoke(app, ["report", str(folder), "--lang", "en"])
    assert res.exit_code == 2
    assert "explain_runs.parquet is missing" in res.output and "Traceback" not in res.output


@pytest.mark.parametrize("name", ["empty", "absent"])
def test_a_folder_with_nothing_to_read_is_refused(tmp_path: Path, name: str) -> None:
    folder = tmp_path / name
    if name == "empty":
        folder.mkdir()
    res = runner.invoke(app, ["report", str(folder)])
    assert res.exit_code == 2, res.output
    assert str(folder) in res.output and "Traceback" not in res.output
    assert not (folder / "report.html").exists()
