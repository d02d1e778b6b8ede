"""``-`` for standard input (issue 15): ``query --file -`` reads the query, ``--data -``
reads RDF in the syntax ``--data-format`` names or its text shows; what does not parse
is one error line and a non-zero exit."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import DataSyntaxError, InputError
from bilateral.graph.source.naming import STDIN_GRAPH

runner = CliRunner()
GRAPHS = "SELECT ?g ?l WHERE { GRAPH ?g { <https://e.org/a> <https://e.org/p> ?l } }"
SYNTAXES = {
    "turtle": '@prefix e: <https://e.org/> .\ne:a e:p "x", "y" .\n',
    "nt": '<https://e.org/a> <https://e.org/p> "x" .\n<https://e.org/a> <https://e.org/p> "y" .\n',
    "trig": '@prefix e: <https://e.org/> .\ne:g1 { e:a e:p "x" . }\ne:g2 { e:a e:p "y" . }\n',
    "nquads": (
        '<https://e.org/a> <https://e.org/p> "x" <https://e.org/g1> .\n'
        '<https://e.org/a> <https://e.org/p> "y" <https://e.org/g2> .\n'
    ),
}
GRAPH_NAMES = {
    "turtle": {STDIN_GRAPH},
    "nt": {STDIN_GRAPH},
    "trig": {"https://e.org/g1", "https://e.org/g2"},
    "nquads": {"https://e.org/g1", "https://e.org/g2"},
}


def _rows(output: str) -> list[dict[str, str]]:
    doc = json.loads(output)
    return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]


def test_query_file_dash_reads_the_query_from_stdin() -> None:
    sparql = "SELECT ?l WHERE { bid:belarus rdfs:label ?l }"
    result = runner.invoke(app, ["query", "--format", "json", "--file", "-"], input=sparql)
    assert result.exit_code == 0, result.output
    assert _rows(result.stdout) == [{"l": "Belarus"}]


@pytest.mark.parametrize("text", ["", "  \n"])
def test_an_empty_query_on_stdin_is_one_error_line(text: str) -> None:
    result = runner.invoke(app, ["query", "--file", "-"], input=text)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == ["error: the query on standard input is empty"]


@pytest.mark.parametrize("syntax", list(SYNTAXES))
@pytest.mark.parametrize("named", [False, True])
def test_data_dash_reads_rdf_from_stdin(syntax: str, named: bool) -> None:
    fmt = ["--data-format", syntax] if named else []  # else guessed from the text
    args = ["query", "--format", "json", "--data", "-", *fmt, GRAPHS]
    result = runner.invoke(app, args, input=SYNTAXES[syntax])
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout)
    assert sorted(r["l"] for r in rows) == ["x", "y"]
    assert {r["g"] for r in rows} == GRAPH_NAMES[syntax]  # TriG and N-Quads keep graphs


def test_data_format_aliases_and_unknown_names() -> None:
    args = ["query", "--format", "json", "--data", "-", "--data-format", "nq", GRAPHS]
    assert runner.invoke(app, args, input=SYNTAXES["nquads"]).exit_code == 0
    bad = runner.invoke(app, [*args[:-2], "yaml", GRAPHS], input=SYNTAXES["nquads"])
    assert bad.exit_code == 2
    assert "unknown data format 'yaml'" in bad.stderr and len(bad.stderr.splitlines()) == 1
    no_stdin = runner.invoke(app, ["query", "--data-format", "nt", "ASK {}"])
    assert no_stdin.exit_code == 2 and "--data -" in no_stdin.stderr


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ("this is not RDF\n", None, "(the format was guessed"),
        ('"x" <https://e.org/p> "y" .\n', None, "N-Quads syntax error"),
        ('@prefix e: <https://e.org/> .\ne:a e:p "x" .\n', "nt", "N-Triples syntax error"),
        ('<https://e.org/a> <https://e.org/p> "x" <https://e.org/g> .\n', "turtle", "Turtle"),
    ],
)
def test_stdin_that_does_not_parse_is_one_line(text: str, fmt: str | None, expected: str):
    args = ["query", "--data", "-", *(["--data-format", fmt] if fmt else []), "ASK {}"]
    result = runner.invoke(app, args, input=text)
    assert result.exit_code != 0 and "Traceback" not in result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: <stdin>:1: ") and expected in line


def test_file_and_data_cannot_both_read_stdin() -> None:
    result = runner.invoke(app, ["query", "--file", "-", "--data", "-"], input="ASK {}")
    assert result.exit_code == 2 and "read only once" in result.stderr


def test_the_library_reads_stdin_too(monkeypatch) -> None:
    import io
    import sys

    class Stdin:
        buffer = io.BytesIO(SYNTAXES["trig"].encode())

    monkeypatch.setattr(sys, "stdin", Stdin())
    g = bilateral.load(["-"], stdin_format="trig")
    df = bilateral.query(g, GRAPHS)
    assert set(df["g"]) == GRAPH_NAMES["trig"]
    monkeypatch.setattr(Stdin, "buffer", io.BytesIO(b"not rdf at all"))
    with pytest.raises(DataSyntaxError, match="guessed"):
        bilateral.load(["-"])
    with pytest.raises(InputError, match="unknown data format"):
        bilateral.load(["-"], stdin_format="rdfxml")
