"""The report's lookup of words: the catalog (:mod:`jobfirst_sim.words`) first, then the
declared metrics, then the key itself made readable.

Why a reader of its own beside :func:`jobfirst_sim.words.t`: the report shows categories
that come from the data (a new sector name, a municipality), and a page must still render
when one has no translation; metric labels and lever names are declared once, with the
metric's unit and direction, in :mod:`jobfirst_sim.metrics`. The words themselves live only
in the catalog's YAML files.
"""

from __future__ import annotations

from jobfirst_sim import metrics, words
from jobfirst_sim.scenario.schema import Scenario
from jobfirst_sim.words import LANGS, check_lang

__all__ = ["LANGS", "all_keys", "arm_name", "check_lang", "has", "t"]


def t(key: str, lang: str = "da", **values: object) -> str:
    """Translate ``key``; unknown keys come back as themselves (prettified) so a new
    category in the data (a new sector name) still shows rather than crashing."""
    if words.has(key):
        return words.t(key, lang, **values)
    metric = metrics.find(key)
    if metric is not None:
        text = metric.label(lang)
    else:
        text = key.replace("_", " ")
        text = text[:1].upper() + text[1:]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    """Whether ``key`` has a translation (used by the completeness test)."""
    return words.has(key) or metrics.find(key) is not None


def all_keys() -> list[str]:
    """Every label key (catalog words and declared metrics)."""
    return [*words.keys(), *metrics.names()]



def arm_name(name: str, lang: str, scenario: Scenario | None = None) -> str:
    """An arm's name in prose: the scenario's ``label:`` in ``lang``, else the catalog's word
    for a known arm name (``control`` → Normalindsats (kontrol)), else the name itself --
    never a bare id where the scenario gives a name."""
    if scenario is not None and any(a.name == name for a in scenario.arms):
        label = scenario.arm(name).label
        if label is not None:
            return label(lang)
    return words.t(name, lang) if words.has(name) else name
