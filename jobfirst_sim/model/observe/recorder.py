"""The weekly recorder: adds each week's citizens into (arm, benefit, week) cells.

Why aggregate as we go: collecting every agent every week (Mesa's DataCollector) grows
memory with agents × weeks. The recorder instead adds each week's citizens into
(arm, benefit, week-since-start) cells (calendar week in calendar mode) with ``bincount``
and keeps only the per-citizen counts the tables need (and the kroner each citizen was
paid or earned, priced by ``accounting.weekly_kroner``); the full panel is kept only when
asked for. It reads the World and writes only its own fields: outcomes that belong to
the citizen (hours in week 78, first weeks reached) are set by the week's stages.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from jobfirst_sim.model.observe.accounting import KRONER, WeeklyRates, weekly_kroner
from jobfirst_sim.model.observe.budget import BudgetBook
from jobfirst_sim.model.state import STATUS_NAMES, Stage
from jobfirst_sim.model.world import World
from jobfirst_sim.scenario.schema import BENEFITS

WEEKLY_SUMS = (
    "n",
    "wage_hours_any",
    "wage_hours",
    "in_placement",
    *(f"status_{s}" for s in STATUS_NAMES),
    "self_efficacy",
    "mental_health",
    "trust",
    "capacity",
    "contacted",
    "contact_changed_ever",
    "known",
    "placement_fit",
    "job_fit",
)

_N_ROW = WEEKLY_SUMS.index("n")
_STATUS_ROW = WEEKLY_SUMS.index(f"status_{STATUS_NAMES[0]}")  # the statuses follow in order
_VALUE_ROWS = tuple(i for i, name in enumerate(WEEKLY_SUMS)
                    if name != "n" and not name.startswith("status_"))
"""Rows of ``WEEKLY_SUMS`` summed from the per-citizen values in ``Recorder.record``."""

PANEL_STORE: tuple[tuple[str, type[np.generic]], ...] = (
    ("wage_hours", np.float64),
    ("placement_hours", np.float64),
    ("purpose", np.int8),
    ("status", np.int8),
    ("self_efficacy", np.float64),
    ("mental_health", np.float64),
    ("contact_changes", np.int32),
    ("trust", np.float64),
    ("capacity", np.float64),
    ("stage", np.int8),
    ("company", np.int32),
    ("job_route", np.int8),
)
"""Panel fields kept per citizen × week since start, in the narrowest lossless type.

Why: the panel of 100,000 citizens × 105 weeks is 10.5 million rows; kept as weekly lists
of int64/float64 arrays and then concatenated, sorted and turned into a frame it peaked at
7 GB. Stored here, a row costs 59 bytes, its place in the array is its citizen and week
(so nothing is sorted) and the tables read it out a block of citizens at a time."""


_STAGE_COLUMNS = np.arange(len(Stage))


class PanelStore:
    """The full panel of one run: ``cols[name][citizen, week since start]``."""

    def __init__(self, n: int, weeks: int) -> None:
        self.seen = np.zeros((n, weeks + 1), bool)
        self.cols = {name: np.zeros((n, weeks + 1), dtype) for name, dtype in PANEL_STORE}

    def put(self, row: dict[str, np.ndarray]) -> None:
        """Store one week's rows (``citizen_id`` and ``week`` say where)."""
        idx, s = row["citizen_id"], row["week"]
        self.seen[idx, s] = True
        for name, col in self.cols.items():
            col[idx, s] = row[name]


class Recorder:
    """Collects weekly aggregates and per-citizen outcomes of one model run."""

    def __init__(self, world: World, *, panel: bool, journeys_per_arm: int,
                 rng: np.random.Generator, weekly: bool = True) -> None:
        self.world = world
        self.weekly = weekly
        """Whether the weekly aggregates are kept (off for a run read only for its
        per-citizen outcomes: a variant of explain or Shapley)."""
        c = world.citizens
        self.weeks = world.spec.observed_weeks
        # trial cohorts are indexed by week since own start, calendar mode by model week
        self.calendar = world.spec.calendar is not None
        self.n_cells = len(world.spec.arms) * len(BENEFITS) * (self.weeks + 1)
        self.sums = np.zeros((len(WEEKLY_SUMS), self.n_cells))
        self.status_end = np.full(c.n, -1, np.int64)
        self.hours_end = np.full(c.n, np.nan)
        self.changes_end = np.zeros(c.n, np.int64)
        self.contact_weeks = np.zeros(c.n)
        self.observed_weeks = np.zeros(c.n)
        self.rates = WeeklyRates.of(world.spec.economics, c.benefit)
        self.kroner = np.zeros((len(KRONER), c.n))  # DKK per citizen over observed weeks
        self._week_kroner = np.empty((len(KRONER), c.n))  # this week's, reused
        spec = world.spec
        n_munis = len(spec.municipalities)
        before = (c.weeks_on_benefit if self.calendar else
                  np.full(c.n, spec.economics.refusion.trial_weeks_on_support, np.int64))
        self.book = BudgetBook(
            (c.arm * len(BENEFITS) + c.benefit) * n_munis + c.municipality,
            len(spec.arms) * len(BENEFITS) * n_munis, before, spec.economics.refusion.share)
        """Kroner and refusion by cell and budget year (:mod:`.budget`)."""
        self.panel = panel
        self.panel_store = PanelStore(c.n, self.weeks) if panel else None
        picks = []
        for a in range(len(world.spec.arms)):
            members = np.flatnonzero(c.arm == a)
            k = min(journeys_per_arm, members.size)
            picks.append(np.sort(rng.choice(members, k, replace=False)))
        self.journey_ids = np.concatenate(picks) if picks else np.zeros(0, np.int64)
        self.journey_rows: list[dict[str, np.ndarray]] = []

    def record(self, t: int) -> None:
        """Add this week's state to the aggregates (and the panel rows if asked)."""
        m, c = self.world, self.world.citizens
        s = t - c.start_week
        obs = (s >= 0) & (s <= self.weeks)
        idx = np.flatnonzero(obs)
        if idx.size == 0:
            return
        at = np.full(idx.size, t) if self.calendar else s[idx]
        if self.weekly:
            # every citizen has a cell; those not observed this week go to one spare cell
            # past the end that is dropped (no gathers; each cell still adds its citizens
            # in index order, as a bincount over the observed alone would)
            cell = (c.arm * len(BENEFITS) + c.benefit) * (self.weeks + 1) + (
                t if self.calendar else s)
            key = np.where(obs, cell, self.n_cells)
            size = self.n_cells + 1
            # counts (citizens, and per status) come from unweighted bincounts: the same
            # whole numbers as summing ones, in one pass for all statuses
            ns = len(STATUS_NAMES)
            self.sums[_N_ROW] += np.bincount(key, minlength=size)[:-1]
            self.sums[_STATUS_ROW:_STATUS_ROW + ns] += np.bincount(
                key * ns + c.status, minlength=size * ns)[:-ns].reshape(self.n_cells, ns).T
            values = [
                c.wage_hours > 0,
                c.wage_hours,
                c.company >= 0,
                c.self_efficacy,
                1.0 - c.mental_barrier,
                c.trust,
                c.capacity,
                m.contacted,
                c.contact_changes > 0,
                c.known,
                np.where(c.company >= 0, c.fit, 0.0),
                np.where(c.wage_hours > 0, c.job_fit, 0.0),
            ]
            for j, v in zip(_VALUE_ROWS, values, strict=True):
                self.sums[j] += np.bincount(key, weights=v, minlength=size)[:-1]
        end = idx[at == self.weeks]
        self.status_end[end] = c.status[end]
        self.hours_end[end] = c.wage_hours[end]
        self.changes_end[end] = c.contact_changes[end]
        # adding masks (0 for the unobserved): the same sums without gathers
        self.contact_weeks += m.contacted & obs
        self.observed_weeks += obs
        week = weekly_kroner(c.status, c.wage_hours, self.rates, out=self._week_kroner)
        week *= obs
        self.kroner += week
        self.book.add(t, obs, c.status, week)
        if self.panel_store is not None:
            self.panel_store.put(self._rows(idx, t))
        sampled = self.journey_ids[obs[self.journey_ids]]
        if sampled.size:
            self.journey_rows.append(self._rows(sampled, t))

    def _rows(self, idx: np.ndarray, t: int) -> dict[str, np.ndarray]:
        c = self.world.citizens
        sw = c.stage_week[idx]
        reached = (sw >= 0) & (sw <= t - c.start_week[idx, None])
        # the furthest stage reached (its column), -1 for none
        stage = np.where(reached, _STAGE_COLUMNS, -1).max(axis=1, initial=-1)
        return {
            "citizen_id": idx,
            "week": t - c.start_week[idx],
            "wage_hours": c.wage_hours[idx].copy(),
            "placement_hours": c.placement_hours[idx].copy(),
            "purpose": c.purpose[idx].copy(),
            "status": c.status[idx].copy(),
            "self_efficacy": c.self_efficacy[idx].copy(),
            "mental_health": 1.0 - c.mental_barrier[idx],
            "contact_changes": c.contact_changes[idx].copy(),
            "trust": c.trust[idx].copy(),
            "capacity": c.capacity[idx].copy(),
            "stage": stage,
            "company": np.where(c.job_company[idx] >= 0, c.job_company[idx], c.company[idx]),
            "job_route": np.where(c.wage_hours[idx] > 0, c.job_route[idx], 0),
        }


class Run(Protocol):
    """A finished run as the tables read it: its World and what its recorder kept.

    Why a protocol: the tables (``tables.py``, ``outcomes.py``, ``panel.py``) are handed
    the Mesa model (``JobcentreModel``) by their callers, yet must not import it (the
    model imports the recorder): anything with these two attributes will do.
    """

    @property
    def world(self) -> World: ...

    @property
    def recorder(self) -> Recorder: ...
