"""The scenario language's foundations: one frozen base model, shared types and bounds.

Why a module of its own: every section of the scenario (``schema.py``) and every
mechanism group of ``behaviour:`` (``behaviour.py``) is built from the same few pieces —
a frozen model that forbids unknown keys and non-finite numbers, and annotated types that
carry a range. Keeping them here lets both modules share them without importing each
other, and lets the command line (``cli.py``) import the *same* bounds the schema uses,
so ``--seed`` and ``--replications`` can never accept what a file may not say.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, Final

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)

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

Probability = Annotated[float, Field(ge=0.0, le=1.0)]
"""A probability or share in [0, 1]."""
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
"""A latent state on the unit interval (0 = none, 1 = full)."""
PositiveFloat = Annotated[float, Field(gt=0.0)]
"""A number strictly greater than 0."""
NonNegFloat = Annotated[float, Field(ge=0.0)]
"""A number of at least 0."""
Weeks = Annotated[int, Field(ge=0, le=1000)]
"""A whole number of weeks."""
Caseload = Annotated[float, Field(ge=CASELOAD_MIN, le=CASELOAD_MAX)]
"""Citizens per professional (see :data:`CASELOAD_MAX`)."""
Weight = Annotated[float, Field(gt=0.0, le=WEIGHT_MAX)]
"""A relative weight, normalised over its list (see :data:`WEIGHT_MAX`)."""

NAME_LETTERS: Final = "A-Za-z0-9æøåÆØÅ"
NAME_PATTERN: Final = rf"^[{NAME_LETTERS}]([{NAME_LETTERS}_ .\-]*[{NAME_LETTERS}_.\-])?$"
"""Letters (æ, ø, å too), digits, spaces and ``_ . -``; starting with a letter or digit
and not ending in a space. No ``/`` or ``\\``, no leading dot: a name can become a folder
(the scenario's ``results/<name>``) and must stay one folder inside it, never ``..``."""
NAME_RULE: Final = (
    "a name of 1-80 characters: letters (æ, ø, å too), digits, spaces and . _ -, "
    "starting with a letter or digit; not a bare number, not the reserved word "
    + " or ".join(RESERVED_NAMES)
)
"""The name rule in the words messages and docs/scenarios.md use."""
_NAME_CHAR = re.compile(rf"[{NAME_LETTERS}_ .\-]")


def name_faults(value: str) -> str:
    """What breaks the name rule in ``value``, in words (for the error message)."""
    bad = sorted({c for c in value if not _NAME_CHAR.fullmatch(c)})
    faults = []
    if bad:
        shown = ", ".join(
            f"U+{ord(c):04X}" if not c.isprintable() else repr(c) for c in bad
        )
        faults.append(f"it contains {shown}")
        if "/" in bad or "\\" in bad:
            faults[-1] += " (a name can become a folder: no path separators)"
    if value and not re.fullmatch(f"[{NAME_LETTERS}]", value[0]):
        faults.append(f"it starts with {value[0]!r}, not a letter or digit")
    if value.endswith(" "):
        faults.append("it ends with a space")
    return "; ".join(faults) or "it does not follow the name rule"


def nfc(value: Any) -> Any:
    """Text in Unicode NFC: an ``å`` typed as ``a`` + combining ring becomes one ``å``.

    Why: both look the same on screen; without this a name typed on a Mac is refused
    with a message that shows a name looking exactly like a valid one.
    """
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def check_name(value: str) -> str:
    """Refuse names that would be ambiguous in ``--set`` paths or mixed with aggregates."""
    if value.isdigit():
        raise ValueError(
            f"the name {value!r} is a bare number, which --set would read as a position in "
            "the list (arms.0 is the first arm); add a letter, e.g. 'arm_" + value + "'"
        )
    if value.casefold() in RESERVED_NAMES:
        raise ValueError(
            f"the name {value!r} is reserved: the result tables use "
            + ", ".join(repr(n) for n in RESERVED_NAMES)
            + " for the rows that add up every municipality and group; choose another name"
        )
    return value


Name = Annotated[
    str,
    BeforeValidator(nfc),
    Field(min_length=1, max_length=80, pattern=NAME_PATTERN),
    AfterValidator(check_name),
    # the validators hide the pattern from the JSON Schema; editors and messages need it
    WithJsonSchema(
        {"type": "string", "minLength": 1, "maxLength": 80, "pattern": NAME_PATTERN}
    ),
]
"""A name a user writes (scenario, arm, municipality, sector): see :data:`NAME_RULE`."""


class Frozen(BaseModel):
    """Base: frozen, unknown keys and non-finite numbers forbidden, defaults validated.

    ``allow_inf_nan=False``: YAML reads ``.inf`` and ``.nan`` as numbers, and a bound such
    as ``gt=0`` lets infinity through; the model cannot run with either (and JSON cannot
    store them), so every float field of every section refuses them.
    """

    model_config = ConfigDict(
        frozen=True, extra="forbid", validate_default=True, allow_inf_nan=False
    )
