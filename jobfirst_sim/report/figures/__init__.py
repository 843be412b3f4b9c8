"""Pure figure functions for a run: tables in, plotly figures as plain data out.

A figure is a dict ``{"data": [...], "layout": {...}}``
(:mod:`jobfirst_sim.report.figdata`), not a ``plotly.graph_objects.Figure``: building
plotly's validating objects cost seconds of every run report (issue 11).

Why pure: the same functions serve the static report, the browser app and PNG export, and
each is testable without a browser or a file system. They never read files and never run
the model. Each returns ``None`` when its tables hold nothing to draw, so the caller can
say what is missing instead of drawing an empty frame. Every visible word goes through
:func:`jobfirst_sim.report.labels.t`; Danish figures get a decimal comma via
``layout.separators``. Units, bounds and share-ness come from :mod:`jobfirst_sim.metrics`;
an arm's role (which trial figures apply) from the run's manifest.

Split by topic: :mod:`.base` (look, colours, bands), :mod:`.weekly` (curves over weeks),
:mod:`.outcomes` (per-run outcomes, staff, companies), :mod:`.people` (subgroups, journey).
"""

from __future__ import annotations

from jobfirst_sim.report.figures.base import (
    ALTERNATIVE,
    ARM_FIXED,
    BENEFIT_ORDER,
    PALETTE,
    REF_COLOUR,
    RUN_DASHES,
    STATUS_COLOURS,
    STATUS_ORDER,
    Roles,
    arm_colours,
    arm_order,
    arm_roles,
    pick_benefit,
    rgba,
    role_of,
    style,
    summarise_nonneg,
)
from jobfirst_sim.report.figures.outcomes import (
    fig_companies,
    fig_companies_hours,
    fig_exits,
    fig_municipality,
    fig_organisation,
    fig_subgroup_benefit,
    fig_targets,
    fig_time_use,
    time_use,
)
from jobfirst_sim.report.figures.people import (
    age_band,
    fig_journey,
    fig_subgroup_people,
    journey_events,
)
from jobfirst_sim.report.figures.weekly import (
    fig_funnel,
    fig_hours_distribution,
    fig_status,
    fig_weekly_metric,
    fig_wellbeing,
)

__all__ = [
    "ALTERNATIVE",
    "ARM_FIXED",
    "BENEFIT_ORDER",
    "PALETTE",
    "REF_COLOUR",
    "RUN_DASHES",
    "STATUS_COLOURS",
    "STATUS_ORDER",
    "Roles",
    "age_band",
    "arm_colours",
    "arm_order",
    "arm_roles",
    "fig_companies",
    "fig_companies_hours",
    "fig_exits",
    "fig_funnel",
    "fig_hours_distribution",
    "fig_journey",
    "fig_municipality",
    "fig_organisation",
    "fig_status",
    "fig_subgroup_benefit",
    "fig_subgroup_people",
    "fig_targets",
    "fig_time_use",
    "fig_weekly_metric",
    "fig_wellbeing",
    "journey_events",
    "pick_benefit",
    "rgba",
    "role_of",
    "style",
    "summarise_nonneg",
    "time_use",
]
