"""``jobfirst compare --uncertainty`` (decide/compare.py, economics.py, compare_files.py):
a one-member ensemble gives the noise-only intervals, ``probability_better`` is 1 and 0 for
designs that dominate or are dominated in every member, ``compare.json`` carries the
``headline`` block in both modes, and a bad option is a clear message with exit code 2."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from small import TRIAL, small_trial
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.decide import compare as cmp
from jobfirst_sim.decide.compare_files import write_tables
from jobfirst_sim.ensemble_stats import fieller_members
from jobfirst_sim.report.compare import build_html, terminal_text
from jobfirst_sim.scenario import with_changes
from jobfirst_sim.scenario.ensemble import Ensemble, Member, defaults_only
from jobfirst_sim.stats import fieller_interval

HEADLINE_KEYS = {"metric", "week", "current", "proposed", "difference", "ci_low", "ci_high",
                 "uncertainty", "probability_better", "members", "replications"}


def members_varying(path: str = "behaviour.placement.dropout_base",
                values: tuple[float, ...] = (0.08, 0.14)) -> Ensemble:
    w = 1.0 / len(values)
    return Ensemble(tuple(Member(k, w, ((path, v),)) for k, v in enumerate(values)))


@pytest.fixture(scope="module")
def pair() -> tuple[cmp.Comparison, cmp.Comparison]:
    """The same comparison under noise and under a one-member ensemble that changes
    nothing, with the same replications."""
    s = small_trial(n_kh=60, n_rf=20, weeks=60)
    req = cmp.from_arms(s, "control", "jobfirst", replications=3, seed=7, horizons=(26,))
    return cmp.run_compare(req), cmp.run_compare(replace(req, members=defaults_only()))


def test_one_member_gives_the_noise_only_intervals(pair) -> None:
    noise, one = pair
    for name in ("outcomes", "weekly", "staff", "conversion"):
        pd.testing.assert_frame_equal(getattr(one, name)(), getattr(noise, name)(),
                                      check_exact=True, obj=name)
    pd.testing.assert_frame_equal(one.trace("control"), noise.trace("control"),
                                  check_exact=True)
    case_noise = cmp.business_case(noise, "control")
    case_one = cmp.business_case(one, "control")
    pd.testing.assert_frame_equal(case_one.rows, case_noise.rows, check_exact=True)
    assert case_noise.probability_costs_less is None
    assert case_one.probability_costs_less in (0.0, 0.5, 1.0)
    hn, h1 = cmp.headline_of(noise, "control"), cmp.headline_of(one, "control")
    for key in ("current", "proposed", "difference", "ci_low", "ci_high"):
        assert getattr(h1, key) == pytest.approx(getattr(hn, key), rel=1e-12)
    assert (hn.uncertainty, h1.uncertainty) == ("noise", "parameters")
    assert hn.probability_better is None and h1.replications == hn.replications == 3


def test_the_side_tables_carry_the_member_position() -> None:
    s = small_trial(n_kh=30, n_rf=10, weeks=30)
    req = cmp.from_files(s, s, label_current="a", label_proposed="b", replications=2, seed=3,
                         horizons=(13,), members=members_varying())
    res = cmp.run_compare(req)
    for table in res.current.values():
        assert table.columns[0] == "member"
        assert sorted(set(table["member"])) == [0, 1]
    o = res.outcomes()
    assert (o["n_replications"].max()) == 4  # 2 members × 2 replications
    assert np.all(o["difference"].dropna() == 0.0)  # a design against itself, every member


@pytest.mark.parametrize("proposal_first", [True, False])
def test_probability_better_is_one_or_zero_for_a_dominating_design(proposal_first) -> None:
    """Conversions at rate 1 against none (a parameter no member sets): the strong design
    gives more citizens hours under every member."""
    s = small_trial(n_kh=60, n_rf=20, weeks=60)
    strong = with_changes(s, {"behaviour.conversion.rate": 1.0})
    weak = with_changes(s, {"behaviour.conversion.rate": 0.0})
    a, b = (weak, strong) if proposal_first else (strong, weak)
    req = cmp.from_files(a, b, label_current="a", label_proposed="b", replications=2, seed=5,
                         horizons=(26,), members=members_varying())
    res = cmp.run_compare(req)
    head = cmp.headline_of(res, "jobfirst")
    assert head.members == 2 and head.replications == 2
    assert head.probability_better == (1.0 if proposal_first else 0.0)
    case = cmp.business_case(res, "jobfirst")
    assert case.probability_costs_less is not None and 0.0 <= case.probability_costs_less <= 1


def test_fieller_on_members_is_fieller_for_one_member_and_wider_for_spread() -> None:
    rng = np.random.default_rng(1)
    x, y = rng.normal(10.0, 1.0, 8), rng.normal(2.0, 0.2, 8)
    one = fieller_members(x, y, np.zeros(8, int), [1.0])
    ref = fieller_interval(x, y)
    assert one.defined and (one.low, one.high) == pytest.approx((ref.low, ref.high), rel=1e-9)
    # two members whose cost differs: the members' spread widens the interval
    member = np.repeat([0, 1], 4)
    shifted = x + np.where(member == 1, 6.0, 0.0)
    two = fieller_members(shifted, y, member, [0.5, 0.5])
    pooled = fieller_interval(shifted - np.where(member == 1, 6.0, 0.0) + 3.0, y)
    assert two.defined and two.high - two.low > pooled.high - pooled.low


def test_compare_json_carries_the_headline_in_both_modes(pair, tmp_path: Path) -> None:
    noise, one = pair
    for res, mode in ((noise, "noise"), (one, "parameters")):
        write_tables(res, tmp_path / mode)
        doc = json.loads((tmp_path / mode / "compare.json").read_text(encoding="utf-8"))
        assert set(doc["headline"]) == HEADLINE_KEYS
        assert doc["headline"]["uncertainty"] == doc["uncertainty"] == mode
        assert doc["leans_on"] == []  # noise, or one member: nothing to lean on
        assert (doc["probability_costs_less"] is None) == (mode == "noise")


def test_leans_on_names_the_parameter_the_members_vary() -> None:
    s = small_trial(n_kh=60, n_rf=20, weeks=60)
    ens = members_varying("behaviour.conversion.rate", (0.0, 0.05, 0.3))
    req = cmp.from_arms(s, "control", "jobfirst", replications=2, seed=5, horizons=(26,),
                        members=ens)
    res = cmp.run_compare(req)
    leaning = cmp.leanings(res, "control")
    assert [x.path for x in leaning] == ["behaviour.conversion.rate"]
    for lang in ("da", "en"):
        page, _ = build_html(res, lang)
        assert ("plausible udgaver" if lang == "da" else "plausible versions") in page
        text = terminal_text(res, lang)
        assert ("hviler mest på" if lang == "da" else "leans most on") in text
        assert ("koster forslaget det offentlige mindre" if lang == "da"
                else "costs the public less") in text


@pytest.mark.parametrize(("args", "named"), [
    (["--uncertainty", "both"], "--uncertainty"),
    (["--members", "0"], "--members"),
    (["--members", "100000"], "--members"),
    (["--uncertainty", "noise", "--members", "3"], "--members"),
])
def test_bad_uncertainty_options_get_a_message_and_exit_2(args, named) -> None:
    res = CliRunner().invoke(app, ["compare", str(TRIAL), "--from", "control", "--to",
                                   "jobfirst", *args])
    assert res.exit_code == 2, res.output
    assert named in res.output and "Traceback" not in res.output
