"""The class and property hierarchy that query inference (``infer.py``) rewrites by:
which classes have subclasses and which properties subproperties, read from the graph's
own ``rdfs:subClassOf`` and ``rdfs:subPropertyOf`` triples, and where the data could
make a path count a node twice. Read once per graph: kept on an in-memory graph while
its size stays the same, and in a store's folder until the next load.

>>> h = Hierarchy({"https://e.org/Loan": {"https://e.org/Agreement"}}, {})
>>> h.has_subclasses("https://e.org/Agreement"), h.has_subclasses("https://e.org/Loan")
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rdflib import Graph

__all__ = [
    "RDF_TYPE",
    "SUBCLASS",
    "SUBPROPERTY",
    "Hierarchy",
    "hierarchy_of",
    "ontology_hierarchy",
]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
SUBPROPERTY = "http://www.w3.org/2000/01/rdf-schema#subPropertyOf"
_KEPT = "_bilateral_hierarchy"  # an in-memory graph's hierarchy: (its size, Hierarchy)


@dataclass
class Hierarchy:
    """Which classes have subclasses and which properties have subproperties, and where
    the data could make a path count a node twice.

    Built from ``{class: {superclasses}}`` and ``{property: {superproperties}}``;
    ``shared_classes`` are the classes some node reaches through two of its asserted
    types, ``shared_properties`` the properties some pair of nodes reaches through two
    of its asserted properties, ``multi_typed`` whether any node has two types.
    """

    class_parents: Mapping[str, Iterable[str]]
    property_parents: Mapping[str, Iterable[str]]
    shared_classes: set[str] = field(default_factory=set)
    shared_properties: set[str] = field(default_factory=set)
    multi_typed: bool = False
    _with_subclasses: set[str] = field(default_factory=set, init=False)
    _with_subproperties: set[str] = field(default_factory=set, init=False)

    def __post_init__(self) -> None:
        self._with_subclasses = _ancestors(self.class_parents)
        self._with_subproperties = _ancestors(self.property_parents)

    @classmethod
    def from_graph(cls, g: Graph) -> Hierarchy:
        """The hierarchy in ``g`` (ontology and data alike), with what the data shares."""
        from bilateral.graph.source.read import props
        from bilateral.ontology.vocab import Schema

        read = props(g, [SUBCLASS, SUBPROPERTY])
        out = cls(
            {s: d[SUBCLASS] for s, d in read.items() if SUBCLASS in d},
            {s: d[SUBPROPERTY] for s, d in read.items() if SUBPROPERTY in d},
        )
        schema = Schema(out.class_parents)
        for kinds in _type_sets(g):
            out.multi_typed = True
            reached: dict[str, int] = {}
            for k in kinds:
                for a in schema.up(k):
                    reached[a] = reached.get(a, 0) + 1
            out.shared_classes |= {a for a, n in reached.items() if n > 1}
        for parent in out._with_subproperties:
            if _two_ways(g, out.subproperties(parent)):
                out.shared_properties.add(parent)
        return out

    def to_json(self) -> dict[str, object]:
        """The hierarchy as JSON-able data (for a store's cache)."""
        return {
            "classes": {c: sorted(ps) for c, ps in self.class_parents.items()},
            "properties": {p: sorted(ps) for p, ps in self.property_parents.items()},
            "shared_classes": sorted(self.shared_classes),
            "shared_properties": sorted(self.shared_properties),
            "multi_typed": self.multi_typed,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Hierarchy:
        """The inverse of :meth:`to_json` (``data`` read back from JSON)."""
        return cls(
            data["classes"],
            data["properties"],
            set(data["shared_classes"]),
            set(data["shared_properties"]),
            bool(data["multi_typed"]),
        )

    def has_subclasses(self, iri: str) -> bool:
        """Whether some other class specialises ``iri``."""
        return iri in self._with_subclasses

    def has_subproperties(self, iri: str) -> bool:
        """Whether some other property specialises ``iri``."""
        return iri in self._with_subproperties

    def subclasses(self, iri: str) -> list[str]:
        """``iri`` and every class that specialises it, sorted."""
        return sorted(_descendants(iri, self.class_parents))

    def class_pairs(self) -> list[tuple[str, str]]:
        """Every (class, class or superclass of it) pair the hierarchy knows, sorted.

        >>> Hierarchy({"e:Loan": {"e:Agreement"}}, {}).class_pairs()
        [('e:Agreement', 'e:Agreement'), ('e:Loan', 'e:Agreement'), ('e:Loan', 'e:Loan')]
        """
        known = set(self.class_parents) | {p for ps in self.class_parents.values() for p in ps}
        return sorted((c, a) for a in known for c in _descendants(a, self.class_parents))

    def subproperties(self, iri: str) -> list[str]:
        """``iri`` and every property that specialises it, sorted."""
        return sorted(_descendants(iri, self.property_parents))


def _descendants(iri: str, parents: Mapping[str, Iterable[str]]) -> set[str]:
    """``iri`` and every node below it in ``parents`` (``{child: {parents}}``)."""
    found, todo = {iri}, [iri]
    while todo:
        parent = todo.pop()
        for child, ps in parents.items():
            if parent in ps and child not in found:
                found.add(child)
                todo.append(child)
    return found


@lru_cache(maxsize=1)
def ontology_hierarchy() -> Hierarchy:
    """The hierarchy of the bundled ontology alone: what a query sent to a remote
    endpoint takes with it (``infer.portable``), whatever the server holds."""
    from bilateral.graph.source.load import ONTOLOGY_FILE, parse_file

    g = Graph()
    parse_file(ONTOLOGY_FILE, g)
    return Hierarchy.from_graph(g)


def _type_sets(g: Graph) -> list[set[str]]:
    """The distinct sets of asserted types of nodes that have more than one."""
    from bilateral.graph.source.read import native_store, types

    native = native_store(g)
    if native is None:
        return [kinds for kinds in types(g).values() if len(kinds) > 1]
    query = (  # Oxigraph joins on the subject index: no Python object per typed node
        f"SELECT DISTINCT ?a ?b WHERE {{ ?x <{RDF_TYPE}> ?a , ?b FILTER(STR(?a) < STR(?b)) }}"
    )
    rows = native.query(query, use_default_graph_as_union=True)
    return [{r["a"].value, r["b"].value} for r in rows]


def _two_ways(g: Graph, family: list[str]) -> bool:
    """Whether some pair of nodes is linked by two properties of ``family``."""
    from bilateral.graph.source.read import native_store, props

    native = native_store(g)
    if native is None:
        for found in props(g, family).values():
            objects = [o for m in family for o in found.get(m, ())]
            if len(objects) != len(set(objects)):
                return True
        return False
    values = " ".join(f"<{p}>" for p in family)
    query = (
        f"ASK {{ VALUES ?p {{ {values} }} VALUES ?q {{ {values} }} ?s ?p ?o . ?s ?q ?o "
        "FILTER(STR(?p) < STR(?q)) }"
    )
    return bool(native.query(query, use_default_graph_as_union=True))


def hierarchy_of(g: Graph) -> Hierarchy:
    """``Hierarchy.from_graph(g)``, kept on an in-memory graph while its size stays the
    same, and in a store's folder until the next ``bilateral load``."""
    from bilateral.graph.source.store import store_path

    if store_path(g) is not None:
        from bilateral.graph.sparql.store_cache import cached

        return Hierarchy.from_json(
            cached(g, "hierarchy", 1, lambda: Hierarchy.from_graph(g).to_json())
        )
    kept = getattr(g, _KEPT, None)
    if isinstance(kept, tuple) and kept[0] == len(g) and isinstance(kept[1], Hierarchy):
        return kept[1]
    hierarchy = Hierarchy.from_graph(g)
    try:
        setattr(g, _KEPT, (len(g), hierarchy))
    except AttributeError:
        pass
    return hierarchy


def _ancestors(parents: Mapping[str, Iterable[str]]) -> set[str]:
    """Every node that is a strict ancestor of some other node."""
    out: set[str] = set()
    todo = [p for c, ps in parents.items() for p in ps if p != c]
    while todo:
        p = todo.pop()
        if p not in out:
            out.add(p)
            todo.extend(q for q in parents.get(p, ()) if q != p)
    return out
