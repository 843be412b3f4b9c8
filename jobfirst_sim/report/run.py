"""The report of one run directory: which figures, in which sections, with which notes.

Why separate from :mod:`figures`: this module decides *what* a jobcentre leader sees and
in what order, and turns every missing table or failed figure into a sentence in the
"what is missing" box, so a broken run still yields a useful page instead of a traceback.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import jobfirst_sim.report.figures as F
from jobfirst_sim.report.data import Problem, RunData, load_run, read_table
from jobfirst_sim.report.figdata import Figure
from jobfirst_sim.report.headline import ReplicationValues, clip, level_text
from jobfirst_sim.report.html import Section, esc, render_page, table_html, write_atomic
from jobfirst_sim.report.labels import check_lang, t
from jobfirst_sim.report.result import ReportResult, guard_figure, missing_box
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


class _Page:
    """The run report being built: its data, language and arm roles, the figures drawn so
    far and a figure adder that turns a crash into a problem line."""

    def __init__(self, data: RunData, lang: str) -> None:
        self.data, self.lang = data, lang
        self.roles = F.arm_roles(data.manifest)
        self.trial = compares_with_trial(data.manifest)
        self.weekly, self.outcomes = data.get("weekly"), data.get("outcomes")
        self.people, self.source = _people(data)
        self.figs: dict[str, Figure] = {}

    def section(self, key: str, title: str, intro: str) -> Section:
        return Section(key, t(title, self.lang), t(intro, self.lang))

    def add(self, sec: Section, name: str, fn: Callable[[], Figure | None]) -> None:
        fig = guard_figure(self.data.problems, name, fn)
        if fig is not None and sec.add_figure(name, fig):
            self.figs[name] = fig

    def note(self, sec: Section, text: str, kind: str = "note") -> None:
        sec.add_html(f'<p class="{kind}">{esc(text)}</p>')


def _overview(p: _Page) -> Section:
    lang, outcomes = p.lang, p.outcomes
    sec = p.section("overview", "in_short", "in_short_intro")
    sec.add_html(in_short_html(outcomes, p.data.manifest, p.data.arms, lang))
    if p.trial and outcomes is not None:
        sec.add_html(f"<h3>{esc(t('trial_check', lang))}</h3>")
        sec.add_html(key_figures_table(outcomes, lang, p.roles))
    p.note(sec, t("reference_note" if p.trial else "reference_note_plain", lang))
    return sec


def _weeks(p: _Page) -> Section:
    weekly, lang, roles, trial = p.weekly, p.lang, p.roles, p.trial
    calendar = weekly is not None and "date" in weekly
    sec = p.section("weeks", "sec_weeks", "intro_weeks_calendar" if calendar else "intro_weeks")
    if weekly is not None:
        p.add(sec, "share_wage_hours", lambda: F.fig_weekly_metric(
            weekly, "share_wage_hours", lang, roles, "fig_share_hours", trial))
        p.add(sec, "mean_wage_hours", lambda: F.fig_weekly_metric(
            weekly, "mean_wage_hours", lang, roles, "fig_mean_hours", trial))
        p.add(sec, "share_in_placement", lambda: F.fig_weekly_metric(
            weekly, "share_in_placement", lang, roles, "fig_placement"))
    return sec


def _flow(p: _Page) -> list[Section]:
    """Funnel, hours, placements, exits and wellbeing: one figure family each."""
    weekly, outcomes, lang, roles = p.weekly, p.outcomes, p.lang, p.roles
    funnel = p.data.get("funnel")
    sec = p.section("funnel", "sec_funnel", "intro_funnel")
    if funnel is not None:
        p.add(sec, "funnel", lambda: F.fig_funnel(funnel, lang, roles=roles))
    hours = p.section("hours", "sec_hours", "intro_hours")
    p.add(hours, "hours_distribution", lambda: F.fig_hours_distribution(
        p.people, weekly, lang, p.source, roles=roles))
    placements = p.section("placements", "sec_placements", "intro_placements")
    if outcomes is not None:
        p.add(placements, "targets", lambda: F.fig_targets(outcomes, lang, roles, p.trial))
    exits = p.section("exits", "sec_exits", "intro_exits")
    if weekly is not None:
        p.add(exits, "status", lambda: F.fig_status(weekly, lang, roles=roles))
    if outcomes is not None:
        p.add(exits, "exits", lambda: F.fig_exits(outcomes, lang, roles=roles))
    wellbeing = p.section("wellbeing", "sec_wellbeing", "intro_wellbeing")
    if weekly is not None:
        p.add(wellbeing, "wellbeing", lambda: F.fig_wellbeing(weekly, lang, roles=roles))
    return [sec, hours, placements, exits, wellbeing]


def _organisation(p: _Page) -> Section:
    weekly, lang, roles, data = p.weekly, p.lang, p.roles, p.data
    staff = data.get("staff")
    sec = p.section("organisation", "sec_org", "intro_org")
    odd = implausible_staffing((data.summary or {}).get("staffing") or {}, data.arms, lang)
    if odd:
        p.note(sec, odd, "warning")
    if staff is not None:
        p.add(sec, "organisation", lambda: F.fig_organisation(staff, lang, roles, p.trial))
        p.add(sec, "time_use", lambda: F.fig_time_use(staff, lang, roles))
    if weekly is not None:
        p.add(sec, "contact_changed", lambda: F.fig_weekly_metric(
            weekly, "share_contact_changed_ever", lang, roles, "fig_contact_changed"))
    return sec


def _places(p: _Page) -> list[Section]:
    """Companies, municipalities and subgroups."""
    outcomes, people, lang, roles = p.outcomes, p.people, p.lang, p.roles
    companies = p.data.get("companies")
    sec = p.section("companies", "sec_companies", "intro_companies")
    if companies is not None:
        p.add(sec, "companies", lambda: F.fig_companies(companies, lang, roles=roles))
        p.add(sec, "companies_hours",
              lambda: F.fig_companies_hours(companies, lang, roles=roles))
    muni = p.section("municipality", "sec_municipality", "intro_municipality")
    if outcomes is not None:
        p.add(muni, "municipality", lambda: F.fig_municipality(outcomes, lang, roles=roles))
    sub = p.section("subgroups", "sec_subgroups", "intro_subgroups")
    if outcomes is not None:
        p.add(sub, "subgroup_benefit",
              lambda: F.fig_subgroup_benefit(outcomes, lang, roles=roles))
    if people is not None:
        n = people[["replication", "arm", "citizen_id"]].drop_duplicates().shape[0]
        if p.source == "panel":
            n = n or p.data.panel_rows
        p.note(sub, t(f"run_sample_note_{p.source}", lang, n=n))
        p.add(sub, "subgroup_people", lambda: F.fig_subgroup_people(people, lang, roles=roles))
    return [sec, muni, sub]


def _journey_rows(data: RunData, citizen: str | None) -> tuple[pd.DataFrame | None, str]:
    """The journeys table, or only ``citizen``'s rows of the full panel when the journeys
    (a sample) do not hold them."""
    jp = data.get("journeys")
    if citizen is None or (jp is not None and (jp["citizen_id"].astype(str) == citizen).any()):
        return jp, "journeys"
    panel_path = data.path / "panel.parquet"
    if panel_path.exists():  # the full panel has everyone: read only this citizen
        extra: list[Problem] = []
        cid: Any = int(citizen) if citizen.isdigit() else citizen
        one = read_table(panel_path, ("citizen_id", "week", "wage_hours"), extra,
                         filters=[("citizen_id", "=", cid)])
        if one is not None:
            return one, "panel"
    return jp, "journeys"


def _journey(p: _Page, citizen: str | None) -> Section:
    lang, data = p.lang, p.data
    sec = p.section("journey", "sec_journey", "intro_journey")
    jp, jsource = _journey_rows(data, citizen)
    if jp is None:
        return sec
    rows, found = pick_citizen(jp, citizen, str(data.manifest.get("config_hash", data.path)))
    source = t(f"source_{jsource}", lang)
    if citizen is not None and not found:
        p.note(sec, t("run_journey_not_found", lang, cid=citizen, source=source))
    if not rows.empty:
        r0 = rows.iloc[0]
        cid_shown = r0["citizen_id"]
        p.note(sec, t("run_journey_source", lang, source=source, rep=r0["replication"],
                      arm=t(str(r0["arm"]), lang)))
        p.add(sec, "journey", lambda: F.fig_journey(rows, lang, cid_shown))
        events = F.journey_events(rows, lang)
        sec.add_html('<ol class="journey">' + "".join(f"<li>{esc(e)}</li>" for e in events)
                     + "</ol>")
    return sec


def build_sections(data: RunData, lang: str, citizen: str | None = None
                   ) -> tuple[list[Section], dict[str, Figure]]:
    """All sections of the run report; problems are appended to ``data.problems``.

    Why one builder per section (or family of sections): the page's order reads here in
    one line, and each builder is small enough to read whole.
    """
    p = _Page(data, lang)
    sections = [_overview(p), _weeks(p), *_flow(p), _organisation(p), *_places(p),
                _journey(p, citizen)]
    about = Section("about", t("about_run", lang), t("about_note", lang))
    about.add_html(about_html(data.manifest, data.arms, lang, shown_folder(data.path)))
    sections.append(about)
    for s in sections:
        if s.key not in ("overview", "about") and not any(isinstance(b, tuple) for b in s.blocks):
            s.add_html(f'<p class="note">{esc(t("no_data_for", lang))}.</p>')
    return sections, p.figs


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
