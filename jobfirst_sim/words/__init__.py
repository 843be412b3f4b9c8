"""The catalog of words: every Danish/English pair the pages, the terminal and the workshop
show, kept as data in one YAML file per page (``common``, ``metrics``, ``run``, ``pages``,
``decide``, ``uncertainty``, ``ablation``, ``pilot``, ``workshop``, ``access``) and looked up by one
:func:`t`.

Why data, and why here: the words are read by every room (report, decide, app, the CLI), so
the catalog sits at the bottom of the package and imports nothing from it. Keeping them out
of code lets a translator edit a file without reading Python, and lets one test check that
every key has both languages with the same placeholders. The files are read once, on the
first lookup, so a command that shows no words pays nothing.
"""

from __future__ import annotations

import string
from functools import cache
from importlib import resources
from typing import Final

LANGS: Final = ("da", "en")
"""The languages every key must have, in this order."""

PAGES: Final = ("common", "metrics", "run", "pages", "decide", "uncertainty", "ablation", "pilot",
                  "workshop", "access", "business", "rates", "xl", "tr", "compare_many",
                  "sweep", "lever_cost", "first_screen")
"""The catalog's files (``words/<page>.yaml``), read in this order."""


@cache
def catalog() -> dict[str, tuple[str, str]]:
    """key -> (Danish, English), from every page's file; a key declared in two files, or a
    key without both languages, is a programming error and fails on the first lookup."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found: dict[str, tuple[str, str]] = {}
    where: dict[str, str] = {}
    for page in PAGES:
        text = resources.files(__name__).joinpath(f"{page}.yaml").read_text(encoding="utf-8")
        table = yaml.load(text, Loader=loader) or {}
        for key, pair in table.items():
            if not isinstance(key, str):  # YAML reads a bare yes/no/on/off key as a bool
                raise RuntimeError(f"word {key!r} in {page}.yaml: quote the key")
            if key in found:
                raise RuntimeError(f"word {key!r} is declared in {where[key]}.yaml and "
                                   f"{page}.yaml")
            if not isinstance(pair, dict) or sorted(pair) != sorted(LANGS) or not all(
                    isinstance(pair[lang], str) for lang in LANGS):
                raise RuntimeError(f"word {key!r} in {page}.yaml must have exactly "
                                   f"{', '.join(LANGS)}, each a quoted text")
            found[key] = (pair["da"], pair["en"])
            where[key] = page
    return found


def has(key: str) -> bool:
    """Whether the catalog holds ``key``."""
    return key in catalog()


def keys() -> list[str]:
    """Every key of the catalog, in file order."""
    return list(catalog())


def placeholders(text: str) -> set[str]:
    """The ``{name}`` placeholders of a text (what :func:`t` fills in)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def check_lang(lang: str) -> str:
    """Validate a language code early, with a message a user can act on."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def t(key: str, lang: str = "da", **values: object) -> str:
    """The word ``key`` in ``lang`` (``da`` or ``en``), its placeholders filled from
    ``values``; without values the text comes back as written (a text may carry braces
    for a later template, e.g. the browser's dropdown counts). Unknown key: KeyError."""
    da, en = catalog()[key]
    text = da if lang == "da" else en
    return text.format(**values) if values else text
