"""What every ``jobfirst`` command shares: the app, the options and the frame around a study.

Why one module: options such as ``--seed``, ``--workers`` or ``--lang`` must read the same
in every command, and the decision commands (explain, pilot, compare) share the frame
around the study spine -- load the scenario, check the results folder before anything
runs, write the folder as a whole, say where it is. Only typer and the bounds are
imported here; heavy modules are imported inside the commands, so ``jobfirst --help``
answers fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from jobfirst_sim.scenario.bounds import REPLICATIONS_MAX, SEED_MAX

if TYPE_CHECKING:
    from jobfirst_sim.run.executors import ExecutorName
    from jobfirst_sim.scenario.schema import Scenario

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Simulate a jobcentre running the JobFirst method: run scenarios, sweep designs, "
    "report and browse results.",
)

SetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        help="Override a scenario field, e.g. --set organisation.caseload=30 "
        "(repeatable; wins over the file).",
    ),
]

AllowExtendsOption = Annotated[
    bool,
    typer.Option(
        "--allow-extends-outside",
        help="Let `extends:` read files outside the scenario's folder (off: a scenario "
        "from elsewhere cannot make the command read other files).",
    ),
]


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def check_lang(value: str) -> str:
    """``--lang`` checked before a command does anything (it used to fail after writing).

    Every command taking ``--lang`` declares it through :data:`LangOption`, so an unknown
    language stops the command with exit code 2 before any file is read or written.
    """
    from jobfirst_sim.words import LANGS

    if value not in LANGS:
        raise fail(f"--lang {value!r} is not a language here: choose one of {', '.join(LANGS)}")
    return value


LangOption = Annotated[
    str, typer.Option("--lang", callback=check_lang, help="Language: da or en.")
]
SeedOption = Annotated[
    int | None,
    typer.Option("--seed", min=0, max=SEED_MAX,
                 help=f"Root seed (0 to {SEED_MAX}, as run.seed in a scenario)."),
]
"""Same bounds as ``run.seed`` in a file (one constant, scenario/base.py)."""


REPLICATIONS = typer.Option(
    "--replications", "-r", min=1, max=REPLICATIONS_MAX,
    help=f"Replications (1 to {REPLICATIONS_MAX:,}, as run.replications in a file).",
)
"""``--replications``/``-r`` with the bounds of ``run.replications`` in a file."""


WorkersOption = Annotated[
    int, typer.Option("--workers", "-w", min=1, help="Workers (processes or Dask workers).")
]
ExecutorOption = Annotated[
    str | None,
    typer.Option("--executor", "-e",
                 help="serial, process or dask (default: serial for one worker, else process)."),
]
OutOption = Annotated[Path | None, typer.Option("--out", "-o", help="Output directory.")]
YearsOption = Annotated[int | None, typer.Option(
    "--years", help="Budget years of the business case by payer (1-10): the model runs "
    "that long (the scenario's horizon is extended), never extrapolates. Default: the "
    "years the scenario's run covers.")]
AllCoresOption = Annotated[int | None, typer.Option(
    "--workers", "-w", min=1, help="Workers (processes or Dask workers); default: all cores.")]
OverwriteOption = Annotated[
    bool, typer.Option("--overwrite", help="Replace an existing results folder as a whole.")]
"""Options the decision commands (explain, compare, pilot) share, written once."""
UncertaintyOption = Annotated[str, typer.Option(
    "--uncertainty", help="What the interval holds: 'parameters' (the calibrated ensemble: what "
    "the trial leaves open, and simulation noise) or 'noise' (simulation noise around the "
    "scenario's own parameters only).")]
"""``--uncertainty``; each command sets its own default (docs/decide.md)."""
MembersOption = Annotated[int | None, typer.Option(
    "--members", min=1, help="With --uncertainty parameters: how many ensemble members "
    "(default 30; the first K of the shipped ensemble).")]
SchedulerOption = Annotated[
    str | None, typer.Option(help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")
]


def parse_sets(sets: list[str] | None) -> dict[str, str]:
    """Parse ``--set a.b=value`` items into a mapping (values parsed later as YAML).

    The same field given twice is refused, naming both: a mapping would keep the last
    one without a word. (Two spellings of one field, ``arms.0`` and ``arms.jobfirst``,
    are caught where the paths are resolved, in ``scenario/overrides.py``.)
    """
    out: dict[str, str] = {}
    for item in sets or []:
        if "=" not in item:
            raise fail(f"--set {item!r}: expected FIELD.PATH=VALUE, e.g. organisation.caseload=30")
        key, value = (part.strip() for part in item.split("=", 1))
        if key in out:
            raise fail(f"--set {key}={out[key]} and --set {key}={value} both set {key}; "
                        "give each field once")
        out[key] = value
    return out


def parse_executor(executor: str | None) -> ExecutorName | None:
    """Check ``--executor`` against the executors (a clear message, exit code 2)."""
    from jobfirst_sim.run.executors import EXECUTORS

    if executor is None:
        return None
    if executor not in EXECUTORS:
        raise fail(f"--executor {executor!r}: choose one of {', '.join(EXECUTORS)}")
    return cast("ExecutorName", executor)




def command_line() -> str:
    """The command as typed, for the manifest."""
    return " ".join(sys.argv)


def all_cores(workers: int | None) -> int:
    """``--workers`` of a decision command: all cores unless given."""
    return workers or os.cpu_count() or 1


@contextmanager
def user_errors(*errors: type[Exception]) -> Iterator[None]:
    """Errors a user can fix become one message with exit code 2, never a traceback."""
    try:
        yield
    except errors as exc:
        raise fail(str(exc)) from None


def load(scenario: Path, sets: list[str] | None, allow_extends_outside: bool) -> Scenario:
    """The scenario with its ``--set`` overrides (a :class:`ScenarioError` if it is bad);
    implausible staffing is said on stderr (:func:`warn_staffing`) but does not stop."""
    from jobfirst_sim.scenario import load_scenario

    scen = load_scenario(scenario, parse_sets(sets),
                         allow_extends_outside=allow_extends_outside)
    warn_staffing(scenario, scen)
    return scen


def warn_staffing(path: Path, scenario: Scenario) -> int:
    """Say on stderr each role whose caseload is implausible, naming the file; the count.

    A warning and not an error: a caseload of 1,400 or of 0.6 is almost always a typo in
    the FTEs (0.5 for 50, 1100 for 11), but a deliberate extreme design may be tried.
    """
    from jobfirst_sim.scenario import staffing_warnings

    found = staffing_warnings(scenario)
    for line in found:
        typer.echo(f"warning: {path}: {line}", err=True)
    return len(found)


def results_target(out: Path | None, scenario: Scenario, name: str, *, overwrite: bool,
                   kind: str) -> Path:
    """The results folder (default ``results/<scenario>/<name>``), checked before anything
    is simulated (an :class:`OutputError` if it cannot be written)."""
    from jobfirst_sim.run.outputs import check_output_dir, slug

    out_dir = out or Path("results") / slug(scenario.name) / slug(name)
    return check_output_dir(out_dir, overwrite=overwrite, create_parent=out is None,
                            kind=kind)


def write_folder(target: Path, overwrite: bool, write: Callable[[Path], None]) -> None:
    """Write the results folder as a whole: ``write`` fills a temporary folder, which then
    takes ``target``'s place."""
    from jobfirst_sim.run.outputs import OutputError, ResultsFolder

    with user_errors(OutputError), ResultsFolder(target, overwrite=overwrite) as folder:
        write(folder.path)
        folder.commit()


def results_line(target: Path, page: str, lang: str) -> str:
    """The last line of a decision command: where its folder and page are."""
    return (f"{'resultater i' if lang == 'da' else 'results in'} {target}; "
            f"{'side' if lang == 'da' else 'page'}: {target / page}")
