"""The study spine (run/study.py): the one place executor equivalence is tested.

Every command (run, compare, explain, Shapley, pilot, the workshop) runs its designs ×
replications through :mod:`jobfirst_sim.run.study`, so "the tables do not depend on where
or in which order the runs happen" is checked here once: serially, in two worker
processes, in reversed task order and on a loopback Dask cluster, two designs, every table.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Sequence
from typing import Any

import pandas as pd
import pytest
from small import small_trial

from jobfirst_sim.run import study
from jobfirst_sim.run.replicate import KeepRun
from jobfirst_sim.run.simulate import TABLES, RunTables, simulate
from jobfirst_sim.run.study import Part, Run, StudyRequest, open_study, run_study
from jobfirst_sim.scenario.ensemble import Ensemble, Member, defaults_only
from jobfirst_sim.scenario.schema import Scenario

SEED = 99


def digest(df: pd.DataFrame) -> str:
    return hashlib.sha256(pd.util.hash_pandas_object(df, index=False).values.tobytes()).hexdigest()


@pytest.fixture(scope="module")
def designs() -> dict[Hashable, Scenario]:
    """Two designs of the same citizens (the second changes a lever of the JobFirst arm)."""
    return {"base": small_trial(60, 20, weeks=30),
            "other": small_trial(60, 20, weeks=30,
                                 **{"arms.jobfirst.practice.followup_interval_weeks": 4})}


def fingerprints(values: dict[Hashable, list[RunTables]]) -> dict[tuple[Hashable, str], str]:
    """One digest per design and table, replications stacked in the order returned."""
    return {(d, name): digest(getattr(RunTables.concat(reps), name))
            for d, reps in values.items() for name in TABLES}


@pytest.fixture(scope="module")
def serial(designs: dict[Hashable, Scenario]) -> dict[tuple[Hashable, str], str]:
    values, ran = run_study(StudyRequest(3, SEED, executor="serial"), designs, KeepRun())
    assert ran.executor == "serial" and ran.simulations == 6
    return fingerprints(values)


@pytest.mark.parametrize(("executor", "workers"), [("process", 2), ("dask", 2)])
def test_every_executor_gives_the_serial_tables(designs: dict[Hashable, Scenario],
                                                serial: dict[tuple[Hashable, str], str],
                                                executor: Any, workers: int) -> None:
    values, ran = run_study(StudyRequest(3, SEED, workers, executor), designs, KeepRun())
    assert ran.executor == executor
    assert fingerprints(values) == serial


def test_reversed_task_order_gives_the_same_tables(designs: dict[Hashable, Scenario],
                                                   serial: dict[tuple[Hashable, str], str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    laid_out = study.tasks

    def reversed_tasks(parts: Sequence[Part[Any]], replications: int, seed: int,
                       members: Ensemble | None = None) -> list[Run]:
        return laid_out(parts, replications, seed, members)[::-1]

    monkeypatch.setattr(study, "tasks", reversed_tasks)
    order: list[tuple[Hashable, int, int]] = []
    values, _ = run_study(StudyRequest(3, SEED, executor="serial"), designs, KeepRun(),
                          on_done=lambda run, _: order.append(run.key))
    assert order[0] == ("other", 0, 2)  # the tasks did run last first
    assert fingerprints(values) == serial


def test_a_design_and_replication_is_the_model_run_of_its_seed(
        designs: dict[Hashable, Scenario]) -> None:
    """Replication r of any design is ``simulate(scenario, r, root seed)``: the design is
    not part of the seed (common random numbers) and the results come back in order."""
    values, _ = run_study(StudyRequest(2, SEED, executor="serial"), designs, KeepRun())
    for d, scenario in designs.items():
        pd.testing.assert_frame_equal(values[d][1].outcomes,
                                      simulate(scenario, 1, SEED).outcomes)


def test_parts_run_as_one_batch_with_their_own_replications(
        designs: dict[Hashable, Scenario]) -> None:
    seen: list[tuple[Hashable, int, int]] = []
    with open_study(StudyRequest(2, SEED, executor="serial"), planned=3) as s:
        got = s.run_parts([Part({"a": designs["base"]}, KeepRun()),
                           Part({"b": designs["other"]}, KeepRun(), replications=1)],
                          on_done=lambda run, _: seen.append(run.key))
    assert sorted(seen, key=str) == [("a", 0, 0), ("a", 0, 1), ("b", 0, 0)]
    assert [len(got["a"]), len(got["b"])] == [2, 1]
    assert s.result.simulations == 3


def test_no_seed_is_the_scenarios_run_seed(designs: dict[Hashable, Scenario]) -> None:
    """The recipe of `jobfirst run`: the scenario's run.seed when none is given."""
    base = designs["base"]
    with open_study(StudyRequest(1), planned=1, scenario=base) as s:
        pass
    assert base.run.seed is not None and s.request.root_seed == base.run.seed


def test_a_one_member_ensemble_of_the_defaults_runs_exactly_the_designs(
        designs: dict[Hashable, Scenario], serial: dict[tuple[Hashable, str], str]) -> None:
    values, _ = run_study(StudyRequest(3, SEED, executor="serial", members=defaults_only()),
                          designs, KeepRun())
    assert fingerprints(values) == serial


def test_members_are_a_third_axis_in_member_major_order(
        designs: dict[Hashable, Scenario]) -> None:
    """Member k's replication r is the run of the design with member k's behaviour put in,
    with replication r's seed (the same under every member: common random numbers)."""
    ensemble = Ensemble((Member(0, 0.5, (("behaviour.conversion.rate", 0.02),)),
                         Member(1, 0.5, (("behaviour.conversion.rate", 0.3),))))
    keys: list[tuple[Hashable, int, int]] = []
    values, ran = run_study(StudyRequest(2, SEED, executor="serial", members=ensemble),
                            designs, KeepRun(), on_done=lambda run, _: keys.append(run.key))
    assert ran.simulations == len(designs) * 2 * 2
    name = next(iter(designs))
    got = values[name]
    assert len(got) == 4
    for position, member in enumerate(ensemble.members):
        scenario = member.apply(designs[name])
        assert scenario.behaviour.conversion.rate == member.value("behaviour.conversion.rate")
        for r in range(2):
            alone = simulate(scenario, r, SEED)
            assert digest(got[position * 2 + r].outcomes) == digest(alone.outcomes)
    assert digest(got[0].outcomes) != digest(got[2].outcomes)  # the members differ
    assert (name, 1, 0) in keys
