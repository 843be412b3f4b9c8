"""The shipped ensemble agrees with the schema, and a member changes only behaviour."""

from __future__ import annotations

import math

import pytest
from small import small_trial

from jobfirst_sim.scenario.ensemble import Ensemble, Member, defaults_only, shipped_ensemble
from jobfirst_sim.scenario.priors import calibrated_priors


def test_every_calibrated_parameter_is_in_the_ensemble_within_its_prior() -> None:
    ensemble = shipped_ensemble()
    priors = {row.path: row for row in calibrated_priors()}
    assert set(ensemble.parameters) == set(priors)
    for member in ensemble.members:
        for path, value in member.values:
            row = priors[path]
            assert row.low <= value <= row.high, (member.index, path, value)


def test_the_shipped_weights_are_a_distribution() -> None:
    weights = [m.weight for m in shipped_ensemble().members]
    assert math.isclose(sum(weights), 1.0, abs_tol=1e-6)
    assert min(weights) > 0


def test_every_member_makes_a_valid_scenario() -> None:
    base = small_trial()
    for member in shipped_ensemble().members:
        scenario = member.apply(base)
        for path, value in member.values:
            section, field = path.removeprefix("behaviour.").split(".")
            assert getattr(getattr(scenario.behaviour, section), field) == value


def test_a_member_changes_behaviour_and_nothing_else() -> None:
    base = small_trial()
    member = Member(0, 1.0, (("behaviour.conversion.rate", 0.031),))
    changed = member.apply(base)
    assert changed.behaviour.conversion.rate == 0.031
    assert changed.model_dump(exclude={"behaviour"}) == base.model_dump(exclude={"behaviour"})
    assert defaults_only().members[0].apply(base) == base


def test_a_member_naming_no_field_fails_loudly() -> None:
    with pytest.raises(KeyError, match="no such behaviour field"):
        Member(0, 1.0, (("behaviour.conversion.nonsense", 1.0),)).apply(small_trial())


def test_weights_must_sum_to_one_and_a_subset_is_reweighted() -> None:
    with pytest.raises(ValueError, match="sum to 1"):
        Ensemble((Member(0, 0.3, ()), Member(1, 0.3, ())))
    three = Ensemble(tuple(Member(k, 1 / 3, ()) for k in range(3)))
    two = three.first(2)
    assert [m.index for m in two.members] == [0, 1]
    assert [m.weight for m in two.members] == pytest.approx([0.5, 0.5])
