"""A decision folder read back into the result its page is built from (:mod:`.stored`
says what the folder keeps, and why).

Why apart from :mod:`.stored`: writing is done by the decisions themselves, which must not
import their readers back; this module reads a compare, explain or pilot folder and
builds the :class:`~jobfirst_sim.decide.compare.Comparison`,
:class:`~jobfirst_sim.decide.explain.Explanation` or
:class:`~jobfirst_sim.decide.pilot.PilotPlan` the command had, for
:mod:`jobfirst_sim.report.decision_pages`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from jobfirst_sim.decide.business.of_pilot import BOOK_FILE, PilotBooks
from jobfirst_sim.decide.compare import (
    CURRENT,
    PROPOSED,
    SIDE_TABLES,
    CompareRequest,
    Comparison,
)
from jobfirst_sim.decide.explain import ExplainRequest, Explanation
from jobfirst_sim.decide.levers import Lever
from jobfirst_sim.decide.pilot import PilotPlan, PilotRequest
from jobfirst_sim.decide.stored import (
    COMPARE_RUNS,
    EXPLAIN_RUNS,
    KINDS,
    StoredFolderError,
)
from jobfirst_sim.scenario.ensemble import Ensemble, Member
from jobfirst_sim.scenario.schema import Scenario

__all__ = ["load_comparison", "load_explanation", "load_pilot"]


def _manifest(folder: Path, kind: str) -> dict[str, Any]:
    path = Path(folder) / KINDS[kind]
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise StoredFolderError(f"{path}: cannot be read ({exc})") from None
    if not isinstance(data, dict) or data.get("kind") != kind:
        raise StoredFolderError(f"{path}: not a {kind} manifest as jobfirst {kind} writes it")
    return data


def _table(folder: Path, name: str, kind: str) -> pd.DataFrame:
    path = Path(folder) / name
    if not path.is_file():
        raise StoredFolderError(
            f"{folder}: {name} is missing; the folder was written by an older jobfirst "
            f"{kind} (or copied without it), so its page cannot be written again: run "
            f"jobfirst {kind} once more")
    try:
        return pd.read_parquet(path)
    except Exception as exc:  # any corruption becomes a message
        raise StoredFolderError(f"{path}: cannot be read ({type(exc).__name__})") from None


def _scenario(data: dict[str, Any], key: str, folder: Path) -> Scenario:
    try:
        return Scenario.model_validate(data[key])
    except Exception as exc:
        raise StoredFolderError(
            f"{folder}: the scenario in the manifest ({key}) no longer validates "
            f"({type(exc).__name__}); run the command once more") from None


def _ensemble(data: dict[str, Any], count: int | None) -> Ensemble | None:
    """The members as stored, else (older folders) the shipped ensemble's first ``count``."""
    if data.get("uncertainty") != "parameters":
        return None
    rows = data.get("ensemble")
    if isinstance(rows, list) and rows:
        return Ensemble(tuple(
            Member(int(r["member"]), float(r["weight"]),
                   tuple((k, float(v)) for k, v in r.items() if k not in ("member", "weight")))
            for r in rows))
    from jobfirst_sim.scenario.ensemble import shipped_ensemble

    return shipped_ensemble().first(int(count or 1))


def load_pilot(folder: Path) -> PilotPlan:
    """The plan of a pilot folder (``pilot.json``, ``pilot.parquet`` and the budget books
    when the folder has them)."""
    data = _manifest(folder, "pilot")
    members = _ensemble(data, data.get("members"))
    per_member = int(data["replications"])
    request = PilotRequest(
        scenario=_scenario(data, "scenario", folder), arm_from=data["from"],
        arm_to=data["to"], sizes=tuple(int(s) for s in data["sizes"]),
        unit="both" if len(data["units"]) > 1 else data["units"][0], week=int(data["week"]),
        pilots=int(data.get("pilots_asked")
                   or per_member * (1 if members is None else len(members))),
        alpha=float(data["alpha"]), power=float(data["target_power"]),
        benefit=data["benefit"], seed=int(data["root_seed"]), workers=int(data["workers"]),
        members=members)
    return PilotPlan(request=request, weeks=tuple(int(w) for w in data["weeks"]),
                     cohort=int(data["cohort"]), levers=int(data["levers"]),
                     table=_table(folder, "pilot.parquet", "pilot"),
                     caseload=float(data["mean_caseload"]), seconds=float(data["seconds"]),
                     simulations=int(data["simulations"]), headline=data.get("headline") or {},
                     leans_on=data.get("leans_on") or [], books=_pilot_books(folder, data))


def _pilot_books(folder: Path, data: dict[str, Any]) -> PilotBooks | None:
    """The pilot's budget books (None: a folder written before they were kept)."""
    facts = data.get("business_case")
    if not isinstance(facts, dict) or not (Path(folder) / BOOK_FILE).is_file():
        return None
    return PilotBooks.of_table(_table(folder, BOOK_FILE, "pilot"), facts)


def load_explanation(folder: Path) -> Explanation:
    """The decomposition of an explain folder (``explain.json``, ``explain_runs.parquet``)."""
    from jobfirst_sim.decide.explain import Explanation

    data = _manifest(folder, "explain")
    runs = _table(folder, EXPLAIN_RUNS, "explain")
    values = {str(k): g.sort_values("run")["value"].to_numpy(float)
              for k, g in runs.groupby("variant")}
    request = ExplainRequest(
        scenario=_scenario(data, "scenario", folder), arm_from=data["from"],
        arm_to=data["to"], metric=data["metric"], benefit=data["benefit"],
        replications=int(data["replications"]), seed=int(data["root_seed"]),
        workers=int(data["workers"]), members=_ensemble(data, data.get("members")))
    levers = [Lever(name=lv["name"], fields=tuple(lv["fields"]), from_value=lv["from_value"],
                    to_value=lv["to_value"]) for lv in data["levers"]]
    path = sorted(((int(k.split(":")[1]), k.split(":", 2)[2], v)
                   for k, v in values.items() if k.startswith("path:")))
    try:
        return Explanation(
            request=request, levers=levers, baseline=values["from"], to_arm=values["to_arm"],
            one_at_a_time={lv.name: values[f"oat:{lv.name}"] for lv in levers},
            path=[(name, v) for _, name, v in path], seconds=float(data["seconds"]),
            simulations=int(data["simulations"]),
            shared=((values["shared:from"], values["shared:to"])
                    if "shared:from" in values else None))
    except KeyError as exc:
        raise StoredFolderError(f"{folder / EXPLAIN_RUNS}: no rows of {exc}") from None


def load_comparison(folder: Path) -> Comparison:
    """The comparison of a compare folder (``compare.json``, ``compare_runs_*.parquet``)."""
    data = _manifest(folder, "compare")
    members = _ensemble(data, data.get("members"))
    request = CompareRequest(
        current=_scenario(data, "current_scenario", folder),
        proposed=_scenario(data, "scenario", folder), arms=tuple(data["arms"]),
        label_current=data["label_current"], label_proposed=data["label_proposed"],
        replications=int(data.get("replications_per_member") or data["replications"]),
        seed=int(data["root_seed"]), workers=int(data["workers"]),
        horizons=tuple(int(h) for h in data["horizons"]),
        differences=tuple(data["differences"]), members=members)
    sides: dict[str, dict[str, pd.DataFrame]] = {CURRENT: {}, PROPOSED: {}}
    for name in SIDE_TABLES:
        df = _table(folder, COMPARE_RUNS.format(name), "compare")
        for side in (CURRENT, PROPOSED):
            sides[side][name] = df[df["side"] == side].drop(columns="side").reset_index(
                drop=True)
    return Comparison(request=request, current=sides[CURRENT], proposed=sides[PROPOSED],
                      seconds=float(data["seconds"]))
