"""Fixtures of the workshop app tests: an app over a fresh state folder, runs kept small."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from jobfirst_sim.app.workshop import make_app  # noqa: E402

SMALL = {"executor": "serial", "replications": 2, "lever_replications": 1, "anchors": False}
"""Runs in the test process with 2 replications: the app's rules are under test here, the
engine's figures in tests/app/workshop/test_workshop_engine.py. No anchors (the start's
figures, computed at start): tests/app/workshop/test_workshop_anchor.py turns them on."""


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Any]:
    """The workshop app over ``tmp_path`` with its run queue started (stopped after)."""
    flask_app, queue = make_app(tmp_path / "state", "da", **SMALL)
    queue.start()
    yield flask_app
    queue.stop()
