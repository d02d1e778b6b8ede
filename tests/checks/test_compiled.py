"""The compiled validation path (SHACL shapes as SPARQL on Oxigraph, checks and literals
on the store) reports exactly what the reference path (pyshacl) reports, on every
fixture of tests/data/ and on the number and literal cases of the security tests; and
``validate --store`` prints the same lines as validating the files in memory."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from bilateral.errors import InputError
from bilateral.graph.checks.compiled import UnsupportedShapeError, compile_graph
from bilateral.graph.checks.validate import validate
from bilateral.graph.source.load import load
from bilateral.graph.source.store import load_store, open_dataset

DATA = Path(__file__).parent.parent / "data"

#: every fixture of tests/data/ that loads (bad/malformed.ttl is a syntax error), with
#: the bundled data where the fixture is meant to be read with it
FIXTURES = {
    "tiny": ["tiny"],
    "terminal-bad": ["terminal-bad"],
    "terminal": ["terminal"],
    "hostile": ["hostile"],
    "measures": ["measures"],
    "second-dyad": ["second-dyad"],
    "shapes-bad": ["bundled", "bad/shapes-bad.ttl"],
    "checks-bad": ["bundled", "bad/checks-bad.ttl"],
    "measures-bad": ["bundled", "curation/measures-bad.ttl"],
    "bundled": ["bundled"],
}

EDGE_CASES = """@prefix bil: <https://w3id.org/bilateral/ontology#> .
@prefix bid: <https://w3id.org/bilateral/id/> .
@prefix bsrc: <https://w3id.org/bilateral/source/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
bid:e-nan a bil:Dependency ; rdfs:label "nan"@en ; bil:dependent bid:belarus ;
    bil:provider bid:russia , "Moscow" ; bil:domain bil:energy , "energy" ;
    bil:strength "NaN"^^xsd:decimal ; bil:confidence "-INF"^^xsd:double ;
    rdfs:comment "x" ; prov:wasDerivedFrom bsrc:ponars-memo-2021 ; bil:quote "Belarus" .
bid:e-hedge a bil:Support ; rdfs:label "hedge"@en ; bil:agent bid:russia ;
    bil:target bid:belarus ; bil:hedge "" ; bil:confidence "abc"^^xsd:decimal ;
    bil:startDate "2021-05-01"^^xsd:date ; bil:endDate "2020-01-01"^^xsd:date , "x" ;
    bil:currency "usd" , bid:belarus ; bil:amount 1e999 ;
    prov:wasDerivedFrom bsrc:ponars-memo-2021 , bid:belarus ; bil:quote "Belarus"@en .
bid:e-country a bil:Company ; rdfs:label "c"@en ; bil:country bid:e-hedge , "Belarus" ,
    bid:nowhere .
bid:e-dates a bil:Event ; rdfs:label "d"@en ; bil:date "2021-02-30"^^xsd:date ,
    "2021-01-01"^^xsd:date ; bil:datePrecision "day" , 3 ;
    prov:wasDerivedFrom bsrc:ponars-memo-2021 ; bil:quote "Belarus" .
"""


def _three(tmp_path: Path, paths: list[str | Path]) -> tuple[list[str], ...]:
    """The lines of the reference and compiled paths on a store, and of the reference
    path on the same files in memory."""
    load_store(tmp_path / "store", paths)
    g = open_dataset(tmp_path / "store")
    reference = [str(v) for v in validate(g, engine="reference")]
    compiled = [str(v) for v in validate(g)]  # auto: compiled on a store
    memory = [str(v) for v in validate(load(paths))]
    return reference, compiled, memory


@pytest.mark.parametrize("name", ["tiny", "terminal-bad"])
def test_same_violations_small_fixtures(tmp_path: Path, name: str) -> None:
    reference, compiled, memory = _three(tmp_path, [DATA / p for p in FIXTURES[name]])
    assert compiled == reference == memory


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_same_violations_every_fixture(tmp_path: Path, name: str) -> None:
    paths = [p if p == "bundled" else DATA / p for p in FIXTURES[name]]
    reference, compiled, memory = _three(tmp_path, paths)
    assert compiled == reference == memory
    if name.endswith("-bad"):
        assert reference  # the fixture breaks rules: the comparison is not vacuous
    if name == "shapes-bad":
        assert any("(value" in line for line in reference)  # values shown alike


@pytest.mark.slow
def test_same_violations_numbers_and_literals(tmp_path: Path) -> None:
    from tests.security.test_numbers import CASES, PREFIXES

    files = []
    for name, (text, _) in CASES.items():
        files.append(tmp_path / f"{name}.ttl")
        files[-1].write_text(PREFIXES + text, encoding="utf-8")
    (tmp_path / "edge.ttl").write_text(EDGE_CASES, encoding="utf-8")
    reference, compiled, memory = _three(tmp_path, ["bundled", *files, tmp_path / "edge.ttl"])
    assert compiled == reference == memory
    assert len(reference) > 20


def test_compiled_engine_needs_a_store(bundled) -> None:
    with pytest.raises(InputError, match="store"):
        validate(bundled, engine="compiled")
    with pytest.raises(InputError, match="unknown engine"):
        validate(bundled, engine="fast")


def test_unsupported_shapes_are_refused() -> None:
    shapes = Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://e.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:name "r" ; sh:message "m" ; sh:path ex:p ; sh:uniqueLang true ] .
        """,
        format="turtle",
    )
    with pytest.raises(UnsupportedShapeError, match="uniqueLang"):
        compile_graph(shapes)
