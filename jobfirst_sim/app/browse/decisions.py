"""The browser's list of decision folders (compare, explain, pilot): headline and kroner.

Why: a manager keeps the folders of the proposals weighed and opens the browser to see
them side by side; the browser used to refuse them (in English, inside the Danish page).
Each folder is one row read from its JSON as it is: the ``headline`` block (metric, week,
both levels and the difference with its interval) and, where the folder has a business
case, the net public cost's difference in kroner. Every word through the catalog, every
number through :mod:`jobfirst_sim.fmt`, in the page's language.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from dash import html

from jobfirst_sim import fmt, metrics
from jobfirst_sim.app.browse.data import Entry
from jobfirst_sim.decide.stored import KINDS
from jobfirst_sim.report.labels import t

__all__ = ["DECISION_KINDS", "decision_rows", "decisions_table", "net_kroner"]

DECISION_KINDS: tuple[str, ...] = tuple(KINDS)
"""Entry kinds of decision folders (the browser's third tab)."""

NET_ITEMS: tuple[str, ...] = ("public_net", "net")
"""Business-case items read as the net public cost (the first the table has)."""


def _headline(entry: Entry) -> dict[str, Any]:
    try:
        data = json.loads((entry.path / KINDS[entry.kind]).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    head = data.get("headline") if isinstance(data, dict) else None
    return head if isinstance(head, dict) else {}


def net_kroner(folder: Path) -> float | None:
    """The net public cost's paired difference (kroner over the horizon, the first arm's)
    from ``compare_business_case.parquet``; None where the folder has none."""
    path = folder / "compare_business_case.parquet"
    if not path.exists():
        return None
    try:
        df = pq.read_table(path).to_pandas()
    except Exception:  # a damaged table: no figure rather than a broken page
        return None
    for item in NET_ITEMS:
        rows = df[(df["item"] == item) & (df["column"] == "difference")]
        if not rows.empty:
            value = float(rows["mean"].iloc[0])
            return value if math.isfinite(value) else None
    return None


def _num(x: Any) -> float:
    return float(x) if isinstance(x, int | float) else math.nan


def decision_rows(entries: list[Entry], lang: str) -> list[list[str]]:
    """One row per decision folder: name, kind, figure, today, proposed, difference with
    its interval, net public cost (kroner), in ``lang``."""
    rows = []
    for e in entries:
        head = _headline(e)
        metric = str(head.get("metric") or "")
        share = metrics.is_share(metric) if metrics.find(metric) else True

        def level(x: Any, share: bool = share) -> str:
            return fmt.percent(_num(x), lang) if share else fmt.number(_num(x), lang, 2)

        def diff(x: Any, share: bool = share) -> str:
            return (fmt.points(_num(x), lang) if share
                    else fmt.number(_num(x), lang, 2, signed=True))

        figure = t(metric, lang) if metric else fmt.MISSING
        if head.get("week") is not None:
            figure += ", " + t("decision_week", lang, week=head["week"])
        interval = (f" [{diff(head.get('ci_low'))}; {diff(head.get('ci_high'))}]"
                    if math.isfinite(_num(head.get("ci_low"))) else "")
        net = net_kroner(e.path)
        rows.append([e.name, t(f"decision_{e.kind}", lang), figure,
                     level(head.get("current")), level(head.get("proposed")),
                     diff(head.get("difference")) + interval,
                     fmt.MISSING if net is None else fmt.kroner(net, lang, 1, compact=True,
                                                                signed=True)])
    return rows


def decisions_table(entries: list[Entry], lang: str) -> Any:
    """The decision tab: the rows of :func:`decision_rows` as a table."""
    header = [t(k, lang) for k in ("decision_folder", "decision_kind", "decision_figure",
                                   "decision_current", "decision_proposed",
                                   "decision_difference", "decision_net_kroner")]
    cell = {"padding": "4px 10px", "borderBottom": "1px solid #dde3e8", "textAlign": "left"}
    right = {**cell, "textAlign": "right"}
    body = [html.Tr([html.Td(v, style=cell if k < 3 else right) for k, v in enumerate(r)])
            for r in decision_rows(entries, lang)]
    return html.Div([
        html.P(t("decision_intro", lang), style={"fontSize": "13px", "color": "#5b6b77"}),
        html.Table([html.Thead(html.Tr([html.Th(h, style=cell) for h in header])),
                    html.Tbody(body)], id="decisions",
                   style={"borderCollapse": "collapse", "fontSize": "14px"}),
    ], style={"padding": "10px 20px"})
