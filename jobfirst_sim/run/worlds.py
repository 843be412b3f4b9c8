"""Run a file's arms as alternatives: each design in its own world, tables as one run's.

Why: a scenario whose arms are alternatives (``arms_mode: alternatives``,
:mod:`jobfirst_sim.scenario.arms_mode`) asks "what happens under this design, or under that
one?" -- not "what happens when both run side by side on the same companies". ``jobfirst
run`` then simulates one world per arm, built by the decide room exactly as ``compare``,
``explain`` and ``pilot`` build theirs (:func:`jobfirst_sim.decide.worlds.alternative_worlds`),
with the same root seed and replication numbers, so the run's arm difference is the
comparison's to the last digit. Each world holds one arm (often the baseline arm's
citizens under another design, so named like the baseline): its rows are renamed to the
arm the world stands for, and the worlds' tables are stacked replication by replication as
a one-world run's are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from jobfirst_sim.run.simulate import TABLES, RunTables

__all__ = ["merged", "renamed"]


def renamed(tables: RunTables, arm: str) -> RunTables:
    """One world's tables with every row's ``arm`` set to the arm the world stands for."""
    out = {name: getattr(tables, name).assign(arm=arm) for name in TABLES}
    return RunTables(**out, panel=None if tables.panel is None
                     else tables.panel.assign(arm=arm))


def merged(per_world: Mapping[str, Sequence[RunTables]]) -> list[RunTables]:
    """Per run (member-major, replication order), the worlds' tables renamed and stacked in
    the scenario's arm order: the list a one-world run would give."""
    runs = len(next(iter(per_world.values()), ()))
    return [RunTables.concat([renamed(parts[i], arm) for arm, parts in per_world.items()])
            for i in range(runs)]
