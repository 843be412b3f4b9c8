"""Posting Dash callback requests the way a browser (or an attacker) does, without a browser.

Why a helper (a plain module, not a conftest: several conftest modules would clash under
one import name): the checks in :mod:`jobfirst_sim.app.browse.guard` must hold for what
reaches ``/_dash-update-component``, not only for what the page sends, so the tests build
the request body from the app's own ``/_dash-dependencies`` and then put anything in it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: Short names of the app's callbacks -> Dash's output key.
OUTPUTS = {
    "weekly": "..weekly-graph.figure...weekly-note.children..",
    "outcome": "outcome-graph.figure",
    "subgroup": "..subgroup-graph.figure...subgroup-note.children..",
    "citizens": "..citizen.options...citizen.value..",
    "journey": "journey-graph.figure",
    "sweep_opts": "..sweep-outcome.options...sweep-outcome.value...sweep-lever.options..."
                  "sweep-lever.value..",
    "sweep": "sweep-graph.figure",
    "drill": "..drill-graph.figure...drill-note.children..",
}

#: Inputs the page sends at start (a valid request for every callback of the real run).
VALID: dict[str, Any] = {
    "runs": ["run"], "metric": "share_wage_hours", "benefit": "all", "weeks": [0, 104],
    "municipality": "all", "outcome_metric": "share_with_hours_w78", "gender": "all",
    "age": "all", "citizen": None, "sweep": "factorial", "sweep-outcome": "t1_effect",
    "sweep-lever": "arms.jobfirst.organisation.caseload", "sweep-graph": None,
}


@dataclass
class Answer:
    """What the server answered: status, seconds taken and the body."""

    status: int
    seconds: float
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def _props(key: str) -> list[dict[str, str]]:
    parts = key.strip(".").split("...") if key.startswith("..") else [key]
    return [{"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]} for p in parts]


def callback_body(deps: list[dict[str, Any]], callback: str, values: dict[str, Any]
                  ) -> dict[str, Any]:
    """A ``/_dash-update-component`` body for ``callback`` with ``values`` by component id
    (components not named get the valid value of :data:`VALID`)."""
    key = OUTPUTS[callback]
    dep = next(d for d in deps if d["output"] == key)
    merged = {**VALID, **values}

    def filled(items: list[dict[str, str]]) -> list[dict[str, Any]]:
        return [{**i, "value": merged.get(i["id"])} for i in items]

    inputs = filled(dep["inputs"])
    outputs: Any = _props(key) if key.startswith("..") else _props(key)[0]
    return {"output": key, "outputs": outputs, "inputs": inputs,
            "state": filled(dep.get("state", [])),
            "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"]}


Post = Callable[..., Answer]


def make_post() -> Post:
    """``post(client, callback, values=None, raw=None)``: one timed callback request."""
    cache: dict[int, list[dict[str, Any]]] = {}

    def run(client: Any, callback: str = "weekly", values: dict[str, Any] | None = None,
            raw: bytes | None = None) -> Answer:
        if raw is None:
            if id(client) not in cache:
                cache[id(client)] = client.get("/_dash-dependencies").get_json()
            raw = json.dumps(callback_body(cache[id(client)], callback, values or {})).encode()
        t0 = time.perf_counter()
        r = client.post("/_dash-update-component", data=raw, content_type="application/json")
        return Answer(r.status_code, time.perf_counter() - t0, r.data)

    return run
