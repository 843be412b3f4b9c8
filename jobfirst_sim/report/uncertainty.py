"""The one sentence every decision page says about what its interval holds.

Why one function: ``compare``, ``explain`` and ``pilot`` (and the workshop) read the same
``headline`` block (:mod:`jobfirst_sim.decide.uncertainty`); saying what its interval holds
in one place keeps them from describing the same interval differently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from jobfirst_sim import fmt
from jobfirst_sim.words import t


def interval_sentence(headline: Mapping[str, Any], lang: str) -> str:
    """What the headline's interval holds, e.g. "I 28 af 30 plausible udgaver af modellen
    giver forslaget flere borgere ordinære timer; effekten ligger mellem +1,8 og +6,9
    procentpoint." (``parameters``) or that it holds simulation noise only (``noise``)."""
    low = fmt.points(_num(headline.get("ci_low")), lang)
    high = fmt.points(_num(headline.get("ci_high")), lang)
    if headline.get("uncertainty") == "parameters":
        members = int(headline.get("members") or 0)
        better = round(_num(headline.get("probability_better")) * members)
        return " ".join((
            t("unc_parameters", lang, better=better, members=members, low=low, high=high),
            t("unc_parameters_holds", lang, members=members,
              replications=int(headline.get("replications") or 0))))
    return t("unc_noise", lang, low=low, high=high)


def _num(value: Any) -> float:
    return float("nan") if value is None else float(value)


def leaning_sentence(leanings: Sequence[Mapping[str, Any]], lang: str) -> str:
    """"Svaret hviler mest på: ..." from ``leans_on``'s JSON (empty: no sentence)."""
    from jobfirst_sim.decide.sensitivity import word_key

    if not leanings:
        return ""
    items = [t("unc_leans_item", lang, name=t(word_key(str(x["parameter"])), lang),
               direction=t("unc_leans_up" if float(x["rank_correlation"]) > 0
                           else "unc_leans_down", lang),
               rho=fmt.number(float(x["rank_correlation"]), lang, 2, signed=True))
             for x in leanings]
    return f"{t('unc_leans_on', lang)} " + "; ".join(items) + "."
