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

from rdflib import Graph, Literal
from rdflib.term import Node

__all__ = ["bad_literals", "problem", "shacl_safe"]

_XSD = "http://www.w3.org/2001/XMLSchema#"


def _non_finite(value: object) -> bool:
    if isinstance(value, Decimal):
        return not value.is_finite()
    if isinstance(value, float):
        return not math.isfinite(value)
    return False


def problem(lit: Literal) -> tuple[str, str] | None:
    """``(rule, message)`` when ``lit`` is ill-typed or a non-finite number, else None."""
    datatype = str(lit.datatype or "")
    if getattr(lit, "ill_typed", False):
        name = "xsd:" + datatype[len(_XSD) :] if datatype.startswith(_XSD) else datatype
        return "ill-typed-literal", f'"{lit}" is not a valid {name}'
    if _non_finite(lit.value):
        return "non-finite-number", f"{lit} is not a finite number"
    return None


def bad_literals(g: Graph) -> Iterator[tuple[Node, Node, Literal, str, str]]:
    """Every ``(subject, predicate, literal, rule, message)`` with a bad literal."""
    for s, p, o in g.triples((None, None, None)):
        if isinstance(o, Literal) and o.datatype is not None:
            found = problem(o)
            if found:
                yield s, p, o, *found


def shacl_safe(lit: Literal) -> Literal:
    """A stand-in that SHACL can compare: a non-finite decimal makes pyshacl's range
    checks raise, so it is checked as a plain string (still a datatype violation)."""
    if lit.datatype is not None and _non_finite(lit.value):
        return Literal(str(lit))
    return lit
