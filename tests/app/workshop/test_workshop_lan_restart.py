"""A LAN-mode restart (issue 24 §2): ``jobfirst workshop --host 0.0.0.0`` is stopped and
started again over the same state folder, and the link the teams opened still works, as
does the cookie their browsers got from it."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import HTTPCookieProcessor, build_opener

import pytest
from processes import subprocess_env

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("0.0.0.0", 0))
        return int(s.getsockname()[1])


@contextmanager
def lan_workshop(state: Path, port: int) -> Iterator[str]:
    """``jobfirst workshop`` on all interfaces: the teams' link it prints."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "jobfirst_sim.cli", "workshop", "--host", "0.0.0.0",
         "--port", str(port), "--state", str(state)], stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, env=subprocess_env())
    try:
        assert proc.stdout is not None
        link = None
        while link is None:
            line = proc.stdout.readline()
            assert line, "the workshop stopped before it was ready"
            if found := re.search(r"holdenes link på netværket \(maskinens adresse "
                                  r"([\d.]+)\): (http://\S+)", line):
                socket.inet_aton(found.group(1))  # an IP address, not a host name
                link = found.group(2)
        for line in proc.stdout:  # the remaining start lines, up to the key
            if "facilitatornøgle" in line:
                break
        yield link
    finally:
        proc.kill()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()


def _open(opener: object, url: str) -> tuple[int, str]:
    try:
        with opener.open(url, timeout=30) as r:  # type: ignore[attr-defined]
            return int(r.status), str(r.read().decode())
    except HTTPError as err:
        return err.code, err.read().decode()


def test_the_same_link_works_after_a_restart(tmp_path: Path) -> None:
    state, port = tmp_path / "state", _free_port()
    team = build_opener(HTTPCookieProcessor(CookieJar()))
    with lan_workshop(state, port) as link:
        assert re.fullmatch(rf"http://[\d.]+:{port}/join\?token=[\w-]+", link)
        status, page = _open(team, link)
        assert status == 200 and 'name="code"' in page
    with lan_workshop(state, port) as again:
        assert again == link
        base = link.split("?")[0]
        assert _open(team, base)[0] == 200  # the browser's cookie still opens it
        fresh = build_opener(HTTPCookieProcessor(CookieJar()))  # another laptop
        assert _open(fresh, link)[0] == 200  # and so does the link
        status, page = _open(build_opener(), base)  # no token: what to do, in Danish
        assert status == 403 and "Åbn det link, facilitatoren viser" in page
