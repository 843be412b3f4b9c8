"""``--uncertainty`` and ``--members`` turned into the ensemble a command runs under.

Why its own module: ``run``, ``sweep`` and ``pilot`` read the two options the same way
and must refuse the same mistakes with the same words (exit 2, naming the option):
an unknown mode, a member count outside the shipped ensemble, or ``--members`` under
``noise`` (where no ensemble is used, so the number would be silently ignored).
"""

from __future__ import annotations

from jobfirst_sim.scenario.ensemble import Ensemble


def chosen_ensemble(uncertainty: str, members: int | None, *,
                    default: int | None = None) -> Ensemble | None:
    """The ensemble for ``--uncertainty``/``--members`` (None: ``noise``), read by
    :func:`jobfirst_sim.decide.uncertainty.ensemble_for` with the command's ``default`` K.

    Raises:
        typer.Exit: a bad option, said in one sentence (exit 2).
    """
    from jobfirst_sim.cli.common import fail
    from jobfirst_sim.decide.uncertainty import DEFAULT_MEMBERS, UncertaintyError, ensemble_for

    try:
        return ensemble_for(uncertainty, members, default=default or DEFAULT_MEMBERS)
    except UncertaintyError as exc:
        raise fail(str(exc)) from None
