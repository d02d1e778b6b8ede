"""ORDER BY keys that are errors sort as unbound (issue 26, item 12; SPARQL 1.1 §15.1):
``ORDER BY STR(?unbound)`` was ``TypeError: '<' not supported`` on rdflib's engine
(exit 2, and 400 at the endpoint) while the store's engine answered. Both engines now
give the same rows in the same order."""

from __future__ import annotations

import pytest
from rdflib import Graph
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.graph.sparql.engine import run
from bilateral.graph.sparql.serve import make_server
from tests.servers import running, sparql_get

QUERIES = {
    "unbound": ("SELECT * { VALUES ?x {1 2} } ORDER BY STR(?y)", ["1", "2"]),
    "error": ("SELECT ?x { VALUES ?x {0 1 2} } ORDER BY (1/?x)", ["0", "2", "1"]),
    "error-desc": ("SELECT ?x { VALUES ?x {0 1 2} } ORDER BY DESC(1/?x)", ["1", "2", "0"]),
    "kinds": (
        'SELECT ?x ?n { VALUES (?x ?n) {(2 1) ("a" 2) (<http://a> 3) (UNDEF 4) ("b"@en 5)} }'
        " ORDER BY ?x",
        ["", "http://a", "2", "a", "b"],
    ),
    "two-keys": (
        "SELECT ?x { VALUES (?x ?y) {(1 UNDEF) (2 1) (3 0)} } ORDER BY ?y DESC(?x)",
        ["1", "3", "2"],
    ),
}


def _column(rows: list[tuple[object, ...]]) -> list[str]:
    return ["" if r[0] is None else str(r[0]) for r in rows]


@pytest.mark.parametrize("name", QUERIES)
@pytest.mark.parametrize("timeout", [30.0, None], ids=["guarded", "in-process"])
def test_in_memory_order_by_with_failing_keys(name: str, timeout: float | None) -> None:
    query, expected = QUERIES[name]
    assert _column(run(Graph(), query, timeout=timeout).rows) == expected


@pytest.mark.parametrize("name", QUERIES)
def test_both_engines_agree(name: str, bundled_store) -> None:
    query, expected = QUERIES[name]
    assert _column(run(bundled_store, query).rows) == expected


def test_api_and_cli_answer() -> None:
    frame = bilateral.query(Graph(), QUERIES["unbound"][0])
    assert list(frame["x"]) == [1, 2]
    out = CliRunner().invoke(app, ["query", QUERIES["unbound"][0], "--format", "csv"])
    assert out.exit_code == 0, out.output
    assert out.stdout == "x\n1\n2\n"


def test_endpoint_answers_200() -> None:
    with running(make_server(Graph(), host="127.0.0.1", port=0, quiet=True)) as where:
        status, _, body = sparql_get(where, QUERIES["error"][0], "csv")
    assert (status, body) == (200, b"x\n0\n2\n1\n")
