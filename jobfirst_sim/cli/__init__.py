"""The ``jobfirst`` command line: thin commands that parse arguments and call the library.

Why thin: everything a command does must also be callable (and tested) as a function,
and ``jobfirst --help`` must answer fast, so heavy modules are imported inside commands.
Errors a user can fix (bad scenario, missing directory) are printed as one clear message
with exit code 2, never as a traceback.

One module per group of commands, registered on :data:`app` here, in the order ``--help``
lists them: :mod:`.simulate` (run, validate, sweep), :mod:`.results` (report, browse, schema),
:mod:`.decide` (explain, pilot, compare), :mod:`.calibrate` and :mod:`.workshop`; the options
and the frame they share are in :mod:`.common`.
"""

from __future__ import annotations

import gc

from jobfirst_sim.cli import calibrate, decide, results, simulate, workshop
from jobfirst_sim.cli.common import app

__all__ = ["app", "main"]

for _command in (simulate.run, simulate.validate, simulate.sweep, results.report,
                 results.browse, results.schema, decide.explain, decide.pilot, decide.compare,
                 calibrate.calibrate, workshop.workshop):
    app.command()(_command)


def main() -> None:
    """Console-script entry point.

    The process ends right after the command, so every object left (the imported numpy,
    pandas, scipy and Mesa, the model, the tables) is moved out of the cyclic collector's
    reach first (:func:`gc.freeze`): the interpreter's collections at exit then leave them
    alone instead of walking (and freeing) some hundred thousand objects, about a quarter of
    a second of every ``jobfirst run`` (measured: 0.28 -> 0.05 s from the command's end to
    the process's). Files are written and closed by then (atomically, :mod:`.io`),
    standard streams are still flushed and ``atexit`` handlers still run. Only here, not in
    the commands, so a process that calls them (the tests, the apps) keeps its collector.
    """
    try:
        app()
    finally:
        gc.freeze()
