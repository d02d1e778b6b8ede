"""Standard input and output, shell completion, optional parts, the licence files."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from bilateral.cli import app

ROOT = Path(__file__).parent.parent.parent
runner = CliRunner()


def test_out_dash_writes_to_stdout(data_dir: Path) -> None:
    tiny = ["--data", str(data_dir / "tiny")]
    result = runner.invoke(app, ["export", "--format", "nt", "--out", "-", *tiny])
    assert result.exit_code == 0, result.output
    assert len(Graph().parse(data=result.stdout, format="nt")) > 10
    result = runner.invoke(app, ["render", "--out", "-", *tiny])
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    bad = runner.invoke(app, ["export", "--format", "csv", "--out", "-", *tiny])
    assert bad.exit_code == 2 and "writes a folder" in bad.stderr


def test_draft_dash_is_the_only_thing_on_stdout(data_dir: Path) -> None:
    brief = data_dir / "second-dyad" / "valdoria-brief.txt"
    result = runner.invoke(app, ["curate", str(brief), "--draft", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("@prefix") and len(Graph().parse(data=result.stdout)) > 7
    assert "sentences covered" in result.stderr


def test_shell_completion_is_on() -> None:
    result = runner.invoke(app, ["--help"])
    assert "--install-completion" in result.stdout


def test_plots_without_matplotlib_say_what_to_install(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    result = runner.invoke(
        app, ["dependence", "belarus", "russia", "--plot", str(tmp_path / "p.png")]
    )
    assert result.exit_code == 2
    assert "pip install 'bilateral[plot]'" in result.stderr


def test_licence_files() -> None:
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    notice = (ROOT / "DATA-NOTICE.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in notice and "excerpt" in notice


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_a_report_written_into_a_data_folder_leaves_it_loadable(tmp_path: Path) -> None:
    """`report --out mydata/out` used to make `mydata` unloadable (issue 16): files that
    are not RDF are skipped with one note; the source texts the data declares are not
    named in it; a file named on its own must be RDF."""
    import shutil

    mydata = tmp_path / "mydata"
    shutil.copytree(ROOT / "tests" / "data" / "tiny", mydata)
    data = ["--data", str(mydata)]
    first = runner.invoke(app, ["report", "--out", str(mydata / "out"), *data])
    assert first.exit_code == 0, first.output
    assert {p.suffix for p in (mydata / "out").iterdir()} >= {".html", ".md", ".csv"}
    result = runner.invoke(app, ["validate", *data])
    assert result.exit_code == 0, result.output
    notes = result.stderr.strip().splitlines()
    assert len(notes) == 1 and notes[0].startswith("note: skipped "), result.stderr
    assert "graph.html" in notes[0] and "tiny-source.txt" not in notes[0]
    store = runner.invoke(app, ["load", "--store", str(tmp_path / "store"), str(mydata)])
    assert store.exit_code == 0 and store.stderr.count("note: skipped ") == 1, store.output
    explicit = runner.invoke(app, ["validate", "--data", str(mydata / "out" / "report.md")])
    assert explicit.exit_code == 2 and explicit.stderr.count("\n") == 1
    assert "unknown data format .md" in explicit.stderr


def test_an_output_never_replaces_its_input_data(tmp_path: Path) -> None:
    """``--out`` naming an input file, or an existing data file of an input folder, is
    one line and writes nothing (a panel's CSV over the Turtle it was made from)."""
    import shutil

    from typer.testing import CliRunner

    from bilateral.cli import app

    folder = tmp_path / "tiny"
    shutil.copytree(Path(__file__).parents[1] / "data" / "tiny", folder)
    before = (folder / "tiny.ttl").read_bytes()
    runner = CliRunner()
    cases = [
        ["export", "--data", str(folder / "tiny.ttl"), "--format", "nt",
         "--out", str(folder / "tiny.ttl")],
        ["panel", "--all-dyads", "--data", str(folder), "--out", str(folder / "tiny.ttl")],
    ]  # fmt: skip
    for args in cases:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert result.output.count("\n") == 1 and "would replace input data" in result.output
    assert (folder / "tiny.ttl").read_bytes() == before
    fresh = runner.invoke(app, ["export", "--data", str(folder), "--format", "nt",
                                "--out", str(tmp_path / "out.nt")])  # fmt: skip
    assert fresh.exit_code == 0, fresh.output
