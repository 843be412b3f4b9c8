"""Installed versions of the packages that determine results (for manifests and checks).

Why one place: run manifests, sweep manifests and the Dask worker check must read versions
the same way, from the installed distributions' metadata (no heavy imports needed).
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import metadata


def package_versions(packages: Iterable[str]) -> dict[str, str]:
    """Version of each distribution by name, or ``"not installed"``."""
    out = {}
    for pkg in packages:
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    return out
