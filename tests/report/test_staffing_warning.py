"""Implausible staffing (citizens per FTE outside 5-250) is said on the report page as well
as in the terminal, naming the arm and role; plausible staffing says nothing."""

from __future__ import annotations

import json
from pathlib import Path

from report_support import make_fake_run

from jobfirst_sim.report.data import load_run
from jobfirst_sim.report.run import build_sections
from jobfirst_sim.report.run_overview import implausible_staffing, staffing_lines


def staffing(load: float) -> dict[str, dict[str, dict[str, float]]]:
    return {"jobfirst": {"jobformidler": {"fte": 2.0, "citizens_per_fte": load}},
            "control": {"caseworker": {"fte": 3.0, "citizens_per_fte": 55.0}}}


def test_warning_names_arm_and_role_only_when_outside_the_range():
    assert implausible_staffing(staffing(41.0), ["jobfirst", "control"], "en") == ""
    text = implausible_staffing(staffing(400.0), ["jobfirst", "control"], "en")
    assert "400.0" in text and "5" in text and "250" in text
    assert any("!" in line for line in staffing_lines(staffing(2.0), ["jobfirst"], "da"))


def _organisation_html(tmp_path: Path, load: float, lang: str) -> str:
    run = make_fake_run(tmp_path / f"run{load}", reps=2)
    (run / "summary.json").write_text(json.dumps({"staffing": staffing(load)}),
                                      encoding="utf-8")
    sections, _ = build_sections(load_run(run), lang)
    org = next(s for s in sections if s.key == "organisation")
    return "".join(b for b in org.blocks if isinstance(b, str))


def test_the_report_page_says_it_too(tmp_path: Path):
    assert 'class="warning"' in _organisation_html(tmp_path, 400.0, "da")
    assert 'class="warning"' not in _organisation_html(tmp_path, 41.0, "en")
