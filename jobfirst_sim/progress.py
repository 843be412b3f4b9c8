"""One progress bar for long work (runs, explanations): rate and time left on a terminal.

Why shared: every long command should look the same to the user, and only a terminal gets
an animated bar; logs and CI get a single line instead of control characters.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

ProgressFn = Callable[[], None]


@contextlib.contextmanager
def progress_bar(total: int, description: str, enabled: bool = True) -> Iterator[ProgressFn]:
    """Yield a function to call once per finished unit of work.

    On a terminal (and ``enabled``) a rich bar with count, elapsed and remaining time; else
    one line on stderr when there is more than one unit, and nothing more.
    """
    if not (enabled and sys.stderr.isatty()):
        if enabled and total > 1:
            print(f"{description}: {total} ...", file=sys.stderr)
        yield lambda: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), TimeRemainingColumn(), transient=False) as bar:
        task = bar.add_task(description, total=total)
        yield lambda: bar.advance(task)
