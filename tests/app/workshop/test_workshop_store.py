"""The workshop's SQLite state: final predictions, a fair queue, recovery after a crash."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from jobfirst_sim.app.workshop.store import StateError, Store


def three_teams(tmp_path: Path) -> tuple[Store, list[int], int]:
    store = Store(tmp_path)
    session = store.create_session("bum70_readiness_first", 9.0, "da")
    rnd = store.open_round(session.id)
    teams = [store.join(session, name)[0] for name in ("A", "B", "C")]
    for team in teams:
        store.save_design(team, rnd.id, {"x": team.id})
        store.predict(team, rnd.id, 0.1, 1e8)
    return store, [t.id for t in teams], rnd.id


def test_state_survives_a_new_store_on_the_same_folder(tmp_path: Path) -> None:
    store, teams, rnd = three_teams(tmp_path)
    again = Store(tmp_path)
    assert again.facilitator_key() == store.facilitator_key()
    session = again.current_session()
    assert session is not None
    assert [t.id for t in again.teams(session.id)] == teams
    assert again.team_round(teams[0], rnd)["prediction"] == {"hours_share": 0.1,
                                                            "net_cost": 1e8}
    mode = sqlite3.connect(store.path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_a_prediction_cannot_be_changed_even_by_sql(tmp_path: Path) -> None:
    store, _, rnd = three_teams(tmp_path)
    db = sqlite3.connect(store.path)
    with pytest.raises(sqlite3.IntegrityError, match="cannot be changed"):
        db.execute("UPDATE predictions SET hours_share = 0.9")
    db.close()
    team = store.team_by_token("no such token")
    assert team is None
    with pytest.raises(StateError, match="design_final"):
        store.save_design(store.teams(1)[0], rnd, {"x": 0})


def test_the_queue_is_round_robin_by_team_and_recovers_running_runs(tmp_path: Path) -> None:
    store, teams, rnd = three_teams(tmp_path)
    for team in store.teams(1):
        store.enqueue(team, rnd)
    first = store.claim_next()
    assert first is not None and first.team_id == teams[0]
    store.finish(first.id, {"ok": True})
    second = store.claim_next()
    assert second is not None and second.team_id == teams[1]
    assert store.recover() == 1  # the app died while it ran
    again = store.claim_next()
    assert again is not None and again.id == second.id  # queued earlier than C's run
    third = store.claim_next()
    assert third is not None and third.team_id == teams[2]
    assert store.claim_next() is None
