"""The company's statement on the CV (rules/cv.py): mastery stays a share, the next
placement never starts with more than the statement holds, and without a CV nothing is
written."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from rule_strategies import bools, small_settings, unit, units

from jobfirst_sim.model.rules import cv


@small_settings
@given(bools, units, unit, units)
def test_a_statement_only_for_a_mastered_task_on_a_cv(has_cv, mastery, threshold, recorded):
    out = cv.statement(has_cv=has_cv, mastery=mastery, mastery_threshold=threshold,
                       recorded=recorded)
    assert np.all((out >= 0) & (out <= 1))
    assert np.array_equal(out[~has_cv], recorded[~has_cv])  # no CV: nothing written
    writes = has_cv & (mastery >= threshold)
    assert np.array_equal(out[writes], mastery[writes])
    assert np.array_equal(out[~writes], recorded[~writes])


@small_settings
@given(units, bools, unit, unit)
def test_never_more_carried_than_the_statement_holds(recorded, same, share_same, share_other):
    out = cv.carried_mastery(recorded=recorded, same_sector=same,
                             carry_same_sector=share_same, carry_other_sector=share_other)
    assert np.all((out >= 0) & (out <= recorded + 1e-12))
    none = cv.carried_mastery(recorded=np.zeros(recorded.size), same_sector=same,
                              carry_same_sector=share_same, carry_other_sector=share_other)
    assert np.all(none == 0)  # no statement, nothing carried
    if share_same >= share_other:
        other = cv.carried_mastery(recorded=recorded, same_sector=np.zeros(same.size, bool),
                                   carry_same_sector=share_same,
                                   carry_other_sector=share_other)
        assert np.all(out >= other - 1e-12)
