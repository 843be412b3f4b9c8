"""Issue 9, §3 and §4: validation accepts only what the model can run, paths stay put.

Why one table: each row is an input that once passed validation and then crashed, hung,
wrote an invalid file or gave a silently wrong result (or a poor message). Every row is
run through ``jobfirst validate`` *and* ``jobfirst run``: both must refuse it with exit
code 2, the expected words, no traceback, and nothing written anywhere (``run`` is
started in an empty folder, so a default ``results/<name>`` would show). A small
scenario (2 arms x 50 citizens, 2 municipalities) is the base of every row.

Run them: ``.venv/bin/python -m pytest -q tests/scenario/test_adversarial_inputs.py``.
"""

from __future__ import annotations

import os
import re
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.scenario import ScenarioError, load_scenario
from jobfirst_sim.scenario.bounds import MAX_DEPTH, REPLICATIONS_MAX, SEED_MAX

ROOT = Path(__file__).resolve().parents[2]

SMALL = """\
name: small
municipalities:
  - {name: Odense, weight: 1}
  - {name: Aarhus, weight: 2}
arms:
  - name: jobfirst
    role: treatment
    design: jobfirst
    citizens: {kontanthjaelp: 40, ressourceforloeb: 10}
  - name: control
    role: control
    design: normal_effort
    citizens: {kontanthjaelp: 40, ressourceforloeb: 10}
population: {intake_weeks: 2}
run: {replications: 2, seed: 1, weeks_followed: 10}
"""
SECRET = "SECRET_KEY_xyz"
ORG = "    organisation: {caseload: "


def small(old: str = "", new: str = "", extra: str = "") -> Callable[[Path], Path]:
    """A maker of the small scenario with one replacement and/or extra lines."""

    def make(folder: Path) -> Path:
        text = SMALL.replace(old, new) if old else SMALL
        assert not old or old in SMALL, old
        path = folder / "scen.yaml"
        path.write_text(text + extra, encoding="utf-8")
        return path

    return make


def written(text: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "scen.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return make


def _deep_flow(folder: Path) -> Path:
    path = folder / "deep.yaml"
    path.write_text("name: x\nnest: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    return path


def _deep_block(folder: Path) -> Path:
    lines = ["name: x"] + [" " * i + f"k{i}:" for i in range(MAX_DEPTH + 5)]
    path = folder / "deep.yaml"
    path.write_text("\n".join(lines) + " 1\n", encoding="utf-8")
    return path


def _big(folder: Path) -> Path:
    path = folder / "big.yaml"
    path.write_text(SMALL + "#" * (1024 * 1024) + "\n", encoding="utf-8")
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.yaml"
    os.mkfifo(path)
    return path


def _folder(folder: Path) -> Path:
    path = folder / "a_folder.yaml"
    path.mkdir()
    return path


def _dev_zero(folder: Path) -> Path:
    return Path("/dev/zero")


def _extends(target: str, *, sub: bool = True) -> Callable[[Path], Path]:
    """A scenario in ``sub/`` (or the folder) extending ``target``; an outside file too."""

    def make(folder: Path) -> Path:
        (folder / "outside.yaml").write_text(f"{SECRET}: 1\n" + SMALL, encoding="utf-8")
        (folder / "a_dir").mkdir()
        os.mkfifo(folder / "a_pipe.yaml")
        where = folder / "sub" if sub else folder
        where.mkdir(exist_ok=True)
        (where / "link.yaml").symlink_to(folder / "outside.yaml")
        path = where / "scen.yaml"
        path.write_text(f"extends: {target.format(folder=folder)}\nname: child\n",
                        encoding="utf-8")
        return path

    return make


@dataclass(frozen=True)
class Case:
    """One broken input: how to make it, --set items, words expected in the message."""

    make: Callable[[Path], Path]
    words: str
    sets: tuple[str, ...] = ()
    args: tuple[str, ...] = ()
    absent: tuple[str, ...] = field(default=(SECRET,))


CASES: dict[str, Case] = {
    # §3.1 every number the model uses is finite and in a range it can run
    "sector_weight_inf": Case(small(), "must be a finite number",
                              ("labour_market.sectors=[{name: retail, weight: .inf}]",)),
    "sector_weight_1e308": Case(small(), "at most 1,000,000",
                                ("labour_market.sectors=[{name: retail, weight: 1e308}]",)),
    "sector_weight_1e308_file": Case(
        small(extra="labour_market:\n  sectors: [{name: retail, weight: 1.0e+308}]\n"),
        "at most 1,000,000"),
    "muni_weight_inf_file": Case(small("{name: Odense, weight: 1}", "{name: Odense, weight: .inf}"),
                                 "must be a finite number"),
    "muni_weight_1e308": Case(small(), "at most 1,000,000",
                              ("municipalities.Odense.weight=1e308",)),
    "caseload_1e-9": Case(small(), "a number from 1 to 500",
                          ("arms.jobfirst.organisation.caseload=1e-9",)),
    "caseload_0.5": Case(small(), "a number from 1 to 500",
                         ("arms.jobfirst.organisation.caseload=0.5",)),
    "caseload_inf_file": Case(
        small("    design: jobfirst\n", f"    design: jobfirst\n{ORG}.inf}}\n"),
        "must be a finite number"),
    "caseload_1000": Case(small(), "a number from 1 to 500", ("organisation.caseload=1000",)),
    "muni_caseload_inf": Case(small(), "must be a finite number",
                              ("municipalities.Odense.caseload={jobfirst: .inf}",)),
    "muni_caseload_1e-9": Case(small(), "a number from 1 to 500",
                               ("municipalities.Odense.caseload={jobfirst: 1e-9}",)),
    "behaviour_nan": Case(small(), "must be a finite number", ("behaviour.conversion.rate=.nan",)),
    "beta_mean_nan": Case(small(), "must be a finite number",
                          ("population.kontanthjaelp.motivation.mean=.nan",)),
    "hours_inf": Case(small(), "must be a finite number",
                      ("arms.jobfirst.organisation.weekly_hours=.inf",)),
    "companies_minus_inf": Case(small(), "must be a finite number",
                                ("labour_market.companies_per_100_citizens=-.inf",)),
    "seed_inf": Case(small(), "must be a finite number", ("run.seed=.inf",)),
    "seed_2_63": Case(small(), f"{SEED_MAX:,}", (f"run.seed={2**63}",)),
    "replications_file": Case(small(), f"{REPLICATIONS_MAX:,}", ("run.replications=100000000",)),
    # §3.2 bounded reads
    "deep_flow_5000": Case(_deep_flow, f"more than {MAX_DEPTH} levels deep"),
    "deep_block": Case(_deep_block, f"more than {MAX_DEPTH} levels deep"),
    # a --set value YAML cannot read is taken as text; a number field then refuses it
    "deep_set_value": Case(small(), "must be a whole number",
                           ("run.seed=" + "[" * 3000 + "]" * 3000,)),
    "dev_zero": Case(_dev_zero, "not a regular file"),
    "fifo": Case(_fifo, "not a regular file"),
    "over_1_mib": Case(_big, "larger than 1 MiB"),
    "folder": Case(_folder, "this is a folder, not a scenario file"),
    # §3.3 silently wrong
    "caseload_base60_set": Case(small(), "base 60", ("arms.jobfirst.organisation.caseload=1:30",)),
    "caseload_base60_file": Case(
        small("    design: jobfirst\n", f"    design: jobfirst\n{ORG}1:30}}\n"),
        "base 60"),
    "seed_base60": Case(small(), "base 60", ("run.seed=1:30",)),
    "muni_all": Case(small("name: Aarhus", "name: all"), "reserved"),
    "muni_All": Case(small(), "reserved", ("municipalities.Aarhus.name=All",)),
    "arm_all": Case(small(), "reserved", ("arms.control.name=all",)),
    "sector_all": Case(small(), "reserved", ("labour_market.sectors=[{name: all, weight: 1}]",)),
    "arms_1_and_0": Case(written(SMALL.replace("name: jobfirst", 'name: "1"')
                                 .replace("name: control", 'name: "0"')), "bare number"),
    "arm_1_via_set": Case(small(), "bare number", ('arms.control.name="1"',)),
    "age_min_67_mean_18": Case(small(), "from 18 to 66",
                               ("population.kontanthjaelp={age_min: 67, age_mean: 18}",)),
    "age_min_above_mean": Case(small(), "age_min must be at most age_mean",
                               ("population.kontanthjaelp={age_min: 60, age_mean: 40}",)),
    "age_mean_67": Case(small(), "from 18 to 66", ("population.ressourceforloeb.age_mean=67",)),
    "set_twice": Case(small(), "both set run.seed", ("run.seed=1", "run.seed=2")),
    "set_index_and_name": Case(small(), "both set arms.jobfirst.organisation.caseload",
                               ("arms.0.organisation.caseload=30",
                                "arms.jobfirst.organisation.caseload=40")),
    "set_section_and_field": Case(small(), "both set run", ("run={seed: 1}", "run.seed=2")),
    # §3.4 poor messages
    "extends_folder": Case(_extends("../a_dir"), "is a folder, not a scenario file",
                           args=("--allow-extends-outside",)),
    "extends_folder_inside": Case(written("extends: .\nname: x\n"),
                                  "is a folder, not a scenario file"),
    "set_extends": Case(small(), "cannot be set from the command line", ("extends=x",)),
    # §4 names and paths
    "name_dotdot_slash": Case(small("name: small", "name: ../../x"), "no path separators"),
    "name_dotdot": Case(small("name: small", 'name: ".."'), "starts with '.'"),
    "name_absolute": Case(small(), "no path separators", ("name=/tmp/x",)),
    "name_backslash": Case(small(), "no path separators", (r'name="a\\b"',)),
    "name_control_char": Case(small(), "U+0007", (r'name="x\a"',)),
    "name_hidden": Case(small(), "starts with '.'", ("name=.hidden",)),
    "name_trailing_dot": Case(small(), "ends with a dot", ("name=x.",)),
    "name_trailing_space": Case(small(), "ends with a space", ('name="x "',)),
    "muni_slash": Case(small(), "no path separators", ("municipalities.Odense.name=a/b",)),
    "arm_dotdot": Case(small(), "starts with '.'", ("arms.jobfirst.name=..",)),
    "extends_up": Case(_extends("../outside.yaml"), "outside the folder of the scenario"),
    "extends_absolute": Case(_extends("{folder}/outside.yaml"), "outside the folder"),
    "extends_symlink": Case(_extends("link.yaml"), "outside the folder"),
    "extends_dev_zero": Case(_extends("/dev/zero"), "outside the folder"),
    "extends_dev_zero_allowed": Case(_extends("/dev/zero"), "not a regular file",
                                     args=("--allow-extends-outside",)),
    "extends_fifo": Case(_extends("a_pipe.yaml", sub=False), "not a regular file"),
}

CLI_ONLY: dict[str, Case] = {
    "seed_2_64": Case(small(), "--seed", args=("--seed", str(2**64))),
    "seed_negative": Case(small(), "--seed", args=("--seed", "-1")),
    "replications_1e8": Case(small(), "--replications", args=("--replications", "100000000")),
    "lang_xx": Case(small(), "not a language", args=("--lang", "xx")),
    "set_twice_cli": Case(small(), "give each field once", ("run.seed=1", "run.seed=2")),
}


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    """A hang (a named pipe read without end) fails the test instead of the suite."""
    if sys.platform == "win32":  # pragma: no cover
        yield
        return

    def stop(*_: object) -> None:
        raise TimeoutError("hung")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def _plain(output: str) -> str:
    """CLI output without the box drawing of option errors, on one line."""
    return " ".join(re.sub("[│╭╮╰╯─]", " ", output).split())


def _invoke(case: Case, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    path = case.make(inputs)
    before = _tree(tmp_path)
    monkeypatch.chdir(work)
    args = [command, str(path), *case.args]
    if command == "run":
        args += ["--no-report"]
    for item in case.sets:
        args += ["--set", item]
    result = CliRunner().invoke(app, args)
    out = _plain(result.output)
    assert result.exit_code == 2, out
    assert result.exception is None or isinstance(result.exception, SystemExit), out
    assert "Traceback" not in result.output
    assert _plain(case.words) in out, out
    for word in case.absent:
        assert word not in out, out
    assert _tree(tmp_path) == before  # nothing written: no results/, no temporaries


@pytest.mark.parametrize("command", ["validate", "run"])
@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_refused_with_message_and_nothing_written(
    case: Case, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _invoke(case, command, tmp_path, monkeypatch)


@pytest.mark.parametrize("case", CLI_ONLY.values(), ids=list(CLI_ONLY))
def test_cli_options_refused_before_anything_runs(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _invoke(case, "run", tmp_path, monkeypatch)


@pytest.mark.parametrize("command", ["report", "browse"])
def test_lang_checked_up_front(command: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, [command, str(tmp_path), "--lang", "xx"])
    assert result.exit_code == 2
    assert "not a language" in _plain(result.output)
    assert list(tmp_path.iterdir()) == []


# --- what must still work -------------------------------------------------------------


def test_decomposed_name_is_normalised(tmp_path: Path) -> None:
    """``Å`` typed as A + combining ring is the same name as ``Å``."""
    decomposed = "A\u030arhus"
    path = small("name: Aarhus", f"name: {decomposed}")(tmp_path)
    s = load_scenario(path, {f"municipalities.{decomposed}.labour_demand": "1.1"})
    assert s.municipalities[1].name == "Århus"
    assert s.municipalities[1].labour_demand == 1.1


def test_decomposed_name_refused_shows_what_is_wrong(tmp_path: Path) -> None:
    path = small("name: Aarhus", "name: Cafe\u0301")(tmp_path)  # é: not a name letter
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert "it contains 'é'" in str(err.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("012", 12), ("1_000", 1000), ("0x10", 16), ("30", 30)],
)
def test_numbers_read_as_decimal(text: str, expected: int, tmp_path: Path) -> None:
    """Leading zeros are decimal (YAML 1.1 read ``012`` as octal 10)."""
    s = load_scenario(small()(tmp_path), {"run.seed": text})
    assert s.run.seed == expected


def test_extends_outside_allowed_when_asked(tmp_path: Path) -> None:
    path = _extends("../outside.yaml")(tmp_path)
    with pytest.raises(ScenarioError) as err:
        load_scenario(path, allow_extends_outside=True)
    assert SECRET in str(err.value)  # read because the user said so: its keys are checked
    (tmp_path / "outside.yaml").write_text(SMALL, encoding="utf-8")
    assert load_scenario(path, allow_extends_outside=True).name == "child"
    result = CliRunner().invoke(app, ["validate", str(path), "--allow-extends-outside"])
    assert result.exit_code == 0, result.output


def test_extends_inside_the_tree_still_works(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(SMALL, encoding="utf-8")
    sub = tmp_path / "variants"
    sub.mkdir()
    (sub / "v.yaml").write_text("extends: ../base.yaml\nname: v\n", encoding="utf-8")
    (tmp_path / "top.yaml").write_text("extends: variants/v.yaml\nname: top\n",
                                       encoding="utf-8")
    # the tree is that of the file named: top.yaml's folder holds base.yaml and variants/
    assert load_scenario(tmp_path / "top.yaml").name == "top"


def test_age_at_the_edges_is_accepted(tmp_path: Path) -> None:
    s = load_scenario(small()(tmp_path),
                      {"population.kontanthjaelp": "{age_min: 66, age_mean: 66, age_sd: 0}"})
    assert s.population.kontanthjaelp.age_min == 66


def test_bounds_at_their_limits_are_accepted(tmp_path: Path) -> None:
    s = load_scenario(
        small()(tmp_path),
        {
            "arms.jobfirst.organisation.caseload": "1",
            "arms.control.organisation.caseload": "500",
            "municipalities.Odense.weight": "1e6",
            "run.seed": str(SEED_MAX),
            "run.replications": str(REPLICATIONS_MAX),
        },
    )
    assert s.run.seed == SEED_MAX


def test_cli_seed_and_replications_take_the_schema_bounds() -> None:
    """One constant: the CLI's caps are the schema's caps."""
    from jobfirst_sim.scenario.schema import RunSettings

    schema = RunSettings.model_json_schema()["properties"]
    assert schema["replications"]["maximum"] == REPLICATIONS_MAX
    assert max(b.get("maximum", 0) for b in schema["seed"]["anyOf"]) == SEED_MAX


@pytest.mark.slow
def test_shipped_scenarios_and_experiments_still_load() -> None:
    from jobfirst_sim.run.sweep.experiment import load_experiment

    scenarios = sorted((ROOT / "scenarios").glob("*.yaml"))
    result = CliRunner().invoke(app, ["validate", *map(str, scenarios)])
    assert result.exit_code == 0, result.output
    for exp in sorted((ROOT / "experiments").glob("*.yaml")):
        assert load_experiment(exp).points
