"""The relationship the professional holds (rules/relationship.py): knowledge and belief
stay in [0, 1], grow only with contact, and a change keeps at most the partner's share."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from rule_strategies import N, bools, small_settings, unit, units

from jobfirst_sim.model.rules import relationship


@small_settings
@given(units, bools, unit)
def test_knowledge_grows_only_with_contact_and_stays_a_share(known, contacted, gain):
    out = relationship.learn_citizen(known=known, contacted=contacted,
                                     known_gain_per_contact=gain)
    assert np.all((out >= 0) & (out <= 1))
    assert np.all(out >= known - 1e-12)
    assert np.array_equal(out[~contacted], known[~contacted])


@small_settings
@given(units, bools, bools, bools, unit)
def test_belief_follows_what_the_citizen_shows(belief, contacted, progressing, setback, adj):
    out = relationship.update_belief(belief=belief, contacted=contacted,
                                     progressing=progressing, setback=setback,
                                     belief_adjust=adj)
    assert np.all((out >= 0) & (out <= 1))
    assert np.array_equal(out[~contacted], belief[~contacted])  # nothing new is seen
    up = contacted & progressing & ~setback
    assert np.all(out[up] >= belief[up] - 1e-12)
    down = contacted & setback
    assert np.all(out[down] <= belief[down] + 1e-12)


@small_settings
@given(bools, bools, unit, units, units, unit)
def test_a_makkerskab_partner_keeps_more_than_a_stranger(mk, coloc, cover, coordination,
                                                         joint, joint_kept):
    kept = relationship.kept_on_change(makkerskab=mk, colocated=coloc, partner_cover=cover,
                                       coordination=coordination, joint=joint,
                                       joint_kept=joint_kept)
    assert np.all((kept >= 0) & (kept <= 1))
    assert np.all(kept[~mk] == 0)  # in the BUM split the new person starts from the file
    # a partner who sat in on the meetings keeps at least what coordination alone keeps
    alone = relationship.kept_on_change(makkerskab=mk, colocated=coloc, partner_cover=cover,
                                        coordination=coordination, joint=np.zeros(N),
                                        joint_kept=joint_kept)
    assert np.all(kept >= alone - 1e-12)


@small_settings
@given(units, unit, units)
def test_a_change_never_leaves_the_new_person_knowing_more(value, start, kept):
    out = relationship.after_change(value=value, start=start, kept=kept)
    assert np.all((out >= 0) & (out <= 1))
    assert np.all(out <= np.maximum(value, start) + 1e-12)
    assert np.all(out >= np.minimum(value, start) - 1e-12)
    fresh = relationship.after_change(value=value, start=start, kept=np.zeros(N))
    assert np.allclose(fresh, start)


@small_settings
@given(unit, units)
def test_absence_in_whole_weeks_at_the_given_share(share, u):
    assert np.array_equal(relationship.absent(absence_share=share, u=u), u < share)
