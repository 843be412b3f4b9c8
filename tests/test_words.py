"""The catalog of words (:mod:`jobfirst_sim.words`): every key in both languages with the
same placeholders, declared once, and nothing but the catalog holds the report's words."""

from __future__ import annotations

import ast
import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

from jobfirst_sim import words


def test_every_key_has_both_languages_with_the_same_placeholders() -> None:
    bad = {key: (words.placeholders(da), words.placeholders(en))
           for key, (da, en) in words.catalog().items()
           if not da or not en or words.placeholders(da) != words.placeholders(en)}
    assert bad == {}


def test_placeholders_are_found() -> None:
    assert words.placeholders("Uge {w}: {a} → {b}") == {"w", "a", "b"}


@pytest.mark.parametrize("page", words.PAGES)
def test_no_key_is_declared_twice_in_one_file(page: str) -> None:
    """YAML keeps the last of two equal keys silently; the node tree still has both."""
    text = resources.files(words).joinpath(f"{page}.yaml").read_text(encoding="utf-8")
    node = yaml.compose(text)
    names = [k.value for k, _ in node.value] if node is not None else []
    assert len(names) == len(set(names)) and names


def test_lookup_fills_placeholders_and_refuses_unknown_keys() -> None:
    assert words.t("fig_journey", "da", cid=7) == "Borger 7: uge for uge"
    assert words.t("fig_journey", "en", cid=7) == "Citizen 7: week by week"
    assert words.t("dd_selected_count", "en") == "{num_selected} selected"  # a template
    with pytest.raises(KeyError):
        words.t("no_such_word", "da")


def test_the_report_words_live_only_in_the_catalog() -> None:
    """The six label tables are gone from the report; ``labels`` only reads the catalog."""
    from jobfirst_sim.report import labels

    for old in ("labels_run", "labels_decide", "labels_pages", "labels_pilot",
                "labels_workshop"):
        assert not resources.files("jobfirst_sim.report").joinpath(f"{old}.py").is_file()
    assert not hasattr(labels, "_LABELS")
    assert labels.t("kontanthjaelp", "en") == words.t("kontanthjaelp", "en") == "Cash benefit"


PACKAGE = Path(__file__).resolve().parents[1] / "jobfirst_sim"
WORDLESS = ("report/**/*.py", "app/browse/*.py", "app/workshop/**/*.py", "decide/economics.py",
            "fmt.py", "domain.py", "words/*.py", "metrics.py", "metric_basis.py", "pooling.py")
"""Modules whose words must all come from the catalog (the CLI's follow when they move; the
workshop's card texts are data beside each card, scenarios/workshop/*.card.yaml)."""

_WORD = re.compile(r"[^\W\d_]{3,}")
_CODE_NAME = re.compile(r"[a-z0-9]+(?:[_.+][a-z0-9]+)+")


def _vocabulary(texts: list[str]) -> set[str]:
    """The words of ``texts`` (three letters or more, lower case), placeholders left out."""
    return {w.lower() for text in texts for w in _WORD.findall(re.sub(r"\{[^}]*\}", "", text))}


ENGLISH_TOO = frozenset({
    "alt", "dem", "den", "dit", "fast", "gem", "her", "hold", "hotel", "ind", "lager", "led",
    "man", "mod", "par", "ser", "sin", "slut", "tom"})
"""Danish words of the catalog that are also English words ("hold" is a team in Danish and
a verb in English): an English message using one is not Danish text."""


def _danish_only_words() -> set[str]:
    """Words the catalog writes in Danish and never in English ("borgere", "sagsstamme",
    "med"): a Danish label without æ, ø or å still has one."""
    pairs = list(words.catalog().values())
    return (_vocabulary([da for da, _ in pairs]) - _vocabulary([en for _, en in pairs])
            - ENGLISH_TOO)


def _danish_literals(source: str) -> list[str]:
    """String literals that are not docstrings and read as Danish: with æ, ø or å, or with
    a word only the catalog's Danish uses. A catalog key or a dotted/joined code name
    (``jobformidler``, ``role_model+jobformidler``) is a name, not a text."""
    tree = ast.parse(source)
    docs = {id(n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    danish = _danish_only_words()
    names = words.catalog()
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
            and isinstance(n.value, str) and id(n) not in docs
            and (re.search("[æøåÆØÅ]", n.value)
                 or (n.value not in names and not _CODE_NAME.fullmatch(n.value)
                     and any(w.lower() in danish for w in _WORD.findall(n.value))))]


def test_no_danish_text_outside_the_catalog() -> None:
    found = {str(p.relative_to(PACKAGE)): _danish_literals(p.read_text(encoding="utf-8"))
             for pattern in WORDLESS for p in PACKAGE.glob(pattern)}
    assert {k: v for k, v in found.items() if v} == {}
    assert len(found) > 20 and "metrics.py" in found  # the patterns still match the modules
    assert {"app/workshop/engine/checks.py", "app/workshop/views/team.py"} <= set(found)


def test_the_danish_text_detector_finds_a_stray_word() -> None:
    assert _danish_literals('"""Docstring: sagsstamme, årsværk."""\nX = {"da": "Kørsel"}\n') == [
        "Kørsel"]


def test_the_detector_finds_a_danish_label_put_back_into_metrics() -> None:
    """The registry's old tables, one line each: a label, a unit and a lever, two of them
    without æ, ø or å; names (``caseload``, ``flexjob``) and English pass."""
    source = (PACKAGE / "metrics.py").read_text(encoding="utf-8")
    assert _danish_literals(source) == []
    put_back = source + (
        '\n_STATUSES = (("flexjob", "Fleksjob", "Flexjob"), ("other_exit", "Anden afgang", '
        '"Other exit"), ("full_support", "Fuld forsørgelse", "Full support"))'
        '\nUNIT_TEXT = {"weeks": ("uger", "weeks")}'
        '\nLEVERS = {"caseload": ("Sagsstamme", "Caseload")}\n')
    assert sorted(_danish_literals(put_back)) == [
        "Anden afgang", "Fleksjob", "Fuld forsørgelse", "Sagsstamme", "uger"]


def test_the_detector_finds_a_danish_sentence_put_back_into_the_workshop_checks() -> None:
    """The workshop's old problem table, as it was in engine/checks.py, and a role label
    without æ, ø or å: the detector names every Danish text and passes the English."""
    source = (PACKAGE / "app/workshop/engine/checks.py").read_text(encoding="utf-8")
    assert _danish_literals(source) == []
    put_back = source + (
        '\nPROBLEMS = {"no_fte": {"da": "{role} har 0 årsværk, men designet har brug for dem.",'
        ' "en": "{role} have 0 FTE, but the design needs them."},'
        ' "unknown_practice": {"da": "Ukendt valg: {name}.", "en": "Unknown choice: {name}."}}'
        '\nROLE_LABELS = {"mentor": {"da": "Mentorer", "en": "Mentors"}}\n')
    assert sorted(_danish_literals(put_back)) == [
        "Mentorer", "Ukendt valg: {name}.", "{role} har 0 årsværk, men designet har brug for dem."]
