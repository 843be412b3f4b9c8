"""Design generators: full factorial, explicit list, Latin hypercube, Sobol, Morris.

Why every sampler works on the unit cube: each parameter maps [0, 1) to its values
(:meth:`Parameter.from_unit`), so one code path serves ranges, value lists and categorical
bundles, and Sobol/Morris indices computed on the unit samples describe the parameters.
All randomness comes from an explicit seed (``scipy.stats.qmc`` / SALib with ``seed=``):
the same experiment file always gives the same design points.
"""

from __future__ import annotations

import itertools

import numpy as np
from scipy.stats import qmc

from jobfirst_sim.run.sweep.spec import Experiment, Scalar


def salib_problem(names: list[str]) -> dict[str, object]:
    """The SALib problem dict on the unit cube (values are mapped per parameter)."""
    return {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}


def generate_design(
    exp: Experiment, seed: int
) -> tuple[list[dict[str, Scalar]], np.ndarray | None]:
    """Return the design points (parameter name -> value) and, for sampled designs, the
    unit-cube samples they came from (rows = points, columns = parameters)."""
    params = exp.parameters
    names = list(params)
    design = exp.design
    if design.type == "full_factorial":
        levels = [params[n].level_list() for n in names]
        rows = [dict(zip(names, combo, strict=True)) for combo in itertools.product(*levels)]
        return rows, None
    if design.type == "list":
        assert design.points is not None
        return [{n: point[n] for n in names} for point in design.points], None
    assert design.n is not None
    d = len(names)
    if design.type == "latin_hypercube":
        unit = qmc.LatinHypercube(d=d, seed=np.random.default_rng(seed)).random(design.n)
    elif design.type == "sobol" and design.sensitivity:
        from SALib.sample import sobol as salib_sobol

        unit = salib_sobol.sample(
            salib_problem(names), design.n, calc_second_order=False, scramble=True, seed=seed
        )
    elif design.type == "sobol":
        sampler = qmc.Sobol(d=d, scramble=True, seed=np.random.default_rng(seed))
        unit = sampler.random_base2(int(np.log2(design.n)))
    else:  # morris
        from SALib.sample import morris as salib_morris

        unit = salib_morris.sample(
            salib_problem(names), design.n, num_levels=design.morris_levels, seed=seed
        )
    unit = np.asarray(unit, dtype=float)
    rows = [
        {n: params[n].from_unit(float(u)) for n, u in zip(names, row, strict=True)} for row in unit
    ]
    return rows, unit
