"""How large a sweep may be, checked on the parsed experiment before any point is built.

Why limits at all: a Latin hypercube with ``n: 1000000`` used to build a million full
scenarios (minutes, gigabytes) before saying anything. The size of a design follows from
the file alone (:func:`design_size`), so it is checked first and refused with the reason.
"""

from __future__ import annotations

import math

from jobfirst_sim.run.errors import Problem
from jobfirst_sim.run.sweep.spec import MAX_DESIGN_POINTS, MAX_RUNS, Experiment


def design_size(exp: Experiment) -> int:
    """How many design points the experiment's design has, computed without building any."""
    design, params = exp.design, exp.parameters
    if design.type == "full_factorial":
        return math.prod(len(p.level_list()) if p.range is None else (p.levels or 0)
                         for p in params.values())
    if design.type == "list":
        return len(design.points or ())
    n, d = design.n or 0, len(params)
    if design.type == "sobol" and design.sensitivity:
        return n * (d + 2)
    if design.type == "morris":
        return n * (d + 1)
    return n


def size_problem(exp: Experiment) -> Problem | None:
    """Why the design is too large to build (:data:`MAX_DESIGN_POINTS`, :data:`MAX_RUNS`),
    or None. Checked on the parsed file, before any design point is generated."""
    points = design_size(exp)
    if points > MAX_DESIGN_POINTS:
        return Problem(
            "design.n" if exp.design.n is not None else "design",
            f"the design has {points:,} design points; at most {MAX_DESIGN_POINTS:,} are "
            "allowed, because each point is built and checked as a full scenario before the "
            "first run (use a smaller n or fewer levels, or split the experiment)",
            exp.design.n,
        )
    runs = points * exp.replications
    if runs > MAX_RUNS:
        return Problem(
            "replications",
            f"{points:,} design points x {exp.replications:,} replications = {runs:,} runs; "
            f"at most {MAX_RUNS:,} runs are allowed in one sweep (each run is a file listed "
            "in the manifest); use fewer replications or design points",
            exp.replications,
        )
    return None
