"""The published JobFirst trial figures drawn as reference marks (T1–T5).

Provenance: the 2018 evaluation of the randomised JobFirst trial (15 municipalities,
March 2016 – December 2017), as restated in the project's calibration brief
(calibration-targets.md, copied here because the package must not read that folder at run
time). "Week" counts from each citizen's own start.

Why a separate module: the report draws these marks next to model curves so leaders see
where the model stands against reality; keeping the numbers, populations and wording in
one place avoids a figure quoting a different number than the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Target:
    """One published figure: which metric, which arm role, which population, which week."""

    id: str
    metric: str  # weekly column or outcomes metric it compares with
    arm_role: str  # "jobfirst" or "control"
    value: float
    benefit: str  # "kontanthjaelp" or "all"
    week: int | None = None


TARGETS: Final[tuple[Target, ...]] = (
    Target("T1", "share_wage_hours", "jobfirst", 0.19, "kontanthjaelp", 78),
    Target("T1", "share_wage_hours", "control", 0.12, "kontanthjaelp", 78),
    Target("T2", "mean_wage_hours", "jobfirst", 4.6, "kontanthjaelp", 78),
    Target("T2", "mean_wage_hours", "control", 2.75, "kontanthjaelp", 78),
    Target("T3", "ever_hours_share", "jobfirst", 0.24, "all"),
    Target("T4", "placement13_share", "jobfirst", 0.64, "all"),
    Target("T5", "mean_caseload", "jobfirst", 41.0, "all"),
)

#: Outcomes metric that corresponds to each weekly target (for the key-figures table).
OUTCOME_OF: Final = {"share_wage_hours": "share_with_hours_w78",
                     "mean_wage_hours": "mean_wage_hours_w78"}


def arm_role(arm: str, design: str | None = None) -> str | None:
    """Map an arm to the trial arm it mirrors ("jobfirst"/"control"), or ``None``.

    The design preset name wins (``jobfirst`` / ``normal_effort``); otherwise the arm name
    is read, so a scenario with arms called ``control`` and ``jobfirst`` gets its marks.
    """
    for text in (design, arm):
        if not text:
            continue
        low = text.lower()
        if "normal" in low or "control" in low or "kontrol" in low:
            return "control"
        if "jobfirst" in low or low == "jf":
            return "jobfirst"
    return None


def targets_for(metric: str, role: str | None, benefit: str | None = None) -> list[Target]:
    """Targets that apply to a metric for an arm role (and benefit group if given)."""
    return [t for t in TARGETS if t.metric == metric and t.arm_role == role
            and (benefit is None or t.benefit == benefit)]
