"""Shapley values of the levers: a split of the total difference that no order decides.

Why: the cumulative path of :mod:`jobfirst_sim.decide.explain` credits a lever with what it
adds *after* the levers before it, so the order decides the answer, and in the trial
replica the interaction remainder can be as large as the single levers together. The
Shapley value of a lever is its marginal contribution averaged over every order in which
the levers could be switched on, so the parts

* add up to the total difference (efficiency) — exactly, replication by replication;
* give a lever that changes nothing exactly 0 (null player);
* treat two levers that act alike alike (symmetry).

With few differing levers every coalition is run (exact); with many, random orders of the
levers are sampled and each part carries a stated Monte Carlo error besides its 95 %
interval over replications. The orders come in antithetic pairs (an order and its
reverse), so the error is the standard error over the pairs' means, the independent
draws (:func:`pair_units`), not over single orders. Every coalition is a variant of arm
A with those of B's levers switched, run on A's citizens with common random numbers (the
same recipe as ``explain``), through the one executor layer.

**Under an ensemble** (``--uncertainty parameters``) the split is averaged over members:

* *exact*: every coalition runs under every member (the study spine's member axis); the
  exact split of each run adds up to that run's total, the parts' intervals combine
  parameter and noise uncertainty (:mod:`.member_runs`), and each part's error is the
  standard error of the members' weighted mean from their spread (0 with one member);
* *sampled*: the orders are drawn as without an ensemble, from the root seed (so they are
  the same for the same scenario and seed), at least one antithetic pair per member and
  as many pairs for each (the orders asked for, rounded up to a multiple of 2 × members).
  Pair ``p`` (orders ``2p`` and ``2p + 1``, an order and its reverse) runs under member
  ``p mod K`` and passes only through its own coalitions under that member. A member's
  part is the mean of its orders' marginal contributions, so it adds up to that member's
  total in every replication, and the split adds up to the total; the error is the
  standard error over antithetic pairs (each pair's mean one draw), each weighted by its
  member's weight shared among the member's pairs (with equal weights the plain standard
  error over pairs, the member spread included).

A one-member ensemble is the noise-only computation exactly.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Final

import numpy as np
import pandas as pd

from jobfirst_sim.decide.business.payers import PAYERS
from jobfirst_sim.decide.coalition_cost import (
    Costed,
    KeepCosted,
    cost_values,
    observed_values,
    outcome_runs,
)
from jobfirst_sim.decide.explain import (
    ExplainRequest,
    check_metric,
    prepared,
    study_request,
    values_of,
)
from jobfirst_sim.decide.levers import Lever, counterfactual, find_levers
from jobfirst_sim.decide.member_runs import weighted_se
from jobfirst_sim.run.study import Run, run_study
from jobfirst_sim.scenario.schema import Scenario

EXACT_MAX: Final = 8
"""Most levers for the exact method: 2^8 = 256 coalitions; beyond, orders are sampled."""

Coalition = frozenset[str]


def weight(size: int, n: int) -> float:
    """Shapley weight of a coalition of ``size`` others among ``n`` players:
    ``size! (n − size − 1)! / n!`` (the share of orders in which exactly they come first)."""
    return math.factorial(size) * math.factorial(n - size - 1) / math.factorial(n)


def all_coalitions(players: Sequence[str]) -> list[Coalition]:
    """Every subset of ``players``, smallest first."""
    return [frozenset(c) for k in range(len(players) + 1) for c in combinations(players, k)]


def exact(players: Sequence[str], value: Mapping[Coalition, np.ndarray]
          ) -> dict[str, np.ndarray]:
    """Shapley value of every player from the value of every coalition.

    ``value[S]`` may be an array (one value per replication): the parts are computed
    element-wise, so they add up to ``value[all] − value[none]`` in every replication.
    """
    n = len(players)
    out: dict[str, np.ndarray] = {}
    for p in players:
        others = [q for q in players if q != p]
        total = np.zeros_like(np.asarray(value[frozenset()], float))
        for k in range(n):
            w = weight(k, n)
            for c in combinations(others, k):
                s = frozenset(c)
                gain = np.asarray(value[s | {p}], float) - np.asarray(value[s], float)
                total = total + w * gain
        out[p] = total
    return out


def orders(players: Sequence[str], count: int, seed: int) -> list[tuple[str, ...]]:
    """``count`` random orders of the players (antithetic: each order and its reverse, which
    lowers the Monte Carlo error for the same number of runs)."""
    rng = np.random.default_rng(seed)
    out: list[tuple[str, ...]] = []
    while len(out) < count:
        perm = tuple(players[i] for i in rng.permutation(len(players)))
        out.append(perm)
        if len(out) < count:
            out.append(perm[::-1])
    return out


def prefixes(perms: Iterable[Sequence[str]]) -> list[Coalition]:
    """The coalitions sampled orders pass through (each once)."""
    seen: dict[Coalition, None] = {frozenset(): None}
    for perm in perms:
        for i in range(1, len(perm) + 1):
            seen.setdefault(frozenset(perm[:i]), None)
    return list(seen)


def sampled(players: Sequence[str], value: Mapping[Coalition, np.ndarray],
            perms: Sequence[Sequence[str]]) -> tuple[dict[str, np.ndarray], dict[str, float]]:
    """Shapley values estimated over sampled orders, with their Monte Carlo error.

    Returns (part per player, as arrays like ``value``'s; Monte Carlo standard error of each
    part's mean over replications). Every order's marginal contributions add up to the
    total, so the estimated parts do too, exactly.
    """
    contrib = contributions(players, value, perms)
    parts = {p: np.mean(np.stack(c), axis=0) for p, c in contrib.items()}
    units = pair_units(perms)
    sizes = [float(len(u)) for u in units]
    err = {}
    for p, c in contrib.items():
        per_order = [float(np.mean(x)) for x in c]
        err[p] = weighted_se(unit_means(per_order, units), sizes)
    return parts, err


def pair_units(perms: Sequence[Sequence[str]]) -> list[list[int]]:
    """The orders grouped into independent draws: an order followed by its reverse (an
    antithetic pair, as :func:`orders` draws them) is one draw; any other order is one of
    its own.

    Why: an order and its reverse are drawn together and their marginal contributions are
    negatively correlated (in a game of pairwise interactions their mean is the Shapley
    value exactly), so treating them as two independent draws misstates the Monte Carlo
    error; the pairs are the independent units.
    """
    units: list[list[int]] = []
    j = 0
    while j < len(perms):
        if j + 1 < len(perms) and tuple(perms[j + 1]) == tuple(perms[j])[::-1]:
            units.append([j, j + 1])
            j += 2
        else:
            units.append([j])
            j += 1
    return units


def unit_means(per_order: Sequence[float], units: Sequence[Sequence[int]]) -> list[float]:
    """Each unit's mean of the per-order values (NaN-aware: a unit with none is NaN)."""
    out = []
    for u in units:
        vals = np.array([per_order[j] for j in u], float)
        out.append(float(np.nanmean(vals)) if np.isfinite(vals).any() else float("nan"))
    return out


def contributions(players: Sequence[str], value: Mapping[Coalition, np.ndarray],
                  perms: Sequence[Sequence[str]]) -> dict[str, list[np.ndarray]]:
    """Each player's marginal contribution in each order (arrays like ``value``'s)."""
    contrib: dict[str, list[np.ndarray]] = {p: [] for p in players}
    for perm in perms:
        before: Coalition = frozenset()
        for p in perm:
            after = before | {p}
            contrib[p].append(np.asarray(value[after], float) - np.asarray(value[before], float))
            before = after
    return contrib


def orders_under_members(orders_wanted: int, members: int) -> int:
    """Sampled orders under ``members`` members: one member, as asked; more, rounded up to
    an equal number of antithetic pairs per member (at least one)."""
    if members <= 1:
        return orders_wanted
    per = 2 * members
    return per * max(1, -(-orders_wanted // per))


def member_of_order(j: int, members: int) -> int:
    """The member order ``j`` runs under: its antithetic pair's number modulo K."""
    return (j // 2) % members


@dataclass(frozen=True)
class Split:
    """One quantity split over the levers: each lever's part and the total, per run (as
    :class:`ShapleyResult`'s), and each part's error (as its ``mc_error``)."""

    parts: dict[str, np.ndarray]
    total: np.ndarray
    mc_error: dict[str, float]


@dataclass
class ShapleyResult:
    """The Shapley split of arm B's effect on arm A's citizens, per run (per replication,
    or member-major under an ensemble, as :class:`~jobfirst_sim.decide.explain.Explanation`)."""

    request: ExplainRequest
    method: str  # "exact" or "sampled"
    parts: dict[str, np.ndarray]
    total: np.ndarray
    mc_error: dict[str, float]
    """Standard error over sampled orders' antithetic pairs (or, exact under an ensemble,
    over members; 0 for exact with one parameter set)."""
    orders: int  # sampled orders (0 for exact)
    simulations: int
    seconds: float
    costs: dict[str, Split] = field(default_factory=dict)
    """Each payer's net cost a year split with the same coalitions and orders
    (:mod:`.coalition_cost`; :mod:`.lever_cost` reads it)."""
    observed: np.ndarray | None = None
    """Arm A's citizens observed at the metric's week, per run (NaN: the metric is not a
    share with hours)."""

    def table(self) -> pd.DataFrame:
        """One row per lever and one for the total: mean, 95 % interval (over replications,
        or parameters and noise), Monte Carlo error, method."""
        rows = []
        for name, values in [*self.parts.items(), ("total", self.total)]:
            ci = self.request.runs.interval(values)
            rows.append({"lever": name, "effect": ci.mean, "ci_low": ci.low,
                         "ci_high": ci.high, "mc_error": self.mc_error.get(name, 0.0),
                         "method": self.method, "metric": self.request.metric,
                         "benefit": self.request.benefit, "n_replications": ci.n})
        return pd.DataFrame(rows)


def planned(n_levers: int, replications: int, orders_wanted: int, members: int = 1) -> int:
    """Simulations :func:`shapley` runs at most (exact, or sampled orders' prefixes)."""
    if n_levers <= EXACT_MAX:
        return (1 << n_levers) * replications * members
    if members <= 1:
        return (1 + n_levers * orders_wanted) * replications
    per_member = orders_under_members(orders_wanted, members) // members
    return members * (1 + n_levers * per_member) * replications


TIME_BUDGET: Final = 90.0
"""Seconds the sampled split aims at unless the orders are given (``--shapley-seconds``):
with ``explain``'s own runs before it, a 19-lever scenario stays within 3 minutes."""
WARN_SECONDS: Final = 60.0
"""An expected split longer than this is announced before it starts, with how to shorten
it."""


def orders_within(seconds: float, seconds_per_run: float, n_levers: int, replications: int,
                  members: int = 1) -> int:
    """The most sampled orders whose simulations (:func:`planned`) fit in ``seconds`` at
    ``seconds_per_run`` (measured on the runs just made): whole antithetic pairs, under an
    ensemble an equal number per member; at least :func:`least_orders`.

    Why from a time budget: the Monte Carlo error shrinks as 1/√pairs while the time grows
    with them, so a user states what they can wait and the output states the error bought.
    """
    step = 2 if members <= 1 else 2 * members
    least = least_orders(members)
    if seconds_per_run <= 0 or not math.isfinite(seconds_per_run):
        return least
    base = members * replications
    fit = (seconds / seconds_per_run - base) / (n_levers * replications)
    return max(least, min(10_000, int(fit // step) * step))


def least_orders(members: int = 1) -> int:
    """The fewest orders that state a Monte Carlo error: two antithetic pairs (one pair
    is one draw, with no spread to tell an error from); under an ensemble one pair per
    member (two members or more, so two draws or more)."""
    return 4 if members <= 1 else 2 * members


Values = Mapping[Coalition, np.ndarray]


def shapley(request: ExplainRequest, *, orders_wanted: int = 32,
            progress: Callable[[], None] | None = None) -> ShapleyResult:
    """Run every needed coalition of B's levers on A's citizens and split the total, and
    each payer's net cost a year with the same coalitions (averaged over members under an
    ensemble: module docstring).

    Raises:
        ExplainError: unknown arm, benefit group or metric; levers that cannot be switched.
    """
    req = prepared(request)
    levers = find_levers(req.scenario, req.arm_from, req.arm_to)
    players = [lv.name for lv in levers]
    keep = KeepCosted(req.benefit, req.arm_from, req.metric)

    def arrived(_: Run, value: Costed) -> None:
        check_metric(value.outcomes or {}, req)
        if progress is not None:
            progress()

    def design(c: Coalition) -> Scenario:
        return counterfactual(req.scenario, req.arm_from, req.arm_to,
                              [lv for lv in levers if lv.name in c])

    if len(players) > EXACT_MAX and req.runs.count > 1:
        return _sampled_over_members(req, levers, orders_wanted, design, keep, arrived)
    if len(players) <= EXACT_MAX:
        method, perms = "exact", []
        coalitions = all_coalitions(players)
    else:
        method, perms = "sampled", orders(players, orders_wanted, int(req.seed or 0))
        coalitions = prefixes(perms)
    got, ran = run_study(study_request(req), {c: design(c) for c in coalitions}, keep,
                         on_done=arrived)

    def split(value: Values) -> Split:
        if method == "exact":
            parts = exact(players, value)
            err = {p: req.runs.standard_error(parts[p]) for p in players}
        else:
            parts, err = sampled(players, value, perms)
        return Split(parts, value[frozenset(players)] - value[frozenset()], err)

    effect = split({c: values_of(outcome_runs(got[c]), req.arm_from, req.metric)
                    for c in coalitions})
    costs = {payer: split({c: cost_values(got[c], payer) for c in coalitions})
             for payer in PAYERS}
    return ShapleyResult(req, method, effect.parts, effect.total, effect.mc_error,
                         len(perms), ran.simulations, ran.seconds, costs,
                         observed_values(got[frozenset()]))


def _sampled_over_members(req: ExplainRequest, levers: Sequence[Lever], orders_wanted: int,
                          design: Callable[[Coalition], Scenario], keep: KeepCosted,
                          arrived: Callable[[Run, Costed], None]) -> ShapleyResult:
    """Sampled orders, each antithetic pair under its own member (module docstring)."""
    from dataclasses import replace

    assert req.members is not None
    k_members = len(req.members)
    players = [lv.name for lv in levers]
    perms = orders(players, orders_under_members(orders_wanted, k_members),
                   int(req.seed or 0))
    owner = [member_of_order(j, k_members) for j in range(len(perms))]
    mine = [[p for p, k in zip(perms, owner, strict=True) if k == m] for m in range(k_members)]
    # each member's coalitions, that member's parameters put into the design (as the
    # spine's member axis does), one batch: replication r has the same seed under all
    designs = {(m, c): req.members.members[m].apply(design(c))
               for m in range(k_members) for c in prefixes(mine[m])}
    got, ran = run_study(replace(study_request(req), members=None), designs, keep,
                         on_done=arrived)

    def split(read: Callable[[list[Costed]], np.ndarray]) -> Split:
        values = [{c: read(got[(mm, c)]) for (mm, c) in designs if mm == m}
                  for m in range(k_members)]
        return _member_split(players, values, mine, req.runs.weights)

    def reader(payer: str) -> Callable[[list[Costed]], np.ndarray]:
        return lambda g: cost_values(g, payer)

    effect = split(lambda g: values_of(outcome_runs(g), req.arm_from, req.metric))
    costs = {payer: split(reader(payer)) for payer in PAYERS}
    observed = np.concatenate([observed_values(got[(m, frozenset())])
                               for m in range(k_members)])
    return ShapleyResult(req, "sampled", effect.parts, effect.total, effect.mc_error,
                         len(perms), ran.simulations, ran.seconds, costs, observed)


def _member_split(players: Sequence[str], values: Sequence[Values],
                  mine: Sequence[Sequence[Sequence[str]]], weight: np.ndarray) -> Split:
    """One quantity's split from each member's coalition values and orders: parts and
    total member-major, the error over antithetic pairs weighted by member."""
    parts: dict[str, list[np.ndarray]] = {p: [] for p in players}
    totals: list[np.ndarray] = []
    draws: dict[str, list[float]] = {p: [] for p in players}
    weights: list[float] = []
    for m, value in enumerate(values):
        contrib = contributions(players, value, mine[m])
        units = pair_units(mine[m])
        for p in players:
            parts[p].append(np.mean(np.stack(contrib[p]), axis=0))
            draws[p] += unit_means([float(np.mean(x)) for x in contrib[p]], units)
        weights += [weight[m] * len(u) / len(mine[m]) for u in units]
        totals.append(value[frozenset(players)] - value[frozenset()])
    err = {p: weighted_se(draws[p], weights) for p in players}
    return Split({p: np.concatenate(v) for p, v in parts.items()}, np.concatenate(totals),
                 err)
