"""The report of one run directory: which figures, in which sections, with which notes.

Why separate from :mod:`figures`: this module decides *what* a jobcentre leader sees and
in what order, and turns every missing table or failed figure into a sentence in the
"what is missing" box, so a broken run still yields a useful page instead of a traceback.
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from jobfirst_sim.report import figures as F
from jobfirst_sim.report.data import Problem, RunData, load_run, read_table
from jobfirst_sim.report.figdata import Figure
from jobfirst_sim.report.headline import ReplicationValues, clip, level_text
from jobfirst_sim.report.html import Section, esc, render_page, table_html, write_atomic
from jobfirst_sim.report.labels import check_lang, t
from jobfirst_sim.report.run_overview import (
    about_html,
    compares_with_trial,
    group_name,
    implausible_staffing,
    in_short_html,
)
from jobfirst_sim.run.outputs import TEMP_PATTERN
from jobfirst_sim.stats import summarise_groups
from jobfirst_sim.targets import TARGETS, within


@dataclass
class ReportResult:
    """What a report build produced: the file, the figures by name, and what was missing."""

    path: Path
    figures: dict[str, Figure] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def problem_text(p: Problem, lang: str) -> str:
    """One problem as a sentence in the report language."""
    reason = t(p.reason, lang)
    return f"{p.what}: {reason}" + (f" ({p.detail})" if p.detail else "")


def missing_box(problems: list[Problem], lang: str, intro_key: str = "missing_intro") -> str:
    """The highlighted "what is missing" section, empty when nothing is missing."""
    if not problems:
        return ""
    items = "".join(f"<li>{esc(problem_text(p, lang))}</li>" for p in problems)
    return (f'<section id="missing" class="missing"><h2>{esc(t("missing_title", lang))}</h2>'
            f"<p>{esc(t(intro_key, lang))}</p><ul>{items}</ul></section>")


def key_figures_table(outcomes: pd.DataFrame, lang: str, roles: F.Roles) -> str:
    """Model mean [95 % CI] next to each published trial figure (T1–T5), for the arm whose
    declared role the figure describes (no row for an arm without a role), with ok/OFF
    against the calibration tolerance. Only drawn for the trial replica."""
    rows: list[list[object]] = []
    arms = list(dict.fromkeys(outcomes["arm"].astype(str)))
    values = ReplicationValues(outcomes)
    for tg in TARGETS:
        metric = tg.metric
        for arm in arms:
            if F.role_of(arm, roles) != tg.role:
                continue
            # the target's own benefit group where the run has it, else all citizens
            d = values.rows(arm, metric, tg.benefit)
            d = values.rows(arm, metric, "all") if d is None else d
            if d is None:
                continue
            s = summarise_groups(d, ["metric"], "value").iloc[0]

            def f(x: float, metric: str = metric) -> str:
                return level_text(metric, x, lang) if np.isfinite(x) else "–"

            low, high = clip(metric, float(s["ci_low"]), float(s["ci_high"]))
            ci = "–" if not np.isfinite(low) else f"{f(low)} – {f(high)}"
            trial = ("> " if tg.id == "T4b" else "") + f(tg.value)  # T4b is a lower bound
            mark = "ok" if np.isfinite(s["mean"]) and within(tg, float(s["mean"])) else "OFF"
            rows.append([tg.id, t(metric, lang), t(arm, lang), group_name(tg.benefit, lang),
                         f(s["mean"]), ci, trial, mark])
    if not rows:
        return ""
    header = [t("target", lang), t("figure", lang), t("arm", lang), t("population", lang),
              t("model", lang), t("ci95", lang), t("trial", lang), t("trial_within", lang)]
    return table_html(rows, header, numeric={4, 5, 6})


def _people(data: RunData) -> tuple[pd.DataFrame | None, str]:
    """Citizen-level rows for subgroup figures: the panel if present, else the journeys."""
    panel = data.get("panel")
    if panel is not None:
        return panel, "panel"
    return data.get("journeys"), "journeys"


def pick_citizen(
    people: pd.DataFrame, citizen: str | None, salt: str
) -> tuple[pd.DataFrame, bool]:
    """Rows of one citizen: ``citizen`` if given and present, else a reproducible random one.

    The random pick is seeded from the run's config hash so the same run always shows the
    same face; it prefers citizens who were ever in a placement, whose journeys say more.
    Returns the rows and whether the requested id was found.
    """
    ids = people["citizen_id"].astype(str)
    if citizen is not None and (ids == str(citizen)).any():
        rows = people[ids == str(citizen)]
        first = rows.iloc[0]
        same = (rows["replication"] == first["replication"]) & (rows["arm"] == first["arm"])
        return rows[same], True
    keys = people[["replication", "arm", "citizen_id"]].drop_duplicates()
    if "in_placement" in people:
        placed = people.loc[people["in_placement"].astype(bool),
                            ["replication", "arm", "citizen_id"]].drop_duplicates()
        if not placed.empty:
            keys = placed
    seed = int(hashlib.sha256(salt.encode()).hexdigest()[:8], 16)
    k = keys.iloc[int(np.random.default_rng(seed).integers(len(keys)))]
    rows = people[(people["replication"] == k["replication"]) & (people["arm"] == k["arm"])
                  & (people["citizen_id"] == k["citizen_id"])]
    return rows, citizen is None


def _guard(problems: list[Problem], name: str, lang: str,
           fn: Callable[[], Figure | None]) -> Figure | None:
    """Run a figure function; a crash becomes a problem line, not a broken report."""
    try:
        return fn()
    except Exception as exc:
        last = traceback.extract_tb(exc.__traceback__)[-1]
        problems.append(Problem(name, "figure_failed",
                                f"{type(exc).__name__}: {exc} @ {Path(last.filename).name}:"
                                f"{last.lineno}"[:240]))
        return None


def build_sections(data: RunData, lang: str, citizen: str | None = None
                   ) -> tuple[list[Section], dict[str, Figure]]:
    """All sections of the run report; problems are appended to ``data.problems``."""
    P = data.problems
    roles = F.arm_roles(data.manifest)
    weekly, outcomes = data.get("weekly"), data.get("outcomes")
    funnel, staff, companies = data.get("funnel"), data.get("staff"), data.get("companies")
    people, source = _people(data)
    figs: dict[str, Figure] = {}
    sections: list[Section] = []

    def add(sec: Section, name: str, fn: Callable[[], Figure | None]) -> None:
        fig = _guard(P, name, lang, fn)
        if fig is not None and sec.add_figure(name, fig):
            figs[name] = fig

    trial = compares_with_trial(data.manifest)
    overview = Section("overview", t("in_short", lang), t("in_short_intro", lang))
    overview.add_html(in_short_html(outcomes, data.manifest, data.arms, lang))
    if trial and outcomes is not None:
        overview.add_html(f"<h3>{esc(t('trial_check', lang))}</h3>")
        overview.add_html(key_figures_table(outcomes, lang, roles))
    note = "reference_note" if trial else "reference_note_plain"
    overview.add_html(f'<p class="note">{esc(t(note, lang))}</p>')
    sections.append(overview)

    calendar = weekly is not None and "date" in weekly
    sec = Section("weeks", t("sec_weeks", lang),
                  t("intro_weeks_calendar" if calendar else "intro_weeks", lang))
    if weekly is not None:
        add(sec, "share_wage_hours", lambda: F.fig_weekly_metric(
            weekly, "share_wage_hours", lang, roles, "fig_share_hours", trial))
        add(sec, "mean_wage_hours", lambda: F.fig_weekly_metric(
            weekly, "mean_wage_hours", lang, roles, "fig_mean_hours", trial))
        add(sec, "share_in_placement", lambda: F.fig_weekly_metric(
            weekly, "share_in_placement", lang, roles, "fig_placement"))
    sections.append(sec)

    sec = Section("funnel", t("sec_funnel", lang), t("intro_funnel", lang))
    if funnel is not None:
        add(sec, "funnel", lambda: F.fig_funnel(funnel, lang, roles=roles))
    sections.append(sec)

    sec = Section("hours", t("sec_hours", lang), t("intro_hours", lang))
    add(sec, "hours_distribution", lambda: F.fig_hours_distribution(
        people, weekly, lang, source, roles=roles))
    sections.append(sec)

    sec = Section("placements", t("sec_placements", lang), t("intro_placements", lang))
    if outcomes is not None:
        add(sec, "targets", lambda: F.fig_targets(outcomes, lang, roles, trial))
    sections.append(sec)

    sec = Section("exits", t("sec_exits", lang), t("intro_exits", lang))
    if weekly is not None:
        add(sec, "status", lambda: F.fig_status(weekly, lang, roles=roles))
    if outcomes is not None:
        add(sec, "exits", lambda: F.fig_exits(outcomes, lang, roles=roles))
    sections.append(sec)

    sec = Section("wellbeing", t("sec_wellbeing", lang), t("intro_wellbeing", lang))
    if weekly is not None:
        add(sec, "wellbeing", lambda: F.fig_wellbeing(weekly, lang, roles=roles))
    sections.append(sec)

    sec = Section("organisation", t("sec_org", lang), t("intro_org", lang))
    odd = implausible_staffing((data.summary or {}).get("staffing") or {}, data.arms, lang)
    if odd:
        sec.add_html(f'<p class="warning">{esc(odd)}</p>')
    if staff is not None:
        add(sec, "organisation", lambda: F.fig_organisation(staff, lang, roles, trial))
        add(sec, "time_use", lambda: F.fig_time_use(staff, lang, roles))
    if weekly is not None:
        add(sec, "contact_changed", lambda: F.fig_weekly_metric(
            weekly, "share_contact_changed_ever", lang, roles, "fig_contact_changed"))
    sections.append(sec)

    sec = Section("companies", t("sec_companies", lang), t("intro_companies", lang))
    if companies is not None:
        add(sec, "companies", lambda: F.fig_companies(companies, lang, roles=roles))
        add(sec, "companies_hours", lambda: F.fig_companies_hours(companies, lang, roles=roles))
    sections.append(sec)

    sec = Section("municipality", t("sec_municipality", lang), t("intro_municipality", lang))
    if outcomes is not None:
        add(sec, "municipality", lambda: F.fig_municipality(outcomes, lang, roles=roles))
    sections.append(sec)

    sec = Section("subgroups", t("sec_subgroups", lang), t("intro_subgroups", lang))
    if outcomes is not None:
        add(sec, "subgroup_benefit", lambda: F.fig_subgroup_benefit(outcomes, lang, roles=roles))
    if people is not None:
        n = people[["replication", "arm", "citizen_id"]].drop_duplicates().shape[0]
        if source == "panel":
            n = n or data.panel_rows
        sec.add_html(f'<p class="note">{esc(t(f"run_sample_note_{source}", lang, n=n))}</p>')
        add(sec, "subgroup_people", lambda: F.fig_subgroup_people(people, lang, roles=roles))
    sections.append(sec)

    sec = Section("journey", t("sec_journey", lang), t("intro_journey", lang))
    jp = data.get("journeys")
    jsource = "journeys"
    if citizen is not None and (jp is None or not (jp["citizen_id"].astype(str) == citizen).any()):
        panel_path = data.path / "panel.parquet"
        if panel_path.exists():  # the full panel has everyone: read only this citizen
            extra: list[Problem] = []
            cid: Any = int(citizen) if citizen.isdigit() else citizen
            one = read_table(panel_path, ("citizen_id", "week", "wage_hours"), extra,
                             filters=[("citizen_id", "=", cid)])
            if one is not None:
                jp, jsource = one, "panel"
    if jp is not None:
        rows, found = pick_citizen(jp, citizen, str(data.manifest.get("config_hash", data.path)))
        if citizen is not None and not found:
            msg = t("run_journey_not_found", lang, cid=citizen,
                    source=t(f"source_{jsource}", lang))
            sec.add_html(f'<p class="note">{esc(msg)}</p>')
        if not rows.empty:
            r0 = rows.iloc[0]
            cid_shown = r0["citizen_id"]
            msg = t("run_journey_source", lang, source=t(f"source_{jsource}", lang),
                    rep=r0["replication"],
                    arm=t(str(r0["arm"]), lang))
            sec.add_html(f'<p class="note">{esc(msg)}</p>')
            add(sec, "journey", lambda: F.fig_journey(rows, lang, cid_shown))
            events = F.journey_events(rows, lang)
            sec.add_html('<ol class="journey">' + "".join(f"<li>{esc(e)}</li>" for e in events)
                         + "</ol>")
    sections.append(sec)

    about = Section("about", t("about_run", lang), t("about_note", lang))
    about.add_html(about_html(data.manifest, data.arms, lang, shown_folder(data.path)))
    sections.append(about)

    for s in sections:
        if s.key not in ("overview", "about") and not any(isinstance(b, tuple) for b in s.blocks):
            s.add_html(f'<p class="note">{esc(t("no_data_for", lang))}.</p>')
    return sections, figs


def shown_folder(path: Path) -> Path:
    """The folder a reader finds the run in.

    Why: ``jobfirst run`` builds the report while the run is still in its temporary folder
    ``.<name>.partial-<hex>``, which is renamed into place once everything is written
    (run/outputs.py); the page must name the folder the run ends up in.
    """
    m = TEMP_PATTERN.match(path.name)
    return path.parent / m.group("name") if m else path


def make_run_report(run_dir: Path, lang: str = "da", out: Path | None = None,
                    citizen: str | None = None) -> ReportResult:
    """Build the run report and return the file, the figures and the problems found."""
    check_lang(lang)
    run_dir = Path(run_dir)
    if not run_dir.is_dir():
        raise FileNotFoundError(f"run directory {run_dir} does not exist")
    data = load_run(run_dir)
    sections, figs = build_sections(data, lang, citizen)
    scen = data.manifest.get("scenario") or {}
    # the scenario's own words first; its file name, folder and seed are in "About this run"
    desc = " ".join(str(scen.get("description") or "").split())
    subtitle = desc if desc else str(scen.get("name", run_dir.name)).replace("_", " ")
    page = render_page(t("report_title", lang), subtitle, lang, sections,
                       missing_box(data.problems, lang))
    path = write_atomic(Path(out) if out else run_dir / "report.html", page)
    return ReportResult(path=path, figures=figs, problems=list(data.problems))
