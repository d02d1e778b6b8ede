"""Run SPARQL safely: predeclared prefixes, no network, a timeout, memory and result caps.

Every query is parsed by SPARQL's grammar (rdflib's parser) and refused if it holds
SERVICE, FROM/FROM NAMED or is an update (LOAD, INSERT, DROP ...) — for both engines.
Parsing and evaluation run in a forked child (``graph/sandbox.py``) that is killed at
the timeout, runs under a kernel guard that refuses network sockets and an audit hook,
and has a memory cap; the parent keeps the graph and stays healthy. A graph opened
from the persistent store is queried by Oxigraph's own engine (in the child, on the
read-only store handle it inherits).

>>> from bilateral.graph.source.load import load
>>> r = run(load(), "SELECT ?l WHERE { bid:belarus rdfs:label ?l }")
>>> [str(row[0]) for row in r.rows]
['Belarus']
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from rdflib import Graph, Literal, URIRef, Variable
from rdflib.term import Identifier, Node

from bilateral.errors import QueryError
from bilateral.graph.source.read import native_store as _native_store
from bilateral.graph.sparql.dataset import GraphSelection, check, restricted
from bilateral.graph.sparql.limits import (
    DEFAULT_BYTE_CAP,
    DEFAULT_MAX_MEMORY,
    DEFAULT_ROW_CAP,
    DEFAULT_TIMEOUT,
    term_size,
)
from bilateral.graph.sparql.safety import (
    _PARSE_LOCK,
    _parse,
    _translate,
    parse,
    refuse_unsafe,
    warm,
)
from bilateral.ontology.vocab import expand

if TYPE_CHECKING:
    from bilateral.graph.sparql.infer import Hierarchy
    from bilateral.graph.sparql.safety import ParseTree

__all__ = [
    "DEFAULT_BYTE_CAP",
    "DEFAULT_MAX_MEMORY",
    "DEFAULT_ROW_CAP",
    "DEFAULT_TIMEOUT",
    "QueryResult",
    "iri",
    "run",
    "shaped_like",
    "to_term",
    "warm",
]


@dataclass
class QueryResult:
    """What a query returned: rows for SELECT, a boolean for ASK, triples otherwise."""

    kind: str  # "select", "ask" or "graph"
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Node, Node, Node]] = field(default_factory=list)
    cut_by: str = ""  # "rows" or "bytes": the cap that cut the results, if any

    @property
    def truncated(self) -> bool:
        """Whether a cap cut the results."""
        return bool(self.cut_by)


def to_term(value: object) -> Identifier:
    """A binding value as an RDF term: terms pass, ``bid:x``-style strings stay literal."""
    if isinstance(value, Identifier):
        return value
    return Literal(value)


class Collector:
    """Rows (or triples) up to the row cap and the byte cap; says which cap cut them."""

    def __init__(self, row_cap: int, byte_cap: int) -> None:
        self.row_cap, self.byte_cap = row_cap, byte_cap
        self.items: list[tuple[Node | None, ...]] = []
        self.bytes = 0
        self.cut_by = ""

    def add(self, item: tuple[Node | None, ...]) -> bool:
        """Keep ``item``; False once a cap is reached (the item is dropped)."""
        if len(self.items) >= self.row_cap:
            self.cut_by = "rows"
            return False
        # the whole term counts: lexical form, datatype IRI and language tag
        self.bytes += sum(term_size(t) for t in item) + 4 * len(item)
        if self.bytes > self.byte_cap:
            self.cut_by = "bytes"
            return False
        self.items.append(item)
        return True

    @property
    def triples(self) -> list[tuple[Node, Node, Node]]:
        """The items of a graph result: triples (``add`` takes any tuple of terms)."""
        return cast("list[tuple[Node, Node, Node]]", self.items)


class _Shape:
    """What the result should look like whatever the rewrite did: ``SELECT *`` columns in
    the order the variables first appear, without the rewrite's own variables."""

    def __init__(self, sparql: str):
        from bilateral.graph.sparql.lexer import analyse

        q = analyse(sparql)
        self.star, self.distinct = q.star and q.form == "SELECT", q.distinct
        self.order = {v: i for i, v in enumerate(q.variables)}

    def apply(self, result: QueryResult) -> QueryResult:
        if result.kind != "select" or not self.star:
            return result
        from bilateral.graph.sparql.infer import HIDDEN

        keep = [i for i, v in enumerate(result.vars) if not v.startswith(HIDDEN)]
        keep.sort(key=lambda i: (self.order.get(result.vars[i], len(self.order)), i))
        rows = [tuple(row[i] for i in keep) for row in result.rows]
        if self.distinct and len(keep) < len(result.vars):
            rows = list(dict.fromkeys(rows))
        result.vars = [result.vars[i] for i in keep]
        result.rows = rows
        return result


def shaped_like(sparql: str, result: QueryResult) -> QueryResult:
    """``result`` of a rewritten ``sparql`` in the shape ``sparql`` asks for: ``SELECT *``
    columns without the rewrite's own variables, in the order they first appear."""
    return _Shape(sparql).apply(result)


def _evaluate(
    g: Graph,
    sparql: str,
    bindings: Mapping[str, Identifier],
    caps: Collector,
    *,
    in_process: bool,
    hierarchy: Hierarchy | None = None,
    dataset: GraphSelection | None = None,
) -> QueryResult:
    """Parse, check, rewrite for inference and evaluate: in the query child (one
    thread), or in this process under the parse lock (no kernel guard there: trusted
    callers only). The user's text is checked first (its syntax errors are the ones
    reported), then the text that actually runs."""
    parsed = parse(sparql) if in_process else _parse(sparql)
    refuse_unsafe(parsed)
    shaped = _Shape(sparql)
    if hierarchy is not None:
        from bilateral.graph.sparql.infer import rewrite

        rewritten = rewrite(sparql, hierarchy)
        if rewritten.changed:
            sparql = rewritten.text
            try:
                parsed = parse(sparql) if in_process else _parse(sparql)
            except QueryError as exc:
                raise QueryError(
                    f"inference could not rewrite this query ({exc}); run it without inference "
                    "(infer=False) and write the subclasses out, e.g. ?x a/rdfs:subClassOf* C"
                ) from None
            refuse_unsafe(parsed)  # the text that runs is checked, whatever the rewrite did
    return shaped.apply(
        _run_checked(g, sparql, parsed, bindings, caps, in_process=in_process, dataset=dataset)
    )


def _run_checked(
    g: Graph,
    sparql: str,
    parsed: ParseTree,
    bindings: Mapping[str, Identifier],
    caps: Collector,
    *,
    in_process: bool,
    dataset: GraphSelection | None = None,
) -> QueryResult:
    """Evaluate a query that passed the checks, on the store's engine or rdflib's."""
    from rdflib.plugins.sparql.evaluate import evalQuery

    native = _native_store(g)
    if native is not None and not bindings:
        # Oxigraph substitutes only projected variables; queries with bindings take
        # rdflib's engine (over the same store) so that any variable can be bound.
        from bilateral.graph.sparql.native import evaluate_native

        return evaluate_native(
            native, sparql, bindings, caps, guarded=not in_process, dataset=dataset
        )
    if dataset is not None:
        g = restricted(g, dataset)
    if in_process:
        with _PARSE_LOCK:
            query = _translate(parsed)
    else:
        query = _translate(parsed)
    result = evalQuery(g, query, dict(bindings))
    kind = result["type_"]
    if kind == "SELECT":
        vars_ = [str(v) for v in result["vars_"]]
        for solution in result["bindings"]:
            if not caps.add(tuple(solution.get(rdflib_var(v)) for v in vars_)):
                break
        return QueryResult("select", vars=vars_, rows=caps.items, cut_by=caps.cut_by)
    if kind == "ASK":
        return QueryResult("ask", boolean=bool(result["askAnswer"]))
    for triple in result["graph"]:
        if not caps.add(triple):
            break
    return QueryResult("graph", triples=caps.triples, cut_by=caps.cut_by)


def rdflib_var(name: str) -> Variable:
    return Variable(name)


def run(
    g: Graph,
    sparql: str,
    *,
    bindings: Mapping[str, object] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    row_cap: int = DEFAULT_ROW_CAP,
    byte_cap: int = DEFAULT_BYTE_CAP,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    infer: bool = True,
    dataset: GraphSelection | None = None,
) -> QueryResult:
    """Check and evaluate ``sparql`` on ``g``; stop it at ``timeout`` seconds.

    The query is parsed by SPARQL's grammar and checked (no SERVICE, FROM or updates)
    inside a forked child that runs under a kernel network guard and a memory cap
    (``max_memory`` bytes beyond what it inherits), so parsing, too, is bound by the
    deadline. ``bindings`` pre-bind variables through rdflib's ``initBindings`` (values
    are never pasted into the query text). Results stop at ``row_cap`` rows or
    ``byte_cap`` bytes of terms: ``truncated`` is set and ``cut_by`` says which cap.
    With ``timeout=None`` the query runs in this process, unguarded and without limits
    (for trusted code only). ``infer`` applies RDFS subclass and subproperty inference
    by rewriting the query (``graph/sparql/infer.py``); the graph is never changed.
    ``SELECT *`` columns come in the order their variables first appear. ``dataset``
    limits the query to some of the graphs by name (``graph/sparql/dataset.py``); a name
    that ``g`` does not hold raises ``QueryError``.
    """
    from bilateral.graph.sparql.infer import hierarchy_of
    from bilateral.graph.sparql.ordering import install

    # ORDER BY keys that are errors sort as unbound (SPARQL 1.1 §15.1); installed here,
    # in the parent, so that no child imports it (a fork during another thread's import
    # would leave the import lock held in the child)
    install()
    if dataset is not None:
        check(g, dataset)

    terms = {k: to_term(v) for k, v in (bindings or {}).items()}
    caps = Collector(row_cap, byte_cap)
    hierarchy = hierarchy_of(g) if infer else None  # read once, in this process
    if timeout is None or not hasattr(os, "fork"):
        return _evaluate(
            g, sparql, terms, caps, in_process=True, hierarchy=hierarchy, dataset=dataset
        )
    from bilateral.graph.sparql.sandbox import in_child

    warm(native=_native_store(g) is not None)
    result: QueryResult = in_child(
        lambda: _evaluate(
            g, sparql, terms, caps, in_process=False, hierarchy=hierarchy, dataset=dataset
        ),
        timeout,
        max_memory=max_memory,
    )
    return result


def iri(value: str) -> URIRef:
    """``bid:belarus`` or a full IRI as a ``URIRef`` (for bindings).

    >>> str(iri("bid:belarus"))
    'https://w3id.org/bilateral/id/belarus'
    """
    return URIRef(expand(value))
