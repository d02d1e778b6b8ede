"""The SPARQL 1.1 Protocol's side of the endpoint: content negotiation, result bodies, and
which ``Host`` names are this machine's (DNS-rebinding protection).

>>> negotiate("text/csv;q=0.9, application/sparql-results+json", "select")
('json', 'application/sparql-results+json')
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from bilateral.graph.sparql import results
from bilateral.graph.sparql.engine import QueryResult

__all__ = ["GRAPH_TYPES", "RESULT_TYPES", "body", "host_allowed", "hostname", "negotiate"]

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt"}


def negotiate(accept: str, kind: str) -> tuple[str, str]:
    """(format, content type) for the Accept header and the result kind."""
    options = GRAPH_TYPES if kind == "graph" else RESULT_TYPES
    default = "text/turtle" if kind == "graph" else "application/sparql-results+json"
    ranked = []
    for part in (accept or "").split(","):
        fields = part.strip().split(";")
        mime = fields[0].strip().lower()
        q = 1.0
        for f in fields[1:]:
            if f.strip().startswith("q="):
                try:
                    q = float(f.strip()[2:])
                except ValueError:
                    q = 0.0
        ranked.append((q, mime))
    for _, mime in sorted(ranked, key=lambda x: -x[0]):
        if mime in options:
            return options[mime], mime
        if mime in ("*/*", "application/*", "text/*", ""):
            return options[default], default
    return options[default], default


def _xml(result: QueryResult) -> str:
    from rdflib import Variable
    from rdflib.query import Result

    r = Result("ASK" if result.kind == "ask" else "SELECT")
    if result.kind == "ask":
        r.askAnswer = bool(result.boolean)
    else:
        r.vars = [Variable(v) for v in result.vars]
        r.bindings = [
            {Variable(v): t for v, t in zip(result.vars, row, strict=True) if t is not None}  # type: ignore[misc]
            for row in result.rows
        ]
    out = r.serialize(format="xml")
    return out.decode("utf-8") if isinstance(out, bytes) else str(out)


def body(result: QueryResult, fmt: str) -> str:
    if result.kind == "graph":
        if fmt == "nt":
            from rdflib import Graph

            g = Graph()
            for t in result.triples:
                g.add(t)
            return g.serialize(format="nt")
        return results.to_turtle(result)
    return {
        "json": results.to_json,
        "csv": results.to_csv,
        "tsv": results.to_tsv,
        "xml": _xml,
    }[fmt](result)


def hostname(netloc: str) -> str:
    """``host`` of ``host:port`` or ``[v6]:port``, lower case."""
    netloc = netloc.strip().lower()
    if netloc.startswith("["):
        return netloc[1:].split("]", 1)[0]
    return netloc.rsplit(":", 1)[0] if netloc.count(":") == 1 else netloc


def host_allowed(netloc: str, allowed: Iterable[str] = ()) -> bool:
    """Whether a ``Host`` header names this machine: an IP address, ``localhost`` or an
    allowed name. A DNS-rebinding page reaches us under its own name and is refused.

    >>> host_allowed("127.0.0.1:8000"), host_allowed("localhost"), host_allowed("[::1]:80")
    (True, True, True)
    >>> host_allowed("evil.example:8000"), host_allowed("kg.lan", ["kg.lan"])
    (False, True)
    """
    name = hostname(netloc).rstrip(".")
    if not name:
        return False
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return name in {a.lower().rstrip(".") for a in allowed}
    return True
