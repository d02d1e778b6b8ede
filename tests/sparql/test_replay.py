"""The exercise of issue 14, replayed: a new user answers the public competency questions
(and four more from the issue) with one `search` and one query each.

The search is what a reader of the question would type; the query is the one a user
writes after seeing the search result: the IRI it found is bound to ``?found``, the
class it reported lets ``a bil:Kind`` find every subclass (inference on by default).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rdflib import URIRef

import bilateral
from bilateral.ontology.vocab import BID

Check = Callable[[Any], bool]


def _text(df: Any) -> str:
    return " ".join(str(v) for row in df.itertuples(index=False) for v in row).lower()


def _has(*words: str) -> Check:
    return lambda df: all(w.lower() in _text(df) for w in words)


# (id, what the user types into search, kind, what search must find, the query, the check)
CASES: list[tuple[str, str, str | None, str, str, Check]] = [
    (
        "CQ1 loans after August 2020",
        "tax maneuver loan",
        None,
        "loan-2021-tax-maneuver",
        """SELECT ?loan ?date ?amount WHERE {
             ?found bil:creditor ?c ; bil:debtor ?d .
             ?loan a bil:Loan ; bil:creditor ?c ; bil:debtor ?d .
             OPTIONAL { ?loan bil:date ?date } OPTIONAL { ?loan bil:amount ?amount }
             FILTER(!BOUND(?date) || ?date >= "2020-08-01"^^xsd:date) }""",
        lambda df: (
            {"loan-2020-tranche-1", "loan-2021-tranche-2", "loan-2021-tax-maneuver"}
            <= {x.rsplit("/", 1)[-1] for x in df["loan"]}
            and list(df["amount"].dropna()).count(500_000_000) == 2
            and "2020-12" in _text(df)
        ),
    ),
    (
        "CQ2 kinds of assistance",
        "professionals propaganda",
        "Support",
        "support-propaganda-2020",
        """SELECT ?s ?label ?domain WHERE {
             ?found bil:target ?t . ?s bil:target ?t ; rdfs:label ?label ; bil:domain ?domain .
             { ?s a bil:Support } UNION { ?s a bil:Pledge } }""",
        _has("propaganda", "police reinforcement", "political", "media", "coordinat", "economic"),
    ),
    (
        "CQ3 military facilities",
        "military facilities",
        "Lease",
        "military-facilities-lease",
        "SELECT ?count ?status WHERE { ?found bil:count ?count ; bil:status ?status }",
        lambda df: int(df.iloc[0]["count"]) == 2 and df.iloc[0]["status"] == "extended",
    ),
    (
        "CQ4 less appetite for acquisitions in 2021",
        "appetite acquire 2021",
        None,
        "acquisition-appetite-2021-banking",
        """SELECT ?sector WHERE {
             ?found bil:agent ?a ; bil:date ?d ; bil:status ?st .
             ?s bil:agent ?a ; bil:date ?d ; bil:status ?st ; bil:sector/rdfs:label ?sector }""",
        _has("petrochemical", "machine-building", "bank"),
    ),
    (
        "CQ5 what Russia attempted in 2011-2013",
        "take over strategic enterprises",
        None,
        "takeover-attempt-2011-2013",
        """SELECT ?start ?end ?status ?after ?afterStatus WHERE {
             ?found bil:startDate ?start ; bil:endDate ?end ; bil:status ?status ;
                    bil:after ?e . ?e rdfs:label ?after
             OPTIONAL { ?e bil:status ?afterStatus } }""",
        _has("2011", "2013", "attempted", "2010", "rigged"),
    ),
    (
        "CQ6 positions Moscow gave up",
        "constitutional changes",
        None,
        "constitutional-change-insistence",
        """SELECT ?s ?label ?status WHERE {
             VALUES ?status { "abandoned" "accepted" "denied" }
             ?s bil:status ?status ; rdfs:label ?label }""",
        _has("constitution", "pro-russian party", "belgazprombank"),
    ),
    (
        "CQ7 what Belarus has not done regarding Crimea",
        "Crimea recognition",
        None,
        "no-crimea-recognition",
        """SELECT ?s ?label WHERE {
             ?found bil:agent ?a ; bil:status ?st ; bil:location ?place .
             ?s bil:agent ?a ; bil:status ?st ; rdfs:label ?label ; bil:location ?place }""",
        _has("de jure", "transport"),
    ),
    (
        "CQ8 scenarios that put the status quo in jeopardy",
        "status quo jeopardy",
        None,
        "scenarios-intro",
        "SELECT ?label WHERE { ?found bil:about ?s . ?s a bil:Scenario ; rdfs:label ?label }",
        lambda df: len(df) == 3 and _has("leadership", "geopolitical", "west")(df),
    ),
    (
        "CQ9 dependencies by domain, with evidence",
        "Belarus depends on Russian loans",
        "Dependency",
        "dep-finance-loans",
        """SELECT ?domain (COUNT(DISTINCT ?d) AS ?n) (SAMPLE(?q) AS ?quote) WHERE {
             ?found bil:dependent ?a ; bil:provider ?b .
             ?d a bil:Dependency ; bil:dependent ?x ; bil:provider ?y ;
                bil:domain/rdfs:label ?domain ; bil:quote ?q .
             FILTER((?x = ?a || EXISTS { ?x bil:country ?a })
                    && (?y = ?b || EXISTS { ?y bil:country ?b })) } GROUP BY ?domain""",
        lambda df: (
            _has("energy", "financ", "security", "trade", "information", "politic")(df)
            and df["quote"].notna().all()
        ),
    ),
    (
        "CQ10 Lukashenko on Putin, January 2021",
        "tightly stuck",
        None,
        "one-team-remark-2021-01",
        "SELECT ?date ?quote WHERE { ?found bil:date ?date ; bil:quote ?quote }",
        _has("2021-01", "one team"),
    ),
    (
        "CQ11 pressure on the West, and what Moscow would not allow",
        "trafficking migrants",
        "Pressure",
        "migrant-trafficking",
        """SELECT ?s ?label ?status WHERE {
             ?found bil:agent ?minsk . ?s a bil:Pressure ; rdfs:label ?label .
             { ?s bil:agent ?minsk } UNION { ?s bil:target ?minsk }
             OPTIONAL { ?s bil:status ?status } }""",
        _has("migrants", "transit", "not-allowed"),
    ),
    (
        "CQ12 pledges for banks and farm exports",
        "pledge banking",
        "Pledge",
        "pledge-banking-support",
        """SELECT ?label WHERE {
             ?found bil:agent ?a ; bil:target ?t .
             ?p a bil:Pledge ; bil:agent ?a ; bil:target ?t ; rdfs:label ?label }""",
        _has("banking", "agricultural"),
    ),
    (
        "Issue: the Rosselkhoznadzor spelling",
        "Rosselkhoznadzor",
        None,
        "rosselhoznadzor",
        "SELECT ?s ?label WHERE { ?s bil:party ?found ; rdfs:label ?label }",
        _has("counter-sanctions"),
    ),
    (
        "Issue: British 'defence'",
        "air defence",
        "Dependency",
        "dep-military-air-defense",
        "SELECT ?provider ?strength { ?found bil:provider ?provider ; bil:strength ?strength }",
        lambda df: df.iloc[0]["provider"] == BID + "russia",
    ),
    (
        "Issue: 'end of July' and its precision",
        "end of July",
        None,
        "arrest-russian-pmc-2020",
        "SELECT ?date ?precision WHERE { ?found bil:date ?date ; bil:datePrecision ?precision }",
        _has("2020-07-01", "month"),
    ),
    (
        "Issue: curly apostrophes",
        "Lukashenko’s nominee",
        None,
        "ermakova-appointment-2021-01",
        """SELECT ?label WHERE { ?found bil:party ?who . ?who a bil:Person ; rdfs:label ?label }""",
        _has("Nadezhda Ermakova"),
    ),
]


@pytest.mark.parametrize(
    ("typed", "kind", "target", "sparql", "check"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_one_search_and_one_query(bundled, typed, kind, target, sparql, check) -> None:
    found = list(bilateral.search(bundled, typed, kind=kind, limit=3)["iri"])
    assert BID + target in found, found
    df = bilateral.query(bundled, sparql, bindings={"found": URIRef(BID + target)})
    assert not df.empty and check(df), df.to_string()
