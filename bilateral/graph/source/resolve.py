"""Resolve what a user types (slug, IRI, ``bid:`` name, label or alias) to one IRI.

>>> from bilateral.graph.source.load import load
>>> g = load()
>>> resolve(g, "minsk"), resolve(g, "the Kremlin")
('https://w3id.org/bilateral/id/belarus', 'https://w3id.org/bilateral/id/russia')
"""

from __future__ import annotations

import difflib
from datetime import date

from rdflib import RDFS, SKOS, Graph, Literal, URIRef

from bilateral.errors import InputError, UnknownNameError
from bilateral.ontology.namespace import BID

__all__ = ["parse_date", "resolve"]


def resolve(g: Graph, name: str) -> str:
    """The single entity ``name`` refers to; unknown or ambiguous names raise."""
    text = name.strip()
    if not text:
        raise UnknownNameError("empty actor name")
    if text.startswith(("http://", "https://")):
        if (URIRef(text), None, None) in g:
            return text
        raise UnknownNameError(f"no entity {text}")
    if text.startswith("bid:"):
        text = text[4:]
    slug = URIRef(str(BID) + text)
    if (slug, None, None) in g:
        return str(slug)
    wanted = text.casefold()
    found: set[str] = set()
    names: dict[str, set[str]] = {}
    for prop in (RDFS.label, SKOS.altLabel):
        for s, label in g.subject_objects(prop):
            if not isinstance(s, URIRef) or not isinstance(label, Literal):
                continue
            if not str(s).startswith(str(BID)):
                continue
            key = str(label).casefold()
            names.setdefault(key, set()).add(str(s))
            if key == wanted or key == f"the {wanted}":
                found.add(str(s))
    if len(found) == 1:
        return found.pop()
    if len(found) > 1:
        options = ", ".join(sorted("bid:" + f[len(str(BID)) :] for f in found))
        raise UnknownNameError(f"{name!r} is ambiguous: it names {options}")
    close = difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.6)
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise UnknownNameError(f"no actor or entity named {name!r}{hint}")


def parse_date(text: str | date | None, *, what: str = "date") -> date | None:
    """``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``: the first day) as a date.

    >>> parse_date("2021-06"), parse_date("2020")
    (datetime.date(2021, 6, 1), datetime.date(2020, 1, 1))
    """
    if text is None or isinstance(text, date):
        return text
    parts = text.strip().split("-")
    try:
        if len(parts) == 1:
            return date(int(parts[0]), 1, 1)
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1)
        if len(parts) == 3:
            return date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise InputError(f"bad {what} {text!r}: use YYYY-MM-DD, YYYY-MM or YYYY")
