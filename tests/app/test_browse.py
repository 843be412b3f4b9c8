"""The browser app without a browser: discovery, filtered queries, figures, app build."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from report_support import as_go, real_run_dir, real_sweep_dirs

from jobfirst_sim.app import browse as B


def test_discover_runs_and_sweeps(tmp_path: Path) -> None:
    run, sweep = real_run_dir(), real_sweep_dirs()["factorial"]
    entries = B.discover([run, sweep.parent, tmp_path / "missing"])
    kinds = {(e.kind, e.path) for e in entries}
    assert ("run", run) in kinds and ("sweep", sweep) in kinds


def test_query_reads_only_matching_rows() -> None:
    sweep = real_sweep_dirs()["factorial"]
    w = B.query(sweep / "weekly.parquet", {"point": 2, "week": [78]},
                ["point", "week", "share_wage_hours", "not_a_column"])
    assert set(w["point"]) == {2} and set(w["week"]) == {78}
    assert list(w.columns) == ["point", "week", "share_wage_hours"]


def test_figures_change_with_filters() -> None:
    run = B.Entry("run", "r", real_run_dir())
    a, b = (as_go(B.weekly_compare([run], "share_wage_hours", ben, weeks, "da")[0])
            for ben, weeks in (("all", (0, 104)), ("kontanthjaelp", (0, 52))))
    assert max(a.data[1].x) == 104 and max(b.data[1].x) == 52
    c, note = B.weekly_compare([run], "mean_wage_hours", "all", (0, 104), "da",
                               municipality="Aarhus")
    assert "Aarhus – hele panelet" in note and len(as_go(c).data) > 0
    o = as_go(B.outcome_compare([run], "share_with_hours_w78", "all", "Aarhus", "en"))
    assert "Aarhus" in o.layout.title.text
    fig, note = B.subgroup_weekly(run, "female", "50–59", "all", "all", (0, 104), "en")
    assert "panel.parquet" in note and len(as_go(fig).data) > 0
    sw = B.Entry("sweep", "s", real_sweep_dirs()["factorial"])
    d, _ = B.weekly_compare([sw], "share_wage_hours", "all", (0, 104), "da", point=3)
    assert "Designpunkt 3" in as_go(d).data[1].name


def test_trial_marks_follow_the_manifest_roles(tmp_path: Path) -> None:
    """Two runs side by side keep each arm's declared role (T1 marks on the treatment and
    control arms); a copy whose manifest has no roles gets no marks: names are not read."""
    import json
    import shutil

    run = real_run_dir()
    old = tmp_path / "old"
    shutil.copytree(run, old)
    manifest = json.loads((old / "manifest.json").read_text(encoding="utf-8"))
    for arm in manifest["scenario"]["arms"]:
        arm.pop("role", None)
    (old / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    def marks(fig: object) -> list[float]:
        return sorted(float(tr.y[0]) for tr in as_go(fig).data
                      if tr.marker and tr.marker.symbol == "diamond")

    new_e, old_e = B.Entry("run", "new", run), B.Entry("run", "old", old)
    both, _ = B.weekly_compare([new_e, old_e], "share_wage_hours", "kontanthjaelp", (0, 104),
                               "en")
    assert marks(both) == [0.12, 0.19]
    alone, _ = B.weekly_compare([old_e], "share_wage_hours", "kontanthjaelp", (0, 104), "en")
    assert marks(alone) == []


def test_make_app_serves_locally() -> None:
    app = B.make_app([real_run_dir(), real_sweep_dirs()["factorial"]], lang="en")
    assert app.config.serve_locally is True
    assert app.config.external_scripts == [] and app.config.external_stylesheets == []
    with pytest.raises(B.BrowseError, match="no run, sweep or decision"):
        B.make_app([Path("/nonexistent")])


def test_thousand_run_sweep_reads_one_point(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """1,000 runs (250 points × 4 replications): the drill-down queries one point's weekly
    rows only, filtered inside pyarrow (its time: experiments/benchmarks/browse_benchmark.py)."""
    import pyarrow.parquet as pq
    from report_support import make_fake_sweep

    import jobfirst_sim.app.browse.views as views
    from jobfirst_sim.report import make_report

    d = make_fake_sweep(tmp_path / "big")
    sweep = B.Entry("sweep", "big", d)
    fig = B.sweep_points(sweep, "t1_jobfirst", "arms.jobfirst.organisation.caseload", "en")
    asked: list[tuple[dict[str, object], int]] = []
    real_query = views.query

    def spy(path: Path, where: dict[str, object], columns: list[str]) -> pd.DataFrame:
        rows = real_query(path, where, columns)
        if path.name == "weekly.parquet":
            asked.append((dict(where), len(rows)))
        return rows

    monkeypatch.setattr(views, "query", spy)
    drill, _ = B.weekly_compare([sweep], "share_wage_hours", "all", (0, 104), "en", point=123)
    assert len(as_go(fig).data[0].x) == 250 and len(as_go(drill).data) == 2
    total = pq.ParquetFile(d / "weekly.parquet").metadata.num_rows
    assert [w.get("point") for w, _ in asked] == [123]
    assert 0 < asked[0][1] * 250 <= total, (asked, total)
    result = make_report(d, lang="en")  # LHS: no pairs, explained; heat map binned
    assert "heatmap_t1_jobfirst" in result.figures
    assert any("pair" in p.reason for p in result.problems)


def test_cli_browse_refuses_nothing_to_browse(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from jobfirst_sim.cli import app

    res = CliRunner().invoke(app, ["browse", str(tmp_path)])
    assert res.exit_code == 2 and "no run, sweep or decision folder" in res.output
    res = CliRunner().invoke(app, ["browse", str(real_run_dir()), "--lang", "sv"])
    assert res.exit_code == 2 and "language" in res.output
