"""The byte cap counts whole terms and bounds the endpoint's encoded answer (issue 26,
item 5): a long datatype IRI or language tag counts, and an answer whose encoding is
larger than its terms is cut to fit, saying so in ``X-Bilateral-Truncated``."""

from __future__ import annotations

import json
import xml.dom.minidom
from collections.abc import Iterator

import pytest
from rdflib import Graph
from typer.testing import CliRunner

import bilateral.graph.sparql.engine as sparql
from bilateral.cli import app
from bilateral.graph.sparql.serve import make_server
from tests.servers import running
from tests.servers import sparql_get as _get

LONG = "https://e.org/" + "d" * (64 << 10)  # a 64 KiB datatype IRI
VALUES = "VALUES ?i { " + " ".join(str(i) for i in range(20)) + " }"
STRDT = f'SELECT (STRDT("x", IRI("{LONG}")) AS ?v) WHERE {{ {VALUES} }}'
LANG = f'SELECT (STRLANG("x", "en-{"-".join(["abcdefgh"] * 4000)}") AS ?v) WHERE {{ {VALUES} }}'
MANY = "SELECT ?x WHERE { VALUES ?x { " + " ".join(f"<a:{i}>" for i in range(300)) + " } }"


@pytest.mark.parametrize("query", [STRDT, LANG], ids=["datatype", "language"])
def test_the_whole_term_counts(query: str) -> None:
    g = Graph()
    r = sparql.run(g, query, byte_cap=200 << 10)
    assert r.cut_by == "bytes" and 1 <= len(r.rows) < 20
    whole = sum(len(t) + len(t.datatype or "") + len(t.language or "") for (t,) in r.rows)
    assert whole <= 200 << 10
    assert len(sparql.run(g, query).rows) == 20  # under the default cap: all rows


def test_cli_writes_no_more_than_the_cap() -> None:
    out = CliRunner().invoke(app, ["query", STRDT, "--format", "tsv", "--max-bytes", "200K"])
    assert out.exit_code == 0, out.output
    assert "results cut at 204800 bytes by the byte cap (use --max-bytes)" in out.output
    assert len(out.output) < 300 << 10


@pytest.fixture(scope="module")
def endpoint() -> Iterator[tuple[str, int]]:
    with running(
        make_server(Graph(), host="127.0.0.1", port=0, byte_cap=8 << 10, quiet=True)
    ) as where:
        yield where


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_the_endpoint_cuts_a_long_datatype_under_the_cap(endpoint, fmt: str) -> None:
    query = STRDT.replace(LONG, LONG[: 4 << 10])  # 4 KiB a term, 80 KiB in all
    status, headers, data = _get(endpoint, query, fmt)
    assert status == 200
    assert headers["X-Bilateral-Truncated"] == f"byte cap {8 << 10}"
    assert len(data) <= 8 << 10


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_the_encoded_answer_is_bounded_too(endpoint, fmt: str) -> None:
    """300 short IRIs fit the cap as terms, but not as SPARQL JSON or XML."""
    status, headers, data = _get(endpoint, MANY, fmt)
    assert status == 200 and len(data) <= 8 << 10
    assert headers["X-Bilateral-Truncated"] == f"byte cap {8 << 10}"
    if fmt == "json":
        doc = json.loads(data)
        assert 0 < len(doc["results"]["bindings"]) < 300
        assert doc["head"]["link"][0].endswith(f"/limits?cut=bytes&cap={8 << 10}")
    else:
        results = xml.dom.minidom.parseString(data).getElementsByTagName("result")
        assert 0 < len(results) < 300


def test_the_graph_answer_is_bounded_too(endpoint) -> None:
    """200 triples fit the cap as terms, but not as RDF/XML."""
    construct = "CONSTRUCT { ?x <https://e.org/p> ?x } WHERE { VALUES ?x { "
    construct += " ".join(f"<a:{i}>" for i in range(200)) + " } }"
    status, headers, data = _get(endpoint, construct, "rdf%2Bxml")
    assert status == 200 and len(data) <= 8 << 10
    assert headers["X-Bilateral-Truncated"] == f"byte cap {8 << 10}"
    assert b"<!-- truncated: the byte cap" in data
    assert 0 < len(Graph().parse(data=data.decode(), format="xml")) < 200
