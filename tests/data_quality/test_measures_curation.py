"""The curation the measures read (issue 12): beneficiaries, alternatives, control."""

from __future__ import annotations

from rdflib import RDF

from bilateral.ontology.namespace import BID, BIL

DIRECTED = (BIL.agent, BIL.target, BIL.creditor, BIL.debtor, BIL.lessor, BIL.lessee)


def test_baltic_ports_agreement_carries_belarusian_exports(bundled) -> None:
    # "The intergovernmental agreement on exporting Belarusian oil products via Russian
    # Baltic Sea ports remains the only tangible shift"
    assert bundled.value(BID["oil-products-baltic-ports-agreement"], BIL.beneficiary) == BID.belarus


def test_beneficiaries_are_parties_of_undirected_ties(bundled) -> None:
    pairs = list(bundled.subject_objects(BIL.beneficiary))
    assert pairs
    for statement, who in pairs:
        assert (statement, BIL.party, who) in bundled, statement
        assert not any((statement, p, None) in bundled for p in DIRECTED), statement
        assert (statement, RDF.type, None) in bundled
