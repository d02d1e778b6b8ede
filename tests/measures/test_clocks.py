"""The two clocks on the bundled data: a claim counts in the years it is valid (an
undated one at its source's date), is marked when carried past its sources' date, and
``known_by`` keeps what sources issued by a date said."""

from __future__ import annotations

from pathlib import Path

import pytest

import bilateral

BID = "https://w3id.org/bilateral/id/"
#: the memo dates these before 2020 (energy prices from 2015, the subsidies of
#: 2015-2020, the military framework held by 2019); every other claim is the memo's
#: present (2021) or dated by it from August 2020
BEFORE_2020 = {"dep-energy-prices", "dep-finance-subsidies-2015-2020", "dep-military-air-defense"}

PREFIXES = """\
@prefix bil:  <https://w3id.org/bilateral/ontology#> .
@prefix bid:  <https://w3id.org/bilateral/id/> .
@prefix bsrc: <https://w3id.org/bilateral/source/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dct:  <http://purl.org/dc/terms/> .
"""
COMMENTARY = (
    PREFIXES
    + """\
# FICTIONAL: a commentary issued in 2018, for this test only.
bsrc:commentary-2018 a bil:Source ; rdfs:label "A 2018 commentary"@en ;
    dct:issued "2018"^^xsd:gYear ; bil:textFile "commentary.txt" .
bid:dep-religious-2018 a bil:Dependency ;
    rdfs:label "Belarus's church depends on Moscow's patriarchate"@en ;
    bil:dependent bid:belarus ; bil:provider bid:russia ;
    bil:domain bil:religious ; bil:strength 0.5 ;
    rdfs:comment "moderate (0.5): 'depends on'. Undated: the commentary's present."@en ;
    prov:wasDerivedFrom bsrc:commentary-2018 ;
    bil:quote "The Belarusian church depends on the Moscow patriarchate." .
"""
)


@pytest.fixture(scope="module")
def memo(bundled):
    """The bundled data's snapshot."""
    return bilateral.read_snapshot(bundled)


def _evidence(result) -> set[str]:
    return {
        iri.rsplit("/", 1)[-1]
        for d in result.domains
        for item in d.evidence
        if item["direction"] == "dependent on provider"
        for iri in item["statements"]
    }


def test_no_2021_claim_before_2020_unless_the_memo_dates_it(memo) -> None:
    series = bilateral.dependence(
        memo, "belarus", "russia", by="year", from_year=2010, to_year=2024, draws=300
    ).by_year
    years = {row["year"]: row for row in series}
    assert all(years[y]["total"] == 0 and years[y]["n_claims"] == 0 for y in range(2010, 2015))
    for year in range(2010, 2020):
        r = bilateral.dependence(memo, "belarus", "russia", from_year=year, to_year=year, draws=300)
        assert _evidence(r) <= BEFORE_2020, year
        assert years[year]["total"] == round(r.total, 4)  # the series reads the same slice
    assert not any(years[y]["carried_forward"] for y in range(2010, 2022))
    assert all(years[y]["carried_forward"] for y in (2022, 2023, 2024))
    assert years[2021]["total"] > years[2019]["total"] > years[2014]["total"]
    notes = bilateral.dependence(
        memo, "belarus", "russia", by="year", from_year=2020, to_year=2023, draws=300
    ).notes
    assert any(n.startswith("2022-2023: ") and "carried forward" in n for n in notes)
    assert any(n.startswith("2021: ") and "undated" in n for n in notes)


def test_an_undated_claim_holds_at_its_sources_date(tmp_path: Path) -> None:
    folder = tmp_path / "commentary"
    folder.mkdir()
    (folder / "commentary.ttl").write_text(COMMENTARY, encoding="utf-8")
    (folder / "commentary.txt").write_text(
        "The Belarusian church depends on the Moscow patriarchate.\n", encoding="utf-8"
    )
    g = bilateral.load(["bundled", folder])
    assert bilateral.validate(g) == []
    snap = bilateral.read_snapshot(g)

    def religious(**when):
        return bilateral.dependence(snap, "belarus", "russia", draws=300, **when).domain(
            "religious"
        )

    assert religious(from_year=2018, to_year=2018).sdi > 0
    assert religious(from_year=2012, to_year=2012).sdi == 0
    carried = religious(as_of="2019-06-01")
    assert carried.sdi > 0 and carried.carried_forward  # past its source's date: marked
    # knowledge time: by the end of 2019 only the commentary was issued, not the memo
    known = bilateral.dependence(snap, "belarus", "russia", known_by="2019-12-31", draws=300)
    assert _evidence(known) == {"dep-religious-2018"}
    assert bilateral.dependence(snap, "belarus", "russia", known_by="2017", draws=300).total == 0


def test_known_by_the_memos_date(memo) -> None:
    """The memo is dated by its year only, but a version of it was republished on 15
    September 2021 (dct:isVersionOf): it is known from that day, not before."""
    early = bilateral.dependence(memo, "belarus", "russia", known_by="2021-06-30", draws=300)
    assert early.total == 0 and early.summary.n_claims == 0
    assert early.known_by == "2021-06-30"
    assert any("no evidence about this dyad" in n for n in early.notes)
    assert (
        bilateral.dependence(memo, "belarus", "russia", known_by="2021-09-15", draws=300).total > 0
    )
    with pytest.raises(bilateral.BilateralError, match="nothing is known by 2020"):
        bilateral.compare(memo, "2019", "2020", known_by="2020")  # no dyad to choose
    full = bilateral.dependence(memo, "belarus", "russia", known_by="2021", draws=300)
    assert full.table() == bilateral.dependence(memo, "belarus", "russia", draws=300).table()
    with pytest.raises(bilateral.BilateralError, match="known_by"):
        bilateral.dependence(memo, "belarus", "russia", known_by="21st century")


def test_compare_across_the_revolution(memo) -> None:
    """Dated evidence changes across 2020: the regime's survival (since August 2020) and
    Moscow's endorsement enter, the 2015-2020 subsidies end; undated claims of the memo's
    present count only in 2021."""
    c = bilateral.compare(
        memo, "2020-07-01", "2021-12-31", dependent="belarus", provider="russia", draws=300
    )
    rows = {row["domain"]: row for row in c.dependence_table()}
    assert rows["political"]["sdi_2020-07-01"] == 0 < rows["political"]["sdi_2021-12-31"]
    assert rows["TOTAL"]["change_low"] > 0
    assert not any(row["carried_2021-12-31"] or row["reverse_carried_2021-12-31"]
                   for row in rows.values())  # fmt: skip


# --- small worlds for the edge cases of the clocks -----------------------------------

WORLD = (
    PREFIXES
    + """\
bid:sa a bil:State ; rdfs:label "A"@en .
bid:sb a bil:State ; rdfs:label "B"@en .
bid:sc a bil:State ; rdfs:label "C"@en .
bsrc:s2021 a bil:Source ; rdfs:label "2021"@en ; dct:issued "2021"^^xsd:gYear .
bsrc:revised a bil:Source ; rdfs:label "2018, revised 2021"@en ;
    dct:issued "2018"^^xsd:gYear , "2021"^^xsd:gYear .
bsrc:undated a bil:Source ; rdfs:label "undated"@en .
"""
)


def _world(*statements: str):
    from rdflib import Graph

    from bilateral.graph.source.load import ONTOLOGY_FILE

    g = Graph()
    g.parse(ONTOLOGY_FILE)
    g.parse(data=WORLD + "\n".join(statements), format="turtle")
    return bilateral.read_snapshot(g)


def _dep(slug: str, extra: str, source: str = "s2021", a: str = "sa", b: str = "sb") -> str:
    return (
        f'bid:{slug} a bil:Dependency ; rdfs:label "{slug}"@en ; bil:dependent bid:{a} ; '
        f"bil:provider bid:{b} ; bil:domain bil:energy ; bil:strength 0.75 ; "
        f'prov:wasDerivedFrom bsrc:{source} ; bil:quote "q" {extra} .'
    )


def _energy(snap, **when):
    return bilateral.dependence(snap, "sa", "sb", draws=300, **when)


def test_a_dependency_dated_to_one_day_holds_on_that_day_only() -> None:
    """A stated end is an end: a single-day dependency is no event that, having happened,
    counts from then on (an as-of slice and the yearly series agree)."""
    snap = _world(_dep("d", '; bil:date "2015-06-01"^^xsd:date'))
    assert _energy(snap, as_of="2015-06-01").domain("energy").sdi > 0
    later = _energy(snap, as_of="2030-01-01")
    assert later.domain("energy").sdi == 0 and not later.carried_forward


def test_open_claims_no_dated_source_bounds_are_said() -> None:
    snap = _world(_dep("d", '; bil:startDate "2015-01-01"^^xsd:date', source="undated"))
    r = _energy(snap, as_of="2030-01-01")
    assert r.domain("energy").sdi > 0 and any("nothing bounds them" in n for n in r.notes)
    assert not _energy(snap).notes  # all time: nothing to say


def test_a_revised_source_is_known_by_its_first_date() -> None:
    snap = _world(_dep("d", "", source="revised"))
    assert _energy(snap, known_by="2019").domain("energy").sdi > 0  # the 2018 original
    assert _energy(snap, known_by="2017").total == 0


def test_flags_and_notes_of_the_reverse_and_other_dyads_stay_theirs() -> None:
    """Evidence about B on A marks the reverse, not A on B; a timeless claim about another
    dyad is not this dyad's to report."""
    snap = _world(_dep("ba", "", a="sb", b="sa"), _dep("cb", "", source="undated", a="sc", b="sb"))
    r = _energy(snap, as_of="2030-01-01")
    energy = r.domain("energy")
    assert energy.reverse_carried_forward and not energy.carried_forward
    assert not any("left out" in n for n in r.notes)
