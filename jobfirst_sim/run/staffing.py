"""One full-time professional's average week per arm and role, from ``staff.parquet``.

Why a module of its own: ``summary.json`` (``run/replicate.py``) and the report's
time-use figure both read the staff table the same way — FTEs summed over municipalities
and averaged over replications, every other column FTE-weighted over municipalities and
replications — and the report must not import the model to do it (this module needs only
numpy and pandas, so the report stays fast to start).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from jobfirst_sim.domain import TASKS

TASK_COLUMNS: Final = TASKS
"""The tasks of the professional's week in staff.parquet (``hours_<task>``, ``served_<task>``)."""


def fte_weighted(g: pd.DataFrame, col: str) -> float | None:
    """The FTE-weighted mean of ``col`` over the rows of ``g`` with a finite value (None
    when there is none)."""
    v, w = g[col].to_numpy(float), g["fte"].to_numpy(float)
    ok = np.isfinite(v)
    return float((v[ok] * w[ok]).sum() / w[ok].sum()) if ok.any() else None


def role_weeks(staff: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """(arm, role, rows) per arm and role in the table's order ([] without FTEs)."""
    if staff.empty or "fte" not in staff:
        return []
    return [(str(arm), str(role), g)
            for (arm, role), g in staff.groupby(["arm", "role"], sort=False)]


def total_fte(g: pd.DataFrame, col: str = "fte") -> float:
    """``col`` summed over municipalities, averaged over replications."""
    return float(g.groupby("replication")[col].sum().mean())
