"""One colour per arm on every chart of a run report and a sweep report, from the
colour-blind-safe Okabe–Ito palette, fixed by the arm's declared role and manifest order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from report_support import as_go, real_run_dir, real_sweep_dirs

from jobfirst_sim.report import make_report
from jobfirst_sim.report.figures.base import (
    ARM_FIXED,
    OKABE_ITO,
    PALETTE,
    arm_colours,
    arm_roles,
)
from jobfirst_sim.report.labels import t


def _colour(trace: Any) -> str | None:
    for attr in ("line", "marker"):
        obj = getattr(trace, attr, None)
        colour = getattr(obj, "color", None) if obj is not None else None
        if isinstance(colour, str):
            return colour.lower()
    return None


def arm_trace_colours(figures: dict[str, Any], arms: list[str], lang: str
                      ) -> dict[str, dict[str, str]]:
    """Arm -> {figure: colour} for every trace named exactly as an arm."""
    names = {t(a, lang): a for a in arms}
    seen: dict[str, dict[str, str]] = {a: {} for a in arms}
    for fname, fig in figures.items():
        for tr in as_go(fig).data:
            arm = names.get(str(tr.name))
            colour = _colour(tr)
            if arm is not None and colour is not None:
                seen[arm][fname] = colour
    return seen


@pytest.mark.parametrize("lang", ["da", "en"])
def test_same_arm_same_colour_in_every_run_figure(tmp_path: Path, lang: str) -> None:
    result = make_report(real_run_dir(), lang=lang, out=tmp_path / "r.html")
    seen = arm_trace_colours(result.figures, ["jobfirst", "control"], lang)
    for arm, per_fig in seen.items():
        assert len(per_fig) >= 3, (arm, per_fig)  # the arm is drawn in several figures
        assert len(set(per_fig.values())) == 1, (arm, per_fig)
    assert set(seen["jobfirst"].values()) == {ARM_FIXED["treatment"]}
    assert set(seen["control"].values()) == {ARM_FIXED["control"]}


def test_sweep_reference_arm_wears_its_manifest_colour(tmp_path: Path) -> None:
    d = real_sweep_dirs()["factorial"]
    result = make_report(d, lang="en", out=tmp_path / "s.html")
    roles = arm_roles(json.loads((d / "manifest.json").read_text(encoding="utf-8")))
    expected = arm_colours(list(roles) or ["control"], roles)["control"]
    fig = as_go(result.figures["sweep_weekly"])
    ref = [tr for tr in fig.data if tr.name == t("control", "en")]
    assert ref and {_colour(tr) for tr in ref} == {expected}
    points = [tr for tr in fig.data if tr.name != t("control", "en")]
    assert points and expected not in {_colour(tr) for tr in points}


@pytest.mark.parametrize(("arms", "roles"), [
    (["t", "c", "x", "y"], {"t": "treatment", "c": "control", "x": "alternative",
                            "y": "alternative"}),
    (["y", "x"], {"t": "treatment", "c": "control", "x": "alternative",
                  "y": "alternative"}),
    (["x"], {"t": "treatment", "c": "control", "x": "alternative", "y": "alternative"}),
])
def test_arm_colour_is_stable_whatever_subset_a_figure_shows(
        arms: list[str], roles: dict[str, str]) -> None:
    full = arm_colours(list(roles), roles)
    assert arm_colours(arms, roles) == {a: full[a] for a in arms}
    assert set(full.values()) <= set(PALETTE)
    assert full["t"] == OKABE_ITO["blue"] and full["c"] == OKABE_ITO["orange"]
    assert len(set(full.values())) == len(full)


def _line_colours(fig: Any) -> dict[str, tuple[str, str | None]]:
    """Legend name -> (colour, dash) of each drawn line (bands and marks left out)."""
    out = {}
    for tr in as_go(fig).data:
        if tr.mode == "lines" and tr.showlegend is not False and tr.line.color:
            out[str(tr.name)] = (tr.line.color.lower(), tr.line.dash)
    return out


def test_browser_arm_keeps_its_colour_between_lines_and_bars(tmp_path: Path) -> None:
    """Two runs side by side (the browser's default): each arm wears the colour of its bar
    in the weekly lines of both runs, and the runs differ by their dash instead."""
    import shutil

    import jobfirst_sim.app.browse as B

    other = tmp_path / "other"
    shutil.copytree(real_run_dir(), other)
    runs = [B.Entry("run", "a", real_run_dir()), B.Entry("run", "b", other)]
    bars = {str(tr.name): _colour(tr) for tr in as_go(B.outcome_compare(
        runs, "share_with_hours_w78", "all", "all", "en")).data}
    lines, _ = B.weekly_compare(runs, "share_wage_hours", "all", (0, 104), "en")
    drawn = _line_colours(lines)
    assert len(bars) == 2 and len(drawn) == 4, (bars, drawn)
    for run in ("a", "b"):
        for arm, colour in bars.items():  # the legend says "run: arm" in the bars' words
            assert _named(drawn, run, arm)[0] == colour, (run, arm, drawn, bars)
    first = next(iter(bars))
    assert _named(drawn, "a", first)[1] != _named(drawn, "b", first)[1]


def _named(drawn: dict[str, tuple[str, str | None]], run: str, arm: str
           ) -> tuple[str, str | None]:
    """The line of ``arm`` in ``run`` ("a: JobFirst")."""
    return drawn[f"{run}: {arm}"]


def test_sweep_drill_wears_the_sweep_reports_arm_colour(tmp_path: Path) -> None:
    """The arm no lever touches is the sweep report's common reference; the browser's
    drill-down into a design point draws it in the same colour."""
    import jobfirst_sim.app.browse as B

    d = real_sweep_dirs()["factorial"]
    report = make_report(d, lang="en", out=tmp_path / "s.html")
    ref = _line_colours(report.figures["sweep_weekly"])[t("control", "en")][0]
    drill, _ = B.weekly_compare([B.Entry("sweep", "s", d)], "share_wage_hours", "all",
                                (0, 104), "en", point=1)
    drawn = _line_colours(drill)
    assert drawn[f"{t('design_point', 'en')} 1: {t('control', 'en')}"][0] == ref, (drawn, ref)


def test_compare_designs_wear_the_colours_of_their_arms() -> None:
    """Today's design and the proposal in compare's figure: the control's and the
    treatment's colours, as a run of the same file draws its two arms."""
    from jobfirst_sim.decide.compare import CURRENT, PROPOSED
    from jobfirst_sim.report.compare import COLOURS

    assert COLOURS[CURRENT] == ARM_FIXED["control"]
    assert COLOURS[PROPOSED] == ARM_FIXED["treatment"]


def test_a_categories_lever_leaves_the_other_arm_as_the_common_reference() -> None:
    """``role_model`` (categories setting ``arms.jobfirst.…``) changes only JobFirst: the
    control arm is the sweep's common reference, drawn once in its arm's colour."""
    from jobfirst_sim.report.sweep_data import parameter_paths, untouched_arms

    bundle = {"arms.jobfirst.organisation.role_model": "makkerskab",
              "arms.jobfirst.organisation.jobformidler": True}
    manifest = {"parameters": {"levers": ["role_model", "arms.jobfirst.organisation.caseload"],
                               "uncertainties": []},
                "experiment_resolved": {"levers": {
                    "role_model": {"path": None, "categories": {"a": bundle, "b": bundle}},
                    "arms.jobfirst.organisation.caseload": {"path": None, "values": [30, 55],
                                                            "categories": None}}}}
    paths = parameter_paths(manifest)
    assert set(paths) == {*bundle, "arms.jobfirst.organisation.caseload"}
    assert untouched_arms(["jobfirst", "control"], paths) == {"control"}


def test_arms_of_one_point_differ_by_dash_when_every_arm_varies() -> None:
    """A parameter of every arm (a behaviour rate): each point wears one colour, its arms
    differ by their line's dash, so no two curves look alike."""
    from jobfirst_sim.report.sweep_figures import fig_sweep_weekly

    d = real_sweep_dirs()["factorial"]
    fig = fig_sweep_weekly(d, [0, 3], "en", parameters=["behaviour.conversion.rate"])
    looks = [(tr.line.color, tr.line.dash) for tr in as_go(fig).data]
    assert len(looks) == 4 and len(set(looks)) == 4
    assert len({c for c, _ in looks}) == 2 and len({dash for _, dash in looks}) == 2


def test_browser_bars_stay_within_what_a_share_can_be(tmp_path: Path) -> None:
    """Replications far apart give a t-interval past 100 % and below 0; the bar's error
    bar stops at what a share can be."""
    import shutil

    import pandas as pd

    import jobfirst_sim.app.browse as B

    run = tmp_path / "run"
    shutil.copytree(real_run_dir(), run)
    o = pd.read_parquet(run / "outcomes.parquet")
    spread = o["metric"].eq("share_with_hours_w78")
    o.loc[spread, "value"] = o.loc[spread, "replication"].map({0: 0.02, 1: 0.5, 2: 0.98})
    o.to_parquet(run / "outcomes.parquet", index=False)
    fig = as_go(B.outcome_compare([B.Entry("run", "a", run)], "share_with_hours_w78", "all",
                                  "all", "en"))
    assert fig.data
    for tr in fig.data:
        top = [m + e for m, e in zip(tr.y, tr.error_y.array, strict=True)]
        bottom = [m - e for m, e in zip(tr.y, tr.error_y.arrayminus, strict=True)]
        assert max(top) <= 1 + 1e-12 and min(bottom) >= -1e-12, (tr.name, top, bottom)
