"""Ship a finished calibration: the ensemble as package data, one member as the defaults.

    .venv/bin/python experiments/calibration/ship.py results/calibration [--write-defaults]

1. Writes ``jobfirst_sim/scenario/data/ensemble.csv`` from the folder's
   ``ensemble.parquet`` (one row per member: number, weight, the confirming run's seed,
   every calibrated parameter by dotted path, the confirming run's outputs).
2. Chooses the representative member by the stated rule (docs/model.md §11): the member
   most central in the ensemble in its figures and its parameters alike -- the smallest
   sum of squared distances from the ensemble's medians, per output and per parameter
   (parameters in the prior's unit coordinates, log where the prior is), each in units of
   the ensemble's robust spread (interquartile range / 1.349). Why both: the member
   nearest the median figures alone sat at the edge of a ridge (a conversion rate below
   the ensemble's 5th percentile traded for an hours-dialogue effect above its 95th),
   so its defaults would have read as extreme values of unsourced multipliers. Ties go
   to the earlier member.
3. With ``--write-defaults``, writes that member's values as the defaults of the
   ``behaviour`` fields in ``jobfirst_sim/scenario/behaviour.py`` (4 significant digits,
   the precision the defaults have always had), and copies the folder's
   ``calibration.json`` to ``experiments/calibration/calibration.json`` with the chosen
   member added (``representative``: the rule, the member, its seed, values and outputs).
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from jobfirst_sim.io import write_text  # noqa: E402
from jobfirst_sim.run.calibrate.engine import ridges  # noqa: E402
from jobfirst_sim.run.calibrate.trial import prior_box  # noqa: E402
from jobfirst_sim.scenario.behaviour import Behaviour  # noqa: E402
from jobfirst_sim.scenario.priors import calibrated_priors  # noqa: E402

PACKAGE_CSV = ROOT / "jobfirst_sim" / "scenario" / "data" / "ensemble.csv"
DIAGNOSTICS = ROOT / "experiments" / "calibration" / "calibration.json"


def _robust_z(values: np.ndarray) -> np.ndarray:
    q1, med, q3 = np.percentile(values, [25, 50, 75], axis=0)
    spread = np.where(q3 - q1 > 0, (q3 - q1) / 1.349, 1.0)
    return np.asarray((values - med) / spread)


def representative(ensemble: pd.DataFrame, outputs: list[str]) -> int:
    """Row of the member most central in figures and parameters (module doc, rule 2)."""
    box = prior_box(calibrated_priors())
    y = ensemble[outputs].to_numpy(dtype=float)
    u = box.to_unit(ensemble[box.names].to_numpy(dtype=float))
    distance = (_robust_z(y) ** 2).sum(axis=1) + (_robust_z(u) ** 2).sum(axis=1)
    return int(np.argmin(distance))


def package_table(ensemble: pd.DataFrame) -> pd.DataFrame:
    params = [c for c in ensemble.columns if c.startswith("behaviour.")]
    outputs = [c for c in ensemble.columns if ":" in c]
    table = ensemble[[*params, *outputs]].copy()
    table.insert(0, "seed", ensemble["seed"].astype("int64"))
    table.insert(0, "weight", ensemble["weight"])
    table.insert(0, "member", range(len(ensemble)))
    return table


def write_defaults(values: dict[str, float]) -> list[str]:
    """Put ``values`` (dotted behaviour paths) in as the fields' defaults; the changes.

    Each section's class may live in its own module (``behaviour.relationship`` in
    ``scenario/relationship.py``, ...): the value is written where the class is defined.
    """
    texts: dict[Path, str] = {}
    changes = []
    for path, value in values.items():
        section, field = path.removeprefix("behaviour.").split(".")
        cls = Behaviour.model_fields[section].annotation
        assert isinstance(cls, type)
        source = Path(inspect.getfile(cls))
        text = texts.setdefault(source, source.read_text(encoding="utf-8"))
        block = re.search(rf"^class {cls.__name__}\(.*?(?=^class |\Z)", text, re.M | re.S)
        assert block is not None, cls.__name__
        field_re = re.compile(rf"(^    {field}: [^\n]*? = Field\(\s*)([-0-9.e]+)", re.M)
        found = field_re.search(text, block.start(), block.end())
        assert found is not None, path
        new = f"{value:.4g}"
        changes.append(f"{path}: {found.group(2)} -> {new}")
        texts[source] = text[: found.start(2)] + new + text[found.end(2):]
    for source, text in texts.items():
        write_text(source, text)
    return changes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--write-defaults", action="store_true")
    args = ap.parse_args()
    ensemble = pd.read_parquet(args.folder / "ensemble.parquet")
    table = package_table(ensemble)
    write_text(PACKAGE_CSV, table.to_csv(index=False, float_format="%.6g"))
    outputs = [c for c in table.columns if ":" in c]
    row = representative(table, outputs)
    params = [c for c in table.columns if c.startswith("behaviour.")]
    chosen = {p: float(table.loc[row, p]) for p in params}
    print(json.dumps({"members": len(table), "representative": row, "values": chosen,
                      "outputs": {o: float(table.loc[row, o]) for o in outputs}}, indent=2))
    if args.write_defaults:
        for line in write_defaults(chosen):
            print(line)
        diagnostics = json.loads((args.folder / "calibration.json").read_text("utf-8"))
        if not diagnostics.get("ridges"):
            diagnostics["ridges"] = ridges(ensemble, params)
        diagnostics["representative"] = {
            "rule": "the member most central in figures and parameters: least sum of squared "
                    "distances from the ensemble's medians per output and per parameter (unit "
                    "coordinates of the prior), each in units of the ensemble's robust sd "
                    "(IQR / 1.349)",
            "member": row, "seed": int(table.loc[row, "seed"]), "values": chosen,
            "defaults": {p: float(f"{v:.4g}") for p, v in chosen.items()},
            "outputs": {o: float(table.loc[row, o]) for o in outputs}}
        write_text(DIAGNOSTICS, json.dumps(diagnostics, indent=2) + "\n")


if __name__ == "__main__":
    main()
