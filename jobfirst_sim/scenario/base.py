"""The scenario language's foundations: one frozen base model, shared types and bounds.

Why a module of its own: every section of the scenario (``schema.py``) and every
mechanism group of ``behaviour:`` (``behaviour.py``) is built from the same few pieces —
a frozen model that forbids unknown keys and non-finite numbers, and annotated types that
carry a range (the numbers themselves, with their reasons, are in ``bounds.py``, which the
command line imports too). Keeping them here lets both modules share them without
importing each other.
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

from jobfirst_sim.scenario.bounds import (
    CASELOAD_MAX,
    CASELOAD_MIN,
    FTE_MAX,
    RESERVED_NAMES,
    WEIGHT_MAX,
)
from jobfirst_sim.scenario.prior_table import PRIORS

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
Fte = Annotated[float, Field(gt=0.0, le=FTE_MAX)]
"""Full-time equivalents of one role (see :data:`FTE_MAX`); fractions allowed."""
Weight = Annotated[float, Field(gt=0.0, le=WEIGHT_MAX)]
"""A relative weight, normalised over its list (see :data:`WEIGHT_MAX`)."""

NAME_LETTERS: Final = "A-Za-z0-9æøåÆØÅ"
NAME_PATTERN: Final = rf"^[{NAME_LETTERS}]([{NAME_LETTERS}_ .\-]*[{NAME_LETTERS}_\-])?$"
"""Letters (æ, ø, å too), digits, spaces and ``_ . -``; starting with a letter or digit
and not ending in a space or dot. No ``/`` or ``\\``, no leading dot: a name can become a folder
(the scenario's ``results/<name>``) and must stay one folder inside it, never ``..``."""
NAME_RULE: Final = (
    "a name of 1-80 characters: letters (æ, ø, å too), digits, spaces and . _ -, "
    "starting with a letter or digit, not ending in a space or dot; not a bare number, "
    "not the reserved word "
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
    if len(value) > 1 and value[-1] in " .":
        faults.append(f"it ends with {'a space' if value[-1] == ' ' else 'a dot'}")
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

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        """Put each field's prior (:data:`~jobfirst_sim.scenario.prior_table.PRIORS`) into
        its ``json_schema_extra``, so the schema carries it; then rebuild the schema."""
        super().__pydantic_init_subclass__(**kwargs)
        found = False
        for name, info in cls.model_fields.items():
            prior = PRIORS.get(f"{cls.__name__}.{name}")
            if prior is None:
                continue
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            info.json_schema_extra = {**extra, "prior": prior.as_json()}  # type: ignore[dict-item]
            found = True
        if found:
            cls.model_rebuild(force=True)
