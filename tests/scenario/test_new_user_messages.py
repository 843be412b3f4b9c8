"""Mistakes a new user makes, each answered with a message that says what to do.

Why: tried as a new (Danish) user would, these got a bare "must be a number", a YAML
parser message, no suggestion, source tags and RST markup in the text, or silence
(issue 20, item 8). Each test names the message it expects.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shipped import SCENARIO_FILES

from jobfirst_sim.scenario import ScenarioError, load_scenario
from jobfirst_sim.scenario.bounds import MAX_FILE_BYTES
from jobfirst_sim.scenario.staffing_check import staffing_warnings

ROOT = Path(__file__).resolve().parents[2]
OURS = ROOT / "scenarios" / "our_jobcentre.yaml"

ARMS = """arms:
  - name: a
    design: jobfirst
    citizens: {kontanthjaelp: 10, ressourceforloeb: 0}
"""


def refused(tmp_path: Path, text: str) -> str:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    return str(err.value)


def test_a_400_digit_weight_is_too_large_not_a_non_number(tmp_path: Path) -> None:
    text = refused(
        tmp_path, "name: t\nmunicipalities:\n  - {name: A, weight: " + "9" * 400 + "}\n" + ARMS
    )
    assert "mine.yaml, line 3: municipalities.A.weight: this number is too large (400 digits)" \
        in text
    assert "you wrote: 99999999999999999999... (400 digits)" in text
    assert "9" * 50 not in text


@pytest.mark.parametrize("length", [5_000, MAX_FILE_BYTES - 1_000])
def test_a_huge_key_is_too_long_not_a_parser_message(tmp_path: Path, length: int) -> None:
    text = refused(tmp_path, "name: t\n" + "k" * length + ": 1\n" + ARMS)
    assert f"mine.yaml, line 2: a key of {length:,} characters is too long (YAML reads keys " \
        "of at most 1,024 characters)" in text
    assert "could not find expected" not in text


def test_a_decimal_comma_gets_the_decimal_point(tmp_path: Path) -> None:
    text = refused(
        tmp_path,
        "name: t\nmunicipalities:\n  - name: A\n    weight: 1\n    implementation: 0,8\n" + ARMS,
    )
    assert "municipalities.A.implementation: must be a number" in text
    assert "hint: write 0.8 (decimal point, not comma)" in text


def test_a_decimal_comma_in_braces_is_explained(tmp_path: Path) -> None:
    text = refused(tmp_path, "name: t\nmunicipalities:\n  - {name: A, weight: 1, "
                   "implementation: 0,8}\n" + ARMS)
    assert "a field name must be text, but YAML read 8 as a number" in text
    assert "write 0.8 (decimal point, not comma)" in text
    assert "Keys should be strings" not in text


def test_a_decimal_comma_on_the_command_line() -> None:
    with pytest.raises(ScenarioError) as err:
        load_scenario(OURS, {"municipalities.Midtby.implementation": "0,8"})
    assert "hint: write 0.8 (decimal point, not comma)" in str(err.value)


@pytest.mark.parametrize(
    ("danish", "english"),
    [("sagsbehandler", "caseworker"), ("myndighedssagsbehandler", "caseworker"),
     ("virksomhedskonsulent", "consultant"), ("konsulent", "consultant")],
)
def test_a_danish_role_name_gets_its_english_key(danish: str, english: str) -> None:
    with pytest.raises(ScenarioError) as err:
        load_scenario(OURS, {f"arms.today.organisation.staff.{danish}": 3})
    assert f"`{danish}` is `{english}` here (the roles are written in English)" \
        in str(err.value)


def test_messages_carry_no_source_tags_or_rst_markup() -> None:
    with pytest.raises(ScenarioError) as err:
        load_scenario(OURS, {"arms.today.organisation.staff.sagsbehandler": 3,
                             "arms.today.organisation.role_model": "bumm"})
    text = str(err.value)
    assert "The professional roles a design staffs (`staff:` keys)." in text
    assert "How the three roles work together" in text  # role_model's description, shown
    assert "[M " not in text and "``" not in text


@pytest.mark.parametrize(
    ("fte", "words"),
    [(0.5, "0.5 FTE caseworker for 800 citizens is a caseload of 1,600 citizens per "
           "caseworker; a plausible caseload is 5-250"),
     (1100, "1100 FTE caseworker for 800 citizens is a caseload of 0.7 citizens per "
            "caseworker; a plausible caseload is 5-250")],
)
def test_implausible_staffing_is_warned_with_role_and_caseload(fte: float, words: str) -> None:
    scenario = load_scenario(OURS, {"arms.today.organisation.staff.caseworker": fte})
    assert staffing_warnings(scenario) == [
        f"arms.today.organisation.staff.caseworker: {words} — is the FTE figure what you meant?"
    ]


def test_a_given_caseload_outside_the_range_is_warned_too() -> None:
    scenario = load_scenario(ROOT / "scenarios" / "trial_flat_caseloads.yaml",
                             {"arms.jobfirst.organisation.caseload": 300})
    assert staffing_warnings(scenario) == [
        "arms.jobfirst.organisation.caseload: a caseload of 300 citizens per professional "
        "is outside the plausible 5-250 — is it what you meant?"
    ]


@pytest.mark.parametrize("path", SCENARIO_FILES,
                         ids=lambda p: p.name)
def test_the_shipped_scenarios_are_plausibly_staffed(path: Path) -> None:
    assert staffing_warnings(load_scenario(path)) == []
