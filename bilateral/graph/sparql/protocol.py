"""The SPARQL 1.1 Protocol's side of the endpoint: content negotiation (``Accept`` and
``format=``), result bodies, and which ``Host`` names are this machine's (DNS-rebinding
protection).

SELECT and ASK results come as SPARQL JSON, XML, CSV or TSV; CONSTRUCT, DESCRIBE and the
service description as Turtle, N-Triples, RDF/XML or JSON-LD. A result cut by a cap
says so inside itself where its format can: a ``link`` in the head of SPARQL JSON and
XML, a comment at the top of Turtle, N-Triples and RDF/XML.

>>> negotiate("text/csv;q=0.9, application/sparql-results+json", "select")
('json', 'application/sparql-results+json')
>>> negotiate("", "graph", ["rdf+xml", "application/rdf+xml"])
('xml', 'application/rdf+xml')
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from rdflib import Graph
from rdflib.term import Node

from bilateral.graph.sparql import results
from bilateral.graph.sparql.engine import QueryResult

__all__ = [
    "FORMAT_NAMES",
    "GRAPH_TYPES",
    "RESULT_TYPES",
    "FormatError",
    "body",
    "check_formats",
    "cut",
    "encoded",
    "graph_body",
    "host_allowed",
    "hostname",
    "negotiate",
]

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}
_MIME = {
    "select": {v: k for k, v in reversed(RESULT_TYPES.items())},
    "graph": {v: k for k, v in reversed(GRAPH_TYPES.items())},
}
#: the short names ``format=`` takes besides media types, per kind of result (the names
#: that SPARQLWrapper, Virtuoso and Fuseki clients send)
FORMAT_NAMES = {
    "select": {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"},
    "graph": {
        "turtle": "turtle",
        "ttl": "turtle",
        "n3": "turtle",  # Turtle is N3 too
        "nt": "nt",
        "ntriples": "nt",
        "n-triples": "nt",
        "xml": "xml",
        "rdf+xml": "xml",
        "rdfxml": "xml",
        "json": "json-ld",
        "json-ld": "json-ld",
        "jsonld": "json-ld",
    },
}


class FormatError(ValueError):
    """``format=`` names no format this kind of result can take."""


def _tokens(formats: Sequence[str]) -> list[str]:
    return [t.split(";")[0].strip().lower() for value in formats for t in value.split(",")]


def check_formats(formats: Sequence[str]) -> None:
    """Refuse ``format=`` values that name no format at all (before a query runs)."""
    known = {*RESULT_TYPES, *GRAPH_TYPES, *FORMAT_NAMES["select"], *FORMAT_NAMES["graph"]}
    if formats and not known & set(_tokens(formats)):
        names = ", ".join(sorted({*FORMAT_NAMES["select"], *FORMAT_NAMES["graph"]}))
        raise FormatError(f"unknown format={','.join(formats)!r}; use a media type or: {names}")


def negotiate(accept: str, kind: str, formats: Sequence[str] = ()) -> tuple[str, str]:
    """(format, content type) for the result ``kind`` (``select``, ``ask`` or ``graph``):
    from ``format=`` values when given (a name or media type; a value may list several,
    comma-separated; the first known one wins), else from the ``Accept`` header."""
    group = "graph" if kind == "graph" else "select"
    options = GRAPH_TYPES if group == "graph" else RESULT_TYPES
    default = "text/turtle" if group == "graph" else "application/sparql-results+json"
    if formats:
        for token in _tokens(formats):
            if token in options:
                return options[token], token
            if token in FORMAT_NAMES[group]:
                fmt = FORMAT_NAMES[group][token]
                return fmt, _MIME[group][fmt]
        what = "a graph (CONSTRUCT, DESCRIBE)" if group == "graph" else "SELECT/ASK results"
        names = ", ".join(sorted({*FORMAT_NAMES[group], *options}))
        raise FormatError(f"format={','.join(formats)!r} cannot carry {what}; use one of: {names}")
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


def _xml(result: QueryResult, link: str | None = None) -> str:
    from xml.sax.saxutils import quoteattr

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
    text = out.decode("utf-8") if isinstance(out, bytes) else str(out)
    if link:  # <link> follows the <variable>s in the head (SPARQL XML results, 2.3.2)
        element = f"<link href={quoteattr(link)}/>"
        if "</head>" in text:
            text = text.replace("</head>", element + "</head>", 1)
        else:
            text = text.replace("<head/>", f"<head>{element}</head>", 1)
    return text


def graph_body(triples: Iterable[tuple[Node, Node, Node]], fmt: str, note: str = "") -> str:
    """Triples as ``turtle``, ``nt``, ``xml`` (RDF/XML) or ``json-ld``, with ``note`` as a
    comment at the top where the format has comments. Raises ``FormatError`` when RDF/XML
    cannot write a predicate (its IRI must end in a name)."""
    from bilateral.graph.source.bounds import deep_enough
    from bilateral.ontology.vocab import PREFIXES
    from bilateral.text import unicode_escapes

    triples = list(triples)
    if fmt == "turtle":
        text = results.to_turtle(QueryResult("graph", triples=triples))
        return f"# {note}\n{text}" if note else text
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for t in triples:
        g.add(t)
    with deep_enough():
        if fmt == "nt":
            text = unicode_escapes(g.serialize(format="nt"))
            return f"# {note}\n{text}" if note else text
        if fmt == "json-ld":
            return g.serialize(format="json-ld")
        try:
            text = g.serialize(format="xml")
        except Exception as exc:  # rdflib: a predicate IRI with no name part
            raise FormatError(
                f"cannot write this graph as RDF/XML ({exc}); ask for Turtle"
            ) from None
    if note:
        head, sep, rest = text.partition("?>\n")
        text = f"{head}{sep}<!-- {note.replace('--', '-')} -->\n{rest}" if sep else text
    return text


def body(result: QueryResult, fmt: str, *, link: str | None = None, note: str = "") -> str:
    """A result in ``fmt``; ``link`` (SPARQL JSON and XML) and ``note`` (RDF with
    comments) say that a cap cut it."""
    if result.kind == "graph":
        return graph_body(result.triples, fmt, note)
    if fmt == "json":
        return results.to_json(result, link=link)
    if fmt == "xml":
        return _xml(result, link)
    return {"csv": results.to_csv, "tsv": results.to_tsv}[fmt](result)


#: what XML 1.0 cannot hold, even as a character reference: C0 controls but tab, LF and
#: CR; surrogates; U+FFFE and U+FFFF
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _check_xml(result: QueryResult) -> None:
    """Refuse (``FormatError``) an answer holding a character XML 1.0 cannot carry."""
    cells = [t for row in result.rows for t in row] + [t for tr in result.triples for t in tr]
    for term in cells:
        if term is None:
            continue
        for text in (
            str(term),
            str(getattr(term, "datatype", None) or ""),
            getattr(term, "language", None) or "",
        ):
            bad = _NOT_IN_XML.search(text)
            if bad:
                instead = "Turtle or N-Triples" if result.kind == "graph" else "SPARQL JSON or TSV"
                raise FormatError(
                    f"this answer holds U+{ord(bad.group()):04X}, which XML 1.0 cannot carry; "
                    f"ask for {instead}, which write it as an escape"
                )


def encoded(result: QueryResult, fmt: str, *, link: str | None = None, note: str = "") -> bytes:
    """``body`` in UTF-8. Raises ``FormatError`` for an answer the format cannot carry
    exactly: a control character (but tab, LF, CR) or a surrogate in XML (SPARQL XML,
    RDF/XML), a lone surrogate in a format that writes characters as they are (CSV,
    JSON-LD). SPARQL JSON, TSV, Turtle and N-Triples write both as escapes.

    >>> from rdflib import Literal
    >>> r = QueryResult("select", vars=["x"], rows=[(Literal("A" + chr(1) + "B"),)])
    >>> print(encoded(r, "tsv").decode(), end="")
    ?x
    "A\\u0001B"
    >>> try:
    ...     encoded(r, "xml")
    ... except FormatError as exc:
    ...     print(str(exc)[:45])
    this answer holds U+0001, which XML 1.0 canno
    """
    if fmt == "xml":
        _check_xml(result)
    text = body(result, fmt, link=link, note=note)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(exc.object[exc.start])
        raise FormatError(
            f"this answer holds U+{code:04X} (a lone surrogate), which UTF-8 cannot carry; "
            "ask for SPARQL JSON or TSV (Turtle or N-Triples for a graph), which write it "
            "as an escape"
        ) from None


def cut(result: QueryResult, keep: int) -> QueryResult:
    """The first ``keep`` rows (or triples) of ``result``, marked as cut by the byte cap
    (the endpoint's encoded answer did not fit in it).

    >>> cut(QueryResult("select", vars=["x"], rows=[(None,)] * 3), 1).cut_by
    'bytes'
    """
    return replace(result, rows=result.rows[:keep], triples=result.triples[:keep], cut_by="bytes")


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
