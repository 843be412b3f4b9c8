"""Warnings for staffing that validates but cannot be meant: the caseload that follows.

Why a warning and not an error: a caseload of 300 or 3 is a possible what-if, so the
scenario still runs; but ``staff: {caseworker: 0.5}`` for 800 citizens (a caseload of
1,600) is far more often a typo than a question, and it would validate silently while
every result answers another question. The staffing is read the way the model reads it
(:meth:`Scenario.staffing`: a municipality's own entry wins, the arm's FTEs are shared
over the municipalities without one), with citizens split by municipality weight.
"""

from __future__ import annotations

from jobfirst_sim.scenario.bounds import CASELOAD_PLAUSIBLE
from jobfirst_sim.scenario.schema import Scenario


def staffing_warnings(scenario: Scenario) -> list[str]:
    """One line per role whose caseload (citizens per FTE) is outside the plausible range.

    Each names the place to fix (as a ``--set`` path), the role and the caseload that
    follows; an empty list when every caseload is plausible.
    """
    out: list[str] = []
    total_weight = sum(m.weight for m in scenario.municipalities)
    for arm in scenario.arms:
        citizens = sum(arm.citizens.values())
        roles = arm.design.organisation.roles
        shared = 0.0
        arm_caseload = False
        for muni in scenario.municipalities:
            here = citizens * muni.weight / total_weight
            entry = scenario.staffing(arm.name, muni.name)
            if entry.local and entry.caseload is not None:
                path = f"municipalities.{muni.name}.caseload.{arm.name}"
                out += _given(path, entry.caseload)
            elif entry.local:
                for role in roles:
                    fte = (entry.fte or {})[role]
                    path = f"municipalities.{muni.name}.staff.{arm.name}.{role}"
                    out += _following(path, role, fte, here)
            elif entry.caseload is not None:
                arm_caseload = True
            else:
                shared += here
        org = arm.design.organisation
        if arm_caseload and org.caseload is not None:
            out += _given(f"arms.{arm.name}.organisation.caseload", org.caseload)
        if shared > 0 and org.staff:
            for role in roles:
                path = f"arms.{arm.name}.organisation.staff.{role}"
                out += _following(path, role, org.staff[role], shared)
    return out


def _following(path: str, role: str, fte: float, citizens: float) -> list[str]:
    load = citizens / fte
    if _plausible(load):
        return []
    low, high = CASELOAD_PLAUSIBLE
    return [
        f"{path}: {fte:g} FTE {role} for {citizens:,.0f} citizens is a caseload of "
        f"{_load(load)} citizens per {role}; a plausible caseload is {low:g}-{high:g} — "
        "is the FTE figure what you meant?"
    ]


def _given(path: str, caseload: float) -> list[str]:
    if _plausible(caseload):
        return []
    low, high = CASELOAD_PLAUSIBLE
    return [
        f"{path}: a caseload of {_load(caseload)} citizens per professional is outside "
        f"the plausible {low:g}-{high:g} — is it what you meant?"
    ]


def _plausible(load: float) -> bool:
    low, high = CASELOAD_PLAUSIBLE
    return low <= load <= high


def _load(x: float) -> str:
    return f"{x:,.1f}" if x < 10 else f"{x:,.0f}"
