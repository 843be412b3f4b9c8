"""Where ``extends:`` may point, and the messages when it points elsewhere.

Why a module of its own: ``extends:`` makes the loader open a second file named *inside*
a file. A scenario shared by someone else could name ``/etc/passwd`` or
``../../secrets.yaml``, and the loader's error messages would then echo keys of a file
the user never meant to read. So the base file is found relative to the including file
and must stay inside the folder tree of the scenario named on the command line (after
following symbolic links), unless the user allows more on the command line
(``--allow-extends-outside``). Nothing outside is opened, listed or suggested before
that check passes.
"""

from __future__ import annotations

from pathlib import Path

from jobfirst_sim.scenario.errors import Problem, ScenarioError
from jobfirst_sim.scenario.messages import did_you_mean
from jobfirst_sim.scenario.yamlsource import Origin

ALLOW_OUTSIDE_FLAG = "--allow-extends-outside"
"""The command-line flag that lets ``extends:`` leave the scenario's folder tree."""


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def locate_base(
    path: Path,
    parent: object,
    origin: Origin,
    chain: tuple[Path, ...],
    root: Path,
    allow_outside: bool,
) -> Path:
    """The file ``extends: parent`` in ``path`` names, checked; or a clear refusal.

    ``root`` is the resolved folder of the scenario named on the command line; ``chain``
    the resolved files read so far (for loops).

    Raises:
        ScenarioError: not a file name, outside ``root`` (unless ``allow_outside``),
            circular, missing, a folder or not a regular file.
    """
    file, line = str(path), origin.line

    def refuse(message: str, **extra: str | None) -> ScenarioError:
        given = extra.pop("given", None) or (parent if isinstance(parent, str) else None)
        return ScenarioError.from_messages(
            file,
            [Problem("extends", message, line=line, file=file, given=given, **extra)],
        )

    if not isinstance(parent, str) or not parent.strip():
        raise refuse(
            "must be the name of another scenario file",
            given=origin.text if origin.text is not None else repr(parent),
            allowed="a file name relative to this file, e.g. jobfirst_trial.yaml",
        )
    base_path = path.parent / parent
    resolved = base_path.resolve()
    if not allow_outside and (Path(parent).is_absolute() or not _inside(resolved, root)):
        why = "an absolute path" if Path(parent).is_absolute() else "a path that leads"
        raise refuse(
            f"{why} outside the folder of the scenario you named ({root}); the file was "
            "not read" + ("" if Path(parent).is_absolute() else " (through .. or a link)"),
            allowed="a file in that folder or below it, relative to this file",
            hint=f"if you trust this scenario and mean to use that file, add "
            f"{ALLOW_OUTSIDE_FLAG} to the command",
        )
    if resolved in chain:
        loop = " → ".join(p.name for p in (*chain, resolved))
        raise refuse(
            f"circular extends: {loop}",
            hint="a scenario cannot (directly or through others) extend itself",
        )
    folder = "." if str(path.parent) == "" else str(path.parent)
    if resolved.is_dir():
        raise refuse(
            f"{base_path} is a folder, not a scenario file",
            allowed=f"a .yaml file, relative to the folder of this file ({folder})",
        )
    if resolved.exists() and not resolved.is_file():
        raise refuse(
            f"{base_path} is not a regular file (a device, pipe or socket)",
            allowed=f"a .yaml file, relative to the folder of this file ({folder})",
        )
    if not resolved.exists():
        near = did_you_mean(parent, [p.name for p in base_path.parent.glob("*.y*ml")])
        raise refuse(
            f"the file it extends does not exist: {base_path}"
            + (f" — did you mean `{near}`?" if near else ""),
            allowed=f"a file name relative to the folder of this file ({folder})",
        )
    return base_path
