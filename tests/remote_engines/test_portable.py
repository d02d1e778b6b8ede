"""The query text sent to a server (``infer.portable``: the bundled ontology's hierarchy
written in) answers without inference on the store's engine (Oxigraph, in process) as
the query with local inference does on rdflib's: every named query, and the patterns
the rewrite treats apart. (rdflib's own engine evaluates the portable text's FILTER
NOT EXISTS row by row: minutes, not seconds, for a free class variable.)"""

from __future__ import annotations

import pytest

from bilateral.graph.sparql.engine import run
from bilateral.graph.sparql.infer import portable
from bilateral.graph.sparql.named import named_queries

from .rows import as_values

pytestmark = pytest.mark.slow  # the store and the free class variable take seconds


def _same(bundled, store, text: str) -> None:  # type: ignore[no-untyped-def]
    local = run(bundled, text)
    travelled = run(store, portable(text).text, infer=False)
    assert sorted(as_values(travelled.rows)) == sorted(as_values(local.rows)), text


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?x WHERE { ?x a bil:Agreement }",  # a class with subclasses
        "SELECT ?x ?k WHERE { ?x a ?k }",  # a free class variable: every superclass
        "SELECT ?x ?k WHERE { ?x a ?k . ?k rdfs:subClassOf* bil:Actor }",  # a bound one
        "SELECT ?s ?o WHERE { ?s bil:party ?o }",  # a property with subproperties
        "SELECT (COUNT(*) AS ?n) WHERE { ?x a bil:Statement }",  # counted once per node
        "ASK { ?x a bil:Agreement ; bil:party bid:russia }",
        "SELECT ?x WHERE { ?x a bil:Loan MINUS { ?x a bil:Agreement } }",
    ],
)
def test_patterns(bundled, bundled_store, text: str) -> None:
    _same(bundled, bundled_store, text)


def test_the_hierarchy_is_the_ontologys_not_the_servers() -> None:
    sent = portable("SELECT ?x WHERE { ?x a bil:Agreement }").text
    assert "subClassOf" not in sent and "ontology#Loan>" in sent


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_queries(bundled, bundled_store, name: str) -> None:
    _same(bundled, bundled_store, named_queries()[name].with_values())
