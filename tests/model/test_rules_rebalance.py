"""Caseload reviews (rules/rebalance.py): nobody is lost or moved across teams, the
overloaded end no higher than they began, receivers stay within their room, and only a
caseload over the tolerance gives anyone away."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from rule_strategies import small_settings

from jobfirst_sim.model.rules import rebalance


@st.composite
def teams(draw: st.DrawFn) -> dict[str, np.ndarray | float]:
    """Up to eight professionals in up to three teams, up to 60 citizens dealt to them."""
    k = draw(st.integers(1, 8))
    team = np.array(draw(st.lists(st.integers(0, 2), min_size=k, max_size=k)), np.int64)
    n = draw(st.integers(0, 60))
    owner = np.array(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)), np.int64)
    target = np.array(draw(st.lists(st.floats(0.0, 15.0), min_size=k, max_size=k)))
    movable = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), bool)
    order = np.array(draw(st.lists(st.floats(0.0, 1.0), min_size=n, max_size=n)))
    receiving = np.array(draw(st.lists(st.booleans(), min_size=k, max_size=k)), bool)
    tol = draw(st.floats(0.0, 1.0))
    return {"team": team, "owner": owner, "target": target, "movable": movable,
            "order": order, "receiving": receiving, "tol": tol}


def _review(s: dict[str, np.ndarray | float]) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                       np.ndarray]:
    owner, target = np.asarray(s["owner"]), np.asarray(s["target"])
    load = np.bincount(owner, minlength=target.size)
    give = rebalance.excess(caseload=load, target=target, tolerance=float(s["tol"]))
    take = rebalance.room(caseload=load, target=target, receiving=np.asarray(s["receiving"]))
    new = rebalance.reallocate(owner=owner, movable=np.asarray(s["movable"]),
                               order=np.asarray(s["order"]), team=np.asarray(s["team"]),
                               give=give, take=take)
    return load, give, take, new


@small_settings
@given(teams())
def test_nobody_lost_or_moved_across_teams(s):
    _, _, _, new = _review(s)
    owner, team = np.asarray(s["owner"]), np.asarray(s["team"])
    assert new.shape == owner.shape
    assert np.all((new >= 0) & (new < team.size))  # everyone still has a contact person
    assert np.array_equal(team[new], team[owner])
    moved = new != owner
    assert np.all(np.asarray(s["movable"])[moved])


@small_settings
@given(teams())
def test_moves_only_from_the_overloaded_and_within_room(s):
    load, give, take, new = _review(s)
    owner, target = np.asarray(s["owner"]), np.asarray(s["target"])
    moved = new != owner
    after = np.bincount(new, minlength=load.size)
    over = load > target * (1 + float(s["tol"]))
    assert np.all(over[owner[moved]])  # only a caseload over the tolerance gives
    assert np.all(after[over] <= load[over])
    assert np.all(load[over] - after[over] <= give[over])  # never more than the excess
    received = np.bincount(new[moved], minlength=load.size)
    assert np.all(received <= take)
    assert np.all(received[over] == 0)


@small_settings
@given(teams())
def test_the_least_known_citizens_move_first(s):
    _, _, _, new = _review(s)
    owner, order = np.asarray(s["owner"]), np.asarray(s["order"])
    movable = np.asarray(s["movable"])
    for p in np.unique(owner[new != owner]):
        mine = (owner == p) & movable
        gone, stayed = mine & (new != owner), mine & (new == owner)
        if stayed.any():
            assert order[gone].max() <= order[stayed].min()


def test_a_review_quarterly_and_never_at_the_start():
    due = [w for w in range(60) if rebalance.review_due(week=w, review_interval_weeks=13)]
    assert due == [13, 26, 39, 52]
    assert not any(rebalance.review_due(week=w, review_interval_weeks=0) for w in range(60))


def test_an_overloaded_caseworker_hands_the_excess_to_the_colleague_with_room():
    owner = np.array([0] * 14 + [1] * 6, np.int64)
    target = np.array([10.0, 10.0])
    load = np.bincount(owner, minlength=2)
    give = rebalance.excess(caseload=load, target=target, tolerance=0.2)
    take = rebalance.room(caseload=load, target=target, receiving=np.ones(2, bool))
    assert give.tolist() == [4, 0] and take.tolist() == [0, 4]
    order = np.linspace(1.0, 0.0, owner.size)
    new = rebalance.reallocate(owner=owner, movable=np.ones(owner.size, bool), order=order,
                               team=np.zeros(2, np.int64), give=give, take=take)
    assert np.bincount(new, minlength=2).tolist() == [10, 10]
    assert np.array_equal(np.flatnonzero(new != owner), np.arange(10, 14))  # least known
