"""``jobfirst explain --shapley``: how many orders, a warning before a long split, and the
split with its cost by lever.

Why apart from :mod:`.decide`: the choice of orders reads the time the explanation's own
runs just took, so a user who gave no ``--shapley-orders`` gets the most orders that fit
``--shapley-seconds`` on *this* machine (loaded or not), and anyone whose split will take
more than a minute is told so before it starts, with the time expected and how to make it
shorter. The error bought is stated in the output (:mod:`jobfirst_sim.report.lever_cost`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from jobfirst_sim import fmt
from jobfirst_sim.words import t

if TYPE_CHECKING:
    from jobfirst_sim.decide.explain import ExplainRequest, Explanation
    from jobfirst_sim.decide.shapley import ShapleyResult


def duration(seconds: float, lang: str) -> str:
    """Seconds under two minutes, else minutes with one decimal."""
    if seconds < 120:
        return t("lc_seconds", lang, x=fmt.number(seconds, lang, 0))
    return t("lc_minutes", lang, x=fmt.number(seconds / 60, lang, 1))


def shapley_split(request: ExplainRequest, done: Explanation, orders: int | None,
                  seconds: float, lang: str) -> ShapleyResult:
    """Choose the orders (given, or from the time budget), warn before a long split, and
    run it with a progress bar.

    Raises:
        ExplainError: as :func:`jobfirst_sim.decide.shapley.shapley`.
    """
    from jobfirst_sim.decide import explain as ex
    from jobfirst_sim.decide import shapley as sh

    n = len(done.levers)
    members = request.runs.count
    reps = request.replications
    per_run = done.seconds / done.simulations if done.simulations else 0.0
    chosen = orders
    if chosen is None:
        chosen = sh.orders_within(seconds, per_run, n, reps, members)
    sims = sh.planned(n, reps, chosen, members)
    expected = sims * per_run
    if orders is None and n > sh.EXACT_MAX:
        real = sh.orders_under_members(chosen, members)
        key = "lc_orders_chosen" if expected <= seconds else "lc_orders_least"
        typer.echo(t(key, lang, orders=real, sims=sims, budget=duration(seconds, lang),
                     expected=duration(expected, lang)), err=True)
    if expected > sh.WARN_SECONDS:
        fewer = sh.orders_within(sh.WARN_SECONDS, per_run, n, reps, members)
        shorter = (t("lc_shorter_orders", lang, orders=fewer, seconds=int(sh.WARN_SECONDS))
                   if n > sh.EXACT_MAX and sh.planned(n, reps, fewer, members) < sims
                   else t("lc_shorter_runs", lang))
        typer.echo(t("lc_slow", lang, sims=sims, expected=duration(expected, lang),
                     per=t("lc_seconds", lang, x=fmt.number(per_run, lang, 2)),
                     shorter=shorter), err=True)
    with ex.progress_bar(sims, "Shapley") as advance:
        return sh.shapley(request, orders_wanted=chosen, progress=advance)
