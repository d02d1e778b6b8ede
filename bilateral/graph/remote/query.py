"""Query a SPARQL 1.1 endpoint (same safety rules as locally) and read its results,
or fetch its whole graph for the measures.
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph, URIRef

from bilateral.graph.remote.answers import read_results
from bilateral.graph.remote.request import (
    DEFAULT_ANSWER_CAP,
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

if TYPE_CHECKING:
    from bilateral.graph.remote.auth import Credentials

__all__ = ["FETCH_CAP", "fetch_graph", "remote_query"]

FETCH_CAP = 1 << 30  # bytes of N-Triples a whole-graph fetch may read


def remote_query(
    endpoint: str,
    sparql: str,
    *,
    graph: str | None = None,
    row_cap: int = 100_000,
    byte_cap: int = DEFAULT_ANSWER_CAP,
    timeouts: Timeouts | None = None,
    auth: Credentials | None = None,
) -> QueryResult:
    """Run ``sparql`` at a SPARQL 1.1 query endpoint (same safety rules as locally).

    ``graph`` sends the protocol's ``default-graph-uri``, so a query sees the named
    graph ``bilateral push`` wrote as its default graph. The answer is read up to
    ``byte_cap`` bytes within the deadline of ``timeouts``; a larger one, or one that
    is not SPARQL JSON results or a graph (``remote/answers.py``), is a ``RemoteError``.
    ``auth`` logs in when the server asks (Basic or Digest); a 401 or 403 is a
    ``RemoteAuthError`` saying what to set.
    """
    check_url(endpoint)
    form = check_query(sparql).algebra.name
    header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    fields = {"query": header + sparql}
    if graph:
        fields["default-graph-uri"] = check_iri(graph)
    # a graph for CONSTRUCT and DESCRIBE: a server that may answer either (Virtuoso)
    # would otherwise send a graph as SPARQL JSON results of ?s ?p ?o
    graph_form = form in ("ConstructQuery", "DescribeQuery")
    req = urllib.request.Request(
        endpoint,
        data=urllib.parse.urlencode(fields).encode("utf-8"),
        method="POST",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/n-triples, text/turtle;q=0.9"
            if graph_form
            else "application/sparql-results+json",
            "User-Agent": USER_AGENT,
        },
    )
    status, body, ctype = send(req, timeouts or Timeouts(), max_bytes=byte_cap, auth=auth)
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
    return read_results(body, endpoint, row_cap)


def fetch_graph(
    endpoint: str,
    *,
    graph: str | None = None,
    timeouts: Timeouts | None = None,
    byte_cap: int = FETCH_CAP,
    auth: Credentials | None = None,
) -> Dataset:
    """All triples at the endpoint (or of the named graph ``graph``) plus the local
    ontology.

    Measures need the whole graph: this is how ``centrality`` and ``dependence`` read
    from a remote store. No triples at all is a ``RemoteError`` that says why it may be
    (no `graph` given, the default graph empty, the named graphs the server has).
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
        byte_cap=byte_cap,
        timeouts=timeouts,
        auth=auth,
    )
    if not result.triples:
        from bilateral.graph.remote.hints import empty_hints

        why = "; ".join(empty_hints(endpoint, graph, auth=auth, timeouts=timeouts))
        raise RemoteError(f"{endpoint} sent no triples" + (f": {why}" if why else ""))
    ds = Dataset(default_union=True)
    parse_file(ONTOLOGY_FILE, ds.graph(URIRef(ONTOLOGY_GRAPH)))
    remote = ds.graph(URIRef(endpoint))
    for triple in result.triples:
        remote.add(triple)
    return ds
