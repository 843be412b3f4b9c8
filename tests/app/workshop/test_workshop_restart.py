"""Kill the workshop app mid-session and start it again: nothing is lost (issue 13).

The app runs as a real process (``jobfirst workshop`` through ``python -m``), is driven over
HTTP like a browser (cookies, CSRF tokens) and is killed with SIGKILL while a team's run is
running; the same ``--state`` folder is then served again.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener

import pytest
from processes import alive, children, subprocess_env
from workshop_client import design_form

pytestmark = pytest.mark.slow


@contextmanager
def workshop(state: Path) -> Iterator[tuple[subprocess.Popen[str], str, str]]:
    """``jobfirst workshop`` on a free port: (process, base address, facilitator key)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "jobfirst_sim.cli", "workshop", "--port", "0", "--state",
         str(state)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=subprocess_env())
    try:
        url = key = None
        assert proc.stdout is not None
        while url is None or key is None:
            line = proc.stdout.readline()
            assert line, "the workshop stopped before it was ready"
            if found := re.search(r"(?:open|åbn) (http://127\.0\.0\.1:\d+/)", line):
                url = found.group(1)
            if found := re.search(r"(?:facilitator key|facilitatornøgle) .*: (\S+)", line):
                key = found.group(1)
        yield proc, url.rstrip("/"), key
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()


class Browser:
    """A browser's cookies over HTTP (urllib follows the app's redirects)."""

    def __init__(self) -> None:
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()))

    def get(self, url: str) -> str:
        with self.opener.open(url, timeout=30) as r:
            return str(r.read().decode("utf-8"))

    def post(self, url: str, data: Mapping[str, str]) -> int:
        with self.opener.open(url, urlencode(data).encode(), timeout=30) as r:
            return int(r.status)


def token(browser: Browser, url: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', browser.get(url))
    assert found
    return found.group(1)


def status(browser: Browser, base: str) -> dict[str, Any]:
    got: dict[str, Any] = json.loads(browser.get(f"{base}/team/status.json"))
    return got


def wait_for(browser: Browser, base: str, states: set[str], seconds: float = 120
             ) -> dict[str, Any]:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        s = status(browser, base)
        if s["state"] in states:
            return s
        time.sleep(0.05)
    raise AssertionError(f"no state in {states} within {seconds} s")


def test_a_killed_workshop_restarts_with_everything(tmp_path: Path) -> None:
    state = tmp_path / "state"
    teams = {"Hold A": Browser(), "Hold B": Browser()}
    ids: dict[str, str] = {}
    with workshop(state) as (proc, base, key):
        fac = Browser()
        csrf = token(fac, f"{base}/facilitator/login")
        fac.post(f"{base}/facilitator/login", data={"csrf": csrf, "key": key})
        fac.post(f"{base}/facilitator/session", data={"csrf": csrf, "lang": "da",
                                                     "card": "bum70_readiness_first",
                                                     "budget": ""})
        code = re.search(r'id="join-code">(\w+)<', fac.get(f"{base}/facilitator"))
        assert code
        assert proc.stdout is not None  # the code is printed where the app was started
        printed = ""  # printed before the request was answered, after the start lines
        while "deltagerkode til holdene" not in printed:  # the terminal speaks --lang (Danish)
            printed = proc.stdout.readline()
            assert printed, "the workshop stopped"
        assert f"deltagerkode til holdene: {code.group(1)}" in printed
        for i, (name, browser) in enumerate(teams.items()):
            t = token(browser, f"{base}/join")
            browser.post(f"{base}/join", data={"csrf": t, "name": name, "code": code.group(1)})
            found = re.search(r'name="team" value="(\d+)"', browser.get(f"{base}/team"))
            assert found
            ids[name] = found.group(1)
            form = design_form(t, int(ids[name]), p_cv_at_start="yes",
                               p_contact_interval_weeks=str(i + 1))
            assert browser.post(f"{base}/team/design", data=form) == 200
            browser.post(f"{base}/team/predict", data={"csrf": t, "team": ids[name],
                                                       "hours_share": f"{10 + i}",
                                                       "net_cost": "104"})
            browser.post(f"{base}/team/run", data={"csrf": t, "team": ids[name]})
        a, b = teams["Hold A"], teams["Hold B"]
        assert wait_for(a, base, {"done"})["state"] == "done"
        wait_for(b, base, {"running"})
        workers = children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)  # mid-session, while Hold B's run is running
        proc.wait(timeout=30)
        end = time.monotonic() + 10  # the simulation workers notice their parent died
        while any(alive(w) for w in workers) and time.monotonic() < end:
            time.sleep(0.1)
        assert not any(alive(w) for w in workers)
    with workshop(state) as (_, base2, key2):
        assert key2 == key
        page_a = a.get(f"{base2}/team")
        assert "Jeres forudsigelse: 10,0\u00a0%" in page_a and "De tre største greb" in page_a
        done_b = wait_for(b, base2, {"done", "failed"})  # queued again, then finished
        assert done_b["state"] == "done"
        page_b = b.get(f"{base2}/team")
        assert "Jeres forudsigelse: 11,0\u00a0%" in page_b and "Én borgers forløb" in page_b
        fac_page = Browser()
        csrf2 = token(fac_page, f"{base2}/facilitator/login")
        fac_page.post(f"{base2}/facilitator/login", data={"csrf": csrf2, "key": key2})
        listing = fac_page.get(f"{base2}/facilitator")
        assert "Hold A" in listing and "Hold B" in listing and listing.count("færdig") == 2
