"""Explain's verdicts: a lever is among those that "help most" only when its whole paired
interval is on the good side of 0 by the metric's direction; the page and the terminal say
which levers help, which hurt and which cannot be told from zero, in words, never field
paths; too few replications are warned about."""

from __future__ import annotations

import numpy as np
import pytest
from small import small_trial

from jobfirst_sim.decide.explain import ExplainRequest, Explanation, Lever
from jobfirst_sim.decide.verdicts import (
    HELPS,
    HURTS,
    LOWERS,
    RAISES,
    UNCLEAR,
    carriers,
    matter_most,
    verdict_of,
    verdicts,
)
from jobfirst_sim.report.explain import build_html, headline, narrative, terminal_text
from jobfirst_sim.stats import Interval

BASE = np.array([0.10, 0.12, 0.11, 0.09, 0.10])


def fake(metric: str = "share_with_hours_w78", reps: int = 5,
         effects: dict[str, list[float]] | None = None) -> Explanation:
    """An explanation with chosen per-replication one-at-a-time effects (no simulation)."""
    effects = effects or {
        "caseload": [0.05, 0.06, 0.05, 0.07, 0.06],          # clearly helps
        "cv_at_start": [0.02, 0.03, 0.02, 0.025, 0.03],       # clearly helps, smaller
        "work_agreement": [-0.04, -0.05, -0.045, -0.05, -0.04],  # clearly hurts, large
        "aftercare_lifeline": [0.01, -0.01, 0.02, -0.02, 0.0],   # includes 0
    }
    base = BASE[:reps]
    oat = {k: base + np.array(v[:reps]) for k, v in effects.items()}
    total = sum(np.array(v[:reps]) for v in effects.values())
    levers = [Lever(k, (f"practice.{k}",), "false", "true") for k in effects]
    req = ExplainRequest(small_trial(n_kh=10, n_rf=5, weeks=80), "control", "jobfirst",
                         metric=metric, replications=reps, seed=1)
    path = []
    acc = base.copy()
    for k, v in effects.items():
        acc = acc + np.array(v[:reps])
        path.append((k, acc.copy()))
    assert np.allclose(acc, base + total)
    return Explanation(req, levers, base, base + 0.1, oat, path)


@pytest.mark.parametrize(("ci", "metric", "expected"), [
    (Interval(0.05, 0.01, 0.09, 5), "share_with_hours_w78", HELPS),
    (Interval(-0.05, -0.09, -0.01, 5), "share_with_hours_w78", HURTS),
    (Interval(0.05, -0.01, 0.09, 5), "share_with_hours_w78", UNCLEAR),
    (Interval(0.0, 0.0, 0.0, 5), "share_with_hours_w78", UNCLEAR),
    (Interval(0.05, float("nan"), float("nan"), 1), "share_with_hours_w78", UNCLEAR),
    (Interval(0.05, 0.01, 0.09, 5), "share_full_support", HURTS),
    (Interval(-0.05, -0.09, -0.01, 5), "share_full_support", HELPS),
    (Interval(0.05, 0.01, 0.09, 5), "mean_caseload", RAISES),
    (Interval(-0.05, -0.09, -0.01, 5), "mean_caseload", LOWERS),
])
def test_verdict_by_direction_and_interval(ci: Interval, metric: str, expected: str):
    assert verdict_of(ci, metric) == expected


def test_a_negative_lever_never_matters_most():
    expl = fake()
    top = [v.lever for v in matter_most(expl)]
    assert top == ["caseload", "cv_at_start"]  # work_agreement is larger by size but hurts
    by = {v.lever: v.verdict for v in verdicts(expl)}
    assert by == {"caseload": HELPS, "cv_at_start": HELPS, "work_agreement": HURTS,
                  "aftercare_lifeline": UNCLEAR}
    assert [v.lever for v in carriers(expl)] == ["caseload", "cv_at_start"]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_page_and_terminal_say_help_hurt_unclear_in_words(lang: str):
    expl = fake(reps=5)
    text = narrative(expl, lang)
    helps, hurts, unclear = {"da": ("hjælper mest", "trækker ned", "skelnes fra 0"),
                             "en": ("help most", "pull down", "Not distinguishable")}[lang]
    head, rest = text.split(helps, 1)[1].split(".", 1)
    assert "sagsstamme" in head.lower() or "caseload" in head.lower()
    assert "rbejdsaftale" not in head and "ork agreement" not in head  # the hurting lever
    assert hurts in rest and unclear in rest
    term = terminal_text(expl, lang)
    first = term.splitlines()[0]
    assert first.startswith("Kort fortalt" if lang == "da" else "In short")
    assert ("pct.-point" if lang == "da" else "\u00a0pp") in first
    for raw in ("work_agreement", "cv_at_start", "arms.", "organisation.", "practice."):
        assert raw not in term
    # 5 replications: a plain warning, in the page and the terminal
    warn = "Kun 5 gentagelser" if lang == "da" else "Only 5 replications"
    assert warn in term and warn in build_html(expl, lang)[0]


def test_headline_names_the_carriers_and_total_interval():
    text = headline(fake(), "en")
    assert "\u00a0pp, 95 % interval" in text
    assert "carried mainly by caseload" in text.lower()


def test_no_warning_with_enough_replications():
    base = np.linspace(0.1, 0.2, 12)
    e = np.full(12, 0.05) + np.linspace(0, 0.01, 12)
    req = ExplainRequest(small_trial(n_kh=10, n_rf=5, weeks=80), "control", "jobfirst",
                         replications=12, seed=1)
    ex = Explanation(req, [Lever("caseload", ("caseload",), "45", "41")], base, base,
                     {"caseload": base + e}, [("caseload", base + e)])
    assert "gentagelser" not in terminal_text(ex, "da").splitlines()[1]


def test_levers_fitted_only_to_the_trial_gap_are_flagged_with_their_parameter():
    from jobfirst_sim.decide.verdicts import weakly_identified
    from jobfirst_sim.report.labels import t

    got = weakly_identified(["caseload", "hours_dialogue_from_start", "aftercare_lifeline+x"])
    assert got == [("hours_dialogue_from_start", "behaviour.conversion.hours_dialogue_effect"),
                   ("aftercare_lifeline+x", "behaviour.exits.lifeline_effect")]
    assert weakly_identified(["caseload", "cv_at_start"]) == []
    for lang in ("da", "en"):  # the caveat and the parameters' plain names exist in both
        assert "{items}" not in t("explain_weakly_identified", lang, items="x")
        for _, path in got:
            assert t("param_" + path.rsplit(".", 1)[-1], lang)
