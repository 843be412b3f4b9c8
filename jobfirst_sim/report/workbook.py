"""The Excel workbook and the CSV beside every decision folder's page.

Why: the managers and the municipal economist who act on a comparison work in Excel. The
page shows the answer; the workbook hands over the same tables as numbers they can
compute with, one sheet per table, with the page's labels in the page's language, so
nobody copies figures off a web page or reads ``share_with_hours_end`` and ``today``. The
main table is also a CSV, for tools that read no workbook.

``jobfirst compare``, ``explain`` and ``pilot`` call :func:`write_workbook` once their
tables are written, and ``jobfirst report DIR --lang en`` calls it again, so a folder
rendered again in English gets its workbook in English too. Both files are built from
the folder itself (:mod:`.workbook_sheets`) and written atomically.
"""

from __future__ import annotations

import codecs
import csv
import io as text_io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from jobfirst_sim import fmt, io
from jobfirst_sim.decide.stored import kind_of
from jobfirst_sim.report.workbook_sheets import Sheet, read_folder, sheets
from jobfirst_sim.words import check_lang

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = ["csv_text", "workbook_files", "workbook_of", "write_workbook"]

MAX_WIDTH: Final = 48
"""Widest column (characters): a long label wraps in its header instead."""


def workbook_files(kind: str) -> list[str]:
    """The files :func:`write_workbook` adds to a ``kind`` folder (for its manifest)."""
    return [f"{kind}.xlsx", f"{kind}.csv"]


def write_workbook(folder: Path, lang: str = "da", out: Path | None = None) -> list[Path]:
    """Write ``<kind>.xlsx`` and ``<kind>.csv`` for the decision folder ``folder`` in
    ``lang``; return their paths.

    ``out`` (a page written elsewhere, ``jobfirst report DIR --out page.html``) puts them
    beside that page under its name (``page.xlsx``, ``page.csv``) instead of over the
    folder's own. A folder that is no decision folder gets nothing (an empty list).
    """
    check_lang(lang)
    folder = Path(folder)
    kind = kind_of(folder)
    if kind is None:
        return []
    book = sheets(read_folder(folder, kind, lang))
    stem = Path(out).with_suffix("") if out is not None else folder / kind
    xlsx, table = stem.with_name(stem.name + ".xlsx"), stem.with_name(stem.name + ".csv")
    with io.atomic_path(xlsx) as tmp:
        workbook_of(book).save(tmp)
    io.write_bytes(table, codecs.BOM_UTF8 + csv_text(book[1], lang).encode("utf-8"))
    return [xlsx, table]


def csv_text(sheet: Sheet, lang: str) -> str:
    """The main table as CSV text in the dialect Excel reads in ``lang``.

    Why two dialects: Excel opens a CSV with the list separator and decimal mark of the
    reader's locale. A Danish Excel writes decimals with a comma, so its list separator is
    ``;`` and a number must be ``0,065``: with ``,`` as separator every row would land in
    one column and every decimal would split. So ``da`` gets ``;`` and decimal commas,
    ``en`` gets ``,`` and decimal points. Both are UTF-8 with a byte order mark (added by
    the caller), without which Excel reads UTF-8 as the locale's code page and shows
    ``Ã¦`` for ``æ``. Numbers carry no thousands separators or units, so they stay numbers.
    """
    buf = text_io.StringIO()
    writer = csv.writer(buf, delimiter=";" if lang == "da" else ",", lineterminator="\r\n")
    writer.writerow(sheet.headers)
    for row in sheet.rows:
        writer.writerow([_csv_cell(v, lang) for v in row])
    return buf.getvalue()


def _csv_cell(value: object, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return fmt.machine(value, lang)
    return str(value)


def workbook_of(book: Sequence[Sheet]) -> Workbook:
    """The sheets as an openpyxl workbook: bold wrapped headers that repeat on every
    printed page, a frozen header row, a filter, sensible widths and number formats."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    used: set[str] = set()
    for sheet in book:
        ws = wb.create_sheet(_sheet_title(sheet.name, used))
        ws.append(sheet.headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for r, (values, forms) in enumerate(zip(sheet.rows, sheet.formats, strict=True),
                                            start=2):
            for c, (value, form) in enumerate(zip(values, forms, strict=True), start=1):
                cell = ws.cell(row=r, column=c, value=value)
                if form is not None and isinstance(value, int | float):
                    cell.number_format = form
        for i, head in enumerate(sheet.headers):
            width = sheet.widths[i] if i < len(sheet.widths) else _width(sheet, i, head)
            ws.column_dimensions[get_column_letter(i + 1)].width = width
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape"
        if len(sheet.rows) > 1 and len(sheet.headers) > 2:
            ws.auto_filter.ref = ws.dimensions
    return wb


def _width(sheet: Sheet, column: int, head: str) -> int:
    longest = max((len(str(r[column])) for r in sheet.rows[:200] if r[column] is not None
                   and not isinstance(r[column], float)), default=10)
    return min(MAX_WIDTH, max(10, longest + 2, min(len(head), 24) + 2))


def _sheet_title(name: str, used: set[str]) -> str:
    """A valid, unique sheet title: Excel allows 31 characters and none of ``[]:*?/\\``."""
    clean = "".join("-" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "Sheet"
    title, n = clean, 2
    while title.lower() in used:
        title = f"{clean[:28]} {n}"
        n += 1
    used.add(title.lower())
    return title
