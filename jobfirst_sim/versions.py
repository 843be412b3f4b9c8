"""Installed versions of the packages that determine results (for manifests and checks).

Why one place: run, sweep and explain manifests, the ``--resume`` check of a sweep and the
Dask worker check must name the same packages and read them the same way, from the installed
distributions' metadata (no heavy imports needed). numpy is here because its random streams
are only guaranteed per version; SALib because sweep sensitivity indices come from it.
"""

from __future__ import annotations

import platform
from collections.abc import Iterable
from importlib import metadata

RESULT_PACKAGES: tuple[str, ...] = (
    "jobfirst_sim", "numpy", "mesa", "pandas", "pyarrow", "scipy", "SALib",
)
"""Distributions whose version can change a result."""


def package_versions(packages: Iterable[str] = RESULT_PACKAGES) -> dict[str, str]:
    """Version of each distribution by name, or ``"not installed"``."""
    out = {}
    for pkg in packages:
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def versions() -> dict[str, str]:
    """What every manifest records: :data:`RESULT_PACKAGES`, Python and the platform."""
    return {**package_versions(RESULT_PACKAGES), "python": platform.python_version(),
            "platform": platform.platform()}
