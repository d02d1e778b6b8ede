"""RDFS inference by query rewriting: counts with and without, the same on the store,
exact (a node with two asserted types is counted once), and never in the graph itself."""

from __future__ import annotations

from decimal import Decimal

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.graph.sparql.engine import run
from bilateral.graph.sparql.infer import Hierarchy, rewrite
from bilateral.graph.sparql.results import python_value

AGREEMENTS = "SELECT ?x WHERE { ?x a bil:Agreement }"

SUB = "rdf:type/rdfs:subClassOf*"
# (query with inference, the same without, and hand-written: what inference must give)
CASES = [
    (AGREEMENTS, f"SELECT DISTINCT ?x WHERE {{ ?x {SUB} bil:Agreement }}"),
    (
        "SELECT (COUNT(?x) AS ?n) WHERE { ?x a bil:Agreement }",
        f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x {SUB} bil:Agreement }}",
    ),
    ("SELECT ?x WHERE { ?x rdf:type bil:Actor }", f"SELECT DISTINCT ?x {{ ?x {SUB} bil:Actor }}"),
    ("SELECT ?x WHERE { ?x a prov:Agent }", f"SELECT DISTINCT ?x {{ ?x {SUB} prov:Agent }}"),
    (
        "SELECT DISTINCT ?s WHERE { ?s bil:party bid:belarus }",
        "SELECT DISTINCT ?s WHERE { ?s ?p bid:belarus . ?p rdfs:subPropertyOf* bil:party }",
    ),
    (
        "SELECT ?x WHERE { [] a bil:Loan ; bil:amount ?x }",
        f"SELECT ?x WHERE {{ ?l bil:amount ?x {{ SELECT DISTINCT ?l {{ ?l {SUB} bil:Loan }} }} }}",
    ),
    ("SELECT ?x WHERE { ?x a bil:State }", "SELECT ?x WHERE { ?x a bil:State }"),  # a leaf
    (
        "SELECT ?c WHERE { bid:intergovernmental-loan a ?c }",
        f"SELECT DISTINCT ?c WHERE {{ bid:intergovernmental-loan {SUB} ?c }}",
    ),
]


def _values(result) -> list[tuple]:  # type: ignore[no-untyped-def]
    """Rows as Python values: the engines may spell a decimal differently."""

    def value(t):  # type: ignore[no-untyped-def]
        v = python_value(t)
        return str(float(v) if isinstance(v, Decimal) else v)

    return sorted(tuple(value(t) for t in row) for row in result.rows)


def _count(g, query: str, infer: bool) -> int:  # type: ignore[no-untyped-def]
    return len(run(g, query, infer=infer).rows)


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
@pytest.mark.parametrize(("query", "expected"), CASES)
def test_inference_gives_what_the_hand_written_query_gives(bundled, query, expected) -> None:
    assert _values(run(bundled, query)) == _values(run(bundled, expected, infer=False))


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_counts_with_and_without_inference(bundled) -> None:
    # the example: one node is asserted a bil:Agreement, 19 are agreements
    assert _count(bundled, AGREEMENTS, infer=False) == 1
    assert _count(bundled, AGREEMENTS, infer=True) == 19
    actors = "SELECT ?x WHERE { ?x a bil:Actor }"
    assert _count(bundled, actors, infer=False) == 0 < _count(bundled, actors, infer=True)


def test_a_node_with_two_asserted_types_counts_once(bundled) -> None:
    # intergovernmental-loan is both a Loan and an IntergovernmentalAgreement
    n = run(bundled, "SELECT (COUNT(?x) AS ?n) WHERE { ?x a bil:Agreement }").rows[0][0]
    assert int(n) == 19
    path = "SELECT ?x WHERE { ?x a/rdfs:subClassOf* bil:Agreement }"
    assert _count(bundled, path, infer=False) == 20  # the hand-written path counts it twice


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_the_store_gives_the_same_answers(bundled, bundled_store, query, expected) -> None:
    for infer in (False, True):
        mem = _values(run(bundled, query, infer=infer))
        disk = _values(run(bundled_store, query, infer=infer))
        assert mem == disk, (query, infer)


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_ask_construct_and_optional(bundled) -> None:
    ask = "ASK { bid:loan-2020-tranche-1 a bil:Agreement }"
    assert run(bundled, ask).boolean is True
    assert run(bundled, ask, infer=False).boolean is False
    built = run(bundled, "CONSTRUCT WHERE { ?x a bil:Agreement ; rdfs:label ?l }")
    assert len({s for s, _, _ in built.triples}) == 19  # the template is kept as written
    q = "SELECT ?l ?x WHERE { bid:belarus rdfs:label ?l OPTIONAL { ?x a bil:Lease } }"
    leases = {str(r[1]).rsplit("/", 1)[-1] for r in run(bundled, q).rows}
    assert "military-facilities-lease" in leases


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_inferred_triples_never_reach_the_graph(bundled) -> None:
    before = len(bundled)
    run(bundled, AGREEMENTS)
    run(bundled, AGREEMENTS, timeout=None)  # in this process, too
    assert len(bundled) == before
    stats = bilateral.stats(bundled)
    assert stats["triples"] == before


def test_rewrite_leaves_queries_without_inferable_patterns_alone(bundled) -> None:
    h = Hierarchy.from_graph(bundled)
    for text in ("SELECT ?l WHERE { bid:belarus rdfs:label ?l }", "SELECT * { ?s ?p ?o }"):
        assert rewrite(text, h).text == text


def test_rewritten_queries_are_still_checked(bundled) -> None:
    from bilateral.errors import QueryError

    with pytest.raises(QueryError, match="SERVICE"):
        run(bundled, "SELECT * { ?x a bil:Agreement SERVICE <http://example.org/> { ?x ?p ?o } }")


def test_cli_no_infer(tmp_path) -> None:
    runner = CliRunner()
    q = "SELECT ?x WHERE { ?x a bil:Agreement }"
    with_infer = runner.invoke(app, ["query", q, "--format", "csv"])
    without = runner.invoke(app, ["query", q, "--format", "csv", "--no-infer"])
    assert with_infer.exit_code == 0 and without.exit_code == 0
    assert len(with_infer.stdout.splitlines()) == 20  # header + 19
    assert len(without.stdout.splitlines()) == 2


def test_python_api_counts(bundled) -> None:
    assert len(bilateral.query(bundled, AGREEMENTS)) == 19
    assert len(bilateral.query(bundled, AGREEMENTS, infer=False)) == 1


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_the_endpoint_infers_too(bundled) -> None:
    import json
    import threading
    import urllib.parse
    import urllib.request

    from bilateral.graph.sparql.serve import make_server

    server = make_server(bundled, port=0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        host, port = server.server_address[:2]
        q = urllib.parse.quote("SELECT (COUNT(?x) AS ?n) WHERE { ?x a bil:Agreement }")
        with urllib.request.urlopen(f"http://{host!s}:{port}/sparql?query={q}", timeout=30) as r:
            body = json.loads(r.read())
        assert body["results"]["bindings"][0]["n"]["value"] == "19"
    finally:
        server.shutdown()
        server.server_close()
