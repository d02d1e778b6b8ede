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
