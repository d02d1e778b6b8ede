"""Queries never reach the network or the file system, and runaway queries stop."""

from __future__ import annotations

import socket
import threading

import pytest

import bilateral.graph.sparql.engine as sparql
from bilateral.errors import QueryError
from bilateral.graph.sparql.safety import check_query


def test_service_load_from_refused_before_evaluation() -> None:
    for q in (
        "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "LOAD <file:///etc/passwd>",
        "SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://example.org/> { GRAPH ?g { ?s ?p ?o } }",
    ):
        with pytest.raises(QueryError, match="not allowed"):
            check_query(q)


def test_rdflib_never_loads_graphs() -> None:
    import rdflib.plugins.sparql as rdflib_sparql

    assert rdflib_sparql.SPARQL_LOAD_GRAPHS is False


@pytest.mark.slow
def test_audit_hook_blocks_network_even_if_a_check_is_bypassed(bundled, monkeypatch) -> None:
    """Second line of defence: with the SERVICE check removed, the child still cannot
    connect; nothing arrives at a listening socket."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(3)
    port = listener.getsockname()[1]
    arrived: list[bool] = []

    def accept() -> None:
        try:
            conn, _ = listener.accept()
            arrived.append(True)
            conn.close()
        except OSError:
            pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    monkeypatch.setattr(sparql, "refuse_unsafe", lambda parsed: None)
    with pytest.raises(QueryError, match="network access refused|query failed"):
        sparql.run(
            bundled,
            f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
            timeout=10,
        )
    thread.join(4)
    listener.close()
    assert arrived == []


def test_injection_through_bindings_is_a_literal(bundled) -> None:
    r = sparql.run(
        bundled, "SELECT ?s WHERE { ?s rdfs:label ?l }", bindings={"l": 'x" } ; DROP ALL ; #'}
    )
    assert r.rows == []
    assert sparql.run(bundled, "ASK { bid:belarus a bil:State }").boolean is True


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
@pytest.mark.parametrize(
    "query",
    [
        "SELECT (COUNT(*) AS ?n) { ?s (<x:p>|!<x:p>)* ?o . ?a ?b ?c }",
        "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } OFFSET 1000000000000",
    ],
)
def test_pathological_queries_stop_at_the_timeout(bundled, query: str) -> None:
    with pytest.raises(QueryError, match="timeout"):
        sparql.run(bundled, query, timeout=1.0)


def test_cartesian_product_stops_at_the_row_cap(bundled) -> None:
    r = sparql.run(bundled, "SELECT * { ?a ?b ?c . ?d ?e ?f }", row_cap=1000, timeout=30)
    assert len(r.rows) == 1000 and r.truncated


def test_store_queries_are_checked_too(tmp_path) -> None:
    """Oxigraph can run SERVICE over HTTP: on the store the grammar-based check refuses
    it, also when the keyword is written with SPARQL's \\u escapes."""
    from pathlib import Path

    from bilateral.graph.source.store import load_store, open_dataset

    folder = tmp_path / "s"
    load_store(folder, [Path(__file__).parent.parent / "data" / "tiny"])
    g = open_dataset(folder)
    assert sparql.run(g, "ASK { bid:ruritania a bil:State }").boolean is True
    for q in (
        "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        r"SELECT * { \u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }",
        "DROP ALL",
    ):
        with pytest.raises(QueryError, match="not allowed"):
            sparql.run(g, q)
    with pytest.raises(QueryError, match="syntax error"):
        sparql.run(g, "SELECT * {")
