"""The bounds of what the model can run, as plain constants (no pydantic, fast to import).

Why a module of its own: the schema (``base.py``) and the command line (``cli/``) must
use the *same* bounds, so ``--seed`` and ``--replications`` never accept what a file may
not say; ``cli/common.py`` imports them at start-up, which must stay fast (``jobfirst --help``).
"""

from __future__ import annotations

from typing import Final

SEED_MAX: Final = 2**63 - 1
"""Largest root seed: numpy's SeedSequence takes any int, but manifests and Parquet store
the seed as a signed 64-bit integer, so a larger one could not be written back."""
REPLICATIONS_MAX: Final = 10_000
"""Most replications of one run: beyond ~1,000 the confidence interval barely narrows
(it shrinks with the square root), and 10,000 trial-sized replications already take days."""
CASELOAD_MIN: Final = 1.0
CASELOAD_MAX: Final = 500.0
"""Caseload (citizens per professional) from 1 to 500: staffing is citizens ÷ caseload,
so a caseload near 0 asks for millions of professionals (the model ran out of memory at
1e-9); Danish caseloads are 30-70 and 500 is already a desk with no contact at all."""
FTE_MAX: Final = 10_000.0
"""Most full-time equivalents of one role in one arm or municipality: Denmark's largest
jobcentre has a few hundred professionals, so 10,000 is far beyond any real design while
a typo such as 1e9 cannot ask for a billion agents."""
WEIGHT_MAX: Final = 1e6
"""Relative weights (sectors, municipalities) at most a million: they are normalised, so
only ratios matter, and a ratio above 1e6 between two entries means one of them gets no
citizens or companies at all; ``1e308`` overflowed to infinity when summed."""
MAX_FILE_BYTES: Final = 1024 * 1024
"""Largest scenario or experiment file read (1 MiB): the trial replica is under 4 KiB,
so 1 MiB leaves 250 times the room while a device or a huge file cannot exhaust memory."""
MAX_DEPTH: Final = 20
"""Deepest nesting of sections read: the deepest field a scenario has is 5 levels down
(``population.kontanthjaelp.physical_barrier.mean``); 20 leaves room for mistakes to be
reported well, and stops files nested thousands deep before Python's recursion limit."""
RESERVED_NAMES: Final = ("all",)
"""Names the result tables use for aggregate rows (``municipality: all``, ``benefit:
all``); an arm, municipality or sector with such a name would be mixed with them."""
CASELOAD_PLAUSIBLE: Final = (5.0, 250.0)
"""Citizens per full-time professional a real jobcentre plausibly has (citizens/FTE); a
scenario outside it is run but warned about. Below 5 nobody is that generously staffed
(Danish caseloads are 30-70); above 250 a professional could not see each citizen even
once a quarter (37 hours a week at 0.75 hours a contact is about 49 contacts a week). The
workshop's design range rests on the same reasoning. Usually a typo: an FTE figure of 0.5
for 14.5, or a head count where FTEs were meant."""
