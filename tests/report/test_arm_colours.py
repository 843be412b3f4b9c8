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
