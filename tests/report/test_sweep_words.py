"""A sweep in words (:mod:`jobfirst_sim.report.sweep_words`): levers as dimensions, levels
as words in reading order, outcomes named by the scenario's arm labels, long axis titles
wrapped."""

from __future__ import annotations

import pandas as pd
import pytest

from jobfirst_sim.report.sweep_data import with_arm_labels
from jobfirst_sim.report.sweep_figures import outcome_label
from jobfirst_sim.report.sweep_words import (
    AXIS_TITLE_WIDTH,
    axis_title,
    levels_in_order,
    lever_at,
    lever_names,
    outcome_axis,
    sweep_lever_label,
)


@pytest.mark.parametrize(("lang", "word"), [("da", "Rollemodel"), ("en", "Role model")])
def test_a_sweep_lever_names_a_dimension(lang: str, word: str) -> None:
    """``role_model`` in a sweep is which role model, not explain's change to makkerskab."""
    assert sweep_lever_label("role_model", lang) == word
    assert sweep_lever_label("arms.jobfirst.organisation.role_model", lang) == word
    assert lever_at("role_model", "makkerskab", lang) == f"{word}: " + (
        "Makkerskab" if lang == "da" else "Partnership")


def test_levers_that_read_alike_are_told_apart_by_their_arm() -> None:
    names = lever_names(["arms.jobfirst.organisation.caseload",
                         "arms.control.organisation.caseload", "role_model"], "da")
    assert names == {"arms.jobfirst.organisation.caseload": "Sagsstamme (JobFirst)",
                     "arms.control.organisation.caseload": "Sagsstamme (Normalindsats (kontrol))",
                     "role_model": "Rollemodel"}


@pytest.mark.parametrize(("values", "order"), [
    (["bum", "makkerskab", "jobformidler", "bum"], ["bum", "makkerskab", "jobformidler"]),
    ([True, False, True], [False, True]),
    ([55, 30, 41], [30, 41, 55]),
])
def test_levels_in_reading_order(values: list[object], order: list[object]) -> None:
    assert levels_in_order(pd.Series(values)) == order


@pytest.mark.parametrize(("lang", "text"), [
    ("da", "Andel med ordinære timer i borgerens egen uge 78 (Som i dag − Jobformidlere i "
           "makkerskab)"),
    ("en", "Share with ordinary hours in the citizen's own week 78 (As today − Job brokers in "
           "partnership)"),
])
def test_an_outcome_names_its_arms_by_the_scenarios_labels(lang: str, text: str) -> None:
    manifest = {"resolved_scenario": {"arms": [
        {"name": "today", "label": {"da": "Som i dag", "en": "As today"}},
        {"name": "proposed", "label": {"da": "Jobformidlere i makkerskab",
                                       "en": "Job brokers in partnership"}}]}}
    spec = {"metric": "share_with_hours_w78", "arm": "today", "minus_arm": "proposed"}
    labelled = with_arm_labels({"effect": spec}, manifest)["effect"]
    assert outcome_label("effect", labelled, lang) == text
    assert outcome_label("effect", spec, lang) != text  # without labels: the catalog's words


def test_long_titles_are_wrapped_and_differences_are_points() -> None:
    title = axis_title("Andel med ordinære timer i borgerens egen uge 78: forskel i procentpoint")
    assert all(len(line) <= AXIS_TITLE_WIDTH for line in title.split("<br>"))
    assert title.replace("<br>", " ") == ("Andel med ordinære timer i borgerens egen uge 78: "
                                          "forskel i procentpoint")
    scale, axis = outcome_axis("Andel", "da", share=True, difference=True)
    assert scale == 100.0 and "procentpoint" in axis["title_text"] and axis["automargin"]
    scale, axis = outcome_axis("Andel", "en", share=True, difference=False)
    assert scale == 1.0 and axis["tickformat"] == ".0%"
