"""experiments/validation/patterns.py runs end to end and prints every table of §12.

Why: docs/model.md §12 is re-measured with this script after each refit; a script that
has rotted is how validation figures go stale. Two replications keep it to seconds; the
figures themselves are checked by reading them, not here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_patterns_script_prints_all_tables(tmp_path: Path) -> None:
    out = tmp_path / "patterns.json"
    proc = subprocess.run(
        [sys.executable, str(REPO / "experiments" / "validation" / "patterns.py"),
         "--reps", "2", "--variant-reps", "2", "--workers", "1", "--json", str(out)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    tables = json.loads(out.read_text(encoding="utf-8"))
    assert [t.split(" ")[0] for t in tables] == ["V1", "V2", "V2", "V3", "V4"]
    v2 = next(lines for title, lines in tables.items() if title.startswith("V2 (turnover"))
    assert any(line.startswith("| 0.2 (default) |") for line in v2)
    assert len([line for line in v2 if line.startswith("| 0")]) == 4  # 0, 0.2, 0.35, 0.6
    v4 = next(lines for title, lines in tables.items() if title.startswith("V4"))
    rows = [line for line in v4 if line.startswith("| ")][1:]  # without the header
    shares = [float(line.split("|")[2].strip(" %")) for line in rows]
    assert len(shares) == 6
    assert abs(sum(shares) - 100) < 0.5  # the six statuses of the JobFirst arm add up
    assert "V1 (plain run, 2 replications)" in proc.stdout
