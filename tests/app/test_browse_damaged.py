"""Damaged folders are shown as such, never a 500 (issue 9 §5).

A run written with a run id and file digests whose files were changed afterwards is not
one complete run: it is refused with that reason (alone: at start; beside other results:
in the problem box). Each kind of damage ``jobfirst report`` explains on a run written
before run ids — a missing, truncated, zero-byte,
garbage or column-less Parquet file, an empty table, a bad or missing JSON manifest, an
empty folder, a folder with only ``manifest.json`` — is made on a copy of a real run (or
sweep). The browser must start, list the problem for that entry at the top of the page,
and answer every callback without HTTP 500; when nothing at all can be browsed it refuses
at start with a message naming each folder and why.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from dash_requests import OUTPUTS, Post
from report_support import older_run_copy, real_run_dir, real_sweep_dirs

from jobfirst_sim.app import browse as B


def truncate(name: str) -> Callable[[Path], None]:
    def damage(d: Path) -> None:
        f = d / name
        f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    return damage


def delete(*names: str) -> Callable[[Path], None]:
    def damage(d: Path) -> None:
        for n in names:
            (d / n).unlink()
    return damage


def write(name: str, data: bytes) -> Callable[[Path], None]:
    def damage(d: Path) -> None:
        (d / name).write_bytes(data)
    return damage


def scramble_inside(name: str) -> Callable[[Path], None]:
    """Zero a stretch in the middle of the file: the footer still reads, the data not."""
    def damage(d: Path) -> None:
        f = d / name
        b = bytearray(f.read_bytes())
        mid = len(b) // 3
        b[mid:mid + 2000] = bytes(2000)
        f.write_bytes(bytes(b))
    return damage


def columns_only(name: str, keep: list[str]) -> Callable[[Path], None]:
    def damage(d: Path) -> None:
        pd.read_parquet(d / name, columns=keep).to_parquet(d / name)
    return damage


def no_rows(name: str) -> Callable[[Path], None]:
    def damage(d: Path) -> None:
        pd.read_parquet(d / name).head(0).to_parquet(d / name)
    return damage


# (case, damage, expected fragment in the page's problem box or None)
RUN_DAMAGE: list[tuple[str, Callable[[Path], None], str | None]] = [
    ("weekly missing", delete("weekly.parquet"), "weekly.parquet: file is missing"),
    ("outcomes missing", delete("outcomes.parquet"), "outcomes.parquet: file is missing"),
    ("journeys missing", delete("journeys.parquet"), "journeys.parquet: file is missing"),
    ("weekly truncated", truncate("weekly.parquet"), "weekly.parquet: file cannot be read"),
    ("outcomes truncated", truncate("outcomes.parquet"),
     "outcomes.parquet: file cannot be read"),
    ("journeys truncated", truncate("journeys.parquet"),
     "journeys.parquet: file cannot be read"),
    ("panel truncated", truncate("panel.parquet"), "panel.parquet: file cannot be read"),
    ("weekly zero bytes", write("weekly.parquet", b""), "weekly.parquet: file cannot be read"),
    ("outcomes garbage", write("outcomes.parquet", b"PAR1" + b"\x00garbage" * 100),
     "outcomes.parquet: file cannot be read"),
    ("weekly scrambled inside", scramble_inside("weekly.parquet"), None),
    ("journeys scrambled inside", scramble_inside("journeys.parquet"), None),
    ("weekly missing columns", columns_only("weekly.parquet", ["week", "arm"]),
     "weekly.parquet: missing columns"),
    ("outcomes no rows", no_rows("outcomes.parquet"), "outcomes.parquet: table is empty"),
    ("manifest bad JSON", write("manifest.json", b'{"scenario": {"arms": ['),
     "manifest.json: file cannot be read"),
    ("manifest a list", write("manifest.json", b"[1, 2]"), "not a JSON object"),
    ("manifest deep", write("manifest.json", b"[" * 200_000 + b"]" * 200_000),
     "manifest.json: file cannot be read"),
    ("manifest missing", delete("manifest.json"), "manifest.json: file is missing"),
]

SWEEP_DAMAGE: list[tuple[str, Callable[[Path], None], str | None]] = [
    ("summary truncated", truncate("summary.parquet"), "summary.parquet: file cannot be read"),
    ("summary missing", delete("summary.parquet"), "summary.parquet: file is missing"),
    ("weekly truncated", truncate("weekly.parquet"), "weekly.parquet: file cannot be read"),
    ("experiments truncated", truncate("experiments.parquet"),
     "experiments.parquet: file cannot be read"),
    ("experiments zero bytes", write("experiments.parquet", b""),
     "experiments.parquet: file cannot be read"),
    ("manifest bad JSON", write("manifest.json", b"{"), "manifest.json: file cannot be read"),
]


def _all_callbacks_answer(client: Any, post: Post, sweep: bool) -> list[str]:
    """Post every callback with the page's own start values; none may answer 500."""
    answers = []
    for cb in OUTPUTS:
        if cb.startswith(("sweep", "drill")) and not sweep:
            continue
        values: dict[str, Any] = {}
        if cb == "journey":
            values = {"citizen": '[0, "jobfirst", "x"]'}
        a = post(client, cb, values)
        assert a.status == 200, f"{cb}: {a.status} {a.text[:300]}"
        answers.append(a.text)
    return answers


def _layout(client: Any) -> str:
    r = client.get("/_dash-layout")
    assert r.status_code == 200
    return json.dumps(r.get_json(), ensure_ascii=False)


@pytest.mark.parametrize(("case", "damage", "fragment"), RUN_DAMAGE,
                         ids=[c for c, _, _ in RUN_DAMAGE])
def test_damaged_run_is_shown_never_500(tmp_path: Path, post: Post, case: str,
                                        damage: Callable[[Path], None],
                                        fragment: str | None) -> None:
    d = older_run_copy(tmp_path / "run")
    damage(d)
    client = B.make_app([d], lang="en").server.test_client()
    page = _layout(client)
    if fragment is not None:
        assert fragment in page
    assert client.get("/").status_code == 200
    _all_callbacks_answer(client, post, sweep=False)


@pytest.mark.parametrize(("case", "damage", "fragment"), SWEEP_DAMAGE,
                         ids=[c for c, _, _ in SWEEP_DAMAGE])
def test_damaged_sweep_is_shown_never_500(tmp_path: Path, post: Post, case: str,
                                          damage: Callable[[Path], None],
                                          fragment: str | None) -> None:
    d = tmp_path / "factorial"
    shutil.copytree(real_sweep_dirs()["factorial"], d)
    damage(d)
    client = B.make_app([d, real_run_dir()], lang="en").server.test_client()
    page = _layout(client)
    if fragment is not None:
        assert fragment in page
    _all_callbacks_answer(client, post, sweep=True)


def _only_manifest(d: Path) -> None:
    d.mkdir()
    shutil.copy(real_run_dir() / "manifest.json", d / "manifest.json")


def _empty(d: Path) -> None:
    d.mkdir()


def _no_tables(d: Path) -> None:
    _only_manifest(d)
    shutil.copy(real_run_dir() / "summary.json", d / "summary.json")


def _all_tables_gone(d: Path) -> None:
    shutil.copytree(real_run_dir(), d)
    for f in d.glob("*.parquet"):
        f.unlink()


UNUSABLE: list[tuple[str, Callable[[Path], None], str]] = [
    ("empty folder", _empty, "the folder is empty"),
    ("only manifest.json", _only_manifest, "only manifest.json, no tables"),
    ("manifest and summary only", _no_tables, "no run, sweep or decision tables"),
    ("every table deleted", _all_tables_gone, "no run, sweep or decision tables"),
    ("a file, not a folder", lambda d: d.write_text("x"), "is not a folder"),
    ("does not exist", lambda d: None, "does not exist"),
]


@pytest.mark.parametrize(("case", "make", "fragment"), UNUSABLE, ids=[u[0] for u in UNUSABLE])
def test_unusable_folder_alone_is_refused_at_start(tmp_path: Path, case: str,
                                                   make: Callable[[Path], None],
                                                   fragment: str) -> None:
    from typer.testing import CliRunner

    from jobfirst_sim.cli import app

    d = tmp_path / "broken"
    make(d)
    with pytest.raises(B.BrowseError, match="no run, sweep or decision folder") as err:
        B.make_app([d], lang="en")
    assert fragment in str(err.value)
    res = CliRunner().invoke(app, ["browse", str(d)])
    assert res.exit_code == 2 and fragment in res.output and "Traceback" not in res.output


@pytest.mark.parametrize(("case", "make", "fragment"), UNUSABLE, ids=[u[0] for u in UNUSABLE])
def test_unusable_folder_beside_a_run_is_listed(tmp_path: Path, post: Post, case: str,
                                                make: Callable[[Path], None],
                                                fragment: str) -> None:
    d = tmp_path / "broken"
    make(d)
    client = B.make_app([d, real_run_dir()], lang="en").server.test_client()
    assert f"broken: {fragment}" in _layout(client)
    answers = _all_callbacks_answer(client, post, sweep=False)
    assert not any("could not be drawn" in a for a in answers)


def test_unfinished_run_in_a_results_folder_is_listed(tmp_path: Path, post: Post) -> None:
    """``browse results/``: a sub-folder with only manifest.json (a run that never
    finished) is listed; the finished run beside it is browsable."""
    results = tmp_path / "results"
    results.mkdir()
    shutil.copytree(real_run_dir(), results / "run")
    _only_manifest(results / "crashed")
    (results / "notes").mkdir()  # not a result folder: passed over
    client = B.make_app([results], lang="en").server.test_client()
    page = _layout(client)
    assert "crashed: only manifest.json" in page and "notes" not in page
    _all_callbacks_answer(client, post, sweep=False)


def test_cli_browse_starts_with_a_damaged_folder(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from jobfirst_sim.app import server as S
    from jobfirst_sim.cli import app

    d = older_run_copy(tmp_path / "run")
    truncate("weekly.parquet")(d)
    started: list[Any] = []
    monkeypatch.setattr(S, "serve_wsgi", lambda *a, **k: started.append(a))
    res = CliRunner().invoke(app, ["browse", str(d), "--port", "0"])
    assert res.exit_code == 0, res.output
    assert len(started) == 1


def test_a_damaged_table_spoils_only_the_figures_that_need_it(tmp_path: Path, post: Post
                                                              ) -> None:
    """A truncated weekly.parquet: the weekly figure says it could not be drawn (and the
    error is logged); the outcome bars and the subgroup curves are still drawn."""
    d = older_run_copy(tmp_path / "run")
    truncate("weekly.parquet")(d)
    client = B.make_app([d], lang="en").server.test_client()
    weekly = post(client, "weekly")
    assert "This figure could not be drawn (ArrowInvalid)" in weekly.text
    for cb in ("outcome", "subgroup"):
        a = post(client, cb)
        assert a.status == 200 and "could not be drawn" not in a.text
        assert "No data for this figure" not in a.text


@pytest.mark.parametrize("damage", [delete("weekly.parquet"), truncate("outcomes.parquet")],
                         ids=["weekly missing", "outcomes truncated"])
def test_a_changed_new_run_is_not_one_run(tmp_path: Path, damage: Callable[[Path], None]
                                          ) -> None:
    """Alone it is refused at start; beside a good run it is listed, and the rest works."""
    d = tmp_path / "run"
    shutil.copytree(real_run_dir(), d)
    damage(d)
    with pytest.raises(B.BrowseError, match="not one complete run"):
        B.make_app([d], lang="en")
    client = B.make_app([d, real_run_dir()], lang="en").server.test_client()
    page = _layout(client)
    assert "not one complete run" in page
    assert client.get("/").status_code == 200
