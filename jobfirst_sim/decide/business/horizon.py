"""``--years N``: run the model N budget years rather than extrapolate past its horizon.

Why a ``--set``: the extension must reach both scenarios of a comparison alike and be
checked like any other value, so it is written as the override a user would write —
``calendar.horizon_weeks`` in a calendar scenario (weeks 0 to 52·N − 1), else
``run.weeks_followed`` (each cohort followed 52·N weeks). A run already that long is
left alone: the business case then reads its first N years.
"""

from __future__ import annotations

from typing import Final

from jobfirst_sim.scenario.schema import Scenario

MAX_YEARS: Final = 10
"""Longest business case (years): the calendar's longest horizon is ten years."""


class YearsError(ValueError):
    """``--years`` outside what the model can run, in plain words."""


def check_years(years: int | None) -> None:
    """Refuse a ``--years`` outside 1 to :data:`MAX_YEARS`.

    Raises:
        YearsError: naming the option and what is allowed.
    """
    if years is not None and not 1 <= years <= MAX_YEARS:
        raise YearsError(f"--years {years}: give a whole number of budget years from 1 to "
                         f"{MAX_YEARS}")


def year_sets(scenario: Scenario, years: int | None) -> list[str]:
    """The ``--set`` overrides that make ``scenario`` run at least ``years`` budget years
    (none when it already does, or ``years`` is None)."""
    if years is None:
        return []
    weeks = 52 * years
    cal = scenario.calendar
    if cal is not None:
        return ([f"calendar.horizon_weeks={weeks - 1}"]
                if cal.horizon_weeks + 1 < weeks else [])
    return ([f"run.weeks_followed={weeks}"] if scenario.run.weeks_followed < weeks else [])


def simulated_weeks(scenario: Scenario) -> int:
    """Weeks the business case's run covers from week 0 (calendar: the horizon's; trial:
    each cohort's follow-up)."""
    cal = scenario.calendar
    return int(cal.horizon_weeks) + 1 if cal is not None else int(scenario.run.weeks_followed)
