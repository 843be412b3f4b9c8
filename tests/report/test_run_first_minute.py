"""The run report's and the terminal's first minute: "Kort fortalt / In short" against the
declared baseline arm (paired over the same replications), levels only without one, a key
figure table for any scenario with intervals inside the metric's bounds, the plain
few-replications warning, and trial marks only for the trial replica."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from small import small_trial

from jobfirst_sim.report.headline import in_short, per_replication
from jobfirst_sim.report.run_overview import (
    baseline_arm,
    compares_with_trial,
    in_short_html,
    key_rows,
)
from jobfirst_sim.run.replicate import summarise, target_check
from jobfirst_sim.stats import paired_difference


def _outcomes(values: dict[str, list[float]], metric: str = "share_with_hours_w78",
              benefit: str = "kontanthjaelp") -> pd.DataFrame:
    rows = [{"replication": r, "arm": arm, "benefit": b, "municipality": "all",
             "metric": metric, "value": v}
            for arm, vals in values.items() for r, v in enumerate(vals)
            for b in (benefit, "all")]
    return pd.DataFrame(rows)


def _manifest(roles: dict[str, str], reps: int) -> dict[str, object]:
    return {"scenario": {"name": "x", "arms": [{"name": a, "role": r} for a, r in roles.items()]},
            "replications": reps}


# replications vary a lot together (common seeds): pairing makes the difference sharp
DESIGN = [0.10, 0.30, 0.20, 0.40, 0.15, 0.25, 0.35, 0.05, 0.45, 0.22, 0.31, 0.18]
BASE = [v - 0.05 + 0.001 * (i % 3) for i, v in enumerate(DESIGN)]


def test_headline_with_control_arm_is_a_paired_difference_in_points() -> None:
    out = _outcomes({"forslag": DESIGN, "idag": BASE})
    lines = in_short(out, ["forslag", "idag"], "idag", "da", str.capitalize)
    share = [ln for ln in lines if ln.group == "kontanthjaelp"]
    assert len(share) == 1
    text = share[0].text
    diff = paired_difference(BASE, DESIGN)
    assert text.startswith("Forslag: ") and "mod" in text and "i Idag" in text
    assert "pct.-point, 95 %-interval" in text
    low = re.search(r"95 %-interval (\S+)–(\S+)\)", text)
    assert low is not None
    assert float(low.group(1).replace(",", ".")) == pytest.approx(100 * diff.low, abs=0.06)
    # paired: the interval is far narrower than the spread of either arm
    assert diff.high - diff.low < 0.01 < float(np.std(DESIGN))


def test_headline_english_and_no_line_for_the_baseline_itself() -> None:
    out = _outcomes({"a": DESIGN, "b": DESIGN, "base": BASE})
    lines = in_short(out, ["a", "b", "base"], "base", "en", str)
    assert {ln.text.split(":")[0] for ln in lines} == {"a", "b"}
    assert all("\u00a0pp" in ln.text and " vs " in ln.text for ln in lines)


def test_no_control_arm_gives_levels_only_and_says_so() -> None:
    manifest = _manifest({"control": "treatment", "other": "alternative"}, 12)
    assert baseline_arm(manifest) is None  # a name is never read as a role
    out = _outcomes({"control": DESIGN, "other": BASE})
    html = in_short_html(out, manifest, ["control", "other"], "da")
    assert "ingen basisarm" in html and "pct.-point" not in html
    lines = in_short(out, ["control", "other"], None, "en", str)
    assert len(lines) == 4 and all("interval" in ln.text and " vs " not in ln.text
                                   for ln in lines)


@pytest.mark.parametrize(("reps", "warned"), [(2, True), (9, True), (10, False), (20, False)])
def test_few_replications_warning(reps: int, warned: bool) -> None:
    out = _outcomes({"a": DESIGN[:reps] * (1 + reps // 12), "b": BASE[:reps] * (1 + reps // 12)})
    out = out[out["replication"] < reps]
    html = in_short_html(out, _manifest({"a": "treatment", "b": "control"}, reps),
                         ["a", "b"], "da")
    assert ("few-replications" in html) is warned


def test_key_figures_for_any_scenario_keep_shares_in_bounds() -> None:
    # two replications far apart: the raw t-interval runs far outside 0-100 %
    out = _outcomes({"a": [0.02, 0.98], "b": [0.5, 0.51]})
    rows = key_rows(out, ["a", "b"], "en")
    assert rows and rows[0][0] == ("Share with ordinary hours in the citizen's own week 78 – "
                                   "Cash benefit")
    for row in rows:
        for cell in row[1:]:
            for num in re.findall(r"[−-]?\d+\.\d", str(cell)):
                assert 0.0 <= float(num.replace("−", "-")) <= 100.0, cell


def test_per_replication_reads_the_national_row() -> None:
    out = _outcomes({"a": [0.1, 0.2]})
    extra = out.assign(municipality="Aarhus", value=9.0)
    got = per_replication(pd.concat([out, extra]), "a", "share_with_hours_w78", "all")
    assert list(got) == [0.1, 0.2]


def test_trial_checks_only_for_the_trial_replica() -> None:
    from jobfirst_sim.run.replicate import run_replications

    whatif = small_trial(n_kh=30, n_rf=10, weeks=80, **{"run.compare_with_trial": False})
    trial = small_trial(n_kh=30, n_rf=10, weeks=80)
    assert trial.run.compare_with_trial and not whatif.run.compare_with_trial
    summary = summarise(run_replications(whatif, 1, 3).outcomes)
    assert target_check(summary, whatif) == []
    assert {c["id"] for c in target_check(summary, trial)} >= {"T1", "T2"}
    assert compares_with_trial({"scenario": {"run": {"compare_with_trial": True}}})
    assert not compares_with_trial({"scenario": {"run": {}}})


def test_shipped_what_ifs_do_not_compare_with_the_trial() -> None:
    from jobfirst_sim.scenario import load_scenario

    root = Path(__file__).resolve().parents[2] / "scenarios"
    assert load_scenario(root / "jobfirst_trial.yaml").run.compare_with_trial
    for name in ("bum_caseload70", "trial_flat_caseloads", "makkerskab_41"):
        assert not load_scenario(root / f"{name}.yaml").run.compare_with_trial, name


def test_terminal_summary_survives_a_missing_model_value(tmp_path: Path) -> None:
    import json

    from jobfirst_sim.report.run_overview import terminal_summary

    out = _outcomes({"a": DESIGN, "b": BASE})
    out.to_parquet(tmp_path / "outcomes.parquet")
    manifest = {**_manifest({"a": "treatment", "b": "control"}, 12), "root_seed": 3}
    manifest["scenario"]["run"] = {"compare_with_trial": True}  # type: ignore[index]
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    checks = [{"id": "T4b", "metric": "placement13_with_hours_share", "arm": "a",
               "benefit": "all", "target": 1 / 3, "model": None, "within": False}]
    (tmp_path / "summary.json").write_text(json.dumps({"targets": checks}), encoding="utf-8")
    text = terminal_summary(tmp_path, "da")
    assert "[OFF] T4b" in text and "–" in text and "Kort fortalt:" in text
