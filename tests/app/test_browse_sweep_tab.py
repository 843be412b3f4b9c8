"""The browser's sweep tab in words (issue 23 §3): no outcome key (``t1_effect``), no lever
path or key ("(role_model)", ``arms.…``), no raw level (``bum``, ``True``) in its choices
or its figure, in Danish and English; shares in per cent, a difference of shares in
percentage points; a long axis title wrapped so the page cannot clip it.

The choices and the figure are read through the app's own callbacks (Flask's test client),
as the page receives them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from dash_requests import Post
from report_support import as_go, make_fake_sweep, real_sweep_dirs

import jobfirst_sim.app.browse as B
from jobfirst_sim.report.figures import ARM_FIXED, arm_colours
from jobfirst_sim.report.sweep_words import AXIS_TITLE_WIDTH

LANGS = ("da", "en")
CV = "arms.jobfirst.practice.cv_at_start"
RAW = ("t1_effect", "t2_jobfirst", "arms.", "organisation.", "practice.", "role_model",
       "cv_at_start", "caseload", "bum", "makkerskab", "True", "False", "nan")
"""Names from the experiment file and stored values that a manager must never read
(``caseload`` in lower case is the field; the word is "Sagsstamme" / "Caseload")."""


def role_model_sweep(dst: Path) -> Path:
    """A copy of the real factorial sweep whose ``cv_at_start`` lever is a categories lever
    named ``role_model`` (BUM split or partnership), as experiments/caseload_x_roles.yaml
    declares it: a lever without a dot and levels that are names."""
    shutil.copytree(real_sweep_dirs()["factorial"], dst)
    for table in ("experiments", "summary"):
        f = dst / f"{table}.parquet"
        df = pd.read_parquet(f)
        df["role_model"] = df.pop(CV).map({False: "bum", True: "makkerskab"})
        df.to_parquet(f, index=False)
    return dst


def texts(fig: dict[str, Any]) -> list[str]:
    """Every text a reader of the figure sees: title, axis titles, category ticks, trace
    names and hover texts."""
    g = as_go(fig)
    out = [str(g.layout.title.text)]
    for axis in (g.layout.xaxis, g.layout.yaxis):
        out.append(str(axis.title.text))
        out += [str(c) for c in axis.categoryarray or ()]
    for tr in g.data:
        out.append(str(tr.name))
        out += [str(x) for x in tr.x if isinstance(x, str)]
        out += [str(h) for h in tr.hovertext or ()]
    return out


def client(sweep: Path, lang: str) -> Any:
    return B.make_app([sweep], lang=lang).server.test_client()


def answer(post: Post, c: Any, callback: str, values: dict[str, Any]) -> dict[str, Any]:
    r = post(c, callback, {"runs": [], **values})
    assert r.status == 200, r.text
    body: dict[str, Any] = json.loads(r.text)["response"]
    return body


@pytest.mark.parametrize("lang", LANGS)
def test_choices_are_words(tmp_path: Path, post: Post, lang: str) -> None:
    sweep = role_model_sweep(tmp_path / "roles")
    c = client(sweep, lang)
    got = answer(post, c, "sweep_opts", {"sweep": "roles"})
    outcomes = got["sweep-outcome"]["options"]
    levers = got["sweep-lever"]["options"]
    assert [o["value"] for o in outcomes] == ["t1_effect", "t2_jobfirst"]
    assert {lv["value"] for lv in levers} == {"arms.jobfirst.organisation.caseload",
                                              "role_model"}
    shown = [o["label"] for o in outcomes + levers]
    for raw in RAW:
        assert not any(raw in s for s in shown), (raw, shown)
    assert ("Rollemodel" if lang == "da" else "Role model") in shown
    assert ("Sagsstamme" if lang == "da" else "Caseload") in shown


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("lever", ["role_model", "arms.jobfirst.organisation.caseload"])
def test_figure_is_words_and_percentage_points(tmp_path: Path, post: Post, lang: str,
                                               lever: str) -> None:
    sweep = role_model_sweep(tmp_path / "roles")
    c = client(sweep, lang)
    fig = answer(post, c, "sweep", {"sweep": "roles", "sweep-outcome": "t1_effect",
                                    "sweep-lever": lever})["sweep-graph"]["figure"]
    shown = texts(fig)
    for raw in RAW:
        assert not any(raw in s for s in shown), (raw, shown)
    g = as_go(fig)
    if lever == "role_model":  # named levels, in the order the experiment declares them
        assert list(g.layout.xaxis.categoryarray) == (
            ["BUM-model", "Makkerskab"] if lang == "da" else ["BUM split", "Partnership"])
    # t1_effect is jobfirst − control of a share: percentage points, not 0,16
    y = pd.Series([v for tr in g.data for v in tr.y], dtype=float)
    stored = pd.read_parquet(sweep / "summary.parquet").query("outcome == 't1_effect'")
    assert y.abs().max() == pytest.approx(100 * stored["mean"].abs().max())
    title = str(g.layout.yaxis.title.text)
    assert ("procentpoint" if lang == "da" else "percentage points") in title
    hover = " ".join(h for tr in g.data for h in tr.hovertext)
    assert ("pct.-point" if lang == "da" else "\u00a0pp") in hover
    # the other lever's levels tell points at the same x apart, in colours no arm wears
    assert len(g.data) == 2 and all(tr.name for tr in g.data)
    worn = {*ARM_FIXED.values(), *arm_colours(["jobfirst", "control"],
                                                {"jobfirst": "alternative",
                                                 "control": "alternative"}).values()}
    assert not {tr.marker.color for tr in g.data} & worn


@pytest.mark.parametrize("lang", LANGS)
def test_a_share_is_in_per_cent(tmp_path: Path, lang: str) -> None:
    """A share of one arm (not a difference): ticks as per cent, hover by the locale."""
    sweep = B.Entry("sweep", "big", make_fake_sweep(tmp_path / "big", points=12, reps=2))
    fig = as_go(B.sweep_points(sweep, "t1_jobfirst", "arms.jobfirst.organisation.caseload",
                               lang))
    assert fig.layout.yaxis.tickformat == ".0%"
    assert fig.layout.separators == ("," if lang == "da" else ".") + (
        "." if lang == "da" else ",")
    hover = fig.data[0].hovertext[0]
    assert hover.endswith("\u00a0%" if lang == "da" else "%") and "0," not in hover[-8:]


@pytest.mark.parametrize("lang", LANGS)
def test_long_axis_title_is_wrapped_with_room(tmp_path: Path, post: Post, lang: str) -> None:
    """The y title ("Andel med ordinære timer i borgerens egen uge 78 …") ran past the plot's
    top and bottom and was cut: it is broken into short lines and the margin grows."""
    c = client(real_sweep_dirs()["factorial"], lang)
    fig = answer(post, c, "sweep", {"sweep": "factorial", "sweep-outcome": "t1_effect"})
    y = as_go(fig["sweep-graph"]["figure"]).layout.yaxis
    lines = str(y.title.text).split("<br>")
    assert len(lines) >= 2 and all(len(line) <= AXIS_TITLE_WIDTH for line in lines), lines
    assert y.automargin is True


@pytest.mark.parametrize("lang", LANGS)
def test_drill_note_names_the_point_in_words(post: Post, lang: str) -> None:
    c = client(real_sweep_dirs()["factorial"], lang)
    got = answer(post, c, "drill", {"sweep": "factorial",
                                    "sweep-graph": {"points": [{"customdata": 3}]}})
    note = got["drill-note"]["children"]
    assert note.startswith("Designpunkt 3 (" if lang == "da" else "Design point 3 (")
    assert ("Sagsstamme" if lang == "da" else "Caseload") in note and "arms." not in note
