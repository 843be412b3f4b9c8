"""The workshop's citizen: which sampled journey the room hears, kept as plain rows.

Why only the choice and the rows here, and no words: the run report already tells a
journey week by week (:func:`jobfirst_sim.report.figures.people.journey_events`, Danish
and English), and one citizen should be told one way. The decide room may not import the
report (tests/test_layering.py), so the engine picks the citizen — the first of the
sampled journeys who reaches ordinary hours, so the room hears *how* hours happen; else
the first — and stores that citizen's rows with the team's result as JSON; the workshop
app, which may import the report, words them with the report's narrative when a page is
shown (so a wording fixed later reaches results stored earlier too).
"""

from __future__ import annotations

import json
from typing import Any, Final

import pandas as pd

__all__ = ["JOURNEY_COLUMNS", "journey", "pick_citizen"]

JOURNEY_COLUMNS: Final = (
    "citizen_id", "week", "benefit", "municipality", "age", "cohort", "weeks_on_benefit",
    "start_week", "in_placement", "placement_purpose", "company_sector", "wage_hours",
    "contact_changes", "status", "stage",
)
"""The journey columns the narrative reads (model/tables.py ``PANEL_COLUMNS``); the rest
(well-being, ids of contacts and companies) would only make the stored result larger."""


def pick_citizen(journeys: pd.DataFrame) -> pd.DataFrame:
    """The journey told: the first sampled citizen who reaches ordinary hours, else the first."""
    if journeys.empty:
        return journeys
    with_hours = journeys.groupby("citizen_id")["wage_hours"].max()
    ids = list(dict.fromkeys(journeys["citizen_id"]))
    chosen = next((c for c in ids if with_hours[c] > 0), ids[0])
    out: pd.DataFrame = journeys[journeys["citizen_id"] == chosen].sort_values("week")
    return out


def journey(journeys: pd.DataFrame) -> list[dict[str, Any]]:
    """The picked citizen's rows, week by week, as JSON-ready records of
    :data:`JOURNEY_COLUMNS` (an empty list when the sample is empty)."""
    p = pick_citizen(journeys)
    cols = [c for c in JOURNEY_COLUMNS if c in p.columns]
    # through JSON text: numpy scalars become plain numbers, booleans and strings
    records: list[dict[str, Any]] = json.loads(p[cols].to_json(orient="records"))
    return records
