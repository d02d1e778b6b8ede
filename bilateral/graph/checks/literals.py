"""Literals that are not what their datatype says: ill-typed (``"2021-02-30"^^xsd:date``,
``"abc"^^xsd:decimal``) or numbers that are not finite (``"NaN"^^xsd:decimal``,
``"INF"^^xsd:double``, ``1e999``). ``validate`` reports each once.

>>> from rdflib import Literal, XSD
>>> problem(Literal("NaN", datatype=XSD.decimal))
('non-finite-number', 'NaN is not a finite number')
>>> problem(Literal("2021-02-30", datatype=XSD.date))[0]
'ill-typed-literal'
>>> problem(Literal("0.5", datatype=XSD.decimal)) is None
True
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from rdflib import Graph, Literal
from rdflib.term import Node

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["bad_literals", "bad_literals_store", "canonical", "problem", "shacl_safe"]

_XSD = "http://www.w3.org/2001/XMLSchema#"


def _non_finite(value: object) -> bool:
    if isinstance(value, Decimal):
        return not value.is_finite()
    if isinstance(value, float):
        return not math.isfinite(value)
    return False


def canonical(lit: Literal) -> Literal:
    """``lit`` as the store keeps it: a valid number, boolean or date-time in its canonical
    form (``"2.0"^^xsd:decimal`` is kept as ``2``, ``1e999`` as ``INF``). Messages show
    values this way on every path, so that validating files and validating a store built
    from them print the same lines.

    >>> from rdflib import XSD
    >>> str(canonical(Literal("2.0", datatype=XSD.decimal)))
    '2'
    >>> str(canonical(Literal("2021-02-30", datatype=XSD.date)))
    '2021-02-30'
    """
    if lit.datatype is None:
        return lit
    return Literal(_canonical_text(str(lit), str(lit.datatype)), datatype=lit.datatype)


@lru_cache(maxsize=4096)
def _canonical_text(text: str, datatype: str) -> str:
    import pyoxigraph as ox

    store = ox.Store()  # in memory: Oxigraph canonicalises a literal when it stores it
    node = ox.NamedNode("urn:x-bilateral:canonical")
    store.add(ox.Quad(node, node, ox.Literal(text, datatype=ox.NamedNode(datatype))))
    for quad in store.quads_for_pattern(None, None, None):
        if isinstance(quad.object, ox.Literal):
            return quad.object.value
    return text


def problem(lit: Literal) -> tuple[str, str] | None:
    """``(rule, message)`` when ``lit`` is ill-typed or a non-finite number, else None."""
    datatype = str(lit.datatype or "")
    if getattr(lit, "ill_typed", False):
        name = "xsd:" + datatype[len(_XSD) :] if datatype.startswith(_XSD) else datatype
        return "ill-typed-literal", f'"{canonical(lit)}" is not a valid {name}'
    if _non_finite(lit.value):
        return "non-finite-number", f"{canonical(lit)} is not a finite number"
    return None


def bad_literals(g: Graph) -> Iterator[tuple[Node, Node, Literal, str, str]]:
    """Every ``(subject, predicate, literal, rule, message)`` with a bad literal."""
    for s, p, o in g.triples((None, None, None)):
        if isinstance(o, Literal) and o.datatype is not None:
            found = problem(o)
            if found:
                yield s, p, o, *found


def bad_literals_store(store: pyoxigraph.Store) -> list[tuple[Node, Node, Literal, str, str]]:
    """``bad_literals`` on a pyoxigraph store: each distinct typed literal is judged once
    (a million triples hold a few thousand), then the triples of the bad ones are found."""
    from bilateral.graph.checks.onstore import rdf_term, solutions

    distinct = solutions(
        store,  # the LIMIT keeps the FILTER from running on every triple
        "SELECT ?o WHERE { { SELECT DISTINCT ?o WHERE { ?s ?p ?o } LIMIT 1000000000000 } "
        f"FILTER(isLiteral(?o) && DATATYPE(?o) NOT IN (<{_XSD}string>, "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>)) }",
    )
    bad: dict[pyoxigraph.Literal, tuple[str, str]] = {}
    for (term,) in distinct:
        found = problem(Literal(term.value, datatype=term.datatype.value))
        if found:
            bad[term] = found
    out: list[tuple[Node, Node, Literal, str, str]] = []
    terms = list(bad)
    for i in range(0, len(terms), 2000):
        values = " ".join(str(t) for t in terms[i : i + 2000])
        for s, p, o in solutions(
            store, f"SELECT ?s ?p ?o WHERE {{ VALUES ?o {{ {values} }} ?s ?p ?o }}"
        ):
            lit = rdf_term(o)
            assert isinstance(lit, Literal)
            out.append((rdf_term(s), rdf_term(p), lit, *bad[o]))
    return out


def shacl_safe(lit: Literal) -> Literal:
    """A stand-in that SHACL can compare: a non-finite decimal makes pyshacl's range
    checks raise, so it is checked as a plain string (still a datatype violation)."""
    if lit.datatype is not None and _non_finite(lit.value):
        return Literal(str(lit))
    return lit
