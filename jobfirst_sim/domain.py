"""The domain's names, declared once: the professional's tasks, the benefit groups, the
support statuses, the staff roles and the roles of an arm.

Why a bottom module: the scenario schema validates these names, the model indexes its
arrays by them, the tables name columns after them, and the report orders rows, stacks and
colours by them. Each was typed three or four times; here each is declared once, in the
order that the model's arrays, the tables' columns and the figures' rows follow (changing
an order changes results), and every room reads it from here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class Task(StrEnum):
    """What a professional's net hours are spent on (rules/time_budget.py)."""

    casework = "casework"  # the authority caseworker's legal casework per citizen
    followup = "followup"  # workplace follow-up visits, travel included
    contact = "contact"  # meetings and calls with the citizens one is primary contact for
    mentoring = "mentoring"  # the mentor's close support of citizens in a placement
    coordination = "coordination"  # the pair's meetings about their shared citizens
    outreach = "outreach"  # company visits that keep companies open and known
    joint = "joint"  # the pair partner joins first conversations, status meetings, visits
    transition = "transition"  # support contacts in a placement's first weeks [M §6]


class Benefit(StrEnum):
    """Benefit group of a citizen [M §1]."""

    kontanthjaelp = "kontanthjaelp"
    ressourceforloeb = "ressourceforloeb"


class SupportStatus(StrEnum):
    """What a citizen lives on in a week (docs/model.md S11; the panel's ``status``)."""

    full_support = "full_support"  # no ordinary hours
    partial_support = "partial_support"  # some hours, below self-sufficiency
    self_sufficient = "self_sufficient"  # hours at or above self-sufficiency
    flexjob = "flexjob"  # absorbing
    disability_pension = "disability_pension"  # absorbing exit
    other_exit = "other_exit"  # absorbing exit


class StaffRole(StrEnum):
    """The professional roles a design staffs [M §5] (``staff:`` keys)."""

    caseworker = "caseworker"  # myndighedssagsbehandler
    consultant = "consultant"  # virksomhedskonsulent
    mentor = "mentor"
    jobformidler = "jobformidler"  # consultant and mentor merged


class ArmRole(StrEnum):
    """What an arm stands for when results are compared (never guessed from its name)."""

    treatment = "treatment"  # the design under test (the trial's JobFirst arm)
    control = "control"  # the baseline: the jobcentre's current or normal effort
    alternative = "alternative"  # another design considered beside them


TASKS: Final[tuple[str, ...]] = tuple(t.value for t in Task)
"""The tasks in the order the model's time arrays and staff.parquet's columns hold them
(``hours_<task>``, ``served_<task>``); not the priority."""

BENEFITS: Final[tuple[str, ...]] = tuple(b.value for b in Benefit)
"""The benefit groups, in the order of the model's ``benefit`` codes (0, 1)."""

STATUSES: Final[tuple[str, ...]] = tuple(s.value for s in SupportStatus)
"""The support statuses, in the order of the model's status codes (0 … 5)."""

ROLES: Final[tuple[str, ...]] = tuple(r.value for r in StaffRole)
"""The staff roles, in the order of the model's role codes (0 … 3)."""

ARM_ROLES: Final[tuple[str, ...]] = tuple(r.value for r in ArmRole)
"""What an arm can stand for."""

TASK_LEVELS: Final[tuple[str, ...]] = ("simple", "medium", "demanding")
"""How demanding a company's tasks are, easiest first."""
