"""The rules added for the measures curation and the closed value sets catch what they must."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import SKOS, Dataset

import bilateral
from bilateral.ontology.namespace import BIL

FIXTURE = Path(__file__).parent.parent / "data" / "curation" / "measures-bad.ttl"


@pytest.fixture(scope="module")
def bad() -> Dataset:
    """The bundled data plus one node per broken rule."""
    return bilateral.load(["bundled", FIXTURE])


@pytest.fixture(scope="module")
def problems(bad: Dataset) -> list:
    return bilateral.validate(bad)


@pytest.mark.slow
def test_each_bad_node_breaks_its_rule(problems) -> None:
    assert {(p.node, p.rule) for p in problems} == {
        ("bid:bad-beneficiary-not-party", "beneficiary"),
        ("bid:bad-beneficiary-directed", "beneficiary"),
        ("bid:bad-alternatives-no-provider", "alternatives-provider"),
        ("bid:bad-alternatives-no-domain", "alternatives-domain"),
        ("bid:bad-alternatives-substitutability", "alternatives-substitutability"),
        ("bid:bad-alternatives-no-reasoning", "alternatives-reasoning"),
        ("bid:bad-alternatives-self", "alternative-not-provider"),
        ("bid:bad-control-no-controller", "control-controller"),
        ("bid:bad-control-existential", "control-existential"),
        ("bid:bad-control-no-reasoning", "control-reasoning"),
        ("bid:bad-ownership-share", "ownership-share"),
        ("bid:bad-country", "country-state"),
        ("bid:bad-hedge-no-confidence", "hedge-confidence"),
        ("bid:bad-hedge-certain", "hedge-confidence"),
        ("bid:bad-status-in-force", "closed-value"),
        ("bid:bad-date-precision", "closed-value"),
        ("bsrc:bad-source-field", "closed-value"),
        ("bsrc:bad-publisher-literal", "source-dcterms-resource"),
    }


def test_every_problem_is_one_line(problems) -> None:
    for p in problems:
        assert "\n" not in str(p)
        assert p.message and p.message != "None", str(p)
        assert str(p).startswith("tests/data/curation/measures-bad.ttl:"), str(p)


def _notations(g, scheme) -> list[str]:
    return sorted(
        str(n) for c in g.subjects(SKOS.inScheme, scheme) for n in g.objects(c, SKOS.notation)
    )


@pytest.mark.parametrize(
    ("node", "prop", "value", "scheme"),
    [
        ("bid:bad-status-in-force", "bil:status", "in force", BIL.Statuses),
        ("bid:bad-date-precision", "bil:datePrecision", "week", BIL.DatePrecisions),
        ("bsrc:bad-source-field", "bil:unknownField", "isbn", BIL.SourceFields),
    ],
)
def test_unknown_value_lists_the_schemes_notations(
    bad, problems, node, prop, value, scheme
) -> None:
    (problem,) = [p for p in problems if p.node == node]
    head = f'{prop} "{value}" is not one of: '
    assert problem.message.startswith(head), problem.message
    listed = problem.message[len(head) :].split(", ")
    assert listed == _notations(bad, scheme)  # from the ontology, in order, nothing else
    assert "\n" not in str(problem)


def test_an_organisation_may_have_several_countries(bad, problems) -> None:
    from bilateral.ontology.namespace import BID

    assert len(set(bad.objects(BID["ok-two-countries"], BIL.country))) == 2
    assert not [p for p in problems if p.node == "bid:ok-two-countries"]


def test_hedge_rule_names_itself(problems) -> None:
    hedge = [str(p) for p in problems if p.rule == "hedge-confidence"]
    assert len(hedge) == 2
    assert all("bil:hedge" in line and "bil:confidence below 1" in line for line in hedge)


# --- bil:drivenBy ------------------------------------------------------------------------

DRIVEN_BY_BAD = """\
@prefix bil:  <https://w3id.org/bilateral/ontology#> .
@prefix bid:  <https://w3id.org/bilateral/id/> .
@prefix bsrc: <https://w3id.org/bilateral/source/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .

bid:bad-driven-by-actor a bil:Action ;
    rdfs:label "driven by an actor, not a statement"@en ;
    bil:drivenBy bid:belarus ;
    rdfs:comment "the cause named is an actor"@en ;
    prov:wasDerivedFrom bsrc:ponars-memo-2021 ;
    bil:quote "Integration negotiations procrastinate." .

bid:bad-driven-by-no-reason a bil:Action ;
    rdfs:label "driven by a statement, without the reason"@en ;
    bil:drivenBy bid:western-sanctions ;
    prov:wasDerivedFrom bsrc:ponars-memo-2021 ;
    bil:quote "Integration negotiations procrastinate." .

bid:bad-driven-by-cycle-a a bil:Action ;
    rdfs:label "one half of a cycle"@en ;
    bil:drivenBy bid:bad-driven-by-cycle-b ;
    rdfs:comment "exists because of the other half"@en ;
    prov:wasDerivedFrom bsrc:ponars-memo-2021 ;
    bil:quote "Integration negotiations procrastinate." .

bid:bad-driven-by-cycle-b a bil:Action ;
    rdfs:label "the other half of a cycle"@en ;
    bil:drivenBy bid:bad-driven-by-cycle-a ;
    rdfs:comment "exists because of the first half"@en ;
    prov:wasDerivedFrom bsrc:ponars-memo-2021 ;
    bil:quote "Integration negotiations procrastinate." .
"""


def test_driven_by_rules(tmp_path) -> None:
    """bil:drivenBy names a statement, says why, and never leads back to itself."""
    path = tmp_path / "driven-by-bad.ttl"
    path.write_text(DRIVEN_BY_BAD, encoding="utf-8")
    problems = bilateral.validate(bilateral.load(["bundled", path]))
    assert {(p.node, p.rule) for p in problems} == {
        ("bid:bad-driven-by-actor", "driven-by-statement"),
        ("bid:bad-driven-by-no-reason", "driven-by-reasoning"),
        ("bid:bad-driven-by-cycle-a", "driven-by-cycle"),
        ("bid:bad-driven-by-cycle-b", "driven-by-cycle"),
    }
    assert all("\n" not in str(p) for p in problems)


def test_bundled_driven_by_is_clean(bundled_problems) -> None:
    assert not [p for p in bundled_problems if p.rule.startswith("driven-by")]
