"""The HTML report of a real run and of broken runs, and the ``jobfirst report`` command."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from report_support import as_go, older_run_copy, real_run_dir
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.report import build_report, make_report

PLOTLY_BANNER = "plotly.js v"  # the license banner at the top of the bundle


@pytest.fixture(scope="module")
def run_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the real run, so tests may write reports into it."""
    dst = tmp_path_factory.mktemp("run") / "run"
    shutil.copytree(real_run_dir(), dst)
    return dst


def test_real_run_report_is_self_contained(run_copy: Path) -> None:
    result = make_report(run_copy, lang="da")
    html = result.path.read_text(encoding="utf-8")
    assert result.path == run_copy / "report.html"
    assert result.problems == []
    assert len(result.figures) >= 15
    assert html.count(PLOTLY_BANNER) == 1  # plotly.js embedded exactly once
    assert html.count("Plotly.newPlot(") == len(result.figures)
    assert not re.search(r"<script[^>]+src=", html)  # nothing fetched
    assert 'lang="da"' in html and "Kort fortalt" in html and "Sammenligning med forsøget" in html
    assert '"separators":",."' in html
    assert not list(run_copy.glob(".report.html.*"))  # atomic: no temp file left


def test_english_and_out_path(run_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "r.html"
    assert build_report(run_copy, lang="en", out=out) == out
    html = out.read_text(encoding="utf-8")
    assert "In short" in html and "Comparison with the trial" in html
    assert '"separators":".,"' in html


def test_citizen_option_picks_that_citizen(run_copy: Path, tmp_path: Path) -> None:
    result = make_report(run_copy, out=tmp_path / "r.html", citizen="7")
    assert as_go(result.figures["journey"]).layout.title.text == "Borger 7: uge for uge"
    result = make_report(run_copy, out=tmp_path / "r2.html", citizen="no-such-id")
    assert "findes ikke" in (tmp_path / "r2.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("damage", ["missing", "corrupt", "columns", "empty_dir"])
def test_broken_run_explains_what_is_missing(tmp_path: Path, damage: str) -> None:
    run = older_run_copy(tmp_path / "run")
    if damage == "missing":
        (run / "weekly.parquet").unlink()
    elif damage == "corrupt":
        (run / "funnel.parquet").write_bytes(b"not parquet")
    elif damage == "columns":
        import pandas as pd

        pd.DataFrame({"replication": [0], "arm": ["x"]}).to_parquet(run / "staff.parquet")
    else:
        shutil.rmtree(run)
        run.mkdir()
    result = make_report(run, lang="en")
    html = result.path.read_text(encoding="utf-8")
    assert 'id="missing"' in html and "What is missing from the run directory" in html
    expected = {"missing": "weekly.parquet", "corrupt": "funnel.parquet",
                "columns": "staff.parquet", "empty_dir": "outcomes.parquet"}[damage]
    assert any(p.what == expected for p in result.problems)
    if damage != "empty_dir":
        assert len(result.figures) >= 8  # the rest of the report is still there


def test_missing_directory_raises_clearly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        build_report(tmp_path / "nope")
    with pytest.raises(ValueError, match="language"):
        build_report(tmp_path, lang="sv")


def test_cli_report(run_copy: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["report", str(run_copy), "--lang", "en", "--out",
                              str(tmp_path / "x.html")])
    assert res.exit_code == 0, res.output
    assert "report:" in res.output and (tmp_path / "x.html").exists()
    res = runner.invoke(app, ["report", str(tmp_path / "nope")])
    assert res.exit_code == 2 and "does not exist" in res.output
    res = runner.invoke(app, ["report", str(run_copy), "--lang", "sv"])
    assert res.exit_code == 2 and "--lang" in res.output


def test_cli_report_on_broken_run_lists_missing(tmp_path: Path) -> None:
    run = older_run_copy(tmp_path / "run")
    (run / "outcomes.parquet").unlink()
    res = CliRunner().invoke(app, ["report", str(run)])
    assert res.exit_code == 0
    assert "mangler: outcomes.parquet: filen findes ikke" in res.output  # --lang da
    assert "Traceback" not in res.output


def test_cli_png_without_kaleido_says_how_to_install(run_copy: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import jobfirst_sim.report.export as export

    monkeypatch.setattr(export, "kaleido_installed", lambda: False)
    res = CliRunner().invoke(app, ["report", str(run_copy), "--out", str(tmp_path / "r.html"),
                                   "--png", str(tmp_path / "png")])
    assert res.exit_code == 2
    assert "pip install kaleido" in res.output and "apt-get install" in res.output


def _missing_for_export() -> str | None:
    """What the optional static export lacks here, named precisely (or None)."""
    from jobfirst_sim.report import export

    missing = [name for name, ok in (("kaleido (pip install kaleido)", export.kaleido_installed()),
                                     ("a Chromium (bash .ci/install_browser.sh)",
                                      export.chromium_path() is not None)) if not ok]
    return " and ".join(missing) + " not installed" if missing else None


def test_png_export_with_kaleido(run_copy: Path, tmp_path: Path) -> None:
    missing = _missing_for_export()
    if missing:
        pytest.skip(f"optional static export: {missing} (see docs/report.md)")
    from jobfirst_sim.report.export import export_figures

    result = make_report(run_copy, out=tmp_path / "r.html")
    files = export_figures({"funnel": result.figures["funnel"]}, tmp_path / "png")
    assert files[0].read_bytes()[:4] == b"\x89PNG"


def test_a_report_built_before_the_rename_names_the_final_folder(tmp_path: Path) -> None:
    """``jobfirst run`` writes the report inside ``.<name>.partial-<hex>`` before the folder
    is renamed into place: "About this run" must name ``<name>``, not the temporary folder."""
    partial = tmp_path / f".my-run.partial-{'ab' * 16}"
    shutil.copytree(real_run_dir(), partial)
    html = make_report(partial, lang="en").path.read_text(encoding="utf-8")
    assert str(tmp_path / "my-run") in html
    assert ".partial-" not in html
