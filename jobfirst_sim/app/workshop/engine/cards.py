"""The workshop's scenario cards: what the facilitator reads, and the jobcentre it describes.

Why data and not code: a card is a small jobcentre in calendar time
(``scenarios/workshop/<key>.yaml``, a valid scenario with one arm, the starting jobcentre)
plus a title and a one-line lesson in Danish and English, a default FTE budget and its
place in the list. Those texts sit beside the scenario in ``<key>.card.yaml``, so a new card
is two files and no code, and the words are edited where the jobcentre is. Each card file is
read through a frozen pydantic model (:class:`CardInfo`, unknown keys refused), and a file
that does not fit fails with one sentence naming the file and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Final, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from jobfirst_sim.scenario.loader import load_scenario
from jobfirst_sim.scenario.schema import Scenario

__all__ = ["CARDS", "CARD_DIR", "CARD_SUFFIX", "LANGS", "Card", "CardInfo", "Lang", "Texts",
           "WorkshopError", "card_info", "load_card", "read_cards"]

Lang = Literal["da", "en"]
LANGS: Final[tuple[Lang, ...]] = ("da", "en")

CARD_DIR: Final = Path(__file__).resolve().parents[4] / "scenarios" / "workshop"
"""Where the cards live (a source checkout; docs/workshop.md)."""

CARD_SUFFIX: Final = ".card.yaml"
"""A card's file is ``<key>.card.yaml`` beside its scenario ``<key>.yaml``."""


class WorkshopError(ValueError):
    """A card or design request that cannot be used, in plain words."""


Text = Annotated[str, Field(min_length=1)]


class Texts(BaseModel):
    """One text in both languages; ``texts[lang]`` reads it (as the pages do)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    da: Text
    """Danish."""
    en: Text
    """English."""

    def __getitem__(self, lang: Lang) -> str:
        return self.da if lang == "da" else self.en


class CardInfo(BaseModel):
    """What the facilitator reads about a card (``<key>.card.yaml``; the key is the name)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    """The card's name: its files are ``<key>.yaml`` and ``<key>.card.yaml``."""
    order: int
    """Place in the facilitator's list of cards (smallest first)."""
    title: Texts
    """The card's title, Danish and English."""
    lesson: Texts
    """The one-line lesson the card teaches, Danish and English."""
    fte_budget: float = Field(gt=0, le=1000)
    """Default staff budget (FTE) for the teams; the facilitator may change it."""


def read_card(path: Path) -> CardInfo:
    """One card file as a :class:`CardInfo`.

    Raises:
        WorkshopError: the file is not YAML or does not fit, naming the file and the field.
    """
    key = path.name.removesuffix(CARD_SUFFIX)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise WorkshopError(f"{path}: cannot read the card: {exc}") from None
    if not isinstance(data, dict):
        raise WorkshopError(f"{path}: a card is a mapping of order, fte_budget, title and "
                            "lesson")
    if "key" in data:
        raise WorkshopError(f"{path}: key: the card's key is its file name ({key!r}); "
                            "remove the key field")
    try:
        return CardInfo.model_validate({"key": key, **data})
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "(the file)"
        raise WorkshopError(f"{path}: {field}: {first['msg']} "
                            f"(you wrote: {first.get('input')!r})") from None


def read_cards(folder: Path = CARD_DIR) -> tuple[CardInfo, ...]:
    """Every card in ``folder``, in the order the facilitator sees them.

    Raises:
        WorkshopError: a card file does not fit (:func:`read_card`), has no scenario beside
            it, two cards share an order, or there is no card at all.
    """
    cards = [read_card(p) for p in sorted(folder.glob(f"*{CARD_SUFFIX}"))]
    if not cards:
        raise WorkshopError(f"{folder}: no workshop card (*{CARD_SUFFIX}) there")
    for info in cards:
        if not (folder / f"{info.key}.yaml").is_file():
            raise WorkshopError(f"{folder / (info.key + CARD_SUFFIX)}: its scenario "
                                f"{info.key}.yaml is missing beside it")
    orders = [c.order for c in cards]
    if len(set(orders)) != len(orders):
        same = sorted({c.key for c in cards if orders.count(c.order) > 1})
        raise WorkshopError(f"{folder}: order: the cards {', '.join(same)} share a place; "
                            "give each card its own order")
    return tuple(sorted(cards, key=lambda c: c.order))


CARDS: Final[tuple[CardInfo, ...]] = read_cards()
"""The workshop's cards, in the order the facilitator sees them (docs/workshop.md says which
card fits which lesson)."""


@dataclass(frozen=True)
class Card:
    """A card ready to use: its texts, its scenario and the name of its one arm."""

    info: CardInfo
    scenario: Scenario
    arm: str

    @property
    def key(self) -> str:
        return self.info.key


def card_info(key: str) -> CardInfo:
    """The card called ``key`` (:class:`WorkshopError` naming the cards there are)."""
    for info in CARDS:
        if info.key == key:
            return info
    raise WorkshopError(f"no workshop card {key!r}; the cards are "
                        f"{', '.join(c.key for c in CARDS)}")


@cache
def load_card(key: str, folder: Path = CARD_DIR) -> Card:
    """Load a card's scenario (cached: cards are read-only).

    Raises:
        WorkshopError: an unknown card, or a scenario file with more or fewer than one arm.
        ScenarioError: the scenario file does not validate (names file and field).
    """
    info = card_info(key)
    path = folder / f"{key}.yaml"
    if not path.is_file():
        raise WorkshopError(f"workshop card {key!r}: its scenario file {path} is missing")
    scenario = load_scenario(path)
    if len(scenario.arms) != 1 or scenario.calendar is None:
        raise WorkshopError(f"{path}: a workshop card is one jobcentre in calendar time "
                            "(one arm and a calendar: section)")
    return Card(info, scenario, scenario.arms[0].name)
