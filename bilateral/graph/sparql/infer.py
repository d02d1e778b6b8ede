"""RDFS inference for queries, by rewriting the query text: the graph is never changed.

With inference, a triple pattern ``S rdf:type C`` (or ``S a C``) matches every node whose
asserted type is ``C`` or a subclass of it, and ``S P O`` matches the triples of every
subproperty of ``P`` (RDFS rules rdfs9 and rdfs7, over the graph's own
``rdfs:subClassOf`` and ``rdfs:subPropertyOf`` triples). The answers are exactly those
of the graph with its entailed triples added:

- where no node can match twice, the verb becomes a path in place
  (``rdf:type/rdfs:subClassOf*``, or the alternatives of every subproperty); that holds
  inside EXISTS, MINUS and ASK (only whether it matches counts) and wherever the data
  gives no node two asserted types (or two properties) that lead to the same class
  (property): ``Hierarchy`` reads which, once per graph;
- elsewhere (a node typed both ``bil:Loan`` and ``bil:IntergovernmentalAgreement`` is one
  ``bil:Agreement``, not two) the pattern matches through one *witness*, the asserted
  type (property) with the smallest IRI, and a ``FILTER NOT EXISTS`` drops the others.

Patterns over classes without subclasses and properties without subproperties stay as
written, so most queries are not rewritten at all. The same text runs on both engines
(rdflib and Oxigraph), so in-memory graphs and stores give the same answers. Exports,
``validate``, ``stats``, ``push`` and the measures never see inferred triples: nothing
is added. The variables the rewrite adds start with ``_bi_`` and are dropped from
``SELECT *`` results.

Not covered: patterns with a variable predicate (``?s ?p ?o`` sees asserted triples),
steps inside longer property paths (``a/rdfs:label`` is evaluated as written), domain
and range (rdfs2/rdfs3), DESCRIBE, which shows the asserted triples, and patterns in
``GRAPH ?g { }`` on a store, whose per-file graphs do not hold the ontology's hierarchy.

>>> h = Hierarchy({"https://e.org/Loan": {"https://e.org/Agreement"}}, {})
>>> print(rewrite("SELECT ?x { ?x a <https://e.org/Agreement> }", h).text.replace(">/<", ">\\n/<"))
SELECT ?x { ?x <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>
/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <https://e.org/Agreement> }
>>> rewrite("SELECT ?x { ?x a <https://e.org/Loan> }", h).changed
False
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph

from bilateral.graph.sparql.lexer import Analysis, Term, Triple, analyse
from bilateral.ontology.vocab import PREFIXES

__all__ = ["HIDDEN", "Hierarchy", "Rewrite", "hierarchy_of", "rewrite"]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
SUBPROPERTY = "http://www.w3.org/2000/01/rdf-schema#subPropertyOf"
HIDDEN = "_bi_"  # variables the rewrite introduces start with this; results drop them
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

    def subproperties(self, iri: str) -> list[str]:
        """``iri`` and every property that specialises it, sorted."""
        found, todo = {iri}, [iri]
        while todo:
            parent = todo.pop()
            for child, parents in self.property_parents.items():
                if parent in parents and child not in found:
                    found.add(child)
                    todo.append(child)
        return sorted(found)


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


@dataclass
class Rewrite:
    """A query after inference: its text, whether it changed, the analysis of the
    original."""

    text: str
    changed: bool
    analysis: Analysis


def iri_of(term: Term, prefixes: Mapping[str, str]) -> str | None:
    """The IRI a term names (``a`` is ``rdf:type``), or None for variables, literals..."""
    if term.kind == "a":
        return RDF_TYPE
    if term.kind == "iri":
        return term.text[1:-1]
    if term.kind == "pname":
        prefix, _, local = term.text.partition(":")
        base = prefixes.get(prefix)
        return base + local.replace("\\", "") if base is not None else None
    return None


def _is_variable_like(term: Term) -> bool:
    return term.kind in ("var", "bnode", "anon", "made")


def rewrite(text: str, hierarchy: Hierarchy) -> Rewrite:
    """``text`` with inference applied (see the module docstring)."""
    q = analyse(text)
    prefixes = {**PREFIXES, **q.prefixes}

    def needs(t: Triple) -> str:
        """'' (as written), 'path' (the verb becomes a path) or 'distinct' (a subquery)."""
        verb = iri_of(t.p, prefixes) if t.p.kind in ("a", "iri", "pname") else None
        if verb is None:
            return ""
        if verb == RDF_TYPE:
            obj = iri_of(t.o, prefixes)
            if _is_variable_like(t.o):
                return "distinct" if hierarchy.multi_typed else "path"
            if obj is not None and hierarchy.has_subclasses(obj):
                return "distinct" if obj in hierarchy.shared_classes else "path"
            return ""
        if not hierarchy.has_subproperties(verb):
            return ""
        return "distinct" if verb in hierarchy.shared_properties else "path"

    def path(t: Triple) -> str:
        verb = iri_of(t.p, prefixes) or ""
        if verb == RDF_TYPE:
            return f"<{RDF_TYPE}>/<{SUBCLASS}>*"
        return "(" + "|".join(f"<{p}>" for p in hierarchy.subproperties(verb)) + ")"

    marks = {id(t): needs(t) for t in q.triples}
    if not any(marks.values()):
        return Rewrite(text, False, q)
    flat = [
        b
        for b in q.blocks
        if not b.existential and any(marks[id(t)] == "distinct" for t in b.triples)
    ]
    # blank nodes of subqueries become variables shared with the other triples
    shared = {
        term.text
        for b in flat
        for t in b.triples
        if marks[id(t)] == "distinct"
        for term in (t.s, t.o)
        if term.kind in ("bnode", "made")
    }
    names = itertools.count(1)
    anon: dict[int, str] = {}

    def show(term: Term) -> str:
        if term.kind == "anon":
            if id(term) not in anon:
                anon[id(term)] = f"?{HIDDEN}a{next(names)}"
            return anon[id(term)]
        if term.kind in ("bnode", "made") and term.text in shared:
            return f"?{HIDDEN}" + term.text[2:].replace("-", "_").replace(".", "_")
        if term.kind == "var":
            return "?" + term.text[1:]
        return term.text

    edits: list[tuple[int, int, str]] = []
    for block in q.blocks:
        renamed = any(t.s.text in shared or t.o.text in shared for t in block.triples)
        if block not in flat and not renamed:
            # in EXISTS, MINUS and ASK only whether it matches counts, and elsewhere the
            # data gives no node two ways to match: the path in place is exact
            verbs = {(t.p.start, t.p.end): t for t in block.triples if marks[id(t)]}
            edits += [(start, end, path(t)) for (start, end), t in verbs.items()]
            continue
        plain, inferred = [], []
        for t in block.triples:
            s, o = show(t.s), show(t.o)
            kind = marks[id(t)]
            if kind != "distinct":
                plain.append(f"{s} {path(t) if kind else t.p.text} {o}")
                continue
            inferred.append(_witness(s, o, t, next(names), iri_of(t.p, prefixes) or "", hierarchy))
        edits.append((block.start, block.end, " . ".join(plain + inferred)))
    out = _apply(text, edits)
    if q.short_construct is not None:  # CONSTRUCT WHERE { T }: T stays the template
        start, end = q.short_construct
        template = text[start:end]
        where_at = text.upper().rfind("WHERE", 0, start)  # every edit lies after it
        out = out[:where_at] + template + " " + out[where_at:]
    return Rewrite(out, True, q)


def _witness(s: str, o: str, t: Triple, n: int, verb: str, hierarchy: Hierarchy) -> str:
    """``s verb o`` matched once per (s, o) however many asserted types (properties)
    lead there: the one with the smallest IRI is the witness, the others are filtered."""
    mine, other = f"?{HIDDEN}t{n}", f"?{HIDDEN}u{n}"
    if verb == RDF_TYPE:

        def match(v: str) -> str:
            return f"{s} <{RDF_TYPE}> {v} . {v} <{SUBCLASS}>* {o}"
    else:
        every = " ".join(f"<{p}>" for p in hierarchy.subproperties(verb))

        def match(v: str) -> str:
            return f"VALUES {v} {{ {every} }} {s} {v} {o}"

    return (
        f"{match(mine)} FILTER NOT EXISTS {{ {match(other)} FILTER(STR({other}) < STR({mine})) }}"
    )


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for start, end, new in sorted(edits):
        out += [text[pos:start], new]
        pos = end
    out.append(text[pos:])
    return "".join(out)
