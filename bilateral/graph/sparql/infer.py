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
written, so most queries are not rewritten at all. A query sent to a remote endpoint
takes the hierarchy with it (:func:`portable`): the bundled ontology's subclasses and
subproperties are written into the text as VALUES and expressions, and every inferred
pattern matches through its witness, since the server's data is not read first. The
same text runs on both local engines (rdflib and Oxigraph), so in-memory graphs and
stores give the same answers. Exports, ``validate``, ``stats``, ``push`` and the
measures never see inferred triples: nothing is added. The variables the rewrite adds
start with ``_bi_`` and are dropped from ``SELECT *`` results.

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
from collections.abc import Mapping
from dataclasses import dataclass

from bilateral.graph.sparql.hierarchy import (
    RDF_TYPE,
    SUBCLASS,
    Hierarchy,
    hierarchy_of,
    ontology_hierarchy,
)
from bilateral.graph.sparql.lexer import Analysis, Term, Triple, analyse
from bilateral.ontology.vocab import PREFIXES

__all__ = [
    "HIDDEN",
    "RDF_TYPE",
    "Hierarchy",
    "Rewrite",
    "hierarchy_of",
    "iri_of",
    "portable",
    "rewrite",
]

HIDDEN = "_bi_"  # variables the rewrite introduces start with this; results drop them


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


def rewrite(text: str, hierarchy: Hierarchy, *, portable: bool = False) -> Rewrite:
    """``text`` with inference applied (see the module docstring). ``portable`` writes
    the hierarchy itself into the text (see :func:`portable`)."""
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
                return "distinct" if portable or hierarchy.multi_typed else "path"
            if obj is not None and hierarchy.has_subclasses(obj):
                return "distinct" if portable or obj in hierarchy.shared_classes else "path"
            return ""
        if not hierarchy.has_subproperties(verb):
            return ""
        return "distinct" if portable or verb in hierarchy.shared_properties else "path"

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
        if (portable or not b.existential) and any(marks[id(t)] == "distinct" for t in b.triples)
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
        # terms some other pattern of the block binds (a type pattern with a variable
        # class binds nothing for another: it is matched against what others bind)
        bound = {
            term.text
            for t in block.triples
            if not (iri_of(t.p, prefixes) == RDF_TYPE and _is_variable_like(t.o))
            for term in (t.s, t.o)
        }
        for t in block.triples:
            s, o = show(t.s), show(t.o)
            kind = marks[id(t)]
            if kind != "distinct":
                plain.append(f"{s} {path(t) if kind else t.p.text} {o}")
                continue
            verb = iri_of(t.p, prefixes) or ""
            if portable and verb == RDF_TYPE:
                cls = iri_of(t.o, prefixes)
                given = t.o.kind != "anon" and t.o.text in bound
                inferred.append(_portable_type(s, o, cls, given, next(names), hierarchy))
            else:
                inferred.append(_witness(s, o, t, next(names), verb, hierarchy))
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


def _portable_type(
    s: str, o: str, cls: str | None, given: bool, n: int, hierarchy: Hierarchy
) -> str:
    """``s rdf:type o`` with the classes written in, matched once per (s, o) through its
    witness, as in :func:`_witness`: for a class ``o``, its subclasses; for a variable
    another pattern of the block binds (``given``), a test of the asserted type against
    it; for a free variable, every (class, superclass) pair, and a type the hierarchy
    does not know as itself. The tests are expressions, not VALUES tables, wherever
    they can be: Virtuoso 7.2 cannot compile a VALUES of two variables inside FILTER NOT
    EXISTS, and answers nothing when one binds a variable that a ``*`` path also
    reads and the query has an OPTIONAL."""
    mine, other, a = f"?{HIDDEN}t{n}", f"?{HIDDEN}u{n}", f"<{RDF_TYPE}>"

    def iris(classes: list[str]) -> str:
        return ", ".join(f"<{c}>" for c in classes)

    if cls is not None:
        every = hierarchy.subclasses(cls)
        return (
            f"VALUES {mine} {{ {' '.join(f'<{c}>' for c in every)} }} {s} {a} {mine} "
            f"FILTER NOT EXISTS {{ {s} {a} {other} "
            f"FILTER(STR({other}) < STR({mine}) && {other} IN ({iris(every)})) }}"
        )
    pairs = hierarchy.class_pairs()
    table = " ".join(f"(<{c}> <{p}>)" for c, p in pairs)
    # (class, strict superclass) pairs as one string "<c><p> <c><p> ...": an IRI holds
    # no < > or space, so CONTAINS finds "<v><o>" exactly when the pair is listed
    above = " ".join(f"<{c}><{p}>" for c, p in pairs if c != p)

    def reaches(v: str) -> str:
        return f'{v} = {o} || CONTAINS("{above}", CONCAT("<", STR({v}), "><", STR({o}), ">"))'

    if given:
        return (
            f"{s} {a} {mine} FILTER(({reaches(mine)}) && NOT EXISTS {{ {s} {a} {other} "
            f"FILTER(STR({other}) < STR({mine}) && ({reaches(other)})) }})"
        )
    known = iris(sorted({c for c, _ in pairs}))
    return (
        f"{{ {s} {a} {mine} . VALUES ({mine} {o}) {{ {table} }} FILTER NOT EXISTS {{ "
        f"{s} {a} {other} FILTER(STR({other}) < STR({mine}) && ({reaches(other)})) }} }} "
        f"UNION {{ {s} {a} {o} FILTER({o} NOT IN ({known})) }}"
    )


def portable(text: str) -> Rewrite:
    """``text`` with RDFS inference written into it for any SPARQL 1.1 server: the class
    and property hierarchy of the bundled ontology (not the server's data, which may not
    hold it) travels in the query as VALUES, and every inferred pattern matches through
    its witness, so no data can make it count a node twice. The same rows as
    :func:`rewrite` gives locally on the same data.

    >>> r = portable("SELECT ?x { ?x a bil:Agreement }")
    >>> "<https://w3id.org/bilateral/ontology#Loan>" in r.text, "subClassOf" in r.text
    (True, False)
    """
    return rewrite(text, ontology_hierarchy(), portable=True)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for start, end, new in sorted(edits):
        out += [text[pos:start], new]
        pos = end
    out.append(text[pos:])
    return "".join(out)
