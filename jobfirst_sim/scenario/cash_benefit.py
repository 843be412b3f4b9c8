"""Kontanthjælp in its structure since 1 July 2025: a rate plus supplements, blended.

Why a module of its own: since the cash-benefit reform (lov nr. 1655 of 30 December 2024,
in force 1 July 2025) kontanthjælp is no longer one rate with and one without children. A
citizen gets a *sats* — forhøjet sats (over 30, or 25-29 with 2½ years' work), grundsats
(the other under-30s, at the SU level) or mindstesats — and on top of it the supplements
their household earns: børnetillæg (every provider), tillæg til enlige forsørgere (single
providers on grundsats or mindstesats), tillæg til enlige ikke-forsørgere (singles without
children on grundsats or forhøjet sats), and for the young særligt ungetillæg and a
temporary adjustment supplement (borger.dk, kalundborg.dk "Tillæg til kontanthjælp").

The model does not know a citizen's household, so it pays every citizen of a benefit group
one blended rate: each component weighted by the share of the group that gets it
(:func:`blend`). Keeping the components apart lets a manager change one of them —
``--set economics.kontanthjaelp.child_supplement=3000`` — and read the blended rate from
the parts, instead of recomputing a blend by hand.

Every amount is a 2026 estimate: the 2026 rate tables could not be read offline, so the
2025 figures (or the 2024 rate the reform kept) are uprated with the satsregulering the
rules give (:data:`UPRATING_2025`, :data:`UPRATING_2026`). Left out: mindstesats, the
supplements for the under-30s and the leisure supplement (docs/model.md, "Kroner").
"""

from __future__ import annotations

from typing import Annotated, Final

from pydantic import Field

from jobfirst_sim.scenario.base import Frozen, Probability

Monthly = Annotated[float, Field(ge=0.0, le=100_000.0)]
"""DKK a month, 0-100,000."""

UPRATING_2025: Final = 1.036
"""2024 → 2025 satsregulering of kontanthjælp: the 3.9 % wage rise the 2025 regulation
follows (skm.dk, personskattelovens § 20, reguleringstal 126.1 → 131.0) less the 0.3 point
that lov om aktiv socialpolitik § 109, stk. 2 takes off (1.7 % + tilpasningsprocenten, which
is the satsreguleringsprocent − 2.0). An estimate: the published 2025 figure was not read."""
UPRATING_2026: Final = 1.045
"""2025 → 2026: 4.8 % (skm.dk, "Beløbsgrænser ... 2025-2026", read 2026-12-07) less the same
0.3 point. An estimate; the 0.45 point withheld in 2026 or 2027 for the abolished public
holiday (lov nr. 630 of 11 June 2024) is not taken off."""


class BenefitRules(Frozen):
    """One benefit group's kontanthjælp: its rates, supplements, household shares and
    earnings rule (the offset of wages).

    The rate paid before the offset is :attr:`monthly_rate`, the blend of the components
    (:func:`blend`); the offset (``disregard_per_month``, ``deduction_share``) and its cap
    at the highest dagpenge rate act on that blend (docs/model.md, "Kroner").
    """

    higher_rate: Monthly = Field(
        13_345.0,
        description="Forhøjet sats: kontanthjælp for a citizen over 30 (DKK a month, 2026 "
        "prices; 0-100,000). The reform kept the earlier rate for over-30s without "
        "children, 12,326 DKK a month in 2024 (bm.dk satser 2024), uprated ×1.036 to 2025 "
        "and ×1.045 to 2026 (satsregulering, see cash_benefit.py): an estimate.",
    )
    basic_rate: Monthly = Field(
        8_600.0,
        description="Grundsats: kontanthjælp for a citizen under 30 without 2½ years' work, "
        "at the SU level (DKK a month, 2026 prices; 0-100,000). The earlier rate for "
        "under-30s living away from home, 7,945 DKK a month in 2024 (borger.dk / "
        "detfagligehus.dk satser 2024), uprated ×1.036 and ×1.045: an estimate.",
    )
    share_basic_rate: Probability = Field(
        0.0,
        description="Share of the group's citizens on grundsats instead of forhøjet sats "
        "(0-1). 0: the JobFirst group is over 30 [M §1]; set it if yours has under-30s. "
        "An estimate.",
    )
    child_supplement: Monthly = Field(
        2_909.0,
        description="Børnetillæg: one supplement a month to every provider, whatever the "
        "number of children (DKK a month, 2026 prices; 0-100,000). 2,784 DKK in 2025 "
        "(kalundborg.dk, Tillæg til kontanthjælp, satser 2025, read 2026-12-07; borger.dk) "
        "uprated ×1.045: an estimate.",
    )
    single_provider_supplement: Monthly = Field(
        1_712.0,
        description="Tillæg til enlige forsørgere: for single providers on grundsats or "
        "mindstesats, not on forhøjet sats (DKK a month, 2026 prices; 0-100,000). 1,638 DKK "
        "in 2025 (kalundborg.dk, Tillæg til kontanthjælp, satser 2025; borger.dk) uprated "
        "×1.045: an estimate.",
    )
    single_supplement: Monthly = Field(
        1_141.0,
        description="Tillæg til enlige ikke-forsørgere: for singles without children on "
        "grundsats or forhøjet sats (DKK a month, 2026 prices; 0-100,000). 1,092 DKK in "
        "2025 (kalundborg.dk, Tillæg til kontanthjælp, satser 2025; borger.dk) uprated "
        "×1.045: an estimate.",
    )
    share_with_children: Probability = Field(
        0.25,
        description="Share of the group's citizens who provide for children and get the "
        "børnetillæg (0-1). Estimate: most vulnerable long-term recipients over 30 have "
        "no children at home (Danmarks Statistik, KY tables, order of magnitude); not a "
        "published figure.",
    )
    share_single_among_providers: Probability = Field(
        0.5,
        description="Share of the providers who are single (0-1): they get the supplement "
        "for single providers when on grundsats. Estimate: at most 0.6 — in 2017 19,200 "
        "single providers and 6,300 couples both on benefit (da.dk, 19 January 2018, a "
        "special run of Danmarks Statistik's registers; couples where one receives are not "
        "counted) — so about half; not a figure for this group.",
    )
    share_single_among_others: Probability = Field(
        0.75,
        description="Share of the citizens without children who live alone (0-1): they "
        "get the supplement for singles. Estimate: most recipients over 30 without "
        "children are single (Danmarks Statistik, order of magnitude); not a published "
        "figure for this group.",
    )
    disregard_per_month: Monthly = Field(
        2_500.0,
        description="Wages a month left out of the offset (DKK a month, 2025-2026 rule; "
        "0-100,000). The 2025 cash-benefit reform (kontanthjælpsreformen, bm.dk) disregards "
        "the first 2,500 DKK a month of wages.",
    )
    deduction_share: Probability = Field(
        0.65,
        description="Share of wages above the disregard deducted from the benefit (0-1; "
        "above 1 would make income fall with work, below 0 the benefit rise with wages). "
        "2025 cash-benefit reform: 65 % (bm.dk).",
    )

    @property
    def monthly_rate(self) -> float:
        """The blended monthly rate before the offset (DKK a month), :func:`blend`."""
        return blend(self)

    def weights(self) -> dict[str, float]:
        """The share of the group that gets each amount: rate or supplement → weight.

        The two rates' weights add up to 1 (every citizen has one sats); a supplement's
        weight is the share of the group whose household earns it. The shares are taken
        as independent: single providers on grundsats are ``share_with_children ×
        share_single_among_providers × share_basic_rate``.
        """
        basic = self.share_basic_rate
        children = self.share_with_children
        return {
            "higher_rate": 1.0 - basic,
            "basic_rate": basic,
            "child_supplement": children,
            "single_provider_supplement": children * self.share_single_among_providers
            * basic,
            "single_supplement": (1.0 - children) * self.share_single_among_others,
        }


def blend(rules: BenefitRules) -> float:
    """The group's blended monthly rate before the earnings offset (DKK a month).

    ``Σ weight × amount`` over the rates and supplements of :meth:`BenefitRules.weights`.
    Why a plain weighted sum: it is the group's mean rate, and a krone more of one
    component adds exactly the share of the group that gets it, so changing one component
    moves the rate the way a reader expects. (The offset is linear in the rate until the
    benefit reaches 0, so paying everyone the mean is close to the mean of what each
    household would get.)
    """
    return sum(w * float(getattr(rules, name)) for name, w in rules.weights().items())


RETIRED: Final = {
    "monthly_without_children": "since the 2025 reform the rate is built from its parts: "
    "`higher_rate` (forhøjet sats), `basic_rate` (grundsats) and the supplements "
    "`single_supplement`, `child_supplement`, `single_provider_supplement`",
    "monthly_with_children": "the rate with children is now `higher_rate` + "
    "`child_supplement` (børnetillæg), weighted by `share_with_children`",
}
"""Fields of the blended rate before the 2025 structure → what replaced them, for the
message an old scenario file or ``--set`` line gets instead of a bare "unknown field"."""
