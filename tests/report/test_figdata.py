"""Figures as plain data (jobfirst_sim.report.figdata) lay out, look and serialise exactly
as plotly's own graph objects did, and the report path never imports them."""

from __future__ import annotations

import base64
import json
import math
import subprocess
import sys
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from plotly.subplots import make_subplots

from jobfirst_sim.report.figdata import (
    Fig,
    colorscale,
    plain,
    plotly_js,
    template,
    to_json,
    trace,
)


def _layout(fig: Any) -> dict[str, Any]:
    """A figure's layout as plotly writes it, without the template (compared apart)."""
    d = json.loads(fig.to_json()) if isinstance(fig, go.Figure) else json.loads(to_json(fig))
    layout: dict[str, Any] = d["layout"]
    layout.pop("template", None)
    return layout


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(a, bool):
        return math.isclose(a, b, abs_tol=1e-12)
    return bool(a == b)


@pytest.mark.parametrize("kw", [
    {"rows": 1, "cols": 2, "shared_yaxes": True, "subplot_titles": ["a", "b"],
     "horizontal_spacing": 0.04},
    {"rows": 2, "cols": 2, "subplot_titles": ["a", "b", "c"], "vertical_spacing": 0.14,
     "horizontal_spacing": 0.08},
    {"rows": 2, "cols": 2, "shared_yaxes": True, "horizontal_spacing": 0.06,
     "vertical_spacing": 0.14, "subplot_titles": ["a", "b", "c", "d"]},
    {"rows": 3, "cols": 1, "row_heights": [0.2, 0.3, 0.5], "vertical_spacing": 0.1,
     "subplot_titles": ["x", "y", "z"]},
    {"rows": 1, "cols": 3},
])
def test_grid_lays_out_like_make_subplots(kw: dict[str, Any]) -> None:
    ours, theirs = Fig.grid(**kw), make_subplots(**kw)
    for r in range(1, kw["rows"] + 1):
        for c in range(1, kw["cols"] + 1):
            ours.add_trace(trace("bar", x=["a"], y=[r * c]), row=r, col=c)
            theirs.add_trace(go.Bar(x=["a"], y=[r * c]), row=r, col=c)
    ours.update_xaxes(title_text="week").update_yaxes(tickformat=".0%", row=1, col=1)
    theirs.update_xaxes(title_text="week").update_yaxes(tickformat=".0%", row=1, col=1)
    ours.add_hline(y=0.5, row=1, col=1, line={"dash": "dot"}, annotation_text="T5")
    theirs.add_hline(y=0.5, row=1, col=1, line={"dash": "dot"}, annotation_text="T5",
                     annotation_position="top left")
    ours.add_vline(x=0, row=kw["rows"], col=1, line={"color": "#444"})
    theirs.add_vline(x=0, row=kw["rows"], col=1, line={"color": "#444"})
    assert _close(_layout(ours.to_dict()), _layout(theirs))
    want = json.loads(theirs.to_json())["data"]
    got = ours.to_dict()["data"]
    assert [(t["xaxis"], t["yaxis"]) for t in got] == [(t["xaxis"], t["yaxis"]) for t in want]


def test_secondary_axis_and_shaded_range_like_plotly() -> None:
    ours = Fig.grid(secondary_y=True)
    theirs = make_subplots(specs=[[{"secondary_y": True}]])
    ours.add_trace(trace("bar", x=[1], y=[2]), secondary_y=False)
    ours.add_trace(trace("scatter", x=[1], y=[0.5]), secondary_y=True)
    theirs.add_trace(go.Bar(x=[1], y=[2]), secondary_y=False)
    theirs.add_trace(go.Scatter(x=[1], y=[0.5]), secondary_y=True)
    ours.add_vrect(x0=-0.5, x1=3.5, fillcolor="rgba(1,2,3,0.15)", annotation_text="status",
                   annotation_font_size=10)
    theirs.add_vrect(x0=-0.5, x1=3.5, line_width=0, layer="below",
                     fillcolor="rgba(1,2,3,0.15)", annotation_text="status",
                     annotation_position="top left", annotation_font_size=10)
    ours.update_yaxes(title_text="v", secondary_y=True)
    theirs.update_yaxes(title_text="v", secondary_y=True)
    assert _close(_layout(ours.to_dict()), _layout(theirs))
    assert [t["yaxis"] for t in ours.to_dict()["data"]] == ["y", "y2"]


def test_template_colour_scales_and_plotly_js_are_plotlys() -> None:
    assert template() == pio.templates["plotly_white"].to_plotly_json()
    for name in ("Teal", "Viridis"):
        want = go.Heatmap(colorscale=name).colorscale
        assert [tuple(x) for x in colorscale(name)] == [tuple(x) for x in want]
    from plotly.offline import get_plotlyjs

    assert plotly_js() == get_plotlyjs()


def test_plain_data_keeps_nan_where_plotly_needs_it() -> None:
    """A float array with NaN becomes plotly's typed-array spec (NaN means "no error bar";
    ``null`` would draw a zero-length one); finite arrays stay lists; None props vanish."""
    fig = Fig([trace("bar", y=np.array([0.1, 0.2]), error_y={"array": np.array([0.1, np.nan])},
                     customdata=np.array([[1.0, np.nan], [2.0, 3.0]]), text=None)]).to_dict()
    tr = fig["data"][0]
    assert tr["y"] == [0.1, 0.2] and "text" not in tr
    go.Figure(fig)  # plotly accepts the spec

    def decode(spec: dict[str, str]) -> np.ndarray:
        arr = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=np.dtype("<f8"))
        shape = tuple(int(n) for n in spec.get("shape", str(arr.size)).split(","))
        return arr.reshape(shape)

    assert tr["error_y"]["array"]["dtype"] == "f8"
    np.testing.assert_array_equal(decode(tr["error_y"]["array"]), [0.1, np.nan])
    np.testing.assert_array_equal(decode(tr["customdata"]), [[1.0, np.nan], [2.0, 3.0]])
    json.dumps(fig, allow_nan=False)
    assert plain([1.0, float("nan"), np.int64(3), np.bool_(True)]) == [1.0, None, 3, True]


def test_json_cannot_close_the_script_element() -> None:
    text = to_json({"layout": {"title": {"text": "</script><script>alert(1)</script>"}}})
    assert "</script>" not in text and "<" not in text
    assert json.loads(text)["layout"]["title"]["text"].startswith("</script>")


def test_report_path_imports_no_graph_objects_nor_scipy_stats() -> None:
    """What makes a run report fast (issue 11): building it never imports plotly's
    validating figure objects or scipy.stats (checked in a fresh interpreter)."""
    code = ("import sys; import jobfirst_sim.cli, jobfirst_sim.report.run, "
            "jobfirst_sim.report.sweep, jobfirst_sim.report.explain, jobfirst_sim.stats; "
            "bad = [m for m in ('plotly.graph_objects', 'plotly.subplots', 'plotly.io', "
            "'scipy.stats') if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
