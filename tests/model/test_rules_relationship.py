"""The relationship the professional holds (rules/relationship.py): knowledge and belief
stay in [0, 1], grow only with contact, and a change keeps at most the partner's share."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
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


statuses = arrays(np.int64, N, elements=st.integers(0, 5))


@small_settings
@given(statuses, statuses, unit, unit, units)
def test_only_a_change_of_status_moves_a_case(before, after, partial, flex, u):
    moved = relationship.status_moves_case(before=before, after=after,
                                           partial_support_handover=partial,
                                           flexjob_handover=flex, u=u)
    assert not np.any(moved[before == after])  # no change, no move
    # self-sufficiency and exits end the case rather than move it
    assert not np.any(moved[np.isin(after, (2, 4, 5))])
    # with no chance of a move, nothing moves
    none = relationship.status_moves_case(before=before, after=after,
                                          partial_support_handover=0.0,
                                          flexjob_handover=0.0, u=u)
    assert not none.any()
    # a higher chance never moves fewer cases
    more = relationship.status_moves_case(before=before, after=after,
                                          partial_support_handover=max(partial, 0.5),
                                          flexjob_handover=max(flex, 0.5), u=u)
    assert np.all(more[moved])


@small_settings
@given(unit, unit, units)
def test_long_leave_is_a_weekly_hazard_rising_with_the_yearly_chance(p, q, u):
    low, high = sorted((p, q))
    a = relationship.long_leave(long_leave_yearly=low, u=u)
    b = relationship.long_leave(long_leave_yearly=high, u=u)
    assert np.all(b[a])
    assert not relationship.long_leave(long_leave_yearly=0.0, u=u).any()
    # a weekly hazard is never above the yearly chance
    assert np.all(u[a] < low + 1e-12)


@small_settings
@given(arrays(np.int64, N, elements=st.integers(0, 3)), arrays(np.float64, 4, elements=unit),
       units, unit, unit)
def test_a_reorganisation_moves_cases_only_in_a_reorganised_team(team, u_team, u_case,
                                                                  yearly, share):
    moved = relationship.reorganised_cases(team=team, u_team=u_team, u_case=u_case,
                                           reorganisation_yearly=yearly,
                                           reorganisation_share=share)
    weekly = 1.0 - (1.0 - yearly) ** (1.0 / 52.0)
    assert not np.any(moved[u_team[team] >= weekly])
    assert not np.any(moved[u_case >= share])
    assert not relationship.reorganised_cases(
        team=team, u_team=u_team, u_case=u_case, reorganisation_yearly=0.0,
        reorganisation_share=share).any()
