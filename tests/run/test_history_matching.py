"""History matching (jobfirst_sim.run.calibrate) on a toy simulator with known truth.

The toy: two parameters (``a`` on a log prior, ``b`` linear), three outputs, a smooth mean
plus Gaussian noise of sd ``NOISE`` drawn from the run's seed. The targets are the mean at
the truth, so a sound method must keep the truth and narrow the box around it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobfirst_sim.run.calibrate.emulator import Emulators, validate
from jobfirst_sim.run.calibrate.engine import HistoryMatch, history_match
from jobfirst_sim.run.calibrate.space import Prior, PriorBox, Region, latin_hypercube
from jobfirst_sim.run.calibrate.targets import Target, combined, implausibility
from jobfirst_sim.run.calibrate.waves import Settings

NOISE = 0.02
BOX = PriorBox((Prior("a", 0.2, 5.0, "log"), Prior("b", -1.0, 1.0)))
FAST = Settings(seed=3, design_size=12, candidates=3000, ensemble_size=15, max_waves=3,
                min_waves=2, gp_restarts=1, chunk=5)


def toy_mean(p: Mapping[str, float]) -> dict[str, float]:
    la, b = math.log(p["a"]), p["b"]
    return {"y1": la + b, "y2": la - b, "y3": math.sin(2 * b) * p["a"]}


def toy(p: Mapping[str, float], seed: int) -> dict[str, float]:
    """The toy simulator (module level: it must pickle for the process executor)."""
    rng = np.random.default_rng(seed)
    return {k: v + NOISE * rng.standard_normal() for k, v in toy_mean(p).items()}


class FailingToy:
    """The toy, but it raises at its ``fail_at``-th call: a kill in the middle of a wave."""

    def __init__(self, fail_at: int) -> None:
        self.fail_at = fail_at
        self.calls = 0

    def __call__(self, p: Mapping[str, float], seed: int) -> dict[str, float]:
        self.calls += 1
        if self.calls == self.fail_at:
            raise KeyboardInterrupt
        return toy(p, seed)


def targets_at(truth: Mapping[str, float]) -> list[Target]:
    return [Target(k, v, 0.02**2, 0.02**2) for k, v in toy_mean(truth).items()]


def truth_implausibility(result: HistoryMatch, targets: list[Target],
                         truth: Mapping[str, float]) -> list[float]:
    u = BOX.to_unit(np.array([[truth["a"], truth["b"]]]))
    out = []
    for wave in result.waves:
        mean, var = wave.emulators.predict(u)
        imp = implausibility(targets, mean, var, wave.emulators.noise_var)
        out.append(float(combined(imp)[0]))
    return out


@settings(max_examples=4, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=st.floats(0.4, 3.0), b=st.floats(-0.7, 0.7))
def test_the_truth_is_never_ruled_out_and_the_range_narrows(
        tmp_path_factory: pytest.TempPathFactory, a: float, b: float) -> None:
    truth = {"a": a, "b": b}
    targets = targets_at(truth)
    result = history_match(toy, BOX, targets, tmp_path_factory.mktemp("hm"), FAST,
                           progress=False)
    assert result.finished and len(result.waves) >= 2
    assert max(truth_implausibility(result, targets, truth)) <= FAST.cutoff
    final = result.waves[-1].next_region
    u = BOX.to_unit(np.array([[a, b]]))
    assert final.contains(u)[0], (final, u)
    assert final.volume < 0.1  # the box is a small part of the prior
    assert len(result.ensemble) == FAST.ensemble_size
    for name in BOX.names:
        share = result.diagnostics["parameters"][name]["share_of_prior_range"]
        assert 0 < share < 0.5, (name, share)


def test_emulator_variance_covers_held_out_runs_at_the_nominal_rate() -> None:
    rng = np.random.default_rng(11)
    region = Region.full(2)
    u_train = latin_hypercube(region, 40, rng)
    u_test = rng.random((200, 2))

    def outputs(u: np.ndarray, first_seed: int) -> np.ndarray:
        rows = [toy(p, first_seed + i) for i, p in enumerate(BOX.as_dicts(u))]
        return np.array([[r["y1"], r["y2"], r["y3"]] for r in rows])

    em = Emulators.fit(region, ["y1", "y2", "y3"], u_train, outputs(u_train, 0),
                       random_state=0)
    check = validate(em, u_test, outputs(u_test, 10_000))
    assert check["n"] == 200
    assert check["within_2sd"] >= 0.9, check
    assert check["within_3sd"] >= 0.97, check
    # the noise estimate is of the right size for the outputs the GP can follow
    assert 0.25 * NOISE**2 < em.noise_var[0] < 4 * NOISE**2, em.noise_var


def test_serial_and_process_executors_give_the_same_ensemble(tmp_path: Path) -> None:
    targets = targets_at({"a": 1.7, "b": -0.3})
    serial = history_match(toy, BOX, targets, tmp_path / "s", FAST, progress=False)
    process = history_match(toy, BOX, targets, tmp_path / "p", FAST, executor="process",
                            workers=2, progress=False)
    assert len(serial.ensemble) == FAST.ensemble_size
    pd.testing.assert_frame_equal(serial.ensemble, process.ensemble, check_exact=True)
    assert serial.diagnostics == process.diagnostics


def test_every_member_is_confirmed_by_its_own_simulator_run(tmp_path: Path) -> None:
    targets = targets_at({"a": 1.2, "b": 0.5})
    result = history_match(toy, BOX, targets, tmp_path, FAST, progress=False)
    members = result.ensemble
    assert len(members) == FAST.ensemble_size
    assert members["weight"].tolist() == pytest.approx([1 / len(members)] * len(members))
    noise = result.waves[-1].emulators.noise_var
    for row in members.itertuples():
        run = toy({"a": row.a, "b": row.b}, int(row.seed))
        outputs = np.array([[run["y1"], run["y2"], run["y3"]]])
        assert outputs[0].tolist() == [row.y1, row.y2, row.y3]  # a real run, not the emulator
        imp = implausibility(targets, outputs, np.zeros_like(outputs), noise)
        assert combined(imp)[0] <= FAST.cutoff
    stored = pd.read_parquet(tmp_path / "ensemble.parquet")
    pd.testing.assert_frame_equal(stored, members, check_exact=True)


def test_a_stopped_calibration_resumes_after_its_last_wave(tmp_path: Path) -> None:
    targets = targets_at({"a": 0.8, "b": 0.4})
    whole = history_match(toy, BOX, targets, tmp_path / "whole", FAST, progress=False)
    first = history_match(toy, BOX, targets, tmp_path / "cut", FAST, stop_after_wave=1,
                          progress=False)
    assert not first.finished and len(first.waves) == 1 and first.ensemble.empty
    assert (tmp_path / "cut" / "wave-01.json").exists()
    assert not (tmp_path / "cut" / "wave-02").exists()
    again = history_match(toy, BOX, targets, tmp_path / "cut", FAST, progress=False)
    assert again.finished
    pd.testing.assert_frame_equal(whole.ensemble, again.ensemble, check_exact=True)


def test_a_killed_calibration_reruns_only_the_unfinished_runs(tmp_path: Path) -> None:
    targets = targets_at({"a": 2.5, "b": 0.1})
    whole = history_match(toy, BOX, targets, tmp_path / "whole", FAST, progress=False)
    runs_in_wave_1 = FAST.design_size + round(FAST.design_size * FAST.validation_share)
    killed = FailingToy(fail_at=runs_in_wave_1 + 7)  # in wave 2's second chunk
    with pytest.raises(KeyboardInterrupt):
        history_match(killed, BOX, targets, tmp_path / "cut", FAST, progress=False)
    restarted = FailingToy(fail_at=-1)
    again = history_match(restarted, BOX, targets, tmp_path / "cut", FAST, progress=False)
    pd.testing.assert_frame_equal(whole.ensemble, again.ensemble, check_exact=True)
    total = sum(len(pd.read_parquet(f)) for f in (tmp_path / "whole").glob("*/runs-*.parquet"))
    # the restart ran everything but wave 1 and wave 2's first chunk (5 runs)
    assert restarted.calls == total - runs_in_wave_1 - FAST.chunk


def test_a_folder_with_other_settings_is_not_resumed(tmp_path: Path) -> None:
    targets = targets_at({"a": 1.0, "b": 0.0})
    history_match(toy, BOX, targets, tmp_path, FAST, stop_after_wave=1, progress=False)
    other = Settings(**{**FAST.__dict__, "seed": 4})
    with pytest.raises(ValueError, match="other settings"):
        history_match(toy, BOX, targets, tmp_path, other, progress=False)


def test_log_prior_round_trip_and_bounds() -> None:
    p = Prior("m", 0.5, 2.0, "log")
    assert p.to_unit(np.array([0.5, 1.0, 2.0])).tolist() == pytest.approx([0, 0.5, 1])
    assert p.from_unit(np.array([0.5]))[0] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="low > 0"):
        Prior("m", 0.0, 1.0, "log")
    with pytest.raises(ValueError, match="low < high"):
        Prior("m", 1.0, 1.0)


def test_the_box_shrinks_to_the_padded_hull_within_itself() -> None:
    region = Region((0.0, 0.5), (1.0, 1.0))
    pts = np.array([[0.4, 0.6], [0.5, 0.7]])
    new = region.shrink_to(pts, pad=0.1)
    assert new.lower == pytest.approx((0.3, 0.55))
    assert new.upper == pytest.approx((0.6, 0.75))
    assert region.shrink_to(np.array([[0.0, 0.99]]), pad=0.1).upper[1] == 1.0
    assert region.shrink_to(np.empty((0, 2)), pad=0.1) == region


def test_implausibility_is_the_max_or_the_second_max() -> None:
    targets = [Target("x", 0.0, 1.0, 0.0), Target("y", 0.0, 0.5, 0.5)]
    mean = np.array([[3.0, 1.0], [-1.0, 4.0]])
    per = implausibility(targets, mean, np.zeros((2, 2)), np.array([0.0, 1.0]))
    assert per.ravel().tolist() == pytest.approx([3.0, 1 / math.sqrt(2), 1.0, 4 / math.sqrt(2)])
    assert combined(per).tolist() == pytest.approx([3.0, 4 / math.sqrt(2)])
    assert combined(per, rank=2).tolist() == pytest.approx([1 / math.sqrt(2), 1.0])
    with pytest.raises(ValueError, match="rank"):
        combined(per, rank=3)
