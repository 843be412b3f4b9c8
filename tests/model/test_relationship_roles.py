"""Relationships per role and the causes of a change of contact person (issue 22 §1):
a BUM referral starts the consultant's own relationship and is no change of contact
person; long leave, reorganisation and status moves each change the primary person."""

from __future__ import annotations

import numpy as np
from small import small_trial

from jobfirst_sim.model.jobcentre import JobcentreModel

QUIET = {
    "arms.jobfirst.organisation.staff_turnover_per_year": 0.0,
    "arms.control.organisation.staff_turnover_per_year": 0.0,
    "behaviour.relationship.review_interval_weeks": 0,
    "behaviour.relationship.long_leave_yearly": 0.0,
    "behaviour.relationship.reorganisation_yearly": 0.0,
    "behaviour.relationship.partial_support_handover": 0.0,
    "behaviour.relationship.flexjob_handover": 0.0,
}


def _run(**over: object) -> JobcentreModel:
    model = JobcentreModel(small_trial(80, 20, weeks=40, **over), 7, 0)
    while model.week < model.total_weeks:
        model.step()
    return model


def test_a_referral_keeps_the_caseworker_and_is_no_change_of_contact_person() -> None:
    model = _run(**QUIET)
    c = model.citizens
    control = c.arm == 1  # the normal effort: BUM
    assert model.world.referrals[:, 1].sum() > 0  # referrals happened
    assert not c.contact_changes.any()  # none of them changed the primary person
    # the performing consultant built a relationship of their own, the caseworker kept theirs
    start = model.spec.behaviour.relationship.known_start
    assert np.any(c.known_co[control] != start)
    assert np.any(c.known[control] > c.known_co[control])


def test_each_cause_the_case_brings_changes_the_primary_person() -> None:
    base = _run(**QUIET).citizens.contact_changes.sum()
    assert base == 0
    for key in ("long_leave_yearly", "reorganisation_yearly"):
        over = QUIET | {f"behaviour.relationship.{key}": 1.0,
                        "behaviour.relationship.reorganisation_share": 1.0}
        c = _run(**over).citizens
        assert c.contact_changes.sum() > 0, key
        assert np.all(c.first_change_week[c.contact_changes > 0] >= 0)
    c = _run(**QUIET | {"behaviour.relationship.partial_support_handover": 1.0,
                        "behaviour.relationship.flexjob_handover": 1.0}).citizens
    assert c.contact_changes.sum() > 0
