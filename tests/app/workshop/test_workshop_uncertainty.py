"""The workshop carries parameter uncertainty (issue 21): its default, its exactness with
one member, and the sentence its pages say about the interval."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from workshop_client import CARD, csrf, design_form, join, submit, wait_done

from jobfirst_sim.app.workshop import WorkshopAppError, make_app
from jobfirst_sim.app.workshop.engine.cards import load_card
from jobfirst_sim.app.workshop.engine.design import start_design
from jobfirst_sim.app.workshop.engine.members import (
    WORKSHOP_MEMBERS,
    WORKSHOP_REPLICATIONS,
    workshop_ensemble,
)
from jobfirst_sim.app.workshop.engine.run import DEFAULT_REPLICATIONS, planned, run_team
from jobfirst_sim.app.workshop.present import holds
from jobfirst_sim.app.workshop.queue import RunQueue
from jobfirst_sim.app.workshop.store import Store
from jobfirst_sim.cli import app as cli_app
from jobfirst_sim.decide import uncertainty
from jobfirst_sim.report.uncertainty import interval_sentence
from jobfirst_sim.scenario.ensemble import Ensemble, Member, defaults_only


def small_ensemble(k: int) -> Ensemble:
    """``k`` members that differ in how often a mastered task becomes paid hours."""
    return Ensemble(tuple(Member(i, 1.0 / k, (("behaviour.conversion.rate", 0.01 + 0.01 * i),))
                          for i in range(k)))


@pytest.fixture
def shipped6(monkeypatch: pytest.MonkeyPatch) -> Ensemble:
    """A 6-member ensemble in place of the shipped one (whose size a test must not use)."""
    ens = small_ensemble(6)
    monkeypatch.setattr(uncertainty, "shipped_ensemble", lambda: ens)
    return ens


def test_the_default_is_parameters_over_the_documented_subset(
        tmp_path: Path, shipped6: Ensemble) -> None:
    queue = RunQueue(Store(tmp_path / "a"), executor="serial")
    assert queue.ensemble is not None
    assert len(shipped6) > WORKSHOP_MEMBERS
    assert [m.index for m in queue.ensemble.members] == list(range(WORKSHOP_MEMBERS))
    assert [m.values for m in queue.ensemble.members] == [
        m.values for m in shipped6.members[:WORKSHOP_MEMBERS]]
    assert sum(m.weight for m in queue.ensemble.members) == pytest.approx(1.0)
    assert queue.replications == WORKSHOP_REPLICATIONS
    _, app_queue = make_app(tmp_path / "b", "da", executor="serial")
    assert app_queue.ensemble == queue.ensemble  # the app's default is the same
    noise = RunQueue(Store(tmp_path / "c"), executor="serial", uncertainty="noise")
    assert noise.ensemble is None and noise.replications == DEFAULT_REPLICATIONS
    assert len(workshop_ensemble("parameters", 6) or ()) == 6


def test_a_small_ensemble_is_used_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                        ) -> None:
    two = small_ensemble(2)
    monkeypatch.setattr(uncertainty, "shipped_ensemble", lambda: two)
    assert workshop_ensemble("parameters") == two.first(2)


@pytest.mark.parametrize(("options", "says"), [
    ({"uncertainty": "both"}, "--uncertainty 'both': choose noise or parameters"),
    ({"members": 7}, "--members 7: choose 1 to 6"),
])
def test_a_wrong_option_is_named_and_leaves_no_state(
        tmp_path: Path, shipped6: Ensemble, options: dict[str, Any], says: str) -> None:
    with pytest.raises(WorkshopAppError, match=says.replace("(", r"\(")):
        make_app(tmp_path / "state", "da", executor="serial", **options)
    assert not (tmp_path / "state").exists()
    result = CliRunner().invoke(cli_app, ["workshop", "--state", str(tmp_path / "state"),
                                          *(f"--{k}={v}" for k, v in options.items())])
    assert result.exit_code == 2 and says in result.output
    assert "Traceback" not in result.output


def test_the_cli_says_the_default_member_count() -> None:
    result = CliRunner().invoke(cli_app, ["workshop", "--help"], env={"COLUMNS": "200"})
    assert f"default {WORKSHOP_MEMBERS}, the first K" in " ".join(result.output.split())


@pytest.mark.slow
def test_one_member_gives_exactly_the_noise_only_result() -> None:
    card = load_card(CARD)
    design = start_design(card)
    design = replace(design, practice={**design.practice, "cv_at_start": True})
    noise = run_team(card, design, replications=2)
    one = run_team(card, design, replications=2, ensemble=defaults_only())
    for result in (noise, one):
        result.pop("seconds")
    assert one.pop("uncertainty") == "parameters" and noise.pop("uncertainty") == "noise"
    head_one, head_noise = one.pop("headline"), noise.pop("headline")
    assert one == noise  # every number the pages show, exactly
    for key in ("current", "proposed", "difference", "ci_low", "ci_high", "members",
                "replications"):
        assert head_one[key] == head_noise[key], key
    assert head_noise["probability_better"] is None
    assert head_one["probability_better"] in (0.0, 1.0)


@pytest.mark.slow
def test_under_members_the_result_carries_the_combined_headline() -> None:
    card = load_card(CARD)
    design = start_design(card)
    design = replace(design, practice={**design.practice, "cv_at_start": True,
                                       "hours_dialogue_from_start": True})
    ens = small_ensemble(2)
    got = run_team(card, design, replications=2, ensemble=ens)
    head = got["headline"]
    assert (head["uncertainty"], head["members"], head["replications"]) == ("parameters", 2, 2)
    assert head["week"] is None and head["metric"] == got["metric"]  # at the horizon
    assert 0.0 <= head["probability_better"] <= 1.0
    # the table the pages show and the headline block are the same combination
    diff = got["difference"]["hours_share"]
    assert diff["mean"] == pytest.approx(head["difference"])
    assert (diff["low"], diff["high"]) == pytest.approx((head["ci_low"], head["ci_high"]))
    assert got["simulations"] == planned(3, 2, 1, members=2)  # two levers + the change-over
    assert {r["column"] for r in got["business_case"]} == {"base", "design", "difference"}
    assert got["journey"]  # the story comes from the first member's first replication


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_pages_say_what_the_interval_holds(tmp_path: Path, lang: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    two = small_ensemble(2)
    monkeypatch.setattr(uncertainty, "shipped_ensemble", lambda: two)
    app, queue = make_app(tmp_path / "state", "da", executor="serial", replications=2)
    queue.start()
    try:
        fac = app.test_client()
        token = csrf(fac, "/facilitator/login")
        fac.post("/facilitator/login", data={"csrf": token,
                                             "key": app.config["WS_STORE"].facilitator_key()})
        fac.post("/facilitator/session", data={"csrf": token, "card": CARD, "budget": "",
                                               "lang": lang})
        code = app.config["WS_STORE"].current_session().join_code
        client, tok, team = join(app, "Hold 1", code)
        submit(client, tok, team, design_form(tok, team, p_cv_at_start="yes"))
        assert wait_done(client)["state"] == "done"
        store = app.config["WS_STORE"]
        run = store.team_round(team, store.current_round(store.current_session().id).id)["run"]
        sentence = interval_sentence(run.result["headline"], lang)
        assert holds(run.result, lang) == sentence
        assert run.result["headline"]["members"] == 2
        words = {"da": "plausible udgaver af modellen", "en": "plausible versions of the model"}
        assert words[lang] in sentence
        for action in ("lock", "reveal"):
            assert fac.post("/facilitator/round", data={"csrf": token, "action": action}
                            ).status_code == 302
        for page, who in (("/team", client), ("/team/debrief", client), ("/reveal", fac),
                          ("/debrief", fac)):
            html = who.get(page).text
            assert sentence.replace("'", "&#39;") in html, page
    finally:
        queue.stop()


def test_a_result_stored_before_the_headline_block_says_nothing() -> None:
    assert holds({"team": {}, "difference": {}}, "da") == ""
