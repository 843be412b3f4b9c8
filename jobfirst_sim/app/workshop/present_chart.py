"""A round's chart: each team's share with hours, its interval, its prediction and the start.

Why an SVG written here rather than Plotly: the reveal is shown on a projector and printed
in the debrief PDF, the pages' Content-Security-Policy allows no inline script or style,
and the chart must be read by a screen reader. A small server-written SVG (``role="img"``
with a title and a description that says every number in words) does all three with no
script. Colours are the project's Okabe-Ito palette (blue: result; vermillion: prediction;
grey dashes: the start), and the shapes differ too, so colour is never the only cue.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Final

from markupsafe import Markup, escape

from jobfirst_sim import fmt
from jobfirst_sim.app.workshop.engine.cards import Lang
from jobfirst_sim.words import t

__all__ = ["round_chart"]

WIDTH: Final = 640
LEFT: Final = 170
NAME_CHARS: Final = 16
"""A team's name longer than this is cut with "…" in the chart (its full name is in the
chart's description and in the team's column), so that it fits left of the axis even in the
larger type that phones get (workshop.css)."""
RIGHT: Final = 20
TOP: Final = 34
ROW: Final = 34
BOTTOM: Final = 34
BLUE, VERMILLION, GREY, INK = "#0072B2", "#D55E00", "#555555", "#1a1a1a"


def _num(x: float) -> str:
    return f"{x:.1f}"


def _ticks(low: float, high: float) -> list[float]:
    """Round tick values (shares) between ``low`` and ``high``: steps of 1, 2, 5 or 10 %."""
    span = max(high - low, 1e-9)
    step = next(s for s in (0.01, 0.02, 0.05, 0.10, 0.20) if span / s <= 6)
    first = math.ceil(low / step - 1e-9) * step
    return [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]


def round_chart(rows: Sequence[Mapping[str, Any]], lang: Lang, key: str = "1") -> Markup:
    """The chart of a round's teams with a result (empty when none has one); ``key`` makes
    its element ids unique on a page with several rounds."""
    done = [r for r in rows if r.get("result")]
    if not done:
        return Markup("")
    start = done[0]["result"]["start"]["hours_share"]["mean"]
    values: list[float] = [start]
    for r in done:
        s = r["result"]["team"]["hours_share"]
        values += [v for v in (s["mean"], s.get("low"), s.get("high")) if v is not None]
        if r.get("prediction") and r["prediction"].get("hours_share") is not None:
            values.append(float(r["prediction"]["hours_share"]))
    low, high = max(0.0, min(values) - 0.02), min(1.0, max(values) + 0.02)
    plot = WIDTH - LEFT - RIGHT

    def x(v: float) -> float:
        return LEFT + (v - low) / (high - low) * plot

    height = TOP + ROW * len(done) + BOTTOM
    title = t("ws_chart_title", lang)
    said = [t("ws_chart_start", lang, value=fmt.percent(start, lang, 1))]
    parts = [f'<line x1="{_num(x(start))}" y1="{TOP - 6}" x2="{_num(x(start))}" '
             f'y2="{height - BOTTOM}" stroke="{GREY}" stroke-width="2" '
             'stroke-dasharray="6 4"/>',
             f'<text x="{_num(x(start))}" y="{TOP - 10}" text-anchor="middle" '
             f'font-size="13" fill="{INK}">{escape(t("ws_start", lang))}</text>']
    for i, r in enumerate(done):
        y = TOP + ROW * i + ROW / 2
        s = r["result"]["team"]["hours_share"]
        name = str(r["team"].name)
        short = name if len(name) <= NAME_CHARS else name[:NAME_CHARS - 1].rstrip() + "…"
        parts.append(f'<text class="name" x="{LEFT - 10}" y="{_num(y + 5)}" '
                     f'text-anchor="end" font-size="14" fill="{INK}">{escape(short)}</text>')
        if s.get("low") is not None and s.get("high") is not None:
            parts.append(f'<line x1="{_num(x(s["low"]))}" y1="{_num(y)}" '
                         f'x2="{_num(x(s["high"]))}" y2="{_num(y)}" stroke="{BLUE}" '
                         'stroke-width="4"/>')
        parts.append(f'<circle cx="{_num(x(s["mean"]))}" cy="{_num(y)}" r="7" '
                     f'fill="{BLUE}"/>')
        text = t("ws_chart_team", lang, team=name, value=fmt.percent(s["mean"], lang, 1),
                 low=fmt.percent(s.get("low") or s["mean"], lang, 1),
                 high=fmt.percent(s.get("high") or s["mean"], lang, 1))
        p = (r.get("prediction") or {}).get("hours_share")
        if p is not None:
            px = x(float(p))
            parts.append(f'<path d="M{_num(px)} {_num(y - 8)} L{_num(px + 8)} {_num(y)} '
                         f'L{_num(px)} {_num(y + 8)} L{_num(px - 8)} {_num(y)} Z" '
                         f'fill="#ffffff" stroke="{VERMILLION}" stroke-width="3"/>')
            text += " " + t("ws_chart_predicted", lang, value=fmt.percent(float(p), lang, 1))
        said.append(text)
    axis = height - BOTTOM
    parts.append(f'<line x1="{LEFT}" y1="{axis}" x2="{WIDTH - RIGHT}" y2="{axis}" '
                 f'stroke="{INK}"/>')
    for v in _ticks(low, high):
        parts.append(f'<line x1="{_num(x(v))}" y1="{axis}" x2="{_num(x(v))}" '
                     f'y2="{axis + 5}" stroke="{INK}"/>'
                     f'<text x="{_num(x(v))}" y="{axis + 20}" text-anchor="middle" '
                     f'font-size="12" fill="{INK}">{escape(fmt.percent(v, lang, 0))}</text>')
    legend = escape(t("ws_chart_legend", lang))
    desc = escape(" ".join(said))
    svg = (f'<svg class="round-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
           f'aria-labelledby="chart-title-{key} chart-desc-{key}" xmlns="http://www.w3.org/2000/svg">'
           f'<title id="chart-title-{key}">{escape(title)}</title>'
           f'<desc id="chart-desc-{key}">{desc}</desc>{"".join(parts)}</svg>')
    return Markup(f'<figure class="chart">{svg}<figcaption>{escape(title)}. {legend}'
                  '</figcaption></figure>')
