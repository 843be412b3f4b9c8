"""What a decision folder keeps so its page can be written again, and reading it back.

Why: ``jobfirst report DIR --lang en`` re-renders a compare, explain or pilot folder in
another language without running the model again (issue 23 §3). A page is built from the
decision's result object (:class:`~jobfirst_sim.decide.compare.Comparison`,
:class:`~jobfirst_sim.decide.explain.Explanation`,
:class:`~jobfirst_sim.decide.pilot.PilotPlan`), so each folder keeps what that object is
made of: the request (the scenarios are in the JSON already), the ensemble's members as
they were (the shipped ensemble may be recalibrated since), and the per-run values --
``explain_runs.parquet`` for explain, ``compare_runs_<table>.parquet`` for compare; a
pilot's table is its result already. :mod:`.reload` reads them back into the same object,
so the page is the one the command wrote, in the language asked for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from jobfirst_sim.scenario.ensemble import Ensemble

if TYPE_CHECKING:
    from jobfirst_sim.decide.compare import Comparison

__all__ = [
    "COMPARE_RUNS",
    "EXPLAIN_RUNS",
    "KINDS",
    "StoredFolderError",
    "compare_run_tables",
    "ensemble_records",
    "explain_runs",
    "kind_of",
]

KINDS: dict[str, str] = {"compare": "compare.json", "explain": "explain.json",
                         "pilot": "pilot.json"}
"""Each decision kind and the JSON that marks its folder."""

COMPARE_RUNS = "compare_runs_{}.parquet"
EXPLAIN_RUNS = "explain_runs.parquet"


class StoredFolderError(ValueError):
    """A decision folder that cannot be read back, said so a user can act on it."""


def kind_of(folder: Path) -> str | None:
    """The decision kind of ``folder`` (``compare``, ``explain``, ``pilot``), or None."""
    return next((k for k, name in KINDS.items() if (Path(folder) / name).is_file()), None)


# ------------------------------------------------------------------ written with the folder


def ensemble_records(ensemble: Ensemble | None) -> list[dict[str, Any]] | None:
    """The members a decision ran under, as JSON rows (None under ``noise``)."""
    if ensemble is None:
        return None
    return [{"member": m.index, "weight": m.weight, **dict(m.values)}
            for m in ensemble.members]


def explain_runs(baseline: np.ndarray, to_arm: np.ndarray,
                 one_at_a_time: Mapping[str, np.ndarray],
                 path: Sequence[tuple[str, np.ndarray]],
                 shared: tuple[np.ndarray, np.ndarray] | None = None) -> pd.DataFrame:
    """Every variant's per-run values of an explanation, long: ``variant`` (``from``,
    ``to_arm``, ``oat:<lever>``, ``path:<step>:<lever>``, and for a trial's arms in one
    world ``shared:from``/``shared:to``, the headline's sides), ``run`` (member-major) and
    ``value``."""
    parts = [("from", baseline), ("to_arm", to_arm),
             *(() if shared is None else (("shared:from", shared[0]),
                                          ("shared:to", shared[1]))),
             *((f"oat:{k}", v) for k, v in one_at_a_time.items()),
             *((f"path:{i}:{k}", v) for i, (k, v) in enumerate(path))]
    return pd.DataFrame({
        "variant": [name for name, v in parts for _ in range(len(v))],
        "run": np.concatenate([np.arange(len(v)) for _, v in parts]).astype("int64"),
        "value": np.concatenate([np.asarray(v, float) for _, v in parts]),
    })


def compare_run_tables(comparison: Comparison) -> dict[str, pd.DataFrame]:
    """Both sides' per-run tables (``side`` first), one file per side table."""
    from jobfirst_sim.decide.compare import CURRENT, PROPOSED, SIDE_TABLES

    out = {}
    for name in SIDE_TABLES:
        sides = [getattr(comparison, side)[name].assign(side=side)
                 for side in (CURRENT, PROPOSED)]
        df = pd.concat(sides, ignore_index=True)
        out[COMPARE_RUNS.format(name)] = df[["side", *[c for c in df if c != "side"]]]
    return out
