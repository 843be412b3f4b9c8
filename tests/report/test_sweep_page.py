"""The sweep report speaks to a manager: an "In short" best point per outcome in words with
its interval, a header without raw JSON or absolute paths, plural point counts, effects in
percentage points, intervals within what a share can be."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
from report_support import as_go, real_sweep_dirs

from jobfirst_sim.report import make_report
from jobfirst_sim.report.sweep import points_text
from jobfirst_sim.report.sweep_data import load_sweep
from jobfirst_sim.report.sweep_headline import bounded, point_words, sweep_headlines
from jobfirst_sim.stats import Interval

CASELOAD = "arms.jobfirst.organisation.caseload"
CV = "arms.jobfirst.practice.cv_at_start"


@pytest.mark.parametrize(("n", "lang", "text"), [
    (1, "da", "1 designpunkt"), (12, "da", "12 designpunkter"),
    (1, "en", "1 design point"), (12, "en", "12 design points"),
])
def test_point_counts_are_plural(n: int, lang: str, text: str) -> None:
    assert points_text(n, lang) == text


@pytest.mark.parametrize(("lang", "text"), [
    ("da", "Sagsstamme 30, CV fra første samtale: ja"),
    ("en", "Caseload 30, CV from the first conversation: yes"),
])
def test_point_in_words(lang: str, text: str) -> None:
    assert point_words({CASELOAD: 30, CV: True}, [CASELOAD, CV], lang) == text


@pytest.mark.parametrize(("ci", "metric", "diff", "low", "high"), [
    (Interval(0.1, -0.3, 0.5, 2), "share_with_hours_w78", False, 0.0, 0.5),
    (Interval(0.9, 0.5, 1.4, 2), "share_with_hours_w78", False, 0.5, 1.0),
    (Interval(0.1, -1.6, 1.8, 2), "share_with_hours_w78", True, -1.0, 1.0),
    (Interval(3.0, -2.0, 9.0, 2), "mean_wage_hours_w78", False, 0.0, 9.0),
])
def test_intervals_cut_at_the_metric_bounds(ci: Interval, metric: str, diff: bool,
                                            low: float, high: float) -> None:
    out = bounded(ci, metric, diff)
    assert math.isclose(out.low, low) and math.isclose(out.high, high)
    assert out.mean == ci.mean


@pytest.mark.parametrize("lang", ["da", "en"])
def test_in_short_and_header(tmp_path: Path, lang: str) -> None:
    d = real_sweep_dirs()["factorial"]
    heads = sweep_headlines(load_sweep(d), lang)
    pp = "pct.-point" if lang == "da" else "\u00a0pp"
    assert heads[0].startswith("Kun 2" if lang == "da" else "Only 2")  # too few replications
    assert pp in heads[1] and ("Sagsstamme" in heads[1] or "Caseload" in heads[1])
    result = make_report(d, lang=lang, out=tmp_path / "s.html")
    html = result.path.read_text(encoding="utf-8")
    body = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", body)
    assert str(d) not in text and str(Path.cwd()) not in text and '{"type"' not in text
    assert ("4 designpunkter" if lang == "da" else "4 design points") in text
    assert text.index("Kort fortalt" if lang == "da" else "In short") < text.index(
        "Rodfrø" if lang == "da" else "Root seed")
    for raw in ("arms.", "organisation.", "t1_effect", "t2_jobfirst"):
        assert raw not in text, raw
    fig = as_go(result.figures["lever_effects"])
    titles = [a.text for a in fig.layout.annotations]
    axis = "(procentpoint)" if lang == "da" else "(percentage points)"
    assert len(titles) == 2 and fig.layout.xaxis.title.text.endswith(axis)


@pytest.mark.parametrize(("lang", "pp"), [("da", "procentpoint"), ("en", "percentage points")])
def test_heat_map_of_a_share_difference_is_in_percentage_points(tmp_path: Path, lang: str,
                                                                pp: str) -> None:
    """t1_effect is jobfirst − control of a share: cells and colour bar in percentage
    points (100 × the difference, unit in the bar's title), never a % tick format; a level
    outcome keeps its % colour bar."""
    d = real_sweep_dirs()["factorial"]
    result = make_report(d, lang=lang, out=tmp_path / "s.html")
    diff = as_go(result.figures["heatmap_t1_effect"]).data[0]
    assert diff.colorbar.title.text == pp and diff.colorbar.tickformat is None
    assert not diff.texttemplate.endswith("%}") and pp in diff.hovertemplate
    data = load_sweep(d)
    values = data.values[data.values["outcome"] == "t1_effect"]["value"]
    z = np.asarray(diff.z, dtype=float)
    z = z[np.isfinite(z)]
    # each cell is a mean of differences: within 100 × the differences' range
    assert z.size and 100 * values.min() - 1e-9 <= z.min() and z.max() <= 100 * values.max() + 1e-9
    assert np.abs(z).max() > 1.0 or np.abs(100 * values).max() <= 1.0  # really scaled
    level = [f for n, f in result.figures.items() if n.startswith("heatmap_")
             and n != "heatmap_t1_effect"]
    for fig in level:
        tr = as_go(fig).data[0]
        assert tr.colorbar.title.text != pp
