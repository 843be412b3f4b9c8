"""Read a run directory defensively: every table is optional, every problem is recorded.

Why: a report is most needed exactly when something went wrong (a run killed half-way, a
directory copied without its panel, an older run written before a column existed). So
loading never raises for a missing or malformed file; it records a :class:`Problem` that
the HTML shows in a "what is missing" section and the CLI prints, and the figures that
need the table are skipped. The column lists here are the contract in docs/outputs.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

#: Columns each figure family needs (a subset of docs/outputs.md; extra columns are fine).
REQUIRED: Final[dict[str, tuple[str, ...]]] = {
    "weekly": ("replication", "arm", "benefit", "week", "n", "share_wage_hours",
               "mean_wage_hours"),
    "outcomes": ("replication", "arm", "benefit", "municipality", "metric", "value"),
    "funnel": ("replication", "arm", "benefit", "stage", "order", "reached_share",
               "mean_weeks_stalled"),
    "staff": ("replication", "arm", "municipality", "role", "n_professionals", "mean_caseload"),
    "companies": ("replication", "arm", "sector", "task_level", "placements", "conversions"),
    "journeys": ("replication", "arm", "citizen_id", "week", "wage_hours"),
    "panel": ("replication", "arm", "citizen_id", "week", "wage_hours"),
}

#: Required columns that hold numbers; text there means the file is not one jobfirst wrote.
NUMERIC: Final[dict[str, tuple[str, ...]]] = {
    "weekly": ("replication", "week", "n", "share_wage_hours", "mean_wage_hours"),
    "outcomes": ("replication", "value"),
    "funnel": ("replication", "order", "reached_share", "mean_weeks_stalled"),
    "staff": ("replication", "n_professionals", "mean_caseload"),
    "companies": ("replication", "placements", "conversions"),
    "journeys": ("replication", "week", "wage_hours"),
    "panel": ("replication", "week", "wage_hours"),
}

#: Tables the report expects; panel is optional by design (only with ``--panel``).
EXPECTED: Final = ("weekly", "outcomes", "funnel", "staff", "companies", "journeys")

#: Panel columns read for subgroup and distribution figures (never the whole panel).
PANEL_COLUMNS: Final = ("replication", "arm", "citizen_id", "benefit", "gender", "age",
                        "week", "wage_hours")


@dataclass(frozen=True)
class Problem:
    """One thing the report could not use, said so a user can act on it."""

    what: str  # file name or figure
    reason: str  # key into labels or free text
    detail: str = ""


@dataclass
class RunData:
    """The tables of one run directory, each ``None`` when unusable."""

    path: Path
    manifest: dict[str, Any] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, pd.DataFrame | None] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    panel_rows: int = 0

    def get(self, name: str) -> pd.DataFrame | None:
        """A table or ``None``."""
        return self.tables.get(name)

    @property
    def arms(self) -> list[str]:
        """Arm names in scenario order (manifest), falling back to the tables."""
        scen = self.manifest.get("scenario") or self.manifest.get("resolved_scenario") or {}
        names: list[str] = [a["name"] for a in scen.get("arms", [])
                            if isinstance(a, dict) and isinstance(a.get("name"), str)]
        if names:
            return names
        for name in ("weekly", "outcomes", "funnel"):
            df = self.get(name)
            if df is not None and "arm" in df:
                return list(dict.fromkeys(df["arm"].astype(str)))
        return []


def _read_json(path: Path, problems: list[Problem]) -> dict[str, Any]:
    if not path.exists():
        problems.append(Problem(path.name, "missing_file"))
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        problems.append(Problem(path.name, "unreadable_file", str(exc)[:200]))
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(path.name, "unreadable_file", "not a JSON object"))
        return {}
    return data


def read_table(
    path: Path,
    required: tuple[str, ...],
    problems: list[Problem],
    columns: list[str] | None = None,
    filters: list[tuple[str, str, Any]] | None = None,
) -> pd.DataFrame | None:
    """Read a parquet table (only ``columns`` if given), recording why it cannot be used."""
    if not path.exists():
        problems.append(Problem(path.name, "missing_file"))
        return None
    try:
        schema_names = set(pq.read_schema(path).names)
        missing = [c for c in required if c not in schema_names]
        if missing:
            problems.append(Problem(path.name, "missing_columns", ", ".join(missing)))
            return None
        cols = None if columns is None else [c for c in columns if c in schema_names]
        df: pd.DataFrame = pq.read_table(path, columns=cols, filters=filters).to_pandas()
    except Exception as exc:  # any corruption must become a message
        problems.append(Problem(path.name, "unreadable_file", f"{type(exc).__name__}: {exc}"[:200]))
        return None
    if df.empty:
        problems.append(Problem(path.name, "empty_table"))
        return None
    return df


def load_run(run_dir: Path) -> RunData:
    """Load everything the report can use from ``run_dir``; never raises for bad content.

    Except one thing: files that are not of one run (a file of another run, leftover
    temporaries, a file the manifest names missing) raise
    :class:`~jobfirst_sim.run.outputs.RunFolderError` -- a report of a mix would look
    right and be wrong, so it is refused rather than explained.
    """
    from jobfirst_sim.run.outputs import check_run_folder

    check_run_folder(run_dir)
    data = RunData(path=run_dir)
    data.manifest = _read_json(run_dir / "manifest.json", data.problems)
    check_manifest(run_dir / "manifest.json", data.manifest)
    data.summary = _read_json(run_dir / "summary.json", data.problems)
    for name in (*EXPECTED, "panel"):
        check_numbers(run_dir / f"{name}.parquet", NUMERIC[name])
    reps = data.manifest.get("replications")
    for name in EXPECTED:
        data.tables[name] = runs_as_replications(
            read_table(run_dir / f"{name}.parquet", REQUIRED[name], data.problems), reps)
    panel_path = run_dir / "panel.parquet"
    if panel_path.exists():
        # The panel can be huge: read only the columns the subgroup figures use, and only
        # the weeks they show (52, 78 and the run's own last week), filtered inside pyarrow.
        try:
            data.panel_rows = pq.ParquetFile(panel_path).metadata.num_rows
        except Exception:
            data.panel_rows = 0
        data.tables["panel"] = read_table(
            panel_path, REQUIRED["panel"], data.problems, columns=list(PANEL_COLUMNS),
            filters=[("week", "in", panel_weeks(panel_path))],
        )
    return data


PANEL_WEEKS: Final = (52, 78)
"""The fixed weeks the panel figures read (a year, the trial's measuring point)."""


def panel_weeks(path: Path) -> list[int]:
    """The weeks of the panel the report reads: :data:`PANEL_WEEKS` and the last week the
    run has (from the file's statistics; the week column alone if it has none).

    Why the run's own last week: a run followed 30 weeks has neither week 52 nor week 78,
    and a fixed list of weeks read it as an empty table.
    """
    last: int | None = None
    try:
        meta = pq.ParquetFile(path).metadata
        col = meta.schema.names.index("week")
        maxima = [meta.row_group(i).column(col).statistics for i in range(meta.num_row_groups)]
        if maxima and all(st is not None and st.has_min_max for st in maxima):
            last = max(int(st.max) for st in maxima if st is not None)
        else:
            weeks = pq.read_table(path, columns=["week"]).column("week").to_numpy()
            last = int(weeks.max()) if weeks.size else None
    except Exception:  # an unreadable file is said by read_table, not here
        last = None
    return sorted({*PANEL_WEEKS, *([] if last is None else [last])})


def runs_as_replications(df: pd.DataFrame | None, replications: Any = None
                         ) -> pd.DataFrame | None:
    """A table of a run under an ensemble (a ``member`` column) with every member ×
    replication numbered as its own replication, member-major.

    Why: the report's figures and key figures group by replication; under ``--uncertainty
    parameters`` replication ``r`` exists once per member, and grouping those together
    would add different parameter sets' runs. Numbered apart, each run is one draw of
    "the model, given what the trial leaves open" (the page says so; summary.json keeps
    the combined intervals). A table without ``member`` is returned as it is.
    """
    if df is None or "member" not in df.columns:
        return df
    per = (int(replications) if isinstance(replications, int) and replications > 0
           else int(df["replication"].max()) + 1)
    out = df.copy()
    out["replication"] = out["member"].astype("int64") * per + out["replication"]
    return out


def _refuse(path: Path, what: str) -> None:
    """Raise :class:`~jobfirst_sim.run.outputs.RunFolderError` for a file of the wrong shape.

    Why refuse rather than list it as missing: a manifest or table of the right name and
    the wrong content was not written by ``jobfirst run`` (an edited or much older copy);
    a report computed from it would look right and be wrong.
    """
    from jobfirst_sim.run.outputs import RunFolderError

    raise RunFolderError(f"{path}: {what}; this file is not as jobfirst run writes it (edited, "
                         "or from an older version). Run the scenario again (jobfirst run ... "
                         "--out FOLDER --overwrite) or restore the folder from a copy.")


def _kind(value: object) -> str:
    """A JSON value's kind in words, for messages."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, dict):
        return "an object"
    return "a list" if isinstance(value, list) else "empty (null)"


def check_manifest(path: Path, manifest: dict[str, Any]) -> None:
    """The parts of a run manifest the report reads are of the shape a run writes."""
    for key in ("scenario", "resolved_scenario"):
        scen = manifest.get(key)
        if key in manifest and not isinstance(scen, dict):
            _refuse(path, f'"{key}" is {_kind(scen)}, not the scenario\'s settings (an object)')
        if isinstance(scen, dict) and "arms" in scen and not isinstance(scen["arms"], list):
            _refuse(path, f'"{key}.arms" is {_kind(scen["arms"])}, not a list of arms')


def check_numbers(path: Path, columns: tuple[str, ...]) -> None:
    """The table's ``columns`` (where present) hold numbers, not text."""
    try:
        schema = pq.read_schema(path)
    except Exception:  # missing or unreadable: read_table records the problem
        return
    text = [c for c in columns if c in schema.names
            and not _is_number(schema.field(c).type)]
    if text:
        _refuse(path, f"column{'s' if len(text) > 1 else ''} {', '.join(text)} "
                f"hold{'' if len(text) > 1 else 's'} {_words(schema.field(text[0]).type)} "
                "where the report needs numbers")


def _words(kind: pa.DataType) -> str:
    text = pa.types.is_string(kind) or pa.types.is_large_string(kind)
    return "text" if text else f"values of type {kind}"


def _is_number(kind: pa.DataType) -> bool:
    return bool(pa.types.is_integer(kind) or pa.types.is_floating(kind)
                or pa.types.is_boolean(kind) or pa.types.is_decimal(kind)
                or pa.types.is_null(kind))
