"""The one "In short" sentence (jobfirst_sim.report.headline)."""

from __future__ import annotations

from jobfirst_sim.report.headline import difference_text, few_replications_warning, sentence
from jobfirst_sim.stats import Interval


def test_share_difference_is_in_percentage_points_with_interval() -> None:
    s = sentence("share_with_hours_w78", "Forslag", "i dag", 0.236, 0.108,
                 Interval(0.128, 0.119, 0.137, 20), "da")
    assert s.startswith("Forslag: 23,6\u00a0%")
    assert "mod 10,8\u00a0% i dag" in s
    assert "+12,8\u00a0pct.-point, 95 %-interval 11,9–13,7" in s


def test_negative_difference_and_single_run() -> None:
    text = difference_text("mean_wage_hours_w78", Interval(-0.5, float("nan"),
                                                           float("nan"), 1), "en")
    assert text.startswith("−0.5") and "no interval" in text


def test_few_replications_warn_in_words() -> None:
    assert few_replications_warning(3, "da") is not None
    assert "3" in (few_replications_warning(3, "en") or "")
    assert few_replications_warning(20, "en") is None


def test_an_interval_below_zero_is_never_written_like_a_subtraction() -> None:
    text = difference_text("share_with_hours_end", Interval(0.027, -0.087, 0.14, 2), "da")
    assert "−8,7 til +14,0" in text and "−8,7–" not in text
    text = difference_text("share_with_hours_end", Interval(-0.2, -0.3, -0.1, 2), "en")
    assert "−30.0 to −10.0" in text
