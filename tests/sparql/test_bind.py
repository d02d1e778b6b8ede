"""--bind takes actor names where the variable stands for a node (issue 14)."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from bilateral.errors import UnknownNameError
from bilateral.graph.sparql.bind import bind_values, node_variables
from bilateral.ontology.vocab import BID


def test_node_variables(bundled) -> None:
    q = (
        "SELECT * WHERE { ?s bil:creditor ?c ; bil:amount ?a ; a ?k ; rdfs:label ?l "
        "GRAPH ?g { ?x ?p ?o } }"
    )
    assert node_variables(bundled, q) == {"s", "c", "k", "g", "x"}


@pytest.mark.parametrize("name", ["ermakova", "Ermakova", "Nadezhda Ermakova", "bid:ermakova"])
def test_names_become_iris_where_a_node_is_wanted(bundled, name: str) -> None:
    bound = bind_values(bundled, "SELECT ?p ?o WHERE { ?s ?p ?o }", {"s": name})
    assert bound["s"] == URIRef(BID + "ermakova")


def test_aliases_and_literals(bundled) -> None:
    q = "SELECT ?d WHERE { ?d bil:dependent ?who ; bil:status ?status }"
    bound = bind_values(bundled, q, {"who": "the Kremlin", "status": "extended"})
    assert bound == {"who": URIRef(BID + "russia"), "status": Literal("extended")}
    assert bind_values(bundled, q, {"who": "<https://e.org/x>"})["who"] == URIRef("https://e.org/x")


def test_unknown_or_ambiguous_names_are_errors(bundled) -> None:
    with pytest.raises(UnknownNameError, match="did you mean"):
        bind_values(bundled, "SELECT * WHERE { ?s ?p ?o }", {"s": "ermakovva"})
