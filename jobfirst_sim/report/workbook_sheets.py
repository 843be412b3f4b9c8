"""A decision folder's tables as labelled sheets: what :mod:`.workbook` writes to Excel and
CSV.

Why apart from the writing: which tables a folder has, what their columns and categories
are called in Danish and English, and how each number is formatted is knowledge of the
decision folders (:mod:`jobfirst_sim.decide.compare_files`, :mod:`~jobfirst_sim.decide.explain`,
:mod:`~jobfirst_sim.decide.pilot`); openpyxl and the CSV dialect are knowledge of files.
Everything is read from the folder itself (its JSON and its Parquet tables), so the command
that wrote the folder and ``jobfirst report DIR --lang en`` that renders it again build the
same sheets. The per-run tables a re-rendering reads (``*_runs*.parquet``) are not sheets:
they are the model's raw replications, not a table a manager reads.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, cast

import pandas as pd

from jobfirst_sim import metrics
from jobfirst_sim.report.labels import arm_name, has, t
from jobfirst_sim.scenario.schema import Scenario

PERCENT: Final = "0.0%"
SIGNED_PERCENT: Final = "+0.0%;-0.0%;0.0%"
WHOLE: Final = "0"
DECIMAL: Final = "0.00"
SIGNED_DECIMAL: Final = "+0.00;-0.00;0.00"
FINE: Final = "0.000"
KRONER: Final = {"da": '#,##0 "kr."', "en": '"DKK "#,##0'}
SIGNED_KRONER: Final = {"da": '+#,##0 "kr.";-#,##0 "kr.";0 "kr."',
                        "en": '"+DKK "#,##0;"-DKK "#,##0;"DKK "0'}
"""Excel number formats. A format code is always written in Excel's own notation (``.``
decimal, ``,`` thousands); Excel shows it in the reader's locale, so a Danish Excel shows
``6,5%`` and ``1.234.568 kr.`` from the same file."""

LEVELS: Final = ("current", "current_low", "current_high", "proposed", "proposed_low",
                 "proposed_high", "mean")
DIFFERENCES: Final = ("difference", "ci_low", "ci_high", "effect", "cumulative")
FIXED: Final = {"n_replications": WHOLE, "order": WHOLE, "week": WHOLE, "n": WHOLE,
                "size": WHOLE, "pilots": WHOLE, "n_citizens": WHOLE, "n_clusters": WHOLE,
                "detectable_week": WHOLE, "power": PERCENT, "power_mcse": PERCENT,
                "formula_power": PERCENT, "p_from": PERCENT, "p_to": PERCENT,
                "mde": PERCENT, "alpha": PERCENT, "target_power": PERCENT, "icc": FINE,
                "design_effect": DECIMAL}
"""Columns whose format does not depend on the row's metric (the pilot's are shares)."""

Cell = str | float | int | None


@dataclass
class Sheet:
    """One sheet: its name, headers, rows of cells and each cell's number format."""

    name: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    formats: list[list[str | None]] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Folder:
    """What a decision folder says about itself, for labels: its kind, manifest and the
    two designs' names in the chosen language."""

    path: Path
    kind: str
    data: Mapping[str, Any]
    lang: str
    current: str
    proposed: str
    scenario: Scenario | None

    def arm(self, name: str) -> str:
        """An arm's name in prose (the scenario's label), never a bare id where one exists."""
        return arm_name(name, self.lang, self.scenario)

    @property
    def calendar(self) -> bool:
        """Whether the weekly tables count calendar weeks (calendar scenarios)."""
        scen = self.data.get("current_scenario") or self.data.get("scenario") or {}
        return bool(scen.get("calendar"))


def read_folder(path: Path, kind: str, lang: str) -> Folder:
    """The folder's manifest and the names of its two designs in ``lang``."""
    import json

    data = json.loads((path / f"{kind}.json").read_text("utf-8"))
    scenario = _scenario(data.get("current_scenario") or data.get("scenario"))
    if kind == "compare":
        raw = (data.get("label_current") or "", data.get("label_proposed") or "")
    else:
        raw = (data.get("from") or "", data.get("to") or "")
    names = [_design_name(r, lang, scenario, side) for r, side in zip(
        raw, ("cmp_current", "cmp_proposed"), strict=True)]
    return Folder(path, kind, data, lang, names[0], names[1], scenario)


def _scenario(raw: object) -> Scenario | None:
    try:
        return Scenario.model_validate(raw)
    except Exception:  # an older folder's scenario: the arm ids then stand for themselves
        return None


def _design_name(raw: str, lang: str, scenario: Scenario | None, fallback: str) -> str:
    if not raw:
        return t(fallback, lang)
    if scenario is not None and any(a.name == raw for a in scenario.arms):
        return arm_name(raw, lang, scenario)
    return t(raw, lang) if has(raw) else raw.replace("_", " ")


def metric_format(metric: str, lang: str, *, signed: bool) -> str:
    """The number format of a metric's value (a share in per cent, kroner, else decimals)."""
    found = metrics.find(metric)
    if found is not None and found.is_share:
        return SIGNED_PERCENT if signed else PERCENT
    if metric.startswith("dkk") or (found is not None and found.unit is metrics.Unit.dkk):
        return (SIGNED_KRONER if signed else KRONER)[lang]
    return SIGNED_DECIMAL if signed else DECIMAL


def _word(key: str, lang: str, fallback: str) -> str:
    return t(key, lang) if has(key) else fallback.replace("_", " ")


def _yes_no(value: object, lang: str) -> str | None:
    text = str(value).lower()
    return t(f"value_{text}", lang) if text in ("true", "false") else None


def category(column: str, value: object, folder: Folder, row: Mapping[str, Any]) -> Cell:
    """A category value in the folder's language (arm labels, metric names, payers...)."""
    lang = folder.lang
    text = str(value)
    if column == "arm":
        return folder.arm(text)
    if column in ("benefit", "municipality"):
        return t(text, lang) if text in ("all", "kontanthjaelp", "ressourceforloeb") else text
    if column == "metric":
        return t(text, lang)
    if column == "step":
        return _word(f"cmp_trace_{text}", lang, text)
    if column == "lever":
        view = str(row.get("view", ""))
        if view in ("total", "interaction"):
            return _word(f"explain_view_{view}", lang, text)
        if text == "total":  # the whole proposal's row of the levers' cost split
            return t("lc_total", lang)
        return metrics.lever_label(text, lang)
    if column == "view":
        return _word(f"explain_view_{text}", lang, text)
    if column == "unit":
        return _word(f"pilot_unit_short_{text}", lang, text)
    if column == "item":
        return _word(f"bc_{text}", lang, text)
    if column == "column":
        return _word(f"xl_value_{text}", lang, text)
    if column in ("from_value", "to_value", "defined"):
        return _yes_no(value, lang) or text
    return text


def header(column: str, folder: Folder) -> str:
    """A column's header in the folder's language; the two designs by their names."""
    lang = folder.lang
    names = {"current": folder.current, "proposed": folder.proposed}
    side, _, bound = column.partition("_")
    if side in names and bound in ("", "low", "high"):
        key = "xl_col_current" if not bound else f"xl_col_{bound}"
        return t(key, lang, name=names[side])
    if column in ("from_value", "to_value"):
        return t("xl_col_current", lang,
                 name=folder.current if column == "from_value" else folder.proposed)
    if column == "effect" and folder.kind == "pilot":  # the pilot's effect: B − A
        return t("xl_col_difference", lang)
    if column == "week":
        return t("cmp_week_calendar" if folder.calendar and folder.kind == "compare"
                 else "cmp_week_own", lang)
    return _word(f"xl_col_{column}", lang, column)


def cell_format(column: str, row: Mapping[str, Any], lang: str) -> str | None:
    """A number's format: fixed by its column, else by the row's metric (``item`` for the
    cost totals: kroner but the citizens counted; the pilot's rows are shares)."""
    if column in FIXED:
        return FIXED[column]
    if "p_from" in row:  # a pilot's effect: a difference of two shares
        return SIGNED_PERCENT if column in DIFFERENCES else None
    if column.startswith("effect_"):  # a lever's effect: its bounds and Monte Carlo error
        return metric_format(str(row.get("metric", "")), lang, signed=True)
    if column.startswith(("cost_", "dkk_per_citizen_")):  # a lever's net cost a year
        return (SIGNED_KRONER if column.startswith("cost_") else KRONER)[lang]
    signed = column in DIFFERENCES or row.get("column") == "difference"
    if column in LEVELS or column in DIFFERENCES:
        if "metric" in row:
            return metric_format(str(row["metric"]), lang, signed=signed)
        if row.get("item") == "citizens_with_hours":
            return SIGNED_DECIMAL if signed else DECIMAL
        return (SIGNED_KRONER if signed else KRONER)[lang]
    return None


def number(value: object) -> Cell:
    """A cell value: numbers as numbers (NaN as an empty cell), bools and text as text."""
    if value is None or isinstance(value, bool):
        return None if value is None else str(value)
    if isinstance(value, int | float):
        return None if isinstance(value, float) and not math.isfinite(value) else value
    if hasattr(value, "item"):  # a numpy scalar
        return number(value.item())
    return str(value)


CATEGORIES: Final = frozenset({"arm", "benefit", "municipality", "metric", "step", "lever",
                               "view", "unit", "item", "column", "from_value", "to_value",
                               "defined"})


def table_sheet(name: str, df: pd.DataFrame, folder: Folder,
                drop: Sequence[str] = ()) -> Sheet:
    """A Parquet table as a sheet: headers and categories in the folder's language."""
    columns = [c for c in df.columns if c not in drop]
    sheet = Sheet(name, [header(c, folder) for c in columns])
    for record in cast("list[dict[str, Any]]", df.to_dict("records")):
        sheet.rows.append([category(c, record[c], folder, record) if c in CATEGORIES
                           and record[c] is not None else number(record[c])
                           for c in columns])
        sheet.formats.append([cell_format(c, record, folder.lang) for c in columns])
    return sheet


def about_sheet(folder: Folder) -> Sheet:
    """The first sheet: what was run, how sure it is, and the headline."""
    lang, data = folder.lang, folder.data
    head = data.get("headline") or {}
    metric = str(head.get("metric") or data.get("metric") or "share_with_hours_end")
    scen = data.get("scenario") or {}
    price_year = (scen.get("economics") or {}).get("price_year")
    uncertainty = str(head.get("uncertainty") or data.get("uncertainty") or "noise")
    week = head.get("week")
    sheet = Sheet(t("xl_sheet_about", lang), [t("xl_about_field", lang), t("xl_about_value", lang)])
    rows: list[tuple[str, Cell, str | None]] = [
        (t(f"xl_about_title_{folder.kind}", lang), t("xl_about_note", lang), None),
        (t("xl_about_command", lang), str(data.get("command") or ""), None),
        (t("xl_about_scenario", lang), str(data.get("scenario_name") or ""), None),
        (t("xl_about_started", lang), str(data.get("started") or ""), None),
        (t("xl_about_current", lang), folder.current, None),
        (t("xl_about_proposed", lang), folder.proposed, None),
        (t("xl_about_seed", lang), number(data.get("root_seed")), WHOLE),
        (t("xl_about_replications", lang), number(
            data.get("replications_per_member") or data.get("replications")), WHOLE),
        (t("xl_about_members", lang), number(data.get("members") or 1), WHOLE),
        (t("xl_about_uncertainty", lang), t(f"unc_mode_{uncertainty}", lang), None),
        (t("xl_about_price_year", lang), number(price_year), WHOLE),
        (t("xl_about_headline", lang), t(metric, lang), None),
        (t("xl_about_week", lang), number(week) if week is not None
         else t("xl_about_week_horizon", lang), WHOLE),
    ]
    for key in ("current", "proposed"):
        rows.append((header(key, folder), number(head.get(key)),
                     metric_format(metric, lang, signed=False)))
    for key in ("difference", "ci_low", "ci_high"):
        rows.append((header(key, folder), number(head.get(key)),
                     metric_format(metric, lang, signed=True)))
    rows.append((t("xl_about_probability_better", lang),
                 number(head.get("probability_better")), PERCENT))
    rows.append((t("xl_about_files", lang), f"{folder.kind}.csv", None))
    for label, value, form in rows:
        sheet.rows.append([label, value])
        sheet.formats.append([None, form])
    sheet.widths = [44, 60]
    return sheet


def _payer_cases(data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Each compared arm's business case as the JSON holds it (only well-formed ones)."""
    cases = data.get("business_cases")
    if not (isinstance(cases, dict) and cases):
        case = data.get("business_case")
        cases = {str(case.get("arm", "")): case} if isinstance(case, dict) else {}
    return {arm: c for arm, c in cases.items()
            if isinstance(c, dict) and isinstance(c.get("payers"), dict)}


def years_sheet(folder: Folder) -> Sheet | None:
    """The business case by payer and budget year (compare.json's ``business_case``): the
    net cost today and with the proposal, the difference and its interval, the present
    value, the payback year and the probability that the proposal costs less."""
    cases = _payer_cases(folder.data)
    if not cases:
        return None
    lang = folder.lang
    several = len(cases) > 1
    cols = [*(["arm"] if several else []), "payer", "year", "current", "proposed",
            "difference", "ci_low", "ci_high", "payback_year", "probability_costs_less"]
    sheet = Sheet(t("xl_sheet_years", lang), [header(c, folder) for c in cols])
    kr, signed = KRONER[lang], SIGNED_KRONER[lang]
    forms = [*([None] if several else []), None, None, kr, kr, signed, signed, signed,
             WHOLE, PERCENT]
    for arm, case in cases.items():
        lead: list[Cell] = [folder.arm(arm)] if several else []
        for payer, pc in (case.get("payers") or {}).items():
            name = _word(f"biz_payer_{payer}", lang, payer)
            diffs = pc.get("difference") or []
            for y, (cur, prop, diff) in enumerate(zip(pc.get("current") or [],
                                                      pc.get("proposed") or [], diffs,
                                                      strict=False), start=1):
                sheet.rows.append([*lead, name, t("biz_year", lang, n=y), number(cur),
                                   number(prop), number(diff.get("mean")),
                                   number(diff.get("ci_low")), number(diff.get("ci_high")),
                                   None, None])
                sheet.formats.append(forms)
            pv = pc.get("present_value") or {}
            payback = pc.get("payback_year")
            sheet.rows.append([*lead, name, t("biz_pv", lang), None, None,
                               number(pv.get("mean")), number(pv.get("ci_low")),
                               number(pv.get("ci_high")),
                               number(payback) if payback is not None else
                               t("biz_no_payback", lang, years=len(diffs)),
                               number(pc.get("probability_costs_less"))])
            sheet.formats.append(forms)
    return sheet


def tornado_sheet(folder: Folder) -> Sheet | None:
    """The sensitivity of each payer's present value to each rate (the tornado) and the
    switching value: how far the rate must move before the present value changes sign."""
    from jobfirst_sim import fmt

    cases = _payer_cases(folder.data)
    if not cases:
        return None
    lang = folder.lang
    swing = fmt.percent(_swing(), lang, 0)
    several = len(cases) > 1
    heads = [*([header("arm", folder)] if several else []), header("payer", folder),
             header("parameter", folder), t("xl_col_low_rate", lang, swing=swing),
             t("xl_col_high_rate", lang, swing=swing), header("switching", folder)]
    sheet = Sheet(t("xl_sheet_tornado", lang), heads)
    kr = SIGNED_KRONER[lang]
    for arm, case in cases.items():
        lead: list[Cell] = [folder.arm(arm)] if several else []
        for payer, pc in (case.get("payers") or {}).items():
            switching = pc.get("switching") or {}
            for param, ends in (pc.get("tornado") or {}).items():
                factor = switching.get(param)
                sheet.rows.append([
                    *lead, _word(f"biz_payer_{payer}", lang, payer),
                    _word(f"biz_param_{param}", lang, param), number(ends.get("low")),
                    number(ends.get("high")),
                    number(factor - 1.0) if isinstance(factor, int | float)
                    else t("biz_switching_none", lang)])
                sheet.formats.append([*([None] if several else []), None, None, kr, kr,
                                      SIGNED_PERCENT])
    return sheet


def _swing() -> float:
    from jobfirst_sim.decide.business.case import SWING

    return float(SWING)


TableSpec = tuple[str, str, tuple[str, ...]]
"""(file, sheet word, columns left out)."""

TABLES: Final[dict[str, tuple[TableSpec, ...]]] = {
    "compare": (("compare_outcomes.parquet", "xl_sheet_outcomes", ()),
                ("compare_staff.parquet", "xl_sheet_staff", ()),
                ("compare_trace.parquet", "xl_sheet_trace", ()),
                ("compare_business_case.parquet", "xl_sheet_budget", ()),
                ("compare_weekly.parquet", "xl_sheet_weekly", ())),
    "explain": (("explain.parquet", "xl_sheet_explain", ()),
                ("lever_cost.csv", "xl_sheet_lever_cost",
                 ("meaningful", "method", "orders", "metric", "benefit", "n_runs"))),
    "pilot": (("pilot.parquet", "xl_sheet_pilot", ()),),
}
"""Each kind's tables, in sheet order; the first is the main table (also the CSV)."""

EXTRA: Final[tuple[Callable[[Folder], Sheet | None], ...]] = (years_sheet, tornado_sheet)
"""Sheets built from the manifest rather than a table, after the main table: the business
case by payer and year wherever the folder's JSON carries a ``business_case`` block
(compare today; any kind that adds one gets the sheets)."""


def sheets(folder: Folder) -> list[Sheet]:
    """Every sheet of the folder's workbook: About, the main table, the manifest's sheets
    and the other tables (a table the folder lacks is left out, not an error)."""
    out = [about_sheet(folder)]
    for i, (file, word, drop) in enumerate(TABLES[folder.kind]):
        path = folder.path / file
        if path.is_file():
            table = pd.read_csv(path) if file.endswith(".csv") else pd.read_parquet(path)
            out.append(table_sheet(t(word, folder.lang), table, folder, drop))
        if i == 0:
            out.extend(s for make in EXTRA if (s := make(folder)))
    return out
