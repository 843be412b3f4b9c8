"""Kontanthjælp in its 2025 structure (scenario/cash_benefit.py): the rate paid is the
blend of rate and supplements by household shares, one component can be changed with
``--set``, and the blended fields of before get a message naming what replaced them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rule_strategies import small_settings
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.scenario import ScenarioError, load_scenario
from jobfirst_sim.scenario.cash_benefit import BenefitRules, blend

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "data" / "sweep_tiny_scenario.yaml"
AMOUNTS = ("higher_rate", "basic_rate", "child_supplement", "single_provider_supplement",
           "single_supplement")
SHARES = ("share_basic_rate", "share_with_children", "share_single_among_providers",
          "share_single_among_others")

money = st.floats(0.0, 40_000.0, allow_nan=False)
share = st.floats(0.0, 1.0, allow_nan=False)


@small_settings
@given(amounts=st.tuples(*[money] * len(AMOUNTS)), shares=st.tuples(*[share] * len(SHARES)),
       which=st.sampled_from(AMOUNTS), more=money)
def test_blend_is_the_weighted_sum_of_its_parts(
        amounts: tuple[float, ...], shares: tuple[float, ...], which: str, more: float
) -> None:
    rules = BenefitRules(**dict(zip(AMOUNTS, amounts, strict=True)),
                         **dict(zip(SHARES, shares, strict=True)))
    w = rules.weights()
    assert set(w) == set(AMOUNTS)
    assert all(0.0 <= x <= 1.0 for x in w.values())
    assert w["higher_rate"] + w["basic_rate"] == pytest.approx(1.0)  # one sats each
    assert rules.monthly_rate == pytest.approx(sum(w[k] * getattr(rules, k) for k in w))
    low = min(rules.higher_rate, rules.basic_rate)
    high = max(rules.higher_rate, rules.basic_rate) + sum(
        getattr(rules, k) for k in AMOUNTS[2:])
    assert low - 1e-6 <= rules.monthly_rate <= high + 1e-6
    # a krone more of one component adds exactly the share of the group that gets it
    dearer = rules.model_copy(update={which: getattr(rules, which) + more})
    assert blend(dearer) - blend(rules) == pytest.approx(w[which] * more, abs=1e-6)
    assert dearer.weights() == w  # the weights are shares, not amounts


def test_without_supplements_everyone_gets_the_higher_rate() -> None:
    rules = BenefitRules(share_with_children=0, share_single_among_others=0,
                         share_basic_rate=0)
    assert rules.monthly_rate == rules.higher_rate


def test_single_providers_get_their_supplement_only_on_the_basic_rate() -> None:
    on_higher = BenefitRules(share_basic_rate=0.0, single_provider_supplement=50_000)
    assert on_higher.monthly_rate == BenefitRules(share_basic_rate=0.0).monthly_rate
    on_basic = BenefitRules(share_basic_rate=1.0, share_with_children=0.4,
                            share_single_among_providers=0.5)
    assert on_basic.weights()["single_provider_supplement"] == pytest.approx(0.2)


def test_one_component_set_from_the_command_line_moves_the_rate() -> None:
    base = load_scenario(TINY).economics.kontanthjaelp
    s = load_scenario(TINY, overrides={"economics.kontanthjaelp.child_supplement": "4000"})
    kh = s.economics.kontanthjaelp
    assert kh.child_supplement == 4_000
    assert kh.monthly_rate - base.monthly_rate == pytest.approx(
        base.share_with_children * (4_000 - base.child_supplement))
    assert s.economics.ressourceforloeb == base  # the other group keeps its own


@pytest.mark.parametrize("old", ["monthly_without_children", "monthly_with_children"])
def test_the_old_blended_fields_say_what_replaced_them(tmp_path: Path, old: str) -> None:
    path = tmp_path / "old.yaml"
    text = TINY.read_text(encoding="utf-8") + f"economics:\n  kontanthjaelp:\n    {old}: 13050\n"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert f"line {text.count(chr(10))}: economics.kontanthjaelp.{old}" in result.output
    assert "higher_rate" in result.output and "Traceback" not in result.output
    with pytest.raises(ScenarioError):
        load_scenario(path)
    result = CliRunner().invoke(app, ["validate", str(TINY), "--set",
                                      f"economics.ressourceforloeb.{old}=17000"])
    assert result.exit_code == 2
    assert f"economics.ressourceforloeb.{old}` is no longer a rate" in result.output
