"""`jobfirst browse` lists compare, explain and pilot folders with their headline and
kroner, in the page's language (issue 23 §3); it used to refuse them, in English."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from jobfirst_sim.app import browse as B
from jobfirst_sim.app.browse.decisions import decision_rows, net_kroner
from jobfirst_sim.report.labels import t

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
from test_decision_rerender import _compare, _pilot


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("decisions")
    _compare(root / "compare_today_to_jobfirst")
    _pilot(root / "pilot_today_to_jobfirst")
    return root


def _texts(node: Any) -> list[str]:
    """Every string in a Dash component tree (the visible words)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list | tuple):
        return [x for n in node for x in _texts(n)]
    children = getattr(node, "children", None)
    out = _texts(children) if children is not None else []
    label = getattr(node, "label", None)
    return out + ([label] if isinstance(label, str) else [])


def _table(node: Any) -> Any:
    if getattr(node, "id", None) == "decisions":
        return node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str):
            found = _table(child)
            if found is not None:
                return found
    return None


@pytest.mark.parametrize(("lang", "words", "foreign"), [
    ("da", ("Beslutninger (2)", "Sammenligning", "Pilotplan", "Offentlige nettoudgifter"),
     ("Comparison", "Pilot plan", "no run, sweep")),
    ("en", ("Decisions (2)", "Comparison", "Pilot plan", "Net public cost"),
     ("Sammenligning", "Pilotplan")),
])
def test_the_browser_lists_decision_folders_in_its_language(
        folders: Path, lang: str, words: tuple[str, ...], foreign: tuple[str, ...]) -> None:
    app = B.make_app([folders], lang=lang)
    texts = " ".join(_texts(app.layout))
    for word in words:
        assert word in texts, word
    for word in foreign:
        assert word not in texts, word
    table = _table(app.layout)
    assert table is not None and len(_texts(table)) > 20
    assert t("missing_title", lang) not in texts  # nothing refused or missing


def test_each_row_is_the_folders_own_headline_and_net_kroner(folders: Path) -> None:
    entries = B.discover([folders])
    assert sorted(e.kind for e in entries) == ["compare", "pilot"]
    rows = {r[0]: r for r in decision_rows(entries, "da")}
    cmp_dir = folders / "compare_today_to_jobfirst"
    head = json.loads((cmp_dir / "compare.json").read_text("utf-8"))["headline"]
    row = rows["compare_today_to_jobfirst"]
    from jobfirst_sim import fmt

    assert row[3] == fmt.percent(head["current"], "da")
    assert row[4] == fmt.percent(head["proposed"], "da")
    assert row[5].startswith(fmt.points(head["difference"], "da"))
    net = net_kroner(cmp_dir)
    assert net is not None and row[6] == fmt.kroner(net, "da", 1, compact=True, signed=True)
    assert "kr." in row[6]
    pilot = rows["pilot_today_to_jobfirst"]
    assert pilot[6] == fmt.MISSING  # a pilot has no business case
    pilot_head = json.loads((folders / "pilot_today_to_jobfirst" / "pilot.json")
                            .read_text("utf-8"))["headline"]
    assert pilot[2].startswith(t(pilot_head["metric"], "da"))  # the headline's own metric
    if pilot_head["week"] is not None:
        assert f"uge {pilot_head['week']}" in pilot[2]


def test_a_decision_folder_given_alone_is_browsed(folders: Path) -> None:
    app = B.make_app([folders / "pilot_today_to_jobfirst"], lang="da")
    assert "Beslutninger (1)" in " ".join(_texts(app.layout))


def test_a_folder_that_cannot_be_browsed_is_said_in_the_pages_language(
        folders: Path, tmp_path: Path) -> None:
    from jobfirst_sim.app.browse.health import problem_lines, survey

    empty = tmp_path / "empty"
    empty.mkdir()
    entries, unusable = survey([folders, empty])
    assert problem_lines(entries, unusable, "da") == ["empty: mappen er tom"]
    assert problem_lines(entries, unusable, "en") == ["empty: the folder is empty"]


def test_a_folder_of_several_proposals_lists_each_proposal(folders: Path,
                                                            tmp_path: Path) -> None:
    import shutil

    from jobfirst_sim.app.browse.data import discover

    many = tmp_path / "results" / "compare_today_to_a_b"
    for key in ("a", "b"):
        shutil.copytree(folders / "compare_today_to_jobfirst", many / key)
    (many / "compare_many.json").write_text('{"kind": "compare_many"}', encoding="utf-8")
    for given in (tmp_path / "results", many):  # the results folder, or the folder itself
        names = [(e.kind, e.name) for e in discover([given])]
        assert names == [("compare", "compare_today_to_a_b/a"),
                         ("compare", "compare_today_to_a_b/b")]
