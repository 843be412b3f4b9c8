"""Figures as plain data: a small builder for plotly's ``{"data": [...], "layout": {...}}``.

Why not plotly's graph objects: they validate every property on every assignment, which
cost one to two and a half seconds of each ``jobfirst run`` for the ~17 figures of a run
report (issue 11, "first minute"). plotly.js reads the same structure as plain JSON, the
browser app (Dash's ``dcc.Graph``) accepts it as a dict, and PNG export converts it, so
the figure functions build dicts and the page renders them once with ``Plotly.newPlot``.

:class:`Fig` covers exactly what the figure functions use: a grid of subplots laid out as
:func:`plotly.subplots.make_subplots` lays them out (same domains, axis names, shared
y-axes, subplot titles, one secondary y-axis), axis and layout updates, horizontal and
vertical lines and shaded ranges. The tests check every figure against plotly's schema by
building a validating ``go.Figure`` from it, so a misspelt property still fails loudly.

Trace values may be numpy arrays or pandas series; :meth:`Fig.to_dict` turns everything
into JSON-ready Python (lists and floats; a float array with NaN as plotly's typed-array
spec, which keeps the NaN; ``None`` for a lone NaN). Nothing here imports plotly:
the template and plotly.js are read from plotly's package data files.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

Figure = dict[str, Any]
"""A plotly figure as plain data: ``{"data": [trace, ...], "layout": {...}}``."""


def _plotly_dir() -> Path:
    """plotly's installed package folder, found without importing plotly."""
    spec = find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("plotly is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """The installed plotly.js bundle (what ``plotly.offline.get_plotlyjs`` returns)."""
    return (_plotly_dir() / "package_data" / "plotly.min.js").read_text("utf-8")


@lru_cache(maxsize=1)
def _template_json() -> str:
    return (_plotly_dir() / "package_data" / "templates" / "plotly_white.json").read_text(
        "utf-8")


def template() -> dict[str, Any]:
    """plotly's ``plotly_white`` template as data (a fresh copy: callers may change it)."""
    out: dict[str, Any] = json.loads(_template_json())
    return out


_SCALES: dict[str, tuple[str, ...]] = {
    # plotly.colors.sequential.Teal and .Viridis: plotly.py resolves these names before
    # plotly.js sees them, and plotly.js itself has no "Teal"
    "Teal": ("rgb(209, 238, 234)", "rgb(168, 219, 217)", "rgb(133, 196, 201)",
             "rgb(104, 171, 184)", "rgb(79, 144, 166)", "rgb(59, 115, 143)", "rgb(42, 86, 116)"),
    "Viridis": ("#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779",
                "#6ece58", "#b5de2b", "#fde725"),
}


def colorscale(name: str) -> list[list[Any]]:
    """A named sequential colour scale as ``[[position, colour], ...]``, as plotly.py
    expands it (so the figures look as they did when built with graph objects)."""
    colours = _SCALES[name]
    last = len(colours) - 1
    return [[i / last, c] for i, c in enumerate(colours)]


def merge(dst: dict[str, Any], src: Mapping[str, Any]) -> dict[str, Any]:
    """Deep-merge ``src`` into ``dst`` (nested dicts merge, other values replace)."""
    for k, v in src.items():
        if isinstance(v, Mapping) and isinstance(dst.get(k), dict):
            merge(dst[k], v)
        else:
            dst[k] = dict(v) if isinstance(v, Mapping) else v
    return dst


def expand(props: Mapping[str, Any]) -> dict[str, Any]:
    """plotly's "magic underscore" keys as nested dicts: ``title_text`` -> ``title.text``.

    Only for layout and axis properties, whose names never contain an underscore.
    """
    out: dict[str, Any] = {}
    for k, v in props.items():
        parts = k.split("_")
        node = out
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        last = parts[-1]
        if isinstance(v, Mapping) and isinstance(node.get(last), dict):
            merge(node[last], v)
        else:
            node[last] = v
    return out


def plain(value: Any) -> Any:
    """``value`` as JSON-ready Python: arrays and series to lists, NaN/inf and NA to None."""
    if isinstance(value, Mapping):  # a property set to None is unset, as in plotly
        return {str(k): plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, pd.Series | pd.Index):
        if pd.api.types.is_float_dtype(value.dtype) or pd.api.types.is_integer_dtype(
                value.dtype) or pd.api.types.is_bool_dtype(value.dtype):
            return plain(value.to_numpy())
        return [plain(v) for v in value.to_list()]
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "iub":
            return value.tolist()
        if value.dtype.kind == "f":  # the common case: numbers, NaN where unknown
            if np.isfinite(value).all():
                return value.tolist()
            return typed_array(value)
        return [plain(v) for v in value.tolist()]
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        x = float(value)
        return x if math.isfinite(x) else None
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, pd.Timestamp | np.datetime64):
        return str(pd.Timestamp(value).isoformat())
    return str(value)


def typed_array(values: np.ndarray) -> dict[str, str]:
    """Floats with NaN as plotly's typed-array spec (base64 little-endian float64).

    Why not a list with ``null``: JSON has no NaN, and plotly.js reads ``null`` in an error
    bar array as 0 (a zero-length bar with caps) where NaN means "no bar" — the interval
    of fewer than two replications is unknown, not zero. plotly.py writes every numpy
    array this way; here only arrays with a NaN, so the rest stays readable JSON.
    """
    arr = np.ascontiguousarray(values, dtype="<f8")
    out = {"dtype": "f8", "bdata": base64.b64encode(arr.tobytes()).decode("ascii")}
    if arr.ndim > 1:
        out["shape"] = ", ".join(str(n) for n in arr.shape)
    return out


def to_json(value: Any) -> str:
    """A figure (or any part of one) as compact JSON, safe inside a ``<script>`` element."""
    try:  # a finished figure is plain data already: no second pass over it
        text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        text = json.dumps(plain(value), separators=(",", ":"), ensure_ascii=False,
                          allow_nan=False)
    return text.replace("<", "\\u003c")  # no "</script>" or "<!--" inside the script


_TRACE_UNDERSCORED = frozenset({"error_x", "error_y", "error_z"})


def trace(kind: str, **props: Any) -> dict[str, Any]:
    """A trace of type ``kind`` (``"scatter"``, ``"bar"``, …) as a dict.

    Accepts plotly's magic underscores (``marker_color="#0072b2"``) except in the
    ``error_x``/``error_y`` names, which contain an underscore themselves.
    """
    plain_keys = {k: v for k, v in props.items() if k in _TRACE_UNDERSCORED}
    out = expand({k: v for k, v in props.items() if k not in _TRACE_UNDERSCORED})
    return {"type": kind, **out, **plain_keys}


def _ref(i: int) -> str:
    return "" if i == 1 else str(i)


class Fig:
    """A figure under construction; :meth:`to_dict` gives the plain plotly figure.

    ``Fig()`` is a single plot (like ``go.Figure()``); ``Fig.grid(rows, cols, ...)`` a grid
    of subplots (like ``make_subplots``), where traces and updates take ``row``/``col``.
    """

    def __init__(self, data: Sequence[Mapping[str, Any]] = ()) -> None:
        self.data: list[dict[str, Any]] = [dict(tr) for tr in data]
        self.layout: dict[str, Any] = {}
        self.rows = 0
        self.cols = 0
        self.secondary = False

    @classmethod
    def grid(cls, rows: int = 1, cols: int = 1, *, shared_yaxes: bool = False,
             subplot_titles: Sequence[str] = (), horizontal_spacing: float | None = None,
             vertical_spacing: float | None = None, row_heights: Sequence[float] | None = None,
             secondary_y: bool = False) -> Fig:
        """A grid of subplots with :func:`plotly.subplots.make_subplots`' layout.

        Row 1 is at the top; subplot ``(r, c)`` uses axes number ``(r − 1) · cols + c``;
        ``shared_yaxes`` ties each row's y-axes to its first column's (tick labels only
        there); ``secondary_y`` (a 1 × 1 grid only) adds a right-hand y-axis.
        """
        if secondary_y and (rows, cols) != (1, 1):
            raise ValueError("secondary_y is supported on a 1 × 1 grid only")
        fig = cls()
        fig.rows, fig.cols, fig.secondary = rows, cols, secondary_y
        h = 0.2 / cols if horizontal_spacing is None else horizontal_spacing
        v = 0.3 / rows if vertical_spacing is None else vertical_spacing
        width = (1.0 - h * (cols - 1)) / cols
        weights = list(row_heights) if row_heights is not None else [1.0] * rows
        heights = [(1.0 - v * (rows - 1)) * w / sum(weights) for w in weights]
        xs = [(c * (width + h), c * (width + h) + width) for c in range(cols)]
        # plotly stacks rows from the bottom up and then numbers them from the top
        ys_bottom_up: list[tuple[float, float]] = []
        y0 = 0.0
        for ht in reversed(heights):
            ys_bottom_up.append((y0, y0 + ht))
            y0 += ht + v
        ys = list(reversed(ys_bottom_up))
        for r in range(rows):
            for c in range(cols):
                i = r * cols + c + 1
                x_dom = [xs[c][0], xs[c][1] - (0.06 if secondary_y else 0.0)]
                fig.layout[f"xaxis{_ref(i)}"] = {"anchor": f"y{_ref(i)}", "domain": x_dom}
                yax: dict[str, Any] = {"anchor": f"x{_ref(i)}", "domain": list(ys[r])}
                if shared_yaxes and c > 0:
                    yax.update(matches=f"y{_ref(r * cols + 1)}", showticklabels=False)
                fig.layout[f"yaxis{_ref(i)}"] = yax
        if secondary_y:
            fig.layout["yaxis2"] = {"anchor": "x", "overlaying": "y", "side": "right"}
        notes = []
        for k, title in enumerate(subplot_titles[: rows * cols]):
            r, c = divmod(k, cols)
            notes.append({"font": {"size": 16}, "showarrow": False, "text": title,
                          "x": (xs[c][0] + xs[c][1]) / 2, "xanchor": "center", "xref": "paper",
                          "y": ys[r][1], "yanchor": "bottom", "yref": "paper"})
        if notes:
            fig.layout["annotations"] = notes
        return fig

    def _cell(self, row: int | None, col: int | None) -> int | None:
        if row is None and col is None:
            return None
        if not self.rows:
            raise ValueError("row/col need a figure made with Fig.grid")
        r, c = row or 1, col or 1
        if not (1 <= r <= self.rows and 1 <= c <= self.cols):
            raise ValueError(f"no subplot at row {r}, col {c}")
        return (r - 1) * self.cols + c

    def add_trace(self, trace: Mapping[str, Any], row: int | None = None,
                  col: int | None = None, secondary_y: bool = False) -> Fig:
        """Append a trace (a dict with ``type``), placed on subplot ``(row, col)``."""
        tr = dict(trace)
        if "type" not in tr:
            raise ValueError("a trace needs a 'type'")
        i = self._cell(row, col)
        if i is None and self.rows:
            i = 1  # make_subplots puts a trace without row/col on the first subplot
        if i is not None:
            tr["xaxis"] = f"x{_ref(i)}"
            tr["yaxis"] = "y2" if secondary_y and self.secondary else f"y{_ref(i)}"
        self.data.append(tr)
        return self

    def update_layout(self, **props: Any) -> Fig:
        """Deep-merge layout properties (``title_text`` style keys allowed)."""
        merge(self.layout, expand(props))
        return self

    def _axes(self, letter: str, row: int | None, col: int | None,
              secondary_y: bool | None = None) -> list[str]:
        if not self.rows:
            names = [k for k in self.layout if k.startswith(f"{letter}axis")]
            return names or [f"{letter}axis"]
        wanted = self._cell(row, col) if row is not None or col is not None else None
        cells = [wanted] if wanted is not None else list(range(1, self.rows * self.cols + 1))
        if row is not None and col is None:
            cells = [(row - 1) * self.cols + c for c in range(1, self.cols + 1)]
        if col is not None and row is None:
            cells = [(r - 1) * self.cols + col for r in range(1, self.rows + 1)]
        names = [f"{letter}axis{_ref(i)}" for i in cells]
        if letter == "y" and self.secondary:
            names = {None: ["yaxis", "yaxis2"], False: ["yaxis"], True: ["yaxis2"]}[secondary_y]
        return names

    def update_xaxes(self, row: int | None = None, col: int | None = None,
                     **props: Any) -> Fig:
        """Update the x-axes of all subplots, or of one row, column or subplot."""
        for name in self._axes("x", row, col):
            merge(self.layout.setdefault(name, {}), expand(props))
        return self

    def update_yaxes(self, row: int | None = None, col: int | None = None,
                     secondary_y: bool | None = None, **props: Any) -> Fig:
        """Update y-axes like :meth:`update_xaxes`; ``secondary_y`` picks the primary
        (``False``) or right-hand (``True``) axis of a ``secondary_y`` grid."""
        for name in self._axes("y", row, col, secondary_y):
            merge(self.layout.setdefault(name, {}), expand(props))
        return self

    def _refs(self, row: int | None, col: int | None) -> tuple[str, str]:
        i = self._cell(row, col) or 1
        return f"x{_ref(i)}", f"y{_ref(i)}"

    def add_hline(self, y: float, row: int | None = None, col: int | None = None,
                  line: Mapping[str, Any] | None = None, annotation_text: str = "",
                  annotation_position: str = "top left") -> Fig:
        """A horizontal line across one subplot, with an optional label at its left end."""
        xr, yr = self._refs(row, col)
        shape: dict[str, Any] = {"type": "line", "x0": 0, "x1": 1, "xref": f"{xr} domain",
                                 "y0": y, "y1": y, "yref": yr}
        if line:
            shape["line"] = dict(line)
        self.layout.setdefault("shapes", []).append(shape)
        if annotation_text:
            if annotation_position != "top left":
                raise ValueError("only annotation_position='top left' is supported")
            self.layout.setdefault("annotations", []).append(
                {"showarrow": False, "text": annotation_text, "x": 0, "xanchor": "left",
                 "xref": f"{xr} domain", "y": y, "yanchor": "bottom", "yref": yr})
        return self

    def add_vline(self, x: float, row: int | None = None, col: int | None = None,
                  line: Mapping[str, Any] | None = None) -> Fig:
        """A vertical line through the whole height of one subplot."""
        xr, yr = self._refs(row, col)
        shape: dict[str, Any] = {"type": "line", "x0": x, "x1": x, "xref": xr,
                                 "y0": 0, "y1": 1, "yref": f"{yr} domain"}
        if line:
            shape["line"] = dict(line)
        self.layout.setdefault("shapes", []).append(shape)
        return self

    def add_vrect(self, x0: float, x1: float, fillcolor: str, layer: str = "below",
                  line_width: float = 0, annotation_text: str = "",
                  annotation_font_size: float | None = None) -> Fig:
        """A shaded x-range through the whole height, labelled at its top left."""
        self.layout.setdefault("shapes", []).append(
            {"type": "rect", "x0": x0, "x1": x1, "xref": "x", "y0": 0, "y1": 1,
             "yref": "y domain", "fillcolor": fillcolor, "layer": layer,
             "line": {"width": line_width}})
        if annotation_text:
            note: dict[str, Any] = {"showarrow": False, "text": annotation_text, "x": x0,
                                    "xanchor": "left", "xref": "x", "y": 1, "yanchor": "top",
                                    "yref": "y domain"}
            if annotation_font_size is not None:
                note["font"] = {"size": annotation_font_size}
            self.layout.setdefault("annotations", []).append(note)
        return self

    def to_dict(self) -> Figure:
        """The figure as plain, JSON-ready data."""
        return {"data": plain(self.data), "layout": plain(self.layout)}


def error_bars(mean: Any, low: Any, high: Any, colour: str = "#444",
               thickness: float = 1, **extra: Any) -> dict[str, Any]:
    """Asymmetric error bars from a mean and its interval bounds (``error_x``/``error_y``).

    A bound that is NaN draws no bar on that side (plotly reads ``null`` as nothing).
    """
    m = np.asarray(mean, dtype=float)
    return {"type": "data", "symmetric": False,
            "array": np.asarray(high, dtype=float) - m,
            "arrayminus": m - np.asarray(low, dtype=float),
            "color": colour, "thickness": thickness, **extra}


def layout_height(fig: Figure, default: int = 420) -> int:
    """The figure's height in pixels (its layout's, else ``default``)."""
    h = (fig.get("layout") or {}).get("height")
    return int(h) if isinstance(h, int | float) and h else default
