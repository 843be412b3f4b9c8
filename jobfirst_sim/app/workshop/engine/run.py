"""Run a team's design against the card's jobcentre: the result a team sees.

Why these choices (docs/workshop.md, "How a run is made"):

* **Paired, on the same citizens.** The team's design and the card's starting jobcentre
  meet the same citizens, companies and random draws (common random numbers, the recipe of
  :mod:`jobfirst_sim.decide.compare`), so the difference a team sees is its design's, not
  noise, and two teams in one session are compared on the same people. The pair is built
  as two arms of one scenario (start and team, the team's arm carrying the card's
  transition: handover of cases and ramp-up) and read with
  :func:`~jobfirst_sim.decide.compare.from_arms`, because the team's arm must remember
  the design practised before the change (``transition.design_before``), which
  :func:`~jobfirst_sim.decide.levers.counterfactual` records.
* **Levers one at a time**, not Shapley: each lever the team changed is switched alone onto
  the starting jobcentre and run on :data:`LEVER_REPLICATIONS` replications (paired with
  the start's, which the comparison already ran). Shapley values need every coalition
  (2^levers runs), far beyond a workshop's 10 seconds; the one-at-a-time effects rank the
  levers, which is what "the three biggest levers" asks, and the page says that
  interactions are not split.
* **One study batch** for every simulation (both sides and the lever variants, as two
  parts; the story's journeys come from the team's first replication), through the study
  spine :mod:`jobfirst_sim.run.study` like every other command, so a run uses every worker
  and its results never depend on the executor or the worker count.
* **One citizen's rows, not words.** The result keeps the sampled citizen the room hears
  about as plain journey rows (:func:`journey`); the pages word them with the run report's
  narrative when shown (:func:`jobfirst_sim.app.workshop.present.story`), so a wording
  fixed later reaches results stored earlier too.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from jobfirst_sim.app.workshop.engine import members
from jobfirst_sim.app.workshop.engine.cards import Card, WorkshopError
from jobfirst_sim.app.workshop.engine.checks import check_design
from jobfirst_sim.app.workshop.engine.design import TeamDesign, caseloads, design_changes
from jobfirst_sim.decide import compare
from jobfirst_sim.decide.economics import COLUMNS as CASE_COLUMNS
from jobfirst_sim.decide.levers import Lever, counterfactual, find_levers
from jobfirst_sim.metrics import HEADLINE, clip_interval
from jobfirst_sim.run.executors import Executor
from jobfirst_sim.run.study import Part, Run, StudyRequest, open_study
from jobfirst_sim.scenario.ensemble import Ensemble
from jobfirst_sim.scenario.schema import Scenario

__all__ = ["DEFAULT_REPLICATIONS", "JOURNEY_COLUMNS", "LEVER_REPLICATIONS", "METRIC",
           "TEAM_ARM", "journey", "pick_citizen", "planned", "run_team", "team_pair"]

METRIC: Final = HEADLINE
"""The headline, as every command's: the share of the jobcentre's citizens with ordinary
hours at the horizon (calendar week 78 of the cards), over those observed then."""

HEADLINE_WEEK: Final = None
"""The citizen's week :data:`METRIC` is counted at (the ``headline`` block's ``week``;
None: the horizon, each citizen's last observed week)."""

DEFAULT_REPLICATIONS: Final = 4
"""Replications of each side: enough for a t-interval (3 degrees of freedom; paired
differences are narrow under common random numbers) while six teams queued at once on 2
cores get their results within about 10 seconds with the cards' 320 + ~160 citizens
(experiments/benchmarks/workshop_benchmark.py; docs/workshop.md has the numbers)."""

LEVER_REPLICATIONS: Final = 1
"""Replications of each one-lever variant, paired with the start's first: one paired run
per lever ranks the levers at the cost of one simulation each (a lever is 0.2 s of the
10-second budget); more replications give each lever a range over them."""

TEAM_ARM: Final = "team"
TRANSITION: Final[Mapping[str, float]] = {"handover_share": 0.5, "ramp_up_weeks": 12,
                                          "ramp_start": 0.3}
"""The change-over a team's new design goes through (plausible, as
``scenarios/our_jobcentre.yaml``): half the cases change contact person at the change,
12 weeks of ramp-up from 30 % practising the design fully."""

STORY_JOURNEYS: Final = 12
"""Journeys sampled in the team design's first replication; the story is the first that
reaches ordinary hours (else the first one), so the room hears how hours happen."""

JOURNEY_COLUMNS: Final = (
    "citizen_id", "week", "benefit", "municipality", "age", "cohort", "weeks_on_benefit",
    "start_week", "in_placement", "placement_purpose", "company_sector", "wage_hours",
    "contact_changes", "status", "stage",
)
"""The journey columns the narrative reads (model/observe/tables.py ``PANEL_COLUMNS``); the rest
(well-being, ids of contacts and companies) would only make the stored result larger."""

Progress = Callable[[int, int], None]


def team_pair(card: Card, design: TeamDesign) -> Scenario:
    """The card's jobcentre and the team's design as two arms of one scenario (start
    first); the team's arm takes :data:`TRANSITION` unless its design is the start's."""
    data = card.scenario.model_dump(mode="json")
    start = data["arms"][0]
    team = {**start, "name": TEAM_ARM, "role": "treatment",
            "design": design_changes(card, design)}
    if team["design"] != start["design"]:
        team["transition"] = dict(TRANSITION)
    data["arms"] = [start, team]
    return Scenario.model_validate(data)


@dataclass(frozen=True)
class KeepSide:
    """What a team's run keeps of a comparison side's run (a study :class:`Keep`): the card
    arm's outcomes, weekly, staff and companies rows; the team's first replication also
    samples :data:`STORY_JOURNEYS` journeys for the story (drawn from their own random
    stream, so the sample changes no other number)."""

    arm: str
    story: Hashable = ("side", compare.PROPOSED)
    """The design key whose replication 0 samples the story (under an ensemble: the team
    design under the first member)."""

    def __call__(self, run: Run) -> dict[str, pd.DataFrame]:
        from jobfirst_sim.run.simulate import simulate

        story_run = run.design == self.story and run.replication == 0
        tables = simulate(run.scenario, run.replication, run.seed, agents=False,
                          journeys_per_arm=STORY_JOURNEYS if story_run else 0)
        names = ("outcomes", "weekly", "staff", "companies",
                 *(("journeys",) if story_run else ()))
        frames = {name: getattr(tables, name) for name in names}
        return {name: df[df["arm"] == self.arm].reset_index(drop=True)
                for name, df in frames.items()}


@dataclass(frozen=True)
class KeepLever:
    """What a one-lever variant keeps (a study :class:`Keep`): the card arm's whole-population
    outcome rows, all the lever ranking reads."""

    arm: str

    def __call__(self, run: Run) -> dict[str, pd.DataFrame]:
        from jobfirst_sim.run.simulate import simulate

        out = simulate(run.scenario, run.replication, run.seed, agents=False,
                       journeys_per_arm=0).outcomes
        return {"outcomes": out[(out["arm"] == self.arm) & (out["benefit"] == "all")
                                & (out["municipality"] == "all")].reset_index(drop=True)}


def planned(n_levers: int, replications: int = DEFAULT_REPLICATIONS,
            lever_replications: int = LEVER_REPLICATIONS, members: int = 1) -> int:
    """Simulations of one team's run: both sides (under each member), and each lever when
    there are several (under the first member only)."""
    levers = n_levers * min(lever_replications, replications) if n_levers > 1 else 0
    return 2 * replications * members + levers


def run_team(card: Card, design: TeamDesign, replications: int = DEFAULT_REPLICATIONS,
             seed: int | None = None, progress: Progress | None = None, *,
             runner: Executor | None = None, budget: float | None = None,
             lever_replications: int = LEVER_REPLICATIONS,
             ensemble: Ensemble | None = None) -> dict[str, Any]:
    """Run a team's design against the card's jobcentre; a JSON-serialisable result.

    ``seed`` None: the card's ``run.seed`` (every team of a session meets the same
    citizens). ``runner``: an open executor to use (the workshop app keeps one); else one
    is opened for this run. ``progress(done, total)`` is called as simulations finish.
    ``ensemble`` None: the card's own parameters, the interval simulation noise only;
    else both sides run under every member (``replications`` each, common random numbers
    within a member), the intervals hold parameter uncertainty too, and the levers are
    ranked under the first member (:mod:`.members`).

    Raises:
        WorkshopError: the design has problems (:func:`check_design`, in English).
    """
    problems = check_design(card, design, "en", budget)
    if problems:
        raise WorkshopError("; ".join(problems))
    if replications < 2:
        raise WorkshopError("a workshop run needs at least 2 replications for intervals")
    started = time.time()
    pair = team_pair(card, design)
    request = compare.from_arms(pair, card.arm, TEAM_ARM, replications=replications,
                                seed=card.scenario.run.seed if seed is None else seed)
    root = int(request.seed or 0)
    levers = find_levers(pair, card.arm, TEAM_ARM)
    lever_reps = min(lever_replications, replications)
    sides = {compare.CURRENT: request.current, compare.PROPOSED: request.proposed}
    # under an ensemble each member's runs are designs of their own (same seeds: common
    # random numbers within a member), so the levers can run under the first member alone
    under: Callable[[Scenario], Scenario] = (
        (lambda s: s) if ensemble is None else ensemble.members[0].apply)
    parts: list[Part[Any]] = [
        Part({("side", side): scn for side, scn in sides.items()}, KeepSide(card.arm))
        if ensemble is None else
        Part({("side", side, k): m.apply(scn) for side, scn in sides.items()
              for k, m in enumerate(ensemble.members)},
             KeepSide(card.arm, story=("side", compare.PROPOSED, 0)))]
    if len(levers) > 1:  # with one lever, its effect is the whole difference
        parts.append(Part({("lever", lv.name): under(counterfactual(pair, card.arm, TEAM_ARM,
                                                                    [lv]))
                           for lv in levers}, KeepLever(card.arm), replications=lever_reps))
    k_members = 1 if ensemble is None else len(ensemble)
    total, done = planned(len(levers), replications, lever_replications, k_members), [0]

    def arrived(_: object, __: object) -> None:
        done[0] += 1
        if progress is not None:
            progress(done[0], total)

    with open_study(StudyRequest(replications, root, workers=2), planned=total,
                    runner=runner) as study:
        got = study.run_parts(parts, on_done=arrived)
    if ensemble is None or len(ensemble) == 1:  # one member: the noise-only interval
        comparison = _comparison(request, got if ensemble is None else {
            ("side", side): got[("side", side, 0)] for side in sides})
        figures = {**_headline(comparison, card.arm),
                   "levers": _levers(levers, got, comparison, card.arm, lever_reps),
                   "business_case": _business_case(comparison, card.arm)}
        story = got[("side", compare.PROPOSED) if ensemble is None
                    else ("side", compare.PROPOSED, 0)][0]["journeys"]
    else:
        tables = members.member_sides(got, len(ensemble))
        comparison = compare.Comparison(request=request, current=tables[compare.CURRENT],
                                        proposed=tables[compare.PROPOSED])
        hours = compare.headline_metric(comparison)
        cur, prop = (side["outcomes"] for side in (comparison.current, comparison.proposed))
        first = compare.Comparison(  # the first member's runs, which the levers pair with
            request, {"outcomes": cur[cur["member"] == 0]},
            {"outcomes": prop[prop["member"] == 0]})
        figures = {**members.combined_headline(tables, card.arm, METRIC, hours, ensemble),
                   "levers": _levers(levers, got, first, card.arm, lever_reps),
                   "business_case": members.combined_case(tables, card.arm, hours, ensemble)}
        story = got[("side", compare.PROPOSED, 0)][0]["journeys"]
    return {
        "card": card.key, "seed": root, "replications": replications,
        "lever_replications": lever_reps, "metric": METRIC,
        "design": design.to_json(),
        "caseloads": {k: round(v, 1) for k, v in caseloads(card, design).items()},
        **figures,
        "price_year": request.proposed.economics.price_year,
        "journey": journey(story),
        "simulations": total, "seconds": round(time.time() - started, 2),
        "uncertainty": "noise" if ensemble is None else "parameters",
        "members": k_members,
        "headline": members.headline_block(comparison.current["outcomes"],
                                           comparison.proposed["outcomes"], card.arm,
                                           METRIC, HEADLINE_WEEK, ensemble),
    }


def _comparison(request: compare.CompareRequest, got: Mapping[Hashable, Any]
                ) -> compare.Comparison:
    sides = {side: {name: pd.concat([rep[name] for rep in got[("side", side)]],
                                    ignore_index=True)
                    for name in ("outcomes", "weekly", "staff", "companies")}
             for side in (compare.CURRENT, compare.PROPOSED)}
    return compare.Comparison(request=request, current=sides[compare.CURRENT],
                              proposed=sides[compare.PROPOSED])


def _interval(mean: float, low: float, high: float) -> dict[str, float | None]:
    def clean(x: float) -> float | None:
        return float(x) if np.isfinite(x) else None
    return {"mean": clean(mean), "low": clean(low), "high": clean(high)}


def _headline(comparison: compare.Comparison, arm: str) -> dict[str, Any]:
    """Share with hours at week 78 and net public cost: start, team, paired difference."""
    o = comparison.outcomes()
    row = o[(o["arm"] == arm) & (o["benefit"] == "all") & (o["municipality"] == "all")
            & (o["metric"] == METRIC)].iloc[0]
    case = compare.business_case(comparison, arm).rows
    net = {str(r["column"]): r for r in case[case["item"] == "public_net"].to_dict("records")}
    out: dict[str, Any] = {}
    for key, side, col in (("start", "current", "base"), ("team", "proposed", "design")):
        # a share's level cannot leave [0, 1] (few replications can push a t-interval out)
        low, high = clip_interval(METRIC, float(row[f"{side}_low"]), float(row[f"{side}_high"]))
        out[key] = {"hours_share": _interval(row[side], low, high),
                    "net_cost": _interval(net[col]["mean"], net[col]["ci_low"],
                                          net[col]["ci_high"])}
    d = net["difference"]
    out["difference"] = {"hours_share": _interval(row["difference"], row["ci_low"],
                                                  row["ci_high"]),
                         "net_cost": _interval(d["mean"], d["ci_low"], d["ci_high"])}
    return out


def _levers(levers: list[Lever], got: Mapping[Hashable, Any],
            comparison: compare.Comparison, arm: str, reps: int) -> list[dict[str, Any]]:
    """The three biggest one-at-a-time effects on :data:`METRIC` (share, proposed − start),
    by size; ``min``/``max`` are the range over the lever's replications (too few for a
    t-interval: a range is the honest spread)."""
    def values(outcomes: pd.DataFrame) -> np.ndarray:
        sel = outcomes[(outcomes["arm"] == arm) & (outcomes["benefit"] == "all")
                       & (outcomes["municipality"] == "all") & (outcomes["metric"] == METRIC)]
        return sel.sort_values("replication")["value"].to_numpy(float)

    base = values(comparison.current["outcomes"])[:reps]
    rows: list[dict[str, Any]] = []
    for lv in levers:
        if len(levers) == 1:
            diffs = values(comparison.proposed["outcomes"]) - values(
                comparison.current["outcomes"])
        else:
            diffs = np.array([values(rep["outcomes"])[0]
                              for rep in got[("lever", lv.name)]]) - base
        mean = float(np.nanmean(diffs)) if np.isfinite(diffs).any() else 0.0
        rows.append({"name": lv.name, "from": lv.from_value, "to": lv.to_value,
                     "effect": mean, "min": float(np.nanmin(diffs)),
                     "max": float(np.nanmax(diffs))})
    rows.sort(key=lambda r: -abs(r["effect"]))
    return rows[:3]


def _business_case(comparison: compare.Comparison, arm: str) -> list[dict[str, Any]]:
    rows = compare.business_case(comparison, arm).rows
    out = []
    for r in rows.to_dict("records"):
        if r["column"] not in CASE_COLUMNS:
            continue
        out.append({"item": str(r["item"]), "column": str(r["column"]),
                    **_interval(float(r["mean"]), float(r["ci_low"]), float(r["ci_high"]))})
    return out



def pick_citizen(journeys: pd.DataFrame) -> pd.DataFrame:
    """The journey told: the first sampled citizen who reaches ordinary hours, else the first."""
    if journeys.empty:
        return journeys
    with_hours = journeys.groupby("citizen_id")["wage_hours"].max()
    ids = list(dict.fromkeys(journeys["citizen_id"]))
    chosen = next((c for c in ids if with_hours[c] > 0), ids[0])
    out: pd.DataFrame = journeys[journeys["citizen_id"] == chosen].sort_values("week")
    return out


def journey(journeys: pd.DataFrame) -> list[dict[str, Any]]:
    """The picked citizen's rows, week by week, as JSON-ready records of
    :data:`JOURNEY_COLUMNS` (an empty list when the sample is empty)."""
    p = pick_citizen(journeys)
    cols = [c for c in JOURNEY_COLUMNS if c in p.columns]
    # through JSON text: numpy scalars become plain numbers, booleans and strings
    records: list[dict[str, Any]] = json.loads(p[cols].to_json(orient="records"))
    return records
