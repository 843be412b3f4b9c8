"""The sweep report's "Kort fortalt / In short": the best design point per outcome, in words.

Why its own module: a manager opening a sweep wants to know which combination of levers
came out best and by how much, before any figure. For each declared outcome we take the
design point with the best mean (by the outcome's ``direction``) and say it against the
reference: an outcome declared as an arm difference (``minus_arm``) already is the
difference from the reference arm, so its interval is said as it is; otherwise the best
point is compared with the reference point (every lever at its first level, else point 0),
paired by replication — every point of a sweep runs with the same seeds (common random
numbers). Design points are named by their lever values in the registry's words
("Sagsstamme 30, CV fra første samtale: ja"), never by number or field path.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from jobfirst_sim import fmt
from jobfirst_sim.metrics import clip_interval
from jobfirst_sim.report.headline import difference_text, few_replications_warning, sentence
from jobfirst_sim.report.labels import t
from jobfirst_sim.report.sweep_data import SweepData, sort_key
from jobfirst_sim.report.sweep_figures import outcome_label
from jobfirst_sim.report.sweep_words import point_words
from jobfirst_sim.stats import Interval, paired_difference, t_interval

if TYPE_CHECKING:  # the sweep runner (SALib, scipy) is loaded only by the command
    from jobfirst_sim.run.sweep.core import SweepReport

MAX_NAMED_LEVERS = 6
"""A design point is described by its lever values only up to this many levers; beyond
(a screening of dozens of parameters) the sentence names the point and the table the rest."""


def describe_point(pts: pd.DataFrame, p: int, ref: int, varying: Sequence[str],
                   lang: str) -> str:
    """A design point in words: its lever values when few levers vary; with many (a
    screening of dozens of parameters) the point's number, with its values only where few
    differ from the reference point ``ref`` -- the table lists every value."""
    named = f"{t('design_point', lang)} {p}"
    here = pts.loc[p].to_dict()
    if len(varying) <= MAX_NAMED_LEVERS:
        return point_words(here, varying, lang) or named
    base = pts.loc[ref].to_dict()
    apart = [lv for lv in varying if here.get(lv) != base.get(lv)]
    if 0 < len(apart) <= MAX_NAMED_LEVERS:
        return f"{named}: {point_words(here, apart, lang)}"
    return named


def reference_point(exp: pd.DataFrame, levers: Sequence[str]) -> int:
    """The point with every lever at its first level (in reading order), else the first."""
    pts = exp.drop_duplicates("point").set_index("point")
    mask = pd.Series(True, index=pts.index)
    for lv in levers:
        levels = sorted(pts[lv].dropna().unique().tolist(), key=sort_key)
        if levels:
            mask &= pts[lv] == levels[0]
    hits = pts.index[mask.to_numpy()]
    return int(hits[0]) if len(hits) else int(pts.index[0])


def sweep_headlines(data: SweepData, lang: str) -> list[str]:
    """One sentence per outcome, and a plain warning first when replications are few."""
    exp, values = data.experiments, data.values
    if exp is None or values is None or values.empty:
        return []
    pts = exp.drop_duplicates("point").set_index("point")
    varying = [lv for lv in data.levers if lv in pts and pts[lv].nunique() > 1]
    ref = reference_point(exp, varying)

    def words(p: int) -> str:
        return describe_point(pts, p, ref, varying, lang)

    out: list[str] = []
    reps = int(values["replication"].nunique())
    warning = few_replications_warning(reps, lang)
    for o, spec in data.outcome_specs.items():
        v = values[values["outcome"] == o]
        if v.empty or spec.get("direction") not in ("maximize", "minimize"):
            continue  # an "info" outcome has no best point (a caseload is not a goal)
        metric = str(spec.get("metric", o))
        means = v.groupby("point")["value"].mean().dropna()
        if means.empty:
            continue
        order = means.sort_values(ascending=spec.get("direction") == "minimize", kind="stable")
        best = int(order.index.to_numpy()[0])
        per = v.pivot_table(index="replication", columns="point", values="value")
        label = outcome_label(o, spec, lang)
        if len(label) > 1 and not label[1].isupper():  # mid-sentence, keeping "CV"
            label = label[:1].lower() + label[1:]
        if spec.get("minus_arm"):
            ci = bounded(t_interval(per[best].dropna().to_numpy()), metric, True)
            out.append(f"{t('sweep_best', lang, outcome=label)}: {words(best)} "
                       f"({difference_text(metric, ci, lang)}).")
        elif best == ref or ref not in per:
            out.append(f"{t('sweep_best', lang, outcome=label)}: {words(best)} "
                       f"({t('sweep_is_reference', lang)}).")
        else:
            diff = bounded(paired_difference(per[ref].to_numpy(), per[best].to_numpy()),
                           metric, True)
            text = sentence(metric, words(best), f"({words(ref)})", float(means[best]),
                            float(means[ref]), diff, lang)
            out.append(f"{t('sweep_best', lang, outcome=label)}: {text}.")
    return ([warning] if warning and out else []) + out


def bounded(ci: Interval, metric: str, difference: bool) -> Interval:
    """An interval cut at what the metric can be: a share's level in [0, 1], a difference
    of two shares in [−1, 1] (the registry's bounds; open bounds stay open). With two or
    three replications a t-interval runs far past them; the page warns about the few
    replications, and never shows an impossible number."""
    lo, hi = clip_interval(metric, ci.low, ci.high, difference=difference)
    return Interval(ci.mean, lo, hi, ci.n)


def terminal_lines(done: SweepReport, lang: str, best: bool = False) -> list[str]:
    """What ``jobfirst sweep`` says when it ends, in ``lang``: runs done and skipped, the
    failed runs with where their tracebacks are, the raw best points (``best``: only when
    the written tables cannot be read back for "In short"), and the warnings (their text
    as the runner wrote it)."""
    from jobfirst_sim.run.sweep.store import run_name

    lines = [t("sweep_summary", lang, total=done.total, skipped=done.skipped,
               executed=done.executed, seconds=fmt.number(done.seconds, lang, 1),
               out=done.out)]
    if done.failed:
        names = ", ".join(run_name(*k) for k in done.failed[:10])
        if len(done.failed) > 10:
            names = t("sweep_and_more", lang, names=names, n=len(done.failed) - 10)
        lines.append(t("sweep_failed_runs", lang, n=len(done.failed), names=names,
                       dir=done.out / "failures"))
    lines += done.best if best else []
    lines += [t("sweep_warning", lang, text=w) for w in done.warnings]
    return lines
