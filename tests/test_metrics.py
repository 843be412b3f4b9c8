"""The metric registry: every metric the real tables hold is declared, with labels in both
languages (read from the catalog) and sensible bounds; unknown names fail clearly; the share
question has one answer."""

from __future__ import annotations

import json
from importlib import resources

import pandas as pd
import pytest
import yaml
from report_support import real_run_dir, real_sweep_dirs

from jobfirst_sim import metrics, words
from jobfirst_sim.metrics import Direction, Unit, describe


def _real_metric_names() -> set[str]:
    run = real_run_dir()
    names = set(pd.read_parquet(run / "outcomes.parquet", columns=["metric"])["metric"])
    weekly = pd.read_parquet(run / "weekly.parquet")
    names |= {c for c in weekly.columns if c not in metrics.WEEKLY_KEYS}
    staff = pd.read_parquet(run / "staff.parquet")
    names |= {c for c in staff.columns
              if c not in ("replication", "arm", "municipality", "role", "n_professionals")}
    funnel = pd.read_parquet(run / "funnel.parquet")
    names |= {c for c in funnel.columns
              if c not in ("replication", "arm", "benefit", "stage", "order")}
    return names


def test_every_metric_in_the_real_tables_is_declared() -> None:
    assert metrics.undeclared(sorted(_real_metric_names())) == []


def test_every_sweep_outcome_metric_is_declared() -> None:
    for path in real_sweep_dirs().values():
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        declared = {str(o["metric"]) for o in manifest["outcomes"].values()}
        assert metrics.undeclared(declared) == []
        found = set(pd.read_parquet(path / "outcomes.parquet", columns=["metric"])["metric"])
        assert metrics.undeclared(found) == []


def test_labels_exist_in_both_languages_and_differ_per_metric() -> None:
    for name in metrics.names():
        m = describe(name)
        assert m.label("da").strip() and m.label("en").strip(), name
        assert isinstance(m.unit_text("da"), str) and isinstance(m.unit_text("en"), str)
    for lang in ("da", "en"):
        labels = [describe(n).label(lang) for n in metrics.names()]
        repeated = {x for x in labels if labels.count(x) > 1}
        assert repeated == set(), f"two metrics share a {lang} label: {repeated}"


def test_labels_units_and_phrases_are_the_catalog_words() -> None:
    """Metrics made per status and per task fill a template with the status's or the
    task's own word; the texts are the ones the pages have always shown."""
    assert metrics.label("share_with_hours_w78", "en") == words.t(
        "metric_share_with_hours_w78", "en") == (
            "Share with ordinary hours in the citizen's own week 78")
    assert metrics.label("share_flexjob", "da") == words.t("flexjob", "da") == "Fleksjob"
    assert metrics.label("share_status_full_support_end", "da") == (
        "Fuld forsørgelse ved opfølgningens slutning")
    assert metrics.label("hours_joint", "en") == (
        "Hours per FTE per week: joint meetings and visits in the pair")
    assert metrics.label("served_casework", "da") == "Andel af behovet dækket: myndighedsarbejde"
    assert [describe(n).unit_text("da") for n in ("mean_wage_hours", "n_citizens", "fte")] == [
        "t/uge", "borgere", ""]
    assert describe("dkk_wages_per_citizen").unit_text("en") == "DKK"
    assert metrics.phrase("ever_hours_share", "da") == "har haft ordinære timer"
    assert metrics.phrase("share_wage_hours", "en") == "share with ordinary hours"  # no phrase


def test_every_word_of_the_metric_file_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """words/metrics.yaml holds no orphan: each key is a declared metric's label, phrase or
    unit, or a template the registry fills (levers are read by ``lever_label``)."""
    read: set[str] = set()
    real_t = metrics.t

    def spy(key: str, lang: str = "da", **values: object) -> str:
        read.add(key)
        return real_t(key, lang, **values)

    monkeypatch.setattr(metrics, "t", spy)
    for name in metrics.names():
        for lang in words.LANGS:
            describe(name).label(lang)
            describe(name).unit_text(lang)
            metrics.phrase(name, lang)
    text = resources.files(words).joinpath("metrics.yaml").read_text(encoding="utf-8")
    declared = set(yaml.safe_load(text))
    levers = {k for k in declared if k.startswith("lever_")}
    assert levers and declared - levers <= read
    assert all(metrics.lever_label(k.removeprefix("lever_"), "da") == words.t(k, "da")
               for k in levers)


def test_shares_are_bounded_by_one_and_hours_by_a_working_week() -> None:
    for name in metrics.names():
        m = describe(name)
        if m.is_share:
            assert (m.low, m.high) == (0.0, 1.0), name
        if m.unit is Unit.hours and name != "wage_hours_end":  # that one sums citizens
            assert (m.low, m.high) == (0.0, metrics.MAX_WEEKLY_HOURS), name
        assert m.low is None or m.high is None or m.low < m.high


def test_the_registry_decides_share_ness() -> None:
    """The three old name tests disagreed on placement13_share_project; it is a share."""
    assert metrics.is_share("placement13_share_project")
    assert metrics.is_share("share_with_hours_w78") and metrics.is_share("ever_hours_share")
    assert not metrics.is_share("mean_wage_hours_w78")
    assert not metrics.is_share("mean_caseload")
    assert not metrics.is_share("no_such_metric")


def test_directions() -> None:
    assert describe("share_with_hours_w78").direction is Direction.more
    assert describe("share_status_full_support_end").direction is Direction.less
    assert describe("n_citizens").direction is Direction.info
    assert [describe(f"share_{s}").direction for s in metrics.STATUS_KEYS] == [
        Direction.less, Direction.info, Direction.more, Direction.info, Direction.info,
        Direction.info]


def test_unknown_metric_fails_clearly() -> None:
    with pytest.raises(KeyError, match=r"unknown metric 'share_with_hours_w77'.*did you mean"):
        describe("share_with_hours_w77")
    assert metrics.find("share_with_hours_w77") is None


def test_lever_labels_one_wording() -> None:
    assert metrics.lever_label("arms.jobfirst.organisation.caseload", "da") == "Sagsstamme"
    assert metrics.lever_label("cv_at_start", "en") == "CV from the first conversation"
    assert metrics.lever_label("role_model+jobformidler", "da") == \
        "Makkerskab med jobformidlere"
    assert metrics.lever_label("caseload+weird_thing", "en") == "Caseload + weird thing"
    assert metrics.lever_label("brand_new_lever", "da") == "brand new lever"


def test_outcome_values_pairs_minus_arm_within_a_run() -> None:
    rows = [{"point": p, "replication": r, "arm": arm, "benefit": "all",
             "municipality": "all", "metric": "share_with_hours_w78", "value": v}
            for p in (0, 1) for r in (0, 1)
            for arm, v in (("a", 0.3 + p / 10 + r / 100), ("b", 0.2))]
    specs = {"effect": {"metric": "share_with_hours_w78", "arm": "a", "minus_arm": "b"},
             "level": {"metric": "share_with_hours_w78", "arm": "a"}}
    out = metrics.outcome_values(pd.DataFrame(rows), specs)
    assert list(out.columns) == ["point", "replication", "outcome", "value"]
    eff = out[out["outcome"] == "effect"].set_index(["point", "replication"])["value"]
    assert eff.loc[(1, 1)] == pytest.approx(0.21)
    assert len(out[out["outcome"] == "level"]) == 4
    assert metrics.outcome_values(pd.DataFrame(rows), {}).empty


def test_bounds_of_levels_and_differences() -> None:
    from jobfirst_sim.metrics import bounds, clip_interval

    assert bounds("share_with_hours_w78") == (0.0, 1.0)
    assert bounds("share_with_hours_w78", difference=True) == (-1.0, 1.0)
    assert bounds("not_a_metric") == (None, None)
    assert clip_interval("share_with_hours_w78", -0.2, 1.3) == (0.0, 1.0)
    low, high = clip_interval("share_with_hours_w78", float("nan"), float("nan"))
    assert low != low and high != high  # no interval stays no interval


def test_a_mechanism_parameter_is_named_with_its_section():
    from jobfirst_sim.metrics import lever_label

    assert lever_label("behaviour.conversion.rate", "en") == "conversion rate"
    assert lever_label("behaviour.placement.startup_hazard", "da") == "placement startup hazard"
    assert lever_label("arms.jobfirst.organisation.caseload", "en") == lever_label(
        "caseload", "en")
