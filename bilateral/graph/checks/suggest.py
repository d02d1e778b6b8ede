"""What a dangling IRI or an unknown term probably meant: the closest names the data (or
the ontology) holds, and, for an IRI the bundled data defines but the files validated
did not include, the flag that adds it.

The closest names are found by edit similarity (rapidfuzz's optimal string alignment
distance, which counts a swap of two letters as one typo, on the local names,
case-folded, ``_`` read as ``-``), among the typed names of the graph and of the
bundled data in the same namespace; they are looked up only when such a problem was
found, so validating valid data costs nothing more.

>>> from bilateral.graph.source.load import load
>>> g = load(["bundled-actors"])
>>> hint(g, "https://w3id.org/bilateral/id/lukashenko_regime")
'did you mean bid:lukashenko-regime?'
>>> hint(g, "https://w3id.org/bilateral/id/dep-energy-prices")
'defined in the bundled data: add `--data bundled`'
>>> hint(g, "https://w3id.org/bilateral/ontology#Sttae")
'did you mean bil:State?'
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.term import Node

from bilateral.graph.source.read import native_store
from bilateral.ontology.vocab import BID, BIL, BSRC, curie

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["ADD_BUNDLED", "closest", "hint", "with_hints"]

ADD_BUNDLED = "add `--data bundled`"
#: the rules whose node may be a misspelt name, and what their message is about
HINTED = ("untyped-iri", "unknown-term")
_NAMESPACES = (BID, BSRC, BIL)
_CUTOFF = 0.6  # the least similarity (1 - edits / length) of a name offered
_MARGIN = 0.1  # a name this much less similar than the closest is not offered
_TYPED = (  # the data's names: given a type
    "SELECT DISTINCT ?s WHERE { ?s a ?t . FILTER(isIRI(?s) && "
    f'(STRSTARTS(STR(?s), "{BID}") || STRSTARTS(STR(?s), "{BSRC}"))) }}'
)
_DECLARED = (  # the ontology's terms: declared with a type and a label
    "SELECT DISTINCT ?s WHERE { ?s a ?t ; <http://www.w3.org/2000/01/rdf-schema#label> ?l . "
    f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{BIL}")) }}'
)


def _namespace(iri: str) -> str | None:
    return next((ns for ns in _NAMESPACES if iri.startswith(ns) and iri != ns), None)


def _names(g: Graph, query: str, store: pyoxigraph.Store | None = None) -> frozenset[str]:
    store = store if store is not None else native_store(g)
    if store is not None:
        from bilateral.graph.checks.onstore import solutions

        return frozenset(row[0].value for row in solutions(store, query))
    return frozenset(str(row[0]) for row in g.query(query))  # type: ignore[index]


@lru_cache(maxsize=1)
def bundled_names() -> frozenset[str]:
    """The typed ``bid:``/``bsrc:`` names of the bundled data (read once per process)."""
    from bilateral.graph.source.load import load

    return _names(load(["bundled"]), _TYPED)


class _Known:
    """The names of one graph that a misspelt name is compared with (read once)."""

    def __init__(self, g: Graph, store: pyoxigraph.Store | None = None):
        self.g, self.store = g, store
        self._data: frozenset[str] | None = None
        self._terms: frozenset[str] | None = None

    def names(self, namespace: str) -> frozenset[str]:
        if namespace == BIL:
            if self._terms is None:
                self._terms = _names(self.g, _DECLARED, self.store)
            return self._terms
        if self._data is None:
            self._data = _names(self.g, _TYPED, self.store)
        return self._data


def closest(wanted: str, names: Iterable[str], n: int = 3) -> list[str]:
    """The (at most ``n``) names most like ``wanted`` in the same namespace, best first:
    those within a few points of the best.

    >>> closest(BIL + "Sttae", [BIL + "State", BIL + "Statuses", BIL + "startDate"])
    ['https://w3id.org/bilateral/ontology#State']
    """
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    namespace = _namespace(wanted) or ""
    local = {
        name: name[len(namespace) :].casefold().replace("_", "-")
        for name in names
        if name.startswith(namespace) and name != wanted and _namespace(name) == namespace
    }
    key = wanted[len(namespace) :].casefold().replace("_", "-")
    found = process.extract(
        key, local, scorer=OSA.normalized_similarity, limit=n, score_cutoff=_CUTOFF
    )
    best = found[0][1] if found else 1.0
    return [name for _, score, name in found if score >= best - _MARGIN]


def _listed(names: list[str]) -> str:
    shown = [curie(n) for n in names]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


def hint(g: Graph, iri: str, known: _Known | None = None) -> str | None:
    """``did you mean …?`` and/or where the bundled data defines ``iri``; None if no
    name is close."""
    namespace = _namespace(iri)
    if namespace is None:
        return None
    known = known or _Known(g)
    own = known.names(namespace)
    bundled = bundled_names() if namespace != BIL else frozenset()
    if iri in bundled and iri not in own:
        return f"defined in the bundled data: {_add_bundled(g)}"
    names = closest(iri, own | bundled)
    if not names:
        return None
    if names[0] in own:
        return f"did you mean {_listed([n for n in names if n in own])}?"
    return f"did you mean {curie(names[0])} (in the bundled data: {_add_bundled(g)})?"


def _add_bundled(g: Graph) -> str:
    """How to add the bundled data: to the files validated, or to the store."""
    from bilateral.graph.source.handle import store_path
    from bilateral.graph.source.naming import display_path

    folder = store_path(g)
    if folder is None:
        return ADD_BUNDLED
    return f"add it to the store, `bilateral load --store {display_path(folder)} bundled`"


def with_hints(
    g: Graph, found: list[tuple[Node, str, str]], store: pyoxigraph.Store | None = None
) -> list[tuple[Node, str, str]]:
    """``found`` with a hint appended to each dangling-IRI and unknown-term message
    (``store``: ``g`` in Oxigraph, where the names are read)."""
    if not any(rule in HINTED for _, rule, _ in found):
        return found
    known = _Known(g, store)
    out = []
    for node, rule, message in found:
        extra = hint(g, str(node), known) if rule in HINTED and isinstance(node, URIRef) else None
        out.append((node, rule, f"{message}; {extra}" if extra else message))
    return out
