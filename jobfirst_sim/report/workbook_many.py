"""The workbook and CSV of a folder of several proposals (``jobfirst compare CURRENT A B``).

Why apart from :mod:`.workbook`: such a folder is no single comparison; its main table has
a row per proposal (:func:`jobfirst_sim.decide.compare_many.summary_table`) and each
proposal's full comparison sits in its own subfolder, which gets its own workbook there.
The top folder's workbook is the board's table: one labelled sheet of numbers, in the
chosen language, and the same table as CSV in the dialect Excel reads in that language.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Final

from jobfirst_sim import io, metrics
from jobfirst_sim.decide.compare import CURRENT, PROPOSED
from jobfirst_sim.decide.compare_many import PAYERS_SHOWN, ManyComparison, folder_name
from jobfirst_sim.report.compare import side_label
from jobfirst_sim.report.labels import t
from jobfirst_sim.report.workbook import csv_text, workbook_of, write_workbook
from jobfirst_sim.report.workbook_sheets import (
    DECIMAL,
    PERCENT,
    SIGNED_KRONER,
    SIGNED_PERCENT,
    WHOLE,
    Sheet,
    number,
)

__all__ = ["MANY_FILES", "write_many_workbook"]

MANY_FILES: Final = ["compare_many.xlsx", "compare_many.csv"]
"""The files :func:`write_many_workbook` adds to the top folder (for its manifest)."""

_COST: Final = ("net_cost_a_year", "net_cost_a_year_low", "net_cost_a_year_high")


def _columns(lang: str, current: str) -> list[tuple[str, str]]:
    """(column of the summary table, header) in the order of the sheet."""
    cols = [("design", t("cmm_design", lang)),
            ("current", t("xl_col_current", lang, name=current)),
            ("proposed", t("xlm_col_proposed", lang)),
            ("difference", t("xl_col_difference", lang)),
            ("ci_low", t("xl_col_ci_low", lang)), ("ci_high", t("xl_col_ci_high", lang)),
            ("probability_better", t("cmm_better", lang))]
    for payer in PAYERS_SHOWN:
        cols += [(f"{payer}_{c}", t(f"xlm_col_{payer}_{c}", lang)) for c in _COST]
        cols.append((f"{payer}_payback_year", t(f"cmm_payback_{payer}", lang)))
    cols += [("week", t("cmp_week_own", lang)), ("members", t("xl_col_members", lang)),
             ("replications", t("xl_col_n_replications", lang))]
    return cols


def _format(column: str, metric: str, lang: str) -> str | None:
    """A summary column's number format: levels and differences by the metric, kroner a
    year signed, payback years and counts whole."""
    share = metrics.is_share(metric)
    if column in ("current", "proposed"):
        return PERCENT if share else DECIMAL
    if column in ("difference", "ci_low", "ci_high"):
        return SIGNED_PERCENT if share else DECIMAL
    if column == "probability_better":
        return PERCENT
    if "net_cost" in column:
        return SIGNED_KRONER[lang]
    return WHOLE  # payback years, week, members, replications


def many_sheet(many: ManyComparison, lang: str) -> Sheet:
    """The summary table as one sheet: a row per proposal, named as the page names it."""
    first = next(iter(many.comparisons.values()))
    names = {k: side_label(c, PROPOSED, lang) for k, c in many.comparisons.items()}
    cols = _columns(lang, side_label(first, CURRENT, lang))
    sheet = Sheet(t("xlm_sheet", lang), [h for _, h in cols])
    for record in many.table().to_dict("records"):
        metric = str(record.get("metric") or "share_with_hours_end")
        sheet.rows.append([names.get(str(record["design"]), str(record["design"]))
                           if c == "design" else number(record.get(c)) for c, _ in cols])
        sheet.formats.append([None if c == "design" else _format(c, metric, lang)
                              for c, _ in cols])
    return sheet


def write_many_workbook(many: ManyComparison, folder: Path, lang: str = "da") -> list[Path]:
    """Each proposal's subfolder gets its own workbook (:func:`.write_workbook`); the top
    folder gets ``compare_many.xlsx`` (the summary sheet) and ``compare_many.csv`` (the
    same, labelled, in ``lang``'s Excel dialect). Written atomically; returns the paths."""
    written: list[Path] = []
    for key in many.comparisons:
        written += write_workbook(folder / folder_name(key), lang)
    sheet = many_sheet(many, lang)
    xlsx, table = (folder / name for name in MANY_FILES)
    with io.atomic_path(xlsx) as tmp:
        workbook_of([sheet]).save(tmp)
    io.write_bytes(table, codecs.BOM_UTF8 + csv_text(sheet, lang).encode("utf-8"))
    return [*written, xlsx, table]
