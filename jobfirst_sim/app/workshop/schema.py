"""The workshop state file's schema, its version and the steps from an older version.

Why apart from :mod:`.store`: the tables are the one thing a state folder keeps across
app versions, so their history is read in one place. ``SCHEMA`` is version 1 exactly as
the first app (issue 13) wrote it; every later version is a step of :func:`migrate`, run
each time a file is opened, that only adds (columns with defaults, tables, indexes) and so
leaves a running workshop's teams, designs, predictions and results as they were.
"""

from __future__ import annotations

import secrets
import sqlite3
from typing import Final

__all__ = ["CODE_LENGTH", "DB_NAME", "JOIN_ALPHABET", "SCHEMA", "SCHEMA_VERSION", "columns",
           "migrate", "new_code"]

SCHEMA_VERSION: Final = 2
"""1: issue 13's tables; 2: team codes, rejoin tokens and design versions (:func:`migrate`)."""
DB_NAME: Final = "workshop.sqlite"
JOIN_ALPHABET: Final = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""Join-code letters: no 0/O or 1/I/L to misread from a projector."""
CODE_LENGTH: Final = 6
"""Letters of a join code and a team code: 32**6, about 10**9 codes, guessed by nobody in a
two-hour workshop."""

SCHEMA: Final = """-- version 1, as issue 13 wrote it; later versions are migrate's steps
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


def new_code() -> str:
    """A code of :data:`CODE_LENGTH` letters from :data:`JOIN_ALPHABET`, by ``secrets``."""
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(CODE_LENGTH))


def columns(db: sqlite3.Connection, table: str) -> set[str]:
    """A table's column names: what tells a migration step whether it is still to do."""
    return {str(r[1]) for r in db.execute(f"PRAGMA table_info({table})")}


def migrate(db: sqlite3.Connection) -> None:
    """Bring a file of version 1 to :data:`SCHEMA_VERSION`, in place and idempotently:
    a team code for every team, a version (1) for every stored design, the table of rejoin
    tokens. Nothing is removed or rewritten, so a state of a running workshop keeps all."""
    if "code" not in columns(db, "teams"):
        db.execute("ALTER TABLE teams ADD COLUMN code TEXT")
    taken = {r[0] for r in db.execute("SELECT code FROM teams WHERE code IS NOT NULL")}
    for (tid,) in db.execute("SELECT id FROM teams WHERE code IS NULL").fetchall():
        code = new_code()
        while code in taken:
            code = new_code()
        taken.add(code)
        db.execute("UPDATE teams SET code = ? WHERE id = ?", (code, tid))
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS teams_code ON teams (code)")
    if "version" not in columns(db, "designs"):
        db.execute("ALTER TABLE designs ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
    db.execute("CREATE TABLE IF NOT EXISTS team_tokens (token_hash TEXT PRIMARY KEY, "
               "team_id INTEGER NOT NULL REFERENCES teams(id), created REAL NOT NULL)")
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
