"""The vocabulary in one place: prefixes, CURIEs and the class hierarchy of a graph.

Everything that shortens an IRI, predeclares a SPARQL prefix or asks "what kind of
statement is this?" uses this module, so ``stats``, the measures, ``validate``, the CLI
tables and the SPARQL engine agree. Plain strings only (no rdflib import): the CLI can
use it without slowing ``--help``.

>>> curie("https://w3id.org/bilateral/id/belarus"), local("https://w3id.org/bilateral/ontology#Loan")
('bid:belarus', 'Loan')
>>> s = Schema({BIL + "Loan": {BIL + "Agreement"}, BIL + "Agreement": {BIL + "Statement"}})
>>> s.primary_kind({BIL + "Loan", BIL + "Agreement"}), sorted(s.bil_classes({BIL + "Loan"}))
('Loan', ['Agreement', 'Loan', 'Statement'])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

__all__ = [
    "BID",
    "BIL",
    "BSRC",
    "PREFIXES",
    "Schema",
    "curie",
    "expand",
    "local",
]

BIL = "https://w3id.org/bilateral/ontology#"
BID = "https://w3id.org/bilateral/id/"
BSRC = "https://w3id.org/bilateral/source/"

#: the prefixes every query has predeclared, and the CURIEs tables show
PREFIXES: dict[str, str] = {
    "bil": BIL,
    "bid": BID,
    "bsrc": BSRC,
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

_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def curie(iri: object) -> str:
    """``prefix:local`` for an IRI under a known prefix; anything else unchanged."""
    text = str(iri)
    for prefix, ns in _LONGEST_FIRST:
        if text.startswith(ns) and len(text) > len(ns):
            return f"{prefix}:{text[len(ns) :]}"
    return text


def expand(name: str) -> str:
    """The IRI of ``bid:x``-style names; anything else unchanged.

    >>> expand("bid:belarus")
    'https://w3id.org/bilateral/id/belarus'
    """
    prefix, sep, rest = name.partition(":")
    if sep and prefix in PREFIXES and not rest.startswith("//"):
        return PREFIXES[prefix] + rest
    return name


def local(iri: object) -> str:
    """The local name: after ``#`` for ontology terms, after the last ``/`` otherwise."""
    text = str(iri)
    if text.startswith(BIL):
        return text[len(BIL) :]
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class Schema:
    """The class hierarchy of a graph: every class's ancestors, and statement kinds.

    Built from ``{class: {direct superclasses}}`` (IRIs as strings), as read by
    ``graph.source.read.schema``.
    """

    def __init__(self, parents: Mapping[str, Iterable[str]]):
        self._parents = {c: set(ps) for c, ps in parents.items()}
        self.ancestors: dict[str, frozenset[str]] = {}
        for cls in list(self._parents):
            self._closure(cls)

    def _closure(self, cls: str) -> frozenset[str]:
        done = self.ancestors.get(cls)
        if done is not None:
            return done
        self.ancestors[cls] = frozenset({cls})  # cycle guard
        out = {cls}
        for p in self._parents.get(cls, ()):
            out |= self._closure(p)
        self.ancestors[cls] = frozenset(out)
        return self.ancestors[cls]

    def up(self, cls: str) -> frozenset[str]:
        """``cls`` and every class it specialises."""
        return self.ancestors.get(cls) or frozenset({cls})

    def is_a(self, types: Iterable[str], root: str) -> bool:
        """Whether any of ``types`` is ``root`` or a subclass of it."""
        return any(root in self.up(t) for t in types)

    def subclasses(self, root: str) -> set[str]:
        """Every known class that is ``root`` or specialises it."""
        return {c for c, anc in self.ancestors.items() if root in anc} | {root}

    def bil_classes(self, types: Iterable[str]) -> frozenset[str]:
        """Local names of every ``bil:`` class the types are or specialise."""
        out: set[str] = set()
        for t in types:
            out |= {local(a) for a in self.up(t) if a.startswith(BIL)}
        return frozenset(out)

    def most_specific(self, types: Iterable[str]) -> list[str]:
        """The ``bil:`` types that no other of the types specialises (local names), the
        primary kind first (see :meth:`primary_kind`)."""
        bil = {t for t in types if t.startswith(BIL)}
        keep = [t for t in bil if not any(o != t and t in self.up(o) for o in bil)]
        keep.sort(key=lambda t: (-len(self.up(t)), local(t)))
        return [local(t) for t in keep]

    def primary_kind(self, types: Iterable[str], default: str = "Statement") -> str:
        """One kind per node: the deepest of its most specific ``bil:`` types, ties broken
        alphabetically. ``stats`` counts by it and ``Record.kind`` is it."""
        specific = self.most_specific(types)
        return specific[0] if specific else default
