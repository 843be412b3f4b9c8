"""Why does design B beat design A? A lever-by-lever decomposition on A's own citizens.

Why this module: an arm comparison says *that* JobFirst beats the normal effort; a manager
who must choose which parts of the method to pay for needs to know *which* parts carry the
effect. We answer that by counterfactual runs of one scenario: arm A keeps its citizens,
companies and random draws, and only its design changes, lever by lever, towards arm B's.

* A **lever** is one field of :class:`~jobfirst_sim.scenario.schema.Organisation` or
  :class:`~jobfirst_sim.scenario.schema.Practice` whose value differs between the two arms'
  resolved designs. The caseload is one lever ``caseload`` covering both
  ``organisation.caseload`` and the municipalities' per-arm ``caseload:`` entries, because
  together they set the caseload a professional actually has (a municipality's entry wins,
  so switching only one of them could change nothing). Levers whose switch alone would be
  an invalid design (``jobformidler: true`` needs ``role_model: makkerskab``) are switched
  together, as one lever named ``role_model+jobformidler``.
* **Common random numbers**: every variant runs with the same root seed and replication;
  :func:`jobfirst_sim.run.replicate.simulate` derives all randomness from those two and never from
  the design. A difference between two variants is therefore the design's doing, and a
  variant equal to A reproduces A exactly (effect 0, not noise).
* Two views, each a mean over replications of *paired* per-replication differences with a
  95 % t-interval: **one at a time** (A with only lever L switched, minus A) and a
  **cumulative path** (levers switched in order of their one-at-a-time effect, largest
  magnitude first; each step's increment), which ends at A with all of B's levers, so its
  increments add up to the total. ``total - sum(one at a time)`` is the **interaction**
  remainder: how far the levers are from acting independently.

Pure computation and file tables; the figures and HTML live in
:mod:`jobfirst_sim.report.explain` so this module never imports plotly.
"""

from __future__ import annotations

import contextlib
import copy
import multiprocessing
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pydantic import ValidationError

from jobfirst_sim.progress import progress_bar as shared_progress_bar
from jobfirst_sim.scenario.schema import BENEFITS, Design, Organisation, Practice, Scenario

CASELOAD = "caseload"
"""Name of the lever that switches the effective caseload (arm value and per municipality)."""

VIEW_OAT = "one_at_a_time"
VIEW_PATH = "path"
VIEW_TOTAL = "total"
VIEW_INTERACTION = "interaction"
VIEWS: tuple[str, ...] = (VIEW_OAT, VIEW_PATH, VIEW_TOTAL, VIEW_INTERACTION)

BENEFIT_CHOICES: tuple[str, ...] = ("all", *(b.value for b in BENEFITS))

COLUMNS: tuple[str, ...] = (
    "lever", "view", "order", "effect", "ci_low", "ci_high", "cumulative", "metric", "benefit",
    "n_replications", "from_value", "to_value", "fields",
)
"""Columns of ``explain.parquet`` (docs/explain.md)."""

SECTIONS: tuple[tuple[str, type[Organisation] | type[Practice]], ...] = (
    ("organisation", Organisation),
    ("practice", Practice),
)


class ExplainError(ValueError):
    """A request the user can fix (unknown arm, metric or benefit group), said in plain words."""


# ---------------------------------------------------------------------------- levers


@dataclass(frozen=True)
class Lever:
    """One switchable difference between two designs.

    ``fields`` are dotted paths in the arm's design (``practice.cv_at_start``) or
    ``caseload``; ``from_value``/``to_value`` are short readable renderings for tables.
    """

    name: str
    fields: tuple[str, ...]
    from_value: str
    to_value: str


def _arm_index(scenario: Scenario, name: str, option: str) -> int:
    names = [a.name for a in scenario.arms]
    if name not in names:
        raise ExplainError(
            f"{option} {name!r}: the scenario {scenario.name!r} has no arm of that name; "
            f"its arms are: {', '.join(names)}"
        )
    return names.index(name)


def effective_caseloads(scenario: Scenario, arm: str) -> tuple[float, ...]:
    """Caseload of ``arm`` in each municipality (the municipality's entry wins)."""
    return tuple(scenario.caseload(arm, m.name) for m in scenario.municipalities)


def _show(value: Any) -> str:
    """A lever value as a manager would read it (``null`` weeks means never)."""
    if value is None:
        return "never"
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "value") and isinstance(value.value, str):  # StrEnum
        return str(value.value)
    if isinstance(value, Mapping):
        return "/".join(f"{k} {_show(v)}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:g}"
    if hasattr(value, "model_dump"):
        return _show(value.model_dump())
    return str(value)


def _show_caseloads(values: Sequence[float]) -> str:
    lo, hi = min(values), max(values)
    if lo == hi:
        return f"{lo:g}"
    return f"{lo:g}-{hi:g} (mean {float(np.mean(values)):.1f})"


def find_levers(scenario: Scenario, arm_from: str, arm_to: str) -> list[Lever]:
    """The levers that differ between two arms' resolved designs, in schema order.

    Raises:
        ExplainError: an unknown arm name (the message lists the scenario's arms).
    """
    ia = _arm_index(scenario, arm_from, "--from")
    ib = _arm_index(scenario, arm_to, "--to")
    da, db = scenario.arms[ia].design, scenario.arms[ib].design
    single: list[Lever] = []
    for section, model in SECTIONS:
        sa, sb = getattr(da, section), getattr(db, section)
        for name in model.model_fields:
            if section == "organisation" and name == "caseload":
                ca, cb = effective_caseloads(scenario, arm_from), effective_caseloads(
                    scenario, arm_to)
                if ca != cb:
                    single.append(Lever(CASELOAD, (CASELOAD,), _show_caseloads(ca),
                                        _show_caseloads(cb)))
                continue
            va, vb = getattr(sa, name), getattr(sb, name)
            if va != vb:
                single.append(Lever(name, (f"{section}.{name}",), _show(va), _show(vb)))
    return _merge_coupled(scenario, arm_from, arm_to, single)


def _merge_coupled(scenario: Scenario, arm_from: str, arm_to: str,
                   levers: list[Lever]) -> list[Lever]:
    """Join a lever that is invalid on its own with the first lever that makes it valid.

    Why: the schema forbids some combinations (a jobformidler in the BUM split), so "A with
    only this lever switched" may not be a design at all; the smallest valid change is the
    two fields together, which is also how a jobcentre would make the change.
    """
    out = list(levers)
    i = 0
    while i < len(out):
        if _valid(scenario, arm_from, arm_to, [out[i]]):
            i += 1
            continue
        partner = next((j for j in range(len(out)) if j != i
                        and _valid(scenario, arm_from, arm_to, [out[i], out[j]])), None)
        if partner is None:
            raise ExplainError(
                f"lever {out[i].name!r} cannot be switched on its own or together with any "
                f"single other lever without making {arm_from!r} an invalid design"
            )
        first, second = sorted((i, partner))
        a, b = out[first], out[second]
        out[first] = Lever(f"{a.name}+{b.name}", a.fields + b.fields,
                           f"{a.from_value}/{b.from_value}", f"{a.to_value}/{b.to_value}")
        del out[second]
        i = 0
    return out


def _valid(scenario: Scenario, arm_from: str, arm_to: str, levers: Sequence[Lever]) -> bool:
    try:
        switch_levers(scenario, arm_from, arm_to, levers)
    except ValidationError:
        return False
    return True


def switch_levers(scenario: Scenario, arm_from: str, arm_to: str,
                  levers: Sequence[Lever]) -> Scenario:
    """The scenario with arm ``arm_from``'s ``levers`` set to arm ``arm_to``'s values.

    Everything else (both arms' citizens, the other arm's design, companies) is unchanged,
    and the result is validated again, so an impossible combination fails here.

    Raises:
        pydantic.ValidationError: the switched design is not a valid design.
    """
    ia = _arm_index(scenario, arm_from, "--from")
    ib = _arm_index(scenario, arm_to, "--to")
    data = scenario.model_dump(mode="python")
    design_a = data["arms"][ia]["design"]
    design_b = data["arms"][ib]["design"]
    for lever in levers:
        for path in lever.fields:
            if path == CASELOAD:
                _switch_caseload(scenario, data, arm_from, arm_to)
                continue
            section, name = path.split(".", 1)
            design_a[section][name] = copy.deepcopy(design_b[section][name])
    Design.model_validate(design_a)  # fails early with the design's own message
    return Scenario.model_validate(data)


def _switch_caseload(scenario: Scenario, data: dict[str, Any], arm_from: str,
                     arm_to: str) -> None:
    ia = [a.name for a in scenario.arms].index(arm_from)
    org_to = next(a for a in scenario.arms if a.name == arm_to).design.organisation
    data["arms"][ia]["design"]["organisation"]["caseload"] = org_to.caseload
    for m_data, m in zip(data["municipalities"], scenario.municipalities, strict=True):
        if arm_from in m.caseload or arm_to in m.caseload:
            m_data["caseload"][arm_from] = float(m.caseload.get(arm_to, org_to.caseload))


# ---------------------------------------------------------------------------- running


@dataclass(frozen=True)
class ExplainRequest:
    """What ``jobfirst explain`` was asked to do."""

    scenario: Scenario
    arm_from: str
    arm_to: str
    metric: str = "share_with_hours_w78"
    benefit: str = "kontanthjaelp"
    replications: int = 10
    seed: int = 0
    workers: int = 1


Job = tuple[Scenario, int, int, str]


def run_job(job: Job) -> dict[str, dict[str, float]]:
    """One replication of one variant: ``{arm: {metric: value}}`` for the benefit group.

    Module level so it pickles to spawned workers; every arm is returned so the arm B
    reference level comes free with the baseline run.
    """
    from jobfirst_sim.run.replicate import simulate

    scenario, replication, seed, benefit = job
    out = simulate(scenario, replication, seed, agents=False, journeys_per_arm=0).outcomes
    sel = out[(out["municipality"] == "all") & (out["benefit"] == benefit)]
    result: dict[str, dict[str, float]] = {}
    for arm, metric, value in zip(sel["arm"], sel["metric"], sel["value"], strict=True):
        result.setdefault(str(arm), {})[str(metric)] = float(value)
    return result


@dataclass
class Explanation:
    """The decomposition: per-replication values of every variant, and the tables from them.

    Arrays have one entry per replication (0..R-1), in the arm A population.
    """

    request: ExplainRequest
    levers: list[Lever]
    baseline: np.ndarray
    """Arm A as it is."""
    to_arm: np.ndarray
    """Arm B on its own citizens (the ordinary arm comparison, for reference)."""
    one_at_a_time: dict[str, np.ndarray]
    """Arm A with only this lever switched."""
    path: list[tuple[str, np.ndarray]]
    """Arm A after each cumulative step (lever name, values); the last has every lever."""
    seconds: float = 0.0
    simulations: int = 0
    lever_by_name: dict[str, Lever] = field(init=False)

    def __post_init__(self) -> None:
        self.lever_by_name = {lv.name: lv for lv in self.levers}

    @property
    def all_levers(self) -> np.ndarray:
        """Arm A with all of B's levers (= baseline when the designs are the same)."""
        return self.path[-1][1] if self.path else self.baseline

    def total(self) -> np.ndarray:
        """Per-replication total effect on A's citizens."""
        return np.asarray(self.all_levers - self.baseline, float)

    def oat_effects(self) -> dict[str, np.ndarray]:
        """Per-replication one-at-a-time effects."""
        return {k: v - self.baseline for k, v in self.one_at_a_time.items()}

    def interaction(self) -> np.ndarray:
        """Per-replication total minus the sum of the one-at-a-time effects."""
        eff = self.oat_effects()
        summed = np.sum(list(eff.values()), axis=0) if eff else np.zeros_like(self.baseline)
        return np.asarray(self.total() - summed, float)

    def path_increments(self) -> list[tuple[str, np.ndarray]]:
        """Each path step's increment over the previous step (the first: over A)."""
        out, prev = [], self.baseline
        for name, values in self.path:
            out.append((name, values - prev))
            prev = values
        return out

    def ranked(self) -> list[str]:
        """Lever names by the size of their one-at-a-time effect, largest first."""
        return rank_levers(self.levers, self.oat_effects())

    def levels(self) -> dict[str, dict[str, float]]:
        """Mean levels (with 95 % CI over replications) of A, A with all of B, and arm B."""
        from jobfirst_sim.run.replicate import confidence_interval

        out = {}
        for key, values in (("from", self.baseline), ("all_levers", self.all_levers),
                            ("to_arm", self.to_arm)):
            mean, lo, hi = confidence_interval(values)
            out[key] = {"mean": mean, "ci_low": lo, "ci_high": hi}
        mean, lo, hi = confidence_interval(self.to_arm - self.baseline)
        out["arm_difference"] = {"mean": mean, "ci_low": lo, "ci_high": hi}
        return out

    def table(self) -> pd.DataFrame:
        """The ``explain.parquet`` table: one row per lever and view, plus total and
        interaction (columns in :data:`COLUMNS`, documented in docs/explain.md)."""
        from jobfirst_sim.run.replicate import confidence_interval

        req = self.request
        rows: list[dict[str, Any]] = []

        def row(lever: str, view: str, order: int, diffs: np.ndarray,
                cumulative: float = float("nan")) -> None:
            mean, lo, hi = confidence_interval(diffs)
            lv = self.lever_by_name.get(lever)
            rows.append({
                "lever": lever, "view": view, "order": order, "effect": mean, "ci_low": lo,
                "ci_high": hi, "cumulative": cumulative, "metric": req.metric,
                "benefit": req.benefit, "n_replications": int(np.sum(~np.isnan(diffs))),
                "from_value": lv.from_value if lv else "", "to_value": lv.to_value if lv else "",
                "fields": ",".join(lv.fields) if lv else "",
            })

        eff = self.oat_effects()
        rank = {name: i + 1 for i, name in enumerate(self.ranked())}
        for lv in self.levers:
            row(lv.name, VIEW_OAT, rank[lv.name], eff[lv.name])
        for step, ((name, inc), (_, values)) in enumerate(
                zip(self.path_increments(), self.path, strict=True), start=1):
            row(name, VIEW_PATH, step, inc, float(np.nanmean(values - self.baseline)))
        row("all", VIEW_TOTAL, 0, self.total())
        row("interaction", VIEW_INTERACTION, 0, self.interaction())
        df = pd.DataFrame(rows, columns=list(COLUMNS))
        return df.astype({"order": "int64", "n_replications": "int64"})


def rank_levers(levers: Sequence[Lever], effects: Mapping[str, np.ndarray]) -> list[str]:
    """Lever names by |mean one-at-a-time effect|, largest first; ties keep schema order.

    Why magnitude, not sign: the path should take the levers that *matter* first, whether
    they help or harm; NaN (no data) counts as no effect.
    """
    def size(lv: Lever) -> float:
        v = effects[lv.name]
        m = float(np.nanmean(v)) if np.any(~np.isnan(v)) else 0.0
        return abs(m)

    order = sorted(range(len(levers)), key=lambda i: (-size(levers[i]), i))
    return [levers[i].name for i in order]


ProgressFn = Callable[[], None]


def explain(request: ExplainRequest, progress: ProgressFn | None = None) -> Explanation:
    """Run the decomposition (identical results for any number of workers).

    Phase 1 runs A and A-with-one-lever for every lever; their effects set the path order;
    phase 2 runs the path's remaining cumulative steps. Variants are cached by their set of
    levers, so the path's first step and, with one lever, its last reuse phase 1.

    Raises:
        ExplainError: unknown arm, benefit group or metric; levers that cannot be switched.
    """
    started = time.time()
    req = request
    if req.benefit not in BENEFIT_CHOICES:
        raise ExplainError(f"--benefit {req.benefit!r}: choose one of "
                           f"{', '.join(BENEFIT_CHOICES)}")
    if req.replications < 1:
        raise ExplainError("--replications must be at least 1")
    levers = find_levers(req.scenario, req.arm_from, req.arm_to)
    results: dict[frozenset[str], list[dict[str, dict[str, float]]]] = {}
    counter = [0]

    def variants(keys: list[frozenset[str]]) -> list[frozenset[str]]:
        return [k for k in dict.fromkeys(keys) if k not in results]

    with _pool(req.workers) as pool:
        def run(keys: list[frozenset[str]]) -> None:
            jobs: list[Job] = []
            for k in keys:
                scen = switch_levers(req.scenario, req.arm_from, req.arm_to,
                                     [lv for lv in levers if lv.name in k])
                jobs += [(scen, r, req.seed, req.benefit) for r in range(req.replications)]
            mapped = pool.map(run_job, jobs, chunksize=1) if pool else map(run_job, jobs)
            flat: list[dict[str, dict[str, float]]] = []
            for res in mapped:
                if not flat:
                    _check_metric(res, req)
                flat.append(res)
                counter[0] += 1
                if progress is not None:
                    progress()
            for i, k in enumerate(keys):
                results[k] = flat[i * req.replications:(i + 1) * req.replications]

        run(variants([frozenset()] + [frozenset({lv.name}) for lv in levers]))
        base = _values(results[frozenset()], req.arm_from, req.metric)
        oat = {lv.name: _values(results[frozenset({lv.name})], req.arm_from, req.metric)
               for lv in levers}
        order = rank_levers(levers, {k: v - base for k, v in oat.items()})
        steps = [frozenset(order[:i]) for i in range(1, len(order) + 1)]
        run(variants(steps))
    path = [(order[i], _values(results[k], req.arm_from, req.metric))
            for i, k in enumerate(steps)]
    return Explanation(
        request=req, levers=levers, baseline=base,
        to_arm=_values(results[frozenset()], req.arm_to, req.metric),
        one_at_a_time=oat, path=path, seconds=round(time.time() - started, 3),
        simulations=counter[0],
    )


def planned_simulations(n_levers: int, replications: int) -> int:
    """Simulations :func:`explain` runs: A, one per lever, and the path's new steps."""
    return (1 + n_levers + max(n_levers - 1, 0)) * replications


def _check_metric(res: dict[str, dict[str, float]], req: ExplainRequest) -> None:
    known = sorted({m for per_arm in res.values() for m in per_arm})
    if known and req.metric not in known:
        raise ExplainError(f"--metric {req.metric!r}: not an outcome metric; choose one of "
                           f"{', '.join(known)}")


def _values(runs: list[dict[str, dict[str, float]]], arm: str, metric: str) -> np.ndarray:
    return np.array([r.get(arm, {}).get(metric, np.nan) for r in runs], float)


@contextlib.contextmanager
def _pool(workers: int) -> Iterator[ProcessPoolExecutor | None]:
    """A spawn-context process pool for ``workers > 1``, else ``None`` (run in-process).

    Why spawn: fork after numpy/pyarrow threads have started can deadlock, and spawn is
    what macOS and Windows do anyway, so one code path is tested everywhere.
    """
    if workers <= 1:
        yield None
        return
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx)
    try:
        yield pool
    except BaseException:
        # a bad metric or Ctrl-C: drop the queued simulations instead of finishing them
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def progress_bar(total: int, label: str, enabled: bool = True
                 ) -> contextlib.AbstractContextManager[ProgressFn]:
    """The shared progress bar (jobfirst_sim.progress), labelled for explanations."""
    return shared_progress_bar(total, f"explain {label}", enabled)


# ---------------------------------------------------------------------------- output


def is_share(metric: str) -> bool:
    """Shares are shown in percentage points, other metrics in their own unit."""
    return metric.startswith("share_") or metric.endswith("_share")


def _fmt(x: float, metric: str, signed: bool = True) -> str:
    if x != x:
        return "n/a"
    sign = "+" if signed else ""
    return f"{100 * x:{sign}.1f} pp" if is_share(metric) else f"{x:{sign}.3g}"


def format_table(expl: Explanation) -> str:
    """Plain-text summary for the terminal: levels, one-at-a-time and path side by side."""
    req = expl.request
    tab = expl.table()
    lv = expl.levels()
    unit = "percentage points (pp)" if is_share(req.metric) else "metric units"
    lines = [
        f"Why {req.arm_to} vs {req.arm_from}: {req.metric} ({req.benefit}), measured on "
        f"{req.arm_from}'s citizens; {req.replications} "
        f"replication{'s' if req.replications != 1 else ''}, seed {req.seed}; "
        f"effects in {unit}, 95 % CI over paired replications",
        f"  {req.arm_from} as is: {_level(lv['from']['mean'], req.metric)};  with all of "
        f"{req.arm_to}'s levers: {_level(lv['all_levers']['mean'], req.metric)};  "
        f"{req.arm_to} arm itself: {_level(lv['to_arm']['mean'], req.metric)}",
    ]
    if not expl.levers:
        lines.append("  the two designs are identical: no lever to explain (total effect 0)")
        return "\n".join(lines)
    oat = tab[tab["view"] == VIEW_OAT].set_index("lever")
    path = tab[tab["view"] == VIEW_PATH].set_index("lever")
    w = max(24, *(len(n) for n in oat.index))
    lines.append(f"  {'lever':<{w}} {'from -> to':<30} {'alone':>9} {'95 % CI':<21} "
                 f"{'step':>4} {'on path':>9} {'95 % CI':<21}")
    for name in path.index:
        o, p = oat.loc[name], path.loc[name]
        change = f"{o['from_value']} -> {o['to_value']}"
        if len(change) > 30:
            change = change[:29] + "…"
        lines.append(
            f"  {name:<{w}} {change:<30} {_fmt(o['effect'], req.metric):>9} "
            f"{_ci(o, req.metric):<21} {int(p['order']):>4} {_fmt(p['effect'], req.metric):>9} "
            f"{_ci(p, req.metric):<21}")
    tot = tab[tab["view"] == VIEW_TOTAL].iloc[0]
    inter = tab[tab["view"] == VIEW_INTERACTION].iloc[0]
    lines.append(f"  {'total (all levers)':<{w}} {'':<30} {'':>9} {'':<21} {'':>4} "
                 f"{_fmt(tot['effect'], req.metric):>9} {_ci(tot, req.metric):<21}")
    lines.append(f"  sum of one-at-a-time effects {_fmt(float(oat['effect'].sum()), req.metric)}"
                 f"; interaction remainder {_fmt(inter['effect'], req.metric)} "
                 f"{_ci(inter, req.metric)}")
    lines.append("  top levers (alone): " + ", ".join(expl.ranked()[:3]))
    return "\n".join(lines)


def _level(x: float, metric: str) -> str:
    if x != x:
        return "n/a"
    return f"{100 * x:.1f} %" if is_share(metric) else f"{x:.3g}"


def _ci(row: pd.Series, metric: str) -> str:
    return f"[{_fmt(row['ci_low'], metric)}, {_fmt(row['ci_high'], metric)}]"


def manifest(expl: Explanation, command: str = "", files: Sequence[str] = ()) -> dict[str, Any]:
    """The ``explain.json`` manifest: what was compared, how, and how to reproduce it."""
    from jobfirst_sim.run.replicate import config_hash, versions

    req = expl.request
    return {
        "kind": "explain",
        "scenario": req.scenario.model_dump(mode="json"),
        "scenario_name": req.scenario.name,
        "config_hash": config_hash(req.scenario),
        "root_seed": req.seed,
        "replications": req.replications,
        "replication_seeds": [{"replication": r, "entropy": req.seed, "spawn_key": [r]}
                              for r in range(req.replications)],
        "from": req.arm_from,
        "to": req.arm_to,
        "metric": req.metric,
        "benefit": req.benefit,
        "levers": [{"name": lv.name, "fields": list(lv.fields), "from_value": lv.from_value,
                    "to_value": lv.to_value} for lv in expl.levers],
        "path_order": [name for name, _ in expl.path],
        "levels": expl.levels(),
        "simulations": expl.simulations,
        "workers": req.workers,
        "seconds": expl.seconds,
        "versions": versions(),
        "command": command,
        "files": sorted(files),
    }


def write_tables(expl: Explanation, out_dir: Path, command: str = "",
                 extra_files: Sequence[str] = ()) -> list[Path]:
    """Write ``explain.parquet`` and ``explain.json`` atomically; return their paths."""
    from jobfirst_sim import io

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    parquet, meta = out_dir / "explain.parquet", out_dir / "explain.json"
    io.write_parquet(parquet, expl.table())
    io.write_json(meta, manifest(expl, command,
                                 ["explain.parquet", "explain.json", *extra_files]))
    return [parquet, meta]
