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
interval over replications. Every coalition is a variant of arm A with those of B's levers
switched, run on A's citizens with common random numbers (the same recipe as
``explain``), through the one executor layer.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Final

import numpy as np
import pandas as pd

from jobfirst_sim.decide.explain import (
    ExplainRequest,
    KeepOutcomes,
    check_metric,
    prepared,
    study_request,
    values_of,
)
from jobfirst_sim.decide.levers import counterfactual, find_levers
from jobfirst_sim.run.study import Run, run_study
from jobfirst_sim.stats import t_interval

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
    contrib: dict[str, list[np.ndarray]] = {p: [] for p in players}
    for perm in perms:
        before: Coalition = frozenset()
        for p in perm:
            after = before | {p}
            contrib[p].append(np.asarray(value[after], float) - np.asarray(value[before], float))
            before = after
    parts = {p: np.mean(np.stack(c), axis=0) for p, c in contrib.items()}
    err = {}
    for p, c in contrib.items():
        per_order = np.array([float(np.mean(x)) for x in c])
        err[p] = float(per_order.std(ddof=1) / math.sqrt(len(per_order))) if len(c) > 1 else (
            float("nan"))
    return parts, err


@dataclass
class ShapleyResult:
    """The Shapley split of arm B's effect on arm A's citizens, per replication."""

    request: ExplainRequest
    method: str  # "exact" or "sampled"
    parts: dict[str, np.ndarray]
    total: np.ndarray
    mc_error: dict[str, float]  # Monte Carlo standard error (0 for exact)
    orders: int  # sampled orders (0 for exact)
    simulations: int
    seconds: float

    def table(self) -> pd.DataFrame:
        """One row per lever and one for the total: mean, 95 % interval over replications,
        Monte Carlo error, method."""
        rows = []
        for name, values in [*self.parts.items(), ("total", self.total)]:
            ci = t_interval(values)
            rows.append({"lever": name, "effect": ci.mean, "ci_low": ci.low,
                         "ci_high": ci.high, "mc_error": self.mc_error.get(name, 0.0),
                         "method": self.method, "metric": self.request.metric,
                         "benefit": self.request.benefit, "n_replications": ci.n})
        return pd.DataFrame(rows)


def planned(n_levers: int, replications: int, orders_wanted: int) -> int:
    """Simulations :func:`shapley` runs at most (exact, or sampled orders' prefixes)."""
    coalitions = 2 ** n_levers if n_levers <= EXACT_MAX else 1 + n_levers * orders_wanted
    return coalitions * replications


def shapley(request: ExplainRequest, *, orders_wanted: int = 32,
            progress: Callable[[], None] | None = None) -> ShapleyResult:
    """Run every needed coalition of B's levers on A's citizens and split the total.

    Raises:
        ExplainError: unknown arm, benefit group or metric; levers that cannot be switched.
    """
    req = prepared(request)
    seed = int(req.seed or 0)
    levers = find_levers(req.scenario, req.arm_from, req.arm_to)
    players = [lv.name for lv in levers]
    if len(players) <= EXACT_MAX:
        method, perms = "exact", []
        coalitions = all_coalitions(players)
    else:
        method, perms = "sampled", orders(players, orders_wanted, seed)
        coalitions = prefixes(perms)
    designs = {c: counterfactual(req.scenario, req.arm_from, req.arm_to,
                                 [lv for lv in levers if lv.name in c]) for c in coalitions}

    def arrived(_: Run, value: dict[str, dict[str, float]]) -> None:
        check_metric(value or {}, req)
        if progress is not None:
            progress()

    got, ran = run_study(study_request(req), designs, KeepOutcomes(req.benefit),
                         on_done=arrived)
    value = {c: values_of(got[c], req.arm_from, req.metric) for c in coalitions}
    if method == "exact":
        parts, err = exact(players, value), dict.fromkeys(players, 0.0)
    else:
        parts, err = sampled(players, value, perms)
    total = value[frozenset(players)] - value[frozenset()]
    return ShapleyResult(req, method, parts, total, err, len(perms), ran.simulations,
                         ran.seconds)
