"""Levers: the switchable differences between two arms' designs, and switching them.

Why its own module: finding what differs between two designs, and building "arm A with
these of B's levers" as a valid scenario, is needed by every decision that compares designs
(explain now; compare, business case and pilot power next), independent of how the runs
are summarised.

* A **lever** is one field of :class:`~jobfirst_sim.scenario.schema.Organisation` or
  :class:`~jobfirst_sim.scenario.schema.Practice` whose value differs between the two arms'
  resolved designs. Staffing is one lever ``caseload`` covering ``organisation.caseload``
  and ``organisation.staff`` and the municipalities' per-arm ``caseload:``/``staff:``
  entries, because together they set the caseload a professional actually has (a
  municipality's entry wins, so switching only one of them could change nothing). It is
  compared and switched as citizens per FTE in each role (:func:`role_caseloads`), so it
  can be carried between designs whose roles differ. Levers whose switch alone would be
  an invalid design (``jobformidler: true`` needs ``role_model: makkerskab``) are switched
  together, as one lever named ``role_model+jobformidler``. In calendar mode an arm's
  ``transition`` (handover and ramp-up at the change) is one lever too, ``transition``: the
  arm taking it also records its own design as the design practised before the change
  (``transition.design_before``), so its professionals who have not yet taken up the new
  design keep working as it did.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import ValidationError

from jobfirst_sim.decide.pilot_cohort import cohort_size
from jobfirst_sim.model.population import cell_counts
from jobfirst_sim.model.staffing import fte_per_role
from jobfirst_sim.scenario.design import design_roles
from jobfirst_sim.scenario.schema import (
    Design,
    Organisation,
    Practice,
    RoleModel,
    Scenario,
    StaffRole,
    Transition,
)

CASELOAD = "caseload"
"""Name of the lever that switches the effective caseload (arm value and per municipality)."""

BY_BENEFIT = "practice_by_benefit"
"""Name of the lever that switches a design's practice for one benefit group."""

TRANSITION = "transition"
"""Name of the lever that switches an arm's change-over (calendar mode's ``transition``)."""

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


PILOT_MIN = 4
"""Fewest citizens a pilot can draw from: two per design."""


def drawn_cohort(scenario: Scenario, arm: str, benefit: str) -> int:
    """Arm ``arm``'s citizens in the benefit group (``all``: every group), as the scenario
    sets them, checked to hold a pilot.

    Why checked here, before any size: with no such citizens the default sizes came out
    as 0 and the message spoke of ``--sizes 0``, an option the user never gave.

    Raises:
        ExplainError: fewer than :data:`PILOT_MIN`, naming ``--benefit`` and the field.
    """
    cohort = cohort_size(scenario, arm, benefit)  # the stock (no week: no inflow)
    if cohort >= PILOT_MIN:
        return cohort
    group = "citizens" if benefit == "all" else f"citizens on {benefit}"
    field = f"arms.{arm}.citizens" + ("" if benefit == "all" else f".{benefit}")
    raise ExplainError(
        f"--benefit {benefit}: arm {arm!r} has {cohort} {group} ({field}), and a pilot "
        f"needs at least {PILOT_MIN} to draw from (two per design); choose another "
        "--benefit (all, or a group the arm has) or give the arm such citizens")


def role_caseloads(scenario: Scenario, arm: str) -> list[dict[StaffRole, float]]:
    """Citizens per FTE in each of ``arm``'s roles, per municipality.

    A caseload applies to every role; FTEs give the arm's expected citizens there (the
    model's own allocation, :func:`~jobfirst_sim.model.population.cell_counts`) over the
    role's FTEs — arm-level FTEs shared out by citizens, as the model does.
    """
    a = [x.name for x in scenario.arms].index(arm)
    citizens = cell_counts(scenario).sum(axis=2)[:, a]
    roles = scenario.arms[a].design.organisation.roles
    ftes = fte_per_role(scenario, a, citizens)
    out: list[dict[StaffRole, float]] = []
    for m, muni in enumerate(scenario.municipalities):
        given = scenario.caseload(arm, muni.name)
        if given is not None or citizens[m] == 0:
            load = given if given is not None else float("nan")
            out.append({r: float(load) for r in roles})
        else:
            out.append({r: float(citizens[m]) / ftes[m][r] for r in roles})
    return out


def effective_caseloads(scenario: Scenario, arm: str) -> tuple[float, ...]:
    """Citizens per FTE of ``arm``'s primary contact role in each municipality."""
    primary = scenario.arm(arm).design.organisation.roles[0]
    return tuple(round(m[primary], 6) for m in role_caseloads(scenario, arm))


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
            if section == "organisation" and name == "staff":
                continue  # one staffing lever, named caseload (module docstring)
            if section == "organisation" and name == "caseload":
                ra, rb = _rounded(role_caseloads(scenario, arm_from)), _rounded(
                    role_caseloads(scenario, arm_to))
                if ra != rb:
                    single.append(Lever(CASELOAD, (CASELOAD,),
                                        _show_caseloads(effective_caseloads(scenario, arm_from)),
                                        _show_caseloads(effective_caseloads(scenario, arm_to))))
                continue
            va, vb = getattr(sa, name), getattr(sb, name)
            if va != vb:
                single.append(Lever(name, (f"{section}.{name}",), _show(va), _show(vb)))
    ga, gb = da.practice_by_benefit, db.practice_by_benefit
    if ga != gb:
        single.append(Lever(BY_BENEFIT, (BY_BENEFIT,), _show(ga) or "none", _show(gb) or "none"))
    ta, tb = scenario.arms[ia].transition, scenario.arms[ib].transition
    if ta != tb:
        single.append(Lever(TRANSITION, (TRANSITION,), _show_transition(ta),
                            _show_transition(tb)))
    return _merge_coupled(scenario, arm_from, arm_to, single)


def _show_transition(value: Transition | None) -> str:
    """A transition as a manager reads it: handover share and ramp-up (``none`` if none)."""
    if value is None:
        return "none"
    return (f"handover {value.handover_share:g}, ramp-up {value.ramp_up_weeks} weeks from "
            f"{value.ramp_start:g}")


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
    staffing = False
    for lever in levers:
        for path in lever.fields:
            if path == CASELOAD:
                staffing = True
                continue
            if path == BY_BENEFIT:
                design_a[BY_BENEFIT] = copy.deepcopy(design_b[BY_BENEFIT])
                continue
            if path == TRANSITION:
                _take_transition(scenario, data, ia, ib)
                continue
            section, name = path.split(".", 1)
            design_a[section][name] = copy.deepcopy(design_b[section][name])
    org = design_a["organisation"]
    roles = design_roles(RoleModel(org["role_model"]), bool(org["jobformidler"]))
    in_ftes = any(scenario.caseload(arm_from, m.name) is None for m in scenario.municipalities)
    if staffing or (in_ftes and roles != scenario.arms[ia].design.organisation.roles):
        _restaff(scenario, data, arm_from, arm_to if staffing else arm_from, roles)
    Design.model_validate(design_a)  # fails early with the design's own message
    return Scenario.model_validate(data)


def alone(scenario: Scenario, arm: str) -> Scenario:
    """The scenario with only ``arm``: its citizens, design and staffing, nothing else.

    Why: a decision compares *one* population under two designs. Running the other arm's
    citizens beside them would let them compete for the same companies -- for a manager's
    own jobcentre, whose "today" and "proposed" arms are the same people, that would
    double the jobcentre. The companies follow the citizens
    (``companies_per_100_citizens``), so the local market is as dense as in the scenario.
    """
    _arm_index(scenario, arm, "--from")
    data = scenario.model_dump(mode="python")
    data["arms"] = [a for a in data["arms"] if a["name"] == arm]
    for m in data["municipalities"]:
        for section in ("caseload", "staff"):
            m[section] = {k: v for k, v in (m.get(section) or {}).items() if k == arm}
    return Scenario.model_validate(data)


def counterfactual(scenario: Scenario, arm_from: str, arm_to: str,
                   levers: Sequence[Lever]) -> Scenario:
    """Arm A's citizens alone, with ``levers`` of arm B's design switched on (none: arm A as
    it is; all of :func:`find_levers`: A's citizens under B's design).

    The one way explain, Shapley, compare and pilot build the worlds they compare, so their
    numbers agree: same citizens, companies and random streams in every variant.
    """
    return alone(switch_levers(scenario, arm_from, arm_to, levers), arm_from)


def _take_transition(scenario: Scenario, data: dict[str, Any], ia: int, ib: int) -> None:
    """Give arm ``ia`` arm ``ib``'s transition, practising ``ia``'s own design before the
    change (unless ``ib``'s transition names one): ``ia`` is the jobcentre as it is, so what
    its professionals did before the change is its design, not the control arm's — which,
    once ``ia``'s levers are switched, may be ``ia`` itself."""
    theirs = data["arms"][ib]["transition"]
    if theirs is None:
        data["arms"][ia]["transition"] = None
        return
    taken = copy.deepcopy(theirs)
    if taken.get("design_before") is None:
        taken["design_before"] = scenario.arms[ia].design.model_dump(mode="python")
    data["arms"][ia]["transition"] = taken


def _restaff(scenario: Scenario, data: dict[str, Any], arm: str, source: str,
             roles: tuple[StaffRole, ...]) -> None:
    """Staff ``arm`` with ``roles`` at ``source``'s citizens per FTE, in every municipality.

    A role ``source`` does not have (a jobformidler for a BUM arm, a mentor for a
    jobformidler arm) gets ``source``'s primary-role caseload. The FTEs are written per
    municipality for ``arm``'s own citizens there, so the arm keeps its citizens and gets
    exactly the other arm's staffing ratio.
    """
    a = [x.name for x in scenario.arms].index(arm)
    citizens = cell_counts(scenario).sum(axis=2)[:, a]
    loads = role_caseloads(scenario, source)
    primary = scenario.arm(source).design.organisation.roles[0]
    org = data["arms"][a]["design"]["organisation"]
    org["staff"] = None
    first = next((m for m in loads if not np.isnan(m[primary])), None)
    org["caseload"] = float(first[primary]) if first is not None else org.get("caseload") or 41.0
    for m_data, n, load in zip(data["municipalities"], citizens, loads, strict=True):
        m_data.get("caseload", {}).pop(arm, None)
        m_data.get("staff", {}).pop(arm, None)
        if n == 0 or np.isnan(load[primary]):
            continue
        m_data.setdefault("staff", {})[arm] = {
            r: float(n) / load.get(r, load[primary]) for r in roles}


def _rounded(loads: list[dict[StaffRole, float]]) -> list[dict[StaffRole, float]]:
    return [{r: round(v, 6) for r, v in m.items()} for m in loads]
