"""The executor layer: one API for serial, process and Dask; results keyed, never ordered
by chance; failures reported per task (tables identical on every executor: test_study.py)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
import pytest

from jobfirst_sim.run.executors import (
    Done,
    TaskFailed,
    choose_executor,
    execute,
    open_executor,
    run_all,
)


@dataclass(frozen=True)
class Square:
    """A picklable task: square ``n``; ``n == 13`` fails."""

    n: int

    @property
    def key(self) -> int:
        return self.n


def square(task: Square) -> int:
    if task.n == 13:
        raise ValueError("thirteen is unlucky")
    return task.n * task.n


def digest(df: pd.DataFrame) -> str:
    return hashlib.sha256(pd.util.hash_pandas_object(df, index=False).values.tobytes()).hexdigest()


@pytest.mark.slow
@pytest.mark.parametrize("executor", ["serial", "process"])
def test_results_come_back_keyed_and_failures_are_reported(executor: str) -> None:
    done = list(execute(square, [Square(n) for n in (2, 13, 3)], executor=executor,  # type: ignore[arg-type]
                        workers=2))
    by_key = {d.key: d for d in done}
    assert sorted(by_key) == [2, 3, 13]
    assert by_key[2].value == 4 and by_key[3].value == 9 and by_key[2].ok
    assert not by_key[13].ok and by_key[13].value is None
    assert "thirteen is unlucky" in (by_key[13].error or "")


def test_run_all_raises_the_task_error_serially_and_taskfailed_in_workers() -> None:
    tasks = [Square(n) for n in (1, 13)]
    with pytest.raises(ValueError, match="unlucky"):
        run_all(square, tasks, executor="serial")
    with pytest.raises(TaskFailed, match="unlucky") as info:
        run_all(square, tasks, executor="process", workers=2)
    assert info.value.key == 13


def test_one_executor_serves_several_batches_and_sees_each_result() -> None:
    seen: list[Done[Square, int]] = []
    with open_executor("process", workers=2) as runner:
        first = runner.run_all(square, [Square(n) for n in range(4)], on_done=seen.append)
        second = runner.run_all(square, [Square(n) for n in range(4, 6)])
        pool = runner._pool
        assert pool is not None  # the same pool served both batches
    assert first == {0: 0, 1: 1, 2: 4, 3: 9} and second == {4: 16, 5: 25}
    assert sorted(d.key for d in seen) == [0, 1, 2, 3]


def test_unknown_executor_is_refused() -> None:
    with pytest.raises(ValueError, match="serial"):
        list(execute(square, [Square(1)], executor="threads"))  # type: ignore[arg-type]


def test_default_executor_is_in_process_for_one_worker_or_one_task() -> None:
    assert choose_executor(None, 1, 10) == "serial"
    assert choose_executor(None, 4, 1) == "serial"
    assert choose_executor(None, 4, 10) == "process"
    assert choose_executor("serial", 4, 10) == "serial"
    assert choose_executor(None, 1, 10, scheduler="tcp://127.0.0.1:8786") == "dask"
