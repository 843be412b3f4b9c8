"""How the workshop writes a number: one function for its sentences, pages and scripts.

Why one function: the problem sentences of :mod:`.checks`, the result pages
(:mod:`jobfirst_sim.app.workshop.present`) and the caseloads the design form updates as a
team types (served as text by the team's views, so the page's script formats nothing) must
write ``72,7`` the same way in the same language.
"""

from __future__ import annotations

from jobfirst_sim.app.workshop.engine.cards import Lang

__all__ = ["number"]


def number(x: float, lang: Lang, decimals: int = 1, *, grouping: bool = True) -> str:
    """``x`` with ``decimals`` decimals in ``lang``: ``1.234,5`` in Danish, ``1,234.5`` in
    English (``grouping=False``: no thousands separator, ``1234,5``)."""
    text = f"{x:,.{decimals}f}" if grouping else f"{x:.{decimals}f}"
    if lang == "da":
        text = text.replace(",", "§").replace(".", ",").replace("§", ".")
    return text
