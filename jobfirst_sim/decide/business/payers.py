"""Who pays: one run's kroner by budget year, seen from four payers.

Why four: a municipal economist asks what the change costs the municipality's own budget
after the state's refusion, what it costs the state, what it costs the public sector as a
whole once taxes on the citizens' wages and transfers flow back, and what it is worth to
society, where transfers cancel and the citizens' wages are a gain (Socialstyrelsen's SØM
and the UK Green Book split costs the same way). Each payer's figure is a net cost a year
in DKK (positive: it pays); the business case pairs them between the two designs.

* municipality: staff + transfers − the state's refusion + the change's own costs;
* state: the refusion it pays the municipality;
* public sector: staff + transfers + change costs − tax on transfers − tax on wages;
* society: staff + change costs − the citizens' wages.

Transfers are kontanthjælp or ressourceforløbsydelse, the flexjob subsidy and
disability pension, as :mod:`jobfirst_sim.model.observe.budget` books them.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from jobfirst_sim.scenario.economics import Economics

PAYERS: Final = ("municipality", "state", "public", "society")
"""The payers of the business case, in the order the page shows them."""

ITEMS: Final = ("staff", "benefit", "flexjob", "pension", "refund_benefit", "refund_flexjob",
                "refund_pension", "wages")
"""Book columns summed per run and year."""


def run_years(book: pd.DataFrame, arm: str, *, benefit: str = "all",
              municipality: str = "all", years: int | None = None) -> pd.DataFrame:
    """One side's book for an arm: per run (``member``, ``replication``) and ``year`` the
    :data:`ITEMS` summed over the chosen benefit group and municipality (``all``: every
    one). Years past ``years`` are dropped.

    Raises:
        ValueError: no rows for the arm (a run made before the budget book).
    """
    sel = book[book["arm"] == arm]
    if benefit != "all":
        sel = sel[sel["benefit_group"] == benefit]
    if municipality != "all":
        sel = sel[sel["municipality"] == municipality]
    if years is not None:
        sel = sel[sel["year"] <= years]
    if sel.empty:
        raise ValueError(f"no budget rows for arm {arm!r}, benefit {benefit!r}, "
                         f"municipality {municipality!r}")
    keys = [k for k in ("member", "replication") if k in sel.columns]
    return sel.groupby([*keys, "year"])[list(ITEMS)].sum()


def payer_costs(sums: pd.DataFrame, economics: Economics, change: float = 0.0
                ) -> pd.DataFrame:
    """Each payer's net cost per run and year (columns :data:`PAYERS`), with
    ``change`` DKK of one-off costs charged in year 1 to the municipality and through it
    the public sector and society."""
    tax = economics.taxes
    transfers = sums["benefit"] + sums["flexjob"] + sums["pension"]
    refund = sums["refund_benefit"] + sums["refund_flexjob"] + sums["refund_pension"]
    once = pd.Series((sums.index.get_level_values("year") == 1) * change, index=sums.index)
    return pd.DataFrame({
        "municipality": sums["staff"] + transfers - refund + once,
        "state": refund,
        "public": sums["staff"] + transfers * (1.0 - tax.on_transfers)
        - sums["wages"] * tax.on_wages + once,
        "society": sums["staff"] + once - sums["wages"],
    })


def components(sums: pd.DataFrame, economics: Economics) -> dict[str, dict[str, pd.Series]]:
    """What each sensitivity parameter multiplies in each payer's cost (per run and year):
    a payer's cost with the parameter scaled by ``k`` is its cost + (k − 1) × component.
    Second-order effects are left out: dearer wages would also cut the benefit more
    through the earnings offset (docs/model.md §7.15)."""
    tax = economics.taxes
    refund = {k: sums[f"refund_{k}"] for k in ("benefit", "flexjob")}
    transfers = sums["benefit"] + sums["flexjob"] + sums["pension"]
    zero = sums["staff"] * 0.0
    return {
        "staff_cost": {"municipality": sums["staff"], "state": zero, "public": sums["staff"],
                       "society": sums["staff"]},
        "benefit_rates": {"municipality": sums["benefit"] - refund["benefit"],
                          "state": refund["benefit"],
                          "public": sums["benefit"] * (1.0 - tax.on_transfers),
                          "society": zero},
        "flexjob_subsidy": {"municipality": sums["flexjob"] - refund["flexjob"],
                            "state": refund["flexjob"],
                            "public": sums["flexjob"] * (1.0 - tax.on_transfers),
                            "society": zero},
        "wages": {"municipality": zero, "state": zero,
                  "public": -sums["wages"] * tax.on_wages, "society": -sums["wages"]},
        "tax_rates": {"municipality": zero, "state": zero,
                      "public": -transfers * tax.on_transfers - sums["wages"] * tax.on_wages,
                      "society": zero},
    }
