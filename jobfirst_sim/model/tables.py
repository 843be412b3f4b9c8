"""The per-run tables (weekly, outcomes, funnel, staff, companies, panel) of one model run.

Why apart from the recorder (``recorder.py``): the recorder runs every week and only
adds up; these functions run once at the end and turn its sums, the citizens' outcome
fields and the model's counters into the documented tables (docs/outputs.md). They read
the model and never change it. Outcomes are indexed by week since each citizen's own
start, as in the trial's evaluation; in calendar mode the weekly table is indexed by
calendar week (with its date) and each citizen's follow-up ends at the horizon.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from jobfirst_sim.model.accounting import KRONER, staff_cost, staff_cost_per_citizen
from jobfirst_sim.model.recorder import WEEKLY_SUMS
from jobfirst_sim.model.state import (
    PURPOSE_NAMES,
    ROLE_NAMES,
    STAGES,
    STATUS_NAMES,
    Role,
    Stage,
)
from jobfirst_sim.scenario.behaviour import TASK_ORDER
from jobfirst_sim.scenario.schema import BENEFITS

if TYPE_CHECKING:
    from jobfirst_sim.model.jobcentre import JobcentreModel

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


def cohorts(model: JobcentreModel) -> np.ndarray:
    """Each citizen's cohort: ``trial`` (a trial cohort), or in calendar mode ``stock`` (on
    the caseload at the change) or ``inflow`` (arrived after it)."""
    c = model.citizens
    if model.spec.calendar is None:
        return np.full(c.n, "trial", dtype=object)
    out: np.ndarray = np.where(c.inflow, "inflow", "stock").astype(object)
    return out



def weekly_table(model: JobcentreModel) -> pd.DataFrame:
    """Time series per arm × benefit × week since start, or in calendar mode × calendar
    week with its ``date`` (the week's Monday) and ``n`` the citizens started by then
    (docs/outputs.md)."""
    rec = model.recorder
    if not rec.weekly:
        raise RuntimeError("this run kept no weekly aggregates (weekly=False)")
    arms = [a.name for a in model.spec.arms]
    w = rec.weeks + 1
    cell = np.arange(rec.n_cells)
    sums = dict(zip(WEEKLY_SUMS, rec.sums, strict=True))
    n = sums["n"]
    with np.errstate(invalid="ignore", divide="ignore"):
        df = pd.DataFrame({
            "replication": model.replication,
            "arm": np.array(arms, dtype=object)[cell // (len(BENEFITS) * w)],
            "benefit": np.array([b.value for b in BENEFITS], dtype=object)[
                (cell // w) % len(BENEFITS)],
            "week": cell % w,
            "n": n.astype(np.int64),
            "share_wage_hours": sums["wage_hours_any"] / n,
            "mean_wage_hours": sums["wage_hours"] / n,
            "mean_wage_hours_if_any": sums["wage_hours"] / sums["wage_hours_any"],
            "share_in_placement": sums["in_placement"] / n,
            **{f"share_{s}": sums[f"status_{s}"] / n for s in STATUS_NAMES},
            "mean_self_efficacy": sums["self_efficacy"] / n,
            "mean_mental_health": sums["mental_health"] / n,
            "mean_trust": sums["trust"] / n,
            "mean_capacity": sums["capacity"] / n,
            "share_contacted": sums["contacted"] / n,
            "share_contact_changed_ever": sums["contact_changed_ever"] / n,
            "mean_known": sums["known"] / n,
            "mean_placement_fit": sums["placement_fit"] / sums["in_placement"],
            "mean_job_fit": sums["job_fit"] / sums["wage_hours_any"],
        })
    cal = model.spec.calendar
    if cal is not None:
        df.insert(list(df.columns).index("week") + 1, "date",
                  pd.to_datetime([cal.monday(int(k)) for k in df["week"]]))
    return df[df["n"] > 0].reset_index(drop=True)


def in_project(first_week: np.ndarray, project_weeks: int | None) -> np.ndarray:
    """Whether an outcome first reached in model week ``first_week`` (-1 never) counts in the
    project window: before the project's end, or at all when no end is given.

    Why: the trial reports some figures "during the project" (March 2016 - December 2017),
    so a citizen who started late was observed for less than their 104 follow-up weeks.
    """
    reached = first_week >= 0
    if project_weeks is None:
        return reached
    return reached & (first_week < project_weeks)


Columns = dict[str, np.ndarray]
"""Per-citizen outcome columns, one array each, aligned by citizen (or a group's rows)."""


def citizen_columns(model: JobcentreModel) -> Columns:
    """One entry per citizen with the outcomes the targets need; ``arm``, ``benefit`` and
    ``municipality`` are the model's integer codes.

    Why arrays and not a frame: every decision variant (explain, Shapley, compare, pilot)
    reads its outcomes from here, and the metrics over plain arrays cost a fraction of
    the same sums over pandas slices.
    """
    c, rec = model.citizens, model.recorder
    project = model.spec.run.project_weeks
    cal = model.spec.calendar
    # the last week of each citizen's follow-up (calendar mode: the horizon for everyone)
    end_week = (np.full(c.n, cal.horizon_weeks - 1, np.int64) if cal is not None
                else c.start_week + model.spec.run.weeks_followed - 1)
    kroner = dict(zip(KRONER, rec.kroner, strict=True))
    return {
        "arm": c.arm,
        "benefit": c.benefit,
        "municipality": c.municipality,
        "hours_w78": c.hours_w78,
        "hours_end": rec.hours_end,
        "ever_hours": in_project(c.first_hours_week, project),
        "ever_hours_followup": c.first_hours_week >= 0,
        "placement13": c.placement13_week >= 0,
        "placement13_with_hours": c.placement13_hours_week >= 0,
        "placement13_project": in_project(c.placement13_week, project),
        "placement13_with_hours_project": in_project(c.placement13_hours_week, project),
        "contact_changes": rec.changes_end,
        "status_end": rec.status_end,
        "start_week": c.start_week,
        "first_hours_week": c.first_hours_week,
        "first_change_week": c.first_change_week,
        "end_week": end_week,
        "weeks_on_benefit": c.weeks_on_benefit,
        "cohort": cohorts(model),
        **{f"dkk_{k}": v for k, v in kroner.items()},
        "dkk_staff": staff_kroner(model),
    }


def citizen_frame(model: JobcentreModel) -> pd.DataFrame:
    """:func:`citizen_columns` as a frame, with arm, benefit and municipality by name (for
    analyses of individual citizens, e.g. ``experiments/validation/patterns.py``)."""
    cols = citizen_columns(model)
    names = {
        "arm": [a.name for a in model.spec.arms],
        "benefit": [b.value for b in BENEFITS],
        "municipality": [m.name for m in model.spec.municipalities],
    }
    return pd.DataFrame({**cols, **{k: np.array(v, dtype=object)[cols[k]]
                                    for k, v in names.items()}})


def staff_kroner(model: JobcentreModel) -> np.ndarray:
    """Each citizen's share of the staff cost of their arm × municipality over the run's
    weeks (DKK), shared by citizen-weeks observed (:func:`.accounting.staff_cost_per_citizen`)."""
    st, c = model.staff, model.citizens
    n_munis = len(model.spec.municipalities)
    cost = staff_cost(st.fte, st.role, model.week, model.spec.economics)
    return staff_cost_per_citizen(cost, st.arm * n_munis + st.municipality,
                                  c.arm * n_munis + c.municipality,
                                  model.recorder.observed_weeks)


DKK_METRICS = ("benefit", "wages", "flexjob", "pension", "staff")
"""The kroner per citizen the outcomes report (``dkk_<name>_per_citizen``), besides the net."""


def _kroner_metrics(g: Columns) -> dict[str, float]:
    """Mean kroner per citizen over their observed weeks, and the net public cost: staff,
    benefit, flexjob subsidy and pension (wages are the citizen's, and taxes on them are not
    counted: docs/model.md, "Kroner")."""
    out = {f"dkk_{k}_per_citizen": _mean(g[f"dkk_{k}"]) for k in DKK_METRICS}
    out["dkk_public_net_per_citizen"] = (
        out["dkk_staff_per_citizen"] + out["dkk_benefit_per_citizen"]
        + out["dkk_flexjob_per_citizen"] + out["dkk_pension_per_citizen"])
    return out


HAZARD_BIN_WEEKS = 13
"""Width of the time-since-start strata of :func:`hours_hazard_ratio_after_change`."""


def hours_hazard_ratio_after_change(g: Columns) -> float:
    """Weekly chance of first ordinary hours after a change of contact person, relative to
    the same weeks since start without (yet) a change; NaN when there is nothing to compare.

    Why this estimator: changes happen later in a spell, when the chance of hours is higher
    anyway, so a crude before/after ratio would credit the change with the passing of time.
    Counting events per week at risk within 13-week strata of time since start and pooling
    the strata (Mantel-Haenszel rate ratio) compares like with like — the sense in which
    the BIP study reports the job chance after a change.
    """
    s0, fh = g["start_week"], g["first_hours_week"]
    fc, end = g["first_change_week"], g["end_week"]
    hours_at = np.where(fh >= 0, fh, end + 1) - s0  # weeks since start; past the end if never
    last = end + 1 - s0
    change_at = np.where((fc >= 0) & (fc <= end), fc - s0, last)
    stop = np.minimum(hours_at, last)
    # the strata as columns: exposure (weeks at risk) before and after the change, and
    # events before and after it, all whole numbers summed per stratum at once
    lo = np.arange(0, int(last.max(initial=0)) + 1, HAZARD_BIN_WEEKS)
    hi = lo + HAZARD_BIN_WEEKS
    before = np.clip(np.minimum(np.minimum(stop, change_at)[:, None], hi) - lo, 0, None).sum(0)
    after = np.clip(np.minimum(stop[:, None], hi) - np.maximum(change_at[:, None], lo), 0,
                    None).sum(0)
    counted = (fh >= 0) & (hours_at >= 0) & (hours_at < lo.size * HAZARD_BIN_WEEKS)
    stratum = hours_at // HAZARD_BIN_WEEKS
    eb = np.bincount(stratum[counted & (hours_at < change_at)], minlength=lo.size)
    ea = np.bincount(stratum[counted & (hours_at >= change_at)], minlength=lo.size)
    num = den = 0.0
    for k in range(lo.size):  # pooled in stratum order (Mantel-Haenszel)
        w = float(before[k] + after[k])
        if w > 0:
            num += float(ea[k]) * float(before[k]) / w
            den += float(eb[k]) * float(after[k]) / w
    return num / den if den > 0 else float("nan")


def _mean(x: np.ndarray) -> float:
    """The mean, NaN for no values (as pandas gives it)."""
    return float(x.mean()) if x.size else np.nan


def _metrics(g: Columns) -> dict[str, float]:
    # week 78 since own start: only citizens observed that long have a value (all of a
    # trial cohort followed 78+ weeks; in calendar mode those who started early enough)
    h = g["hours_w78"][~np.isnan(g["hours_w78"])]
    end = g["hours_end"][~np.isnan(g["hours_end"])]
    p13, p13p = g["placement13"], g["placement13_project"]
    out = {
        "share_with_hours_w78": _mean(h > 0),
        "mean_wage_hours_w78": _mean(h),
        "share_with_hours_end": _mean(end > 0),
        "mean_wage_hours_end": _mean(end),
        "ever_hours_share": _mean(g["ever_hours"]),
        "ever_hours_share_followup": _mean(g["ever_hours_followup"]),
        "placement13_share": _mean(p13),
        "placement13_share_project": _mean(p13p),
        "placement13_with_hours_share_project": _mean(
            g["placement13_with_hours_project"][p13p]),
        "placement13_with_hours_share": _mean(g["placement13_with_hours"][p13]),
        "share_contact_changed": _mean(g["contact_changes"] > 0),
        "mean_contact_changes": _mean(g["contact_changes"]),
        "hours_hazard_ratio_after_change": hours_hazard_ratio_after_change(g),
        "n_citizens": float(g["arm"].size),
        **_kroner_metrics(g),
    }
    st = g["status_end"]
    for k, name in enumerate(STATUS_NAMES):
        out[f"share_status_{name}_end"] = _mean(st == k)
    cohort = g["cohort"]
    if not (cohort == "trial").all():
        for name in ("stock", "inflow"):
            h_end = g["hours_end"][cohort == name]
            out[f"share_with_hours_end_{name}"] = _mean(h_end[~np.isnan(h_end)] > 0)
    return out


def outcomes_table(model: JobcentreModel, *, by_municipality: bool = True) -> pd.DataFrame:
    """Per-run outcomes, long form: arm × benefit × municipality × metric.

    ``by_municipality=False`` gives only the ``all`` rows: a decision that reads one
    whole-population figure per variant (explain, Shapley) need not pay for the others.
    """
    cols = citizen_columns(model)
    st = model.staff
    arms = [a.name for a in model.spec.arms]
    munis = [m.name for m in model.spec.municipalities] if by_municipality else []
    rows: list[tuple[str, str, str, str, float]] = []
    for a, arm in enumerate(arms):
        in_arm = cols["arm"] == a
        staff_arm = st.arm == a
        for muni in ["all", *munis]:
            j = -1 if muni == "all" else munis.index(muni)
            sub = in_arm if j < 0 else in_arm & (cols["municipality"] == j)
            sel = staff_arm if j < 0 else staff_arm & (st.municipality == j)
            # citizens per FTE, averaged over the roles by FTE (T5: "per professional")
            caseload = (float((st.caseload[sel] * st.fte[sel]).sum() / st.fte[sel].sum())
                        if sel.any() else np.nan)
            for b, benefit in [(-1, "all"), *enumerate(x.value for x in BENEFITS)]:
                idx = np.flatnonzero(sub if b < 0 else sub & (cols["benefit"] == b))
                if idx.size == 0:
                    continue
                met = _metrics({k: v[idx] for k, v in cols.items()})
                met["mean_caseload"] = caseload
                rows += [(arm, benefit, muni, k, v) for k, v in met.items()]
    df = pd.DataFrame(rows, columns=["arm", "benefit", "municipality", "metric", "value"])
    df.insert(0, "replication", model.replication)
    return df


def funnel_table(model: JobcentreModel) -> pd.DataFrame:
    """The case-flow funnel with the weeks cases lie at each stage [M §5]."""
    c = model.citizens
    cal = model.spec.calendar
    # weeks each citizen is observed since own start (calendar mode: to the horizon)
    w = (cal.horizon_weeks - c.start_week if cal is not None
         else np.full(c.n, model.spec.run.weeks_followed, np.int64))
    sw = np.where(c.stage_week <= w[:, None], c.stage_week, -1)
    arms = [a.name for a in model.spec.arms]
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
    df.insert(0, "replication", model.replication)
    return df


def staff_table(model: JobcentreModel) -> pd.DataFrame:
    """Staff per arm, municipality and role: FTEs, caseload, the week's time use, handovers.

    Time use is hours per FTE and average week (over the run's weeks) given to each task
    (``hours_<task>``), the share of the task's demand that got time (``served_<task>``)
    and the hours no task asked for (``unused_hours``) — for a full caseload
    (model/workload.py).
    """
    st, c, rec = model.staff, model.citizens, model.recorder
    arms = [a.name for a in model.spec.arms]
    munis = [m.name for m in model.spec.municipalities]
    hours_per_contact = model.design.hours_per_contact
    weeks = max(model.week, 1)
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
                    handovers = float(model.referrals[mi, a])
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
    df.insert(0, "replication", model.replication)
    return df


TASK_LEVELS = ("simple", "medium", "demanding")


def companies_table(model: JobcentreModel) -> pd.DataFrame:
    """Which sectors and kinds of task turn placements into paid hours."""
    co, c = model.companies, model.citizens
    arms = [a.name for a in model.spec.arms]
    sectors = [s.name for s in model.spec.labour_market.sectors]
    level = np.minimum((co.task_level * 3).astype(np.int64), 2)
    group = co.sector * 3 + level
    n_groups = len(sectors) * 3
    companies = np.bincount(group, minlength=n_groups)
    rows = []
    for a, arm in enumerate(arms):
        stats = [np.bincount(group, weights=model.comp_stats[k, a], minlength=n_groups)
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
    df.insert(0, "replication", model.replication)
    return df


def panel_frame(model: JobcentreModel, rows: list[dict[str, np.ndarray]]) -> pd.DataFrame:
    """Person rows recorded week by week (the journey sample) as the documented columns."""
    if not rows:
        return pd.DataFrame({col: [] for col in PANEL_COLUMNS})
    cols = {k: np.concatenate([r[k] for r in rows]) for k in rows[0]}
    df = _person_frame(model, cols)
    return df.sort_values(["arm", "citizen_id", "week"], kind="stable").reset_index(drop=True)


def panel_blocks(model: JobcentreModel, citizens_per_block: int = 1024
                 ) -> Iterator[pd.DataFrame]:
    """The full panel (``panel=True``) as frames of whole citizens, already in file order.

    File order is arm name, citizen, week -- what sorting the whole panel gave before --
    read straight from the recorder's citizen × week store, so at most one block of
    ``citizens_per_block`` citizens is ever a frame (the memory of a 100,000-citizen panel).
    """
    store = model.recorder.panel_store
    if store is None:
        raise ValueError("this model was built without panel=True")
    c = model.citizens
    names = [a.name for a in model.spec.arms]
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
            yield _person_frame(model, cols)


def _person_frame(model: JobcentreModel, cols: dict[str, np.ndarray]) -> pd.DataFrame:
    """Person rows (``citizen_id``, ``week`` and the recorder's fields) as panel columns."""
    c = model.citizens
    ids = cols["citizen_id"]
    arms = np.array([a.name for a in model.spec.arms], dtype=object)
    munis = np.array([m.name for m in model.spec.municipalities], dtype=object)
    sectors = np.array([s.name for s in model.spec.labour_market.sectors] + [""],
                       dtype=object)
    comp = cols["company"]
    sec = np.where(comp >= 0, model.companies.sector[np.maximum(comp, 0)], len(sectors) - 1)
    purpose_names = np.array([PURPOSE_NAMES[k] for k in (0, 1, 2)] + [""], dtype=object)
    return pd.DataFrame({
        "replication": np.full(ids.size, model.replication, np.int64),
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
        "cohort": cohorts(model)[ids],
    })


def hours_by_week(model: JobcentreModel, citizens: np.ndarray, weeks: np.ndarray
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
    store = model.recorder.panel_store
    if store is None:
        raise ValueError("this model was built without panel=True")
    wage = store.cols["wage_hours"][np.ix_(citizens, weeks)]
    hours = (wage > 0) & store.seen[np.ix_(citizens, weeks)]
    return hours, model.citizens.contact_prof[citizens].astype(np.int64)
