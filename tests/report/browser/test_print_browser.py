"""A decision page printed by Chromium on A4 (issue 23 §3, must show "Printing").

The compare page is opened as a manager opens it (a 1280-pixel window) and printed to PDF
by Chromium, as the browser's Print does. The PDF's pages are A4; no table is split
across two pages (each table's first and last row are found on the same page, by marks
put into their first cells before printing and read back with poppler's pdftotext), but
for a table taller than a whole printed page, which must break between rows with its
header repeated on every page it spans; and
before printing every figure is drawn at the page's width, so none is cut off at the
right. The pages are kept as PNG in test-artifacts/print/. Without the print stylesheet
the same page split a table between two pages (checked when the stylesheet was written).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from jobfirst_sim.decide import compare as cmp
from jobfirst_sim.report.compare import write_html
from jobfirst_sim.report.html import PRINT_WIDTH_PX

pytestmark = [pytest.mark.browser]

A4_POINTS = (595.28, 841.89)
MARK = re.compile(r"zq(\d+)([az])")

#: a mark in the first cell of each table's first and last body row; returns the count
_MARK_TABLES_JS = """() => {
  const tables = Array.from(document.querySelectorAll('main table'));
  tables.forEach((t, i) => {
    const rows = t.tBodies.length ? Array.from(t.tBodies[0].rows) : Array.from(t.rows);
    if (!rows.length) return;
    for (const [row, end] of [[rows[0], 'a'], [rows[rows.length - 1], 'z']]) {
      const cell = row.cells[0];
      cell.insertBefore(document.createTextNode('zq' + i + end + ' '), cell.firstChild);
    }
  });
  return tables.length;
}"""

#: each table's height and its header's last cell, laid out as for print (A4's printable
#: width): a table taller than the printable height cannot be kept on one page
_TABLE_SIZES_JS = """() => Array.from(document.querySelectorAll('main table')).map(t => {
  const heads = t.tHead ? Array.from(t.tHead.rows[0].cells) : [];
  return [t.getBoundingClientRect().height,
          heads.length ? heads[heads.length - 1].innerText.trim().split(/\\s+/)[0] : ''];
})"""
PRINTABLE_PX = (round((210 - 24) / 25.4 * 96), round((297 - 30) / 25.4 * 96))
"""A4 less the stylesheet's @page margins (12 mm each side, 14 + 16 mm), in CSS pixels."""

_FIGURE_WIDTHS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
  .map(g => g.querySelector('.main-svg').getBoundingClientRect().width)"""


@pytest.fixture(scope="module")
def compare_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "decide"))
    from test_pilot import tiny

    result = cmp.run_compare(cmp.from_arms(tiny(), "today", "jobfirst", replications=2,
                                           seed=4))
    return write_html(result, tmp_path_factory.mktemp("print") / "compare.html", lang="da")


def _pages_text(pdf: Path, pages: int) -> list[str]:
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                           check=True, capture_output=True, text=True).stdout
            for n in range(1, pages + 1)]


def _page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], check=True,
                          capture_output=True, text=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(
        r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]


@pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                    reason="poppler-utils missing: run `bash .ci/install_browser.sh`")
def test_the_compare_page_prints_on_a4_without_a_split_table(
        browser: Any, compare_page: Path, artifacts: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(compare_page.as_uri())
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length > 0",
                           timeout=30_000)
    wide = page.evaluate(_FIGURE_WIDTHS_JS)
    assert wide and max(wide) > PRINT_WIDTH_PX  # drawn for the window, wider than A4
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert max(page.evaluate(_FIGURE_WIDTHS_JS)) <= PRINT_WIDTH_PX
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.wait_for_timeout(300)
    assert max(page.evaluate(_FIGURE_WIDTHS_JS)) == pytest.approx(max(wide), abs=2)

    tables = page.evaluate(_MARK_TABLES_JS)
    assert tables >= 5
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PRINTABLE_PX[0], "height": PRINTABLE_PX[1]})
    sizes_px = page.evaluate(_TABLE_SIZES_JS)
    page.emulate_media(media="null")  # no emulation: page.pdf() prints with print media
    page.set_viewport_size({"width": 1280, "height": 900})
    long = {i: head for i, (height, head) in enumerate(sizes_px) if height > PRINTABLE_PX[1]}
    assert len(long) < tables  # most tables fit a page: the check below is not empty
    out = artifacts / "print"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    pdf = out / "compare_da.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()

    sizes = _page_sizes(pdf)
    assert len(sizes) >= 2
    for w, h in sizes:
        assert (w, h) == pytest.approx(A4_POINTS, abs=1.5)
    found: dict[tuple[int, str], list[int]] = {}
    for n, text in enumerate(_pages_text(pdf, len(sizes)), start=1):
        for table, end in MARK.findall(text):
            found.setdefault((int(table), end), []).append(n)
    texts = _pages_text(pdf, len(sizes))
    split = {i: (found.get((i, "a")), found.get((i, "z"))) for i in range(tables)
             if i not in long and found.get((i, "a")) != found.get((i, "z"))}
    assert len(found) == 2 * tables and not split, split
    for i, head in long.items():  # taller than a page: breaks between rows, header repeated
        first, last = found[(i, "a")][0], found[(i, "z")][0]
        assert head and all(head in texts[n - 1] for n in range(first, last + 1)), (i, head)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(out / "compare_da")],
                   check=True)
    assert len(list(out.glob("compare_da-*.png"))) == len(sizes)
