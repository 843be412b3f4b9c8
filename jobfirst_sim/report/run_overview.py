"""The first and last sections of the run report: "In short" and "About this run".

Why its own module: a manager reads the first minute of a page — what the model says and
how sure it is — so this is written once for the run report and the ``jobfirst run``
terminal summary alike (the CLI calls :func:`terminal_summary`; the run room cannot import
reports). Seeds, the config hash and versions matter for reproducing, not for deciding,
and go to the end.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

import pandas as pd

from jobfirst_sim import fmt, metrics
from jobfirst_sim.report.headline import (
    CALENDAR_HEADLINE,
    HEADLINE,
    ReplicationValues,
    clip,
    few_replications_warning,
    in_short,
    level_text,
    no_baseline_text,
)
from jobfirst_sim.report.html import esc, table_html
from jobfirst_sim.report.labels import t
from jobfirst_sim.scenario.bounds import CASELOAD_PLAUSIBLE
from jobfirst_sim.stats import t_interval

#: (metric, benefit group) rows of the key-figure table, shown when the run has them.
#: The headline metric first; the caseload is not here but in the staff lines, per role,
#: as citizens per FTE (one figure, not a second "citizens per professional").
KEY_ROWS: Final = (
    ("share_with_hours_end", "all"),
    ("share_with_hours_w78", "kontanthjaelp"), ("share_with_hours_w78", "all"),
    ("mean_wage_hours_w78", "all"), ("ever_hours_share", "all"),
    ("placement13_share", "all"), ("share_status_self_sufficient_end", "all"),
    ("share_contact_changed", "all"),
)


#: The key-figure rows of a calendar run: its first rows read at the horizon (see
#: ``headline.CALENDAR_HEADLINE``), then the stock and the inflow apart.
CALENDAR_KEY_ROWS: Final = (
    ("share_with_hours_end", "all"), ("share_with_hours_end", "kontanthjaelp"),
    ("mean_wage_hours_end", "all"), ("share_with_hours_end_stock", "all"),
    ("share_with_hours_end_inflow", "all"), *KEY_ROWS[4:],
)


def is_calendar(manifest: dict[str, Any]) -> bool:
    """Whether the run is a running jobcentre in calendar time (``calendar:`` is set)."""
    return bool(scenario_of(manifest).get("calendar"))


def group_name(benefit: str, lang: str) -> str:
    """A benefit group in words (``all`` reads "All citizens")."""
    return t("group_all" if benefit == "all" else benefit, lang)


def scenario_of(manifest: dict[str, Any]) -> dict[str, Any]:
    """The resolved scenario recorded in a manifest (empty when absent)."""
    scen = manifest.get("scenario") or manifest.get("resolved_scenario") or {}
    return scen if isinstance(scen, dict) else {}


def baseline_arm(manifest: dict[str, Any]) -> str | None:
    """The arm declared ``role: control``; None when there is none (never guessed from names)."""
    for arm in scenario_of(manifest).get("arms", []) or []:
        if isinstance(arm, dict) and arm.get("role") == "control":
            name = arm.get("name")
            return str(name) if name is not None else None
    return None


def compares_with_trial(manifest: dict[str, Any]) -> bool:
    """Whether the scenario is the trial replica (``run.compare_with_trial``)."""
    run = scenario_of(manifest).get("run") or {}
    return bool(isinstance(run, dict) and run.get("compare_with_trial"))


def replications(outcomes: pd.DataFrame | None, manifest: dict[str, Any]) -> int:
    """How many replications the run has (the outcomes' own count first)."""
    if outcomes is not None and "replication" in outcomes:
        return int(outcomes["replication"].nunique())
    reps = manifest.get("replications") or len(manifest.get("replication_seeds", []) or [])
    return int(reps or 0)


def interval_text(metric: str, values: pd.Series, lang: str) -> str:
    """``18,9 % (17,0–20,8)``: mean and 95 % interval in the metric's unit, cut at its bounds."""
    ci = t_interval(values.to_numpy())
    if math.isnan(ci.mean):
        return "–"
    head = level_text(metric, ci.mean, lang)
    if math.isnan(ci.low):
        return head
    low, high = clip(metric, ci.low, ci.high)
    scale = 100.0 if metrics.is_share(metric) else 1.0
    return f"{head} ({fmt.number(low * scale, lang)}–{fmt.number(high * scale, lang)})"


def key_rows(outcomes: pd.DataFrame, arms: list[str], lang: str,
             which: Sequence[tuple[str, str]] = KEY_ROWS) -> list[list[object]]:
    """Rows of the key-figure table: a measure in words, then one cell per arm."""
    rows: list[list[object]] = []
    values = ReplicationValues(outcomes)
    for metric, benefit in which:
        cells = [interval_text(metric, values.get(arm, metric, benefit), lang)
                 for arm in arms]
        if all(c == "–" for c in cells):
            continue
        rows.append([f"{metrics.label(metric, lang)} – {group_name(benefit, lang)}", *cells])
    return rows


def in_short_html(outcomes: pd.DataFrame | None, manifest: dict[str, Any], arms: list[str],
                  lang: str) -> str:
    """The "Kort fortalt / In short" block: sentences, warning, key-figure table."""
    if outcomes is None:
        return f'<p class="note">{esc(t("no_data_for", lang))}.</p>'
    base = baseline_arm(manifest)
    if base is not None and base not in arms:
        base = None
    parts: list[str] = []
    cal = is_calendar(manifest)
    lines = in_short(outcomes, arms, base, lang, lambda a: arm_display(manifest, a, lang),
                     CALENDAR_HEADLINE if cal else HEADLINE)
    if base is None:
        parts.append(f"<p>{esc(no_baseline_text(lang))}</p>")
    if lines:
        parts.append('<ul class="headline">' + "".join(
            f"<li><strong>{esc(group_name(ln.group, lang))}:</strong> {esc(ln.text)}</li>"
            for ln in lines) + "</ul>")
    warning = few_replications_warning(replications(outcomes, manifest), lang)
    if warning:
        parts.append(f'<p class="missing" id="few-replications">{esc(warning)}</p>')
    parts.append(f'<p class="uncertainty">{esc(interval_holds(manifest, lang))}</p>')
    rows = key_rows(outcomes, arms, lang, CALENDAR_KEY_ROWS if cal else KEY_ROWS)
    if rows:
        parts.append(f"<h3>{esc(t('run_key_figures', lang))}</h3>")
        parts.append(f'<p class="note">{esc(t("key_figures_note", lang))}</p>')
        parts.append(table_html(rows, [t("measure", lang),
                                       *(arm_display(manifest, a, lang) for a in arms)],
                                numeric=set(range(1, len(arms) + 1))))
    return "".join(parts)


def about_rows(manifest: dict[str, Any], arms: list[str], lang: str,
               folder: Path | None = None) -> list[tuple[str, str]]:
    """Scenario, replications, seed, hash, versions and platform, for reproducing the run."""
    scen = scenario_of(manifest)
    versions = manifest.get("versions") or {}
    vtext = ", ".join(f"{k} {v}" for k, v in versions.items()) if isinstance(versions, dict) \
        else str(versions)
    reps = manifest.get("replications") or len(manifest.get("replication_seeds", []) or [])
    rows = [
        (t("scenario", lang), f"{scen.get('name', '–')} – {scen.get('description', '')}"),
        (t("arms", lang), ", ".join(t(a, lang) for a in arms) or "–"),
        (t("replications", lang), str(reps or "–")),
        (t("seed", lang), str(manifest.get("root_seed", "–"))),
        (t("config_hash", lang), str(manifest.get("config_hash", "–"))[:16]),
        (t("versions", lang), vtext or "–"),
    ]
    if manifest.get("platform"):
        rows.append((t("platform", lang), str(manifest["platform"])))
    if folder is not None:
        rows.append((t("results_folder", lang), str(folder)))
    return rows


def about_html(manifest: dict[str, Any], arms: list[str], lang: str,
               folder: Path | None = None) -> str:
    """The "Om kørslen / About this run" table."""
    body = "".join(f"<tr><td><strong>{esc(k)}</strong></td><td>{esc(v)}</td></tr>"
                   for k, v in about_rows(manifest, arms, lang, folder))
    return f'<table class="kv">{body}</table>'


def arm_display(manifest: dict[str, Any], arm: str, lang: str) -> str:
    """An arm's name in prose: its ``label:`` in the run's scenario, else the catalog's."""
    for a in scenario_of(manifest).get("arms", []):
        if isinstance(a, dict) and a.get("name") == arm and isinstance(a.get("label"), dict):
            return str(a["label"].get(lang) or arm)
    return t(arm, lang)


def terminal_summary(run_dir: Path, lang: str) -> str:
    """The ``jobfirst run`` summary in ``lang``: In short, key figures, trial check, seed.

    Read from the written results folder (manifest.json, outcomes.parquet, summary.json),
    so the terminal says exactly what the files and the report say.
    """

    from jobfirst_sim.report.data import Problem, read_table, runs_as_replications

    manifest = _json(run_dir / "manifest.json")
    problems: list[Problem] = []
    outcomes = runs_as_replications(read_table(
        run_dir / "outcomes.parquet",
        ("replication", "arm", "benefit", "municipality", "metric", "value"), problems),
        manifest.get("replications"))
    scen = scenario_of(manifest)
    arms = [str(a["name"]) for a in scen.get("arms", []) if isinstance(a, dict)] or (
        list(dict.fromkeys(outcomes["arm"].astype(str))) if outcomes is not None else [])
    out = [t("results_in", lang, path=str(run_dir), seed=manifest.get("root_seed", "–"))]
    if outcomes is None:
        return "\n".join(out)
    base = baseline_arm(manifest)
    base = base if base in arms else None
    out.append(t("in_short", lang) + ":")
    if base is None:
        out.append("  " + no_baseline_text(lang))
    cal = is_calendar(manifest)
    out += [f"  [{group_name(ln.group, lang)}] {ln.text}" for ln in
            in_short(outcomes, arms, base, lang, lambda a: arm_display(manifest, a, lang),
                     CALENDAR_HEADLINE if cal else HEADLINE)]
    warning = few_replications_warning(replications(outcomes, manifest), lang)
    if warning:
        out.append("  " + warning)
    out.append("  " + interval_holds(manifest, lang))
    out.append(t("run_key_figures", lang) + " (" + t("key_figures_note", lang) + "):")
    for row in key_rows(outcomes, arms, lang, CALENDAR_KEY_ROWS if cal else KEY_ROWS):
        cells = "; ".join(f"{arm_display(manifest, a, lang)} {c}"
                          for a, c in zip(arms, row[1:], strict=True))
        out.append(f"  {row[0]}: {cells}")  # row: measure, then one text per arm
    summary = _json(run_dir / "summary.json")
    out += staffing_lines(summary.get("staffing") or {}, arms, lang,
                          lambda a: arm_display(manifest, a, lang))
    checks = summary.get("targets") or []
    if checks and compares_with_trial(manifest):
        out.append(t("trial_check", lang) + ":")
        for c in checks:
            mark = "ok " if c.get("within") else "OFF"
            metric = str(c.get("metric"))
            out.append(f"  [{mark}] {c.get('id')} {t(str(c.get('arm')), lang)}, "
                       f"{group_name(str(c.get('benefit')), lang)}: {metrics.label(metric, lang)} "
                       f"{_level(metric, c.get('model'), lang)}, "
                       f"{t('trial', lang).lower()} {_level(metric, c.get('target'), lang)}")
    return "\n".join(out)


def interval_holds(manifest: dict[str, Any], lang: str) -> str:
    """The one sentence on what the run's intervals hold (a run written before
    ``--uncertainty`` existed ran under ``noise``)."""
    if manifest.get("uncertainty") == "parameters":
        return t("run_interval_parameters", lang, members=manifest.get("members") or 0,
                 replications=manifest.get("replications") or 0)
    return t("run_interval_noise", lang)


def staffing_lines(staffing: dict[str, Any], arms: list[str], lang: str,
                   name: Callable[[str], str] | None = None) -> list[str]:
    """Staff per arm in words: FTEs, citizens per FTE and where a full-time week goes."""
    if not staffing:
        return []
    out = [t("staff_heading", lang) + ":"]
    for arm in arms:
        for role, s in (staffing.get(arm) or {}).items():
            if not isinstance(s, dict):
                continue
            hours = s.get("hours_per_fte_week") or {}
            spent = [(k, v) for k, v in hours.items() if isinstance(v, int | float) and v >= 0.05]
            week = ", ".join(f"{t('task_' + k, lang).lower()} {fmt.number(v, lang, 1)}"
                             for k, v in spent)
            shown = name(arm) if name is not None else t(arm, lang)
            out.append("  " + t("staff_line", lang, arm=shown, role=t(role, lang),
                                 fte=fmt.number(float(s.get("fte") or 0), lang, 1),
                                 load=fmt.number(float(s.get("citizens_per_fte") or 0), lang, 1),
                                 week=week or "–"))
    warning = implausible_staffing(staffing, arms, lang)
    if warning:
        out.append("  ! " + warning)
    return out


def implausible_staffing(staffing: dict[str, Any], arms: list[str], lang: str) -> str:
    """A warning naming every arm and role whose citizens per FTE lie outside
    :data:`~jobfirst_sim.scenario.bounds.CASELOAD_PLAUSIBLE` (the bound ``jobfirst
    validate`` warns by; "" when none): said in the terminal and on the report page."""
    low, high = CASELOAD_PLAUSIBLE
    odd: list[str] = []
    for arm in arms:
        for role, s in (staffing.get(arm) or {}).items():
            if not isinstance(s, dict):
                continue
            load_value = float(s.get("citizens_per_fte") or 0)
            if not low <= load_value <= high:
                odd.append(f"{t(arm, lang)}, {t(role, lang)} "
                           f"({fmt.number(load_value, lang, 1)})")
    if not odd:
        return ""
    return t("staff_implausible", lang, items="; ".join(odd), low=int(low), high=int(high))


def _level(metric: str, value: object, lang: str) -> str:
    """A level from summary.json, where a missing value (no finite replication) is null."""
    if not isinstance(value, int | float) or not math.isfinite(float(value)):
        return "–"
    return level_text(metric, float(value), lang)


def _json(path: Path) -> dict[str, Any]:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
