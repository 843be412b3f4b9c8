"""The per-run tables (weekly, outcomes, funnel, staff, companies, panel) of one model run.

Why apart from the recorder (``recorder.py``): the recorder runs every week and only
adds up; these functions run once at the end and turn its sums, the citizens' outcome
fields and the World's counters into the documented tables (docs/outputs.md). They read
the run (:class:`~jobfirst_sim.model.observe.recorder.Run`: its World and recorder) and
never change it. This module is where callers find every table builder: the outcomes
(``outcomes.py``) and the person rows (``panel.py``) are written beside it and named here.
In calendar mode the weekly table is indexed by calendar week (with its date).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from jobfirst_sim.model.observe.budget import BOOK_ROWS, WEEKS_PER_BUDGET_YEAR
from jobfirst_sim.model.observe.outcomes import citizen_frame, outcomes_table
from jobfirst_sim.model.observe.panel import (
    PANEL_COLUMNS,
    hours_by_week,
    panel_blocks,
    panel_frame,
)
from jobfirst_sim.model.observe.recorder import WEEKLY_SUMS, Run
from jobfirst_sim.model.state import ROLE_NAMES, Role, Stage
from jobfirst_sim.pooling import weekly_columns
from jobfirst_sim.scenario.behaviour import TASK_ORDER
from jobfirst_sim.scenario.schema import BENEFITS

__all__ = [
    "PANEL_COLUMNS",
    "budget_table",
    "citizen_frame",
    "companies_table",
    "funnel_table",
    "hours_by_week",
    "outcomes_table",
    "panel_blocks",
    "panel_frame",
    "staff_table",
    "weekly_table",
]


def weekly_table(run: Run) -> pd.DataFrame:
    """Time series per arm × benefit × week since start, or in calendar mode × calendar
    week with its ``date`` (the week's Monday) and ``n`` the citizens started by then
    (docs/outputs.md)."""
    world = run.world
    rec = run.recorder
    if not rec.weekly:
        raise RuntimeError("this run kept no weekly aggregates (weekly=False)")
    arms = [a.name for a in world.spec.arms]
    w = rec.weeks + 1
    cell = np.arange(rec.n_cells)
    sums = dict(zip(WEEKLY_SUMS, rec.sums, strict=True))
    n = sums["n"]
    df = pd.DataFrame({
        "replication": world.replication,
        "arm": np.array(arms, dtype=object)[cell // (len(BENEFITS) * w)],
        "benefit": np.array([b.value for b in BENEFITS], dtype=object)[
            (cell // w) % len(BENEFITS)],
        "week": cell % w,
        "n": n.astype(np.int64),
        **weekly_columns(sums),  # each metric as the registry declares it
    })
    cal = world.spec.calendar
    if cal is not None:
        df.insert(list(df.columns).index("week") + 1, "date",
                  pd.to_datetime([cal.monday(int(k)) for k in df["week"]]))
    return df[df["n"] > 0].reset_index(drop=True)


def budget_table(run: Run) -> pd.DataFrame:
    """Kroner by arm × benefit × municipality × budget year (:mod:`.budget`): the
    transfers, wages and the state's refusion of each transfer, and the staff cost of the
    year shared out like the outcomes' (by citizen-weeks observed within the arm ×
    municipality); ``year`` counts from 1 and ``weeks`` says how many of the run's weeks
    fall in it (the last year may be part of one)."""
    world = run.world
    book = run.recorder.book
    spec = world.spec
    arms = [a.name for a in spec.arms]
    munis = [m.name for m in spec.municipalities]
    nb, nm = len(BENEFITS), len(munis)
    cell = np.arange(book.n_cells)
    st = world.staff
    per_fte = np.array([getattr(spec.economics.staff_cost_per_fte, name)
                        for name in ROLE_NAMES])
    yearly = np.bincount(st.arm * nm + st.municipality, weights=st.fte * per_fte[st.role],
                         minlength=len(arms) * nm)  # DKK a year per arm × municipality
    frames = []
    for y, sums in enumerate(book.years):
        rows = dict(zip(BOOK_ROWS, sums, strict=True))
        weeks_run = min(WEEKS_PER_BUDGET_YEAR, world.week - y * WEEKS_PER_BUDGET_YEAR)
        am = (cell // (nb * nm)) * nm + cell % nm  # each cell's arm × municipality
        cw = rows["citizen_weeks"]
        am_weeks = np.bincount(am, weights=cw, minlength=len(arms) * nm)
        share = np.divide(cw, am_weeks[am], out=np.zeros_like(cw), where=am_weeks[am] > 0)
        frames.append(pd.DataFrame({
            "replication": world.replication,
            "arm": np.array(arms, dtype=object)[cell // (nb * nm)],
            # the group is ``benefit_group``: ``benefit`` is the book's kroner row (the
            # cash benefit paid), which used to overwrite a group column of that name
            "benefit_group": np.array([b.value for b in BENEFITS],
                                      dtype=object)[(cell // nm) % nb],
            "municipality": np.array(munis, dtype=object)[cell % nm],
            "year": y + 1, "weeks": max(weeks_run, 0), **rows,
            "staff": yearly[am] * max(weeks_run, 0) / WEEKS_PER_BUDGET_YEAR * share,
        }))
    if not frames:
        return pd.DataFrame(columns=["replication", "arm", "benefit_group", "municipality",
                                     "year", "weeks", *BOOK_ROWS, "staff"])
    return pd.concat(frames, ignore_index=True)


def funnel_table(run: Run) -> pd.DataFrame:
    """The case-flow funnel with the weeks cases lie at each stage [M §5]."""
    world = run.world
    c = world.citizens
    cal = world.spec.calendar
    # weeks each citizen is observed since own start (calendar mode: to the horizon)
    w = (cal.horizon_weeks - c.start_week if cal is not None
         else np.full(c.n, world.spec.run.weeks_followed, np.int64))
    sw = np.where(c.stage_week <= w[:, None], c.stage_week, -1)
    arms = [a.name for a in world.spec.arms]
    rows = []
    for a, arm in enumerate(arms):
        for b, benefit in enumerate(BENEFITS):
            sel = (c.arm == a) & (c.benefit == b)
            if not sel.any():
                continue
            x, w_sel = sw[sel], w[sel]
            prev = np.zeros(x.shape[0], np.int64)
            prev_ok = np.ones(x.shape[0], bool)
            for stage in Stage:
                k = int(stage)
                got = x[:, k] >= 0
                stalled = np.where(got, x[:, k] - prev, w_sel - prev)
                stalled = np.maximum(stalled[prev_ok], 0)
                rows.append({
                    "arm": arm, "benefit": benefit.value, "stage": stage.name, "order": k + 1,
                    "reached_share": float(got.mean()),
                    "mean_weeks_to_reach": float(x[got, k].mean()) if got.any() else np.nan,
                    "mean_weeks_stalled": float(stalled.mean()) if stalled.size else np.nan,
                    "stalled_share": float((prev_ok & ~got).mean()),
                })
                # the next stage counts from this one where reached, else from the last one
                prev = np.where(got, x[:, k], prev)
                # the agreement is optional (a design may make none): not a gate
                prev_ok = prev_ok & got if stage is not Stage.agreement else prev_ok
    df = pd.DataFrame(rows)
    df.insert(0, "replication", world.replication)
    return df


def staff_table(run: Run) -> pd.DataFrame:
    """Staff per arm, municipality and role: FTEs, caseload, the week's time use, handovers.

    Time use is hours per FTE and average week (over the run's weeks) given to each task
    (``hours_<task>``), the share of the task's demand that got time (``served_<task>``)
    and the hours no task asked for (``unused_hours``) — for a full caseload
    (``stages/time_budget.py``).
    """
    world = run.world
    st, c, rec = world.staff, world.citizens, run.recorder
    arms = [a.name for a in world.spec.arms]
    munis = [m.name for m in world.spec.municipalities]
    hours_per_contact = world.design.hours_per_contact
    weeks = max(world.week, 1)
    rows = []
    for a, arm in enumerate(arms):
        for mi, muni in enumerate(munis):
            sel_c = (c.arm == a) & (c.municipality == mi)
            n_cit = int(sel_c.sum())
            if n_cit == 0:
                continue
            cw = rec.observed_weeks[sel_c].sum()
            contact_h = rec.contact_weeks[sel_c].sum() * hours_per_contact[a]
            for r in np.unique(st.role[(st.arm == a) & (st.municipality == mi)]):
                sel = (st.arm == a) & (st.municipality == mi) & (st.role == r)
                primary = r == st.role[c.contact_prof[sel_c][0]]
                if primary:
                    handovers = float(st.handovers[sel].sum())
                elif r == Role.consultant:
                    handovers = float(world.referrals[mi, a])
                else:
                    handovers = 0.0
                fte = float(st.fte[sel].sum())
                served = st.time_served[sel].sum(axis=0)
                demand = st.time_demand[sel].sum(axis=0)
                net = float(st.net_hours[sel].sum())
                row = {
                    "arm": arm, "municipality": muni, "role": ROLE_NAMES[r],
                    "n_professionals": int(sel.sum()),
                    "fte": fte,
                    "mean_caseload": float(st.caseload[sel].mean()),
                    "net_hours_per_fte": net / fte,
                    "contact_hours_per_citizen_week": float(contact_h / cw) if primary and cw
                    else np.nan,
                    "handovers_per_100_citizens": 100.0 * handovers / n_cit,
                    "company_knowledge": float(st.knowledge[sel].mean())
                    if r in (Role.consultant, Role.jobformidler) else np.nan,
                    # hours at work that no task asked for (weeks away and vacancies excluded)
                    "unused_hours": (float(st.time_available[sel].sum()) - float(served.sum()))
                    / (fte * weeks),
                }
                for j, task in enumerate(TASK_ORDER):
                    row[f"hours_{task.value}"] = float(served[j]) / (fte * weeks)
                    row[f"served_{task.value}"] = (float(served[j] / demand[j]) if demand[j] > 0
                                                   else np.nan)
                rows.append(row)
    df = pd.DataFrame(rows)
    df.insert(0, "replication", world.replication)
    return df


TASK_LEVELS = ("simple", "medium", "demanding")


def companies_table(run: Run) -> pd.DataFrame:
    """Which sectors and kinds of task turn placements into paid hours."""
    world = run.world
    co, c = world.companies, world.citizens
    arms = [a.name for a in world.spec.arms]
    sectors = [s.name for s in world.spec.labour_market.sectors]
    level = np.minimum((co.task_level * 3).astype(np.int64), 2)
    group = co.sector * 3 + level
    n_groups = len(sectors) * 3
    companies = np.bincount(group, minlength=n_groups)
    rows = []
    for a, arm in enumerate(arms):
        stats = [np.bincount(group, weights=world.comp_stats[k, a], minlength=n_groups)
                 for k in range(3)]
        working = (c.arm == a) & (c.job_company >= 0)
        hours_end = np.bincount(group[c.job_company[working]], weights=c.wage_hours[working],
                                minlength=n_groups)
        for g in range(n_groups):
            rows.append({
                "arm": arm, "sector": sectors[g // 3], "task_level": TASK_LEVELS[g % 3],
                "companies": int(companies[g]), "placements": int(stats[0][g]),
                "placements_completed13": int(stats[1][g]), "conversions": int(stats[2][g]),
                "wage_hours_end": float(hours_end[g]),
            })
    df = pd.DataFrame(rows)
    df.insert(0, "replication", world.replication)
    return df
