"""Checks between sections and of the old flat ``behaviour:`` names, placed on the exact line.

Why apart from :mod:`jobfirst_sim.scenario.messages` (which explains pydantic's errors):
these find what validation cannot place well or cannot see at all — a name used twice,
a caseload for an arm that does not exist, a caseload no municipality uses, ``true``
where a number belongs, and a ``behaviour:`` key from before the section was nested by
mechanism (``behaviour.conversion_rate`` is now ``behaviour.conversion.rate``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jobfirst_sim.scenario.cash_benefit import RETIRED as RETIRED_BENEFIT
from jobfirst_sim.scenario.errors import Problem
from jobfirst_sim.scenario.messages import (
    Locator,
    allowed_text,
    branches,
    did_you_mean,
    given_text,
    model_schema,
)
from jobfirst_sim.scenario.renamed import FLAT_NAMES, RETIRED_BEHAVIOUR
from jobfirst_sim.scenario.yamlsource import PathKey


def renamed_behaviour_keys(doc: Mapping[str, Any], locator: Locator) -> list[Problem]:
    """An old flat ``behaviour:`` key gets a message naming its new nested path.

    Why: ``behaviour:`` used to be one flat list; files and ``--set`` lines written for it
    would otherwise meet a bare "unknown field" with no clue where the parameter went.
    """
    beh = doc.get("behaviour")
    if not isinstance(beh, Mapping):
        return []
    out = []
    for key, value in beh.items():
        new = FLAT_NAMES.get(key) if isinstance(key, str) else None
        if new is None:
            continue
        section, field = new.split(".", 1)
        shown = value if not isinstance(value, Mapping | list) else "..."
        out.append(
            locator.problem(
                ("behaviour", key),
                f"`behaviour.{key}` has moved to `behaviour.{new}` (behaviour: is now one "
                "section per mechanism)",
                given="",
                allowed=f"behaviour.{new}",
                hint=f"write it nested, `behaviour: {{{section}: {{{field}: {shown}}}}}`, "
                f"or on the command line --set behaviour.{new}={shown}",
            )
        )
    return out


def cross_checks(doc: Mapping[str, Any], locator: Locator) -> list[tuple[PathKey, Problem]]:
    """Name and reference checks between sections, placed on the exact line.

    Why here as well as in the schema's validators: those run only once every field is
    valid and can only point at the whole scenario; these point at the offending entry
    and can suggest the arm name that was meant. Returns (covered loc, problem) pairs:
    a pydantic ``value_error`` at a covered loc says the same and is dropped.
    """
    out: list[tuple[PathKey, Problem]] = []
    arms = doc.get("arms")
    arm_names: list[str] = []
    if isinstance(arms, list):
        out += _unique_names(arms, ("arms",), "arm", locator, ())
        arm_names = [
            a["name"] for a in arms if isinstance(a, Mapping) and isinstance(a.get("name"), str)
        ]
    munis = doc.get("municipalities")
    if isinstance(munis, list):
        out += _unique_names(munis, ("municipalities",), "municipality", locator, ())
        if isinstance(arms, list) and len(arm_names) == len(arms):
            unknown: dict[tuple[str, str], list[int]] = {}
            for j, m in enumerate(munis):
                for section in ("caseload", "staff"):
                    entry = m.get(section) if isinstance(m, Mapping) else None
                    if not isinstance(entry, Mapping):
                        continue
                    for key in entry:
                        if isinstance(key, str) and key not in arm_names:
                            unknown.setdefault((section, key), []).append(j)
            for (section, key), js in unknown.items():
                out.append(((), _unknown_arm(section, key, js, arm_names, locator)))
        if isinstance(arms, list) and munis:
            out += [(("-",), p) for p in _ineffective_caseloads(arms, munis, locator)]
    out += [(("-",), p) for p in _bools_as_numbers(doc, model_schema(), (), locator)]
    out += [(("behaviour", p_key), p) for p_key, p in _renamed(doc, locator)]
    out += removed_organisation_keys(doc, locator)
    out += retired_behaviour_keys(doc, locator)
    out += retired_benefit_keys(doc, locator)
    market = doc.get("labour_market")
    sectors = market.get("sectors") if isinstance(market, Mapping) else None
    if isinstance(sectors, list):
        out += _unique_names(
            sectors, ("labour_market", "sectors"), "sector", locator, ("labour_market",)
        )
    return out


def _unique_names(
    items: list[Any], at: PathKey, what: str, locator: Locator, covers: PathKey
) -> list[tuple[PathKey, Problem]]:
    seen: dict[str, int] = {}
    out = []
    for i, item in enumerate(items):
        name = item.get("name") if isinstance(item, Mapping) else None
        if not isinstance(name, str):
            continue
        if name in seen:
            first = locator.place((*at, seen[name]))[1]
            also = f" (also on line {first})" if first is not None else ""
            out.append(
                (
                    covers,
                    locator.problem(
                        (*at, i, "name"),
                        f"the {what} name {name!r} is used twice{also}",
                        hint=f"every {what} needs its own name",
                    ),
                )
            )
        else:
            seen[name] = i
    return out


def _unknown_arm(section: str, key: str, js: list[int], arm_names: list[str],
                 locator: Locator) -> Problem:
    """One problem per unknown arm name, however many municipalities repeat it."""
    file, line, path, _ = locator.place(("municipalities", js[0], section, key))
    guess = did_you_mean(key, arm_names)
    msg = f"{section} is given for arm {key!r}, but the scenario has no such arm"
    if guess:
        msg += f" — did you mean `{guess}`?"
    if len(js) > 1:
        msg += f" (the same in {len(js) - 1} more municipalities below)"
    hint = None
    if file is not None and not file.startswith("--set"):
        hint = (
            f"this line comes from {file}, which the scenario extends. Lists such as "
            "`arms:` and `municipalities:` are replaced, not merged: a scenario that gives "
            "its own `arms:` must give its own `municipalities:` too (see docs/scenarios.md)"
        )
    return Problem(
        path,
        msg,
        line=line,
        file=file,
        given=key,
        allowed="the names of this scenario's arms: " + ", ".join(arm_names),
        hint=hint,
    )


def _ineffective_caseloads(
    arms: list[Any], munis: list[Any], locator: Locator
) -> list[Problem]:
    """An arm caseload the user wrote that no municipality uses is a silent no-op: refuse it.

    Why: a municipality's per-arm ``caseload:`` wins over the arm's. In the trial replica
    every municipality names both arms, so ``--set arms.jobfirst.organisation.caseload=30``
    (or a sweep lever doing the same) would change nothing at all, and the results would
    look like an answer. Only values the user wrote are checked (a named design's own
    caseload is not), so a scenario that relies on municipal caseloads stays valid.
    """
    out = []

    def local(m: Any, name: str) -> bool:
        return isinstance(m, Mapping) and any(
            isinstance(m.get(k), Mapping) and name in m[k] for k in ("caseload", "staff"))

    for i, arm in enumerate(arms):
        if not isinstance(arm, Mapping) or not isinstance(arm.get("name"), str):
            continue
        for key in ("caseload", "staff"):
            loc = ("arms", i, "design", "organisation", key)
            if locator.exact(loc) is not None:
                break
        else:
            continue
        name = arm["name"]
        if not all(local(m, name) for m in munis):
            continue
        example = munis[0].get("name", "<municipality>")
        out.append(
            locator.problem(
                loc,
                f"this {key} has no effect: every municipality gives its own caseload or "
                f"staff for arm {name!r}, and a municipality's entry wins",
                hint=f"change the municipalities' caseloads instead (e.g. --set "
                f"municipalities.{example}.caseload.{name}=30), or use municipalities "
                "without per-arm caseloads (see scenarios/trial_flat_caseloads.yaml)",
            )
        )
    return out


def _bools_as_numbers(
    value: Any, schema: Mapping[str, Any], loc: PathKey, locator: Locator
) -> list[Problem]:
    """true/false where a number belongs: pydantic would quietly read it as 1 or 0.

    Why: ``caseload: on`` or ``replications: yes`` is YAML 1.1 turning a word into a
    boolean, and pydantic's lax mode then turns the boolean into 1 — a silent, wrong
    scenario. Walks the document alongside the JSON Schema of the validated model.
    """
    options = branches(schema)
    if isinstance(value, bool):
        types = {b.get("type") for b in options}
        if types & {"number", "integer"} and "boolean" not in types:
            origin = locator.exact(loc)
            text = origin.text if origin is not None else None
            return [
                locator.problem(
                    loc,
                    "expected a number, but YAML read this as true/false",
                    given=given_text(value, origin),
                    allowed=allowed_text(schema),
                    hint=f"write a number here{f' instead of {text}' if text else ''}",
                )
            ]
        return []
    out: list[Problem] = []
    if isinstance(value, Mapping):
        for key, item in value.items():
            for b in options:
                props = b.get("properties", {})
                sub = props.get(key) if isinstance(key, str) else None
                if sub is None and isinstance(b.get("additionalProperties"), Mapping):
                    sub = b["additionalProperties"]
                if sub is not None:
                    out += _bools_as_numbers(item, sub, (*loc, key), locator)
                    break
    elif isinstance(value, list):
        for b in options:
            if b.get("type") == "array" and isinstance(b.get("items"), Mapping):
                for i, item in enumerate(value):
                    out += _bools_as_numbers(item, b["items"], (*loc, i), locator)
                break
    return out


REMOVED_ORGANISATION: dict[str, str] = {
    "citizen_time_share": "the share of a professional's time spent with citizens now "
    "follows from the time budget (staff, caseload and the task times in behaviour.time)",
    "company_knowledge": "knowledge of local companies is now earned by company outreach "
    "in the time budget (behaviour.knowledge)",
}
"""Organisation fields that became model outputs, with what replaced them."""


def removed_organisation_keys(doc: Mapping[str, Any], locator: Locator
                              ) -> list[tuple[PathKey, Problem]]:
    """A design that sets a field that is now an output gets a message saying what replaced it.

    Why: ``citizen_time_share`` and ``company_knowledge`` were inputs; they now emerge
    from the professional's week, and a bare "unknown field" would not say so.
    """
    out: list[tuple[PathKey, Problem]] = []
    arms = doc.get("arms")
    if not isinstance(arms, list):
        return out
    for i, arm in enumerate(arms):
        design = arm.get("design") if isinstance(arm, Mapping) else None
        org = design.get("organisation") if isinstance(design, Mapping) else None
        if not isinstance(org, Mapping):
            continue
        for key, why in REMOVED_ORGANISATION.items():
            if key in org:
                loc: PathKey = ("arms", i, "design", "organisation", key)
                out.append((loc, locator.problem(
                    loc, f"`organisation.{key}` is no longer an input: {why}",
                    given="", allowed="remove this line",
                    hint="see docs/model.md (the professional's week)")))
    return out


def retired_behaviour_keys(doc: Mapping[str, Any], locator: Locator
                           ) -> list[tuple[PathKey, Problem]]:
    """A retired ``behaviour:`` parameter gets a message naming what replaced it.

    Why: the placement's start-up term and mastery threshold were reparameterised (issue
    22 §5); an old file would otherwise meet a bare "unknown field".
    """
    beh = doc.get("behaviour")
    if not isinstance(beh, Mapping):
        return []
    out: list[tuple[PathKey, Problem]] = []
    for key, value in beh.items():
        if not isinstance(key, str):
            continue
        if key in RETIRED_BEHAVIOUR:
            found: list[tuple[PathKey, str]] = [(("behaviour", key), key)]
        elif isinstance(value, Mapping):
            found = [(("behaviour", key, f), f"{key}.{f}") for f in value
                     if isinstance(f, str) and f"{key}.{f}" in RETIRED_BEHAVIOUR]
        else:
            found = []
        for loc, name in found:
            out.append((loc, locator.problem(
                loc, f"`behaviour.{name}` is no longer a parameter: {RETIRED_BEHAVIOUR[name]}",
                given="", allowed="remove this line", hint="see docs/model.md S7")))
    return out


def retired_benefit_keys(doc: Mapping[str, Any], locator: Locator
                         ) -> list[tuple[PathKey, Problem]]:
    """A benefit group that sets the blended rates of before the 2025 structure gets a
    message naming the rate and supplements that replaced them.

    Why: ``monthly_without_children`` and ``monthly_with_children`` were the whole rate;
    an old file would otherwise meet a bare "unknown field" with no clue where they went.
    """
    econ = doc.get("economics")
    if not isinstance(econ, Mapping):
        return []
    out: list[tuple[PathKey, Problem]] = []
    for group in ("kontanthjaelp", "ressourceforloeb"):
        rules = econ.get(group)
        if not isinstance(rules, Mapping):
            continue
        for key, why in RETIRED_BENEFIT.items():
            if key in rules:
                loc: PathKey = ("economics", group, key)
                out.append((loc, locator.problem(
                    loc, f"`economics.{group}.{key}` is no longer a rate: {why}",
                    given="", allowed="remove this line",
                    hint=f"for example --set economics.{group}.higher_rate=13345; see "
                    "docs/model.md §7.15 (Kroner)")))
    return out


def _renamed(doc: Mapping[str, Any], locator: Locator) -> list[tuple[str, Problem]]:
    beh = doc.get("behaviour")
    keys = [k for k in beh if k in FLAT_NAMES] if isinstance(beh, Mapping) else []
    return list(zip(keys, renamed_behaviour_keys(doc, locator), strict=True))
