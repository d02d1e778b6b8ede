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
#: at most this many problems get a hint (each compares its name with every name of the
#: graph: ~25 ms each among 100,000 names)
MAX_HINTS = 50
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
        self._names: dict[str, frozenset[str]] = {}
        self._choices: dict[str, dict[str, str]] = {}

    def names(self, namespace: str) -> frozenset[str]:
        """The graph's names in ``namespace`` (typed data names, or declared terms)."""
        query = _DECLARED if namespace == BIL else _TYPED
        if query not in self._names:
            self._names[query] = _names(self.g, query, self.store)
        return self._names[query]

    def choices(self, namespace: str) -> dict[str, str]:
        """The graph's and the bundled data's names in ``namespace``, each with the key
        it is compared by."""
        if namespace not in self._choices:
            bundled = bundled_names() if namespace != BIL else frozenset()
            self._choices[namespace] = _keyed(self.names(namespace) | bundled, namespace)
        return self._choices[namespace]


def _key(name: str, namespace: str) -> str:
    return name[len(namespace) :].casefold().replace("_", "-")


def _keyed(names: Iterable[str], namespace: str) -> dict[str, str]:
    return {n: _key(n, namespace) for n in names if _namespace(n) == namespace}


def closest(wanted: str, names: Iterable[str], n: int = 3) -> list[str]:
    """The (at most ``n``) names most like ``wanted`` in the same namespace, best first:
    those within a few points of the best.

    >>> closest(BIL + "Sttae", [BIL + "State", BIL + "Statuses", BIL + "startDate"])
    ['https://w3id.org/bilateral/ontology#State']
    """
    return _closest(wanted, _keyed(names, _namespace(wanted) or ""), n)


def _closest(wanted: str, choices: dict[str, str], n: int = 3) -> list[str]:
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    key = _key(wanted, _namespace(wanted) or "")
    found = process.extract(
        key, choices, scorer=OSA.normalized_similarity, limit=n + 1, score_cutoff=_CUTOFF
    )
    found = [f for f in found if f[2] != wanted][:n]
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
    if namespace != BIL and iri in bundled_names() and iri not in own:
        return f"defined in the bundled data: {_add_bundled(g)}"
    names = _closest(iri, known.choices(namespace))
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
    out, hinted = [], 0
    for node, rule, message in found:
        extra = None
        if rule in HINTED and isinstance(node, URIRef) and hinted < MAX_HINTS:
            extra, hinted = hint(g, str(node), known), hinted + 1
        out.append((node, rule, f"{message}; {extra}" if extra else message))
    return out
