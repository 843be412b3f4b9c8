"""What ``jobfirst compare`` prints reads as its page does: the designs by their names,
never their arm ids; kroner in mio. kr.; no interval whose ends print alike (an input such
as the staff cost); a missing interval keeps its column (it used to shift the row)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from jobfirst_sim.cli.terminal import fit
from jobfirst_sim.decide import compare as cmp
from jobfirst_sim.report.compare import terminal_text
from jobfirst_sim.words import t

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "decide"))
from test_pilot import tiny


@pytest.fixture(scope="module")
def comparison() -> cmp.Comparison:
    return cmp.run_compare(cmp.from_arms(tiny(), "today", "jobfirst", replications=2, seed=4))


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_business_case_names_the_designs_and_shows_no_zero_width_interval(
        comparison: cmp.Comparison, lang: str) -> None:
    text = terminal_text(comparison, lang)
    case = text[text.index(t("bc_title", lang) + ":"):]
    assert not re.search(r"\b(today|jobfirst)\s+−\s+(today|jobfirst)\b", case)
    assert not re.search(r"\(([^()]+) (?:til|to) \1\)", case), case
    assert ("mio. kr." if lang == "da" else "m") in case


def test_a_row_without_an_interval_keeps_its_columns_when_fitted(
        comparison: cmp.Comparison) -> None:
    lines = fit(terminal_text(comparison, "en"), 100).split("\n")
    staff = next(x for x in lines if x.strip().startswith("Staff cost per citizen"))
    assert staff.rstrip().endswith("–")


def test_one_budget_year_is_said_in_the_singular(comparison: cmp.Comparison) -> None:
    from jobfirst_sim.report.business import years_text

    assert years_text(1, "en") == "1 budget year" and years_text(5, "en") == "5 budget years"
    assert "2 budget years," in terminal_text(comparison, "en")  # the tiny run: 64 weeks
