"""The priors the schema carries, listed by path: what calibration and uncertainty read.

Why read them from the schema rather than from a list in the calibration: a parameter
marked [C] (fitted) and given a prior in :mod:`~jobfirst_sim.scenario.prior_table` is
calibrated without editing the calibration, and the numbers the reference shows are the
numbers the fit searches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from jobfirst_sim.scenario.behaviour import Behaviour
from jobfirst_sim.scenario.design import Design
from jobfirst_sim.scenario.economics import Economics
from jobfirst_sim.scenario.renamed import FLAT_NAMES
from jobfirst_sim.scenario.schema import LabourMarket

FITTED_MARK = "[C]"
"""What ends the description of a field the calibration fits."""

_SHORT = {f"behaviour.{path}": flat for flat, path in FLAT_NAMES.items()}


@dataclass(frozen=True)
class PriorRow:
    """One parameter's prior, as the schema carries it."""

    path: str
    """Dotted place in a scenario, e.g. ``behaviour.placement.dropout_base``; a design's
    levers start with ``design.`` (inside each arm)."""
    key: str
    """``Class.field``, the key in :data:`~jobfirst_sim.scenario.prior_table.PRIORS`."""
    low: float
    high: float
    scale: Literal["log", "linear"]
    default: float
    fitted: bool
    why: str
    neutral: float | None

    @property
    def short(self) -> str:
        """The short name fit.json uses (the earlier flat name), else the path."""
        return _SHORT.get(self.path, self.path)


def priors() -> list[PriorRow]:
    """Every parameter with a prior, in schema order: ``behaviour``, ``design`` (inside
    each arm), ``economics``, ``labour_market``."""
    rows: list[PriorRow] = []
    _walk(Behaviour, "behaviour", rows)
    _walk(Design, "design", rows)
    _walk(Economics, "economics", rows)
    _walk(LabourMarket, "labour_market", rows)
    return rows


def fitted_priors() -> list[PriorRow]:
    """The parameters the calibration fits (description marked [C]), with their priors."""
    return [row for row in priors() if row.fitted]


def calibrated_priors() -> list[PriorRow]:
    """What history matching varies: the fitted behaviour parameters and every one-arm
    multiplier (a behaviour prior with a ``neutral`` value).

    Why the multipliers too: the JobFirst effect rests on them and no source sizes them
    (issue 21), so the trial's gap is all that can pin them; calibrating them jointly lets
    the ensemble keep every split of the gap the trial cannot rule out, instead of
    pretending their defaults are known. A parameter added later with ``[C]`` or a
    ``neutral`` is calibrated without editing the calibration.
    """
    return [row for row in priors()
            if row.path.startswith("behaviour.") and (row.fitted or row.neutral is not None)]


def _walk(model: type[BaseModel], path: str, rows: list[PriorRow]) -> None:
    for name, info in model.model_fields.items():
        inner = info.annotation
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            _walk(inner, f"{path}.{name}", rows)
            continue
        extra = info.json_schema_extra
        prior = extra.get("prior") if isinstance(extra, dict) else None
        if not isinstance(prior, dict):
            continue
        neutral = prior.get("neutral")
        rows.append(PriorRow(
            path=f"{path}.{name}", key=f"{model.__name__}.{name}",
            low=float(prior["low"]), high=float(prior["high"]),  # type: ignore[arg-type]
            scale="log" if prior["scale"] == "log" else "linear",
            default=float(info.default), fitted=FITTED_MARK in (info.description or ""),
            why=str(prior["why"]),
            neutral=None if neutral is None else float(neutral),  # type: ignore[arg-type]
        ))
