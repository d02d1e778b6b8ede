"""Rows compared by value: numbers and dates by what they mean, not how a server
writes them (``5.0E8`` is ``500000000``); IRIs and strings exactly; blank nodes as
blank nodes (their labels are each engine's own).

>>> from rdflib import Literal, URIRef
>>> from rdflib.namespace import XSD
>>> value(Literal("5.0E8", datatype=XSD.double)) == value(Literal(500000000))
True
>>> value(Literal("a")) == value(Literal("a", datatype=XSD.string))
True
>>> value(URIRef("a")) == value(Literal("a"))
False
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

NUMBERS = {
    XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long, XSD.short,
    XSD.byte, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.negativeInteger,
    XSD.nonPositiveInteger, XSD.unsignedInt, XSD.unsignedLong, XSD.unsignedShort,
    XSD.unsignedByte,
}  # fmt: skip
Value = tuple[str, ...]


def value(term: Node | None) -> Value:
    """A term as a comparable value."""
    if term is None:
        return ("unbound",)
    if isinstance(term, URIRef):
        return ("iri", str(term))
    if isinstance(term, BNode):
        return ("bnode",)
    assert isinstance(term, Literal), term
    if term.datatype in NUMBERS:
        try:
            number = Decimal(str(term).strip())
        except InvalidOperation:
            return ("literal", str(term), str(term.datatype))
        return ("number", str(number.normalize()) if number else "0")
    if term.datatype in (XSD.date, XSD.dateTime):
        parsed = term.toPython()
        if isinstance(parsed, datetime.date):
            return ("date", parsed.isoformat())
    if term.datatype == XSD.boolean:
        return ("boolean", str(term.toPython()))
    if term.datatype in (None, XSD.string):
        return ("string", str(term), term.language or "")
    return ("literal", str(term), str(term.datatype))


def as_values(rows: list[tuple[Node | None, ...]]) -> list[tuple[Value, ...]]:
    """Every row as values, in the order given."""
    return [tuple(value(t) for t in row) for row in rows]


def differences(local: list[tuple[Value, ...]], remote: list[tuple[Value, ...]]) -> str:
    """'' if both hold the same rows (as multisets), else what differs, briefly."""
    if sorted(local) == sorted(remote):
        return ""
    only_local = [r for r in local if r not in remote]
    only_remote = [r for r in remote if r not in local]
    return (
        f"{len(local)} rows locally, {len(remote)} remotely; {len(only_local)} only locally "
        f"(first: {_brief(only_local)}), {len(only_remote)} only remotely "
        f"(first: {_brief(only_remote)})"
    )


def _brief(rows: list[tuple[Value, ...]]) -> str:
    if not rows:
        return "-"
    return " | ".join(v[1][-40:] if len(v) > 1 else v[0] for v in rows[0])
