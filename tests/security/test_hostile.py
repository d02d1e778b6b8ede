"""Hostile labels and quotes stay inert text in every output: terminal tables, CSV,
the report, the HTML (see also tests/browser/test_graph_html.py)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.cli.output import safe_text
from bilateral.graph.views.page import html_document
from bilateral.graph.views.render import render

runner = CliRunner()
HOSTILE = Path(__file__).parent.parent / "data" / "hostile"


def test_terminal_tables_show_markup_as_text() -> None:
    result = runner.invoke(
        app, ["query", "SELECT ?l WHERE { ?s rdfs:label ?l }", "--data", str(HOSTILE)]
    )
    assert result.exit_code == 0
    assert "<img src=x onerror=window.__xss=1>" in result.stdout
    assert "\x1b" not in result.stdout and "\u2028" not in result.stdout
    assert "\\u2028" in result.stdout  # the line separator is shown, escaped


def test_rich_markup_is_not_interpreted(capsys) -> None:
    from bilateral.cli.output import print_table

    print_table(["x"], [["[bold red]not markup[/]"]])
    assert "[bold red]not markup[/]" in capsys.readouterr().out


def test_control_characters_and_long_strings() -> None:
    assert safe_text("a\x1b[31mred") == "a\\x1b[31mred"
    assert safe_text("\u2029") == "\\u2029"
    long = safe_text("x" * 10_000)
    assert len(long) == 500 and long.endswith("…")


def test_csv_outputs_neutralise_formulas(tmp_path: Path) -> None:
    result = runner.invoke(app, ["centrality", "--format", "csv", "--data", str(HOSTILE)])
    assert result.exit_code == 0
    labels = {row["label"] for row in csv.DictReader(io.StringIO(result.stdout))}
    assert '\'=HYPERLINK("http://evil")' in labels
    q = runner.invoke(
        app,
        [
            "query",
            "SELECT ?l WHERE { ?s rdfs:label ?l }",
            "--format",
            "csv",
            "--data",
            str(HOSTILE),
        ],
    )
    assert "'@SUM(1) pressure" in q.stdout and "\n=HYPERLINK" not in q.stdout


def test_report_escapes_hostile_labels(tmp_path: Path) -> None:
    from bilateral.graph.views.report import md

    text = md("<script>alert(1)</script> | [link](javascript:x) `code`")
    assert "<" not in text and "\\|" in text and "\\[" in text and "\\`" in text


def test_html_has_no_raw_hostile_markup() -> None:
    text = html_document(render(bilateral.load([HOSTILE])))
    for needle in ("<img src=x", "</script><script>window", '<a href="javascript'):
        assert needle not in text


def test_rtl_and_line_separators_survive_as_data() -> None:
    g = bilateral.load([HOSTILE])
    df = bilateral.query(g, "SELECT ?l WHERE { bid:rtl rdfs:label ?l }")
    assert "\u202e" in df.iloc[0]["l"] and "\u2028" in df.iloc[0]["l"]
