"""``dependence --endpoint`` reads only the dyad (issue 28, item 4): against a real
``oxigraph serve``, the numbers equal the local ones exactly, and a thousand statements
about others added to the served graph change nothing that is read (same queries, same
bytes), nor any record."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, XSD
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.graph.measures.evidence import about
from bilateral.graph.measures.snapshot import Snapshot, read_snapshot
from bilateral.graph.remote import Pages, RemoteError, push, read_dyad
from bilateral.ontology.vocab import BID, BIL

pytestmark = pytest.mark.slow  # a real Oxigraph server

runner = CliRunner()
PLAIN, CROWDED = "urn:x:dyad-plain", "urn:x:dyad-crowded"
UNRELATED = 1000


def unrelated(n: int) -> Graph:
    """``n`` dependency statements of Ukraine on the United States (actors of the data,
    neither of them Belarus's or Russia's), each with its words and its own source."""
    g = Graph()
    for i in range(n):
        s, src = URIRef(f"{BID}unrelated-claim-{i}"), URIRef(f"{BID}unrelated-source-{i}")
        g.add((s, RDF.type, URIRef(BIL + "Dependency")))
        g.add((s, RDFS.label, Literal(f"unrelated claim {i}")))
        g.add((s, URIRef(BIL + "dependent"), URIRef(BID + "ukraine")))
        g.add((s, URIRef(BIL + "provider"), URIRef(BID + "united-states")))
        g.add((s, URIRef(BIL + "domain"), URIRef(BIL + "energy")))
        g.add((s, URIRef(BIL + "strength"), Literal("0.5", datatype=XSD.decimal)))
        g.add((s, URIRef(BIL + "quote"), Literal(f"a quote nobody should read {i}")))
        g.add((s, PROV.wasDerivedFrom, src))
        g.add((src, URIRef("http://purl.org/dc/terms/issued"), Literal("2020", datatype=XSD.gYear)))
    return g


@pytest.fixture(scope="module")
def served(oxigraph: str, bundled: Dataset) -> Iterator[str]:
    """The query endpoint, holding the bundled data in PLAIN, and with the unrelated
    statements beside it in CROWDED."""
    push(bundled, oxigraph + "/store", graph=PLAIN, validate=False)
    crowded = Graph()
    for triple in bundled.triples((None, None, None)):
        crowded.add(triple)
    crowded += unrelated(UNRELATED)
    push(crowded, oxigraph + "/store", graph=CROWDED, validate=False)
    yield oxigraph + "/query"
    for graph in (PLAIN, CROWDED):  # the server is the session's: others read every graph
        where = f"{oxigraph}/store?graph={urllib.parse.quote(graph, safe='')}"
        urllib.request.urlopen(urllib.request.Request(where, method="DELETE"), timeout=30)  # noqa: S310


def _dependence(g: Any, **kw: Any) -> dict[str, Any]:
    result: dict[str, Any] = bilateral.dependence(g, "belarus", "russia", draws=400, **kw).to_dict()
    return result


def test_the_numbers_are_the_local_ones(served: str, bundled: Dataset) -> None:
    local = read_snapshot(bundled)
    pages = Pages(served, CROWDED)
    snap = read_dyad(served, "Belarus", "the Kremlin", graph=CROWDED, pages=pages)
    assert isinstance(snap, Snapshot) and snap.origin is None
    a, b = local.resolve("belarus"), local.resolve("russia")
    # the same records: every one the dyad's numbers rest on, and nothing unrelated
    mine = {r.iri: r for r in about(local.records, local.actors, a, b)}
    theirs = {r.iri: r for r in snap.records}
    assert mine and all(theirs[iri] == rec for iri, rec in mine.items())
    assert not [iri for iri in theirs if "unrelated" in iri]
    # the dyad's actors (A, B, theirs, their heads, every participant), as read locally
    assert all(local.actors[iri] == actor for iri, actor in snap.actors.items())
    ours = {a, b} | {iri for iri, actor in local.actors.items() if actor.country in (a, b)}
    assert ours <= set(snap.actors) < set(local.actors) and snap.domains == local.domains
    assert _dependence(snap) == _dependence(bundled)  # the words too: read on demand
    for kw in ({"by": "year"}, {"known_by": "2021-06"}, {"from_year": 2020, "to_year": 2021}):
        assert _dependence(snap, **kw) == _dependence(bundled, **kw), kw
    reverse = bilateral.dependence(snap, "russia", "belarus", draws=400, sensitivity=True)
    assert (
        reverse.to_dict()
        == bilateral.dependence(bundled, "russia", "belarus", draws=400, sensitivity=True).to_dict()
    )


def test_unrelated_statements_are_never_read(served: str) -> None:
    counted = {}
    for graph in (PLAIN, CROWDED):
        pages = Pages(served, graph)
        snap = read_dyad(served, "belarus", "russia", graph=graph, pages=pages)
        bilateral.dependence(snap, "belarus", "russia", draws=200)  # reads the words too
        counted[graph] = (pages.requests, pages.rows_read, pages.bytes_read, pages.sent)
    assert counted[PLAIN] == counted[CROWDED]  # the same queries, rows and bytes
    requests, rows, size, sent = counted[PLAIN]
    assert requests <= 10 and not any("unrelated" in q for q in sent)
    # the bundled data is mostly this dyad: what is read is a fraction of the graph
    assert rows < 2500 and size < 600_000


def test_cli_prints_the_local_numbers(served: str) -> None:
    args = ["dependence", "belarus", "russia", "--draws", "300", "--format", "json"]
    local = runner.invoke(app, args)
    remote = runner.invoke(app, [*args, "--endpoint", served, "--graph", CROWDED])
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    assert json.loads(remote.stdout) == json.loads(local.stdout)
    year = ["dependence", "belarus", "russia", "--by", "year", "--draws", "200"]
    local = runner.invoke(app, [*year, "--format", "csv"])
    remote = runner.invoke(app, [*year, "--format", "csv", "--endpoint", served, "--graph", PLAIN])
    assert remote.exit_code == 0 and remote.stdout == local.stdout


def test_unknown_names_and_empty_graphs(served: str) -> None:
    with pytest.raises(bilateral.errors.UnknownNameError, match="no actor or entity named"):
        read_dyad(served, "belarus", "atlantis", graph=PLAIN)
    with pytest.raises(RemoteError, match="sent no actors: the graph <urn:x:none> is empty"):
        read_dyad(served, "belarus", "russia", graph="urn:x:none")


def test_small_pages_add_up_to_the_same_snapshot(served: str) -> None:
    whole = read_dyad(served, "belarus", "russia", graph=PLAIN)
    pages = Pages(served, PLAIN, page=40)  # every read of more than 40 rows is paged
    paged = read_dyad(served, "belarus", "russia", graph=PLAIN, pages=pages)
    assert paged.records == whole.records and paged.actors == whole.actors
    assert any("FILTER(STR(?s) >= " in q for q in pages.sent) and pages.rows_read > 1000
