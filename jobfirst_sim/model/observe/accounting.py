"""Kroner per citizen-week: what the public pays a citizen and what the citizen earns.

Why here and not in ``rules/``: this is bookkeeping, not behaviour. It reads the status
and paid hours the weekly rules produced and prices them with the scenario's
``economics:`` rates; it draws no random numbers and changes no state, so a run's
citizens, hours and outcomes are exactly those of a run without it. The recorder calls
:func:`weekly_kroner` once a week over all citizens into one reused buffer and adds the
weeks of those observed (a dozen in-place whole-array operations a week: gathering and
scattering the observed citizens, or allocating fresh arrays, cost more than pricing
everyone), and the tables share out staff costs with
:func:`staff_cost_per_citizen` at the end.

The benefit rules are monthly and the model steps in weeks: a week's wages are scaled to
a month (× 52/12), the monthly offset rule applied, and the benefit scaled back to a week
(× 12/52). This treats every week as an average week of its month, the approximation of
a citizen whose hours stay the same all month; real payments offset the month's actual
wages, so a month with hours in one week only is offset a little differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from jobfirst_sim.model.state import ROLE_NAMES, F, I, Status
from jobfirst_sim.scenario.economics import Economics
from jobfirst_sim.scenario.schema import BENEFITS

WEEKS_PER_MONTH: Final = 52.0 / 12.0
"""Weeks in an average month: a week's amount × this is its month's."""
WEEKS_PER_YEAR: Final = 52.0
"""Weeks in a year for yearly rates (pension, flexjob subsidy, staff cost)."""

KRONER: Final = ("benefit", "wages", "flexjob", "pension")
"""The per-citizen amounts :func:`weekly_kroner` returns, in its row order."""


def benefit_after_earnings(monthly_wages: F, *, monthly_rate: F | float,
                           disregard_per_month: F | float,
                           deduction_share: F | float, out: F | None = None) -> F:
    """The monthly benefit left after the earnings offset (DKK a month, never below 0).

    ``rate − deduction_share × max(wages − disregard, 0)``, cut at 0: the 2025 rule of
    kontanthjælp (the first ``disregard_per_month`` of wages is left alone, then
    ``deduction_share`` of each krone is deducted). With a deduction share in [0, 1] the
    benefit never rises with wages and wages plus benefit never fall with wages.

    ``out`` (optional, may be ``monthly_wages`` itself) receives the result: computed in
    place, the weekly accounting of 100,000 citizens allocates no new arrays.
    """
    wages = np.asarray(monthly_wages, dtype=float)
    result = np.empty(wages.shape) if out is None else out
    np.subtract(wages, disregard_per_month, out=result)
    np.maximum(result, 0.0, out=result)
    np.multiply(result, deduction_share, out=result)
    np.subtract(monthly_rate, result, out=result)
    return np.maximum(result, 0.0, out=result)


@dataclass(frozen=True)
class WeeklyRates:
    """The ``economics:`` rates each citizen is priced at, one array entry per citizen.

    Why per citizen: a citizen's benefit group never changes, so the group's rates are
    looked up once per run, and the weekly accounting runs over whole arrays without
    gathering them again every week.
    """

    monthly_rate: F  # the citizen's group's blended monthly rate (DKK a month)
    disregard_per_month: F
    deduction_share: F
    hourly_wage: float
    pension_per_week: float
    max_dagpenge_per_month: float
    flexjob_max_per_month: float  # the subsidy before the reduction for wages
    flexjob_threshold: float
    flexjob_low: float
    flexjob_high: float
    full_time_month_wages: float  # the full-time wage of the job: cap on wages + subsidy

    @classmethod
    def of(cls, economics: Economics, benefit: I) -> WeeklyRates:
        """The rates of a scenario's ``economics:`` for citizens of groups ``benefit``
        (index of ``BENEFITS``)."""
        rules = [getattr(economics, b.value) for b in BENEFITS]
        return cls(
            monthly_rate=np.array([r.monthly_rate for r in rules])[benefit],
            disregard_per_month=np.array([r.disregard_per_month for r in rules])[benefit],
            deduction_share=np.array([r.deduction_share for r in rules])[benefit],
            hourly_wage=economics.hourly_wage,
            pension_per_week=economics.disability_pension_per_year / WEEKS_PER_YEAR,
            max_dagpenge_per_month=economics.max_dagpenge_per_month,
            flexjob_max_per_month=economics.flexjob.subsidy_share
            * economics.max_dagpenge_per_month,
            flexjob_threshold=economics.flexjob.threshold_per_month,
            flexjob_low=economics.flexjob.low_reduction,
            flexjob_high=economics.flexjob.high_reduction,
            full_time_month_wages=economics.flexjob.full_time_hours * economics.hourly_wage
            * WEEKS_PER_MONTH,
        )


def weekly_kroner(status: I, wage_hours: F, rates: WeeklyRates, out: F | None = None) -> F:
    """One week's kroner per citizen: rows ``KRONER`` (benefit, wages, flexjob, pension).

    * benefit: the group's rate after the earnings offset, on full or partial support,
      and never more than what lifts wages plus benefit to the highest dagpenge rate (the
      offset's cap since the 2025 reform: above it wages are deducted in full);
      ``self_sufficient`` (paid hours at or above ``behaviour.hours.self_sufficiency_hours``)
      is off public support by the model's own definition, so it gets no benefit even
      where the offset rule would leave a little;
    * wages: paid hours × hourly wage, whatever the status (flexjob hours included);
    * flexjob: in flexjob, the subsidy of :func:`flexjob_subsidy` for the week's wages;
    * pension: the yearly disability pension / 52 on disability pension.

    ``other_exit`` costs nothing here: what the citizen gets after leaving is outside the
    accounting (docs/model.md, "Kroner"). ``status`` and ``wage_hours`` are aligned with
    the arrays of ``rates``; ``out`` (optional, shape ``(len(KRONER), n)``) receives the
    result without allocating.
    """
    if out is None:
        out = np.empty((len(KRONER), status.shape[0]))
    np.multiply(wage_hours, rates.hourly_wage, out=out[1])
    np.multiply(out[1], WEEKS_PER_MONTH, out=out[2])  # the month's wages (scratch row)
    benefit_after_earnings(out[2], monthly_rate=rates.monthly_rate,
                           disregard_per_month=rates.disregard_per_month,
                           deduction_share=rates.deduction_share, out=out[0])
    np.subtract(rates.max_dagpenge_per_month, out[2], out=out[3])  # the cap (scratch)
    np.maximum(out[3], 0.0, out=out[3])
    np.minimum(out[0], out[3], out=out[0])
    out[0] *= ((status == int(Status.full_support)) | (status == int(Status.partial_support)))
    out[0] /= WEEKS_PER_MONTH
    flexjob_subsidy(out[2], rates, out=out[2])
    out[2] *= (status == int(Status.flexjob)) / WEEKS_PER_MONTH
    np.multiply(status == int(Status.disability_pension), rates.pension_per_week, out=out[3])
    return out


def flexjob_subsidy(monthly_wages: F, rates: WeeklyRates, out: F | None = None) -> F:
    """Flexløntilskud a month for these monthly wages (LAB § 123): 98 % of the highest
    dagpenge rate less 30 % of wages up to the threshold and 55 % above it, never below 0,
    and wages plus subsidy never above the job's full-time wage. ``out`` may be
    ``monthly_wages`` itself."""
    wages = np.asarray(monthly_wages, dtype=float)
    low = np.minimum(wages, rates.flexjob_threshold) * rates.flexjob_low
    high = np.maximum(wages - rates.flexjob_threshold, 0.0) * rates.flexjob_high
    room = np.maximum(rates.full_time_month_wages - wages, 0.0)
    result = np.empty(wages.shape) if out is None else out
    np.subtract(rates.flexjob_max_per_month, low, out=result)
    np.subtract(result, high, out=result)
    np.maximum(result, 0.0, out=result)
    return np.minimum(result, room, out=result)


def staff_cost(fte: F, role: I, weeks: int, economics: Economics) -> F:
    """Cost of each professional over ``weeks`` (DKK): FTE × yearly full cost × weeks / 52.

    Posts are costed for every week of the run, vacant weeks included: a vacancy saves
    pay but costs recruitment and cover, and the model does not price either.
    """
    per_fte = np.array([getattr(economics.staff_cost_per_fte, name) for name in ROLE_NAMES])
    return np.asarray(fte * per_fte[role] * (weeks / WEEKS_PER_YEAR), dtype=float)


def staff_cost_per_citizen(cost: F, cost_cell: I, citizen_cell: I,
                           observed_weeks: F) -> F:
    """Each citizen's share of their cell's staff cost, by citizen-weeks observed (DKK).

    ``cost``/``cost_cell``: the cost of each professional and its cell (arm ×
    municipality); ``citizen_cell``/``observed_weeks``: each citizen's cell and weeks
    observed. A cell's cost is shared in proportion to citizen-weeks, so a benefit group
    bears its arm's staff cost by the weeks its citizens were followed, and the shares of a
    cell add up to its cost (a cell without citizens has no one to share it).
    """
    cells = int(max(cost_cell.max(initial=-1), citizen_cell.max(initial=-1))) + 1
    total = np.bincount(cost_cell, weights=cost, minlength=cells)
    weeks = np.bincount(citizen_cell, weights=observed_weeks, minlength=cells)
    per_week = np.divide(total, weeks, out=np.zeros(cells), where=weeks > 0)
    return np.asarray(per_week[citizen_cell] * observed_weeks, dtype=float)
