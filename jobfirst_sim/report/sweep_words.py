"""A sweep in words: its levers, their levels and its outcomes on an axis, in per cent.

Why one module: the browser's sweep tab, the sweep report's figures, its design table and
its "In short" all name the same levers and levels and show the same shares; written in
four places they drifted apart (the tab showed ``t1_effect``, "(role_model)", raw levels
such as ``bum`` and shares as 0,16). A sweep lever is a dimension ("Rollemodel"), not the
change from one value to another that an explain lever is ("Makkerskab i stedet for BUM"),
so a ``sweep_lever_<name>`` word is read before the registry's ``lever_<name>``.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from jobfirst_sim import fmt
from jobfirst_sim.metrics import lever_label
from jobfirst_sim.report.labels import has, t
from jobfirst_sim.report.sweep_data import sort_key

AXIS_TITLE_WIDTH = 34
"""Characters per line of a y-axis title: a long outcome label ("Andel med ordinære timer i
borgerens egen uge 78 (JobFirst − Normalindsats (kontrol))") is wrapped instead of running
past the plot's top and bottom, where the page clips it."""


def sweep_lever_label(name: str, lang: str) -> str:
    """A sweep lever's name: ``sweep_lever_<last part>`` if the catalog has one, else the
    registry's lever name (:func:`jobfirst_sim.metrics.lever_label`)."""
    key = name.rsplit(".", 1)[-1]
    if has(f"sweep_lever_{key}"):
        return t(f"sweep_lever_{key}", lang)
    return lever_label(name, lang)


def lever_names(levers: Sequence[str], lang: str) -> dict[str, str]:
    """Each lever's name, with its arm's name added where two levers would read alike
    (``arms.jobfirst.organisation.caseload`` and ``arms.control.organisation.caseload``
    are both "Sagsstamme"), so a list of choices never shows the field path."""
    names = {lv: sweep_lever_label(lv, lang) for lv in levers}
    seen = Counter(names.values())
    for lv in levers:
        parts = lv.split(".")
        if seen[names[lv]] > 1 and len(parts) >= 3 and parts[0] == "arms":
            names[lv] = f"{names[lv]} ({t(parts[1], lang)})"
    return names


def level_text(v: Any, lang: str) -> str:
    """A lever level as text: yes/no, a number with the language's decimal mark, a word."""
    if isinstance(v, bool | np.bool_):
        return t("yes" if v else "no", lang)
    if isinstance(v, float | np.floating):
        return fmt.number(float(v), lang, 2)
    if isinstance(v, int | np.integer):
        return fmt.number(float(v), lang, 0)
    return t(str(v), lang)


def is_categorical(values: pd.Series) -> bool:
    """Whether a lever's levels are named (yes/no, a role model) rather than measured."""
    return bool(pd.api.types.is_bool_dtype(values)
                or not pd.api.types.is_numeric_dtype(values))


def lever_axis(values: pd.Series, lang: str) -> tuple[list[Any], list[str] | None]:
    """A lever's values for an x axis and, for named levels, their words in reading order
    (the axis's category order): categories as the experiment declares them (its design
    points come in that order: BUM, makkerskab, jobformidler), yes/no with no first;
    measured levels stay numbers on a linear axis."""
    if not is_categorical(values):
        return values.tolist(), None
    return ([level_text(v, lang) for v in values],
            [level_text(v, lang) for v in levels_in_order(values)])


def levels_in_order(values: pd.Series) -> list[Any]:
    """A lever's distinct levels in reading order: named categories as first met (the
    order the experiment declares them), numbers and yes/no by value."""
    levels = values.dropna().unique().tolist()
    if levels and all(isinstance(v, str) for v in levels):
        return list(levels)
    return sorted(levels, key=sort_key)


def value_text(x: float, share: bool, lang: str, difference: bool = False) -> str:
    """An outcome's value: a share in per cent (``5,4 %``), a difference of shares in signed
    percentage points, anything else as a number with the language's decimal mark."""
    if share and difference:
        return fmt.points(x, lang, 1)
    return fmt.percent(x, lang, 1) if share else fmt.number(x, lang, 2)


def axis_title(text: str, width: int = AXIS_TITLE_WIDTH) -> str:
    """``text`` broken into lines of at most ``width`` characters (plotly's ``<br>``)."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) or text


def outcome_axis(label: str, lang: str, share: bool, difference: bool
                 ) -> tuple[float, dict[str, Any]]:
    """The factor to draw an outcome with and its y axis: a share in per cent (ticks
    ``20%`` with the language's decimal mark, as on every page), a difference of shares
    in percentage points; the title (the metric's ``label``: the figure's title names the
    arms) wrapped and given room (``automargin``) so it is never cut at the plot's edge."""
    if share and difference:
        return 100.0, {"title_text": axis_title(t("sweep_axis_points", lang, label=label)),
                       "automargin": True}
    props: dict[str, Any] = {"title_text": axis_title(label), "automargin": True}
    if share:
        props["tickformat"] = ".0%"
    return 1.0, props


def point_words(values: Any, levers: Sequence[str], lang: str) -> str:
    """``Sagsstamme 30, CV fra første samtale: ja`` — a design point by its lever values
    (a mapping or a row; levers it lacks are left out)."""
    return ", ".join(lever_at(lv, values[lv], lang) for lv in levers if lv in values)


def lever_at(lever: str, value: Any, lang: str) -> str:
    """A lever at one level: ``Sagsstamme 30``, ``CV fra første samtale: ja``,
    ``Rollemodel: Makkerskab`` (a colon before a named level, none before a number)."""
    sep = " " if isinstance(value, int | float | np.number) and not isinstance(
        value, bool | np.bool_) else ": "
    return f"{sweep_lever_label(lever, lang)}{sep}{level_text(value, lang)}"
