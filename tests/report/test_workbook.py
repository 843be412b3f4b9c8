"""The Excel workbook and CSV of every decision folder (issue 23 §3, must show "Excel"):
the workbook opens with openpyxl, has one sheet per table with headers and categories in
the chosen language, numbers stay numbers with formats, and the CSV reads back as numbers
in the dialect of a Danish or an English Excel. ``jobfirst report DIR --lang en`` writes
the workbook again in English."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from small import near_pair
from typer.testing import CliRunner

from jobfirst_sim import metrics
from jobfirst_sim.cli import app
from jobfirst_sim.decide import compare as cmp
from jobfirst_sim.decide import explain as ex
from jobfirst_sim.decide import pilot as pl
from jobfirst_sim.decide.compare_files import write_tables as write_compare
from jobfirst_sim.report.workbook import workbook_files, write_workbook
from jobfirst_sim.scenario.ensemble import shipped_ensemble
from jobfirst_sim.words import t

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "decide"))
from test_pilot import tiny

SHEETS = {
    "compare": ["xl_sheet_about", "xl_sheet_outcomes", "xl_sheet_years", "xl_sheet_tornado",
                "xl_sheet_staff", "xl_sheet_trace", "xl_sheet_budget", "xl_sheet_weekly"],
    "explain": ["xl_sheet_about", "xl_sheet_explain"],
    "pilot": ["xl_sheet_about", "xl_sheet_pilot", "xl_sheet_years", "xl_sheet_tornado"],
}
MAIN = {"compare": "compare_outcomes.parquet", "explain": "explain.parquet",
        "pilot": "pilot.parquet"}


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One small folder of each kind, as the commands write them (tables and JSON)."""
    root = tmp_path_factory.mktemp("decisions")
    result = cmp.run_compare(cmp.from_arms(tiny(), "today", "jobfirst", replications=2,
                                           members=shipped_ensemble().first(2)))
    write_compare(result, root / "compare", "jobfirst compare test")
    expl = ex.explain(ex.ExplainRequest(near_pair(), "control", "jobfirst", replications=2,
                                        seed=5))
    ex.write_tables(expl, root / "explain", "jobfirst explain test")
    plan = pl.plan_pilot(pl.PilotRequest(tiny(), "today", "jobfirst", pilots=4, week=52,
                                         sizes=(40, 100), seed=3))
    pl.write_tables(plan, root / "pilot", "jobfirst pilot test")
    return {kind: root / kind for kind in SHEETS}


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("kind", ["compare", "explain", "pilot"])
def test_the_workbook_opens_with_labelled_sheets(folders: dict[str, Path], tmp_path: Path,
                                                 kind: str, lang: str) -> None:
    xlsx, table = write_workbook(folders[kind], lang, out=tmp_path / f"{kind}.html")
    assert [p.name for p in (xlsx, table)] == workbook_files(kind)
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == [t(key, lang) for key in SHEETS[kind]]
    raw = pd.read_parquet(folders[kind] / MAIN[kind])
    main = wb.worksheets[1]
    heads = [c.value for c in main[1]]
    assert len(heads) == len(raw.columns) and not set(heads) & set(raw.columns)
    assert all(isinstance(h, str) and h for h in heads)
    assert main.max_row == len(raw) + 1
    numeric = [c for c in raw.columns if pd.api.types.is_float_dtype(raw[c])]
    for row in main.iter_rows(min_row=2, max_row=6):
        for cell, col in zip(row, raw.columns, strict=True):
            if col in numeric and cell.value is not None:
                assert isinstance(cell.value, int | float), (col, cell.value)
                assert cell.number_format != "General", col
    about = dict(wb.worksheets[0].iter_rows(min_row=2, values_only=True))
    meta = json.loads((folders[kind] / f"{kind}.json").read_text("utf-8"))
    assert about[t("xl_about_seed", lang)] == meta["root_seed"]
    assert about[t("xl_about_command", lang)] == f"jobfirst {kind} test"
    assert about[t("xl_about_headline", lang)] == metrics.label("share_with_hours_end", lang)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_compare_categories_and_formats_follow_the_language(folders: dict[str, Path],
                                                            tmp_path: Path, lang: str) -> None:
    xlsx, _ = write_workbook(folders["compare"], lang, out=tmp_path / "c.html")
    ws = openpyxl.load_workbook(xlsx)[t("xl_sheet_outcomes", lang)]
    heads = [c.value for c in ws[1]]
    col = {name: heads.index(t(key, lang)) for name, key in (
        ("metric", "xl_col_metric"), ("difference", "xl_col_difference"),
        ("arm", "xl_col_arm"), ("benefit", "xl_col_benefit"))}
    rows = list(ws.iter_rows(min_row=2))
    arms = {r[col["arm"]].value for r in rows}
    assert "today" not in arms and len(arms) == 1
    assert {r[col["benefit"]].value for r in rows} >= {t("kontanthjaelp", lang)}
    by_metric = {r[col["metric"]].value: r[col["difference"]] for r in rows}
    share = by_metric[metrics.label("share_with_hours_end", lang)]
    kroner = by_metric[metrics.label("dkk_public_net_per_citizen", lang)]
    assert isinstance(share.value, float) and "%" in share.number_format
    assert isinstance(kroner.value, float) and ("kr." if lang == "da" else "DKK") in (
        kroner.number_format)
    years = openpyxl.load_workbook(xlsx)[t("xl_sheet_years", lang)]
    payers = {r[0] for r in years.iter_rows(min_row=2, values_only=True)}
    assert t("biz_payer_municipality", lang) in payers
    assert t("biz_year", lang, n=1) in {r[1] for r in years.iter_rows(min_row=2,
                                                                       values_only=True)}


@pytest.mark.parametrize(("lang", "sep", "decimal"), [("da", ";", ","), ("en", ",", ".")])
def test_the_csv_is_the_main_table_in_the_dialect_excel_reads(
        folders: dict[str, Path], tmp_path: Path, lang: str, sep: str, decimal: str) -> None:
    _, table = write_workbook(folders["compare"], lang, out=tmp_path / "c.html")
    data = table.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the file as UTF-8
    back = pd.read_csv(table, sep=sep, decimal=decimal, encoding="utf-8-sig")
    raw = pd.read_parquet(folders["compare"] / MAIN["compare"])
    assert list(back.columns)[-1] == t("xl_col_n_replications", lang)
    difference = back[t("xl_col_difference", lang)]
    assert pd.api.types.is_float_dtype(difference)
    pd.testing.assert_series_equal(difference, raw["difference"], check_names=False)


def test_report_writes_the_workbook_again_in_the_language_asked(
        folders: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "explain"
    folder.mkdir()
    for f in folders["explain"].iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    write_workbook(folder, "da")
    assert openpyxl.load_workbook(folder / "explain.xlsx").sheetnames[0] == "Om"
    res = CliRunner().invoke(app, ["report", str(folder), "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert openpyxl.load_workbook(folder / "explain.xlsx").sheetnames == ["About", "Levers"]
    assert (folder / "explain.csv").read_text("utf-8-sig").startswith("Lever,")
    res = CliRunner().invoke(app, ["report", str(folder), "--lang", "da", "--out",
                                   str(tmp_path / "side.html")])
    assert res.exit_code == 0, res.output
    assert openpyxl.load_workbook(tmp_path / "side.xlsx").sheetnames[0] == "Om"
    assert openpyxl.load_workbook(folder / "explain.xlsx").sheetnames[0] == "About"


def test_a_folder_that_is_no_decision_gets_no_workbook(tmp_path: Path) -> None:
    assert write_workbook(tmp_path, "en") == []
    assert list(tmp_path.iterdir()) == []
