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
WORDLESS = ("report/**/*.py", "app/browse/*.py", "decide/economics.py", "fmt.py", "domain.py",
            "words/*.py")
"""Modules whose words must all come from the catalog (the workshop's and the CLI's follow
when they move)."""


def _danish_literals(source: str) -> list[str]:
    """String literals with æ, ø or å that are not docstrings."""
    tree = ast.parse(source)
    docs = {id(n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
            and isinstance(n.value, str) and id(n) not in docs and re.search("[æøåÆØÅ]", n.value)]


def test_no_danish_text_outside_the_catalog() -> None:
    found = {str(p.relative_to(PACKAGE)): _danish_literals(p.read_text(encoding="utf-8"))
             for pattern in WORDLESS for p in PACKAGE.glob(pattern)}
    assert {k: v for k, v in found.items() if v} == {}
    assert len(found) > 20  # the patterns still match the modules


def test_the_danish_text_detector_finds_a_stray_word() -> None:
    assert _danish_literals('"""Docstring: sagsstamme, årsværk."""\nX = {"da": "Kørsel"}\n') == [
        "Kørsel"]
