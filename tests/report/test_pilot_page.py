"""The page of `jobfirst pilot`: both languages render, offline, with the manager's sentence
and the curves, and every figure is plain data plotly can draw."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from report_support import as_go

from jobfirst_sim.decide.pilot import UNIT_TEAM, PilotPlan, PilotRequest, plan_pilot
from jobfirst_sim.report.pilot import build_html, sentences, terminal_table, write_html
from jobfirst_sim.scenario import build_scenario, load_raw
from jobfirst_sim.scenario.loader import apply_overrides

ROOT = Path(__file__).resolve().parents[2]
MUNICIPALITY = ROOT / "experiments" / "benchmarks" / "pilot_municipality.yaml"
PLOTLY_BANNER = "plotly.js v"


@pytest.fixture(scope="module")
def plan() -> PilotPlan:
    raw = apply_overrides(load_raw(MUNICIPALITY), {
        "arms.today.citizens.kontanthjaelp": 90, "arms.today.citizens.ressourceforloeb": 30,
        "arms.jobfirst.citizens.kontanthjaelp": 8, "arms.jobfirst.citizens.ressourceforloeb": 2,
        "run.weeks_followed": 40, "population.intake_weeks": 6})
    return plan_pilot(PilotRequest(build_scenario(raw, "tiny"), "today", "jobfirst", pilots=3,
                                   week=30, sizes=(40, 120), seed=2))


@pytest.mark.parametrize(("lang", "words", "separators"), [
    ("da", ["Planlæg forsøget", "Kort fortalt", "Styrke uge for uge", "Sagsstamme"], ",."),
    ("en", ["Planning the pilot", "In short", "Power week by week", "Caseload"], ".,"),
])
def test_page_renders_offline_in_both_languages(plan: PilotPlan, lang: str, words: list[str],
                                                separators: str, tmp_path: Path):
    path = write_html(plan, tmp_path / "pilot.html", lang=lang)
    page = path.read_text(encoding="utf-8")
    assert f'lang="{lang}"' in page and f'"separators":"{separators}"' in page
    for word in words:
        assert word in page
    # three power figures, then the business case's year profile and tornado
    assert page.count(PLOTLY_BANNER) == 1 and page.count("Plotly.newPlot(") == 5
    external = re.findall(r"<(?:script|link|img|iframe)\b[^>]*(?:src|href)\s*=\s*[\"']?https?:",
                          page, flags=re.IGNORECASE)
    assert external == []
    assert not list(tmp_path.glob(".pilot.html.*"))  # written atomically


def test_figures_are_valid_plotly(plan: PilotPlan):
    _, figures = build_html(plan, "en")
    for fig in figures:
        as_go(fig)  # plotly validates every property


def test_sentence_names_size_unit_effect_power_and_week(plan: PilotPlan):
    text = sentences(plan, "en")
    said = " ".join(text)
    assert ("Share with ordinary hours in the citizen's own week 30 (among the citizens "
            "followed that long): As today") in said  # the arm's name, never its id
    assert re.match(r"With \d+ citizens randomised one by one, a pilot would detect the "
                     r"expected difference of [\d.]+ points \d+% of the time by week 30", text[0])
    assert "caseload by caseload" in said and "intra-cluster correlation" in said
    da = " ".join(sentences(plan, "da"))
    assert "borgere udtrukket én og én" in da and "procentpoint" in da


def test_terminal_table_has_a_row_per_size_and_unit(plan: PilotPlan):
    table = terminal_table(plan, "en")
    assert table.row_count == 4 and len(table.columns) == 9


@pytest.mark.parametrize(("icc", "said", "not_said"), [
    (-0.0003, "no more alike than citizens of different caseloads", "-0.000"),
    (0.0, "no more alike", "resemble each other"),
    (0.05, "resemble each other a little (intra-cluster correlation 0.050", "no more alike"),
])
def test_clustering_sentence_follows_the_estimate(plan: PilotPlan, icc: float, said: str,
                                                  not_said: str):
    """A caseload ICC that rounds to 0 or below is no clustering, said in words (never
    "resemble each other a little (… -0.000)"); a positive one is the design effect's cause."""
    table = plan.table.copy()
    table.loc[table["unit"] == UNIT_TEAM, "icc"] = icc
    text = " ".join(sentences(replace(plan, table=table), "en"))
    assert said in text and not_said not in text
