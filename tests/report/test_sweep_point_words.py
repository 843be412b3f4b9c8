"""A design point in the sweep's "In short": by its lever values when few levers vary, by
its number (and the few values that differ from the reference) in a screening of many."""

from __future__ import annotations

import pandas as pd

from jobfirst_sim.report.sweep_headline import MAX_NAMED_LEVERS, describe_point


def test_few_levers_are_named_with_their_values():
    pts = pd.DataFrame({"arms.jobfirst.organisation.caseload": [30, 50]}, index=[0, 1])
    text = describe_point(pts, 1, 0, list(pts.columns), "en")
    assert "50" in text


def test_a_screening_names_the_point_and_only_what_differs():
    levers = [f"behaviour.section{i}.rate" for i in range(3 * MAX_NAMED_LEVERS)]
    pts = pd.DataFrame([[0.1] * len(levers), [0.1] * len(levers), [0.2] * len(levers)],
                       columns=levers, index=[0, 1, 2])
    pts.loc[1, levers[4]] = 0.3
    one = describe_point(pts, 1, 0, levers, "en")
    assert one.startswith("Design point 1") or one.lower().startswith("design point 1")
    assert "section4 rate" in one and "section5" not in one
    many = describe_point(pts, 2, 0, levers, "en")
    assert "rate" not in many  # every lever differs: the table, not the sentence, lists them
