"""The mechanism trace on a page: the chain from caseload to ordinary hours, link by link.

Why apart from :mod:`jobfirst_sim.report.compare`: the chain is drawn the same wherever a
decision page has a trace (:func:`jobfirst_sim.decide.trace.mechanism_trace`), and a page
of its own kind keeps the compare page short. The chain is an inline SVG (it prints and
needs no script): one box per link in the model's order, each with both levels and what
the link did -- ▲ or ▼ only past its threshold with an interval excluding 0
(:func:`jobfirst_sim.decide.trace.direction`), "chosen" for what the design sets. Below
it one line says the chain is the model's mechanism, not a tested mediation analysis; the
table with the thresholds follows for analysts.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import Final

import pandas as pd

from jobfirst_sim import fmt, metrics
from jobfirst_sim.decide.trace import INPUT, MIN_POINTS, MIN_RELATIVE, POINTS, RELATIVE
from jobfirst_sim.report.html import Section, esc, table_html
from jobfirst_sim.report.labels import t

COLUMNS: Final = 3
"""Boxes per row of the chain (19 links: seven rows). Three, not four: printed on A4 the
chain is scaled to the page, and with three its text stays about 11 px high."""
BOX_W: Final = 232
BOX_H: Final = 112
GAP_X: Final = 34
GAP_Y: Final = 44
MARGIN: Final = 8
WRAP: Final = 31
"""Characters per line of a link's name inside its box (13 px text in a 232 px box)."""

GLYPHS: Final = {"up": "▲", "down": "▼", "none": "–"}
"""The direction of a marked link (an input has none: it is chosen, not judged)."""
DIGITS: Final = {"placements": 0, "citizens_per_fte": 1}
"""Decimals of links that are not shares (default 2): counts whole, the caseload as the
compare page shows it."""
MARKED, PLAIN, INPUT_COLOUR = "#1f6f8b", "#9a9a9a", "#555555"


def step_label(step: str, lang: str) -> str:
    """A link's name in ``lang``."""
    return t(f"cmp_trace_{step}", lang)


def level_text(x: float, metric: str, lang: str) -> str:
    """A level: a percentage for shares, else a number with :data:`DIGITS` decimals."""
    if metrics.is_share(metric):
        return fmt.percent(x, lang, 1, missing="–")
    return fmt.number(x, lang, DIGITS.get(metric, 2), missing="–")


def diff_text(x: float, metric: str, lang: str) -> str:
    """A signed change: percentage points for shares."""
    if metrics.is_share(metric):
        return fmt.points(x, lang, 1, missing="–")
    return fmt.number(x, lang, DIGITS.get(metric, 2), signed=True, missing="–")


def interval_text(row: pd.Series, lang: str) -> str:
    """``[a; b]`` of a link's change; "–" for an input or without an interval, nothing
    when its ends print alike (a link that did not move in any run)."""
    low, high = float(row["ci_low"]), float(row["ci_high"])
    if row["rule"] == INPUT or not (math.isfinite(low) and math.isfinite(high)):
        return "–"
    m = str(row["metric"])
    low, high = metrics.clip_interval(m, low, high, difference=True)  # a share: ±100 pp
    a, b = diff_text(low, m, lang), diff_text(high, m, lang)
    return "" if a == b else f"[{a}; {b}]"  # ends that print alike: no spread to show


def threshold_text(rule: str, lang: str) -> str:
    """The threshold a link's change must reach, in words."""
    if rule == POINTS:
        return t("trc_threshold_points", lang, x=fmt.number(100 * MIN_POINTS, lang, 0))
    if rule == RELATIVE:
        return t("trc_threshold_relative", lang, x=fmt.percent(MIN_RELATIVE, lang, 0))
    return t("trc_threshold_input", lang)


def trace_rows(trace: pd.DataFrame, lang: str) -> list[list[object]]:
    """The trace as table rows: link, both levels, change, interval, threshold, direction
    (an input's change has no interval and no direction)."""
    rows: list[list[object]] = []
    for _, r in trace.iterrows():
        m = str(r["metric"])
        rows.append([step_label(str(r["step"]), lang),
                     level_text(float(r["current"]), m, lang),
                     level_text(float(r["proposed"]), m, lang),
                     diff_text(float(r["difference"]), m, lang), interval_text(r, lang),
                     threshold_text(str(r["rule"]), lang),
                     t(f"trc_direction_{r['direction']}", lang)])
    return rows


def trace_story(trace: pd.DataFrame, lang: str) -> str:
    """"The story in numbers": the marked links in chain order, each with its change."""
    items = [f"{step_label(str(r['step']), lang).lower()} {GLYPHS[str(r['direction'])]} "
             f"{diff_text(float(r['difference']), str(r['metric']), lang)}"
             for _, r in trace.iterrows() if r["direction"] in ("up", "down")]
    if not items:
        return t("cmp_trace_none", lang)
    return t("cmp_trace_story", lang, items=" → ".join(items).rstrip("."))


def _box_xy(i: int) -> tuple[float, float]:
    row, col = divmod(i, COLUMNS)
    return MARGIN + col * (BOX_W + GAP_X), MARGIN + row * (BOX_H + GAP_Y)


def _text(x: float, y: float, text: str, *, size: float = 13, weight: str = "normal",
          fill: str = "#222", anchor: str = "start") -> str:
    return (f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}" font-weight="{weight}" '
            f'fill="{fill}" text-anchor="{anchor}">{esc(text)}</text>')


def _box(i: int, row: pd.Series, lang: str) -> str:
    """One link: its name, both levels and what it did."""
    x, y = _box_xy(i)
    m, d = str(row["metric"]), str(row["direction"])
    is_input = row["rule"] == INPUT
    marked = d in ("up", "down")
    colour = INPUT_COLOUR if is_input else MARKED if marked else PLAIN
    dash = ' stroke-dasharray="6 4"' if is_input else ""
    fill = "#f4f4f4" if is_input else "#eaf3f7" if marked else "#ffffff"
    parts = [f'<g class="link {d}"><rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" '
             f'rx="8" fill="{fill}" stroke="{colour}" stroke-width="{2.4 if marked else 1.4}"'
             f"{dash}/>"]
    lines = textwrap.wrap(step_label(str(row["step"]), lang), WRAP)
    if len(lines) > 3:
        lines = [*lines[:2], lines[2][:WRAP - 1] + "…"]
    for k, line in enumerate(lines):
        parts.append(_text(x + 10, y + 19 + 16 * k, line, size=12.5, weight="bold"))
    levels = (f"{level_text(float(row['current']), m, lang)} → "
              f"{level_text(float(row['proposed']), m, lang)}")
    parts.append(_text(x + 10, y + 76, levels, size=13))
    if is_input:
        parts.append(_text(x + 10, y + 99, t("trc_chosen", lang), size=12.5,
                           fill=INPUT_COLOUR))
    else:
        change = diff_text(float(row["difference"]), m, lang)
        change = (f"{GLYPHS[d]} {change}" if marked
                  else t("trc_not_clear", lang, change=change))
        parts.append(_text(x + 10, y + 99, change, size=14 if marked else 12.5,
                           weight="bold" if marked else "normal",
                           fill=MARKED if marked else "#666"))
    parts.append("</g>")
    return "".join(parts)


def _link(i: int, marker: str) -> str:
    """The arrow from box ``i`` to box ``i + 1``: across within a row, else down and back
    to the next row's first box."""
    x, y = _box_xy(i)
    nx, ny = _box_xy(i + 1)
    style = f'fill="none" stroke="#555" stroke-width="1.6" marker-end="url(#{marker})"'
    if ny == y:
        return (f'<path d="M{x + BOX_W:.0f},{y + BOX_H / 2:.0f} H{nx - 3:.0f}" '
                f"{style}/>")
    mid = y + BOX_H + GAP_Y / 2
    return (f'<path d="M{x + BOX_W / 2:.0f},{y + BOX_H:.0f} V{mid:.0f} '
            f'H{nx + BOX_W / 2:.0f} V{ny - 3:.0f}" {style}/>')


def chain_svg(trace: pd.DataFrame, lang: str, key: str, title: str = "") -> str:
    """The chain as an inline SVG: one box per link in the trace's order, arrows between;
    ``key`` keeps the arrowhead's id unique on a page with several chains."""
    rows = [r for _, r in trace.iterrows()]
    if not rows:
        return ""
    n_rows = (len(rows) + COLUMNS - 1) // COLUMNS
    width = 2 * MARGIN + COLUMNS * BOX_W + (COLUMNS - 1) * GAP_X
    height = 2 * MARGIN + n_rows * BOX_H + (n_rows - 1) * GAP_Y
    marker = f"trc-arrow-{''.join(c if c.isalnum() else '-' for c in key)}"
    desc = trace_story(trace, lang)
    parts = [f'<svg class="trace-chain" role="img" viewBox="0 0 {width} {height}" '
             f'width="100%" style="max-width:{width}px;height:auto;break-inside:avoid" '
             f'font-family="inherit" xmlns="http://www.w3.org/2000/svg">'
             f"<title>{esc(title)}</title><desc>{esc(desc)}</desc>"
             f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="9" refY="5" '
             'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
             '<path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>']
    parts += [_link(i, marker) for i in range(len(rows) - 1)]
    parts += [_box(i, r, lang) for i, r in enumerate(rows)]
    parts.append("</svg>")
    return "".join(parts)


def trace_section(trace: pd.DataFrame, lang: str, names: Sequence[str], key: str,
                  suffix: str = "") -> Section:
    """The mechanism section: the story, the chain, the one line on what the chain is and
    the table with each link's threshold; ``names`` are the two designs' names (current,
    proposed)."""
    sec = Section(f"trace_{key}", t("cmp_trace", lang) + suffix, t("trc_intro", lang))
    sec.add_html(f"<p><strong>{esc(trace_story(trace, lang))}</strong></p>")
    title = t("trc_chain_title", lang, current=names[0], proposed=names[1])
    sec.add_html(f'<figure class="trace-chain">{chain_svg(trace, lang, key, title)}'
                 f"<figcaption>{esc(t('trc_legend', lang))}</figcaption></figure>")
    sec.add_html(f'<p class="not-mediation"><em>{esc(t("trc_not_mediation", lang))}'
                 "</em></p>")
    header = [t("cmp_step", lang), names[0], names[1], t("cmp_difference", lang),
              t("ci95", lang), t("trc_col_threshold", lang), t("trc_col_direction", lang)]
    sec.add_html(table_html(trace_rows(trace, lang), header, numeric={1, 2, 3, 4}))
    return sec


def terminal_lines(trace: pd.DataFrame, lang: str) -> list[str]:
    """The story and the one line on what the chain is, for the terminal."""
    return [trace_story(trace, lang), t("trc_not_mediation", lang)]
