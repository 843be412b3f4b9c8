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
