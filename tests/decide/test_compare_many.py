"""``jobfirst compare CURRENT A B`` / ``--from ARM --to A --to B`` (decide/compare_many.py):
each proposal's row is exactly what ``compare CURRENT A`` reports with the same seed and
replications, today's design runs once for all of them, bad input gets a message naming
the design, and the folder, page and terminal table are written in both languages."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from small import ROOT
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.cli.terminal import fit
from jobfirst_sim.decide import compare as cmp
from jobfirst_sim.decide import compare_many as cm
from jobfirst_sim.report.compare_many import build_html, terminal_text
from jobfirst_sim.scenario import Scenario, build_scenario, load_raw, with_changes
from jobfirst_sim.scenario.loader import apply_overrides

ARMS = ("jobfirst", "bum70", "control")


def three_arms(**extra: object) -> dict[str, Any]:
    """bum_caseload70.yaml (JobFirst, JobFirst practice in BUM at 70, the normal effort)
    with a few citizens per arm and a short follow-up, as raw data."""
    raw = load_raw(ROOT / "scenarios" / "bum_caseload70.yaml")
    over: dict[str, object] = {f"arms.{a}.citizens.{b}": n for a in ARMS
                               for b, n in (("kontanthjaelp", 30), ("ressourceforloeb", 10))}
    return apply_overrides(raw, {**over, "run.weeks_followed": 60,
                                 "population.intake_weeks": 5, **extra})


def scenario(mode: str) -> Scenario:
    return build_scenario(three_arms(arms_mode=mode), "three")


OPTIONS: dict[str, Any] = {"replications": 2, "seed": 7}


@pytest.fixture(scope="module", params=["alternatives", "trial"])
def many_arms(request: pytest.FixtureRequest) -> tuple[Scenario, cm.ManyComparison]:
    s = scenario(request.param)
    return s, cm.run_many(cm.arms_many(s, "control", ["jobfirst", "bum70"], **OPTIONS))


def test_each_row_is_the_single_comparison(many_arms):
    s, many = many_arms
    assert many.shared
    table = cm.summary_table(many).set_index("design")
    for arm in ("jobfirst", "bum70"):
        single = cmp.run_compare(cmp.from_arms(s, "control", arm, **OPTIONS))
        pd.testing.assert_frame_equal(single.outcomes(), many.comparisons[arm].outcomes())
        pd.testing.assert_frame_equal(single.weekly(), many.comparisons[arm].weekly())
        head = cmp.headline_of(single, "control")
        assert head == many.headlines()[arm]
        row = table.loc[arm]
        assert row["difference"] == head.difference
        assert (row["ci_low"], row["ci_high"]) == (head.ci_low, head.ci_high)
        costs, _ = cm.net_cost_a_year(single)
        for payer, (cost, payback) in costs.items():
            assert row[f"{payer}_net_cost_a_year"] == cost.mean
            assert (None if pd.isna(row[f"{payer}_payback_year"])
                    else int(row[f"{payer}_payback_year"])) == payback


def test_today_runs_once_for_every_proposal():
    alternatives = cm.arms_many(scenario("alternatives"), "control", ["jobfirst", "bum70"],
                                **OPTIONS)
    trial = cm.arms_many(scenario("trial"), "control", ["jobfirst", "bum70"], **OPTIONS)
    assert cm.planned_simulations(alternatives) == 2 * 3  # today + 2 proposals
    assert cm.planned_simulations(trial) == 2  # one world holds every arm


def test_files_each_row_is_the_single_comparison():
    cur = scenario("alternatives")
    a = with_changes(cur, {"arms.control.practice.cv_at_start": True})
    b = with_changes(cur, {"arms.control.practice.work_agreement": True})
    opts = {**OPTIONS, "horizons": (26,)}
    many = cm.run_many(cm.files_many(cur, [("a", a), ("b", b)], label_current="today",
                                     **opts))
    assert many.shared and list(many.comparisons) == ["a", "b"]
    single = cmp.run_compare(cmp.from_files(cur, b, label_current="today",
                                            label_proposed="b", **opts))
    pd.testing.assert_frame_equal(single.outcomes(), many.comparisons["b"].outcomes())
    assert cmp.headline_of(single, cur.arms[0].name) == many.headlines()["b"]


@pytest.mark.parametrize(("to", "message"), [
    (["jobfirst", "jobfirst"], "--to jobfirst is given twice"),
    (["jobfirst", "control"], "--to control is the current design"),
    (["jobfirst", "nobody"], "nobody"),
])
def test_bad_arms_are_named(to, message):
    with pytest.raises(cmp.CompareError, match=re.escape(message)):
        cm.arms_many(scenario("alternatives"), "control", to, **OPTIONS)


def test_an_arm_with_today_s_design_is_refused():
    raw = three_arms(arms_mode="alternatives")
    raw2 = copy.deepcopy(raw)
    for arm in raw2["arms"]:
        if arm["name"] == "bum70":
            arm.clear()
            arm.update({"name": "bum70", "design": "normal_effort",
                        "citizens": {"kontanthjaelp": 30, "ressourceforloeb": 10}})
    with pytest.raises(cmp.CompareError, match="same design as the current one"):
        cm.arms_many(build_scenario(raw2, "same"), "control", ["jobfirst", "bum70"])


def test_files_equal_to_today_or_to_each_other_are_refused():
    cur = scenario("alternatives")
    a = with_changes(cur, {"arms.control.practice.cv_at_start": True})
    with pytest.raises(cmp.CompareError, match="is the current design today itself"):
        cm.files_many(cur, [("a", a), ("same", with_changes(cur, {"name": "same"}))],
                      label_current="today")
    with pytest.raises(cmp.CompareError, match="b and a describe the same design"):
        cm.files_many(cur, [("a", a), ("b", with_changes(a, {"name": "b"}))],
                      label_current="today")
    with pytest.raises(cmp.CompareError, match="a is given twice"):
        cm.files_many(cur, [("a", a), ("a", a)], label_current="today")


RAW_WORDS = re.compile(r"\b(False|True|None|false|true|nan|NaN)\b")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_page_and_terminal_in_both_languages(many_arms, lang):
    _, many = many_arms
    page, figures = build_html(many, lang)
    assert len(figures) == 1
    dots = [tr for tr in figures[0]["data"] if tr.get("mode") == "markers"]
    colours = {tr["marker"]["color"] for tr in dots}
    assert len(dots) == len(colours) == 2  # one colour per proposal
    visible = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", page, flags=re.S)
    assert not RAW_WORDS.search(visible), RAW_WORDS.search(visible)
    assert "jobfirst/compare.html" in page and "bum70/compare.html" in page
    text = terminal_text(many, lang)
    assert ("Forslag" if lang == "da" else "Proposal") in text
    assert all(len(line) <= 80 for line in fit(text, 80).split("\n"))


def _files(tmp_path: Path) -> list[Path]:
    base = ("name: today\narms:\n  - name: jc\n    design: normal_effort\n"
            "    citizens: {kontanthjaelp: 40, ressourceforloeb: 12}\n"
            "    organisation: {caseload: 60}\n"
            "population: {intake_weeks: 5}\nrun: {weeks_followed: 30}\n")
    out = [tmp_path / "today.yaml"]
    out[0].write_text(base, encoding="utf-8")
    for name, load in (("jf30", 30), ("jf45", 45)):
        path = tmp_path / f"{name}.yaml"
        path.write_text(f"extends: today.yaml\nname: {name}\narms:\n  - name: jc\n"
                        "    design: jobfirst\n    citizens: {kontanthjaelp: 40, "
                        f"ressourceforloeb: 12}}\n    organisation: {{caseload: {load}}}\n",
                        encoding="utf-8")
        out.append(path)
    return out


def test_cli_several_files_write_one_folder(tmp_path: Path):
    files = _files(tmp_path)
    out = tmp_path / "many"
    args = ["compare", *map(str, files), "-r", "2", "--seed", "1", "--uncertainty", "noise",
            "--out", str(out), "-w", "1", "--lang", "en"]
    res = CliRunner().invoke(app, args, env={"COLUMNS": "90"})
    assert res.exit_code == 0, res.output
    assert "Payback" in res.output
    for name in ("compare_many.json", "compare_many.parquet", "compare_many.csv",
                 "compare.html", "jf30/compare.json", "jf45/compare.html"):
        assert (out / name).is_file(), name
    meta = json.loads((out / "compare_many.json").read_text(encoding="utf-8"))
    assert meta["kind"] == "compare_many" and meta["current_ran_once"]
    assert [d["design"] for d in meta["designs"]] == ["jf30", "jf45"]
    single = json.loads((out / "jf45" / "compare.json").read_text(encoding="utf-8"))
    assert meta["headlines"]["jf45"] == single["headline"]
    assert set(meta["designs"][0]["headline"]) == set(single["headline"])
    table = pd.read_csv(out / "compare_many.csv", encoding="utf-8-sig")
    assert list(table["Proposal"]) == ["jf30", "jf45"]  # labelled, in the run's language
    assert table["Difference (proposal − today)"].dtype.kind == "f"
    book = openpyxl.load_workbook(out / "compare_many.xlsx")
    assert book.sheetnames == ["Proposals against today"]
    assert (out / "jf30" / "compare.xlsx").is_file()
    again = CliRunner().invoke(app, [*args, "--overwrite"])
    assert again.exit_code == 0, again.output
    # the folder read back gives the same table, and its pages again in Danish
    back = cm.load_many(out)
    pd.testing.assert_frame_equal(back.table(), pd.read_parquet(out / "compare_many.parquet"))
    page = CliRunner().invoke(app, ["report", str(out), "--lang", "da"])
    assert page.exit_code == 0, page.output
    for name in ("compare.html", "jf30/compare.html"):
        assert '<html lang="da">' in (out / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(("extra", "message"), [
    (["{1}"], "is given twice"),
    (["{0}"], "is the CURRENT file itself"),
])
def test_cli_bad_files_get_a_message_not_a_traceback(tmp_path: Path, extra, message):
    files = _files(tmp_path)
    args = [str(f) for f in files] + [e.format(*map(str, files)) for e in extra]
    res = CliRunner().invoke(app, ["compare", *args, "-r", "1", "--uncertainty", "noise",
                                   "--out", str(tmp_path / "x")])
    assert res.exit_code == 2, res.output
    assert message in res.output and "Traceback" not in res.output


def test_cli_repeated_to_gets_a_message_for_a_design_given_twice():
    path = ROOT / "scenarios" / "bum_caseload70.yaml"
    res = CliRunner().invoke(app, ["compare", str(path), "--from", "control", "--to", "bum70",
                                   "--to", "bum70", "-r", "1", "--uncertainty", "noise"])
    assert res.exit_code == 2
    assert "--to bum70 is given twice" in res.output and "Traceback" not in res.output


def test_requests_that_cannot_share_today_run_pair_by_pair():
    """The guard of the shared run: a request with another seed runs on its own, exactly
    as the single compare."""
    from dataclasses import replace

    cur = scenario("alternatives")
    a = with_changes(cur, {"arms.control.practice.cv_at_start": True})
    b = with_changes(cur, {"arms.control.practice.work_agreement": True})
    opts = {"replications": 1, "seed": 3, "horizons": (26,)}
    req = cm.files_many(cur, [("a", a), ("b", b)], label_current="today", **opts)
    apart = cm.ManyRequest(req.keys, (req.requests[0], replace(req.requests[1], seed=4)))
    assert cm.planned_simulations(apart) == 4
    many = cm.run_many(apart)
    assert not many.shared
    single = cmp.run_compare(cmp.from_files(cur, b, label_current="today",
                                            label_proposed="b", **{**opts, "seed": 4}))
    pd.testing.assert_frame_equal(single.outcomes(), many.comparisons["b"].outcomes())


def test_designs_wear_the_single_compare_colours(many_arms):
    """The first proposal is blue as on its own compare page; no proposal wears today's
    orange, so a design is never mistaken for today across pages."""
    from jobfirst_sim.decide.compare import CURRENT, PROPOSED
    from jobfirst_sim.report.compare import COLOURS
    from jobfirst_sim.report.compare_many import design_colours

    _, many = many_arms
    colours = design_colours(many)
    assert colours["jobfirst"] == COLOURS[PROPOSED]
    assert COLOURS[CURRENT] not in colours.values()
    assert len(set(colours.values())) == len(colours)
