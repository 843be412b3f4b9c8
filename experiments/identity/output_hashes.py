"""Fingerprints of every output a refactor must leave unchanged (issue 20, "byte-identical").

Runs the two commands the issue names, then prints one line per file:

* every Parquet table: the SHA-256 of its rows (``pandas`` frame, column names, dtypes and
  values through ``pandas.util.hash_pandas_object``) *and* of its bytes;
* every JSON file: the SHA-256 of its numbers only (each number with its key path), so text
  that only the one formatter now writes may change while every figure must not.

Usage::

    .venv/bin/python experiments/identity/output_hashes.py --out /tmp/ids > before.txt
    # ... change the code ...
    .venv/bin/python experiments/identity/output_hashes.py --out /tmp/ids2 > after.txt
    diff before.txt after.txt   # must print nothing
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd

COMMANDS = {
    "trial": ["run", "scenarios/jobfirst_trial.yaml", "-r", "20", "--seed", "20160301",
              "--no-report"],
    "compare": ["compare", "scenarios/our_jobcentre.yaml", "--from", "today", "--to",
                "proposed", "-r", "6", "--uncertainty", "noise"],
}
"""``compare`` defaults to ``--uncertainty parameters`` (issue 21); the identity check runs
it as before, simulation noise around the scenario's own parameters."""
VOLATILE = {"wall_seconds", "seconds", "elapsed", "started", "finished", "created",
            "timestamp", "versions", "command", "python", "platform", "host", "duration_s",
            "started_at", "finished_at", "written", "workers"}
"""JSON keys whose numbers describe the run's circumstances, not its results."""


def numbers(obj: Any, path: str = "") -> list[str]:
    """Every number in a JSON document with its key path, in document order."""
    out: list[str] = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in VOLATILE:
                continue
            out += numbers(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out += numbers(v, f"{path}[{i}]")
    elif isinstance(obj, bool) or obj is None or isinstance(obj, str):
        pass
    elif isinstance(obj, int | float):
        out.append(f"{path}={obj!r}")
    return out


def fingerprint(folder: Path) -> list[str]:
    """One line per output file below ``folder``."""
    lines = []
    for f in sorted(folder.rglob("*")):
        rel = f.relative_to(folder)
        if f.suffix == ".parquet":
            df = pd.read_parquet(f)
            rows = hashlib.sha256(pd.util.hash_pandas_object(df, index=True).values.tobytes())
            rows.update(repr(list(zip(df.columns, df.dtypes.astype(str), strict=True))).encode())
            raw = hashlib.sha256(f.read_bytes()).hexdigest()[:16]
            lines.append(f"{rel} rows={rows.hexdigest()[:16]} bytes={raw} n={len(df)}")
        elif f.suffix == ".json":
            doc = json.loads(f.read_text(encoding="utf-8"))
            nums = numbers(doc)
            h = hashlib.sha256("\n".join(nums).encode()).hexdigest()[:16]
            lines.append(f"{rel} numbers={h} n={len(nums)}")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True, help="scratch folder for the runs")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--only", choices=sorted(COMMANDS), default=None)
    ap.add_argument("--dump", action="store_true", help="also write numbers.txt per JSON")
    args = ap.parse_args()
    exe = Path(sys.executable).with_name("jobfirst")
    args.out.mkdir(parents=True, exist_ok=True)
    for name, cmd in COMMANDS.items():
        if args.only and name != args.only:
            continue
        out = args.out / name
        subprocess.run([str(exe), *cmd, "--workers", str(args.workers), "--out", str(out),
                        "--overwrite"], check=True, stdout=subprocess.DEVNULL)
        for line in fingerprint(out):
            print(f"{name}/{line}")
        if args.dump:
            for f in sorted(out.rglob("*.json")):
                doc = json.loads(f.read_text(encoding="utf-8"))
                dump = args.out / "numbers" / name / f"{f.stem}.txt"
                dump.parent.mkdir(parents=True, exist_ok=True)
                dump.write_text("\n".join(numbers(doc)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
