"""A progress bar for sweeps: runs done / total, runs per minute, time remaining.

Why its own module: the sweep loop only calls ``advance``; whether a bar is drawn
(a terminal, not ``--quiet``) is decided here, so logs and CI output stay clean.
"""

from __future__ import annotations

import sys
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RunsPerMinuteColumn(ProgressColumn):
    """Rate in runs per minute (rich's speed is per second, over a sliding window)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("-- runs/min" if speed is None else f"{speed * 60:,.1f} runs/min")


class SweepProgress:
    """Context manager around :class:`rich.progress.Progress`, disabled off a TTY."""

    def __init__(self, total: int, completed: int, *, quiet: bool, label: str) -> None:
        console = Console(file=sys.stderr)
        self.enabled = not quiet and console.is_terminal
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[failed]} failed"),
            RunsPerMinuteColumn(),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=console,
            disable=not self.enabled,
        )
        self._task = self._progress.add_task(label, total=total, completed=completed, failed=0)
        self._failed = 0

    def __enter__(self) -> SweepProgress:
        self._progress.start()
        return self

    def advance(self, n: int, failed: int = 0) -> None:
        self._failed += failed
        self._progress.update(self._task, advance=n, failed=self._failed)

    def note(self, message: str) -> None:
        """Show a warning above the bar now, so a slow setup is seen before a long wait
        (off a terminal it only appears in the final report)."""
        if self.enabled:
            self._progress.console.print(f"[yellow]warning:[/] {message}", markup=True)

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.stop()
