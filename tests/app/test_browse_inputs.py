"""Crafted callback requests get a bounded, non-500 answer (issue 9 §5).

Each row posts one request to ``/_dash-update-component`` of the real app (a real small
run and a real tiny sweep) through Flask's test client, with one input replaced by what
an attacker or a broken client could send. ``weeks: [0, 30000000]`` once cost 3.6 GB and
28 s; now every input is checked and bounded before anything is computed.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from dash_requests import Answer, Post
from report_support import real_run_dir, real_sweep_dirs

from jobfirst_sim.app import browse as B

MAX_BYTES = 1_000_000
DEEP: Any = []
for _ in range(300):
    DEEP = [DEEP]


@pytest.fixture(scope="module")
def client() -> Any:
    run = real_run_dir()
    assert run.name == "run"
    return B.make_app([run, real_sweep_dirs()["factorial"]], lang="en").server.test_client()


def _bounded(a: Answer) -> None:
    """Never a 500 and never a huge answer (how long each takes, on this machine:
    experiments/benchmarks/browse_benchmark.py)."""
    assert a.status != 500, a.text[:300]
    assert len(a.body) < MAX_BYTES, f"{len(a.body)} bytes"


# (callback, inputs by component id, expected: "invalid" message, "ok" answer, "empty")
CRAFTED: list[tuple[str, dict[str, Any], str]] = [
    ("weekly", {"weeks": [0, 30_000_000]}, "ok"),
    ("weekly", {"weeks": [-1000, 104]}, "ok"),
    ("weekly", {"weeks": "x"}, "invalid"),
    ("weekly", {"weeks": [0]}, "invalid"),
    ("weekly", {"weeks": [0, 1, 2]}, "invalid"),
    ("weekly", {"weeks": [True, 5]}, "invalid"),
    ("weekly", {"weeks": [0.5, 3]}, "invalid"),
    ("weekly", {"weeks": [60, 10]}, "invalid"),
    ("weekly", {"weeks": [10**30, 1]}, "invalid"),
    ("weekly", {"weeks": None}, "invalid"),
    ("weekly", {"weeks": {"a": 1}}, "invalid"),
    ("weekly", {"weeks": DEEP}, "invalid"),
    ("weekly", {"metric": "__class__"}, "invalid"),
    ("weekly", {"metric": 5}, "invalid"),
    ("weekly", {"metric": ["share_wage_hours"]}, "invalid"),
    ("weekly", {"metric": "n"}, "invalid"),
    ("weekly", {"benefit": "../../etc/passwd"}, "invalid"),
    ("weekly", {"municipality": "x" * 100_000}, "invalid"),
    ("weekly", {"municipality": "Atlantis"}, "invalid"),
    ("weekly", {"municipality": "Aarhus", "weeks": [0, 30_000_000]}, "ok"),
    ("weekly", {"runs": ["nope"]}, "invalid"),
    ("weekly", {"runs": ["run"] * 50_000}, "invalid"),
    ("weekly", {"runs": [["run"]]}, "invalid"),
    ("weekly", {"runs": 7}, "invalid"),
    ("weekly", {"runs": ["factorial"]}, "invalid"),
    ("weekly", {"runs": []}, "ok"),
    ("outcome", {"outcome_metric": "mean_caseload; drop"}, "invalid"),
    ("outcome", {"outcome_metric": None}, "invalid"),
    ("outcome", {"benefit": "kontanthjaelp", "municipality": "Aarhus"}, "ok"),
    ("subgroup", {"gender": "<script>alert(1)</script>"}, "invalid"),
    ("subgroup", {"age": "200+"}, "invalid"),
    ("subgroup", {"weeks": [0, 30_000_000]}, "ok"),
    ("citizens", {"gender": 1}, "invalid"),
    ("citizens", {"municipality": "Atlantis"}, "invalid"),
    ("citizens", {}, "ok"),
    ("journey", {"citizen": "[1"}, "invalid"),
    ("journey", {"citizen": '[1, "jobfirst"]'}, "invalid"),
    ("journey", {"citizen": '[100000000, "jobfirst", "c1"]'}, "invalid"),
    ("journey", {"citizen": '[0, "nope", "c1"]'}, "invalid"),
    ("journey", {"citizen": "x" * 10_000}, "invalid"),
    ("journey", {"citizen": 12}, "invalid"),
    ("journey", {"citizen": '[0, "jobfirst", "no-such-citizen"]'}, "ok"),
    ("sweep_opts", {"sweep": ["factorial"] * 50}, "empty"),
    ("sweep_opts", {"sweep": "nope"}, "empty"),
    ("sweep", {"sweep": "nope"}, "invalid"),
    ("sweep", {"sweep-lever": "__dict__"}, "invalid"),
    ("sweep", {"sweep-outcome": "x" * 500}, "invalid"),
    ("sweep", {}, "ok"),
    ("drill", {"sweep-graph": {"points": [{"customdata": 99_999}]}}, "invalid"),
    ("drill", {"sweep-graph": {"points": [{"customdata": "1; x"}]}}, "invalid"),
    ("drill", {"sweep-graph": "x"}, "invalid"),
    ("drill", {"sweep-graph": {"points": "x"}}, "ok"),
    ("drill", {"sweep-graph": {"points": [{"customdata": 2}]}, "weeks": [0, 30_000_000]},
     "ok"),
    ("drill", {"metric": "mean_trust; x"}, "invalid"),
]


@pytest.mark.parametrize(("callback", "values", "expected"), CRAFTED,
                         ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(CRAFTED)])
def test_crafted_callback_input_gets_a_bounded_answer(client: Any, post: Post, callback: str,
                                                      values: dict[str, Any],
                                                      expected: str) -> None:
    a = post(client, callback, values)
    _bounded(a)
    assert a.status == 200
    if expected == "invalid":
        assert "Invalid input" in a.text
    elif expected == "empty":
        assert '"options":[]' in a.text.replace(" ", "")
    else:
        assert "Invalid input" not in a.text and "could not be drawn" not in a.text


def test_weeks_are_clamped_to_the_data(client: Any, post: Post) -> None:
    """``weeks: [0, 30000000]`` draws weeks 0–104, the weeks the run holds."""
    a = post(client, "weekly", {"weeks": [0, 30_000_000]})
    fig = json.loads(a.body)["response"]["weekly-graph"]["figure"]
    xs = [x for tr in fig["data"] for x in (tr.get("x") or []) if isinstance(x, int | float)]
    assert xs and max(xs) == 104 and min(xs) >= 0


BIG = b'{"output": "outcome-graph.figure", "pad": "' + b"x" * 2_000_000 + b'"}'
MALFORMED: list[tuple[str, bytes, int]] = [
    ("not json", b"not json", 400),
    ("empty object", b"{}", 400),
    ("a list", b"[]", 400),
    ("unknown output", json.dumps({"output": "nope.figure", "outputs": {"id": "nope",
                                   "property": "figure"}, "inputs": [],
                                   "changedPropIds": []}).encode(), 400),
    ("too few inputs", json.dumps({"output": "outcome-graph.figure",
                                   "outputs": {"id": "outcome-graph", "property": "figure"},
                                   "inputs": [], "changedPropIds": []}).encode(), 400),
    ("nested 100,000 deep", b"[" * 100_000 + b"]" * 100_000, 400),
    ("body over 1 MB", BIG, 413),
]


@pytest.mark.parametrize(("what", "raw", "status"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_request_is_refused_not_500(client: Any, post: Post, what: str, raw: bytes,
                                              status: int) -> None:
    a = post(client, raw=raw)
    assert a.status == status, a.text[:200]
    assert len(a.body) < 10_000
