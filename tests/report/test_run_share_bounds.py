"""No share interval on the run page leaves [0, 1]: read back from the written HTML (the
figures' embedded JSON and the key-figure tables), for the trial replica and a two-arm
what-if with only 2 replications (where a raw t-interval runs from −100 % to 200 %)."""

from __future__ import annotations

import base64
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from report_support import as_go
from run_pages import real_run_dir, whatif_run_dir

from jobfirst_sim.report import make_report

EPS = 1e-9


def embedded_figures(html: str) -> Iterator[tuple[str, list[dict[str, Any]], dict[str, Any]]]:
    """(div id, data, layout) of every ``Plotly.newPlot`` call in a page."""
    dec = json.JSONDecoder()
    for m in re.finditer(r'Plotly\.newPlot\(\s*"([^"]+)",\s*', html):
        data, end = dec.raw_decode(html, m.end())
        rest = html[end:].lstrip()
        assert rest.startswith(",")
        layout, _ = dec.raw_decode(rest[1:].lstrip())
        yield m.group(1), data, layout


def values(v: Any) -> np.ndarray:
    """Numbers of a trace array (plain list or plotly's typed-array encoding)."""
    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"])).astype(
            float)
    if isinstance(v, list | tuple):
        return np.array([np.nan if x is None or isinstance(x, str) else x for x in v],
                        dtype=float)
    return np.array([], dtype=float)


def percent_axes(layout: dict[str, Any]) -> set[str]:
    """Trace axis ids (``y``, ``y2``, ``x``…) whose axis is drawn in per cent."""
    out = set()
    for key, ax in layout.items():
        m = re.fullmatch(r"([xy])axis(\d*)", key)
        if m and isinstance(ax, dict) and "%" in str(ax.get("tickformat", "")):
            out.add(m.group(1) + m.group(2))
    return out


def share_problems(html: str) -> list[str]:
    """Every value, band edge or error-bar end on a per-cent axis outside [0, 1]."""
    bad: list[str] = []
    for fid, data, layout in embedded_figures(html):
        axes = percent_axes(layout)
        for tr in data:
            for dim in ("y", "x"):
                if tr.get(f"{dim}axis", dim) not in axes or tr.get("type") == "heatmap":
                    continue
                v = values(tr.get(dim))
                err = tr.get(f"error_{dim}") or {}
                hi = v + values(err.get("array")) if "array" in err else v
                lo = v - values(err.get("arrayminus")) if "arrayminus" in err else v
                for arr in (v, hi, lo):
                    arr = arr[np.isfinite(arr)]
                    if arr.size and (arr.min() < -EPS or arr.max() > 1 + EPS):
                        bad.append(f"{fid}/{tr.get('name')}: {arr.min():.3f}..{arr.max():.3f}")
    return bad


def table_problems(html: str) -> list[str]:
    """Per-cent cells of the key-figure tables whose number or interval leaves 0–100."""
    bad = []
    for cell in re.findall(r"<td[^>]*>([^<]*%[^<]*)</td>", html):
        for num in re.findall(r"[−-]?\d+[.,]\d+", cell):
            x = float(num.replace("−", "-").replace(",", "."))
            if not 0.0 <= x <= 100.0:
                bad.append(cell)
    return bad


@pytest.fixture(scope="module", params=["trial", "whatif"])
def run_copy(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = real_run_dir() if request.param == "trial" else whatif_run_dir()
    dst = tmp_path_factory.mktemp(request.param) / "run"
    shutil.copytree(src, dst)
    return dst


@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_share_interval_leaves_0_1(run_copy: Path, lang: str) -> None:
    html = make_report(run_copy, lang=lang).path.read_text(encoding="utf-8")
    figures = list(embedded_figures(html))
    assert len(figures) >= 10  # the parser found the figures it checks
    assert any(percent_axes(layout) for _, _, layout in figures)
    assert share_problems(html) == []
    assert re.search(r"<td[^>]*>[^<]*%", html)  # the tables are checked too
    assert table_problems(html) == []


def test_checker_catches_an_impossible_interval() -> None:
    layout = {"yaxis": {"tickformat": ".0%"}}
    data = [{"type": "bar", "name": "a", "y": [0.5],
             "error_y": {"array": [1.5], "arrayminus": [0.1]}}]
    html = f'Plotly.newPlot( "f", {json.dumps(data)}, {json.dumps(layout)}, {{}})'
    assert share_problems(html) == ["f/a: 2.000..2.000"]  # the upper end of the bar
    assert table_problems("<td>53,9 % (−97,5–205,3)</td>") != []


def test_trial_block_only_for_the_trial_replica(run_copy: Path) -> None:
    result = make_report(run_copy, lang="da")
    html = result.path.read_text(encoding="utf-8")
    is_trial = run_copy.parent.name.startswith("trial")
    assert ("Inden for tolerancen" in html) is is_trial
    assert ("Sammenligning med forsøget" in html) is is_trial
    marks = [tr for fig in result.figures.values() for tr in as_go(fig).data
             if tr.name == "Forsøget"]
    assert bool(marks) is is_trial
    if is_trial:
        assert re.search(r"<td[^>]*>(ok|OFF)</td>", html)
        assert "T2" in html and "t/uge" in html  # hours with their unit, not a bare 4.62
