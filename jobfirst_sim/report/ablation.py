"""What rests on sources: the ablation table as HTML (the explain page) and Markdown (the docs).

Why shipped data and not a run: the table needs the full trial replica, every unsourced
one-arm multiplier switched off one at a time and all together, over 20 replications
(about three hundred runs); no page can wait for that. ``experiments/ablation/ablation.py``
computes it once at the shipped defaults and writes ``data/ablation.json`` next to this
module; the pages only render it. (The folder ``data/`` holds package data only; the
module :mod:`jobfirst_sim.report.data` is another thing.)

The file records the hash of the behaviour defaults it ran at (:func:`defaults_sha256`),
so a page can say when the defaults have changed since (a new calibration) and the table
describes earlier values until the script is rerun.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from importlib import resources
from pathlib import Path
from typing import Any

from jobfirst_sim import fmt
from jobfirst_sim.decide.sensitivity import word_key
from jobfirst_sim.report.html import esc
from jobfirst_sim.words import has, t

FILE = "data/ablation.json"
"""The shipped table, relative to this package (written by experiments/ablation)."""


def defaults_sha256() -> str:
    """SHA-256 of the shipped behaviour defaults (canonical JSON): what the table ran at."""
    from jobfirst_sim.scenario.behaviour import Behaviour

    dump = json.dumps(Behaviour().model_dump(mode="json"), sort_keys=True,
                      separators=(",", ":"))
    return hashlib.sha256(dump.encode()).hexdigest()


def load_ablation(path: Path | None = None) -> dict[str, Any] | None:
    """The ablation table (the shipped file unless ``path``), or None when there is none."""
    if path is not None:
        return dict(json.loads(path.read_text(encoding="utf-8"))) if path.is_file() else None
    ref = resources.files("jobfirst_sim.report").joinpath(FILE)
    if not ref.is_file():
        return None
    return dict(json.loads(ref.read_text(encoding="utf-8")))


def is_stale(data: dict[str, Any]) -> bool:
    """Whether the behaviour defaults have changed since the table was computed."""
    ran_at = data.get("defaults", {}).get("behaviour_sha256")
    return ran_at is not None and ran_at != defaults_sha256()


def _value(x: float | None, lang: str) -> str:
    """A parameter value with as few decimals as show it to three significant digits."""
    if x is None or not math.isfinite(x):
        return fmt.MISSING
    most = 0 if x == 0 else max(0, min(5, 2 - math.floor(math.log10(abs(x)))))
    digits = next(d for d in range(most + 1) if round(x, d) == round(x, most))
    return fmt.number(x, lang, digits)


def _share(x: float | None, lang: str, signed: bool = False) -> str:
    return fmt.MISSING if x is None else fmt.percent(x, lang, 0, signed=signed)


def _points(x: float | None, lang: str, unit: bool = True) -> str:
    return fmt.MISSING if x is None else fmt.points(x, lang, 1, unit=unit)


def _hours(x: float | None, lang: str) -> str:
    return fmt.MISSING if x is None else fmt.number(x, lang, 2, signed=True)


def _range(low: float | None, high: float | None, lang: str, form: str = "points") -> str:
    if low is None or high is None:
        return fmt.MISSING
    if form == "share":
        return t("abl_range", lang, low=_share(low, lang), high=_share(high, lang))
    return t("abl_range", lang, low=_points(low, lang, unit=False),
             high=_points(high, lang, unit=False))


def _name(row: dict[str, Any], lang: str, n: int) -> str:
    if row["variant"] == "full":
        return t("abl_row_full", lang)
    if row["variant"] == "all":
        return t("abl_row_all", lang, n=n)
    path = str(row["path"])
    key = word_key(path)
    return t(key, lang) if has(key) else path


def _count(data: dict[str, Any]) -> int:
    return sum(1 for r in data["rows"] if r["variant"] == "one")


def _cells(row: dict[str, Any], lang: str) -> list[str]:
    """The T1 columns of one row (after its name): default, neutral, gap, its interval,
    the change from the full gap and the share of it kept (each with its interval)."""
    m = row["T1"]
    full = row["variant"] == "full"
    return [_value(row["default"], lang), _value(row["neutral"], lang),
            _points(m["gap"], lang), _range(m["gap_low"], m["gap_high"], lang),
            "" if full else _with_range(_points(m["change"], lang), m["change_low"],
                                        m["change_high"], lang),
            _share(m["kept"], lang) if full else
            _with_range(_share(m["kept"], lang), m["kept_low"], m["kept_high"], lang, "share")]


def _with_range(value: str, low: float | None, high: float | None, lang: str,
                form: str = "points") -> str:
    """``value (low til high)``; the value alone when the two ends print alike (a mechanism
    that changes nothing: ``0,0 (0,0 til 0,0)`` says nothing more)."""
    if low is not None and high is not None:
        ends = ((_share(low, lang), _share(high, lang)) if form == "share" else
                (_points(low, lang, unit=False), _points(high, lang, unit=False)))
        if ends[0] == ends[1]:
            return value
    return f"{value} ({_range(low, high, lang, form)})"


def _paragraph(data: dict[str, Any], lang: str) -> str:
    rows = data["rows"]
    full = next(r for r in rows if r["variant"] == "full")["T1"]
    every = next(r for r in rows if r["variant"] == "all")["T1"]
    day = fmt.date(dt.date.fromisoformat(data["date"]), lang)
    return t("abl_explain", lang, full=_points(full["gap"], lang), n=_count(data),
             kept_all=_share(every["kept"], lang), replications=data["replications"],
             date=day)


def ablation_table_html(lang: str, path: Path | None = None, *, heading: bool = True) -> str:
    """The table with its explaining paragraph (and a note when the defaults changed
    since); empty when no table is shipped. ``path``: another file (tests); ``heading``
    False: without its own title (a page section gives it one)."""
    data = load_ablation(path)
    if data is None:
        return ""
    n = _count(data)
    heads = ["abl_col_parameter", "abl_col_default", "abl_col_neutral", "abl_col_gap",
             "abl_col_interval", "abl_col_change", "abl_col_kept"]
    head = "".join(f"<th>{esc(t(k, lang))}</th>" for k in heads)
    body = []
    for row in data["rows"]:
        code = "" if row["path"] is None else f"<br><code>{esc(row['path'])}</code>"
        cells = "".join(f'<td class="num">{esc(c)}</td>' for c in _cells(row, lang))
        body.append(f"<tr><td>{esc(_name(row, lang, n))}{code}</td>{cells}</tr>")
    stale = f"<p><strong>{esc(t('abl_stale', lang))}</strong></p>" if is_stale(data) else ""
    title = f'<h3>{esc(t("abl_title", lang))}</h3>' if heading else ""
    return (f'<section class="ablation">{title}'
            f"<p>{esc(_paragraph(data, lang))}</p>{stale}"
            # the box scrolls: a Tab stop and a name let keyboard and screen reader in
            f'<div class="tablewrap" tabindex="0" role="region" '
            f'aria-label="{esc(t("abl_title", lang))}">'
            f'<table class="data"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div></section>')


def ablation_markdown(data: dict[str, Any] | None = None, lang: str = "en") -> str:
    """The table as Markdown for docs/model.md (T1 columns, then T2's gap and share kept),
    with its caption; ``data`` None: the shipped file."""
    data = load_ablation() if data is None else data
    if data is None:
        return ""
    n = _count(data)
    heads = [t(k, lang) for k in (
        "abl_col_parameter", "abl_col_default", "abl_col_neutral", "abl_col_gap",
        "abl_col_interval", "abl_col_change", "abl_col_kept", "abl_col_t2_gap",
        "abl_col_t2_kept")]
    lines = ["| " + " | ".join(heads) + " |",
             "|---|" + "---:|" * (len(heads) - 1)]
    for row in data["rows"]:
        name = _name(row, lang, n)
        if row["path"] is not None:
            name = f"{name} (`{row['path']}`)"
        t2 = row["T2"]
        cells = [name, *_cells(row, lang), _hours(t2["gap"], lang), _share(t2["kept"], lang)]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    caption = t("abl_md_caption", lang, replications=data["replications"], seed=data["seed"],
                date=fmt.date(dt.date.fromisoformat(data["date"]), lang),
                command=data["command"])
    stale = f"\n\n**{t('abl_stale', lang)}**" if is_stale(data) else ""
    return f"{_paragraph(data, lang)}\n\n{chr(10).join(lines)}\n\n{caption}{stale}\n"
