"""Run the compiled SHACL shapes (``compiled.py``) on a pyoxigraph store: each shape's
queries, its classes widened to their subclasses in the store, and pyshacl's verdicts
on the ill-typed or non-finite literals that the queries cannot judge.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> store.add(ox.Quad(ox.NamedNode("https://e.org/x"), ox.NamedNode(RDF_TYPE),
...                   ox.NamedNode("https://w3id.org/bilateral/ontology#Loan")))
>>> sorted({rule for _, _, rule, _ in run_compiled(store)})[:2]
['loan-creditor', 'loan-debtor']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, cast

from rdflib import Literal
from rdflib.term import Node

from bilateral.graph.checks.compiled import (
    SH,
    SUBCLASS_STAR,
    SUBCLASSES,
    CompiledShape,
    compile_shapes,
)

if TYPE_CHECKING:
    import pyoxigraph as ox

    #: a term of a store's solution
    OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal

__all__ = [
    "StoreViolation",
    "ox_term",
    "range_fails",
    "rdf_term",
    "run_compiled",
    "solutions",
]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: ``(focus, value or None, rule, message)``, terms as the store gives them
StoreViolation = tuple["OxTerm", "OxTerm | None", str, str]


def rdf_term(term: OxTerm) -> Node:
    """A store's term as an rdflib term."""
    from oxrdflib._converter import from_ox

    found = from_ox(term)
    assert isinstance(found, Node), term  # a term converts to a term, never a triple
    return found


def ox_term(node: Node) -> OxTerm:
    """An rdflib term (an IRI, blank node or literal) as a store's term."""
    import pyoxigraph as ox
    from oxrdflib._converter import to_ox

    found = to_ox(node)
    if not isinstance(found, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        raise ValueError(f"not an RDF term: {node!r}")
    return found


def _rows(
    store: ox.Store, query: str, classes: dict[str, str] | None = None
) -> Iterator[ox.QuerySolution]:
    """Run a compiled query, its classes replaced by their subclasses in the store
    (``classes`` caches them across queries)."""
    cache = {} if classes is None else classes

    def subclasses(m: re.Match[str]) -> str:
        cls = m.group(1)
        if cls not in cache:
            found = {f"<{cls}>"} | {
                str(row[0])
                for row in solutions(
                    store,
                    f"SELECT DISTINCT ?c WHERE {{ ?c {SUBCLASS_STAR} <{cls}> FILTER(isIRI(?c)) }}",
                )
            }
            cache[cls] = " ".join(sorted(found))
        return cache[cls]

    yield from solutions(store, SUBCLASSES.sub(subclasses, query))


def solutions(store: ox.Store, query: str) -> Iterator[ox.QuerySolution]:
    """The solutions of a SELECT query over every graph of ``store``."""
    import pyoxigraph as ox

    result = store.query(query, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions), query
    yield from result


def range_fails(shape: CompiledShape, lit: Literal) -> bool:
    """pyshacl's verdict on an ill-typed or non-finite literal under range constraints
    (it compares the literal as the reference path hands it over: ``shacl_safe``)."""
    from pyshacl.rdfutil.compare import compare_literal

    from bilateral.graph.checks.literals import shacl_safe

    # pyshacl's function is not annotated: -1, 0 or 1 as the literals compare
    compare = cast("Callable[[Literal, Literal], int]", compare_literal)

    v = shacl_safe(lit)
    for constraint, limit in shape.ranges:
        if isinstance(v.value, str) != isinstance(limit.value, str):
            return True
        try:
            cmp = compare(v, limit)
        except (TypeError, NotImplementedError):
            return True
        verdicts: dict[Node, bool] = {
            SH.minInclusive: cmp >= 0,
            SH.minExclusive: cmp > 0,
            SH.maxInclusive: cmp <= 0,
            SH.maxExclusive: cmp < 0,
        }
        holds = verdicts[constraint]
        if not holds:
            return True
    return False


def run_compiled(
    store: ox.Store,
    bad: dict[tuple[str, str], dict[OxTerm, Literal]] | None = None,
    shapes: list[CompiledShape] | None = None,
    on_shape: Callable[[str], None] | None = None,
) -> list[StoreViolation]:
    """``(focus, value or None, rule, message)`` for every violation on a pyoxigraph
    store (terms are pyoxigraph terms). ``bad`` maps ``(subject, predicate)`` IRIs to
    the ill-typed or non-finite literals found there (pyoxigraph term: rdflib literal;
    see the module docstring). ``on_shape`` hears the rule of each shape as it starts."""
    import pyoxigraph as ox

    bad = bad or {}
    classes: dict[str, str] = {}
    bad_values = {term for found in bad.values() for term in found}
    out: list[StoreViolation] = []
    for shape in shapes if shapes is not None else compile_shapes():
        if on_shape is not None:
            on_shape(f"shape {shape.rule}")
        for query in shape.count_queries:
            out.extend(
                (row[0], None, shape.rule, shape.message) for row in _rows(store, query, classes)
            )
        if shape.value_query:
            out.extend(
                (row[0], row[1], shape.rule, shape.message)
                for row in _rows(store, shape.value_query, classes)
                if not (shape.ranges and row[1] in bad_values)  # judged below
            )
        if not (shape.has_datatype or shape.ranges) or not bad:
            continue
        hits = [
            (s, term, lit)
            for (s, p), found in bad.items()
            if p in shape.predicates
            for term, lit in found.items()
            if shape.has_datatype or range_fails(shape, lit)
        ]
        if not hits:
            continue
        subjects = " ".join(f"<{s}>" for s in sorted({s for s, _, _ in hits}))
        query = f"SELECT DISTINCT ?focus WHERE {{ VALUES ?focus {{ {subjects} }} {shape.targets} }}"
        focus = {row[0].value for row in _rows(store, query, classes)}
        out.extend(
            (ox.NamedNode(s), term, shape.rule, shape.message) for s, term, _ in hits if s in focus
        )
    return out
