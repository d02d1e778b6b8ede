"""Run SPARQL safely: predeclared prefixes, no network, a timeout and a row cap.

Queries are checked before evaluation: SERVICE, FROM/FROM NAMED and any update
(LOAD, INSERT, DROP ...) are refused. Evaluation runs in a forked child process
that is killed at the timeout, with an audit hook that refuses network access as a
second line of defence; the parent keeps the graph and stays healthy. A graph opened
from the persistent store is queried by Oxigraph's own engine (in the child, on the
read-only store handle it inherits).

>>> from bilateral.graph.load import load
>>> r = run(load(), "SELECT ?l WHERE { bid:belarus rdfs:label ?l }")
>>> [str(row[0]) for row in r.rows]
['Belarus']
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import rdflib.plugins.sparql as rdflib_sparql
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node

from bilateral.errors import QueryError

__all__ = [
    "DEFAULT_ROW_CAP",
    "DEFAULT_TIMEOUT",
    "PREFIXES",
    "QueryResult",
    "check_query",
    "run",
    "to_term",
]

rdflib_sparql.SPARQL_LOAD_GRAPHS = False

DEFAULT_TIMEOUT = 30.0
DEFAULT_ROW_CAP = 100_000

PREFIXES: dict[str, str] = {
    "bil": "https://w3id.org/bilateral/ontology#",
    "bid": "https://w3id.org/bilateral/id/",
    "bsrc": "https://w3id.org/bilateral/source/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "time": "http://www.w3.org/2006/time#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "schema": "http://schema.org/",
}


@dataclass
class QueryResult:
    """What a query returned: rows for SELECT, a boolean for ASK, triples otherwise."""

    kind: str  # "select", "ask" or "graph"
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Node, Node, Node]] = field(default_factory=list)
    truncated: bool = False


def _header() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def _walk(node: Any) -> Any:
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _walk(item)


def check_query(sparql: str) -> Any:
    """Parse ``sparql`` (with the predeclared prefixes) and refuse unsafe forms.

    Returns the translated query. Raises ``QueryError`` with line and column on a
    syntax error (exit code 2) and for SERVICE, FROM and updates.

    >>> check_query("SELECT * { SERVICE <http://example.org/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    bilateral.errors.QueryError: SERVICE is not allowed: queries never reach the network
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    text = _header() + sparql
    offset = len(PREFIXES)
    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        try:
            parseUpdate(text)
        except ParseException:
            pass
        else:
            raise QueryError(
                "updates (INSERT, DELETE, LOAD, CLEAR, DROP ...) are not allowed: "
                "the graph is read-only"
            ) from None
        line = max(exc.lineno - offset, 1)
        raise QueryError(
            f"SPARQL syntax error at line {line}, column {exc.col}: {exc.msg}"
        ) from None
    except Exception as exc:  # rdflib raises plain exceptions for unknown prefixes
        raise QueryError(f"SPARQL error: {exc}") from None
    try:
        query = translateQuery(parsed, initNs=PREFIXES)
    except Exception as exc:
        raise QueryError(f"SPARQL error: {exc}") from None
    for comp in _walk(query.algebra):
        if comp.name == "ServiceGraphPattern":
            raise QueryError("SERVICE is not allowed: queries never reach the network")
        if comp.name == "DatasetClause" or query.algebra.get("datasetClause"):
            raise QueryError(
                "FROM and FROM NAMED are not allowed: queries run on the loaded graph only"
            )
    return query


_LEXEMES = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'  # strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'  # IRIs
    r"|#[^\n]*"  # comments
)
_WORDS = re.compile(r"(?<![\w:?$])([A-Za-z]+)(?![\w:])")
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY"}
_QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_READ_ONLY = (
    "updates (INSERT, DELETE, LOAD, CLEAR, DROP ...) are not allowed: the graph is read-only"
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def quick_check(sparql: str) -> None:
    """Refuse SERVICE, FROM and updates without a full parse (for Oxigraph's engine).

    Strings, IRIs and comments are blanked out first, so only keywords count; names such
    as ``ex:from`` or ``?service`` do not. Oxigraph parses the query itself and reports
    syntax errors.

    >>> quick_check('SELECT * { ?s rdfs:label "SERVICE FROM" }')
    >>> quick_check("SELECT * { service <http://x> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    bilateral.errors.QueryError: SERVICE is not allowed: queries never reach the network
    """
    # SPARQL decodes \uXXXX escapes anywhere in the text before parsing: so do we
    text = _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)
    words = {w.upper() for w in _WORDS.findall(_LEXEMES.sub(" ", text))}
    if "SERVICE" in words:
        raise QueryError("SERVICE is not allowed: queries never reach the network")
    if "FROM" in words:
        raise QueryError(
            "FROM and FROM NAMED are not allowed: queries run on the loaded graph only"
        )
    if words & _UPDATE_WORDS and (not words & _QUERY_FORMS or "DATA" in words):
        raise QueryError(_READ_ONLY)


def to_term(value: Any) -> Node:
    """A binding value as an RDF term: terms pass, ``bid:x``-style strings stay literal."""
    if isinstance(value, Node):
        return value
    return Literal(value)


def _native_store(g: Graph) -> Any:
    """The pyoxigraph store behind ``g`` (opened by ``open_store``), or None."""
    if not getattr(g, "bilateral_store", None):
        return None
    return getattr(g.store, "_inner", None)


def _evaluate_native(
    store: Any, sparql: str, bindings: Mapping[str, Node], row_cap: int
) -> QueryResult:
    import pyoxigraph as ox
    from oxrdflib._converter import from_ox, to_ox

    try:
        result = store.query(
            sparql,
            prefixes=PREFIXES,
            use_default_graph_as_union=True,
            substitutions={ox.Variable(k): to_ox(v) for k, v in bindings.items()},
        )
    except SyntaxError as exc:
        text = str(exc).splitlines()[0] if str(exc) else "invalid query"
        where = re.match(r"error at (\d+):(\d+): (.*)", text)
        if where:
            line, col, what = where.groups()
            text = f"at line {line}, column {col}: {what}"
        if len(text) > 160:
            text = text[:157] + "..."
        raise QueryError(f"SPARQL syntax error {text}") from None
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        vars_ = [v.value for v in result.variables]
        rows: list[tuple[Node | None, ...]] = []
        truncated = False
        for solution in result:
            if len(rows) >= row_cap:
                truncated = True
                break
            rows.append(tuple(None if x is None else from_ox(x) for x in solution))  # type: ignore[misc]
        return QueryResult("select", vars=vars_, rows=rows, truncated=truncated)
    triples: list[tuple[Node, Node, Node]] = []
    truncated = False
    for triple in result:
        if len(triples) >= row_cap:
            truncated = True
            break
        triples.append(from_ox(triple))  # type: ignore[arg-type]
    return QueryResult("graph", triples=triples, truncated=truncated)


def _evaluate(
    g: Graph, query: Any, bindings: Mapping[str, Node], row_cap: int, sparql: str = ""
) -> QueryResult:
    from rdflib.plugins.sparql.evaluate import evalQuery

    native = _native_store(g)
    if native is not None and sparql and not bindings:
        # Oxigraph substitutes only projected variables; queries with bindings take
        # rdflib's engine (over the same store) so that any variable can be bound.
        return _evaluate_native(native, sparql, bindings, row_cap)

    result: Any = evalQuery(g, query, dict(bindings))  # type: ignore[arg-type]
    kind = result["type_"]
    if kind == "SELECT":
        vars_ = [str(v) for v in result["vars_"]]
        rows: list[tuple[Node | None, ...]] = []
        truncated = False
        for solution in result["bindings"]:
            if len(rows) >= row_cap:
                truncated = True
                break
            rows.append(tuple(solution.get(rdflib_var(v)) for v in vars_))
        return QueryResult("select", vars=vars_, rows=rows, truncated=truncated)
    if kind == "ASK":
        return QueryResult("ask", boolean=bool(result["askAnswer"]))
    triples: list[tuple[Node, Node, Node]] = []
    truncated = False
    for triple in result["graph"]:
        if len(triples) >= row_cap:
            truncated = True
            break
        triples.append(triple)
    return QueryResult("graph", triples=triples, truncated=truncated)


def rdflib_var(name: str) -> Any:
    from rdflib import Variable

    return Variable(name)


def run(
    g: Graph,
    sparql: str,
    *,
    bindings: Mapping[str, Any] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    row_cap: int = DEFAULT_ROW_CAP,
) -> QueryResult:
    """Check and evaluate ``sparql`` on ``g``; stop it at ``timeout`` seconds.

    ``bindings`` pre-bind variables through rdflib's ``initBindings`` (values are
    never pasted into the query text). With ``timeout=None`` the query runs in this
    process without a time limit. Results beyond ``row_cap`` rows are cut off and
    ``truncated`` is set.
    """
    terms = {k: to_term(v) for k, v in (bindings or {}).items()}
    query: Any = None
    if _native_store(g) is not None and not terms:
        quick_check(sparql)  # Oxigraph parses; a full rdflib parse would double the cost
    else:
        query = check_query(sparql)
    if timeout is None or not hasattr(os, "fork"):
        return _evaluate(g, query, terms, row_cap, sparql)
    from bilateral.graph.sandbox import in_child

    result: QueryResult = in_child(lambda: _evaluate(g, query, terms, row_cap, sparql), timeout)
    return result


def iri(value: str) -> URIRef:
    """``bid:belarus`` or a full IRI as a ``URIRef`` (for bindings).

    >>> str(iri("bid:belarus"))
    'https://w3id.org/bilateral/id/belarus'
    """
    prefix, _, local = value.partition(":")
    if prefix in PREFIXES and not value.startswith(("http:", "https:", "urn:")):
        return URIRef(PREFIXES[prefix] + local)
    return URIRef(value)
