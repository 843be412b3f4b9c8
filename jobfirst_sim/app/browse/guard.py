"""Every value a callback receives is checked and bounded here, and no callback answers 500.

Why: a Dash callback is an HTTP endpoint. Its inputs come from the page, but anyone who
can reach the server can post any JSON to ``/_dash-update-component``: one request with
``weeks: [0, 30000000]`` cost 3.6 GB and 28 s of CPU before these checks. So each input is
checked against what the data holds before anything is computed — a list of two whole
weeks, clamped to the weeks in the data; metric names declared in
:mod:`jobfirst_sim.metrics` and offered by the page; runs, sweeps, municipalities,
genders, arms and levers that exist in the chosen folders; bounded list and text
lengths — and a value that fails answers with a figure saying "invalid input" instead.
:func:`guarded` also turns any unexpected error (a damaged file the start-up check did
not catch) into a shown message and a log line, never an HTTP 500.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from dash.exceptions import PreventUpdate

from jobfirst_sim import metrics, words
from jobfirst_sim.app.browse.data import (
    AGE_BANDS,
    OUTCOME_METRICS,
    WEEKLY_METRICS,
    Entry,
    _stamp,
    query,
    read,
)
from jobfirst_sim.app.browse.views import empty
from jobfirst_sim.report import figures as F
from jobfirst_sim.report.figdata import Figure

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_RUNS = 20  # runs drawn side by side at most
MAX_TEXT = 200  # characters in any chosen name
MAX_CITIZEN_VALUE = 400  # characters in the citizen dropdown's JSON value
MAX_REPLICATION = 10_000  # the scenario schema's cap on replications
DEFAULT_LAST_WEEK = 104

def word(key: str, lang: str) -> str:
    """The guard's own few words in the page language (``browse_<key>`` in the catalog)."""
    return words.t(f"browse_{key}", lang)


class InvalidInput(ValueError):
    """A callback input that is not one the page could have sent (or out of range)."""

    def __init__(self, field: str, detail: str) -> None:
        super().__init__(f"{field}: {detail}")
        self.field = field
        self.detail = detail


def message_figure(text: str, lang: str) -> Figure:
    """A blank figure carrying ``text`` (a callback must always return a figure)."""
    fig = empty(lang)
    fig["layout"]["annotations"][0]["text"] = text[:300]
    return fig


def guarded(name: str, lang: str, fallback: Callable[[str], T]
            ) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Wrap a callback: invalid input or an unexpected error gives ``fallback(message)``.

    ``PreventUpdate`` passes through (it is Dash's "nothing to do"), everything else is
    caught: invalid input is logged as a warning, an unexpected error with its traceback.
    """
    def wrap(fn: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(fn)
        def inner(*args: Any) -> T:
            try:
                return fn(*args)
            except PreventUpdate:
                raise
            except InvalidInput as exc:
                log.warning("callback %s: invalid input %s", name, exc)
                return fallback(f"{word('invalid', lang)}: {exc}"[:300])
            except Exception as exc:
                log.exception("callback %s failed", name)
                return fallback(f"{word('failed', lang)} ({type(exc).__name__}): "
                                f"{word('see_log', lang)}")
        return inner
    return wrap


def text(value: Any, field: str, allowed: Iterable[str] | None = None) -> str:
    """A short string, one of ``allowed`` when given."""
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise InvalidInput(field, f"expected a name of at most {MAX_TEXT} characters")
    if allowed is not None:
        options = list(allowed)
        if value not in options:
            shown = ", ".join(options[:12]) + (" …" if len(options) > 12 else "")
            raise InvalidInput(field, f"'{value[:40]}' is not one of: {shown}")
    return value


def whole(value: Any, field: str, low: int, high: int) -> int:
    """A whole number (not a bool, not a float) in ``[low, high]``."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(field, f"expected a whole number from {low} to {high}")
    return value


def names(value: Any, known: dict[str, Entry]) -> list[Entry]:
    """Chosen runs or sweeps: a name or a list of at most :data:`MAX_RUNS` known names."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or len(value) > MAX_RUNS:
        raise InvalidInput("runs", f"expected a list of at most {MAX_RUNS} names")
    chosen: list[Entry] = []
    for v in value:
        e = known[text(v, "runs", known)]
        if e not in chosen:
            chosen.append(e)
    return chosen


def weekly_metric(value: Any) -> str:
    """A weekly metric the page offers (and the metric registry declares)."""
    return text(value, "metric", [m for m in WEEKLY_METRICS if metrics.find(m) is not None])


def outcome_metric(value: Any) -> str:
    """An outcome metric the page offers (and the metric registry declares)."""
    return text(value, "outcome", [m for m in OUTCOME_METRICS if metrics.find(m) is not None])


def benefit(value: Any) -> str:
    """``all`` or a benefit group."""
    return text(value, "benefit", ["all", *F.BENEFIT_ORDER])


def age(value: Any) -> str:
    """``all`` or an age band."""
    return text(value, "age", ["all", *AGE_BANDS])


@lru_cache(maxsize=256)
def _distinct(path: str, stamp: float, column: str, week0: bool) -> tuple[str, ...]:
    """Distinct values of one column (week 0 rows only for person tables), cached."""
    p = Path(path)
    df = query(p, {"week": 0}, [column]) if week0 else read(p, (column,))
    return tuple(sorted(str(x) for x in df[column].unique())) if column in df else ()


def distinct(path: Path, column: str, week0: bool = False) -> tuple[str, ...]:
    """Distinct values of ``column`` in ``path`` (empty when the file or column is absent)."""
    return _distinct(str(path), _stamp(path), column, week0)


def _person_source(e: Entry) -> Path:
    return e.path / ("panel.parquet" if (e.path / "panel.parquet").exists()
                     else "journeys.parquet")


def _readable(path: Path, column: str, week0: bool = False) -> tuple[str, ...]:
    """:func:`distinct`, but nothing from a damaged file (the problem box lists it)."""
    try:
        return distinct(path, column, week0)
    except Exception:
        return ()


def municipality(value: Any, entries: list[Entry]) -> str:
    """``all`` or a municipality of one of the chosen runs."""
    if value == "all":
        return "all"
    known = {m for e in entries if e.kind == "run"
             for m in _readable(e.path / "outcomes.parquet", "municipality")}
    return text(value, "municipality", ["all", *sorted(known - {"all"})])


def gender(value: Any, entries: list[Entry]) -> str:
    """``all`` or a gender found in the chosen runs' person tables."""
    if value == "all":
        return "all"
    known = {g for e in entries if e.kind == "run"
             for g in _readable(_person_source(e), "gender", week0=True)}
    return text(value, "gender", ["all", *sorted(known)])


def last_week(entries: list[Entry]) -> int:
    """The last week in the chosen entries' weekly tables (104 when none can be read: a
    damaged weekly table must not stop the person-level figures from being drawn)."""
    found = [int(w) for e in entries for w in _readable(e.path / "weekly.parquet", "week")
             if w.lstrip("-").isdigit()]
    return max(found) if found else DEFAULT_LAST_WEEK


def weeks(value: Any, entries: list[Entry]) -> tuple[int, int]:
    """A list of two whole weeks, clamped to the weeks the chosen entries hold."""
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise InvalidInput("weeks", "expected a list of two whole weeks [first, last]")
    lo, hi = (whole(v, "weeks", -(2**31), 2**31) for v in value)
    top = last_week(entries)
    lo, hi = max(lo, 0), min(hi, top)
    if lo > hi:
        raise InvalidInput("weeks", f"first week must not be after the last (0 to {top})")
    return lo, hi


def citizen(value: Any, entry: Entry) -> tuple[int, str, str]:
    """The citizen dropdown's value: JSON ``[replication, arm, citizen_id]`` of this run."""
    if not isinstance(value, str) or len(value) > MAX_CITIZEN_VALUE:
        raise InvalidInput("citizen", "expected the value of the citizen list")
    try:
        parsed = json.loads(value)
    except ValueError:
        raise InvalidInput("citizen", "expected the value of the citizen list") from None
    if not isinstance(parsed, list) or len(parsed) != 3:
        raise InvalidInput("citizen", "expected [replication, arm, citizen]")
    rep = whole(parsed[0], "citizen", 0, MAX_REPLICATION)
    arm = text(parsed[1], "citizen", distinct(entry.path / "journeys.parquet", "arm"))
    return rep, arm, text(parsed[2], "citizen")


def sweep_outcome(value: Any, entry: Entry) -> str:
    """An outcome in the sweep's summary."""
    return text(value, "outcome", distinct(entry.path / "summary.parquet", "outcome"))


def lever(value: Any, entry: Entry) -> str:
    """A lever (column) of the sweep's experiments table."""
    cols = read(entry.path / "experiments.parquet").columns
    return text(value, "lever", [str(c) for c in cols
                                 if c not in ("point", "replication", "status")])


def clicked_point(click: Any, entry: Entry) -> int | None:
    """The design point a click on the sweep figure names (``None`` without a click)."""
    if click is None:
        return None
    if not isinstance(click, dict):
        raise InvalidInput("clickData", "expected a click on a design point")
    points = click.get("points")
    if not isinstance(points, list) or not points or not isinstance(points[0], dict):
        return None
    data = points[0].get("customdata")
    if data is None:
        return None
    known = distinct(entry.path / "summary.parquet", "point")
    point = whole(data, "design point", 0, 10**9)
    if str(point) not in known:
        raise InvalidInput("design point", f"{point} is not a design point of this sweep")
    return point
