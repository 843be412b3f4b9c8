"""``--uncertainty`` and ``--members`` turned into the ensemble a command runs under.

Why its own module: ``run``, ``sweep`` and ``pilot`` read the two options the same way
and must refuse the same mistakes with the same words (exit 2, naming the option):
an unknown mode, a member count outside the shipped ensemble, or ``--members`` under
``noise`` (where no ensemble is used, so the number would be silently ignored).
"""

from __future__ import annotations

from jobfirst_sim.scenario.ensemble import Ensemble


def chosen_ensemble(uncertainty: str, members: int | None) -> Ensemble | None:
    """The ensemble for ``--uncertainty``/``--members`` (None: ``noise``).

    Without ``--members`` the default count is capped at the shipped ensemble's size, so
    the default works whatever ensemble the package ships.

    Raises:
        typer.Exit: a bad option, said in one sentence (exit 2).
    """
    from jobfirst_sim.cli.common import fail
    from jobfirst_sim.decide.uncertainty import (
        DEFAULT_MEMBERS,
        UncertaintyError,
        ensemble_for,
    )
    from jobfirst_sim.scenario.ensemble import shipped_ensemble

    if uncertainty == "noise" and members is not None:
        raise fail(f"--members {members}: members are only used with --uncertainty "
                   "parameters; drop --members, or add --uncertainty parameters")
    if uncertainty == "parameters" and members is None:
        members = min(DEFAULT_MEMBERS, len(shipped_ensemble()))
    try:
        return ensemble_for(uncertainty, members)
    except UncertaintyError as exc:
        raise fail(str(exc)) from None
