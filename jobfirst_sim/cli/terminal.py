"""What a command prints, fitted to the terminal's width (issue 23 §3, the terminal).

Why one place: the decision commands and ``run`` build their terminal text as lines --
sentences, and tables laid out in columns -- written for a wide window; in a
110-character window a 190-character table line wraps into a mess. Here each block of
table lines too wide for the window is laid out again as a rich table of the window's
width (cells wrapped, the label column first to give way), and each sentence wrapped at
word boundaries with its indentation kept. Text that already fits is printed unchanged.

The width is the terminal's (``COLUMNS`` where set, as :func:`shutil.get_terminal_size`
reads it); output to a file or a pipe is left whole unless ``COLUMNS`` is set.
"""

from __future__ import annotations

import io
import re
import shutil
import textwrap

import typer

__all__ = ["echo_fitted", "fit", "terminal_width"]

GAP = re.compile(r"\S(\s{2,})(?=\S)")
"""Two or more spaces between two words: a column gap of a table line."""
RULE = re.compile(r"^[\s\-─━┈|+]+$")
"""A line of dashes under a header."""
NUMERIC = re.compile(r"^[\[(]?\s*(DKK\s*|kr\.\s*)?[−+\-–]?\s*(DKK\s*)?[\d.,]")
"""A cell that reads as a number (right-aligned)."""
MIN_WIDTH = 40


def terminal_width() -> int | None:
    """The window's width in characters: ``COLUMNS`` where set, else the terminal's; None
    when the output is not a terminal and ``COLUMNS`` is unset (a file or a pipe keeps
    whole lines, for grep). At least :data:`MIN_WIDTH`."""
    import os
    import sys

    if not os.environ.get("COLUMNS", "").strip().isdigit() and not sys.stdout.isatty():
        return None
    return max(MIN_WIDTH, shutil.get_terminal_size((80, 24)).columns)


def echo_fitted(text: str, err: bool = False) -> None:
    """Print ``text`` fitted to the window (:func:`fit`; unchanged off a terminal)."""
    columns = terminal_width()
    typer.echo(text if columns is None else fit(text, columns), err=err)


def fit(text: str, columns: int) -> str:
    """``text`` with no line longer than ``columns``: too-wide tables laid out again,
    sentences wrapped (a single word longer than the window is the only exception)."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if _is_table_line(lines[i]):
            j = i
            while j < len(lines) and (_is_table_line(lines[j]) or (RULE.match(lines[j])
                                      and lines[j].strip())):
                j += 1
            out += _table(lines[i:j], columns)
            i = j
            continue
        out += _wrap(lines[i], columns)
        i += 1
    return "\n".join(out)


def _is_table_line(line: str) -> bool:
    """A line with at least two column gaps (three cells), or a rule under a header."""
    body = line.strip()
    return bool(body) and len(GAP.findall(body)) >= 2


def _wrap(line: str, columns: int) -> list[str]:
    if len(line) <= columns or not line.strip():
        return [line]
    indent = line[:len(line) - len(line.lstrip())]
    hang = indent + ("  " if line.lstrip()[:1] in "!-•" else "")
    return textwrap.wrap(line.strip(), columns, initial_indent=indent,
                         subsequent_indent=hang, break_on_hyphens=False,
                         break_long_words=False) or [line]


def _cells(line: str) -> tuple[list[str], bool]:
    """A table line's cells, and whether it starts with an empty first cell (a header
    over the value columns only)."""
    body = line.strip()
    cells = [c for c in re.split(r"\s{2,}", body) if c]
    indent = len(line) - len(line.lstrip())
    return cells, indent >= 8


def _table(block: list[str], columns: int) -> list[str]:
    """A block of table lines, unchanged if it fits, else as a rich table of the width."""
    if all(len(line) <= columns for line in block):
        return block
    from rich.console import Console
    from rich.table import Table

    indent = min(len(x) - len(x.lstrip()) for x in block if x.strip())
    parsed = [(_cells(x), bool(RULE.match(x))) for x in block]
    header_at = next((k for k, (_, rule) in enumerate(parsed) if rule), None)
    n = max(len(cells) for (cells, _), rule in parsed if not rule)
    grid: list[list[str]] = []
    for (cells, lead), rule in parsed:
        if rule:
            continue
        if len(cells) < n:  # a label and the last cells, or a header over the values
            cells = ([] if lead else cells[:1]) + [""] * (n - len(cells)) + (
                cells if lead else cells[1:])
        grid.append(cells)
    header = grid.pop(0) if header_at == 1 else None
    table = Table(box=None, show_header=header is not None, pad_edge=False,
                  padding=(0, 1), header_style="", show_edge=False)
    for k in range(n):
        values = [r[k] for r in grid if r[k]]
        numeric = k > 0 and sum(bool(NUMERIC.match(v)) for v in values) * 2 >= len(values)
        table.add_column(header[k] if header else "", justify="right" if numeric else "left",
                         overflow="fold", ratio=None if k else 1)
    for r in grid:
        table.add_row(*r)
    buffer = io.StringIO()
    Console(file=buffer, width=columns - indent, color_system=None, force_terminal=False,
            legacy_windows=False).print(table)
    return [" " * indent + x.rstrip() for x in buffer.getvalue().rstrip("\n").split("\n")]
