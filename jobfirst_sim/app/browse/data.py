"""Reading and querying stored runs and sweeps for the browser (no Dash, no figures).

Why a module of its own: this is what keeps the app responsive on a 1,000-run sweep:
tables are queried with pyarrow dataset filters and column projection (one design point's
weekly rows, one run's panel columns), small tables are cached keyed on their mtime, and
no panel is ever loaded whole. It is testable without a browser.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from jobfirst_sim.decide.compare_many import MANY_JSON
from jobfirst_sim.decide.stored import kind_of
from jobfirst_sim.metric_basis import Over, Table, basis
from jobfirst_sim.metrics import HEADLINE
from jobfirst_sim.report.figures import arm_roles
from jobfirst_sim.report.run_overview import compares_with_trial
from jobfirst_sim.report.sweep_data import arm_labels
from jobfirst_sim.run.outputs import RunFolderError, check_run_folder

WEEKLY_METRICS = ("share_wage_hours", "mean_wage_hours", "mean_wage_hours_if_any",
                  "share_in_placement", "share_self_sufficient", "share_full_support",
                  "mean_self_efficacy", "mean_mental_health", "mean_trust", "mean_capacity",
                  "share_contacted", "share_contact_changed_ever")


OUTCOME_METRICS = (HEADLINE, "share_with_hours_w78", "mean_wage_hours_w78", "ever_hours_share",
                   "placement13_share_project", "placement13_with_hours_share_project",
                   "mean_caseload",
                   "share_contact_changed")


AGE_BANDS = ("30–39", "40–49", "50–59", "60+")


class BrowseError(RuntimeError):
    """Nothing to browse (no run, sweep or decision folder among the arguments)."""


@dataclass(frozen=True)
class Entry:
    """One browsable result: a run directory or a sweep directory."""

    kind: str  # "run", "sweep", or a decision: "compare", "explain", "pilot"
    name: str
    path: Path


def discover(paths: list[Path]) -> list[Entry]:
    """Run, sweep and decision directories among ``paths`` and their direct
    subdirectories."""
    found: list[Entry] = []

    def classify(p: Path) -> Entry | None:
        decision = kind_of(p)  # compare, explain or pilot (app/browse/decisions.py)
        if decision is not None:
            return Entry(decision, p.name, p)
        if (p / "experiments.parquet").exists():
            return Entry("sweep", p.name, p)
        if (p / "weekly.parquet").exists() or (p / "outcomes.parquet").exists():
            # files of more than one run are refused (docs/outputs.md); the survey in
            # health.py says why, beside the runs that can be browsed
            return Entry("run", p.name, p) if mixed_run_reason(p) is None else None
        return None

    def proposals(p: Path) -> list[Entry]:
        """A folder of several proposals (``compare CURRENT A B``): each proposal's own
        comparison, named ``folder/proposal``, so its headline and kroner are listed."""
        if not (p / MANY_JSON).is_file():
            return []
        subs = (classify(x) for x in sorted(p.iterdir()) if x.is_dir())
        return [Entry(e.kind, f"{p.name}/{e.name}", e.path) for e in subs if e is not None]

    for p in paths:
        p = Path(p)
        if not p.is_dir():
            continue
        e = classify(p)
        if e is not None:
            found.append(e)
            continue
        if many := proposals(p):
            found += many
            continue
        for sub in sorted(x for x in p.iterdir() if x.is_dir()):
            e = classify(sub)
            if e is not None:
                found.append(e)
            else:
                found += proposals(sub)
    names: dict[str, int] = {}
    out = []
    for e in found:  # unique display names
        n = names.get(e.name, 0)
        names[e.name] = n + 1
        out.append(e if n == 0 else Entry(e.kind, f"{e.name} ({n + 1})", e.path))
    return out


def mixed_run_reason(folder: Path) -> str | None:
    """Why ``folder``'s files are not of one complete run, or None when they are.

    Sizes only (``content=False``): the browser checks at start and must stay fast; a
    run written before run ids carries no digests and is judged by what it can read.
    """
    try:
        check_run_folder(folder, content=False)
    except RunFolderError as exc:
        return str(exc)
    return None


def _stamp(path: Path) -> float:
    """Modification time of ``path`` (0 if missing): the cache key of a table's content."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@lru_cache(maxsize=64)
def _read(path: str, stamp: float, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Read (and cache, keyed on mtime) a small table or a column subset of a large one."""
    p = Path(path)
    if not p.exists():
        return pd.DataFrame()
    names = set(pq.read_schema(p).names)
    cols = None if columns is None else [c for c in columns if c in names]
    df: pd.DataFrame = pq.read_table(p, columns=cols).to_pandas()
    return df


def read(path: Path, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Cached read of ``path`` (empty frame if missing)."""
    return _read(str(path), _stamp(path), columns)


def query(path: Path, where: dict[str, Any], columns: list[str]) -> pd.DataFrame:
    """Rows of a parquet file matching ``where`` (column → value or list), only ``columns``.

    Uses pyarrow dataset filters, so row groups that cannot match are skipped: this is what
    keeps the app responsive on a 1,000-run sweep's weekly table.
    """
    if not path.exists():
        return pd.DataFrame(columns=columns)
    dataset = ds.dataset(path, format="parquet")
    names = set(dataset.schema.names)
    expr = None
    for col, want in where.items():
        if col not in names or want is None:
            continue
        e = ds.field(col).isin(list(want)) if isinstance(want, list | tuple) else \
            ds.field(col) == want
        expr = e if expr is None else expr & e
    df: pd.DataFrame = dataset.to_table(
        filter=expr, columns=[c for c in columns if c in names]).to_pandas()
    return df


PANEL_WEEKLY: dict[str, tuple[str, str]] = {
    "share_wage_hours": ("wage_hours", "positive"),
    "mean_wage_hours": ("wage_hours", "mean"),
    "share_in_placement": ("in_placement", "mean"),
    "share_self_sufficient": ("status", "self_sufficient"),
    "share_full_support": ("status", "full_support"),
    "mean_self_efficacy": ("self_efficacy", "mean"),
    "mean_mental_health": ("mental_health", "mean"),
    "mean_trust": ("trust", "mean"),
    "mean_capacity": ("capacity", "mean"),
}


def from_person_rows(metric: str) -> bool:
    """Whether ``metric`` can be computed from person rows as a mean over them: a weekly
    metric taken over every citizen observed that week (the registry's denominator). A
    mean among a subgroup (hours among those with hours) is not a mean over the rows."""
    b = basis(metric)
    return b.table is Table.weekly and b.denominator is Over.observed


def person_weekly(path: Path, metric: str, where: dict[str, Any]) -> pd.DataFrame:
    """A weekly metric per replication × arm × week computed from person rows (panel or
    journeys), read with pyarrow filters; used when a municipality is chosen, because
    weekly.parquet is not split by municipality."""
    if not from_person_rows(metric):
        raise ValueError(f"{metric} is not a mean over the citizens observed: it cannot be "
                         "computed from person rows")
    col, how = PANEL_WEEKLY[metric]
    p = query(path, where, ["replication", "arm", "week", col])
    if p.empty:
        return pd.DataFrame()
    if how == "positive":
        p["_v"] = (p[col] > 0).astype(float)
    elif how == "mean":
        p["_v"] = p[col].astype(float)
    else:
        p["_v"] = (p[col] == how).astype(float)
    out: pd.DataFrame = p.groupby(["replication", "arm", "week"], as_index=False).agg(
        **{metric: ("_v", "mean"), "n": ("_v", "size")})
    return out


def entry_compares_with_trial(entry: Entry) -> bool:
    """Whether the entry is a run of the trial replica (``run.compare_with_trial`` in its
    manifest's scenario), the same rule the run report uses; a sweep, a what-if, or a run
    whose manifest is missing or unreadable is not, so it never gets trial marks."""
    if entry.kind != "run":
        return False
    try:
        manifest = json.loads((entry.path / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(manifest, dict) and compares_with_trial(manifest)


def entry_roles(entry: Entry) -> dict[str, str]:
    """Arm -> declared role from the entry's ``manifest.json`` (empty when absent/unreadable).

    Roles decide which trial figures are drawn for an arm; they are never guessed from
    names, so a run without a manifest (or an old one) simply gets no trial marks.
    """
    f = entry.path / "manifest.json"
    try:
        manifest = json.loads(f.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return arm_roles(manifest) if isinstance(manifest, dict) else {}



def entry_arm_names(entry: Entry, lang: str) -> dict[str, str]:
    """Arm -> the scenario's ``label:`` in ``lang`` from the entry's manifest (issue 23 §1:
    arms are named by their labels, never by their ids; as the run report's prose and the
    sweep report do); arms without one are left out and named by the catalog. Empty when
    the manifest is absent or unreadable."""
    try:
        manifest = json.loads((entry.path / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(manifest, dict):
        return {}
    return {arm: names[lang] for arm, names in arm_labels(manifest).items() if lang in names}
