"""Load scenario YAML into a validated :class:`~jobfirst_sim.scenario.schema.Scenario`.

Why a loader apart from the schema: YAML documents compose before they validate.
The order of precedence, lowest first, is

1. the named design preset of an arm (``design: jobfirst``, from ``presets/designs.yaml``);
2. the scenario's top-level ``organisation:`` / ``practice:`` (applies to every arm);
3. the arm's own ``organisation:`` / ``practice:``;

and, on the whole document before any of that, ``extends: other.yaml`` (the other file is
the base; this file's keys are deep-merged over it) and finally ``--set a.b=value``
overrides from the command line (or a sweep's levers), which win over everything.

``--set`` writes into the composed document *at its path*, before designs are expanded:
``--set organisation.caseload=30`` acts exactly like a top-level ``organisation:
{caseload: 30}`` in the file, so an arm that sets its own caseload keeps it (address the
arm to change it: ``--set arms.bum70.organisation.caseload=30``). An override that ends
up used by no arm is refused rather than silently ignored, and so is an arm caseload
that every municipality's own ``caseload:`` replaces.

Merging rules (for ``extends`` and for the design layers above): mappings merge key by
key; every other value — a number, a text, *and a list* — replaces the base's value
whole. Lists are not merged because their entries (arms, municipalities, sectors) have
no stable identity across files, and a half-merged list of municipalities would be
impossible to read. One consequence, on purpose: a municipality's per-arm ``caseload:``
names arms, so a scenario that ``extends`` another but gives its own ``arms:`` must give
its own ``municipalities:`` too (or extend a base whose municipalities have no per-arm
caseloads, like ``scenarios/trial_flat_caseloads.yaml``). Forgetting it is an error that
names the inherited line, never a silent drop.

``extends:`` paths are relative to the file that contains them; chains are allowed
(``a.yaml`` extends ``b.yaml`` extends ``c.yaml``), loops are an error, and every base
must stay in the folder tree of the scenario named on the command line unless the user
allows more (``--allow-extends-outside``; :mod:`jobfirst_sim.scenario.extends`).

Every value keeps the file and line it came from (see
:mod:`jobfirst_sim.scenario.yamlsource`), through ``extends``, the design layers and
``--set``, so an error names the place where the user can fix it.

Public API (used by the CLI and the sweep runner):
``load_raw``, ``apply_overrides`` (in :mod:`jobfirst_sim.scenario.overrides`),
``build_scenario``, ``load_scenario``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from jobfirst_sim.scenario.checks import cross_checks
from jobfirst_sim.scenario.errors import Problem, ScenarioError
from jobfirst_sim.scenario.explain import explain_validation_error
from jobfirst_sim.scenario.extends import locate_base
from jobfirst_sim.scenario.messages import Locator, did_you_mean, display_path
from jobfirst_sim.scenario.named_designs import design_presets
from jobfirst_sim.scenario.overrides import apply_overrides
from jobfirst_sim.scenario.schema import Scenario
from jobfirst_sim.scenario.yamlsource import (
    Origin,
    PathKey,
    RawScenario,
    marks_of,
    read_document,
)

__all__ = [
    "apply_overrides",
    "build_scenario",
    "deep_merge",
    "load_raw",
    "load_scenario",
    "resolve_designs",
    "with_changes",
]

DESIGN_KEYS = ("organisation", "practice")


def deep_merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``base`` with ``over`` merged in; mappings merge, everything else replaces."""
    out = copy.deepcopy(dict(base))
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _replaced(base: Any, over: Mapping[Any, Any], prefix: PathKey = ()) -> Iterable[PathKey]:
    """Paths (relative) at which ``deep_merge(base, over)`` replaces instead of merging."""
    for key, value in over.items():
        below = base.get(key) if isinstance(base, Mapping) else None
        if isinstance(value, Mapping) and isinstance(below, Mapping):
            yield from _replaced(below, value, (*prefix, key))
        else:
            yield (*prefix, key)


def _overlay_marks(
    marks: Mapping[PathKey, Origin],
    base_at: Any,
    over: Mapping[Any, Any],
    over_marks: Mapping[PathKey, Origin],
    src: PathKey,
    dst: PathKey,
) -> dict[PathKey, Origin]:
    """Marks after merging ``over`` (found at ``src`` in its document) onto ``dst``.

    Base marks under a replaced value are dropped (they describe a value that is gone);
    the overriding marks are moved from ``src`` to ``dst``.
    """
    gone = [(*dst, *r) for r in _replaced(base_at, over)]
    out = {p: o for p, o in marks.items() if not any(p[: len(g)] == g for g in gone)}
    n = len(src)
    for p, o in over_marks.items():
        if len(p) > n and p[:n] == src and p[n] in over:
            out[(*dst, *p[n:])] = o
    return out


def load_raw(
    path: str | Path,
    _chain: tuple[Path, ...] = (),
    *,
    allow_extends_outside: bool = False,
) -> dict[str, Any]:
    """Read a scenario file and resolve its ``extends:`` chain (not yet validated).

    Returns a :class:`~jobfirst_sim.scenario.yamlsource.RawScenario`: a plain ``dict`` of
    the merged document that also remembers the file and line of every value. Every
    ``extends:`` must stay in the folder tree of ``path`` unless
    ``allow_extends_outside`` (``--allow-extends-outside``; see
    :mod:`jobfirst_sim.scenario.extends`).

    Raises:
        ScenarioError: unreadable or unsafe YAML, a missing, circular or out-of-tree
            ``extends``.
    """
    path = Path(path)
    resolved = path.resolve()
    root = _chain[0].parent if _chain else resolved.parent
    data = read_document(path)
    if "extends" not in data:
        return data
    parent = data.pop("extends")
    origin = data.marks.pop(("extends",), Origin(str(path), None))
    chain = (*_chain, resolved)
    base_path = locate_base(path, parent, origin, chain, root, allow_extends_outside)
    base = load_raw(base_path, chain, allow_extends_outside=allow_extends_outside)
    base_marks = marks_of(base)
    merged = deep_merge(base, data)
    marks = _overlay_marks(base_marks, base, data, data.marks, (), ())
    marks[()] = data.marks.get((), Origin(str(path), 1))
    return RawScenario(merged, marks, (*data.files, *getattr(base, "files", ())))


def _resolve(
    raw: Mapping[str, Any], source: str
) -> tuple[dict[str, Any], dict[PathKey, Origin], list[Problem], set[int]]:
    """Expand designs (preset < top-level < arm's own) and carry the marks along.

    Returns the resolved document, its marks, the design problems found (unknown preset
    names, ill-typed ``design:``) and the indices of the arms they concern, whose other
    design errors would only repeat the same mistake.
    """
    marks = marks_of(raw) or _plain_marks(raw, source)
    doc = copy.deepcopy(dict(raw))
    top = {k: doc.pop(k) for k in DESIGN_KEYS if k in doc}
    has_top_design = "design" in doc
    top_design = doc.pop("design", None)
    arms = doc.get("arms")
    if not isinstance(arms, list):
        return doc, marks, [], set()  # validation reports the missing/ill-typed ``arms``
    presets = design_presets()
    problems: list[Problem] = []
    bad_arms: set[int] = set()
    locator = Locator(raw, marks, source)
    new_arms = []
    for i, arm in enumerate(arms):
        if not isinstance(arm, dict):
            new_arms.append(arm)
            continue
        arm = dict(arm)
        dst: PathKey = ("arms", i, "design")
        own_design = "design" in arm
        design = arm.pop("design", top_design)
        design_src: PathKey = dst if own_design else ("design",)
        if design_src in marks:
            marks[dst] = marks[design_src]
        if isinstance(design, str):
            if design not in presets:
                near = did_you_mean(design, presets)
                problems.append(
                    locator.problem(
                        design_src,
                        f"unknown design {design!r}"
                        + (f" — did you mean `{near}`?" if near else ""),
                        given=design,
                        allowed="a named design: " + ", ".join(sorted(presets))
                        + "; or a mapping with organisation: and practice:",
                    )
                )
                base: dict[str, Any] = {}
                bad_arms.add(i)
            else:
                base = copy.deepcopy(presets[design])
        elif isinstance(design, Mapping):
            base = copy.deepcopy(dict(design))
            if not own_design:
                marks = _overlay_marks(marks, {}, base, marks, design_src, dst)
        elif design is None and not (own_design or has_top_design):
            base = {}
        else:
            problems.append(
                locator.problem(
                    design_src,
                    "a design must be a design name or a section with organisation: and "
                    "practice:",
                    given=repr(design),
                    allowed="a named design: " + ", ".join(sorted(presets)),
                )
            )
            base = {}
            bad_arms.add(i)
        if top:
            marks = _overlay_marks(marks, base, top, marks, (), dst)
            base = deep_merge(_staffing_replaced(base, top), top)
        own = {k: arm.pop(k) for k in DESIGN_KEYS if k in arm}
        if design is None and not (own_design or has_top_design or top or own):
            problems.append(
                locator.problem(
                    ("arms", i),
                    "this arm has no design",
                    allowed="a named design (" + ", ".join(sorted(presets)) + "), or "
                    "organisation: and practice: written out in full",
                    hint="add e.g. `design: jobfirst` to the arm, or `design: jobfirst` at the "
                    "top level for every arm",
                )
            )
            bad_arms.add(i)
        if own:
            marks = _overlay_marks(marks, base, own, marks, ("arms", i), dst)
            base = deep_merge(_staffing_replaced(base, own), own)
        arm["design"] = base
        new_arms.append(arm)
    doc["arms"] = new_arms
    return doc, marks, problems, bad_arms


STAFFING_KEYS = ("caseload", "staff")
"""The two ways to staff an organisation; a layer that gives one replaces the other."""


def _staffing_replaced(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` without the staffing a later layer replaces.

    Why: a preset says ``caseload: 41``; an arm that writes ``staff: {...}`` means "staff it
    like this instead", not "both". Only two settings in the *same* layer conflict (and get
    the schema's "either caseload or staff" message).
    """
    org_over = over.get("organisation")
    org_base = base.get("organisation")
    if not isinstance(org_over, Mapping) or not isinstance(org_base, dict):
        return base
    given = [k for k in STAFFING_KEYS if k in org_over]
    if len(given) != 1:
        return base
    other = next(k for k in STAFFING_KEYS if k != given[0])
    if other not in org_base:
        return base
    out = dict(base)
    out["organisation"] = {k: v for k, v in org_base.items() if k != other}
    return out


def _plain_marks(raw: Any, source: str, path: PathKey = ()) -> dict[PathKey, Origin]:
    """Line-less marks for a document built in code, so paths still read as written."""
    out: dict[PathKey, Origin] = {path: Origin(source, None, path)}
    items: Iterable[tuple[Any, Any]] = ()
    if isinstance(raw, Mapping):
        items = raw.items()
    elif isinstance(raw, list):
        items = enumerate(raw)
    for key, value in items:
        out.update(_plain_marks(value, source, (*path, key)))
    return out


def resolve_designs(raw: Mapping[str, Any], source: str) -> dict[str, Any]:
    """Expand arm ``design:`` preset names and top-level design overrides into full designs."""
    doc, marks, problems, _ = _resolve(raw, source)
    if problems:
        raise ScenarioError.from_messages(source, _dedupe(problems))
    return RawScenario(doc, marks, getattr(raw, "files", ()))


def _dedupe(problems: list[Problem]) -> list[Problem]:
    """One problem per place and message (a top-level value is checked once per arm)."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for p in problems:
        key = (p.file, p.line, p.path, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return sorted(out, key=lambda p: (p.file or "", p.line or 0))


def build_scenario(raw: Mapping[str, Any], source: str = "<scenario>") -> Scenario:
    """Validate a raw document (after overrides) into a frozen :class:`Scenario`.

    Raises:
        ScenarioError: with every problem found, each placed on its file and line.
    """
    doc, marks, design_problems, bad_arms = _resolve(raw, source)
    locator = Locator(raw, marks, source)
    checked = cross_checks(doc, locator)
    found = [*design_problems, *(p for _, p in checked), *_shadowed_sets(raw, marks)]
    try:
        scenario = Scenario.model_validate(doc)
    except ValidationError as exc:
        covered = {loc for loc, _ in checked}
        errors = [
            e
            for e in exc.errors(include_url=False)
            if not (e["type"] in _COVERABLE and tuple(e["loc"]) in covered)
            and not _in_bad_design(tuple(e["loc"]), bad_arms)
        ]
        found = [*explain_validation_error(errors, locator), *found]
    if found:
        raise ScenarioError.from_messages(source, _dedupe(found))
    return scenario


_COVERABLE = ("value_error", "extra_forbidden")
"""Pydantic errors a cross-check at the same place says better (an old behaviour key)."""


def _shadowed_sets(raw: Mapping[str, Any], resolved: Mapping[PathKey, Origin]) -> list[Problem]:
    """``--set`` values on the top-level design that no arm ends up using.

    Why: ``--set organisation.caseload=30`` writes the top-level ``organisation:``, which
    an arm's own ``organisation: {caseload: ...}`` outranks. When every arm sets its own
    value the override changes nothing, and a run would silently answer another question.
    """
    arms = raw.get("arms")
    if not isinstance(arms, list) or not arms:
        return []
    targets: dict[str, tuple[PathKey, Origin]] = {}
    for p, o in marks_of(raw).items():
        wanted = o.file.startswith("--set ") and p and p[0] in (*DESIGN_KEYS, "design")
        if wanted and (o.file not in targets or len(p) > len(targets[o.file][0])):
            targets[o.file] = (p, o)
    out = []
    for p, o in targets.values():
        rest = p[1:] if p[0] == "design" else p
        used = any(resolved.get(("arms", i, "design", *rest)) == o for i in range(len(arms)))
        if not used:
            example = display_path(raw, ("arms", 0, *(p if p[0] == "design" else rest)))
            out.append(
                Problem(
                    display_path(raw, p),
                    "this override has no effect: every arm sets its own value here, and "
                    "what an arm says for itself wins over the top level",
                    file=o.file,
                    hint=f"address one arm instead, e.g. --set {example}=...",
                )
            )
    return out


def _in_bad_design(loc: PathKey, bad_arms: set[int]) -> bool:
    return len(loc) > 2 and loc[0] == "arms" and loc[1] in bad_arms and loc[2] == "design"


def load_scenario(
    path: str | Path,
    overrides: Mapping[str, Any] | None = None,
    *,
    allow_extends_outside: bool = False,
) -> Scenario:
    """Load, compose, override and validate a scenario file."""
    raw = load_raw(path, allow_extends_outside=allow_extends_outside)
    if overrides:
        raw = apply_overrides(raw, overrides)
    return build_scenario(raw, str(path))


def with_changes(scenario: Scenario, changes: Mapping[str, Any]) -> Scenario:
    """A new scenario with dotted-path changes, validated exactly like ``--set``.

    ``with_changes(scenario, {"arms.jobfirst.organisation.caseload": 30,
    "behaviour.conversion.rate": 0.08})``: paths and values as on the command line
    (text values are read as YAML). The scenario itself is frozen and unchanged. Why here
    and not a method of :class:`Scenario`: the schema sits below the loader, which
    composes and explains; a method would make the two import each other.

    Raises:
        ScenarioError: a path that cannot be followed or a value the field refuses.
    """
    source = f"scenario {scenario.name!r} (with_changes)"
    # one mark for the whole document: its values count as given, not as written by
    # the user, so only the changes are checked for having an effect (as with --set)
    raw = RawScenario(scenario.model_dump(mode="json"), {(): Origin(source, None)})
    return build_scenario(apply_overrides(raw, changes), source)
