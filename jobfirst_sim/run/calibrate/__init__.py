"""Calibration by Bayesian history matching with Gaussian-process emulators (issue 21).

Why history matching (Vernon et al. 2010; Andrianakis et al. 2015) rather than a point fit:
a stochastic simulator with weakly pinned parameters has no single best point worth
trusting; history matching rules out the parameter sets the trial's figures make
implausible, allowing for the figures' published uncertainty, an explicit model
discrepancy, the simulator's noise and the emulators' own error, and leaves an ensemble of
the sets it cannot rule out.

* :mod:`.space`     -- the prior box (log or linear per parameter) and Latin hypercubes;
* :mod:`.targets`   -- observed figures, their variances, and the implausibility measure;
* :mod:`.emulator`  -- one Gaussian process per output, and its held-out validation;
* :mod:`.runs`      -- simulator runs through the executor layer, resumable per chunk;
* :mod:`.waves`     -- the waves and their stopping rules;
* :mod:`.engine`    -- :func:`~.engine.history_match`, the entry point: waves, then the
  simulator-confirmed ensemble, diagnostics in ``calibration.json``;
* :mod:`.trial`     -- the trial replica as the simulator, the trial's figures as targets
  (what ``jobfirst calibrate`` passes to :func:`~.engine.history_match`).
"""

from jobfirst_sim.run.calibrate.engine import HistoryMatch, history_match
from jobfirst_sim.run.calibrate.waves import Settings

__all__ = ["HistoryMatch", "Settings", "history_match"]
