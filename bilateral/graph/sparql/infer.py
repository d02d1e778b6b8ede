"""RDFS inference for queries, by rewriting the query text: the graph is never changed.

With inference, a triple pattern ``S rdf:type C`` (or ``S a C``) matches every node whose
asserted type is ``C`` or a subclass of it, and ``S P O`` matches the triples of every
subproperty of ``P`` (RDFS rules rdfs9 and rdfs7, over the graph's own
``rdfs:subClassOf`` and ``rdfs:subPropertyOf`` triples). Each such pattern becomes a
``SELECT DISTINCT`` subquery over a property path, so that the answers are exactly
those of the graph with its entailed triples added: a node typed both ``bil:Loan`` and
``bil:IntergovernmentalAgreement`` is one ``bil:Agreement``, not two. Patterns over
classes without subclasses and properties without subproperties stay as written, so
most queries are not rewritten at all. The same text runs on both engines (rdflib and
Oxigraph), so in-memory graphs and stores give the same answers. Exports, ``validate``,
``stats``, ``push`` and the measures never see inferred triples: nothing is added.

Not covered: patterns with a variable predicate (``?s ?p ?o`` sees asserted triples),
steps inside longer property paths (``a/rdfs:label`` is evaluated as written), domain
and range (rdfs2/rdfs3), and DESCRIBE, which shows the asserted triples.

>>> h = Hierarchy({"https://e.org/Loan": {"https://e.org/Agreement"}}, {})
>>> r = rewrite("SELECT ?x { ?x a <https://e.org/Agreement> }", h)
>>> print(r.text)  # doctest: +NORMALIZE_WHITESPACE
SELECT ?x { { SELECT DISTINCT ?x WHERE { ?x
  <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*
  <https://e.org/Agreement> } } }
>>> rewrite("SELECT ?x { ?x a <https://e.org/Loan> }", h).changed
False
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bilateral.graph.sparql.lexer import Analysis, Term, Triple, analyse
from bilateral.ontology.vocab import PREFIXES

__all__ = ["HIDDEN", "Hierarchy", "Rewrite", "rewrite"]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
SUBPROPERTY = "http://www.w3.org/2000/01/rdf-schema#subPropertyOf"
HIDDEN = "_bi_"  # variables the rewrite introduces start with this; results drop them


@dataclass
class Hierarchy:
    """Which classes have subclasses and which properties have subproperties.

    Built from ``{class: {superclasses}}`` and ``{property: {superproperties}}``.
    """

    class_parents: Mapping[str, Iterable[str]]
    property_parents: Mapping[str, Iterable[str]]
    _with_subclasses: set[str] = field(default_factory=set, init=False)
    _with_subproperties: set[str] = field(default_factory=set, init=False)

    def __post_init__(self) -> None:
        self._with_subclasses = _ancestors(self.class_parents)
        self._with_subproperties = _ancestors(self.property_parents)

    @classmethod
    def from_graph(cls, g: Any) -> Hierarchy:
        """The hierarchy in ``g`` (ontology and data alike)."""
        from bilateral.graph.source.read import props

        read = props(g, [SUBCLASS, SUBPROPERTY])
        return cls(
            {s: d[SUBCLASS] for s, d in read.items() if SUBCLASS in d},
            {s: d[SUBPROPERTY] for s, d in read.items() if SUBPROPERTY in d},
        )

    def has_subclasses(self, iri: str) -> bool:
        """Whether some other class specialises ``iri``."""
        return iri in self._with_subclasses

    def has_subproperties(self, iri: str) -> bool:
        """Whether some other property specialises ``iri``."""
        return iri in self._with_subproperties


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
        verb = iri_of(t.p, prefixes) if t.p.kind in ("a", "iri", "pname") else None
        if verb is None:
            return ""
        if verb == RDF_TYPE:
            obj = iri_of(t.o, prefixes)
            if _is_variable_like(t.o) or (obj is not None and hierarchy.has_subclasses(obj)):
                return "type"
            return ""
        return "property" if hierarchy.has_subproperties(verb) else ""

    marks = {id(t): needs(t) for t in q.triples}
    if not any(marks.values()):
        return Rewrite(text, False, q)
    # blank nodes of rewritten triples become variables shared with the other triples
    shared = {
        term.text
        for t in q.triples
        if marks[id(t)]
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
        touched = any(marks[id(t)] for t in block.triples) or any(
            term.kind == "bnode" and term.text in shared
            for t in block.triples
            for term in (t.s, t.o)
        )
        if not touched:
            continue
        plain, inferred = [], []
        for t in block.triples:
            s, o = show(t.s), show(t.o)
            kind = marks[id(t)]
            if not kind:
                plain.append(f"{s} {t.p.text} {o} .")
                continue
            wanted = list(dict.fromkeys(x for x in (s, o) if x.startswith("?")))
            if kind == "type":
                body = f"{s} <{RDF_TYPE}>/<{SUBCLASS}>* {o}"
            else:
                p = f"?{HIDDEN}p{next(names)}"
                body = f"{s} {p} {o} . {p} <{SUBPROPERTY}>* {t.p.text}"
            if wanted:
                inferred.append(f"{{ SELECT DISTINCT {' '.join(wanted)} WHERE {{ {body} }} }}")
            else:
                inferred.append(f"FILTER EXISTS {{ {body} }}")
        edits.append((block.start, block.end, " ".join(plain + inferred)))
    out = _apply(text, edits)
    if q.short_construct is not None:  # CONSTRUCT WHERE { T }: T stays the template
        start, end = q.short_construct
        template = text[start:end]
        where_at = text.upper().rfind("WHERE", 0, start)  # every edit lies after it
        out = out[:where_at] + template + " " + out[where_at:]
    return Rewrite(out, True, q)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for start, end, new in sorted(edits):
        out += [text[pos:start], new]
        pos = end
    out.append(text[pos:])
    return "".join(out)
