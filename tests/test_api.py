"""The Python API: bindings only through ``bindings=``, SELECT * columns in order."""

from __future__ import annotations

import pytest
from rdflib import URIRef

import bilateral
from bilateral.ontology.vocab import BID


def test_unknown_keyword_arguments_raise(bundled) -> None:
    with pytest.raises(TypeError, match="graph"):
        bilateral.query(None, "SELECT ?s WHERE { ?s ?p ?o }", graph=bundled)  # type: ignore[call-arg]


def test_bindings_go_through_bindings(bundled) -> None:
    df = bilateral.query(
        bundled, "SELECT ?l WHERE { ?s rdfs:label ?l }", bindings={"s": URIRef(BID + "belarus")}
    )
    assert list(df["l"]) == ["Belarus"]
    # a string is a literal, never an IRI or query text
    assert bilateral.query(
        bundled, "SELECT ?l WHERE { ?s rdfs:label ?l }", bindings={"s": "bid:belarus"}
    ).empty


@pytest.mark.slow
@pytest.mark.parametrize("store", [False, True])
def test_select_star_columns_follow_first_appearance(bundled, bundled_store, store) -> None:
    g = bundled_store if store else bundled
    q = "SELECT * { ?zeta a bil:Loan ; rdfs:label ?alpha . OPTIONAL { ?zeta bil:amount ?mid } }"
    for _ in range(3):
        assert list(bilateral.query(g, q).columns) == ["zeta", "alpha", "mid"]
    star_with_blank = "SELECT * WHERE { [] a bil:Loan ; bil:amount ?amount }"
    assert list(bilateral.query(g, star_with_blank).columns) == ["amount"]
