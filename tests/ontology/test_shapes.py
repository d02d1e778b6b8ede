"""The rules added for the measures curation and the closed value sets catch what they must."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset

import bilateral

FIXTURE = Path(__file__).parent.parent / "data" / "curation" / "measures-bad.ttl"


@pytest.fixture(scope="module")
def bad() -> Dataset:
    """The bundled data plus one node per broken rule."""
    return bilateral.load(["bundled", FIXTURE])


@pytest.fixture(scope="module")
def problems(bad: Dataset) -> list:
    return bilateral.validate(bad)


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
    }


def test_every_problem_is_one_line(problems) -> None:
    for p in problems:
        assert "\n" not in str(p)
        assert str(p).startswith("tests/data/curation/measures-bad.ttl:"), str(p)


def test_an_organisation_may_have_several_countries(bad, problems) -> None:
    from bilateral.ontology.namespace import BID, BIL

    assert len(set(bad.objects(BID["ok-two-countries"], BIL.country))) == 2
    assert not [p for p in problems if p.node == "bid:ok-two-countries"]


def test_hedge_rule_names_itself(problems) -> None:
    hedge = [str(p) for p in problems if p.rule == "hedge-confidence"]
    assert len(hedge) == 2
    assert all("bil:hedge" in line and "bil:confidence below 1" in line for line in hedge)
