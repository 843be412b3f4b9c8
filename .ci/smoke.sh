#!/usr/bin/env bash
# Smoke test on another Python (argument: its interpreter): install into .venv-smoke and
# run a small trial replica end to end plus the determinism and CLI-error tests.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="$1"
VENV=.venv-smoke
"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e ".[test]"
"$VENV/bin/python" -c "import mesa, sys; print('python', sys.version.split()[0], 'mesa', mesa.__version__)"
out="$(mktemp -d)"
"$VENV/bin/jobfirst" run scenarios/jobfirst_trial.yaml --replications 2 --seed 7 \
  --out "$out/run" --no-report
test -s "$out/run/summary.json"
"$VENV/bin/python" -m pytest -q -p no:cacheprovider tests/run/test_determinism.py tests/run/test_cli_run.py
rm -rf "$out"
