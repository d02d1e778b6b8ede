"""No silent empties: warnings for unknown terms, hints for empty results (issue 14)."""

from __future__ import annotations

import warnings

import pytest

import bilateral
from bilateral.errors import QueryWarning
from bilateral.graph.sparql.engine import run
from bilateral.graph.sparql.hints import diagnose, empty_hints, unknown_terms


def test_unknown_terms_name_the_closest_known_ones(bundled) -> None:
    said = unknown_terms(bundled, "SELECT ?x { ?x a bil:Agremeent ; bil:creditor bid:rusia }")
    assert said[0].startswith("bil:Agremeent is not in the ontology or the data; closest: ")
    assert "bil:Agreement" in said[0]
    assert "bid:russia (Russia)" in said[1]
    full = "SELECT ?x { ?x <https://w3id.org/bilateral/ontology#creditorr> ?y }"
    assert "bil:creditor" in unknown_terms(bundled, full)[0]
    assert unknown_terms(bundled, "SELECT ?x { ?x a bil:Loan ; bil:creditor bid:russia }") == []


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_a_string_without_its_language_tag(bundled) -> None:
    q = 'SELECT ?x WHERE { ?x rdfs:label "Belarus" }'
    hints = empty_hints(bundled, q, infer=True)
    assert len(hints) == 1 and '"Belarus"@en' in hints[0]
    assert empty_hints(bundled, 'SELECT ?x WHERE { ?x rdfs:label "Ruritania" }', infer=True) == []


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_a_class_with_subclasses_without_inference(bundled) -> None:
    q = "SELECT ?x WHERE { ?x a bil:Agreement ; bil:status 'extended' }"
    assert not run(bundled, q, infer=False).rows
    hints = empty_hints(bundled, q, infer=False)
    assert any("bil:Agreement has subclasses" in h for h in hints)
    assert not any("subclasses" in h for h in empty_hints(bundled, q, infer=True))


def test_diagnose_gives_hints_only_for_empty_results(bundled) -> None:
    q = 'SELECT ?x WHERE { ?x rdfs:label "Belarus"@en }'
    assert diagnose(bundled, q, run(bundled, q), infer=True) == ([], [])
    q = "ASK { bid:belarus a bil:Loan }"
    said, hints = diagnose(bundled, q, run(bundled, q), infer=True)
    assert said == [] and hints == []  # false, but for no detectable reason


def test_python_api_warns(bundled) -> None:
    with pytest.warns(QueryWarning, match="bid:lukashenka"):
        bilateral.query(bundled, "SELECT ?p WHERE { bid:lukashenka ?p ?o }")
    with warnings.catch_warnings():
        warnings.simplefilter("error", QueryWarning)
        bilateral.query(bundled, "SELECT ?p WHERE { bid:lukashenko ?p ?o }")
