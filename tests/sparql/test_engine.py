"""bilateral query: formats, named queries, bindings, safety, timeout, row cap."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import QueryError
from bilateral.graph.sparql.engine import run
from bilateral.graph.sparql.safety import check_query

runner = CliRunner()
BELARUS = "https://w3id.org/bilateral/id/belarus"


def test_select_gives_a_dataframe(bundled) -> None:
    df = bilateral.query(bundled, "SELECT ?s ?l WHERE { ?s a bil:State ; rdfs:label ?l }")
    assert {"s", "l"} == set(df.columns) and BELARUS in set(df["s"])


def test_ask_and_construct(bundled) -> None:
    assert bilateral.query(bundled, "ASK { bid:belarus a bil:State }") is True
    g = bilateral.query(bundled, "CONSTRUCT WHERE { bid:belarus rdfs:label ?l }")
    assert len(g) == 1


def test_bindings_are_values_not_text(bundled) -> None:
    q = "SELECT ?s WHERE { ?s rdfs:label ?l }"
    found = bilateral.query(bundled, q, bindings={"l": Literal("Belarus", lang="en")})
    assert list(found["s"]) == [BELARUS]
    hostile = 'x" } ; DROP ALL ; #'
    assert bilateral.query(bundled, q, bindings={"l": hostile}).empty
    df = bilateral.query(
        bundled, "SELECT ?l WHERE { ?s rdfs:label ?l }", bindings={"s": URIRef(BELARUS)}
    )
    assert list(df["l"]) == ["Belarus"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }", "FROM"),
        ("SELECT * FROM NAMED <http://example.org/g> { GRAPH ?g { ?s ?p ?o } }", "FROM"),
        ("LOAD <http://example.org/data.ttl>", "updates"),
        ("INSERT DATA { <x:a> <x:b> <x:c> }", "updates"),
        ("DROP ALL", "updates"),
    ],
)
def test_unsafe_queries_are_refused_before_evaluation(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        check_query(query)


def test_syntax_error_has_line_and_column() -> None:
    with pytest.raises(QueryError, match=r"line 2, column \d+"):
        check_query("SELECT *\nWHERE { ?s ?p }")


def test_runaway_query_is_stopped_and_the_process_stays_healthy(bundled) -> None:
    started = time.monotonic()
    with pytest.raises(QueryError, match="timeout"):
        run(bundled, "SELECT * { ?s (<x:p>|!<x:p>)* ?o . ?a ?b ?c }", timeout=0.3, row_cap=10**9)
    assert time.monotonic() - started < 30  # stopped, not run to the end
    assert run(bundled, "ASK { bid:belarus a bil:State }").boolean is True


def test_row_cap_truncates(bundled) -> None:
    r = run(bundled, "SELECT * { ?s ?p ?o }", row_cap=10)
    assert len(r.rows) == 10 and r.truncated


def test_cli_formats() -> None:
    q = "SELECT ?l WHERE { bid:belarus rdfs:label ?l }"
    j = runner.invoke(app, ["query", q, "--format", "json"])
    assert j.exit_code == 0
    doc = json.loads(j.stdout)
    assert doc["head"]["vars"] == ["l"]
    assert doc["results"]["bindings"][0]["l"] == {
        "type": "literal",
        "value": "Belarus",
        "xml:lang": "en",
    }
    assert runner.invoke(app, ["query", q, "--format", "csv"]).stdout == "l\nBelarus\n"
    assert runner.invoke(app, ["query", q, "--format", "tsv"]).stdout == '?l\n"Belarus"@en\n'
    table = runner.invoke(app, ["query", q])
    assert table.exit_code == 0 and "Belarus" in table.stdout
    ask = runner.invoke(app, ["query", "ASK { bid:belarus a bil:State }", "--format", "json"])
    assert json.loads(ask.stdout)["boolean"] is True
    c = runner.invoke(app, ["query", "CONSTRUCT WHERE { bid:belarus rdfs:label ?l }"])
    assert "bid:belarus" in c.stdout and "Belarus" in c.stdout


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_cli_named_file_limit_and_bind(tmp_path) -> None:
    f = tmp_path / "q.rq"
    f.write_text("SELECT ?s WHERE { ?s a bil:State }")
    r = runner.invoke(app, ["query", "--file", str(f), "--limit", "3", "--format", "csv"])
    assert r.exit_code == 0 and len(r.stdout.strip().splitlines()) == 4
    r = runner.invoke(app, ["query", "--named", "cq-one-team", "--format", "csv"])
    assert "one team" in r.stdout
    r = runner.invoke(
        app,
        [
            "query",
            "SELECT ?l WHERE { ?s rdfs:label ?l }",
            "--bind",
            "s=bid:belarus",
            "--format",
            "csv",
        ],
    )
    assert r.stdout == "l\nBelarus\n"
    r = runner.invoke(
        app,
        [
            "query",
            "SELECT ?s WHERE { ?s rdfs:label ?l }",
            "--bind",
            'l=x" } ; DROP ALL ; #',
            "--format",
            "csv",
        ],
    )
    assert r.exit_code == 0 and r.stdout == "s\n"


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (["query", "SELECT * {"], 2, "syntax error"),
        (["query", "SELECT * { SERVICE <http://x> { ?s ?p ?o } }"], 2, "SERVICE"),
        (["query", "--named", "cq-nothing"], 2, "no named query"),
        (["query"], 2, "exactly one"),
        (
            ["query", "SELECT * { ?s (<x:p>|!<x:p>)* ?o . ?a ?b ?c }", "--timeout", "0.3"],
            2,
            "timeout",
        ),
    ],
)
def test_cli_query_errors(args: list[str], code: int, text: str) -> None:
    r = runner.invoke(app, args)
    assert r.exit_code == code, r.output
    assert text in r.stderr and r.stderr.count("\n") == 1


def test_row_cap_warning() -> None:
    r = runner.invoke(app, ["query", "SELECT * { ?s ?p ?o }", "--max-rows", "5", "--format", "csv"])
    assert r.exit_code == 0 and "row cap" in r.stderr


def test_queries_lists_questions() -> None:
    r = runner.invoke(app, ["queries"])
    assert r.exit_code == 0 and "cq-loans" in r.stdout


@pytest.mark.slow  # a fresh interpreter; test_warm_parses_nothing_once_warm is the quick one
def test_the_grammar_is_prepared_once_before_children_are_forked() -> None:
    """``warm`` parses one fixed query in a fresh process, once: every query child forked
    afterwards inherits a grammar pyparsing has already prepared (a fresh interpreter:
    this one has parsed already)."""
    code = (
        "from bilateral.graph.sparql import safety\n"
        "calls = []\n"
        "real = safety.parse\n"
        "safety.parse = lambda text: calls.append(text) or real(text)\n"
        "safety.warm()\n"
        "safety.warm(native=True)\n"
        "print(len(calls), calls[0].split()[0])\n"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "SELECT"]


def test_warm_parses_nothing_once_warm(monkeypatch) -> None:
    from bilateral.graph.sparql import safety

    safety.warm()
    calls: list[str] = []
    monkeypatch.setattr(safety, "parse", lambda text: calls.append(text))
    safety.warm()
    safety.warm(native=True)
    assert calls == []
