"""Query a SPARQL 1.1 endpoint (same safety rules as locally) and read its results,
or fetch its whole graph for the measures.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Mapping

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from bilateral.graph.remote.request import (
    USER_AGENT,
    RemoteError,
    Timeouts,
    check_iri,
    check_url,
    send,
)
from bilateral.graph.sparql.engine import QueryResult
from bilateral.graph.sparql.safety import check_query
from bilateral.ontology.vocab import PREFIXES

__all__ = ["fetch_graph", "remote_query"]


def _term(binding: Mapping[str, str]) -> Node:
    kind = binding.get("type")
    value = binding.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in binding:
            return Literal(value, lang=binding["xml:lang"])
        if "datatype" in binding:
            return Literal(value, datatype=URIRef(binding["datatype"]))
        return Literal(value)
    raise RemoteError(f"unexpected term in the results: {binding!r}")


def remote_query(
    endpoint: str,
    sparql: str,
    *,
    graph: str | None = None,
    row_cap: int = 100_000,
    timeouts: Timeouts | None = None,
) -> QueryResult:
    """Run ``sparql`` at a SPARQL 1.1 query endpoint (same safety rules as locally).

    ``graph`` sends the protocol's ``default-graph-uri``, so a query sees the named
    graph ``bilateral push`` wrote as its default graph.
    """
    check_url(endpoint)
    check_query(sparql)
    header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    form = {"query": header + sparql}
    if graph:
        form["default-graph-uri"] = check_iri(graph)
    req = urllib.request.Request(
        endpoint,
        data=urllib.parse.urlencode(form).encode("utf-8"),
        method="POST",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
            "User-Agent": USER_AGENT,
        },
    )
    status, body, ctype = send(req, timeouts or Timeouts())
    if "n-triples" in ctype or "turtle" in ctype:
        try:
            parsed = Graph().parse(
                data=body.decode("utf-8"), format="nt" if "n-triples" in ctype else "turtle"
            )
        except Exception:
            raise RemoteError(f"{endpoint} sent an unreadable graph (truncated?)") from None
        triples = list(parsed)
        return QueryResult(
            "graph", triples=triples[:row_cap], cut_by="rows" if len(triples) > row_cap else ""
        )
    try:
        doc = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise RemoteError(f"{endpoint} sent unreadable results (truncated or not JSON)") from None
    if "boolean" in doc:
        return QueryResult("ask", boolean=bool(doc["boolean"]))
    try:
        vars_ = list(doc["head"]["vars"])
        bindings = doc["results"]["bindings"]
    except (KeyError, TypeError):
        raise RemoteError(f"{endpoint} sent results without head/vars or bindings") from None
    rows = [tuple(_term(b[v]) if v in b else None for v in vars_) for b in bindings[:row_cap]]
    return QueryResult(
        "select", vars=vars_, rows=rows, cut_by="rows" if len(bindings) > row_cap else ""
    )


def fetch_graph(
    endpoint: str, *, graph: str | None = None, timeouts: Timeouts | None = None
) -> Dataset:
    """All triples at the endpoint (or of one named graph) plus the local ontology.

    Measures need the whole graph: this is how ``centrality`` and ``dependence`` read
    from a remote store.
    """
    from bilateral.graph.source.load import ONTOLOGY_FILE, ONTOLOGY_GRAPH, parse_file

    if graph:
        where = f"GRAPH <{check_iri(graph)}> {{ ?s ?p ?o }}"
    else:
        where = "{ ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }"
    result = remote_query(
        endpoint,
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}",
        row_cap=50_000_000,
        timeouts=timeouts,
    )
    ds = Dataset(default_union=True)
    parse_file(ONTOLOGY_FILE, ds.graph(URIRef(ONTOLOGY_GRAPH)))
    remote = ds.graph(URIRef(endpoint))
    for triple in result.triples:
        remote.add(triple)
    return ds
