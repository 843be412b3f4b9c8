"""A state folder the workshop cannot use stops the start with one sentence and exit 2
(issue 24 §2): nothing written to the file, no traceback; a usable one is made private."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobfirst_sim.app.workshop import WorkshopAppError, make_app
from jobfirst_sim.app.workshop.state_check import StateProblem, check_state
from jobfirst_sim.app.workshop.store import Store
from jobfirst_sim.cli import app as cli_app


def _workshop_db(state: Path) -> Path:
    """A real workshop state with a session in it (closed, so the WAL is folded in)."""
    store = Store(state)
    store.create_session("bum70_readiness_first", 40.0, "da")
    return store.path


def garbage(state: Path) -> None:
    state.mkdir()
    (state / "workshop.sqlite").write_bytes(b"this is a spreadsheet, not a database\n" * 50)


def truncated(state: Path) -> None:
    path = _workshop_db(state)
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2 + 100])


def truncated_to_pages(state: Path) -> None:
    path = _workshop_db(state)
    path.write_bytes(path.read_bytes()[:4096])


def read_only(state: Path) -> None:
    _workshop_db(state).chmod(0o444)


def foreign(state: Path) -> None:
    state.mkdir()
    db = sqlite3.connect(state / "workshop.sqlite")
    db.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)")
    db.execute("INSERT INTO people (name) VALUES ('Anna')")
    db.commit()
    db.close()


def unwritable_folder(state: Path) -> None:
    state.mkdir()
    state.chmod(0o500)


def not_a_folder(state: Path) -> None:
    state.write_text("a file where the folder should be\n")


CASES: list[tuple[str, Callable[[Path], None], str]] = [
    ("garbage", garbage, "er ikke en SQLite-database"),
    ("truncated", truncated, "er afkortet eller beskadiget"),
    ("truncated to whole pages", truncated_to_pages, "er afkortet eller beskadiget"),
    ("read-only", read_only, "er skrivebeskyttet"),
    ("foreign", foreign, "er en anden SQLite-database (tabeller: people)"),
    ("unwritable folder", unwritable_folder, "kan ikke skrive i tilstandsmappen"),
    ("not a folder", not_a_folder, "er ikke en mappe"),
]


def _digest(state: Path) -> dict[str, str]:
    if state.is_file():
        return {"": hashlib.sha256(state.read_bytes()).hexdigest()}
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(state.iterdir()) if p.is_file()}


@pytest.mark.parametrize(("make", "says"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_an_unusable_state_is_refused_untouched(tmp_path: Path, make: Callable[[Path], None],
                                                says: str) -> None:
    state = tmp_path / "state"
    make(state)
    before = _digest(state)
    try:
        result = CliRunner().invoke(cli_app, ["workshop", "--state", str(state), "--port", "0"])
        assert result.exit_code == 2, result.output
        assert says in result.output and "Traceback" not in result.output
        assert "--state" in result.output  # says what to do
        assert _digest(state) == before  # not a byte written
    finally:
        if state.is_dir():
            state.chmod(0o700)


@contextmanager
def _held(path: Path) -> Iterator[None]:
    """Another program holding the database's write lock."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        db.execute("ROLLBACK")
        db.close()


def test_a_locked_state_is_refused(tmp_path: Path) -> None:
    state = tmp_path / "state"
    path = _workshop_db(state)
    before = path.read_bytes()
    with _held(path):
        result = CliRunner().invoke(cli_app, ["workshop", "--state", str(state), "--port", "0",
                                              "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "is locked by another program" in result.output
    assert "Traceback" not in result.output and path.read_bytes() == before


def test_the_english_message_follows_lang(tmp_path: Path) -> None:
    foreign(tmp_path / "state")
    with pytest.raises(WorkshopAppError, match="is another SQLite database"):
        make_app(tmp_path / "state", "en", executor="serial")


def test_a_usable_state_is_made_private(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir(mode=0o755)
    make_app(state, "da", executor="serial")
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert stat.S_IMODE((state / "workshop.sqlite").stat().st_mode) == 0o600
    check_state(state)  # its own state passes the checks again (a restart)


def test_a_missing_or_empty_folder_is_a_new_workshop(tmp_path: Path) -> None:
    check_state(tmp_path / "new" / "state")
    with pytest.raises(StateProblem) as err:
        (tmp_path / "empty").mkdir()
        (tmp_path / "empty" / "workshop.sqlite").write_bytes(b"")
        check_state(tmp_path / "empty")
    assert err.value.key == "truncated"
