"""How a scenario's arms relate: one shared world (a trial) or alternatives (what-ifs).

Why a field and not a habit of each command: ``jobfirst run`` used to simulate a file's
arms side by side in one labour market, where they compete for the same companies, while
``compare`` simulated each design alone. Both are right for different questions -- a
randomised trial inside one labour market, or "today against a proposal" where the two are
alternatives for the same jobcentre -- but one file must give one answer. The scenario says
which it is and every command follows it (docs/scenarios.md, "Arms: a trial or
alternatives").

Also here: an arm's readable name (:class:`ArmLabel`), so pages never print arm ids.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from jobfirst_sim.scenario.base import Frozen

__all__ = ["ARMS_MODE_HELP", "ARM_LABEL_HELP", "ArmLabel", "ArmsMode"]


class ArmsMode(StrEnum):
    """Whether the arms share one world or are alternatives for the same jobcentre."""

    trial = "trial"
    """The arms are the groups of a randomised trial: simulated together in one world,
    competing for the same companies (the trial replica)."""
    alternatives = "alternatives"
    """The arms are alternative designs for the same jobcentre: each simulated alone, on the
    same citizens and random numbers (a manager's what-if)."""


ARMS_MODE_HELP = (
    "How the arms relate (trial or alternatives): trial = the groups of a randomised trial, "
    "simulated side by side in one world where they compete for the same companies; "
    "alternatives = alternative designs for the same jobcentre, each simulated alone on the "
    "same citizens and random numbers. Every command follows it. null = alternatives with a "
    "calendar: section (a running jobcentre's what-if), trial otherwise."
)

ARM_LABEL_HELP = (
    "The arm's name in prose, in Danish and English ({da: ..., en: ...}); pages use it "
    "instead of the arm name. null = the arm name."
)


class ArmLabel(Frozen):
    """An arm's readable name in both languages of the pages."""

    da: str = Field(min_length=1, max_length=80, description="Danish name of the arm.")
    en: str = Field(min_length=1, max_length=80, description="English name of the arm.")

    def __call__(self, lang: str) -> str:
        """The name in ``lang`` (English for anything but Danish)."""
        return self.da if lang == "da" else self.en
