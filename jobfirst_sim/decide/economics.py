"""The business case of one design against another, in kroner, with 95 % intervals.

Why here: managers decide in kroner. The model prices every run (``economics:``;
``dkk_*_per_citizen`` in ``outcomes.parquet``); this turns the per-citizen values of two
designs run on the same seeds into what a manager asks: what does each design cost over
the horizon for its citizens — staff, benefits, flexjob subsidy, disability pension, the
net public cost — what do the citizens earn, what is the difference, and what does one
extra citizen with ordinary hours cost. Totals are per-citizen values × ``n_citizens`` of
the same run, replication by replication; differences are paired by replication (common
random numbers make them narrow); the cost per extra citizen is a ratio of two paired
differences with Fieller's interval (:func:`jobfirst_sim.stats.fieller_interval`).

Under an ensemble (``--uncertainty parameters``: the outcomes have a ``member`` column and
the caller gives the members' ``weights``) runs pair on member and replication, every
kroner interval holds what the trial leaves open as well as noise
(:func:`jobfirst_sim.ensemble_stats.combine`), the case says in what weighted share of
members the proposal costs the public less, and the cost per extra citizen is the
ensemble's expected extra cost over its expected extra citizens with Fieller's interval
on the total (between-member plus noise) covariance
(:func:`jobfirst_sim.ensemble_stats.fieller_members`): not a mean of per-member ratios,
which a member with a gain near 0 would carry anywhere (health economics' rule for the
ICER of a probabilistic sensitivity analysis). One member gives exactly the noise case.

Wages are the citizens' earnings, not a public cost, and no tax on them is counted
(docs/model.md, "Kroner"): the net public cost is an upper bound on what the public pays.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from jobfirst_sim import fmt
from jobfirst_sim.decide.paired import run_keys
from jobfirst_sim.ensemble_stats import combine, fieller_members, probability_better
from jobfirst_sim.metrics import is_share
from jobfirst_sim.stats import LEVEL, fieller_interval, paired_difference, t_interval
from jobfirst_sim.words import LANGS, t

ITEMS: Final = (
    ("staff", "dkk_staff_per_citizen"),
    ("benefit", "dkk_benefit_per_citizen"),
    ("flexjob", "dkk_flexjob_per_citizen"),
    ("pension", "dkk_pension_per_citizen"),
    ("public_net", "dkk_public_net_per_citizen"),
    ("wages", "dkk_wages_per_citizen"),
)
"""Kroner items of the business case and the per-citizen metric each totals."""

HOURS_ITEM: Final = "citizens_with_hours"
RATIO_ITEM: Final = "cost_per_extra_citizen_with_hours"
COLUMNS: Final = ("base", "design", "difference")
"""The table's columns: each design, and ``design − base`` paired by replication."""



@dataclass(frozen=True)
class Side:
    """One design of the comparison: the ``outcomes`` rows of its run and its arm there."""

    name: str
    outcomes: pd.DataFrame
    arm: str


@dataclass(frozen=True)
class BusinessCase:
    """The business case: ``rows`` has one row per item × column with ``mean``, ``ci_low``,
    ``ci_high``, ``n`` (replications) and ``defined`` (False where no interval exists)."""

    base: str
    design: str
    rows: pd.DataFrame
    benefit: str
    municipality: str
    hours_metric: str
    price_year: int | None
    probability_costs_less: float | None = None
    """Weighted share of members whose mean net public cost difference is below 0 (None
    without an ensemble: one parameter set says nothing about parameters)."""
    members: int = 0
    """Ensemble members behind the case (0: none, the scenarios' own parameters)."""


def totals(outcomes: pd.DataFrame, arm: str, *, benefit: str = "all",
           municipality: str = "all", hours_metric: str = "share_with_hours_w78"
           ) -> pd.DataFrame:
    """Per replication: each kroner item in total for the cell's citizens (DKK) and the
    citizens with ordinary hours (``hours_metric`` × ``n_citizens``).

    Raises:
        ValueError: the arm/benefit/municipality has no rows, a kroner metric is missing
            (a run made before the accounting), or ``hours_metric`` is not a share.
    """
    if not is_share(hours_metric):
        raise ValueError(f"{hours_metric!r} is not a declared share; the citizens with hours "
                         "are a share × n_citizens")
    sel = outcomes[(outcomes["arm"] == arm) & (outcomes["benefit"] == benefit)
                   & (outcomes["municipality"] == municipality)]
    if sel.empty:
        raise ValueError(f"no outcomes for arm {arm!r}, benefit {benefit!r}, municipality "
                         f"{municipality!r}")
    run = run_keys(sel)
    wide = sel.pivot(index=run if len(run) > 1 else run[0], columns="metric", values="value")
    needed = [m for _, m in ITEMS] + ["n_citizens", hours_metric]
    missing = [m for m in needed if m not in wide.columns]
    if missing:
        raise ValueError(f"outcomes lack the metrics {missing} (a run made before the kroner "
                         "accounting, or an undeclared hours metric?)")
    n = wide["n_citizens"]
    out = pd.DataFrame({item: wide[metric] * n for item, metric in ITEMS})
    out[HOURS_ITEM] = wide[hours_metric] * n
    return out


def business_case(base: Side, design: Side, *, benefit: str = "all",
                  municipality: str = "all", hours_metric: str = "share_with_hours_w78",
                  price_year: int | None = None, level: float = LEVEL,
                  weights: Mapping[int, float] | None = None) -> BusinessCase:
    """Totals of each design and their paired difference ``design − base``, with intervals.

    Replications are paired by number; only those both runs have count (the two runs must
    share the root seed for the pairing to mean common random numbers, which the caller
    checks). The cost per extra citizen with ordinary hours is Δ net public cost /
    Δ citizens with hours, with Fieller's interval; it is not defined when the interval of
    Δ citizens with hours includes 0. With ``weights`` by member and outcomes with a
    ``member`` column: the ensemble's case (module doc).
    """
    a = totals(base.outcomes, base.arm, benefit=benefit, municipality=municipality,
               hours_metric=hours_metric)
    b = totals(design.outcomes, design.arm, benefit=benefit, municipality=municipality,
               hours_metric=hours_metric)
    common = a.index.intersection(b.index)
    if common.empty:
        raise ValueError("the two runs have no replication in common to pair")
    a, b = a.loc[common], b.loc[common]
    cheaper, members = None, 0
    if weights is not None and isinstance(a.index, pd.MultiIndex):
        members = len(set(a.index.get_level_values("member")))
        if members > 1:
            rows, p = _member_rows(a, b, weights, level)
            return BusinessCase(base.name, design.name, pd.DataFrame(rows), benefit,
                                municipality, hours_metric, price_year, p, members)
        # one member is the noise rule: its own code, the same numbers to the last bit
        cheaper = probability_better(
            [float((b["public_net"] - a["public_net"]).mean())], [1.0],
            higher_is_better=False)
    rows = []
    for item in (*(i for i, _ in ITEMS), HOURS_ITEM):
        for column, ci in (("base", t_interval(a[item], level)),
                           ("design", t_interval(b[item], level)),
                           ("difference", paired_difference(a[item], b[item], level))):
            rows.append({"item": item, "column": column, "mean": ci.mean, "ci_low": ci.low,
                         "ci_high": ci.high, "n": ci.n, "defined": bool(ci.n > 0)})
    ratio = fieller_interval(b["public_net"] - a["public_net"], b[HOURS_ITEM] - a[HOURS_ITEM],
                             level)
    rows.append({"item": RATIO_ITEM, "column": "difference",
                 "mean": ratio.estimate if ratio.defined else np.nan,
                 "ci_low": ratio.low, "ci_high": ratio.high, "n": ratio.n,
                 "defined": ratio.defined})
    return BusinessCase(base.name, design.name, pd.DataFrame(rows), benefit, municipality,
                        hours_metric, price_year, cheaper, members)


def _member_rows(a: pd.DataFrame, b: pd.DataFrame, weights: Mapping[int, float],
                 level: float) -> tuple[list[dict[str, Any]], float]:
    """The rows under an ensemble (``a``, ``b`` indexed by member and replication) and the
    probability that the design costs the public less."""
    member = a.index.get_level_values("member").to_numpy()
    members = sorted({int(k) for k in member})
    w = np.array([weights[k] for k in members])
    rows: list[dict[str, Any]] = []
    for item in (*(i for i, _ in ITEMS), HOURS_ITEM):
        for column, values in (("base", a[item]), ("design", b[item]),
                               ("difference", b[item] - a[item])):
            g = values.astype(float).where(np.isfinite(values.astype(float))).groupby(
                level="member")
            c = combine(g.mean().reindex(members).to_numpy(float)[None, :],
                        g.var().reindex(members).to_numpy(float)[None, :],
                        g.count().reindex(members).to_numpy(float)[None, :], w[None, :],
                        level)
            rows.append({"item": item, "column": column, "mean": float(c.estimate[0]),
                         "ci_low": float(c.low[0]), "ci_high": float(c.high[0]),
                         "n": int(c.n[0]), "defined": bool(c.n[0] > 0)})
    dx, dy = b["public_net"] - a["public_net"], b[HOURS_ITEM] - a[HOURS_ITEM]
    positions = np.searchsorted(members, member)
    ratio = (fieller_interval(dx, dy, level) if len(members) == 1
             else fieller_members(dx, dy, positions, w, level))
    rows.append({"item": RATIO_ITEM, "column": "difference",
                 "mean": ratio.estimate if ratio.defined else np.nan,
                 "ci_low": ratio.low, "ci_high": ratio.high, "n": ratio.n,
                 "defined": ratio.defined})
    cost = dx.groupby(level="member").mean().reindex(members).to_numpy(float)
    return rows, probability_better(cost, w, higher_is_better=False)


def cell_text(row: Mapping[Hashable, Any], item: str, lang: str) -> str:
    """One cell of the table: the amount (or citizens) with its interval, or why none."""
    if not row["defined"]:
        return t("bc_not_defined", lang) if item == RATIO_ITEM else "–"
    decimals = 1 if item == HOURS_ITEM else 0
    head = (fmt.number(float(row["mean"]), lang, decimals) if item == HOURS_ITEM
            else fmt.kroner(float(row["mean"]), lang))
    if not np.isfinite(row["ci_low"]):
        return head
    return (f"{head} ({fmt.number(float(row['ci_low']), lang, decimals)} {t('bc_to', lang)} "
            f"{fmt.number(float(row['ci_high']), lang, decimals)})")


def format_business_case(case: BusinessCase, lang: str = "da") -> str:
    """The business case as a plain-text table in Danish (``da``) or English (``en``)."""
    if lang not in LANGS:
        raise ValueError(f"lang must be 'da' or 'en', got {lang!r}")
    w = {k: t(f"bc_{k}", lang) for k in ("title", "difference", "note", "all")}
    rows = {(str(r["item"]), str(r["column"])): r for r in case.rows.to_dict("records")}
    heads = ["", case.base, case.design, f"{w['difference']} ({case.design} − {case.base})"]
    body = []
    for item in (*(i for i, _ in ITEMS), HOURS_ITEM, RATIO_ITEM):
        label = t(f"bc_{item}", lang)
        cells = [cell_text(rows[(item, c)], item, lang) if (item, c) in rows else ""
                 for c in COLUMNS]
        body.append([label, *cells])
    widths = [max(len(r[j]) for r in [heads, *body]) for j in range(len(heads))]

    def line(r: list[str]) -> str:
        return "  ".join([r[0].ljust(widths[0]), *(c.rjust(wd) for c, wd in
                                                     zip(r[1:], widths[1:], strict=True))])

    group = " / ".join(w["all"] if v == "all" else v for v in (case.benefit, case.municipality))
    n = int(case.rows["n"].max())
    year = t("bc_prices", lang, year=case.price_year)
    year = year if case.price_year is not None else ""
    note = (w["note"].format(n=n, year=year) if not case.members
            else t("bc_note_members", lang, n=n, members=case.members, year=year))
    return "\n".join([
        f"{w['title']}: {case.design} − {case.base} ({group})",
        line(heads), "  ".join("-" * wd for wd in widths), *(line(r) for r in body), "",
        note,
    ])
