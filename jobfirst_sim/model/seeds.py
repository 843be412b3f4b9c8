"""Random streams: one root seed, everything else derived with SeedSequence spawn keys.

Why named streams per rule and week: common random numbers. Two designs run with the same
root seed and replication see the same citizens, the same companies and — rule by rule,
week by week, citizen by citizen — the same uniform draws, so a difference between two
designs is the design's effect, not noise from shifted random streams. No global RNG.
"""

from __future__ import annotations

import functools

import numpy as np

#: spawn-key slots (the second element of the key)
POPULATION, COMPANIES, STAFF, DYNAMICS, SAMPLING = 0, 1, 2, 3, 4
PILOT = 5  # decide/pilot.py's draws after the run (never the model's: no stream moves)
MESA = 99  # Mesa's own ``model.rng`` (the rules never draw from it)

RULES: tuple[str, ...] = (
    "intake",
    "turnover",
    "contact",
    "cv",
    "seek",
    "match_pick",
    "match_open",
    "match_noise",
    "purpose",
    "dropout",
    "followup",
    "conversion",
    "rise",
    "own_job",
    "job_loss",
    "flexjob",
    "disability",
    "other_exit",
    "mentor",  # appended: the indices of the streams above stay as they were
    "absence",
    "transition",  # appended: calendar mode's handover at the change (only used there)
)


def generator(root_seed: int, replication: int, *key: int) -> np.random.Generator:
    """A generator for one purpose of one replication (``key`` after the replication)."""
    return np.random.Generator(np.random.PCG64(seed_sequence(root_seed, replication, *key)))


@functools.lru_cache(maxsize=1 << 16)
def seed_sequence(root_seed: int, replication: int, *key: int) -> np.random.SeedSequence:
    """The ``SeedSequence`` of one key, built once per process.

    Why cached: hashing the entropy and spawn key is most of the cost of a generator, and a
    run asks for about 19 per week; the variants of a decision (explain, Shapley, compare,
    pilot) run the same replications again and again with the same keys (the design is
    not in the key). A ``SeedSequence`` that is never asked to spawn is immutable, so a
    cached one gives exactly the same stream as a new one.
    """
    return np.random.SeedSequence(root_seed, spawn_key=(replication, *key))


class WeeklyStreams:
    """Per-week, per-rule generators for the dynamics of one replication."""

    def __init__(self, root_seed: int, replication: int) -> None:
        self.root_seed = root_seed
        self.replication = replication

    def rule(self, week: int, name: str) -> np.random.Generator:
        """The generator of rule ``name`` in model week ``week``."""
        return generator(self.root_seed, self.replication, DYNAMICS, week, RULES.index(name))

    def uniform(self, week: int, name: str, n: int) -> np.ndarray:
        """``n`` uniforms of one rule and week (one per citizen, aligned by index)."""
        return self.rule(week, name).random(n)
