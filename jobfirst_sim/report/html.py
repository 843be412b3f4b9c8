"""Assemble figures and text into ONE self-contained HTML file, written atomically.

Why this shape: the report must open from a USB stick in a workshop room with no network,
so plotly.js is inlined exactly once (≈4.5 MB) and every figure is a ``<div>`` drawn by that
one copy; nothing references a CDN. Figures are plain data
(:mod:`jobfirst_sim.report.figdata`) written as JSON into one ``Plotly.newPlot`` call
each, so building the page never touches plotly's (slow, validating) figure objects.
The file is written to a temporary name in the target directory, fsynced and renamed, so
a reader never opens a half-written report.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path

from jobfirst_sim import io
from jobfirst_sim.report.figdata import Figure, layout_height, plotly_js, to_json
from jobfirst_sim.report.labels import t

#: Plotly config: no logo, no link to the plotly cloud, PNG button named after the figure.
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True,
                 "modeBarButtonsToRemove": ["sendDataToCloud"]}


@dataclass
class Section:
    """One titled part of the report: an intro line, HTML fragments and figures in order."""

    key: str
    title: str
    intro: str = ""
    blocks: list[str | tuple[str, Figure]] = field(default_factory=list)

    def add_figure(self, name: str, fig: Figure | None) -> bool:
        """Append a figure; ``False`` when it is ``None`` (nothing to draw)."""
        if fig is None:
            return False
        self.blocks.append((name, fig))
        return True

    def add_html(self, fragment: str) -> None:
        """Append an HTML fragment (already escaped)."""
        self.blocks.append(fragment)


def esc(text: object) -> str:
    """HTML-escape any value."""
    return html.escape(str(text))


def figure_div(name: str, fig: Figure) -> str:
    """A figure as a div + script that uses the page's single plotly.js copy.

    The same markup ``plotly.io.to_html(..., include_plotlyjs=False)`` writes: a sized
    ``plotly-graph-div`` and one ``Plotly.newPlot`` call with the figure as JSON.
    """
    config = {**PLOTLY_CONFIG, "toImageButtonOptions": {"filename": name, "scale": 2}}
    div_id = f"fig-{name}"
    ident = to_json(div_id)  # a JSON string is a valid, escaped JS string literal
    return (f'<div><div id="{esc(div_id)}" class="plotly-graph-div" '
            f'style="height:{layout_height(fig)}px; width:100%;"></div>'
            f'<script type="text/javascript">if (document.getElementById({ident})) '
            f"{{Plotly.newPlot({ident}, {to_json(fig.get('data', []))}, "
            f"{to_json(fig.get('layout', {}))}, {to_json(config)})}};</script></div>")


def table_html(rows: list[list[object]], header: list[str], numeric: set[int] | None = None,
               wrap: bool = False) -> str:
    """A plain HTML table; ``numeric`` column indexes are right-aligned.

    ``wrap`` puts it in a box that scrolls when the table is tall; the box takes a Tab stop
    so that a keyboard can scroll it too (WCAG 2.1, 2.1.1).
    """
    numeric = numeric or set()
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(
            f'<td class="num">{esc(v)}</td>' if i in numeric else f"<td>{esc(v)}</td>"
            for i, v in enumerate(r)) + "</tr>"
        for r in rows)
    out = f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    return f'<div class="tablewrap" tabindex="0">{out}</div>' if wrap else out


PRINT_WIDTH_PX = 700
"""The width a figure is drawn at for printing: A4's 210 mm less the print stylesheet's
12 mm margins each side (186 mm = 703 CSS pixels at 96 per inch), rounded down."""

PRINT_FIT = (
    "(function(){function fit(p){document.querySelectorAll('.plotly-graph-div')"
    ".forEach(function(g){if(!g.layout||!window.Plotly)return;"
    "if(p&&g.offsetWidth>PRINT_W){g.dataset.printed='1';Plotly.relayout(g,{width:PRINT_W});}"
    "else if(!p&&g.dataset.printed){delete g.dataset.printed;"
    "Plotly.relayout(g,{width:null,autosize:true});}});}"
    "window.addEventListener('beforeprint',function(){fit(true);});"
    "window.addEventListener('afterprint',function(){fit(false);});})();"
).replace("PRINT_W", str(PRINT_WIDTH_PX))
"""Before printing, every figure wider than the page is drawn again at the page's width
(after printing, back to the window's): a plotly figure is an SVG of fixed pixels, which
a print stylesheet can hide or move but not shrink, so on A4 its right side was cut off."""


def _css() -> str:
    return resources.files("jobfirst_sim.report").joinpath("report.css").read_text("utf-8")


def render_page(title: str, subtitle: str, lang: str, sections: list[Section],
                missing: str = "") -> str:
    """The whole page as one string: header, contents, missing-data box, sections."""
    toc = " ".join(f'<a href="#{esc(s.key)}">{esc(s.title)}</a>' for s in sections)
    parts: list[str] = []
    for s in sections:
        inner = [f"<h2>{esc(s.title)}</h2>"]
        if s.intro:
            inner.append(f'<p class="intro">{esc(s.intro)}</p>')
        for b in s.blocks:
            if isinstance(b, tuple):
                inner.append(f'<div class="figure">{figure_div(*b)}</div>')
            else:
                inner.append(b)
        parts.append(f'<section id="{esc(s.key)}">{"".join(inner)}</section>')
    stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{_css()}</style>"
        # the one and only copy of plotly.js; figures below only call Plotly.newPlot
        f'<script type="text/javascript">{plotly_js()}</script>'
        f'<script type="text/javascript">{PRINT_FIT}</script></head><body>'
        f"<header><h1>{esc(title)}</h1><p>{esc(subtitle)}</p></header><main>"
        f'<nav class="toc"><strong>{esc(t("contents", lang))}:</strong> {toc}</nav>'
        f"{missing}{''.join(parts)}</main>"
        f"<footer>jobfirst_sim · {esc(t('generated', lang))} {esc(stamp)}</footer>"
        "</body></html>\n"
    )


def write_atomic(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` via a temp file in the same directory, fsync and rename."""
    return io.write_text(path, text)
