"""The SHACL shapes compiled to SPARQL, run by Oxigraph on the store: validation that
scales to millions of triples with the rules and messages of ``shapes.ttl``.

pyshacl stays the reference (``validate.run_shacl``; a test runs both on every fixture
and expects the same violations). The shapes use a small part of SHACL Core, and this
module compiles exactly that part; a shape using anything else is refused with a
message naming it, so a new kind of rule cannot be skipped silently:

- targets ``sh:targetClass`` (instances of the class and its subclasses, from the
  data's ``rdfs:subClassOf`` as SHACL says), ``sh:targetSubjectsOf``,
  ``sh:targetObjectsOf``;
- property shapes whose ``sh:path`` is a property or an ``sh:alternativePath``, with
  ``sh:minCount``, ``sh:maxCount``, ``sh:hasValue`` (reported without a value, as
  pyshacl does) and ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:minLength``,
  ``sh:pattern``, ``sh:minInclusive``/``sh:maxInclusive``/``sh:minExclusive``/
  ``sh:maxExclusive``, ``sh:lessThanOrEquals``, ``sh:disjoint``, ``sh:node``, ``sh:or``
  (reported with the value);
- each property shape's ``sh:name`` is the rule and its ``sh:message`` the message.

Literal values follow pyshacl's reading of the data: a literal that rdflib finds
ill-typed (``"2021-02-30"^^xsd:date``) or a number that is not finite fails
``sh:datatype`` and the range constraints (``bad`` below, found in Python from the
distinct typed literals of the store, a few thousand even in a million triples).
``onstore.run_compiled`` runs the compiled shapes.

>>> shapes = compile_shapes()
>>> sorted(s.rule for s in shapes if s.rule.startswith("dependency"))[:2]
['dependency-dependent', 'dependency-domain']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

__all__ = [
    "SUBCLASSES",
    "CompiledShape",
    "UnsupportedShapeError",
    "compile_graph",
    "compile_shapes",
]

SH = Namespace("http://www.w3.org/ns/shacl#")
TYPE_PATH = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SUBCLASS_STAR = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
#: stands for the class and its subclasses in a compiled query, filled in from the store
#: when the query runs: ``?x a ?k . VALUES ?k {…}`` is a lookup per node, where Oxigraph
#: evaluates ``?x rdf:type/rdfs:subClassOf* C`` by walking every instance of C
SUBCLASSES = re.compile(r"«<([^<>«»]*)>»")
XSD = "http://www.w3.org/2001/XMLSchema#"

#: constraints reported with the offending value (``(value …)`` in the message)
VALUE_CONSTRAINTS = {
    SH["class"], SH.datatype, SH.nodeKind, SH.minLength, SH.pattern, SH.flags,
    SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive,
    SH.lessThanOrEquals, SH.disjoint, SH.node, SH["or"],
}  # fmt: skip
COUNT_CONSTRAINTS = {SH.minCount, SH.maxCount, SH.hasValue}
_DESCRIPTIVE = {SH.name, SH.message, SH.path, SH.description, SH.order, SH.group}
_RANGES: dict[Node, str] = {
    SH.minInclusive: ">=",
    SH.maxInclusive: "<=",
    SH.minExclusive: ">",
    SH.maxExclusive: "<",
}
_KINDS: dict[Node, str] = {
    SH.IRI: "isIRI(?v)",
    SH.BlankNode: "isBlank(?v)",
    SH.Literal: "isLiteral(?v)",
    SH.BlankNodeOrIRI: "(isIRI(?v) || isBlank(?v))",
    SH.BlankNodeOrLiteral: "(isBlank(?v) || isLiteral(?v))",
    SH.IRIOrLiteral: "(isIRI(?v) || isLiteral(?v))",
}


def _int(node: Node) -> int:
    return int(str(node))


class UnsupportedShapeError(ValueError):
    """A shape uses a part of SHACL that the compiled path does not implement."""


@dataclass
class CompiledShape:
    """One property shape: its rule, message, and the queries that find its violations."""

    rule: str
    message: str
    predicates: tuple[str, ...]
    targets: str
    count_queries: list[str] = field(default_factory=list)
    value_query: str | None = None
    #: sh:datatype is among the value constraints: an ill-typed or non-finite literal fails
    has_datatype: bool = False
    #: the value constraints are ranges only: ``(constraint, limit)``; ill-typed and
    #: non-finite literals are judged as pyshacl judges them (``onstore.range_fails``)
    ranges: list[tuple[Node, Literal]] = field(default_factory=list)


def _n3(node: Node) -> str:
    if isinstance(node, Literal):
        return node.n3()
    if isinstance(node, URIRef):
        return f"<{node}>"
    raise UnsupportedShapeError(f"a blank node {node} where the compiled shapes need a term")


def _targets(sg: Graph, shape: Node) -> str:
    parts = []
    for cls in sg.objects(shape, SH.targetClass):
        parts.append(f"{{ ?focus {TYPE_PATH}/{SUBCLASS_STAR} {_n3(cls)} }}")
    for p in sg.objects(shape, SH.targetSubjectsOf):
        parts.append(f"{{ ?focus {_n3(p)} ?_t }}")
    for p in sg.objects(shape, SH.targetObjectsOf):
        parts.append(f"{{ ?_t {_n3(p)} ?focus }}")
    for unsupported in (SH.targetNode, SH.target):
        if (shape, unsupported, None) in sg:
            raise UnsupportedShapeError(f"{shape}: {unsupported} is not compiled")
    return " UNION ".join(parts)


def _path(sg: Graph, ps: Node) -> tuple[str, tuple[str, ...]]:
    path = sg.value(ps, SH.path)
    if isinstance(path, URIRef):
        return _n3(path), (str(path),)
    alternatives = sg.value(path, SH.alternativePath) if path is not None else None
    if alternatives is None:
        raise UnsupportedShapeError(f"{ps}: only a property or sh:alternativePath is compiled")
    members = list(Collection(sg, alternatives))
    if not all(isinstance(m, URIRef) for m in members):
        raise UnsupportedShapeError(f"{ps}: alternatives must be properties")
    return "(" + "|".join(_n3(m) for m in members) + ")", tuple(str(m) for m in members)


def _instance_of(var: str, cls: Node) -> str:
    return (
        f"((isIRI({var}) || isBlank({var})) && "
        f"EXISTS {{ {var} {TYPE_PATH} ?_k . VALUES ?_k {{ «{_n3(cls)}» }} }})"
    )


def _property_conforms(sg: Graph, ps: Node, var: str, depth: int) -> list[str]:
    path, _ = _path(sg, ps)
    terms = []
    for q, value in sg.predicate_objects(ps):
        if q == RDF.type or q in _DESCRIPTIVE:
            continue
        if q == SH.hasValue:
            terms.append(f"EXISTS {{ {var} {path} {_n3(value)} }}")
        elif q == SH.minCount and _int(value) == 1:
            terms.append(f"EXISTS {{ {var} {path} ?_x{depth} }}")
        elif q == SH.maxCount and _int(value) == 0:
            terms.append(f"NOT EXISTS {{ {var} {path} ?_x{depth} }}")
        else:
            raise UnsupportedShapeError(f"{ps}: nested {q} is not compiled")
    return terms


def _conforms(sg: Graph, shape: Node, var: str, depth: int = 0) -> str:
    """A SPARQL expression true when the node in ``var`` conforms to ``shape`` (the
    shapes that sh:node and sh:or name: node-level sh:class/sh:nodeKind, and property
    shapes with sh:hasValue, sh:minCount 1 or sh:maxCount 0)."""
    if depth > 3:
        raise UnsupportedShapeError(f"{shape}: shapes nested too deep")
    if (shape, SH.path, None) in sg:  # a property shape used as a shape of the node
        return "(" + " && ".join(_property_conforms(sg, shape, var, depth) or ["true"]) + ")"
    terms = []
    for p, o in sg.predicate_objects(shape):
        if p == RDF.type or p in _DESCRIPTIVE:
            continue
        if p == SH["class"]:
            terms.append(_instance_of(var, o))
        elif p == SH.nodeKind and o in _KINDS:
            terms.append(_KINDS[o].replace("?v", var))
        elif p == SH.property:
            terms += _property_conforms(sg, o, var, depth)
        else:
            raise UnsupportedShapeError(f"{shape}: nested {p} is not compiled")
    return "(" + " && ".join(terms or ["true"]) + ")"


def _value_condition(sg: Graph, ps: Node, path: str, shape: CompiledShape) -> list[str]:
    """SPARQL conditions on ``?v`` that are true when the value fails a constraint."""
    fails: list[str] = []
    ranges: list[tuple[Node, Literal]] = []
    pattern_flags = str(sg.value(ps, SH.flags) or "")
    for p, o in sg.predicate_objects(ps):
        if p == SH["class"]:
            fails.append(f"!{_instance_of('?v', o)}")
        elif p == SH.datatype:
            fails.append(f"!(isLiteral(?v) && DATATYPE(?v) = {_n3(o)})")
            shape.has_datatype = True
        elif p == SH.nodeKind:
            if o not in _KINDS:
                raise UnsupportedShapeError(f"{ps}: sh:nodeKind {o}")
            fails.append(f"!{_KINDS[o]}")
        elif p == SH.minLength:
            fails.append(f"!COALESCE(STRLEN(STR(?v)) >= {_int(o)}, false)")
        elif p == SH.pattern:
            flags = f", {Literal(pattern_flags).n3()}" if pattern_flags else ""
            fails.append(f"!COALESCE(REGEX(STR(?v), {Literal(str(o)).n3()}{flags}), false)")
        elif p in _RANGES:
            fails.append(f"!COALESCE(?v {_RANGES[p]} {_n3(o)}, false)")
            assert isinstance(o, Literal)
            ranges.append((p, o))
        elif p == SH.lessThanOrEquals:
            fails.append(
                f"EXISTS {{ ?focus {_n3(o)} ?_e . FILTER(!COALESCE(IF(isIRI(?v) && isIRI(?_e), "
                "STR(?v) <= STR(?_e), ?v <= ?_e), false)) }"
            )
        elif p == SH.disjoint:
            fails.append(f"EXISTS {{ ?focus {_n3(o)} ?_d . FILTER(sameTerm(?_d, ?v)) }}")
        elif p == SH.node:
            fails.append(f"!{_conforms(sg, o, '?v')}")
        elif p == SH["or"]:
            members = [_conforms(sg, m, "?v") for m in Collection(sg, o)]
            fails.append("!(" + " || ".join(members) + ")")
        elif p not in COUNT_CONSTRAINTS | _DESCRIPTIVE | {RDF.type, SH.flags}:
            raise UnsupportedShapeError(f"{ps}: {p} is not compiled")
    if len(ranges) == len(fails):
        shape.ranges = ranges
    return fails


def _compile_property(sg: Graph, ps: Node, targets: str) -> CompiledShape:
    name, message = sg.value(ps, SH.name), sg.value(ps, SH.message)
    if name is None or message is None:
        raise UnsupportedShapeError(f"{ps}: every compiled rule needs sh:name and sh:message")
    path, predicates = _path(sg, ps)
    focus = f"{{ SELECT DISTINCT ?focus WHERE {{ {targets} }} }}"
    # ?focus's values: an alternative path as VALUES (Oxigraph joins it 5× faster)
    values = (
        f"VALUES ?_p {{ {' '.join(f'<{p}>' for p in predicates)} }} ?focus ?_p ?v"
        if len(predicates) > 1
        else f"?focus {path} ?v"
    )
    out = CompiledShape(str(name), str(message), predicates, targets)
    for count in sg.objects(ps, SH.minCount):
        n = _int(count)
        if n == 1:
            out.count_queries.append(f"SELECT ?focus WHERE {{ {focus} MINUS {{ {values} }} }}")
        elif n > 1:
            out.count_queries.append(
                f"SELECT ?focus WHERE {{ {focus} OPTIONAL {{ {values} }} }} "
                f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) < {n})"
            )
    for count in sg.objects(ps, SH.maxCount):
        out.count_queries.append(
            f"SELECT ?focus WHERE {{ {focus} {values} }} "
            f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) > {_int(count)})"
        )
    for value in sg.objects(ps, SH.hasValue):
        out.count_queries.append(
            f"SELECT ?focus WHERE {{ {focus} MINUS {{ ?focus {path} {_n3(value)} }} }}"
        )
    fails = _value_condition(sg, ps, path, out)
    if fails:
        out.value_query = (
            f"SELECT DISTINCT ?focus ?v WHERE {{ {focus} {values} . FILTER({' || '.join(fails)}) }}"
        )
    return out


def _active(sg: Graph, shape: Node) -> bool:
    severity = sg.value(shape, SH.severity)
    deactivated = sg.value(shape, SH.deactivated)
    return (severity in (None, SH.Violation)) and not (
        isinstance(deactivated, Literal) and deactivated.toPython() is True
    )


def compile_graph(sg: Graph) -> list[CompiledShape]:
    """Compile every targeted node shape of the shapes graph ``sg``."""
    out = []
    shapes = set(sg.subjects(RDF.type, SH.NodeShape))
    for shape in sorted(shapes, key=str):
        targets = _targets(sg, shape)
        if not targets or not _active(sg, shape):
            continue  # used through sh:node / sh:or only
        for p, _ in sg.predicate_objects(shape):
            if p not in {RDF.type, SH.property, SH.targetClass, SH.targetSubjectsOf,
                         SH.targetObjectsOf, *_DESCRIPTIVE}:  # fmt: skip
                raise UnsupportedShapeError(f"{shape}: node-level {p} is not compiled")
        for ps in sorted(sg.objects(shape, SH.property), key=str):
            if _active(sg, ps):
                out.append(_compile_property(sg, ps, targets))
    return out


@lru_cache(maxsize=1)
def compile_shapes() -> list[CompiledShape]:
    """The shapes of ``ontology/shapes.ttl``, compiled (once per process)."""
    from bilateral.graph.source.load import PACKAGE_DIR

    return compile_graph(Graph().parse(PACKAGE_DIR / "ontology" / "shapes.ttl", format="turtle"))
