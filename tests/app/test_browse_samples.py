"""Browser views drawn from sampled citizens (a municipality, a gender or age group) state
their N on the figure and drop the trial's national marks; the whole run keeps them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from report_support import as_go, real_run_dir

from jobfirst_sim.app import browse as B


def _trial_traces(fig: object) -> list[object]:
    return [tr for tr in as_go(fig).data if tr.legendgroup == "_trial"]


def _notes(fig: object) -> str:
    return " ".join(a.text for a in as_go(fig).layout.annotations)


def test_whole_run_keeps_trial_marks_municipality_drops_them() -> None:
    run = B.Entry("run", "r", real_run_dir())
    whole, _ = B.weekly_compare([run], "share_wage_hours", "kontanthjaelp", (0, 104), "da")
    assert _trial_traces(whole)  # the national trial figures belong to the whole run
    muni, note = B.weekly_compare([run], "share_wage_hours", "kontanthjaelp", (0, 104), "da",
                                  municipality="Aarhus")
    assert not _trial_traces(muni)
    text = _notes(muni)
    assert "Udsnit – borgere pr. gentagelse" in text and "landstal er ikke vist" in text
    assert "JobFirst" in text and "parquet" not in note


@pytest.mark.parametrize(("lang", "words"), [("da", "Stikprøve"), ("en", "Sample")])
def test_journeys_sample_states_n_per_arm(tmp_path: Path, lang: str, words: str) -> None:
    run = tmp_path / "run"
    shutil.copytree(real_run_dir(), run)
    (run / "panel.parquet").unlink(missing_ok=True)  # only the journeys sample is left
    entry = B.Entry("run", "r", run)
    fig, _ = B.subgroup_weekly(entry, "all", "all", "all", "all", (0, 104), lang)
    assert not _trial_traces(fig)
    text = _notes(fig)
    assert words in text
    counts = [int(x) for x in text.split(":")[1].split(".")[0].replace(",", " ").split()
              if x.isdigit()]
    assert counts and all(c > 0 for c in counts)


@pytest.mark.parametrize(("lang", "count"), [("da", "{num_selected} valgt"),
                                             ("en", "{num_selected} selected")])
def test_dropdown_words_follow_the_page_language(lang: str, count: str) -> None:
    from jobfirst_sim.app.browse.layout import dropdown

    dd = dropdown(lang, id="x", options=[], multi=True)
    if "labels" not in getattr(dd, "_prop_names", ()):
        pytest.skip("this Dash draws no words of its own in a dropdown")
    assert dd.labels["selected_count"] == count


def test_trial_marks_only_for_the_trial_replica() -> None:
    """A what-if run (``run.compare_with_trial`` off) declares treatment and control arms
    too, but is never drawn against the trial's figures: not alone, not in the subgroup
    view, and beside the replica only the replica's arms carry the marks."""
    from run_pages import whatif_run_dir

    trial, whatif = B.Entry("run", "r1", real_run_dir()), B.Entry("run", "w1", whatif_run_dir())
    assert "treatment" in B.data.entry_roles(whatif).values()  # marks would apply by role
    assert B.data.entry_compares_with_trial(trial)
    assert not B.data.entry_compares_with_trial(whatif)
    alone, _ = B.weekly_compare([whatif], "share_wage_hours", "kontanthjaelp", (0, 80), "en")
    assert not _trial_traces(alone)
    sub, _ = B.subgroup_weekly(whatif, "all", "all", "all", "all", (0, 80), "en")
    assert not _trial_traces(sub)
    both, _ = B.weekly_compare([trial, whatif], "share_wage_hours", "kontanthjaelp", (0, 80),
                               "en")
    marks = _trial_traces(both)
    assert marks and all("r1:" in m.hovertemplate.lower() and "w1:" not in m.hovertemplate.lower()
                         for m in marks)
    own, _ = B.weekly_compare([trial], "share_wage_hours", "kontanthjaelp", (0, 104), "en")
    assert len(_trial_traces(own)) == len(marks)
