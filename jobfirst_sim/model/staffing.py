"""Track 3 as data: roles, staffing and caseload assignment [M §5].

Why: the organisational designs (BUM, makkerskab, jobformidler) must be data, not code
branches, so a manager can change a lever in YAML. This module turns each arm's
``Design`` into professionals with roles and caseloads, and gives every citizen a
primary contact; the lever values per arm are in ``design.py``.
"""

from __future__ import annotations

import math

import numpy as np

from jobfirst_sim.model.seeds import STAFF, generator
from jobfirst_sim.model.state import Citizens, Professionals, Role
from jobfirst_sim.scenario.schema import Design, RoleModel, Scenario


def roles_of(design: Design) -> tuple[Role, ...]:
    """Roles staffed in a design; the first is the citizen's primary contact [M §5].

    * makkerskab with jobformidlere: the jobformidler is the primary contact, paired with
      an authority caseworker;
    * makkerskab without: caseworker (primary) in a fixed team with consultant and mentor;
    * BUM: the caseworker orders, the consultant and mentor units perform.
    """
    org = design.organisation
    if org.role_model is RoleModel.makkerskab and org.jobformidler:
        return (Role.jobformidler, Role.caseworker)
    return (Role.caseworker, Role.consultant, Role.mentor)


def caseload_of(scenario: Scenario, muni: int, arm: int) -> float:
    """Nominal caseload in one municipality and arm (municipality value wins)."""
    return scenario.caseload(scenario.arms[arm].name, scenario.municipalities[muni].name)


def build_staff(
    scenario: Scenario, citizens: Citizens, root_seed: int, replication: int
) -> Professionals:
    """Staff every (municipality, arm) and give each citizen a primary contact.

    Staff per role = ceil(citizens / caseload): professionals' caseloads are held at the
    nominal value (the jobcentre's ordinary inflow keeps them full), so caseload rations
    contact as the design says, whatever the trial's intake rhythm.
    """
    rng = generator(root_seed, replication, STAFF)
    muni: list[int] = []
    arm: list[int] = []
    role: list[int] = []
    caseload: list[float] = []
    hours: list[float] = []
    partner: list[int] = []
    for m in range(len(scenario.municipalities)):
        for a, arm_spec in enumerate(scenario.arms):
            members = np.flatnonzero((citizens.municipality == m) & (citizens.arm == a))
            if members.size == 0:
                continue
            cl = caseload_of(scenario, m, a)
            k = max(1, math.ceil(members.size / cl))
            first = len(role)
            roles = roles_of(arm_spec.design)
            for r in roles:
                muni += [m] * k
                arm += [a] * k
                role += [int(r)] * k
                caseload += [cl] * k
                hours += [arm_spec.design.organisation.weekly_hours] * k
            # primary contacts are the first block; partner = same slot in the second role
            is_pair = arm_spec.design.organisation.role_model is RoleModel.makkerskab
            for j in range(len(roles) * k):
                slot, block = j % k, j // k
                if not is_pair:
                    partner.append(-1)
                elif block == 0:
                    partner.append(first + k + slot)
                elif block == 1:
                    partner.append(first + slot)
                else:
                    partner.append(-1)
            order = rng.permutation(members.size)
            citizens.contact_prof[members[order]] = first + (np.arange(members.size) % k)
    n = len(role)
    return Professionals(
        municipality=np.array(muni, np.int64),
        arm=np.array(arm, np.int64),
        role=np.array(role, np.int64),
        caseload=np.array(caseload, float),
        weekly_hours=np.array(hours, float),
        partner=np.array(partner, np.int64),
        handovers=np.zeros(n, np.int64),
    )
