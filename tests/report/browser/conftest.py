"""Browser-test plumbing: Debian's Chromium via Playwright, offline, screenshots kept.

Why Debian's Chromium and not ``playwright install``: the machines reach only package
registries, so Playwright's own browser download fails; ``.ci/install_browser.sh``
installs ``/usr/bin/chromium`` with apt. Without it these tests skip with that reason.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).resolve().parents[2]
if str(TESTS) not in sys.path:  # share the real-run helpers with tests/test_report_*.py
    sys.path.insert(0, str(TESTS))

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = TESTS.parent / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip browser tests cleanly when Chromium or Playwright is missing."""
    reason = None
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} not found: run `bash .ci/install_browser.sh` (apt-get chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "python package playwright not installed (pip install -e '.[test]')"
    if reason:
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per test module (closed before other tests run on)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (gitignored, kept by CI as artefacts)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
