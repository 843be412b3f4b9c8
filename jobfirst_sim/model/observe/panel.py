"""Person rows of one model run: the journey sample, the full panel, hours by week.

Why apart from the other tables: person rows are the only table whose size grows with
citizens × weeks, so they are read out of the recorder's store a block of citizens at a
time (:func:`panel_blocks`), and a pilot reads only the one boolean array it needs
(:func:`hours_by_week`). They read the World and the recorder and change nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from jobfirst_sim.model.observe.outcomes import cohorts
from jobfirst_sim.model.observe.recorder import Run
from jobfirst_sim.model.state import PURPOSE_NAMES, STAGES, STATUS_NAMES
from jobfirst_sim.scenario.schema import BENEFITS

PANEL_COLUMNS = (
    "replication", "arm", "municipality", "citizen_id", "benefit", "gender", "age", "week",
    "wage_hours", "placement_hours", "in_placement", "placement_purpose", "status",
    "self_efficacy", "mental_health", "contact_changes", "trust", "capacity", "stage",
    "company_sector", "start_week", "contact_id", "company_id", "job_entry_route",
    "weeks_on_benefit", "cohort",
)
JOB_ROUTES: tuple[str, ...] = ("", "placement", "own_job")
"""How the current ordinary hours began (``Citizens.job_route``): none, converted from a
placement, found by the citizen."""


def panel_frame(run: Run, rows: list[dict[str, np.ndarray]]) -> pd.DataFrame:
    """Person rows recorded week by week (the journey sample) as the documented columns."""
    if not rows:
        return pd.DataFrame({col: [] for col in PANEL_COLUMNS})
    cols = {k: np.concatenate([r[k] for r in rows]) for k in rows[0]}
    df = _person_frame(run, cols)
    return df.sort_values(["arm", "citizen_id", "week"], kind="stable").reset_index(drop=True)


def panel_blocks(run: Run, citizens_per_block: int = 1024
                 ) -> Iterator[pd.DataFrame]:
    """The full panel (``panel=True``) as frames of whole citizens, already in file order.

    File order is arm name, citizen, week -- what sorting the whole panel gave before --
    read straight from the recorder's citizen × week store, so at most one block of
    ``citizens_per_block`` citizens is ever a frame (the memory of a 100,000-citizen panel).
    """
    world = run.world
    store = run.recorder.panel_store
    if store is None:
        raise ValueError("this model was built without panel=True")
    c = world.citizens
    names = [a.name for a in world.spec.arms]
    rank = np.empty(len(names), np.int64)
    rank[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names))
    order = np.argsort(rank[c.arm], kind="stable")  # by arm name, then citizen id
    for start in range(0, order.size, citizens_per_block):
        ids = order[start:start + citizens_per_block]
        who, week = np.nonzero(store.seen[ids])  # row-major: citizen by citizen, weeks up
        rows = ids[who]
        cols = {"citizen_id": rows, "week": week.astype(np.int64),
                **{name: col[rows, week] for name, col in store.cols.items()}}
        if rows.size:
            yield _person_frame(run, cols)


def _person_frame(run: Run, cols: dict[str, np.ndarray]) -> pd.DataFrame:
    """Person rows (``citizen_id``, ``week`` and the recorder's fields) as panel columns."""
    world = run.world
    c = world.citizens
    ids = cols["citizen_id"]
    arms = np.array([a.name for a in world.spec.arms], dtype=object)
    munis = np.array([m.name for m in world.spec.municipalities], dtype=object)
    sectors = np.array([s.name for s in world.spec.labour_market.sectors] + [""],
                       dtype=object)
    comp = cols["company"]
    sec = np.where(comp >= 0, world.companies.sector[np.maximum(comp, 0)], len(sectors) - 1)
    purpose_names = np.array([PURPOSE_NAMES[k] for k in (0, 1, 2)] + [""], dtype=object)
    return pd.DataFrame({
        "replication": np.full(ids.size, world.replication, np.int64),
        "arm": arms[c.arm[ids]],
        "municipality": munis[c.municipality[ids]],
        "citizen_id": ids.astype(np.int64),
        "benefit": np.array([b.value for b in BENEFITS], dtype=object)[c.benefit[ids]],
        "gender": np.where(c.female[ids], "female", "male").astype(object),
        "age": np.floor(c.age[ids] + cols["week"] / 52.0).astype(np.int64),
        "week": cols["week"].astype(np.int64),
        "wage_hours": cols["wage_hours"],
        "placement_hours": cols["placement_hours"],
        "in_placement": cols["purpose"] >= 0,
        "placement_purpose": purpose_names[cols["purpose"]],
        "status": np.array(STATUS_NAMES, dtype=object)[cols["status"]],
        "self_efficacy": cols["self_efficacy"],
        "mental_health": cols["mental_health"],
        "contact_changes": cols["contact_changes"].astype(np.int64),
        "trust": cols["trust"],
        "capacity": cols["capacity"],
        "stage": np.array(["intake", *STAGES], dtype=object)[cols["stage"] + 1],
        "company_sector": sectors[sec],
        "start_week": c.start_week[ids].astype(np.int64),
        # the post of the primary contact: a successor takes over the same post, so a
        # change of person shows in contact_changes, not here
        "contact_id": c.contact_prof[ids].astype(np.int64),
        "company_id": comp.astype(np.int64),
        "job_entry_route": np.array(JOB_ROUTES, dtype=object)[cols["job_route"]],
        "weeks_on_benefit": c.weeks_on_benefit[ids].astype(np.int64),
        "cohort": cohorts(world)[ids],
    })


def hours_by_week(run: Run, citizens: np.ndarray, weeks: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Who of ``citizens`` has ordinary hours (wage hours > 0) in each of ``weeks`` since
    their own start, and each one's primary contact professional.

    Why: a pilot's power is computed from each citizen's outcome, week by week, and the
    caseload they sit in; the full panel frame (25 columns) would cost far more than this
    boolean array. Reads the panel store (``panel=True``) and changes nothing. The contact
    is the *post* (``Citizens.contact_prof``) given at the start: a successor takes over
    the same post, so it is the caseload the citizen starts in and stays in.

    Returns:
        ``(hours[len(citizens), len(weeks)], contact[len(citizens)])``.
    """
    world = run.world
    store = run.recorder.panel_store
    if store is None:
        raise ValueError("this model was built without panel=True")
    wage = store.cols["wage_hours"][np.ix_(citizens, weeks)]
    hours = (wage > 0) & store.seen[np.ix_(citizens, weeks)]
    return hours, world.citizens.contact_prof[citizens].astype(np.int64)
