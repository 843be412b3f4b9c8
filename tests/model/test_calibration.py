"""The shipped defaults are the fitted ones, and they reproduce the trial (cheap version).

The full check (>= 20 replications, the issue's tolerances) is `make demo`; its figures are
in docs/model.md. Here 4 replications of the full trial replica and tolerances about 1.5x
wider keep the test under a minute while still failing if the calibration drifts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobfirst_sim.run.replicate import run_replications, summarise, target_check
from jobfirst_sim.scenario import load_scenario
from jobfirst_sim.scenario.behaviour import FLAT_NAMES, Behaviour

ROOT = Path(__file__).resolve().parents[2]
FIT = ROOT / "experiments" / "calibration" / "fit.json"

WIDE = {  # (id, arm) -> tolerance for this cheap check
    ("T1", "jobfirst"): 0.035, ("T1", "control"): 0.035,
    ("T2", "jobfirst"): 1.1, ("T2", "control"): 0.8,
    ("T3", "jobfirst"): 0.045, ("T4", "jobfirst"): 0.09, ("T5", "jobfirst"): 4.0,
}


def test_defaults_are_the_fitted_parameters():
    fit = json.loads(FIT.read_text())
    defaults = Behaviour()
    for name, value in fit["params"].items():
        # fit.json keeps the short names; FLAT_NAMES places them in the nested section
        assert defaults.value(FLAT_NAMES[name]) == pytest.approx(value, rel=1e-3), name


@pytest.fixture(scope="module")
def checks() -> list[dict]:
    scen = load_scenario(ROOT / "scenarios" / "jobfirst_trial.yaml")
    tables = run_replications(scen, 4, 2024, workers=2)
    return target_check(summarise(tables.outcomes), scen)


@pytest.mark.slow
def test_the_defaults_reproduce_the_fit_exactly():
    """The fitted parameters with the calibration's scenario, seed and replications give
    the same moments, to the last digit (common random numbers; any change to the model
    since the fit shows up here). The shipped defaults are these parameters rounded
    (test above)."""
    import sys

    sys.path.insert(0, str(ROOT / "experiments" / "calibration"))
    import calibrate

    fit = json.loads(FIT.read_text())
    params = fit["params"]
    with calibrate.open_executor("process", workers=2) as runner:
        got = calibrate.moments(params, fit["replications_per_evaluation"], runner)
    for key, value in fit["moments"].items():
        assert got[key] == pytest.approx(value, rel=1e-9, abs=1e-12), key
    assert calibrate.misses(got) == fit["misses"]


@pytest.mark.slow
def test_trial_targets_cheap(checks):
    """Another seed: every target the fit meets stays within a band about 1.5x the
    tolerance; the ones it misses (fit.json ``misses``, reported in docs/model.md §11)
    are left to that report rather than asserted here."""
    missed = {tuple(k.split(":")[:2]) for k in json.loads(FIT.read_text())["misses"]}
    assert {c["id"] for c in checks} >= {"T1", "T2", "T3", "T4", "T4b", "T5"}
    for c in checks:
        if (c["id"], c["arm"]) in missed:
            continue
        if c["id"] == "T4b":  # "more than a third"; 4 replications: allow 3 points of noise
            assert c["model"] > 1 / 3 - 0.03, c
            continue
        tol = WIDE[(c["id"], c["arm"])]
        assert abs(c["model"] - c["target"]) <= tol, c


@pytest.mark.slow
def test_jobfirst_beats_control_on_hours(checks):
    by = {(c["id"], c["arm"]): c for c in checks}
    assert by[("T1", "jobfirst")]["model"] > by[("T1", "control")]["model"] + 0.03
    assert by[("T2", "jobfirst")]["model"] > by[("T2", "control")]["model"] + 0.8
