"""The query reader never fails, and inference by rewriting equals inference by
materialisation (the graph plus its rdfs7/rdfs9 closure)."""

from __future__ import annotations

import random
import re

import pytest
from rdflib import RDF, RDFS, Graph

from bilateral.graph.sparql.engine import run
from bilateral.graph.sparql.infer import Hierarchy, rewrite
from bilateral.graph.sparql.lexer import analyse
from bilateral.graph.sparql.named import named_queries
from bilateral.graph.sparql.syntax import explain

WORDS = [
    *"{ } ( ) [ ] ; , . a ?x ?y bil:Agreement bil:party 'x' _:b [] () ^ / | * + ? !".split(),
    '"y"@en',
    *"OPTIONAL FILTER EXISTS NOT VALUES SELECT WHERE GRAPH UNION MINUS BIND AS CONSTRUCT".split(),
    "'''",
    '"',
    "#",
]


def test_the_reader_never_raises_on_token_soup(bundled) -> None:
    h = Hierarchy.from_graph(bundled)
    rng = random.Random(14)
    words = WORDS + [w for q in named_queries().values() for w in re.findall(r"\S+", q.text)]
    for _ in range(800):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 30)))
        if rng.random() < 0.5:
            text = "SELECT * WHERE { " + text
        analyse(text)
        rewrite(text, h)
        explain(text, 1, 1, "Expected SelectQuery")


@pytest.fixture(scope="module")
def closure(bundled) -> Graph:
    """The bundled graph with every rdfs7/rdfs9 consequence added (a copy)."""
    g = Graph()
    for triple in bundled.triples((None, None, None)):
        g.add(triple)
    h = Hierarchy.from_graph(bundled)
    up_class = {c: set(ps) for c, ps in h.class_parents.items()}
    up_prop = {p: set(ps) for p, ps in h.property_parents.items()}
    changed = True
    while changed:
        changed = False
        for s, p, o in list(g):
            for sup in up_class.get(str(o), ()) if p == RDF.type else ():
                changed |= _add(g, (s, RDF.type, sup))
            for sup in up_prop.get(str(p), ()):
                changed |= _add(g, (s, sup, o))
    assert (None, RDFS.subClassOf, None) in g
    return g


def _add(g: Graph, triple) -> bool:  # type: ignore[no-untyped-def]
    from rdflib import URIRef

    s, p, o = triple
    t = (s, URIRef(p) if isinstance(p, str) else p, URIRef(o) if isinstance(o, str) else o)
    if t in g:
        return False
    g.add(t)
    return True


def _bag(result) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(repr(row) for row in result.rows)


QUERIES = [
    "SELECT ?x WHERE { ?x a bil:Agreement }",
    # every type of every node, both ways (~0.7 s each): the other queries are the quick ones
    pytest.param("SELECT ?x ?c WHERE { ?x a ?c }", marks=pytest.mark.slow),
    "SELECT ?s ?o WHERE { ?s bil:party ?o }",
    "SELECT ?x ?a WHERE { [] a bil:Loan ; bil:amount ?a ; bil:party ?x }",
    pytest.param(
        "SELECT ?k (COUNT(*) AS ?n) WHERE { ?s a ?k } GROUP BY ?k", marks=pytest.mark.slow
    ),
    "SELECT ?x WHERE { ?x a bil:Event OPTIONAL { ?x bil:party ?p } FILTER(!BOUND(?p)) }",
    "SELECT ?x WHERE { ?x a bil:Statement MINUS { ?x a bil:Agreement } }",
    "SELECT ?x WHERE { ?x bil:quote ?q FILTER EXISTS { ?x a bil:Agreement } }",
    "SELECT ?x WHERE { { ?x a bil:Loan } UNION { ?x a bil:Lease } }",
]


@pytest.mark.parametrize("query", QUERIES)
def test_rewriting_equals_materialising(bundled, closure, query: str) -> None:
    assert _bag(run(bundled, query)) == _bag(run(closure, query, infer=False))


@pytest.mark.parametrize("name", ["cq-loans", "cq-belgazprombank"])
def test_named_queries_with_inference_equal_materialising(bundled, closure, name: str) -> None:
    # these two are rewritten; SAMPLE and GROUP_CONCAT may pick differently, so compare the
    # rows' first column and their number
    text = named_queries()[name].text
    assert rewrite(text, Hierarchy.from_graph(bundled)).changed
    rewritten = run(bundled, text).rows
    materialised = run(closure, text, infer=False).rows
    assert len(rewritten) == len(materialised)
    assert {r[0] for r in rewritten} == {r[0] for r in materialised}
