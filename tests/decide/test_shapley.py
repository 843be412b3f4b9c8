"""Shapley values of the levers (decide/shapley.py): the parts add up to the total, a lever
that changes nothing gets exactly 0, symmetric levers get the same, sampled orders agree
with the exact value within their Monte Carlo error, and on the model itself the split of
a real difference adds up replication by replication."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from small import near_pair, small_trial

from jobfirst_sim.decide import shapley as sh
from jobfirst_sim.decide.explain import ExplainRequest

PLAYERS = ("a", "b", "c", "d")


def game(main: dict[str, float], pairs: dict[tuple[str, str], float], reps: int = 3,
         noise: float = 0.0) -> dict[frozenset[str], np.ndarray]:
    """A toy value function: main effects plus pairwise interactions, per replication."""
    rng = np.random.default_rng(0)
    base = rng.normal(0, noise, reps)
    out = {}
    for c in sh.all_coalitions(list(main)):
        # summed in a fixed order: a null player's 0.0 then changes no bit of the value
        v = (sum(main[p] for p in sorted(c))
             + sum(w for (p, q), w in sorted(pairs.items()) if p in c and q in c))
        out[c] = base + v
    return out


mains = st.fixed_dictionaries({p: st.floats(-5, 5) for p in PLAYERS})
interactions = st.fixed_dictionaries({pq: st.floats(-3, 3)
                                      for pq in itertools.combinations(PLAYERS, 2)})


@settings(max_examples=40, deadline=None)
@given(mains, interactions)
def test_exact_parts_add_up_and_split_each_interaction_in_half(main, pairs):
    v = game(main, pairs, noise=1.0)
    phi = sh.exact(list(PLAYERS), v)
    total = v[frozenset(PLAYERS)] - v[frozenset()]
    np.testing.assert_allclose(sum(phi.values()), total, atol=1e-9)  # efficiency, per rep
    for p in PLAYERS:  # main effect plus half of every pair it is in
        expect = main[p] + sum(w / 2 for pq, w in pairs.items() if p in pq)
        np.testing.assert_allclose(phi[p], expect, atol=1e-9)


@settings(max_examples=30, deadline=None)
@given(mains, interactions)
def test_a_lever_that_changes_nothing_gets_exactly_zero(main, pairs):
    main = {**main, "d": 0.0}
    pairs = {pq: (0.0 if "d" in pq else w) for pq, w in pairs.items()}
    phi = sh.exact(list(PLAYERS), game(main, pairs))
    assert np.all(phi["d"] == 0.0)


def test_symmetric_levers_get_the_same():
    phi = sh.exact(list(PLAYERS), game({"a": 1, "b": 1, "c": 2, "d": 0},
                                       {("a", "b"): 2.0, ("a", "c"): 1.0, ("b", "c"): 1.0}))
    np.testing.assert_allclose(phi["a"], phi["b"])


def with_triple(v: dict[frozenset[str], np.ndarray], triple: frozenset[str], size: float
                ) -> dict[frozenset[str], np.ndarray]:
    """``v`` plus a three-way interaction: what an order and its reverse do not cancel."""
    return {c: x + (size if triple <= c else 0.0) for c, x in v.items()}


def test_sampled_orders_add_up_exactly_and_agree_with_exact_within_their_error():
    main = {"a": 1.0, "b": -0.5, "c": 2.0, "d": 0.3}
    pairs = {("a", "b"): 1.5, ("b", "c"): -2.0, ("c", "d"): 0.7}
    v = with_triple(game(main, pairs), frozenset("abc"), 3.0)
    perms = sh.orders(list(PLAYERS), 40, seed=3)
    parts, err = sh.sampled(list(PLAYERS), v, perms)
    np.testing.assert_allclose(sum(parts.values()), v[frozenset(PLAYERS)] - v[frozenset()])
    exact = sh.exact(list(PLAYERS), v)
    for p in PLAYERS:
        assert err[p] > 0
        assert abs(float(parts[p].mean()) - float(exact[p].mean())) <= 4 * err[p] + 1e-9, p
    assert set(sh.prefixes(perms)) <= set(sh.all_coalitions(list(PLAYERS)))


def test_weights_sum_to_one_over_orders():
    n = 5
    total = sum(sh.weight(k, n) * len(list(itertools.combinations(range(n - 1), k)))
                for k in range(n))
    assert total == pytest.approx(1.0)


@pytest.mark.slow
def test_on_the_model_the_parts_add_up_to_the_difference_in_every_replication():
    scen = near_pair()
    res = sh.shapley(ExplainRequest(scen, "control", "jobfirst", replications=2, seed=11))
    assert res.method == "exact" and set(res.parts) == {"caseload", "cv_at_start",
                                                        "work_agreement"}
    assert res.simulations == 2 ** 3 * 2
    np.testing.assert_allclose(sum(res.parts.values()), res.total, atol=1e-12)
    tab = res.table()
    assert list(tab["lever"]) == ["caseload", "cv_at_start", "work_agreement", "total"]
    assert tab["mc_error"].eq(0).all()


def test_identical_designs_have_nothing_to_split():
    same = {f"municipalities.{i}.caseload.{arm}": 40 for i in range(15)
            for arm in ("control", "jobfirst")}
    scen = small_trial(n_kh=40, n_rf=10, weeks=80, **{"arms.control.design": "jobfirst"},
                       **same)
    res = sh.shapley(ExplainRequest(scen, "control", "jobfirst", replications=1, seed=2))
    assert res.parts == {} and np.all(res.total == 0.0)


def test_antithetic_pairs_of_a_pairwise_game_have_no_monte_carlo_error():
    """In a game of main effects and pairwise interactions an order and its reverse
    together credit each player its Shapley value exactly, so every pair's mean is the
    same and the estimate has no Monte Carlo error; counted as independent orders (the
    old error) the spread between an order and its reverse made it look uncertain."""
    main = {"a": 1.0, "b": -0.5, "c": 2.0, "d": 0.3}
    pairs = {("a", "b"): 1.5, ("b", "c"): -2.0, ("c", "d"): 0.7}
    v = game(main, pairs)
    perms = sh.orders(list(PLAYERS), 12, seed=5)
    parts, err = sh.sampled(list(PLAYERS), v, perms)
    exact = sh.exact(list(PLAYERS), v)
    naive = {p: np.std([float(x.mean()) for x in c], ddof=1) / np.sqrt(len(c))
             for p, c in sh.contributions(list(PLAYERS), v, perms).items()}
    for p in PLAYERS:
        np.testing.assert_allclose(parts[p], exact[p], atol=1e-9)
        assert err[p] == pytest.approx(0.0, abs=1e-9), p
    assert max(naive.values()) > 0.1  # what the error said before


@settings(max_examples=25, deadline=None)
@given(mains, interactions, st.floats(-4, 4), st.integers(2, 20), st.integers(0, 99))
def test_the_error_is_the_standard_error_of_the_pairs_means(main, pairs, triple, n, seed):
    v = with_triple(game(main, pairs), frozenset("bcd"), triple)
    perms = sh.orders(list(PLAYERS), 2 * n, seed=seed)
    assert sh.pair_units(perms) == [[2 * i, 2 * i + 1] for i in range(n)]
    _, err = sh.sampled(list(PLAYERS), v, perms)
    contrib = sh.contributions(list(PLAYERS), v, perms)
    for p in PLAYERS:
        per_order = np.array([float(x.mean()) for x in contrib[p]])
        pair_means = per_order.reshape(n, 2).mean(axis=1)
        expect = pair_means.std(ddof=1) / np.sqrt(n)
        assert err[p] == pytest.approx(expect, rel=1e-9, abs=1e-12), p


def test_an_odd_count_leaves_the_last_order_a_draw_of_its_own():
    perms = sh.orders(list(PLAYERS), 5, seed=1)
    assert sh.pair_units(perms) == [[0, 1], [2, 3], [4]]
    v = with_triple(game(dict.fromkeys(PLAYERS, 1.0), {}), frozenset("abc"), 2.0)
    _, err = sh.sampled(list(PLAYERS), v, perms)
    assert all(np.isfinite(e) and e >= 0 for e in err.values())
