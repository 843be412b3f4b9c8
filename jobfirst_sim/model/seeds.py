"""Random streams: one root seed, everything else derived with SeedSequence spawn keys.

Why named streams per rule and week: common random numbers. Two designs run with the same
root seed and replication see the same citizens, the same companies and — rule by rule,
week by week, citizen by citizen — the same uniform draws, so a difference between two
designs is the design's effect, not noise from shifted random streams. No global RNG.
"""

from __future__ import annotations

import functools

import numpy as np
from numpy.random.bit_generator import ISeedSequence
from numpy.typing import DTypeLike
from scipy.special import ndtri

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
    "match_pick",  # the matching stage's per-citizen keys (WeeklyStreams.citizen_rows)
    "match_open",  # retired (drawn from match_pick's keys); kept so later indices stay
    "match_noise",  # retired, as match_open
    "purpose",  # retired (the purpose is drawn from match_pick's keys); kept, as above
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
    "employer",  # appended: slots made, and slots expired, at companies (stages/employer.py)
    "health_led",  # appended: ressourceforløb plan's leading strand (rules/rehabilitation.py)
    "placement_support",  # appended: a support contact in a placement's first weeks
    "case_moves",  # appended: long leave, reorganisation and status moves (one draw)
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


# --- the SeedSequence hash, batched over the weekly keys --------------------------------
# numpy's SeedSequence (numpy/random/bit_generator.pyx, after O'Neill's seed_seq
# alternative) hashes the words of (root seed, spawn key) into a 4-word pool and draws the
# PCG64 seed words from that pool. Its constants, reproduced so a whole run's weekly keys
# can be hashed in one vectorised pass; ``test_seeds.py`` pins the result to numpy's own.
_M32 = 0xFFFFFFFF
_INIT_A, _MULT_A, _INIT_B, _MULT_B = 0x43B0D7E5, 0x931E8875, 0x8B51F9DD, 0x58F38DED
_MIX_L, _MIX_R, _XSHIFT = 0xCA01F9DD, 0x4973F715, 16
_POOL = 4
_SMALLEST = 2.0**-53  # the smallest positive uniform numpy's ``random`` gives
_WEEK_BLOCK = 64  # weeks hashed per pass (a run asks for its weeks in order)


def _words(n: int) -> list[int]:
    """An integer as 32-bit words, lowest first (``_coerce_to_uint32_array``)."""
    if n < 0:
        raise ValueError("seed and key values must be non-negative")
    out = [n & _M32] if n == 0 else []
    while n > 0:
        out.append(n & _M32)
        n >>= 32
    return out


def _hashmix(value: int, hc: int) -> tuple[int, int]:
    value ^= hc
    hc = (hc * _MULT_A) & _M32
    value = (value * hc) & _M32
    return value ^ (value >> _XSHIFT), hc


def _mix(x: int, y: int) -> int:
    r = (_MIX_L * x - _MIX_R * y) & _M32
    return r ^ (r >> _XSHIFT)


def _prefix_pool(entropy: list[int]) -> tuple[list[int], int]:
    """The pool and running hash constant after the words shared by every key of a run."""
    pool, hc = [0] * _POOL, _INIT_A
    for i in range(_POOL):
        pool[i], hc = _hashmix(entropy[i], hc)
    for src in range(_POOL):
        for dst in range(_POOL):
            if src != dst:
                h, hc = _hashmix(pool[src], hc)
                pool[dst] = _mix(pool[dst], h)
    for src in range(_POOL, len(entropy)):
        for dst in range(_POOL):
            h, hc = _hashmix(entropy[src], hc)
            pool[dst] = _mix(pool[dst], h)
    return pool, hc


def batch_pools(root_seed: int, prefix: tuple[int, ...], tail: np.ndarray) -> np.ndarray:
    """The SeedSequence pools of keys ``(*prefix, *row)`` for each row of ``tail``.

    ``tail`` is ``(K, T)`` with every value below 2**32 (one word each). Equal to
    ``SeedSequence(root_seed, spawn_key=(*prefix, *row)).pool`` row by row, at a fraction
    of the cost: the words all keys share are hashed once, the rest as uint32 vectors
    (numpy's array arithmetic wraps modulo 2**32, as the C code does).
    """
    run = _words(root_seed)
    run += [0] * (_POOL - len(run))  # padded because a spawn key follows (numpy >= 1.19)
    spawn = [w for k in prefix for w in _words(k)]
    pool, hc = _prefix_pool(run + spawn)
    t = np.asarray(tail, dtype=np.uint64)
    if t.size and int(t.max()) > _M32:
        raise ValueError("batched key values must fit in 32 bits")
    t32 = t.astype(np.uint32)
    vec = [np.full(t32.shape[0], p, dtype=np.uint32) for p in pool]
    shift = np.uint32(_XSHIFT)
    for j in range(t32.shape[1]):
        for dst in range(_POOL):
            h = t32[:, j] ^ np.uint32(hc)
            hc = (hc * _MULT_A) & _M32
            h = h * np.uint32(hc)
            h ^= h >> shift
            r = np.uint32(_MIX_L) * vec[dst] - np.uint32(_MIX_R) * h
            vec[dst] = r ^ (r >> shift)
    return np.stack(vec, axis=1)


def pool_state(pool: np.ndarray, n_words: int, dtype: DTypeLike = np.uint32) -> np.ndarray:
    """``SeedSequence.generate_state`` from pools ``(K, 4)``: ``(K, n_words)`` words."""
    wide = np.dtype(dtype) == np.dtype(np.uint64)
    if not wide and np.dtype(dtype) != np.dtype(np.uint32):
        raise ValueError("only support uint32 or uint64")
    n32 = n_words * (2 if wide else 1)
    hc, shift, out = _INIT_B, np.uint32(_XSHIFT), []
    for i in range(n32):
        v = pool[:, i % _POOL] ^ np.uint32(hc)
        hc = (hc * _MULT_B) & _M32
        v = v * np.uint32(hc)
        out.append(v ^ (v >> shift))
    if not wide:
        return np.stack(out, axis=1)
    lo, hi = out[0::2], out[1::2]
    return np.stack([a.astype(np.uint64) | (b.astype(np.uint64) << np.uint64(32))
                     for a, b in zip(lo, hi, strict=True)], axis=1)


class HashedSeed(ISeedSequence):
    """One key's hashed pool, handed to ``PCG64`` in place of a ``SeedSequence``.

    ``PCG64`` asks it for 4 uint64 words, which were computed with the batch; any other
    request is answered from the pool exactly as numpy's ``SeedSequence`` would.
    """

    __slots__ = ("pool", "words")

    def __init__(self, pool: np.ndarray, words: np.ndarray) -> None:
        self.pool = pool
        self.words = words

    def generate_state(self, n_words: int, dtype: DTypeLike = np.uint32) -> np.ndarray:
        if n_words == self.words.size and np.dtype(dtype) == np.dtype(np.uint64):
            return self.words.copy()
        out: np.ndarray = pool_state(self.pool[None, :], n_words, dtype)[0]
        return out


class WeeklyStreams:
    """Per-week, per-rule generators for the dynamics of one replication.

    Why hashed in blocks: a run asks for about 20 generators a week, and building each
    from its own ``SeedSequence`` cost as much as a fifth of a trial replication. The
    keys are hashed a block of weeks at a time (``batch_pools``); each stream is exactly
    the one ``generator(root_seed, replication, DYNAMICS, week, rule)`` gives.
    """

    def __init__(self, root_seed: int, replication: int) -> None:
        self.root_seed = root_seed
        self.replication = replication
        self._pools: dict[int, np.ndarray] = {}
        self._words: dict[int, np.ndarray] = {}

    def _block(self, block: int) -> None:
        weeks = np.arange(block * _WEEK_BLOCK, (block + 1) * _WEEK_BLOCK)
        tail = np.stack(np.meshgrid(weeks, np.arange(len(RULES)), indexing="ij"),
                        axis=-1).reshape(-1, 2)
        pools = batch_pools(self.root_seed, (self.replication, DYNAMICS), tail)
        self._pools[block] = pools.reshape(_WEEK_BLOCK, len(RULES), _POOL)
        self._words[block] = pool_state(pools, 4, np.uint64).reshape(
            _WEEK_BLOCK, len(RULES), 4)

    def rule(self, week: int, name: str) -> np.random.Generator:
        """The generator of rule ``name`` in model week ``week``."""
        if week < 0:
            raise ValueError(f"model weeks start at 0, not {week}")
        block, row = divmod(week, _WEEK_BLOCK)
        if block not in self._words:
            self._block(block)
        r = RULES.index(name)
        seed = HashedSeed(self._pools[block][row, r], self._words[block][row, r])
        # numpy's BitGenerator takes any ``ISeedSequence`` (its ``isinstance`` check); the
        # stubs name only ``SeedSequence``
        return np.random.Generator(np.random.PCG64(seed))  # type: ignore[arg-type]

    def uniform(self, week: int, name: str, n: int) -> np.ndarray:
        """``n`` uniforms of one rule and week (one per citizen, aligned by index)."""
        return self.rule(week, name).random(n)

    def citizen_rows(self, week: int, name: str, n: int, rows: np.ndarray, width: int
                     ) -> np.ndarray:
        """``width`` uniforms for each citizen in ``rows`` (of ``n``), one row per citizen.

        Each citizen gets a 64-bit key from one full-size draw of the rule's generator, and
        their row is the first ``width`` outputs of SplitMix64 seeded with that key
        (``splitmix_uniforms``). So a citizen's values depend only on the week, the rule and
        the citizen — never on who else draws (common random numbers) — while only the rows
        used are computed. Why: the matching stage needs 3 × ``candidates_max`` + 2 numbers
        (26 by default) per citizen it matches, for a few per cent of the citizens; drawing
        them as full blocks for every citizen from ``PCG64`` was a tenth of a trial
        replication.
        """
        keys = self.rule(week, name).bit_generator.random_raw(n)
        return splitmix_uniforms(keys[rows], width)


_GAMMA = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def splitmix_uniforms(keys: np.ndarray, width: int) -> np.ndarray:
    """Row ``i``: the first ``width`` outputs of SplitMix64 seeded with ``keys[i]``, as
    uniforms in [0, 1) with 53 bits (the top bits of each output, as numpy's ``random``).

    SplitMix64 (Steele, Lea and Flood 2014, "Fast splittable pseudorandom number
    generators"; the seeding generator of Java's ``SplittableRandom`` and of xoshiro) adds
    the golden-ratio increment to its state and mixes it; output ``j`` of a generator
    seeded with ``k`` is ``mix(k + (j + 1) × gamma)``, so any output is computed directly
    from its key and position, vectorised over rows and columns.
    """
    z = np.asarray(keys, np.uint64)[:, None] + _GAMMA * np.arange(1, width + 1, dtype=np.uint64)
    z ^= z >> np.uint64(30)
    z *= _MIX1
    z ^= z >> np.uint64(27)
    z *= _MIX2
    z ^= z >> np.uint64(31)
    out: np.ndarray = (z >> np.uint64(11)) * 2.0**-53
    return out


def standard_normal(u: np.ndarray) -> np.ndarray:
    """Standard normals from uniforms in [0, 1), by the inverse normal CDF (u = 0, which
    would give -inf, is taken as the smallest positive uniform)."""
    out: np.ndarray = ndtri(np.maximum(u, _SMALLEST))
    return out
