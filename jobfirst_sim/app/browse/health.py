"""What is wrong with the folders given to the browser, found at start and shown in the page.

Why: the browser is opened exactly when something went wrong (a run killed half-way, a
folder copied without its tables). ``jobfirst report`` explains such folders; the browser
must too, instead of failing on start or answering a click with HTTP 500. So each entry
is checked cheaply at start — every file the browser reads is opened far enough to read
its schema and row count (a truncated Parquet file has no footer, a bad JSON manifest does
not parse) — and every problem becomes a line in a "what is missing" box at the top of
the page. Folders given on the command line that hold nothing browsable (an empty folder,
one with only ``manifest.json``) are listed there too; only when nothing at all can be
browsed does the browser refuse to start, naming each folder and why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from dash import html

from jobfirst_sim.app.browse.data import BrowseError, Entry, discover, mixed_run_reason
from jobfirst_sim.report.data import REQUIRED, Problem
from jobfirst_sim.report.labels import t

#: Largest manifest the browser parses (a real one is a few hundred kilobytes).
MAX_JSON_BYTES = 20_000_000

#: The files the browser reads, with the columns it needs, per kind of entry.
NEEDED: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "run": (("weekly.parquet", REQUIRED["weekly"]), ("outcomes.parquet", REQUIRED["outcomes"]),
            ("journeys.parquet", REQUIRED["journeys"])),
    "sweep": (("experiments.parquet", ("point", "replication")),
              ("summary.parquet", ("outcome", "point", "mean")),
              ("weekly.parquet", ("point", *REQUIRED["weekly"]))),
}
TABLES = ("weekly.parquet", "outcomes.parquet", "experiments.parquet")


@dataclass(frozen=True)
class Unusable:
    """A folder given to the browser that holds no run or sweep it can show."""

    path: Path
    reason: str


def check_json(path: Path) -> Problem | None:
    """A problem with a JSON file the browser reads (missing, too large, not an object)."""
    if not path.exists():
        return Problem(path.name, "missing_file")
    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            return Problem(path.name, "unreadable_file", f"larger than {MAX_JSON_BYTES} bytes")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        return Problem(path.name, "unreadable_file", f"{type(exc).__name__}: {exc}"[:200])
    if not isinstance(data, dict):
        return Problem(path.name, "unreadable_file", "not a JSON object")
    return None


def check_table(path: Path, required: tuple[str, ...]) -> Problem | None:
    """A problem with a Parquet table (missing, unreadable footer, columns, no rows)."""
    if not path.exists():
        return Problem(path.name, "missing_file")
    try:
        meta = pq.ParquetFile(path).metadata
        names = set(meta.schema.to_arrow_schema().names)
    except Exception as exc:  # any corruption must become a message
        return Problem(path.name, "unreadable_file", f"{type(exc).__name__}: {exc}"[:200])
    missing = [c for c in required if c not in names]
    if missing:
        return Problem(path.name, "missing_columns", ", ".join(missing))
    if meta.num_rows == 0:
        return Problem(path.name, "empty_table")
    return None


def entry_problems(entry: Entry) -> list[Problem]:
    """Everything the browser cannot use in one run or sweep folder."""
    if entry.kind not in NEEDED:  # a decision folder: its JSON is all the list reads
        problem = check_json(entry.path / f"{entry.kind}.json")
        return [] if problem is None else [problem]
    found = [check_json(entry.path / "manifest.json")]
    found += [check_table(entry.path / name, cols) for name, cols in NEEDED[entry.kind]]
    if entry.kind == "run" and (entry.path / "panel.parquet").exists():
        found.append(check_table(entry.path / "panel.parquet", REQUIRED["panel"]))
    return [p for p in found if p is not None]


def _why_unusable(folder: Path) -> str:
    """Why a folder holds nothing browsable, in words a user can act on."""
    try:
        names = sorted(p.name for p in folder.iterdir())
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if not names:
        return REASONS["browse_empty"]
    has_tables = {"weekly.parquet", "outcomes.parquet"} & set(names)
    mixed = mixed_run_reason(folder) if has_tables else None
    if mixed is not None:
        return mixed
    if names == ["manifest.json"]:
        return REASONS["browse_manifest_only"]
    return REASONS["browse_no_tables"]


REASONS: dict[str, str] = {
    "browse_absent": "does not exist",
    "browse_not_folder": "is not a folder",
    "browse_empty": "the folder is empty",
    "browse_manifest_only": "only manifest.json, no tables: the run did not finish (run it "
    "again, or see `jobfirst report`)",
    "browse_no_tables": "no run, sweep or decision tables in it (a run has weekly.parquet or "
    "outcomes.parquet, a sweep experiments.parquet, a decision compare.json, explain.json "
    "or pilot.json)",
}
"""Why a folder cannot be browsed, by word key: the start-up refusal says it in English
(as every command's errors), the page's box in the page's language (words catalog)."""


def reason_text(reason: str, lang: str) -> str:
    """A reason of :class:`Unusable` in ``lang`` (a reason without a key stays as it is)."""
    key = next((k for k, v in REASONS.items() if v == reason), None)
    return reason if key is None else t(key, lang)


def survey(paths: list[Path]) -> tuple[list[Entry], list[Unusable]]:
    """The browsable entries among ``paths`` and the given folders that hold none.

    A folder of results (one level up from runs) counts its runs; its sub-folders that
    have a ``manifest.json`` but no tables (a run that never finished) are listed as
    unusable, other sub-folders are not results and are passed over silently.
    """
    entries = discover(paths)
    found = {e.path.resolve() for e in entries}
    unusable: list[Unusable] = []
    for p in map(Path, paths):
        if not p.exists():
            unusable.append(Unusable(p, REASONS["browse_absent"]))
        elif not p.is_dir():
            unusable.append(Unusable(p, REASONS["browse_not_folder"]))
        elif p.resolve() in found:
            continue
        else:
            # a folder of results: its run-like sub-folders that cannot be browsed are
            # named with their reason; a folder with none says why it holds nothing
            subs = [sub for sub in sorted(x for x in p.iterdir() if x.is_dir())
                    if sub.resolve() not in found and (sub / "manifest.json").exists()]
            if subs or any(f.parent == p.resolve() for f in found):
                unusable += [Unusable(sub, _why_unusable(sub)) for sub in subs]
            else:
                unusable.append(Unusable(p, _why_unusable(p)))
    return entries, unusable


def nothing_to_browse(paths: list[Path], unusable: list[Unusable]) -> BrowseError:
    """The start-up refusal when no folder holds anything browsable, naming each one."""
    why = "; ".join(f"{u.path}: {u.reason}" for u in unusable)
    return BrowseError("no run, sweep or decision folder found in "
                       + ", ".join(str(p) for p in paths)
                       + (f" ({why})" if why else
                          " (a run has weekly.parquet, a sweep experiments.parquet)"))


def problem_lines(entries: list[Entry], unusable: list[Unusable], lang: str) -> list[str]:
    """One sentence per problem: ``entry: file: reason (detail)``."""
    lines = [f"{u.path.name or u.path}: {reason_text(u.reason, lang)}" for u in unusable]
    for e in entries:
        for p in entry_problems(e):
            lines.append(f"{e.name}: {p.what}: {t(p.reason, lang)}"
                         + (f" ({p.detail})" if p.detail else ""))
    return lines


def problem_box(lines: list[str], lang: str) -> Any:
    """The yellow "what is missing" box at the top of the page (empty when all is well)."""
    if not lines:
        return html.Div(id="problems")
    return html.Div([
        html.Strong(t("missing_title", lang)),
        html.Ul([html.Li(line) for line in lines], style={"margin": "4px 0 0"}),
    ], id="problems", style={"background": "#fff4cc", "border": "1px solid #e0c060",
                             "padding": "8px 16px", "margin": "10px 20px",
                             "fontSize": "13px"})
