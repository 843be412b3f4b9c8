"""A workshop.sqlite of the first format (issue 13) opens in this app: its teams, designs
and predictions stay, and it gains team codes, design versions and rejoin tokens."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from jobfirst_sim.app.workshop.store import (
    JOIN_ALPHABET,
    SCHEMA_VERSION,
    StateError,
    Store,
    token_hash,
)

V1_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
  id INTEGER PRIMARY KEY, card TEXT NOT NULL, budget REAL NOT NULL,
  join_code TEXT NOT NULL UNIQUE, lang TEXT NOT NULL CHECK (lang IN ('da', 'en')),
  ranking INTEGER NOT NULL DEFAULT 0, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS teams (
  id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL REFERENCES sessions(id),
  name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, created REAL NOT NULL,
  UNIQUE (session_id, name));
CREATE TABLE IF NOT EXISTS rounds (
  id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL REFERENCES sessions(id),
  number INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'locked', 'revealed')),
  UNIQUE (session_id, number));
CREATE TABLE IF NOT EXISTS designs (
  team_id INTEGER NOT NULL REFERENCES teams(id), round_id INTEGER NOT NULL REFERENCES rounds(id),
  design TEXT NOT NULL, updated REAL NOT NULL, PRIMARY KEY (team_id, round_id));
CREATE TABLE IF NOT EXISTS predictions (
  team_id INTEGER NOT NULL REFERENCES teams(id), round_id INTEGER NOT NULL REFERENCES rounds(id),
  hours_share REAL NOT NULL, net_cost REAL NOT NULL, created REAL NOT NULL,
  PRIMARY KEY (team_id, round_id));
CREATE TRIGGER IF NOT EXISTS predictions_are_final BEFORE UPDATE ON predictions
  BEGIN SELECT RAISE(ABORT, 'a prediction cannot be changed'); END;
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY, team_id INTEGER NOT NULL REFERENCES teams(id),
  round_id INTEGER NOT NULL REFERENCES rounds(id), design TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  done INTEGER NOT NULL DEFAULT 0, total INTEGER NOT NULL DEFAULT 0,
  result TEXT, error TEXT, queued REAL NOT NULL, started REAL, finished REAL,
  UNIQUE (team_id, round_id));
"""
"""The schema of version 1 as the app of issue 13 wrote it (kept here, as written)."""


def version_1(folder: Path) -> Path:
    """A state folder of format 1 with one session, one team, its design and prediction."""
    folder.mkdir()
    path = folder / "workshop.sqlite"
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.executescript(
        "INSERT INTO meta VALUES ('schema_version', '1'), ('facilitator_key', 'k-1');"
        "INSERT INTO sessions (id, card, budget, join_code, lang, created) "
        " VALUES (1, 'bum70_readiness_first', 9.0, 'ABCDEF', 'da', 0);"
        f"INSERT INTO teams VALUES (1, 1, 'Hold A', '{token_hash('tok-a')}', 0);"
        f"INSERT INTO teams VALUES (2, 1, 'Hold B', '{token_hash('tok-b')}', 0);"
        "INSERT INTO rounds VALUES (1, 1, 1, 'open');"
        "INSERT INTO designs VALUES (1, 1, '{\"x\": 1}', 0);"
        "INSERT INTO predictions VALUES (1, 1, 0.1, 1e8, 0);")
    db.commit()
    db.close()
    return folder


def test_a_version_1_state_is_migrated_and_keeps_everything(tmp_path: Path) -> None:
    store = Store(version_1(tmp_path / "state"))
    assert store.facilitator_key() == "k-1"
    team = store.team_by_token("tok-a")
    assert team is not None and team.name == "Hold A"
    assert store.team_round(1, 1)["design"] == {"x": 1}
    assert store.team_round(1, 1)["prediction"] == {"hours_share": 0.1, "net_cost": 1e8}
    assert store.design_version(1, 1) == 1  # the stored design is version 1
    codes = [t.code for t in store.teams(1)]
    assert len(set(codes)) == 2 and all(len(c) == 6 and set(c) <= set(JOIN_ALPHABET)
                                        for c in codes)
    found = store.team_by_code(codes[1].lower())
    assert found is not None and found.name == "Hold B"
    _, token = store.rejoin(found)
    assert store.team_by_token(token) == found and store.team_by_token("tok-b") == found
    version = sqlite3.connect(store.path).execute(
        "SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    assert version == str(SCHEMA_VERSION) == "2"
    again = Store(tmp_path / "state")  # opening again changes nothing
    assert [t.code for t in again.teams(1)] == codes


def test_a_state_of_a_later_version_is_refused(tmp_path: Path) -> None:
    folder = version_1(tmp_path / "state")
    db = sqlite3.connect(folder / "workshop.sqlite")
    db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    db.commit()
    db.close()
    with pytest.raises(StateError, match="schema version 99"):
        Store(folder)
