"""Workshop cards are data: ``scenarios/workshop/<key>.card.yaml`` beside each scenario,
read through a pydantic model, and a card file that does not fit names file and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jobfirst_sim.app.workshop.engine.cards import CARD_DIR, CARDS, WorkshopError, read_cards

ONE = "bum70_readiness_first"


def test_the_cards_come_in_their_order_with_their_texts_and_budgets() -> None:
    assert [(c.key, c.fte_budget) for c in CARDS] == [
        ("bum70_readiness_first", 9.0), ("jobformidlere_apart", 12.0),
        ("jobfirst_trial_design", 14.0)]
    first = CARDS[0]
    assert first.title["da"] == "Traditionel BUM, sagsstamme 70, parathed først"
    assert first.lesson["en"] == "Organisation and practice move more than extra hands alone."
    assert CARDS[2].title["en"] == "The trial's JobFirst design — and a budget cut"


def folder_with(tmp_path: Path, card_text: str) -> Path:
    """A card folder holding one scenario and ``card_text`` as its card file."""
    shutil.copy(CARD_DIR / f"{ONE}.yaml", tmp_path / f"{ONE}.yaml")
    (tmp_path / f"{ONE}.card.yaml").write_text(card_text, encoding="utf-8")
    return tmp_path


GOOD = """order: 1
fte_budget: 9.0
title: {da: "Titel", en: "Title"}
lesson: {da: "Lektie", en: "Lesson"}
"""


def test_a_card_folder_reads_into_cards(tmp_path: Path) -> None:
    (card,) = read_cards(folder_with(tmp_path, GOOD))
    assert (card.key, card.order, card.title["da"], card.lesson["en"]) == (
        ONE, 1, "Titel", "Lesson")


@pytest.mark.parametrize(("text", "says"), [
    (GOOD.replace('en: "Title"', 'en: ""'), "title.en: String should have at least 1"),
    (GOOD.replace(', en: "Lesson"', ""), "lesson.en: Field required"),
    (GOOD.replace("9.0", "-2"), "fte_budget: Input should be greater than 0"),
    (GOOD.replace("9.0", "ni"), "fte_budget: Input should be a valid number"),
    (GOOD + "budget: 9\n", "budget: Extra inputs are not permitted"),
    (GOOD + "key: other\n", "key: the card's key is its file name"),
    ("- a list\n", "a card is a mapping"),
    ("title: {da: [\n", "cannot read the card"),
])
def test_a_card_that_does_not_fit_names_its_file_and_field(
        tmp_path: Path, text: str, says: str) -> None:
    with pytest.raises(WorkshopError) as err:
        read_cards(folder_with(tmp_path, text))
    assert str(err.value).startswith(f"{tmp_path / (ONE + '.card.yaml')}: ")
    assert says in str(err.value)


def test_a_card_needs_its_scenario_beside_it_and_its_own_place(tmp_path: Path) -> None:
    (tmp_path / "lonely.card.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(WorkshopError, match=r"lonely\.card\.yaml: its scenario lonely\.yaml"):
        read_cards(tmp_path)
    (tmp_path / "lonely.card.yaml").unlink()
    folder_with(tmp_path, GOOD)
    shutil.copy(tmp_path / f"{ONE}.yaml", tmp_path / "twin.yaml")
    shutil.copy(tmp_path / f"{ONE}.card.yaml", tmp_path / "twin.card.yaml")
    with pytest.raises(WorkshopError, match=f"order: the cards {ONE}, twin share a place"):
        read_cards(tmp_path)
    with pytest.raises(WorkshopError, match="no workshop card"):
        read_cards(tmp_path / "nowhere")
