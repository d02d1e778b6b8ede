"""Evaluate a checked query on Oxigraph's own engine, for a graph opened from the
persistent store: its solutions or triples converted to rdflib terms up to the caps,
its syntax errors reported as ``QueryError`` with line and column. ``engine.run``
decides when (a store's graph, no bindings) and runs it in the guarded query child.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from rdflib.term import Identifier, Node

from bilateral.errors import QueryError
from bilateral.graph.sparql.dataset import GraphSelection, native_arguments
from bilateral.graph.sparql.engine import Collector, QueryResult
from bilateral.ontology.vocab import PREFIXES

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["evaluate_native"]


def evaluate_native(
    store: pyoxigraph.Store,
    sparql: str,
    bindings: Mapping[str, Identifier],
    caps: Collector,
    *,
    guarded: bool,
    dataset: GraphSelection | None = None,
) -> QueryResult:
    import pyoxigraph as ox
    from oxrdflib._converter import from_ox, to_ox

    from bilateral.graph.sparql.sandbox import kernel_guard_active

    active, why = kernel_guard_active()
    if guarded and not active:  # Oxigraph's HTTP client is invisible to audit hooks
        raise QueryError(f"store queries need the kernel network guard: {why}")
    try:
        result = store.query(
            sparql,
            prefixes=PREFIXES,
            **native_arguments(dataset),
            substitutions={ox.Variable(k): _ox_term(to_ox(v)) for k, v in bindings.items()},
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
        for solution in result:
            if not caps.add(tuple(_term(from_ox(x)) for x in solution)):
                break
        return QueryResult("select", vars=vars_, rows=caps.items, cut_by=caps.cut_by)
    for triple in result:
        converted = from_ox(triple)  # a triple of terms
        if isinstance(converted, tuple) and not caps.add(converted):
            break
    return QueryResult("graph", triples=caps.triples, cut_by=caps.cut_by)


def _ox_term(value: object) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal:
    """A converted binding value, which is always a term (``to_ox`` also takes quads)."""
    import pyoxigraph as ox

    if not isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        raise QueryError(f"a binding must be an IRI, a blank node or a literal, not {value!r}")
    return value


def _term(value: Node | tuple[Node, Node, Node] | None) -> Node | None:
    """A converted term of a solution (``from_ox`` also converts triples: not here)."""
    return value if not isinstance(value, tuple) else None
