"""The scenario language's foundations: one frozen base model and the shared field types.

Why a module of its own: every section of the scenario (``schema.py``) and every
mechanism group of ``behaviour:`` (``behaviour.py``) is built from the same few pieces —
a frozen model that forbids unknown keys, and annotated types that carry a range. Keeping
them here lets both modules share them without importing each other.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

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
Name = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_æøåÆØÅ .\-/]+$")]
"""A name a user writes (arm, municipality, sector): letters, digits, ``_ .-/`` and spaces."""


class Frozen(BaseModel):
    """Base: frozen, unknown keys forbidden, strict strings (YAML ``no`` is not a name)."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)
