"""Talk to a SPARQL 1.1 server: push a graph (Graph Store Protocol), query it.

Connection and read timeouts, bounded retries with back-off for connection errors and
5xx answers, and one clear ``RemoteError`` for everything else; nothing reports
success unless the server confirmed it. Tested against the ``oxigraph`` server; Fuseki,
GraphDB, Virtuoso and QLever speak the same protocols (see the README).
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef

from bilateral.errors import BilateralError
from bilateral.graph.sparql.engine import QueryResult
from bilateral.graph.sparql.safety import check_query
from bilateral.ontology.vocab import PREFIXES

__all__ = ["DEFAULT_GRAPH", "RemoteError", "fetch_graph", "push", "remote_query"]

DEFAULT_GRAPH = "https://w3id.org/bilateral/graph/default"
USER_AGENT = "bilateral (SPARQL client)"


class RemoteError(BilateralError):
    """The remote store is down, too slow, or answered with an error."""

    exit_code = 1


@dataclass
class Timeouts:
    """Connection/read timeout in seconds and how many attempts to make."""

    timeout: float = 30.0
    attempts: int = 3
    backoff: float = 0.5


def _request(
    req: urllib.request.Request, t: Timeouts, *, sleep: Callable[[float], None] = time.sleep
) -> tuple[int, bytes, str]:
    last = ""
    for attempt in range(1, t.attempts + 1):
        try:
            with urllib.request.urlopen(req, timeout=t.timeout) as resp:  # noqa: S310
                return resp.status, resp.read(), resp.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            body = exc.read()[:300].decode("utf-8", "replace").strip().splitlines()
            detail = body[0] if body else exc.reason
            if exc.code < 500:
                raise RemoteError(f"{req.full_url} answered {exc.code}: {detail}") from None
            last = f"answered {exc.code}: {detail}"
        except urllib.error.URLError as exc:
            reason = exc.reason
            last = f"cannot connect ({reason})"
        except TimeoutError:
            last = f"no answer within {t.timeout:g} s"
        except OSError as exc:  # connection reset, truncated reads ...
            last = f"connection failed ({exc})"
        if attempt < t.attempts:
            sleep(t.backoff * 2 ** (attempt - 1))
    raise RemoteError(f"{req.full_url}: {last} (after {t.attempts} attempts)")


def _check_iri(iri: str) -> str:
    from bilateral.graph.source.load import _BAD_IRI

    if not iri or _BAD_IRI.search(iri) or ":" not in iri:
        raise RemoteError(f"not a valid graph IRI: {iri!r}")
    return iri


def _check_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RemoteError(f"not an http(s) endpoint URL: {url!r}")
    return url


def push(
    g: Any,
    endpoint: str,
    *,
    graph: str = DEFAULT_GRAPH,
    timeouts: Timeouts | None = None,
) -> int:
    """Replace the named graph ``graph`` at the Graph Store ``endpoint`` with ``g``.

    Uses HTTP PUT (atomic replacement on the server, so a re-run converges and an
    interrupted push leaves the old graph or the new one). Returns the triples sent.
    """
    from bilateral.graph.views.export import flat_graph

    _check_url(endpoint)
    _check_iri(graph)
    flat = flat_graph(g)
    body = flat.serialize(format="nt", encoding="utf-8")
    sep = "&" if "?" in endpoint else "?"
    url = f"{endpoint}{sep}graph={urllib.parse.quote(graph, safe='')}"
    req = urllib.request.Request(
        url,
        data=body,
        method="PUT",
        headers={"Content-Type": "application/n-triples", "User-Agent": USER_AGENT},
    )
    status, _, _ = _request(req, timeouts or Timeouts(timeout=120.0))
    if status not in (200, 201, 204):
        raise RemoteError(f"{endpoint} answered {status} to the upload")
    return len(flat)


def _term(binding: dict[str, Any]) -> Any:
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
    _check_url(endpoint)
    check_query(sparql)
    header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    form = {"query": header + sparql}
    if graph:
        form["default-graph-uri"] = _check_iri(graph)
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
    status, body, ctype = _request(req, timeouts or Timeouts())
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
) -> Any:
    """All triples at the endpoint (or of one named graph) plus the local ontology.

    Measures need the whole graph: this is how ``centrality`` and ``dependence`` read
    from a remote store.
    """
    from rdflib import Dataset

    from bilateral.graph.source.load import ONTOLOGY_FILE, parse_file

    if graph:
        where = f"GRAPH <{_check_iri(graph)}> {{ ?s ?p ?o }}"
    else:
        where = "{ ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }"
    result = remote_query(
        endpoint,
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}",
        row_cap=50_000_000,
        timeouts=timeouts,
    )
    ds = Dataset(default_union=True)
    parse_file(ONTOLOGY_FILE, ds.graph(URIRef(ONTOLOGY_FILE.resolve().as_uri())))
    remote = ds.graph(URIRef(endpoint))
    for triple in result.triples:
        remote.add(triple)
    return ds
