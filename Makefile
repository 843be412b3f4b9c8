# Three commands on a fresh machine with only Python:
#   make demo   - create .venv, install, run the trial replica and write its report
#   make check  - create .venv, install, lint, type-check (mypy --strict) and run the fast
#                 tier of the tests (everything not marked slow; under 2 minutes on 2 cores)
#   make test   - create .venv, install (with test tools and Debian's Chromium), lint,
#                 type-check and run every test, the slow ones and the browser ones too
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo check test lint typecheck bench calibrate smoke312 clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/jobfirst run scenarios/jobfirst_trial.yaml --replications 20 --workers 2 --overwrite

lint: $(STAMP)
	$(BIN)/ruff check jobfirst_sim tests experiments

typecheck: $(STAMP)
	$(BIN)/mypy

check: $(STAMP)
	$(BIN)/ruff check jobfirst_sim tests experiments
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -m "not slow" -n 2

test: $(STAMP)
	-bash .ci/install_browser.sh
	$(BIN)/ruff check jobfirst_sim tests experiments
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n 2

# reports only (never fails on a slow machine): model core, whole-process first minute,
# the power curve of jobfirst pilot (about 80 s on 2 idle cores), the decision commands,
# the workshop's waits, and the browser's answers to large and crafted requests
bench: $(STAMP)
	$(BIN)/python experiments/benchmarks/core_benchmark.py
	$(BIN)/python experiments/benchmarks/first_minute_benchmark.py --repeat 5
	$(BIN)/python experiments/benchmarks/pilot_benchmark.py
	$(BIN)/python experiments/benchmarks/decide_benchmark.py
	$(BIN)/python experiments/benchmarks/compare_uncertainty.py
	$(BIN)/python experiments/benchmarks/workshop_benchmark.py --workers 2
	$(BIN)/python experiments/benchmarks/workshop_queue.py --workers 2
	$(BIN)/python experiments/benchmarks/browse_benchmark.py

calibrate: $(STAMP)
	/usr/bin/time -v $(BIN)/jobfirst calibrate --out results/calibration --members 150 \
		--workers 2 2> results/calibration-time.txt || (tail -25 results/calibration-time.txt; exit 1)
	tail -25 results/calibration-time.txt
	$(BIN)/python experiments/calibration/ship.py results/calibration --write-defaults

clean:
	rm -rf $(VENV) results .pytest_cache .ruff_cache
