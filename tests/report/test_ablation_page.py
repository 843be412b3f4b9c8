"""The ablation table (what rests on sources): the shipped file names every one-arm
multiplier of the schema, and the table renders in Danish and English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobfirst_sim.report import ablation
from jobfirst_sim.scenario.priors import priors

TINY = Path(__file__).resolve().parents[1] / "data" / "ablation_tiny.json"
"""Three rows (nothing changed, the work agreement's effect at neutral, all at neutral)
of a 2-replication run, with defaults that are not today's."""


def test_the_shipped_table_names_every_one_arm_multiplier_of_the_schema() -> None:
    """A multiplier added to the schema without rerunning experiments/ablation fails here."""
    data = ablation.load_ablation()
    assert data is not None, "jobfirst_sim/report/data/ablation.json is missing"
    wanted = [r.path for r in priors() if r.neutral is not None]
    rows = data["rows"]
    assert [r["path"] for r in rows if r["variant"] == "one"] == wanted
    assert rows[0]["variant"] == "full" and rows[-1]["variant"] == "all"
    assert sorted(rows[-1]["parameters"]) == sorted(wanted)
    assert data["replications"] >= 2 and data["scenario"] == "scenarios/jobfirst_trial.yaml"
    assert {"seed", "date", "defaults", "command"} <= set(data)
    for row in rows:
        assert row["T1"]["gap"] is not None and len(row["T1"]["gaps"]) == data["replications"]


@pytest.mark.parametrize(("lang", "words"), [
    ("da", ["Hvad hviler på kilder?", "Andel af forskellen bevaret",
            "hvor meget en arbejdsaftale hjælper", "+10,0\u00a0pct.-point", "Alle 1 på én gang",
            "1. december 2026", "standardværdierne er ændret"]),
    ("en", ["What rests on sources?", "Share of the gap kept",
            "how much a work agreement helps", "+10.0\u00a0pp", "All 1 at once",
            "December 1, 2026", "the defaults have changed"]),
])
def test_the_table_renders_in_both_languages(lang: str, words: list[str]) -> None:
    page = ablation.ablation_table_html(lang, TINY)
    assert page.startswith('<section class="ablation">') and page.count("<tr>") == 4
    for word in words:
        assert word in page, word
    assert "<code>behaviour.conversion.agreement_effect</code>" in page
    assert "nan" not in page.lower()


def test_no_stale_note_at_todays_defaults(tmp_path: Path) -> None:
    data = json.loads(TINY.read_text(encoding="utf-8"))
    data["defaults"]["behaviour_sha256"] = ablation.defaults_sha256()
    here = tmp_path / "ablation.json"
    here.write_text(json.dumps(data), encoding="utf-8")
    assert not ablation.is_stale(data)
    assert "defaults have changed" not in ablation.ablation_table_html("en", here)
    assert ablation.is_stale(json.loads(TINY.read_text(encoding="utf-8")))


def test_the_markdown_table_has_a_row_per_variant_and_the_rerun_command() -> None:
    data = json.loads(TINY.read_text(encoding="utf-8"))
    text = ablation.ablation_markdown(data)
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(data["rows"])
    assert all(line.count("|") == table[0].count("|") for line in table)
    assert "`behaviour.conversion.agreement_effect`" in text
    assert f"`{data['command']}`" in text
    assert ablation.ablation_markdown(data, "da").count("|") == text.count("|")


def test_no_table_gives_no_html(tmp_path: Path) -> None:
    assert ablation.ablation_table_html("en", tmp_path / "none.json") == ""
