"""The curated data: every named actor present, quotes verbatim, coverage, hedges, dates."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Literal, URIRef

import bilateral
from bilateral.graph.source.read import schema, types
from bilateral.ontology.namespace import BID, BIL, BSRC

PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")

# Every actor the memo names (people, states, institutions, companies, churches, groups).
NAMED_ACTORS = {
    "belarus": "State",
    "russia": "State",
    "ukraine": "State",
    "moldova": "State",
    "afghanistan": "State",
    "tajikistan": "State",
    "uzbekistan": "State",
    "kyrgyzstan": "State",
    "armenia": "State",
    "azerbaijan": "State",
    "united-states": "State",
    "lukashenko": "Person",
    "putin": "Person",
    "babariko": "Person",
    "ermakova": "Person",
    "belarusian-parliament": "GovernmentBody",
    "rosselhoznadzor": "GovernmentBody",
    "belarusian-ministry-of-interior": "SecurityAgency",
    "rosgvardia": "SecurityAgency",
    "belarusian-armed-forces": "ArmedForces",
    "belarusian-territorial-defense-units": "ArmedForces",
    "gazprom": "Company",
    "belaruskaliy": "Company",
    "belgazprombank": "Bank",
    "russian-orthodox-church": "ReligiousOrganization",
    "belarusian-orthodox-church": "ReligiousOrganization",
    "union-state": "SupranationalUnion",
    "european-union": "SupranationalUnion",
    "taliban": "Organization",
    "the-west": "Group",
    "pro-russian-party": "PoliticalParty",
    "russian-professionals": "Group",
    "belarusian-opposition-activists": "Group",
    "russian-intermediaries": "Group",
    "russian-business": "Group",
}
NAMED_PLACES = [
    "crimea",
    "sochi",
    "black-sea",
    "russian-baltic-sea-ports",
    "minsk-city",
    "moscow-city",
    "caucasus",
    "central-asia",
]


def test_every_named_actor_is_typed_and_labelled(bundled) -> None:
    hierarchy, typed = schema(bundled), types(bundled)
    for slug, cls in NAMED_ACTORS.items():
        node = BID[slug]
        assert (node, RDFS.label, None) in bundled, slug
        kinds = set(hierarchy.most_specific(typed.get(str(node), set())))
        assert cls in kinds, f"{slug}: {kinds}"
    for slug in NAMED_PLACES:
        assert (BID[slug], RDFS.label, None) in bundled, slug


def test_capitals_are_metonyms_of_states(bundled) -> None:
    from rdflib import SKOS

    assert (BID.russia, SKOS.altLabel, Literal("Moscow", lang="en")) in bundled
    assert (BID.russia, SKOS.altLabel, Literal("the Kremlin", lang="en")) in bundled
    assert (BID.belarus, SKOS.altLabel, Literal("Minsk", lang="en")) in bundled


def test_every_statement_derives_from_the_memo_with_a_quote(bundled) -> None:
    statements = set(bundled.subjects(PROV_DERIVED, None))
    assert len(statements) > 150
    for s in statements:
        assert (s, PROV_DERIVED, BSRC["ponars-memo-2021"]) in bundled, s
        assert (s, BIL.quote, None) in bundled, s


def test_quotes_are_verbatim(bundled) -> None:
    assert bilateral.check_quotes(bundled) == []


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_coverage_at_least_90_percent(bundled) -> None:
    (cov,) = bilateral.coverage(bundled)
    assert cov.sentences > 100
    assert cov.share >= 0.9, cov.uncovered


def test_hedges_keep_their_word_and_lower_confidence(bundled) -> None:
    hedged = dict(bundled.subject_objects(BIL.hedge))
    assert {"reportedly", "widely believed", "arguably", "apparently"} <= {
        str(h) for h in hedged.values()
    }
    for node in hedged:
        conf = bundled.value(node, BIL.confidence)
        assert conf is not None and float(conf) < 1.0, node


def test_dependency_reasoning_matches_strength(bundled) -> None:
    scale = {0.25: "weak", 0.5: "moderate", 0.75: "strong", 1.0: "critical"}
    for dep in bundled.subjects(RDF.type, BIL.Dependency):
        strength = float(bundled.value(dep, BIL.strength))
        assert strength in scale, dep
        comment = str(bundled.value(dep, RDFS.comment))
        assert comment.startswith(f"{scale[strength]} ({strength:g}"), (dep, comment)


def test_period_statements(bundled) -> None:
    from datetime import date

    policy = BID["less-for-more-policy"]
    assert bundled.value(policy, BIL.startDate).toPython() == date(2015, 1, 1)
    assert bundled.value(policy, BIL.endDate).toPython() == date(2020, 12, 31)
    freeze = BID["gas-price-freeze-2021-2022"]
    assert bundled.value(freeze, BIL.endDate).toPython() == date(2022, 12, 31)


def test_three_scenarios_say_what_they_change(bundled) -> None:
    scenarios = set(bundled.subjects(RDF.type, BIL.Scenario))
    assert len(scenarios) == 3
    for s in scenarios:
        assert (s, BIL.removes, None) in bundled or (s, BIL.weakens, None) in bundled


def test_no_data_outside_the_memo(bundled) -> None:
    """Every statement's source is the memo; cited pages carry no statements."""
    for source in bundled.subjects(RDF.type, BIL.Source):
        if source != BSRC["ponars-memo-2021"]:
            assert (None, PROV_DERIVED, source) not in bundled
