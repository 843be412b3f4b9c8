"""Levers: the switchable differences between two arms' designs, and switching them.

Why its own module: finding what differs between two designs, and building "arm A with
these of B's levers" as a valid scenario, is needed by every decision that compares designs
(explain now; compare, business case and pilot power next), independent of how the runs
are summarised.

* A **lever** is one field of :class:`~jobfirst_sim.scenario.schema.Organisation` or
  :class:`~jobfirst_sim.scenario.schema.Practice` whose value differs between the two arms'
  resolved designs. The caseload is one lever ``caseload`` covering both
  ``organisation.caseload`` and the municipalities' per-arm ``caseload:`` entries, because
  together they set the caseload a professional actually has (a municipality's entry wins,
  so switching only one of them could change nothing). Levers whose switch alone would be
  an invalid design (``jobformidler: true`` needs ``role_model: makkerskab``) are switched
  together, as one lever named ``role_model+jobformidler``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import ValidationError

from jobfirst_sim.scenario.schema import Design, Organisation, Practice, Scenario

CASELOAD = "caseload"
"""Name of the lever that switches the effective caseload (arm value and per municipality)."""

SECTIONS: tuple[tuple[str, type[Organisation] | type[Practice]], ...] = (
    ("organisation", Organisation),
    ("practice", Practice),
)


class ExplainError(ValueError):
    """A request the user can fix (unknown arm, metric or benefit group), said in plain words."""


@dataclass(frozen=True)
class Lever:
    """One switchable difference between two designs.

    ``fields`` are dotted paths in the arm's design (``practice.cv_at_start``) or
    ``caseload``; ``from_value``/``to_value`` are short readable renderings for tables.
    """

    name: str
    fields: tuple[str, ...]
    from_value: str
    to_value: str


def _arm_index(scenario: Scenario, name: str, option: str) -> int:
    names = [a.name for a in scenario.arms]
    if name not in names:
        raise ExplainError(
            f"{option} {name!r}: the scenario {scenario.name!r} has no arm of that name; "
            f"its arms are: {', '.join(names)}"
        )
    return names.index(name)


def effective_caseloads(scenario: Scenario, arm: str) -> tuple[float, ...]:
    """Caseload of ``arm`` in each municipality (the municipality's entry wins)."""
    return tuple(scenario.caseload(arm, m.name) for m in scenario.municipalities)


def _show(value: Any) -> str:
    """A lever value as a manager would read it (``null`` weeks means never)."""
    if value is None:
        return "never"
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "value") and isinstance(value.value, str):  # StrEnum
        return str(value.value)
    if isinstance(value, Mapping):
        return "/".join(f"{k} {_show(v)}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:g}"
    if hasattr(value, "model_dump"):
        return _show(value.model_dump())
    return str(value)


def _show_caseloads(values: Sequence[float]) -> str:
    lo, hi = min(values), max(values)
    if lo == hi:
        return f"{lo:g}"
    return f"{lo:g}-{hi:g} (mean {float(np.mean(values)):.1f})"


def find_levers(scenario: Scenario, arm_from: str, arm_to: str) -> list[Lever]:
    """The levers that differ between two arms' resolved designs, in schema order.

    Raises:
        ExplainError: an unknown arm name (the message lists the scenario's arms).
    """
    ia = _arm_index(scenario, arm_from, "--from")
    ib = _arm_index(scenario, arm_to, "--to")
    da, db = scenario.arms[ia].design, scenario.arms[ib].design
    single: list[Lever] = []
    for section, model in SECTIONS:
        sa, sb = getattr(da, section), getattr(db, section)
        for name in model.model_fields:
            if section == "organisation" and name == "caseload":
                ca, cb = effective_caseloads(scenario, arm_from), effective_caseloads(
                    scenario, arm_to)
                if ca != cb:
                    single.append(Lever(CASELOAD, (CASELOAD,), _show_caseloads(ca),
                                        _show_caseloads(cb)))
                continue
            va, vb = getattr(sa, name), getattr(sb, name)
            if va != vb:
                single.append(Lever(name, (f"{section}.{name}",), _show(va), _show(vb)))
    return _merge_coupled(scenario, arm_from, arm_to, single)


def _merge_coupled(scenario: Scenario, arm_from: str, arm_to: str,
                   levers: list[Lever]) -> list[Lever]:
    """Join a lever that is invalid on its own with the first lever that makes it valid.

    Why: the schema forbids some combinations (a jobformidler in the BUM split), so "A with
    only this lever switched" may not be a design at all; the smallest valid change is the
    two fields together, which is also how a jobcentre would make the change.
    """
    out = list(levers)
    i = 0
    while i < len(out):
        if _valid(scenario, arm_from, arm_to, [out[i]]):
            i += 1
            continue
        partner = next((j for j in range(len(out)) if j != i
                        and _valid(scenario, arm_from, arm_to, [out[i], out[j]])), None)
        if partner is None:
            raise ExplainError(
                f"lever {out[i].name!r} cannot be switched on its own or together with any "
                f"single other lever without making {arm_from!r} an invalid design"
            )
        first, second = sorted((i, partner))
        a, b = out[first], out[second]
        out[first] = Lever(f"{a.name}+{b.name}", a.fields + b.fields,
                           f"{a.from_value}/{b.from_value}", f"{a.to_value}/{b.to_value}")
        del out[second]
        i = 0
    return out


def _valid(scenario: Scenario, arm_from: str, arm_to: str, levers: Sequence[Lever]) -> bool:
    try:
        switch_levers(scenario, arm_from, arm_to, levers)
    except ValidationError:
        return False
    return True


def switch_levers(scenario: Scenario, arm_from: str, arm_to: str,
                  levers: Sequence[Lever]) -> Scenario:
    """The scenario with arm ``arm_from``'s ``levers`` set to arm ``arm_to``'s values.

    Everything else (both arms' citizens, the other arm's design, companies) is unchanged,
    and the result is validated again, so an impossible combination fails here.

    Raises:
        pydantic.ValidationError: the switched design is not a valid design.
    """
    ia = _arm_index(scenario, arm_from, "--from")
    ib = _arm_index(scenario, arm_to, "--to")
    data = scenario.model_dump(mode="python")
    design_a = data["arms"][ia]["design"]
    design_b = data["arms"][ib]["design"]
    for lever in levers:
        for path in lever.fields:
            if path == CASELOAD:
                _switch_caseload(scenario, data, arm_from, arm_to)
                continue
            section, name = path.split(".", 1)
            design_a[section][name] = copy.deepcopy(design_b[section][name])
    Design.model_validate(design_a)  # fails early with the design's own message
    return Scenario.model_validate(data)


def _switch_caseload(scenario: Scenario, data: dict[str, Any], arm_from: str,
                     arm_to: str) -> None:
    ia = [a.name for a in scenario.arms].index(arm_from)
    org_to = next(a for a in scenario.arms if a.name == arm_to).design.organisation
    data["arms"][ia]["design"]["organisation"]["caseload"] = org_to.caseload
    for m_data, m in zip(data["municipalities"], scenario.municipalities, strict=True):
        if arm_from in m.caseload or arm_to in m.caseload:
            m_data["caseload"][arm_from] = float(m.caseload.get(arm_to, org_to.caseload))
