"""`jobfirst explain`: levers, common random numbers, the path adding up, the
command's files and messages (docs/explain.md)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from plotly.offline import get_plotlyjs
from small import near_pair, small_trial
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.decide.business import of_explain
from jobfirst_sim.decide.explain import (
    CASELOAD,
    COLUMNS,
    VIEW_INTERACTION,
    VIEW_OAT,
    VIEW_PATH,
    VIEW_TOTAL,
    ExplainRequest,
    Explanation,
    explain,
    find_levers,
    switch_levers,
)
from jobfirst_sim.decide.levers import role_caseloads
from jobfirst_sim.report.explain import beats, build_html
from jobfirst_sim.run.simulate import simulate
from jobfirst_sim.scenario import Scenario

ROOT = Path(__file__).resolve().parents[2]
TRIAL = ROOT / "scenarios" / "jobfirst_trial.yaml"
runner = CliRunner()

@pytest.fixture(scope="module")
def explained() -> Explanation:
    return explain(ExplainRequest(near_pair(), "control", "jobfirst", replications=3, seed=11))


def test_levers_of_the_trial_designs(small_scenario: Scenario):
    levers = {lv.name: lv for lv in find_levers(small_scenario, "control", "jobfirst")}
    # jobformidler alone would be a jobformidler in the BUM split (invalid): one lever
    assert "role_model+jobformidler" in levers
    assert "jobformidler" not in levers and "role_model" not in levers
    # organisation.caseload is shadowed by the municipalities: one effective lever
    assert levers[CASELOAD].fields == (CASELOAD,)
    assert "weekly_hours" not in levers  # the same in both designs
    assert {"cv_at_start", "social_effort", "purpose_mix", "aftercare_lifeline"} <= set(levers)
    every = list(levers.values())
    switched = switch_levers(small_scenario, "control", "jobfirst", every)
    a = next(x for x in switched.arms if x.name == "control").design
    b = next(x for x in switched.arms if x.name == "jobfirst").design
    # all of B's levers make A's design B's design, staffed at B's citizens per FTE
    # (written per municipality, so the arm-level caseload field may differ)
    plain = {"organisation": {"caseload", "staff"}}
    assert a.model_dump(exclude=plain) == b.model_dump(exclude=plain)
    ra, rb = role_caseloads(switched, "control"), role_caseloads(switched, "jobfirst")
    assert all(x == pytest.approx(y) for x, y in zip(ra, rb, strict=True))
    back = [lv.name for lv in find_levers(small_scenario, "jobfirst", "control")]
    assert "role_model+jobformidler" in back


def test_path_increments_add_up_to_total(explained: Explanation):
    assert [lv.name for lv in explained.levers] == [CASELOAD, "cv_at_start", "work_agreement"]
    total = explained.total()
    increments = np.sum([inc for _, inc in explained.path_increments()], axis=0)
    np.testing.assert_allclose(increments, total, rtol=0, atol=1e-12)
    assert [name for name, _ in explained.path] == explained.ranked()
    tab = explained.table()
    assert list(tab.columns) == list(COLUMNS)
    path = tab[tab["view"] == VIEW_PATH]
    tot = tab[tab["view"] == VIEW_TOTAL]["effect"].item()
    assert path["effect"].sum() == pytest.approx(tot, abs=1e-12)
    assert path["cumulative"].iloc[-1] == pytest.approx(tot, abs=1e-12)
    oat = tab[tab["view"] == VIEW_OAT]
    inter = tab[tab["view"] == VIEW_INTERACTION]["effect"].item()
    assert inter == pytest.approx(tot - oat["effect"].sum(), abs=1e-12)
    assert (tab["n_replications"] == 3).all()
    # the path's first step is the largest one-at-a-time lever, with the same effect
    first = path[path["order"] == 1].iloc[0]
    assert first["effect"] == pytest.approx(oat.set_index("lever").loc[first["lever"], "effect"])


def test_identical_designs_give_exactly_zero():
    same_caseload = {f"municipalities.{i}.caseload.{arm}": 38 + i
                     for i in range(15) for arm in ("control", "jobfirst")}
    scen = small_trial(n_kh=60, n_rf=20, weeks=80, **{"arms.control.design": "jobfirst"},
                       **same_caseload)
    assert find_levers(scen, "control", "jobfirst") == []
    res = explain(ExplainRequest(scen, "control", "jobfirst", replications=2, seed=5))
    tab = res.table().set_index("view")
    assert tab.loc[VIEW_TOTAL, "effect"] == 0.0  # exactly: same citizens, same draws
    assert tab.loc[VIEW_TOTAL, "ci_low"] == 0.0 and tab.loc[VIEW_TOTAL, "ci_high"] == 0.0
    assert tab.loc[VIEW_INTERACTION, "effect"] == 0.0


def test_a_variant_with_no_lever_switched_reproduces_a_exactly():
    scen = near_pair()
    same = switch_levers(scen, "control", "jobfirst", [])
    a = simulate(scen, 1, 7, agents=False, journeys_per_arm=0).outcomes
    b = simulate(same, 1, 7, agents=False, journeys_per_arm=0).outcomes
    pd.testing.assert_frame_equal(a, b, check_exact=True)


def test_explain_uses_the_seed_recipe_of_run():
    """No seed given: the scenario's run.seed, as `jobfirst run` does (run/manifest.py)."""
    scen = near_pair()
    req = ExplainRequest(scen, "control", "jobfirst", replications=1, seed=None)
    assert explain(req).request.seed == scen.run.seed


def test_english_page_uses_decimal_point(explained: Explanation):
    page, figures = build_html(explained, "en")
    assert len(figures) == 2
    assert '"separators":".,"' in page and "Work agreement" in page
    # "beats" only when the whole interval of the total is above 0 (never an unearned win)
    assert ("Why does" in page) == beats(explained)


SMALL_SETS = [
    # the noise-only answer these tests were written for (and fast whatever the size of
    # the shipped ensemble); test_explain_uncertainty.py covers --uncertainty parameters
    "--uncertainty", "noise",
    "--set", "arms.jobfirst.citizens.kontanthjaelp=60",
    "--set", "arms.jobfirst.citizens.ressourceforloeb=20",
    "--set", "arms.control.citizens.kontanthjaelp=60",
    "--set", "arms.control.citizens.ressourceforloeb=20",
    "--set", "run.weeks_followed=80", "--set", "population.intake_weeks=10",
    "--set", "arms.control.design=jobfirst",
    "--set", "arms.control.practice.cv_at_start=false",
    # the trial staffs the control in BUM roles; as a jobformidler arm it needs a caseload
    *[arg for i in range(15) for arg in ("--set", f"municipalities.{i}.caseload.control=50")],
]


@pytest.mark.slow
def test_cli_writes_tables_manifest_and_offline_page(tmp_path: Path):
    out = tmp_path / "ex"
    res = runner.invoke(app, ["explain", str(TRIAL), "--from", "control", "--to", "jobfirst",
                              "-r", "2", "--seed", "4", "--out", str(out), "--lang", "da",
                              *SMALL_SETS])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[0].startswith("Kort fortalt: ")  # progress went to stderr
    assert "caseload of 1.3" in res.stderr  # the shrunk test population: said, not stopped
    assert "CV fra første samtale" in res.output and "cv_at_start" not in res.output
    assert "Kun 2 gentagelser" in res.output
    tab = pd.read_parquet(out / "explain.parquet")
    assert list(tab.columns) == list(COLUMNS)
    assert set(tab["lever"][tab["view"] == VIEW_OAT]) == {CASELOAD, "cv_at_start"}
    meta = json.loads((out / "explain.json").read_text())
    assert meta["root_seed"] == 4 and meta["from"] == "control" and meta["to"] == "jobfirst"
    assert len(meta["config_hash"]) == 64 and {"numpy", "mesa"} <= set(meta["versions"])
    assert meta["kind"] == "explain" and meta["replication_seeds"][1]["spawn_key"] == [1]
    assert meta["workers"] == (os.cpu_count() or 1)  # default: all cores
    assert {"command", "started", "seconds", "files", "seed_derivation"} <= set(meta)
    page = (out / "explain.html").read_text(encoding="utf-8")
    external = re.findall(r"<(?:script|link|img|iframe)\b[^>]*(?:src|href)\s*=\s*[\"']?https?:",
                          page, flags=re.IGNORECASE)
    assert external == []
    assert page.count(get_plotlyjs()[:200]) == 1  # plotly.js embedded exactly once
    assert '"separators":",."' in page  # Danish decimal comma
    assert "Sagsstamme" in page


@pytest.mark.parametrize(("args", "words"), [
    (["--from", "nope", "--to", "jobfirst"], ["'nope'", "jobfirst, control"]),
    (["--from", "control", "--to", "jobfirts"], ["'jobfirts'", "jobfirst, control"]),
    (["--from", "control", "--to", "jobfirst", "--benefit", "kontant"], ["kontanthjaelp"]),
    (["--from", "control", "--to", "jobfirst", "--lang", "de"], ["da, en"]),
])
def test_cli_bad_input_is_one_message_and_exit_2(tmp_path: Path, args: list[str],
                                                words: list[str]):
    out = tmp_path / "o"
    res = runner.invoke(app, ["explain", str(TRIAL), *args, "--out", str(out)])
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    for word in words:
        assert word in res.output
    assert not out.exists()


@pytest.mark.slow
def test_cli_unknown_metric_lists_the_metrics(tmp_path: Path):
    res = runner.invoke(app, ["explain", str(TRIAL), "--from", "control", "--to", "jobfirst",
                              "--metric", "happiness", "-r", "1", "--out", str(tmp_path / "o"),
                              *SMALL_SETS])
    assert res.exit_code == 2, res.output
    assert "happiness" in res.output and "share_with_hours_w78" in res.output
    assert "Traceback" not in res.output


@pytest.mark.slow
def test_cli_keeps_an_existing_folder_unless_overwrite(tmp_path: Path):
    out = tmp_path / "ex"
    args = ["explain", str(TRIAL), "--from", "control", "--to", "jobfirst", "-r", "1",
            "--seed", "4", "--out", str(out), *SMALL_SETS]
    assert runner.invoke(app, args).exit_code == 0
    first = (out / "explain.json").read_bytes()
    res = runner.invoke(app, args)  # again, without --overwrite: refused before simulating
    assert res.exit_code == 2, res.output
    assert "--overwrite" in res.output and "Traceback" not in res.output
    assert (out / "explain.json").read_bytes() == first  # nothing lost
    res = runner.invoke(app, [*args, "--overwrite"])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == sorted([
        "explain.html", "explain.json", "explain.parquet", "explain_runs.parquet",
        *of_explain.BOOK_FILES.values(), of_explain.YEARS_FILE,  # the business case
        "explain.xlsx", "explain.csv"])  # the workbook
    # a folder of someone else's files is never replaced, not even with --overwrite
    other = tmp_path / "notes"
    other.mkdir()
    (other / "keep.txt").write_text("earlier work", encoding="utf-8")
    res = runner.invoke(app, [*args[:-len(SMALL_SETS) - 2], "--out", str(other), *SMALL_SETS,
                              "--overwrite"])
    assert res.exit_code == 2, res.output
    assert (other / "keep.txt").read_text(encoding="utf-8") == "earlier work"


@pytest.mark.slow
def test_cli_shapley_writes_the_fair_split_and_says_it_in_words(tmp_path: Path):
    out = tmp_path / "sh"
    res = runner.invoke(app, ["explain", str(TRIAL), "--from", "control", "--to", "jobfirst",
                              "-r", "2", "--seed", "4", "--out", str(out), "--shapley",
                              *SMALL_SETS])
    assert res.exit_code == 0, res.output
    assert "Fair fordeling (Shapley-værdier, præcis, alle koalitioner)" in res.output
    assert "cv_at_start" not in res.output  # the registry's words, not field names
    tab = pd.read_parquet(out / "shapley.parquet")
    parts = tab[tab["lever"] != "total"]
    total = tab[tab["lever"] == "total"]["effect"].item()
    assert parts["effect"].sum() == pytest.approx(total, abs=1e-12)
    files = json.loads((out / "explain.json").read_text())["files"]
    assert {"shapley.parquet", "explain.xlsx", "explain.csv"} <= set(files)
    assert all((out / name).is_file() for name in files)
    page = (out / "explain.html").read_text(encoding="utf-8")
    assert "Fair fordeling mellem grebene (Shapley-værdier)" in page
