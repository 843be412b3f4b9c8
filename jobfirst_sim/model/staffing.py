"""Track 3 as data: roles, staff in full-time equivalents, and who serves which citizen [M §5].

Why: the organisational designs (BUM, makkerskab, jobformidler) must be data, not code
branches, and managers decide in FTEs. This module turns each arm's staffing — FTEs per
role, or a caseload from which FTEs follow — into professionals (one per person, each
standing for a share of the role's FTEs) and gives every citizen a primary contact, an
authority caseworker, a company-side professional (who matches and follows up at the
workplace) and, where the design has one, a mentor. The time each professional has and
spends is the time budget's (``rules/time_budget.py``).
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.domain import StaffRole
from jobfirst_sim.model.rules import transition
from jobfirst_sim.model.rules.time_budget import net_hours
from jobfirst_sim.model.seeds import STAFF, generator
from jobfirst_sim.model.state import Citizens, Professionals, Role
from jobfirst_sim.scenario.behaviour import TASK_ORDER
from jobfirst_sim.scenario.schema import RoleModel, Scenario

ROLE_OF: dict[StaffRole, Role] = {
    StaffRole.caseworker: Role.caseworker,
    StaffRole.consultant: Role.consultant,
    StaffRole.mentor: Role.mentor,
    StaffRole.jobformidler: Role.jobformidler,
}


def fte_per_role(scenario: Scenario, arm: int, citizens_here: np.ndarray
                 ) -> list[dict[StaffRole, float]]:
    """FTEs per role in each municipality for one arm.

    ``citizens_here[m]`` is the arm's citizens in municipality ``m``. A caseload gives
    ``citizens / caseload`` FTEs in every role; a municipality's own FTEs are taken as
    given; the arm's FTEs are shared out over the municipalities without their own entry
    in proportion to their citizens.
    """
    spec = scenario.arms[arm]
    roles = spec.design.organisation.roles
    entries = [scenario.staffing(spec.name, m.name) for m in scenario.municipalities]
    shared = sum(int(n) for n, e in zip(citizens_here, entries, strict=True)
                 if e.fte is not None and not e.local)
    out: list[dict[StaffRole, float]] = []
    for n, e in zip(citizens_here, entries, strict=True):
        if e.caseload is not None:
            out.append({r: float(n) / e.caseload for r in roles})
        elif e.local:
            out.append({r: float((e.fte or {})[r]) for r in roles})
        else:
            share = float(n) / shared if shared else 0.0
            out.append({r: float((e.fte or {})[r]) * share for r in roles})
    return out


def practice_arms(scenario: Scenario, arm: np.ndarray, municipality: np.ndarray, u: np.ndarray
                  ) -> np.ndarray:
    """Whose design each professional practises [M §5].

    In a non-control arm a professional practises the arm's design with the
    municipality's ``implementation`` chance, else works as in the control arm; in the
    control arm a professional works like the treatment arm with the municipality's
    ``work_orientation`` chance. Without a control (or treatment) arm to fall back on,
    everyone practises their own arm's design.
    """
    roles = [a.role.value for a in scenario.arms]
    control = roles.index("control") if "control" in roles else -1
    treatment = roles.index("treatment") if "treatment" in roles else -1
    impl = np.array([m.implementation for m in scenario.municipalities])[municipality]
    orient = np.array([m.work_orientation for m in scenario.municipalities])[municipality]
    is_control = arm == control
    other = np.where(is_control, treatment, control)
    switch = np.where(is_control, u < orient, u >= impl) & (other >= 0)
    out: np.ndarray = np.where(switch, other, arm).astype(np.int64)
    return out


def transition_practice(scenario: Scenario, staff: Professionals, before_arm: np.ndarray,
                        week: int) -> np.ndarray:
    """Whose design each professional practises in ``week`` of a design change [M §5].

    A professional of an arm with a ``transition`` practises the arm's design once the
    arm's practising share (``rules/transition.practising_share``, rising to the
    municipality's ``implementation``) passes their own draw — the draw
    :func:`practice_arms` uses, so who adopts early keeps practising and at the end of
    the ramp-up the arm works exactly as without one — and otherwise the design before
    the change: ``design_before`` if given, else the control arm's (its own when it is
    the control arm, which then has no older design to fall back on). Other arms keep
    :func:`practice_arms`'s choice.
    """
    out: np.ndarray = staff.practice_arm.copy()
    roles = [a.role.value for a in scenario.arms]
    control = roles.index("control") if "control" in roles else -1
    impl = np.array([m.implementation for m in scenario.municipalities])[staff.municipality]
    for a, arm in enumerate(scenario.arms):
        tr = arm.transition
        if tr is None:
            continue
        sel = staff.arm == a
        fallback = int(before_arm[a]) if before_arm[a] >= 0 else (control if control >= 0
                                                                  else a)
        share = transition.practising_share(week=week, ramp_start=tr.ramp_start,
                                            ramp_up_weeks=tr.ramp_up_weeks,
                                            implementation=impl[sel])
        out[sel] = np.where(staff.practice_u[sel] < share, a, fallback)
    return out


def staffing_basis(citizens: Citizens, arm: int, n_muni: int) -> np.ndarray:
    """Per municipality, the citizens of ``arm`` its staffing is for: the caseload on the
    first day — in calendar mode the stock, not the citizens who arrive later — or, where
    a municipality has no stock but an inflow, the inflow (so it is not left unstaffed)."""
    mine = citizens.arm == arm
    stock = np.bincount(citizens.municipality[mine & ~citizens.inflow], minlength=n_muni)
    everyone = np.bincount(citizens.municipality[mine], minlength=n_muni)
    out: np.ndarray = np.where(stock > 0, stock, everyone)
    return out


def persons(fte: float) -> int:
    """People standing for ``fte`` full-time equivalents: the nearest whole number, at
    least one (a 0.4 FTE role is one person working part time)."""
    return max(1, round(fte))


def build_staff(
    scenario: Scenario, citizens: Citizens, root_seed: int, replication: int
) -> Professionals:
    """Staff every (municipality, arm) from its FTEs and give each citizen their team."""
    rng = generator(root_seed, replication, STAFF)
    tb = scenario.behaviour.time
    n_muni = len(scenario.municipalities)
    basis = [staffing_basis(citizens, a, n_muni) for a in range(len(scenario.arms))]
    ftes = [fte_per_role(scenario, a, basis[a]) for a in range(len(scenario.arms))]
    cols: dict[str, list[float]] = {k: [] for k in (
        "municipality", "arm", "role", "caseload", "weekly_hours", "fte", "partner")}
    for m in range(n_muni):
        for a, arm_spec in enumerate(scenario.arms):
            members = np.flatnonzero((citizens.municipality == m) & (citizens.arm == a))
            if members.size == 0:
                continue
            on_day_one = int(basis[a][m])
            org = arm_spec.design.organisation
            first: dict[StaffRole, int] = {}
            count: dict[StaffRole, int] = {}
            for r in org.roles:
                fte = ftes[a][m][r]
                k = persons(fte)
                first[r], count[r] = len(cols["role"]), k
                for key, value in (("municipality", m), ("arm", a), ("role", int(ROLE_OF[r])),
                                   ("caseload", on_day_one / fte),
                                   ("weekly_hours", org.weekly_hours), ("fte", fte / k),
                                   ("partner", -1)):
                    cols[key] += [float(value)] * k
            _assign(citizens, members, org.role_model, org.jobformidler, first, count,
                    cols["partner"], rng)
    n = len(cols["role"])
    arm_arr = np.array(cols["arm"], np.int64)
    muni_arr = np.array(cols["municipality"], np.int64)
    fte_arr = np.array(cols["fte"], float)
    hours = np.array(cols["weekly_hours"], float)
    practice_u = generator(root_seed, replication, STAFF, 1).random(n)
    return Professionals(
        municipality=np.array(cols["municipality"], np.int64),
        arm=arm_arr,
        role=np.array(cols["role"], np.int64),
        caseload=np.array(cols["caseload"], float),
        weekly_hours=hours,
        fte=fte_arr,
        net_hours=net_hours(fte=fte_arr, weekly_hours=hours, leave_share=tb.leave_share,
                            absence_share=tb.absence_share, admin_share=tb.admin_share),
        partner=np.array(cols["partner"], np.int64),
        practice_arm=practice_arms(scenario, arm_arr, muni_arr, practice_u),
        practice_u=practice_u,
        handovers=np.zeros(n, np.int64),
        vacant_until=np.zeros(n, np.int64),
        absent_weeks=np.zeros(n, np.int64),
        knowledge=np.full(n, scenario.behaviour.knowledge.start),
        time_demand=np.zeros((n, len(TASK_ORDER))),
        time_served=np.zeros((n, len(TASK_ORDER))),
        time_available=np.zeros(n),
    )


def _round_robin(rng: np.random.Generator, size: int, first: int, k: int) -> np.ndarray:
    """Professionals ``first .. first + k − 1`` dealt out over ``size`` citizens in a
    random order, so caseloads within a role differ by at most one."""
    out = np.empty(size, np.int64)
    out[rng.permutation(size)] = first + (np.arange(size) % k)
    return out


def _assign(citizens: Citizens, members: np.ndarray, role_model: RoleModel,
            jobformidler: bool, first: dict[StaffRole, int], count: dict[StaffRole, int],
            partner: list[float], rng: np.random.Generator) -> None:
    """Each citizen's primary contact, caseworker, company-side professional and mentor.

    The primary contact's role is the design's primary role: a change of the person in
    it is what counts as a change of contact person (``stages/handover.py``).

    * jobformidler designs: the jobformidler is primary contact and company side; their
      makkerskab partner is the citizen's caseworker; no mentor;
    * makkerskab without jobformidlere: the caseworker is primary contact, paired with a
      consultant (company side); mentors are dealt out;
    * BUM: the caseworker is primary contact; the consultant and mentor units are dealt
      out independently (no pairs).
    """
    c = citizens
    cw, cons, men, jf = (StaffRole.caseworker, StaffRole.consultant, StaffRole.mentor,
                         StaffRole.jobformidler)
    if jobformidler:
        primary = _round_robin(rng, members.size, first[jf], count[jf])
        _pair(first[jf], count[jf], first[cw], count[cw], partner)
        c.contact_prof[members] = primary
        c.company_prof[members] = primary
        c.caseworker[members] = np.array(partner, float)[primary].astype(np.int64)
        c.mentor[members] = -1
        return
    primary = _round_robin(rng, members.size, first[cw], count[cw])
    c.contact_prof[members] = primary
    c.caseworker[members] = primary
    if role_model is RoleModel.makkerskab:
        _pair(first[cw], count[cw], first[cons], count[cons], partner)
        c.company_prof[members] = np.array(partner, float)[primary].astype(np.int64)
    else:
        c.company_prof[members] = _round_robin(rng, members.size, first[cons], count[cons])
    c.mentor[members] = _round_robin(rng, members.size, first[men], count[men])


def _pair(first_a: int, k_a: int, first_b: int, k_b: int, partner: list[float]) -> None:
    """Fixed pairs between two roles: professional ``i`` of role a works with ``i mod k_b``
    of role b, and each of b with the first of a that names them (when the numbers
    differ, some b-professionals serve two partners' citizens)."""
    for i in range(k_a):
        partner[first_a + i] = float(first_b + i % k_b)
    for j in range(k_b):
        partner[first_b + j] = float(first_a + j % k_a)
