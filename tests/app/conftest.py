"""The ``post`` fixture: timed Dash callback requests through Flask's test client."""

from __future__ import annotations

import pytest
from dash_requests import Post, make_post


@pytest.fixture
def post() -> Post:
    """``post(client, callback, values=None, raw=None)`` (see :mod:`dash_requests`)."""
    return make_post()
