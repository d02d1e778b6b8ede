"""Values a user gives as text (``{variable: value}``; ``bind NAME=VALUE`` in the CLI) as
RDF terms.

``<iri>`` and ``bid:x``-style names are IRIs. A plain value is an actor or entity name
(slug, label or alias, resolved as every other command resolves names) when the query
uses the variable as a node: as a subject, in a GRAPH clause, or as the object of
``rdf:type`` or of a property the ontology declares an ``owl:ObjectProperty``.
Otherwise it is a literal. Values are bound, never pasted into the query text.

>>> from bilateral.graph.source.load import load
>>> g = load()
>>> q = "SELECT ?d WHERE { ?d bil:dependent ?who ; rdfs:label ?l }"
>>> bind_values(g, q, {"who": "Minsk", "l": "x"})["who"].endswith("/id/belarus")
True
>>> type(bind_values(g, q, {"l": "Belarus"})["l"]).__name__
'Literal'
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import OWL, RDF, Graph, Literal, URIRef
from rdflib.term import Node

from bilateral.errors import InputError
from bilateral.graph.sparql.infer import RDF_TYPE, iri_of
from bilateral.graph.sparql.lexer import analyse
from bilateral.ontology.vocab import PREFIXES, expand

#: what an IRI between <> may not hold (SPARQL's IRIREF)
_NOT_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')

__all__ = ["bind_values", "node_variables"]


def node_variables(g: Graph, sparql: str) -> set[str]:
    """Names of the variables the query uses where only an IRI (or blank node) fits."""
    q = analyse(sparql)
    prefixes = {**PREFIXES, **q.prefixes}
    out: set[str] = set()
    for t in q.triples:
        if t.s.kind == "var":
            out.add(t.s.text[1:])
        if t.o.kind != "var" or t.p.kind not in ("a", "iri", "pname"):
            continue
        predicate = iri_of(t.p, prefixes)
        if predicate == RDF_TYPE or (
            predicate is not None and (URIRef(predicate), RDF.type, OWL.ObjectProperty) in g
        ):
            out.add(t.o.text[1:])
    tokens = q.tokens
    for before, tok in zip(tokens, tokens[1:], strict=False):
        if before.word() == "GRAPH" and tok.kind == "var":
            out.add(tok.text[1:])
    return out


def bind_values(g: Graph, sparql: str, raw: Mapping[str, str]) -> dict[str, Node]:
    """``{variable: term}`` for ``{variable: text}`` given by a user (see the module)."""
    from bilateral.graph.source.resolve import NameIndex

    nodes: set[str] | None = None
    names: NameIndex | None = None
    out: dict[str, Node] = {}
    for name, value in raw.items():
        value = value.strip()
        prefix, sep, rest = value.partition(":")
        if value.startswith("<") and value.endswith(">"):
            if not value[1:-1] or _NOT_IRI.search(value[1:-1]):
                raise InputError(f"{name}={value!r} is not an IRI (empty, or a space or one"
                                 ' of <>"{}|^`\\ inside)')  # fmt: skip
            out[name] = URIRef(value[1:-1])
        elif sep and prefix in PREFIXES and " " not in value and not rest.startswith("//"):
            out[name] = URIRef(expand(value))
        else:
            if nodes is None:
                nodes = node_variables(g, sparql)
            if name in nodes:
                names = names or NameIndex.from_graph(g)
                out[name] = URIRef(names.resolve(value))
            else:
                out[name] = Literal(value)
    return out
