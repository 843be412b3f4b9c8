"""The World and its stages: the week runs without a Mesa model, and the model room has
no import circle (stages and observation never reach back to the model that calls them).
"""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pytest
from small import small_trial
from test_layering import PACKAGE, circles, import_graph

from jobfirst_sim.model.jobcentre import WEEK, JobcentreModel
from jobfirst_sim.model.stages import (
    caseload,
)
from jobfirst_sim.model.state import Stage
from jobfirst_sim.model.world import World


def _week(w: World) -> None:
    """The model's week (:data:`WEEK`) on a bare World, without the recorder."""
    for stage in WEEK:
        stage(w)
    w.week += 1


def test_the_stages_need_no_mesa_model_and_the_model_only_calls_them():
    """Twenty weeks on a bare World leave every citizen and professional exactly as twenty
    steps of the Mesa model do (same seeds, same streams)."""
    scen = small_trial(n_kh=120, n_rf=40, weeks=30)
    model = JobcentreModel(scen, 7, 1)
    bare = World(scen, 7, 1)
    for _ in range(20):
        model.step()
        _week(bare)
    assert bare.week == model.week == 20
    for group in ("citizens", "staff", "companies"):
        ours, theirs = getattr(bare, group), getattr(model.world, group)
        for f in fields(ours):
            np.testing.assert_array_equal(getattr(ours, f.name), getattr(theirs, f.name),
                                          err_msg=f"{group}.{f.name}")
    assert (bare.comp_stats == model.world.comp_stats).all()
    assert bare.citizens.active.any() and (bare.citizens.wage_hours > 0).any()


def test_alive_is_shared_read_only_between_intake_and_exits():
    w = World(small_trial(n_kh=40, n_rf=10, weeks=20), 3, 0)
    w.begin_week()
    caseload.intake(w)
    w.freeze_alive()
    alive = w.alive()
    assert w.alive() is alive
    with pytest.raises(ValueError, match="read-only"):
        alive[0] = not alive[0]
    w.thaw_alive()
    assert w.alive() is not alive
    np.testing.assert_array_equal(w.alive(), alive)


def test_reach_marks_the_first_week_only_and_notes_progress():
    w = World(small_trial(n_kh=40, n_rf=10, weeks=20), 3, 0)
    c = w.citizens
    start = int(c.start_week[0])
    idx = np.flatnonzero(c.start_week == start)[:2]  # two who started the same week
    assert idx.size == 2
    w.reach(idx, Stage.cv, start + 2)
    np.testing.assert_array_equal(c.stage_week[idx, Stage.cv], [2, 2])
    w.reach(idx[:1], Stage.cv, start + 5)
    np.testing.assert_array_equal(c.stage_week[idx, Stage.cv], [2, 2])  # the first week stays
    np.testing.assert_array_equal(c.last_progress_week[idx], [5, 2])  # the progress moves
    w.reach(np.zeros(0, np.int64), Stage.cv, 9)  # nobody: nothing changes
    assert c.last_progress_week[0] == 5


def test_the_model_room_has_no_import_circle_and_stages_never_import_the_model():
    model_circles = [c for c in circles(PACKAGE) if any(".model." in m for m in c)]
    assert model_circles == []
    graph = import_graph(PACKAGE)
    lower = [m for m in graph if m.startswith(("jobfirst_sim.model.stages",
                                               "jobfirst_sim.model.observe",
                                               "jobfirst_sim.model.world",
                                               "jobfirst_sim.model.agents"))]
    assert lower
    for m in lower:
        assert "jobfirst_sim.model.jobcentre" not in graph[m], m
