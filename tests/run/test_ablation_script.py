"""The ablation script (experiments/ablation/ablation.py): every variant switches off what
it names, and switching off what is already off changes nothing (same seeds, same gap)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from small import small_trial

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "experiments" / "ablation"))

import ablation  # noqa: E402


def test_the_multipliers_are_the_schema_priors_with_a_neutral_value() -> None:
    from jobfirst_sim.scenario.priors import priors

    got = [r.path for r in ablation.multipliers()]
    assert got == [r.path for r in priors() if r.neutral is not None]
    assert "behaviour.conversion.hours_dialogue_effect" in got and len(got) >= 10


def test_each_variant_sets_what_it_names_to_neutral_and_nothing_else() -> None:
    rows = ablation.multipliers()
    scen = small_trial(n_kh=20, n_rf=5)
    todo = ablation.variants(rows)
    assert [v.key for v in todo] == ["full", *(r.path for r in rows), "all"]
    for v in todo:
        changed = v.apply(scen).behaviour
        for r in rows:
            inner = r.path.removeprefix("behaviour.")
            want = r.neutral if (v.key in (r.path, "all")) else scen.behaviour.value(inner)
            assert changed.value(inner) == want, (v.key, r.path)


def test_neutral_everywhere_already_gives_the_same_gap_in_every_variant() -> None:
    """A design in which every multiplier is already neutral: each variant is the same
    scenario on the same seeds, so every gap equals the full one exactly, the change is
    0 and the share kept 1."""
    rows = ablation.multipliers()
    scen = small_trial(n_kh=24, n_rf=6, **{r.path: r.neutral for r in rows})
    table = ablation.ablate(scen, replications=2, seed=11, rows=rows)
    out = table["rows"]
    assert [r["variant"] for r in out] == ["full", *["one"] * len(rows), "all"]
    assert table["arms"] == {"treatment": "jobfirst", "control": "control"}
    full = out[0]
    for row in out:
        for tid in ("T1", "T2"):
            assert row[tid]["gaps"] == full[tid]["gaps"], (row["path"], tid)
            assert row[tid]["change"] == 0.0
            assert row[tid]["kept"] == pytest.approx(1.0)
    assert all(g is not None for g in full["T1"]["gaps"])
    assert out[-1]["parameters"] == [r.path for r in rows]
    assert {r["path"]: r["neutral"] for r in out[1:-1]} == {r.path: r.neutral for r in rows}


def test_the_script_refuses_too_few_replications(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        ablation.main(["--reps", "1"])
    assert stop.value.code == 2
    assert "--reps must be at least 2" in capsys.readouterr().err
