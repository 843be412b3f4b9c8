"""The business case of ``jobfirst explain`` (decide/business/of_explain.py): the same case
``compare --from A --to B`` gives for the same file, seed and replications, in alternatives
and in a trial's one world; kept in the folder and in explain.json, and read back when the
page is written again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from small import near_pair, small_calendar
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.decide import compare as cmp
from jobfirst_sim.decide.business import of_explain
from jobfirst_sim.decide.business.case import YearCase
from jobfirst_sim.decide.business.of_compare import compare_case
from jobfirst_sim.decide.explain import ExplainRequest, explain, prepared
from jobfirst_sim.report.explain import write_html
from jobfirst_sim.words import t


def _same(a: YearCase, b: YearCase) -> None:
    assert a.years == b.years and a.weeks == b.weeks
    assert a.change_costs == pytest.approx(b.change_costs)
    for payer, c in a.payers.items():
        d = b.payers[payer]
        assert [f.mean for f in c.years] == pytest.approx([f.mean for f in d.years]), payer
        assert c.present_value.low == pytest.approx(d.present_value.low), payer
        assert c.payback_year == d.payback_year


@pytest.mark.parametrize("world", ["alternatives", "trial"])
def test_explain_gives_compares_business_case(world: str) -> None:
    if world == "trial":
        scen, a, b = near_pair(n_kh=40, n_rf=10, weeks=60), "control", "jobfirst"
    else:
        scen, a, b = small_calendar(horizon=40, scale=0.05), "today", "proposed"
    assert scen.one_world == (world == "trial")
    req = prepared(ExplainRequest(scen, a, b, replications=2, seed=5))
    case = of_explain.explain_case(req, of_explain.run_books(req))
    comparison = cmp.run_compare(cmp.from_arms(scen, a, b, replications=2, seed=5))
    _same(case, compare_case(comparison, a))
    assert case.change_costs > 0  # the designs differ: the change has its own costs


def test_the_folder_keeps_the_case_and_the_page_is_written_again(tmp_path: Path) -> None:
    scen = near_pair(n_kh=40, n_rf=10, weeks=60)
    expl = explain(ExplainRequest(scen, "control", "jobfirst", replications=2, seed=5))
    books = of_explain.run_books(expl.request)
    case = of_explain.explain_case(expl.request, books)
    folder = tmp_path / "explain"
    of_explain.write_tables(expl, folder, books, case, "test", ["explain.html"])
    write_html(expl, folder / "explain.html", "da", business=case)
    data = json.loads((folder / "explain.json").read_text("utf-8"))
    assert data["business_case"]["payers"]["municipality"]["present_value"]["mean"] == (
        pytest.approx(case.payers["municipality"].present_value.mean))
    assert "headline" in data and set(of_explain.BOOK_FILES.values()) <= set(data["files"])
    assert of_explain.YEARS_FILE in data["files"]
    again = of_explain.read_case(folder, expl.request)
    assert again is not None
    _same(again, case)
    res = CliRunner().invoke(app, ["report", str(folder), "--lang", "en", "--out",
                                   str(tmp_path / "en.html")])
    assert res.exit_code == 0, res.output
    page = (tmp_path / "en.html").read_text("utf-8")
    assert t("short_cost", "en") in page and t("biz_title", "en") in page
    assert t("short_no_books", "en") not in page


def test_a_folder_without_books_says_so_on_its_page(tmp_path: Path) -> None:
    assert of_explain.read_books(tmp_path) is None
