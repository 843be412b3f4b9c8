"""The terminal follows the window's width (issue 23 §3, the terminal): with COLUMNS=110
no line a command prints is longer than 110 characters, tables included."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.cli.terminal import fit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "decide"))

from test_pilot import MUNICIPALITY, TINY_SETS  # noqa: E402

WIDE = "\n".join([
    "In short: " + "a sentence that runs on and on " * 8,
    "                                          today                   jobfirst"
    "                                       Difference (jobfirst − today)",
    "-" * 50 + "  " + "-" * 40 + "  " + "-" * 40 + "  " + "-" * 60,
    "Staff cost" + " " * 40 + "DKK 8,413,986 (8,413,986 to 8,413,986)     DKK 7,804,878 "
    "(7,804,878 to 7,804,878)" + " " * 30 + "−DKK 609,108 (−609,108 to −609,108)",
    "Net public cost  DKK 44,916,088 (41,641,825 to 48,190,350)  DKK 43,883,423 "
    "(39,299,908 to 48,466,938)  −DKK 1,032,665 (−2,341,917 to 276,588)",
])


def test_fit_keeps_every_line_within_the_width_and_every_word() -> None:
    out = fit(WIDE, 110)
    assert max(len(line) for line in out.split("\n")) <= 110
    assert max(len(line) for line in WIDE.split("\n")) > 180  # it was too wide
    for word in ("Staff", "8,413,986", "−DKK", "Difference", "(jobfirst", "48,466,938)"):
        assert word in out
    assert fit("short\n  a  b  c", 110) == "short\n  a  b  c"  # what fits is unchanged


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["da", "en"])
def test_compare_and_pilot_fit_a_110_character_window(tmp_path: Path, lang: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "110")
    common = [str(MUNICIPALITY), "--from", "today", "--to", "jobfirst", "--uncertainty",
              "noise", "--lang", lang, "-w", "1", *TINY_SETS]
    runner = CliRunner()
    for args in (["compare", "-r", "2", "--out", str(tmp_path / "c")],
                 ["pilot", "--week", "52", "--pilots", "4", "--out", str(tmp_path / "p")]):
        res = runner.invoke(app, [args[0], *common, *args[1:]])
        assert res.exit_code == 0, res.output
        long = [line for line in res.stdout.split("\n") if len(line) > 110]
        assert not long, long
        assert ("resultater i" if lang == "da" else "results in") in res.stdout
