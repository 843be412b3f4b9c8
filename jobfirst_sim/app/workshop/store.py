"""The workshop's state on disk: one SQLite file per state folder, nothing in memory.

Why SQLite from the standard library: a workshop runs on a facilitator's laptop, offline,
for two hours, and must survive a browser refresh, a team closing its laptop and the app
itself being stopped (docs/workshop.md). One file in ``--state DIR`` (``workshop.sqlite``)
in WAL mode lets the web threads read while the run worker writes progress; every change is
one short transaction (``BEGIN IMMEDIATE``), so two teams posting in the same second are
serialised by SQLite, not by luck. Every thread opens its own connection.

Rules the schema itself enforces, so no page can get them wrong:

* a prediction is written once, before its run, and never changed (a trigger refuses
  ``UPDATE``; a facilitator's reset of a team deletes it with the rest of the team's round);
* one design, one prediction and one run per team and round (``UNIQUE``);
* a team is known by a secret token whose SHA-256 alone is stored; a second laptop gets a
  token of its own (``team_tokens``) by typing the team's short code (:meth:`Store.rejoin`);
* a design has a version, one up at each save; a save or prediction from a page that showed
  an older one is refused (``design_stale``): a stale tab cannot replace the design silently;
* a team's round is reset only while the round is open (a revealed result is the room's).

A new workshop only adds a session, so every earlier debrief stays (:meth:`Store.sessions`).
A file of version 1 is migrated when opened (:func:`.schema.migrate`: columns and tables
added, nothing removed).

A run left ``running`` by an app that died is queued again at start (:meth:`Store.recover`).
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from jobfirst_sim.app.workshop.schema import (
    CODE_LENGTH,
    DB_NAME,
    JOIN_ALPHABET,
    SCHEMA,
    SCHEMA_VERSION,
    migrate,
    new_code,
)

__all__ = ["CODE_LENGTH", "DB_NAME", "JOIN_ALPHABET", "SCHEMA", "SCHEMA_VERSION", "Round", "Run",
           "Session", "StateError", "Store", "Team", "token_hash"]

TEAM_COLUMNS: Final = "id, session_id, name, code"


class StateError(ValueError):
    """A change the workshop's rules do not allow now (said in a key the pages translate)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Session:
    id: int
    card: str
    budget: float
    join_code: str
    lang: str
    ranking: bool


@dataclass(frozen=True)
class Team:
    id: int
    session_id: int
    name: str
    code: str = ""
    """The short code that rejoins the team from any device (shown on its page)."""


@dataclass(frozen=True)
class Round:
    id: int
    session_id: int
    number: int
    state: str


@dataclass(frozen=True)
class Run:
    id: int
    team_id: int
    round_id: int
    design: dict[str, Any]
    state: str
    done: int
    total: int
    result: dict[str, Any] | None
    error: str | None


def token_hash(token: str) -> str:
    """What is stored of a team's token (the token itself stays in its browser)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Store:
    """The workshop state in ``folder/workshop.sqlite`` (made, with its schema, if absent)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / DB_NAME
        db = self._connect()
        try:
            db.executescript(SCHEMA)  # idempotent (IF NOT EXISTS); commits on its own
        finally:
            db.close()
        with self._tx() as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is None:
                db.execute("INSERT INTO meta VALUES ('schema_version', ?)",
                           (str(SCHEMA_VERSION),))
                db.execute("INSERT INTO meta VALUES ('facilitator_key', ?)",
                           (secrets.token_urlsafe(12),))
            elif not 1 <= int(row[0]) <= SCHEMA_VERSION:
                raise StateError(f"{self.path}: state of schema version {row[0]}, this app "
                                 f"reads versions 1-{SCHEMA_VERSION}; start with a new "
                                 "--state")
            migrate(db)

    # ---------------------------------------------------------------- plumbing
    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        return db

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``: writers queue at its start)."""
        db = self._connect()
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        finally:
            db.close()

    def _read(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        db = self._connect()
        try:
            return list(db.execute(sql, args).fetchall())
        finally:
            db.close()

    def facilitator_key(self) -> str:
        """The key that opens the facilitator's controls (made once, kept across restarts)."""
        return str(self._read("SELECT value FROM meta WHERE key = 'facilitator_key'")[0][0])

    # ---------------------------------------------------------------- sessions and teams
    def create_session(self, card: str, budget: float, lang: str) -> Session:
        code = new_code()
        with self._tx() as db:
            cur = db.execute("INSERT INTO sessions (card, budget, join_code, lang, created) "
                             "VALUES (?, ?, ?, ?, ?)", (card, budget, code, lang, time.time()))
            sid = int(cur.lastrowid or 0)
        return Session(sid, card, budget, code, lang, False)

    def sessions(self) -> list[tuple[Session, int, float]]:
        """Every session, newest first, with its number of teams and when it was made (the
        facilitator's archive: a new workshop keeps the old ones' debriefs)."""
        rows = self._read("SELECT s.*, (SELECT COUNT(*) FROM teams t WHERE t.session_id = "
                          "s.id) AS n FROM sessions s ORDER BY s.id DESC")
        return [(_session(r), int(r["n"]), float(r["created"])) for r in rows]

    def session(self, session_id: int) -> Session | None:
        rows = self._read("SELECT * FROM sessions WHERE id = ?", (session_id,))
        return _session(rows[0]) if rows else None

    def current_session(self) -> Session | None:
        """The latest session (a state folder's workshop)."""
        rows = self._read("SELECT * FROM sessions ORDER BY id DESC LIMIT 1")
        return _session(rows[0]) if rows else None

    def session_by_code(self, code: str) -> Session | None:
        rows = self._read("SELECT * FROM sessions WHERE join_code = ?", (code.strip().upper(),))
        return _session(rows[0]) if rows else None

    def set_ranking(self, session_id: int, on: bool) -> None:
        with self._tx() as db:
            db.execute("UPDATE sessions SET ranking = ? WHERE id = ?", (int(on), session_id))

    def join(self, session: Session, name: str) -> tuple[Team, str]:
        """A new team and its secret token (:class:`StateError` ``name_taken``)."""
        token = secrets.token_urlsafe(24)
        with self._tx() as db:
            if db.execute("SELECT 1 FROM teams WHERE session_id = ? AND name = ?",
                          (session.id, name)).fetchone():
                raise StateError("name_taken")
            while True:  # a code no other team has (a clash is one in 10**8 per team)
                code = new_code()
                if not db.execute("SELECT 1 FROM teams WHERE code = ?", (code,)).fetchone():
                    break
            cur = db.execute("INSERT INTO teams (session_id, name, token_hash, created, code) "
                             "VALUES (?, ?, ?, ?, ?)",
                             (session.id, name, token_hash(token), time.time(), code))
            tid = int(cur.lastrowid or 0)
        return Team(tid, session.id, name, code), token

    def team_by_token(self, token: str) -> Team | None:
        """The team of a browser's token: the one made at the join, or one made by
        :meth:`rejoin` on another device."""
        h = token_hash(token)
        rows = self._read(f"SELECT {TEAM_COLUMNS} FROM teams WHERE token_hash = ? OR id = "
                          "(SELECT team_id FROM team_tokens WHERE token_hash = ?)", (h, h))
        return Team(*rows[0]) if rows else None

    def team_by_code(self, code: str) -> Team | None:
        """The team whose code this is (any session; spaces and case ignored)."""
        clean = "".join(code.split()).upper()
        if len(clean) != CODE_LENGTH:
            return None
        rows = self._read(f"SELECT {TEAM_COLUMNS} FROM teams WHERE code = ?", (clean,))
        return Team(*rows[0]) if rows else None

    def rejoin(self, team: Team) -> tuple[Team, str]:
        """A new secret token for ``team`` on another device (the first stays valid)."""
        token = secrets.token_urlsafe(24)
        with self._tx() as db:
            db.execute("INSERT INTO team_tokens VALUES (?, ?, ?)",
                       (token_hash(token), team.id, time.time()))
        return team, token

    def session_of_team(self, team_id: int) -> Session | None:
        rows = self._read("SELECT s.* FROM sessions s JOIN teams t ON t.session_id = s.id "
                          "WHERE t.id = ?", (team_id,))
        return _session(rows[0]) if rows else None

    def teams(self, session_id: int) -> list[Team]:
        return [Team(*r) for r in self._read(
            f"SELECT {TEAM_COLUMNS} FROM teams WHERE session_id = ? ORDER BY id",
            (session_id,))]

    # ---------------------------------------------------------------- rounds
    def rounds(self, session_id: int) -> list[Round]:
        return [Round(*r) for r in self._read(
            "SELECT id, session_id, number, state FROM rounds WHERE session_id = ? "
            "ORDER BY number", (session_id,))]

    def current_round(self, session_id: int) -> Round | None:
        rounds = self.rounds(session_id)
        return rounds[-1] if rounds else None

    def open_round(self, session_id: int) -> Round:
        """Open the next round (:class:`StateError` ``round_still_open`` if one is open)."""
        with self._tx() as db:
            last = db.execute("SELECT number, state FROM rounds WHERE session_id = ? "
                              "ORDER BY number DESC LIMIT 1", (session_id,)).fetchone()
            if last is not None and last["state"] == "open":
                raise StateError("round_still_open")
            number = 1 if last is None else int(last["number"]) + 1
            cur = db.execute("INSERT INTO rounds (session_id, number, state) VALUES (?, ?, "
                             "'open')", (session_id, number))
            return Round(int(cur.lastrowid or 0), session_id, number, "open")

    def advance_round(self, round_id: int, to: str) -> None:
        """Lock an open round, or reveal a locked one (:class:`StateError` otherwise)."""
        before = {"locked": "open", "revealed": "locked"}[to]
        with self._tx() as db:
            cur = db.execute("UPDATE rounds SET state = ? WHERE id = ? AND state = ?",
                             (to, round_id, before))
            if cur.rowcount != 1:
                raise StateError(f"round_not_{before}")

    def _open_round_of(self, db: sqlite3.Connection, team: Team, round_id: int) -> None:
        row = db.execute("SELECT state FROM rounds WHERE id = ? AND session_id = ?",
                         (round_id, team.session_id)).fetchone()
        if row is None or row["state"] != "open":
            raise StateError("round_closed")

    # ---------------------------------------------------------------- a team's round
    def design_version(self, team_id: int, round_id: int) -> int:
        """The version of the team's stored design of a round (0: none stored yet)."""
        rows = self._read("SELECT version FROM designs WHERE team_id = ? AND round_id = ?",
                          (team_id, round_id))
        return int(rows[0][0]) if rows else 0

    def save_design(self, team: Team, round_id: int, design: dict[str, Any],
                    version: int | None = None) -> int:
        """Store the team's design (until its prediction is recorded); its new version.

        ``version`` is the version the team's page showed: another one means the design
        was saved since (another tab, another laptop), and the save is refused
        (``design_stale``) rather than silently replacing it. ``None``: not checked.
        """
        with self._tx() as db:
            self._open_round_of(db, team, round_id)
            if db.execute("SELECT 1 FROM predictions WHERE team_id = ? AND round_id = ?",
                          (team.id, round_id)).fetchone():
                raise StateError("design_final")
            now = self._version(db, team.id, round_id)
            if version is not None and version != now:
                raise StateError("design_stale")
            db.execute("INSERT INTO designs (team_id, round_id, design, updated, version) "
                       "VALUES (?, ?, ?, ?, 1) ON CONFLICT (team_id, round_id) DO UPDATE SET "
                       "design = excluded.design, updated = excluded.updated, "
                       "version = designs.version + 1",
                       (team.id, round_id, json.dumps(design), time.time()))
            return now + 1

    @staticmethod
    def _version(db: sqlite3.Connection, team_id: int, round_id: int) -> int:
        row = db.execute("SELECT version FROM designs WHERE team_id = ? AND round_id = ?",
                         (team_id, round_id)).fetchone()
        return int(row[0]) if row else 0

    def predict(self, team: Team, round_id: int, hours_share: float, net_cost: float,
                version: int | None = None) -> None:
        """Record the team's prediction once (:class:`StateError` if no design or done),
        bound to the design of ``version`` (the one its page showed; ``None``: the stored
        one, whichever), else ``design_stale``."""
        with self._tx() as db:
            self._open_round_of(db, team, round_id)
            now = self._version(db, team.id, round_id)
            if now == 0:
                raise StateError("no_design")
            if version is not None and version != now:
                raise StateError("design_stale")
            try:
                db.execute("INSERT INTO predictions VALUES (?, ?, ?, ?, ?)",
                           (team.id, round_id, hours_share, net_cost, time.time()))
            except sqlite3.IntegrityError:
                raise StateError("prediction_exists") from None

    def enqueue(self, team: Team, round_id: int) -> int:
        """Queue the team's run of its design (needs its prediction; once per round)."""
        with self._tx() as db:
            self._open_round_of(db, team, round_id)
            design = db.execute("SELECT design FROM designs WHERE team_id = ? AND round_id = ?",
                                (team.id, round_id)).fetchone()
            if design is None or not db.execute(
                    "SELECT 1 FROM predictions WHERE team_id = ? AND round_id = ?",
                    (team.id, round_id)).fetchone():
                raise StateError("predict_first")
            try:
                cur = db.execute("INSERT INTO runs (team_id, round_id, design, state, queued) "
                                 "VALUES (?, ?, ?, 'queued', ?)",
                                 (team.id, round_id, design["design"], time.time()))
            except sqlite3.IntegrityError:
                raise StateError("run_exists") from None
            return int(cur.lastrowid or 0)

    def reset_team(self, team_id: int, round_id: int) -> None:
        """Clear a team's design, prediction and run of a round: only while the round is
        open (``reset_after_lock``: a locked or revealed result is the room's) and not
        while the team's run runs."""
        with self._tx() as db:
            row = db.execute("SELECT state FROM rounds WHERE id = ?", (round_id,)).fetchone()
            if row is None or row["state"] != "open":
                raise StateError("reset_after_lock")
            if db.execute("SELECT 1 FROM runs WHERE team_id = ? AND round_id = ? AND state = "
                          "'running'", (team_id, round_id)).fetchone():
                raise StateError("team_running")
            for table in ("runs", "predictions", "designs"):
                db.execute(f"DELETE FROM {table} WHERE team_id = ? AND round_id = ?",
                           (team_id, round_id))

    def team_round(self, team_id: int, round_id: int) -> dict[str, Any]:
        """The team's design, prediction and run in a round (``None`` where absent)."""
        d = self._read("SELECT design FROM designs WHERE team_id = ? AND round_id = ?",
                       (team_id, round_id))
        p = self._read("SELECT hours_share, net_cost FROM predictions WHERE team_id = ? AND "
                       "round_id = ?", (team_id, round_id))
        r = self._read("SELECT * FROM runs WHERE team_id = ? AND round_id = ?",
                       (team_id, round_id))
        return {"design": json.loads(d[0]["design"]) if d else None,
                "prediction": dict(p[0]) if p else None,
                "run": _run(r[0]) if r else None}

    # ---------------------------------------------------------------- the queue
    def claim_next(self) -> Run | None:
        """Take the next queued run, fairly: round-robin by team (the team whose last run
        started longest ago, never-run teams first; then the oldest request), never a
        second run of a team that has one running."""
        with self._tx() as db:
            row = db.execute(
                "SELECT r.* FROM runs r WHERE r.state = 'queued' AND NOT EXISTS ("
                " SELECT 1 FROM runs x WHERE x.team_id = r.team_id AND x.state = 'running') "
                "ORDER BY (SELECT COALESCE(MAX(y.started), 0) FROM runs y "
                " WHERE y.team_id = r.team_id), r.queued, r.id LIMIT 1").fetchone()
            if row is None:
                return None
            db.execute("UPDATE runs SET state = 'running', started = ?, done = 0 WHERE id = ?",
                       (time.time(), row["id"]))
        return _run(row, state="running")

    def progress(self, run_id: int, done: int, total: int) -> None:
        with self._tx() as db:
            db.execute("UPDATE runs SET done = ?, total = ? WHERE id = ?", (done, total, run_id))

    def finish(self, run_id: int, result: dict[str, Any]) -> None:
        with self._tx() as db:
            db.execute("UPDATE runs SET state = 'done', result = ?, finished = ?, done = total "
                       "WHERE id = ?", (json.dumps(result), time.time(), run_id))

    def fail(self, run_id: int, error: str) -> None:
        with self._tx() as db:
            db.execute("UPDATE runs SET state = 'failed', error = ?, finished = ? WHERE id = ?",
                       (error[:2000], time.time(), run_id))

    def recover(self) -> int:
        """Queue again every run an earlier app left ``running``; how many."""
        with self._tx() as db:
            return int(db.execute("UPDATE runs SET state = 'queued', started = NULL, done = 0 "
                                  "WHERE state = 'running'").rowcount)

    def run(self, run_id: int) -> Run | None:
        rows = self._read("SELECT * FROM runs WHERE id = ?", (run_id,))
        return _run(rows[0]) if rows else None

    def queue_place(self, run_id: int) -> tuple[int, int, float | None]:
        """Where a queued run waits: runs queued before it, runs running now, and the mean
        seconds of the last ten finished runs (None before any), for the team's estimate."""
        ahead = self._read("SELECT COUNT(*) FROM runs r, runs m WHERE m.id = ? AND "
                           "r.state = 'queued' AND (r.queued < m.queued OR (r.queued = "
                           "m.queued AND r.id < m.id))", (run_id,))[0][0]
        running = self._read("SELECT COUNT(*) FROM runs WHERE state = 'running'")[0][0]
        last = self._read("SELECT finished - started FROM runs WHERE state = 'done' AND "
                          "started IS NOT NULL ORDER BY finished DESC LIMIT 10")
        mean = sum(float(r[0]) for r in last) / len(last) if last else None
        return int(ahead), int(running), mean


def _session(row: sqlite3.Row) -> Session:
    return Session(int(row["id"]), str(row["card"]), float(row["budget"]),
                   str(row["join_code"]), str(row["lang"]), bool(row["ranking"]))


def _run(row: sqlite3.Row, state: str | None = None) -> Run:
    return Run(int(row["id"]), int(row["team_id"]), int(row["round_id"]),
               json.loads(row["design"]), state or str(row["state"]), int(row["done"]),
               int(row["total"]), json.loads(row["result"]) if row["result"] else None,
               row["error"])
