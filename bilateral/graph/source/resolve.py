"""Resolve what a user types (slug, IRI, ``bid:`` name, label or alias) to one IRI.

>>> from bilateral.graph.source.load import load
>>> g = load()
>>> resolve(g, "minsk"), resolve(g, "the Kremlin")
('https://w3id.org/bilateral/id/belarus', 'https://w3id.org/bilateral/id/russia')
"""

from __future__ import annotations

import calendar
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from rdflib import SKOS, Graph

from bilateral.errors import InputError, UnknownNameError
from bilateral.graph.source.read import RDFS_LABEL, props
from bilateral.ontology.vocab import BID

__all__ = ["NameIndex", "parse_date", "resolve"]

_ALT_LABEL = str(SKOS.altLabel)


@dataclass
class NameIndex:
    """What names refer to: every ``bid:`` entity and its labels and aliases, read once.

    >>> idx = NameIndex.build({BID + "x": ["Ruritania", "the Kingdom"]})
    >>> idx.resolve("kingdom"), idx.resolve("bid:x") == idx.resolve("ruritania")
    ('https://w3id.org/bilateral/id/x', True)
    """

    entities: set[str] = field(default_factory=set)
    names: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, labels: dict[str, list[str]], entities: Iterable[str] = ()) -> NameIndex:
        """From ``{iri: [label or alias, ...]}`` and further known entity IRIs."""
        out = cls(entities={e for e in entities if e.startswith(BID)})
        for iri, texts in labels.items():
            if not iri.startswith(BID):
                continue
            out.entities.add(iri)
            for text in texts:
                out.names.setdefault(text.casefold(), set()).add(iri)
        return out

    @classmethod
    def from_graph(cls, g: Graph, entities: Iterable[str] = ()) -> NameIndex:
        """Labels and aliases of ``g``; ``entities`` adds IRIs known otherwise (typed)."""
        read = props(g, [RDFS_LABEL, _ALT_LABEL])
        labels = {s: d.get(RDFS_LABEL, []) + d.get(_ALT_LABEL, []) for s, d in read.items()}
        if not entities:
            from bilateral.graph.source.read import types

            entities = types(g)
        return cls.build(labels, entities)

    def resolve(self, name: str) -> str:
        """The single entity ``name`` refers to; unknown or ambiguous names raise."""
        text = name.strip()
        if not text:
            raise UnknownNameError("empty actor name")
        if text.startswith(("http://", "https://")):
            if text in self.entities:
                return text
            raise UnknownNameError(f"no entity {text}")
        if text.startswith("bid:"):
            text = text[4:]
        if BID + text in self.entities:
            return BID + text
        wanted = text.casefold()
        found = set(self.names.get(wanted, ())) | set(self.names.get(f"the {wanted}", ()))
        if len(found) == 1:
            return found.pop()
        if len(found) > 1:
            options = ", ".join(sorted("bid:" + f[len(BID) :] for f in found))
            raise UnknownNameError(f"{name!r} is ambiguous: it names {options}")
        close = difflib.get_close_matches(wanted, list(self.names), n=5, cutoff=0.6)
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        raise UnknownNameError(f"no actor or entity named {name!r}{hint}")


def resolve(g: Graph, name: str) -> str:
    """The single entity ``name`` (slug, ``bid:`` name, IRI, label or alias) refers to,
    in a graph or a ``NameIndex``; unknown or ambiguous names raise."""
    index = g if isinstance(g, NameIndex) else NameIndex.from_graph(g)
    return index.resolve(name)


def parse_date(
    text: str | int | date | None, *, what: str = "date", end_of_period: bool = False
) -> date | None:
    """``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``: the first day; the last day with
    ``end_of_period``, as the end of a range ``--to 2021`` means) as a date.

    >>> parse_date("2021-06"), parse_date("2020")
    (datetime.date(2021, 6, 1), datetime.date(2020, 1, 1))
    >>> parse_date("2020-02", end_of_period=True), parse_date("2021", end_of_period=True)
    (datetime.date(2020, 2, 29), datetime.date(2021, 12, 31))
    >>> parse_date(2021), parse_date(datetime(2021, 6, 1, 12, 30))
    (datetime.date(2021, 1, 1), datetime.date(2021, 6, 1))
    """
    if text is None:
        return None
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)  # a year
    if not isinstance(text, str):
        raise InputError(f"bad {what} {text!r}: use a date, or YYYY-MM-DD, YYYY-MM or YYYY")
    parts = text.strip().split("-")
    try:
        if len(parts) == 1:
            year = int(parts[0])
            return date(year, 12, 31) if end_of_period else date(year, 1, 1)
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            if end_of_period:
                return date(year, month, calendar.monthrange(year, month)[1])
            return date(year, month, 1)
        if len(parts) == 3:
            return date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise InputError(f"bad {what} {text!r}: use YYYY-MM-DD, YYYY-MM or YYYY")
