"""Sweep report on real tiny sweeps, and the paired-effect arithmetic on exact data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from report_support import as_go, real_sweep_dirs

from jobfirst_sim.report import is_sweep_dir, make_report
from jobfirst_sim.report.sweep import choose_heat_levers, paired_effects


def test_factorial_sweep_report(tmp_path: Path) -> None:
    d = real_sweep_dirs()["factorial"]
    assert is_sweep_dir(d)
    result = make_report(d, lang="da", out=tmp_path / "s.html")
    assert {"lever_effects", "heatmap_t1_effect", "sweep_weekly"} <= set(result.figures)
    html = (tmp_path / "s.html").read_text(encoding="utf-8")
    assert html.count("plotly.js v") == 1
    assert "Designtabel" in html and "Ingen følsomhedstabel" in html
    # not a sensitivity design: the missing tornado is explained but not an error
    assert not any(p.what == "sensitivity.parquet" for p in result.problems)


def test_morris_sweep_has_tornado(tmp_path: Path) -> None:
    result = make_report(real_sweep_dirs()["morris"], lang="en", out=tmp_path / "m.html")
    fig = as_go(result.figures["tornado_t1_jobfirst"])
    assert {tr.name for tr in fig.data} == {"μ* (mean absolute effect)",
                                           "σ (spread: interaction or non-linearity)"}


def test_partial_sweep_explains(tmp_path: Path) -> None:
    d = tmp_path / "sweep"
    shutil.copytree(real_sweep_dirs()["factorial"], d)
    for name in ("outcomes.parquet", "summary.parquet", "weekly.parquet"):
        (d / name).unlink()
    result = make_report(d, lang="en")
    assert {p.what for p in result.problems} >= {"outcomes.parquet", "summary.parquet"}
    assert "What is missing" in result.path.read_text(encoding="utf-8")


def test_paired_effects_are_exact_under_common_random_numbers() -> None:
    # value = replication noise + 0.1 * (caseload == 55) + 0.02 * cv: pairing cancels noise
    rows, exp = [], []
    point = 0
    for cl in (30, 55):
        for cv in (False, True):
            for r in range(4):
                noise = [0.3, -0.2, 0.5, 0.0][r]
                rows.append({"point": point, "replication": r, "outcome": "y",
                             "value": noise + 0.1 * (cl == 55) + 0.02 * cv})
                exp.append({"point": point, "replication": r, "caseload": cl, "cv": cv})
            point += 1
    eff = paired_effects(pd.DataFrame(rows), pd.DataFrame(exp), ["caseload", "cv"])
    by = eff.set_index("lever")
    assert by.loc["caseload", "effect"] == pytest.approx(0.1)
    assert by.loc["caseload", "ci_high"] - by.loc["caseload", "ci_low"] == pytest.approx(0)
    assert by.loc["cv", "effect"] == pytest.approx(0.02)
    assert by.loc["cv", "n_pairs"] == 8
    assert choose_heat_levers(pd.DataFrame(exp), ["caseload", "cv"]) == ("caseload", "cv")


def test_continuous_levers_have_no_pairs() -> None:
    exp = pd.DataFrame({"point": range(20), "replication": 0, "x": [i / 7 for i in range(20)]})
    vals = pd.DataFrame({"point": range(20), "replication": 0, "outcome": "y", "value": 1.0})
    assert paired_effects(vals, exp, ["x"]).empty


@pytest.mark.parametrize(("lang", "mu", "axis"), [
    ("da", "μ* (gennemsnitlig absolut virkning)", "Betydning (Morris)"),
    ("en", "μ* (mean absolute effect)", "Importance (Morris)"),
])
def test_tornado_speaks_the_page_language(tmp_path: Path, lang: str, mu: str,
                                          axis: str) -> None:
    result = make_report(real_sweep_dirs()["morris"], lang=lang, out=tmp_path / "m.html")
    fig = as_go(next(f for k, f in result.figures.items() if k.startswith("tornado_")))
    assert mu in {tr.name for tr in fig.data} and fig.layout.xaxis.title.text == axis
    assert not any("morris" in str(tr.name) for tr in fig.data)
