"""The spread between the trial replica's municipalities and its correlates (issue 22 §4).

Why: in the trial the municipalities differed a lot. The best reached far higher shares
with ordinary hours than the average, and the JobFirst effect was larger where caseloads
were lower and where the normal effort itself brought fewer citizens into ordinary hours
(directions only; no per-municipality figures are published). The replica's
municipalities differ only through their own inputs (implementation, work orientation,
staff, the local labour market: docs/model.md §5, §9); this script measures what spread
and which correlations those inputs give. It is validation: nothing here feeds a fit.

Per municipality (means over replications, 95 % t-intervals): the share with ordinary
hours at week 78 in each arm, the JobFirst effect (difference of the two), the JobFirst
caseload (citizens per FTE) and the control arm's own share. Spread: max, min, max − mean
(unweighted mean of the municipalities) and SD of the municipalities' JobFirst shares and
of their effects, and the Spearman rank correlations (scipy.stats.spearmanr) of the
effects with the caseload and with the control share. Each is given two ways:

* ``per_replication``: computed within each replication (one replication is one trial's
  worth of citizens, so this is what one trial would show, sampling noise included), then
  the mean over replications with a t-interval;
* ``of_means``: computed on the municipalities' means over replications (the structural
  spread, noise averaged out), with a bootstrap interval over replications.

The effect carries the control arm's sampling noise with a minus sign, so its rank
correlation with the *same* control shares is biased downwards; ``..._independent`` takes
the control share from other draws (the next replication; for the means, the effect from
the first half of the replications and the control share from the second half).

Usage::

    .venv/bin/python experiments/validation/municipalities.py --reps 20 --workers 2 \
        --json /tmp/municipalities.json

About 40 s for 20 replications on one worker.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

from jobfirst_sim import io
from jobfirst_sim.run.replicate import run_replications
from jobfirst_sim.scenario.loader import load_scenario
from jobfirst_sim.stats import t_interval

REPO = Path(__file__).resolve().parents[2]
SCENARIO = REPO / "scenarios" / "jobfirst_trial.yaml"
SEED = 20160301
METRIC = "share_with_hours_w78"


def per_municipality(outcomes: pd.DataFrame, arm: str, metric: str, benefit: str
                     ) -> pd.DataFrame:
    """Replications × municipalities of one metric in one arm (``all`` rows left out)."""
    sel = outcomes[(outcomes.metric == metric) & (outcomes.arm == arm)
                   & (outcomes.benefit == benefit) & (outcomes.municipality != "all")]
    return sel.pivot_table(index="replication", columns="municipality", values="value")


def spread(x: np.ndarray) -> dict[str, float]:
    """Max, min, max − mean and SD of one value per municipality."""
    return {"max": float(np.max(x)), "min": float(np.min(x)),
            "max_minus_mean": float(np.max(x) - np.mean(x)), "sd": float(np.std(x, ddof=1))}


def rho(a: np.ndarray, b: np.ndarray) -> float:
    """Spearman's rank correlation (NaN when one side is constant)."""
    if np.ptp(a) == 0 or np.ptp(b) == 0:
        return float("nan")
    return float(spearmanr(a, b).statistic)


def summary(jf: np.ndarray, ctl: np.ndarray, load: np.ndarray, other_ctl: np.ndarray
            ) -> dict[str, float]:
    """The spread and correlations of one set of municipality values (one per muni).

    ``other_ctl`` is the control share from independent draws (another replication, or
    the other half of them): the effect contains the control share's own sampling noise
    with a minus sign, so correlating it with the same draws is biased downwards (a
    municipality whose control arm was lucky shows a smaller effect by construction).
    """
    eff = jf - ctl
    out = {f"jobfirst_{k}": v for k, v in spread(jf).items()}
    out |= {f"effect_{k}": v for k, v in spread(eff).items()}
    out["rho_effect_caseload"] = rho(eff, load)
    out["rho_effect_control_share"] = rho(eff, ctl)
    out["rho_effect_control_share_independent"] = rho(eff, other_ctl)
    return out


def interval(values: np.ndarray) -> dict[str, float]:
    v = values[np.isfinite(values)]
    if v.size < 2:
        return {"mean": float(np.mean(v)) if v.size else float("nan"), "lo": float("nan"),
                "hi": float("nan")}
    mean, lo, hi, _ = t_interval(v)
    return {"mean": float(mean), "lo": float(lo), "hi": float(hi)}


def measure(outcomes: pd.DataFrame, benefit: str, boot: int, seed: int) -> dict[str, Any]:
    """Everything the script reports, from a run's outcomes table."""
    jf = per_municipality(outcomes, "jobfirst", METRIC, benefit)
    ctl = per_municipality(outcomes, "control", METRIC, benefit)[jf.columns]
    load = per_municipality(outcomes, "jobfirst", "mean_caseload", "all")[jf.columns]
    ctl_load = per_municipality(outcomes, "control", "mean_caseload", "all")[jf.columns]
    n = per_municipality(outcomes, "jobfirst", "n_citizens", benefit)[jf.columns]
    names = list(jf.columns)
    munis = {}
    for m in names:
        munis[m] = {"jobfirst_share": interval(jf[m].to_numpy()),
                    "control_share": interval(ctl[m].to_numpy()),
                    "effect": interval((jf[m] - ctl[m]).to_numpy()),
                    "caseload_jobfirst": float(load[m].mean()),
                    "caseload_control": float(ctl_load[m].mean()),
                    "citizens_jobfirst": float(n[m].mean())}
    r_n = len(jf.index)
    reps = [summary(jf.iloc[i].to_numpy(), ctl.iloc[i].to_numpy(), load.iloc[i].to_numpy(),
                    ctl.iloc[(i + 1) % r_n].to_numpy()) for i in range(r_n)]
    per_rep = {k: interval(np.array([s[k] for s in reps])) for k in reps[0]}

    def of(rows: np.ndarray) -> dict[str, float]:
        """The summary of the means over ``rows``; the independent rho takes the effect
        from the first half of them and the control share from the second half."""
        first, second = rows[: len(rows) // 2], rows[len(rows) // 2:]
        return summary(jf.iloc[rows].mean().to_numpy(), ctl.iloc[rows].mean().to_numpy(),
                       load.iloc[rows].mean().to_numpy(), ctl.iloc[second].mean().to_numpy()
                       ) | {"rho_effect_control_share_independent": rho(
                           (jf.iloc[first].mean() - ctl.iloc[first].mean()).to_numpy(),
                           ctl.iloc[second].mean().to_numpy())}

    point = of(np.arange(r_n))
    rng = np.random.default_rng(seed)
    draws = [of(rng.integers(0, r_n, r_n)) for _ in range(boot)]
    of_means = {k: {"value": v,
                    "lo": float(np.nanpercentile([d[k] for d in draws], 2.5)),
                    "hi": float(np.nanpercentile([d[k] for d in draws], 97.5))}
                for k, v in point.items()}
    return {"metric": METRIC, "benefit": benefit, "replications": len(jf.index),
            "municipalities": munis, "per_replication": per_rep, "of_means": of_means}


def table(result: dict[str, Any]) -> list[str]:
    lines = ["| municipality | JobFirst caseload | JobFirst share | control share | effect |",
             "|---|---|---|---|---|"]

    def pct(c: dict[str, float]) -> str:
        return f"{100 * c['mean']:.1f} [{100 * c['lo']:.1f}, {100 * c['hi']:.1f}]"

    rows = sorted(result["municipalities"].items(), key=lambda kv: -kv[1]["effect"]["mean"])
    for name, m in rows:
        lines.append(f"| {name} | {m['caseload_jobfirst']:.1f} | {pct(m['jobfirst_share'])} | "
                     f"{pct(m['control_share'])} | {pct(m['effect'])} |")
    lines += ["", "| figure | per replication (mean [95 % t]) | of the means [bootstrap 95 %] |",
              "|---|---|---|"]
    for k, v in result["per_replication"].items():
        b = result["of_means"][k]
        scale = 1.0 if k.startswith("rho") else 100.0
        lines.append(f"| {k} | {scale * v['mean']:.2f} [{scale * v['lo']:.2f}, "
                     f"{scale * v['hi']:.2f}] | {scale * b['value']:.2f} [{scale * b['lo']:.2f}, "
                     f"{scale * b['hi']:.2f}] |")
    lines.append("")
    lines.append("Shares, spreads and effects in percent (points); rho unitless.")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=20, help="replications")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--benefit", default="all", choices=["all", "kontanthjaelp",
                                                         "ressourceforloeb"])
    ap.add_argument("--boot", type=int, default=2000, help="bootstrap draws over replications")
    ap.add_argument("--scenario", type=Path, default=SCENARIO)
    ap.add_argument("--json", type=Path, default=None, help="also write the result here")
    ap.add_argument("--set", action="append", default=[], metavar="PATH=VALUE",
                    help="scenario override (repeatable)")
    args = ap.parse_args()
    if args.reps < 2:
        ap.error("--reps must be at least 2 (intervals over replications)")
    scenario = load_scenario(args.scenario, dict(item.split("=", 1) for item in args.set))
    outcomes = run_replications(scenario, args.reps, args.seed, workers=args.workers).outcomes
    result = measure(outcomes, args.benefit, args.boot, args.seed)
    print("\n".join(table(result)))
    if args.json:
        io.write_json(args.json, result)


if __name__ == "__main__":
    main()
