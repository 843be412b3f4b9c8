"""The per-run outcomes of one model run: per-citizen columns and the outcome metrics.

Why apart from the other tables: every decision variant (explain, Shapley, compare,
pilot) reads its outcomes from here, over plain per-citizen arrays, and the metrics —
what each figure is a share or a mean of — are the longest piece of the tables. They run
once at the end and read the World and the recorder, never changing them. Outcomes are
indexed by week since each citizen's own start, as in the trial's evaluation; in calendar
mode each citizen's follow-up ends at the horizon.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from jobfirst_sim.model.observe.accounting import KRONER, staff_cost, staff_cost_per_citizen
from jobfirst_sim.model.observe.recorder import Run
from jobfirst_sim.model.state import STATUS_NAMES
from jobfirst_sim.model.world import World
from jobfirst_sim.scenario.schema import BENEFITS


def cohorts(world: World) -> np.ndarray:
    """Each citizen's cohort: ``trial`` (a trial cohort), or in calendar mode ``stock`` (on
    the caseload at the change) or ``inflow`` (arrived after it)."""
    c = world.citizens
    if world.spec.calendar is None:
        return np.full(c.n, "trial", dtype=object)
    out: np.ndarray = np.where(c.inflow, "inflow", "stock").astype(object)
    return out



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


def citizen_columns(run: Run) -> Columns:
    """One entry per citizen with the outcomes the targets need; ``arm``, ``benefit`` and
    ``municipality`` are the model's integer codes.

    Why arrays and not a frame: every decision variant (explain, Shapley, compare, pilot)
    reads its outcomes from here, and the metrics over plain arrays cost a fraction of
    the same sums over pandas slices.
    """
    world = run.world
    c, rec = world.citizens, run.recorder
    project = world.spec.run.project_weeks
    cal = world.spec.calendar
    # the last week of each citizen's follow-up (calendar mode: the horizon for everyone)
    end_week = (np.full(c.n, cal.horizon_weeks - 1, np.int64) if cal is not None
                else c.start_week + world.spec.run.weeks_followed - 1)
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
        "cohort": cohorts(world),
        **{f"dkk_{k}": v for k, v in kroner.items()},
        "dkk_staff": staff_kroner(run),
    }


def citizen_frame(run: Run) -> pd.DataFrame:
    """:func:`citizen_columns` as a frame, with arm, benefit and municipality by name (for
    analyses of individual citizens, e.g. ``experiments/validation/patterns.py``)."""
    world = run.world
    cols = citizen_columns(run)
    names = {
        "arm": [a.name for a in world.spec.arms],
        "benefit": [b.value for b in BENEFITS],
        "municipality": [m.name for m in world.spec.municipalities],
    }
    return pd.DataFrame({**cols, **{k: np.array(v, dtype=object)[cols[k]]
                                    for k, v in names.items()}})


def staff_kroner(run: Run) -> np.ndarray:
    """Each citizen's share of the staff cost of their arm × municipality over the run's
    weeks (DKK), shared by citizen-weeks observed (:func:`.accounting.staff_cost_per_citizen`)."""
    world = run.world
    st, c = world.staff, world.citizens
    n_munis = len(world.spec.municipalities)
    cost = staff_cost(st.fte, st.role, world.week, world.spec.economics)
    return staff_cost_per_citizen(cost, st.arm * n_munis + st.municipality,
                                  c.arm * n_munis + c.municipality,
                                  run.recorder.observed_weeks)


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


def outcomes_table(run: Run, *, by_municipality: bool = True) -> pd.DataFrame:
    """Per-run outcomes, long form: arm × benefit × municipality × metric.

    ``by_municipality=False`` gives only the ``all`` rows: a decision that reads one
    whole-population figure per variant (explain, Shapley) need not pay for the others.
    """
    world = run.world
    cols = citizen_columns(run)
    st = world.staff
    arms = [a.name for a in world.spec.arms]
    munis = [m.name for m in world.spec.municipalities] if by_municipality else []
    rows: list[tuple[str, str, str, str, float]] = []
    for a, arm in enumerate(arms):
        in_arm = cols["arm"] == a
        staff_arm = st.arm == a
        for muni in ["all", *munis]:
            j = -1 if muni == "all" else munis.index(muni)
            sub = in_arm if j < 0 else in_arm & (cols["municipality"] == j)
            sel = staff_arm if j < 0 else staff_arm & (st.municipality == j)
            # T5 as the trial measured it: each professional's citizens per FTE (their
            # role's caseload), averaged over the professionals "regardless of role"
            caseload = float(st.caseload[sel].mean()) if sel.any() else np.nan
            for b, benefit in [(-1, "all"), *enumerate(x.value for x in BENEFITS)]:
                idx = np.flatnonzero(sub if b < 0 else sub & (cols["benefit"] == b))
                if idx.size == 0:
                    continue
                met = _metrics({k: v[idx] for k, v in cols.items()})
                met["mean_caseload"] = caseload
                rows += [(arm, benefit, muni, k, v) for k, v in met.items()]
    df = pd.DataFrame(rows, columns=["arm", "benefit", "municipality", "metric", "value"])
    df.insert(0, "replication", world.replication)
    return df
