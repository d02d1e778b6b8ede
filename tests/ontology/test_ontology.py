"""The ontology parses, every bil: term is documented, generated files are in sync."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from bilateral.graph.source.load import ONTOLOGY_FILE
from bilateral.ontology import generate
from bilateral.ontology.namespace import BIL

BIL_NS = "https://w3id.org/bilateral/ontology#"


def _onto() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def test_every_bil_term_has_label_and_comment() -> None:
    g = _onto()
    terms = {s for s in g.subjects(RDF.type, None) if str(s).startswith(BIL_NS)}
    assert len(terms) > 60
    for term in terms:
        assert g.value(term, RDFS.label), f"{term} has no rdfs:label"
        assert g.value(term, RDFS.comment), f"{term} has no rdfs:comment"


def test_properties_have_domain_or_range() -> None:
    g = _onto()
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in g.subjects(RDF.type, kind):
            assert g.value(prop, RDFS.domain) or g.value(prop, RDFS.range), prop


def test_ontology_metadata() -> None:
    g = _onto()
    onto = URIRef(BIL_NS.rstrip("#"))
    dct = "http://purl.org/dc/terms/"
    assert (onto, RDF.type, OWL.Ontology) in g
    assert g.value(onto, OWL.versionInfo)
    assert g.value(onto, URIRef(dct + "title"))
    assert g.value(onto, URIRef(dct + "license"))


def test_core_classes_reuse_w3c_vocabularies() -> None:
    g = _onto()
    prov = "http://www.w3.org/ns/prov#"
    assert (BIL.Actor, RDFS.subClassOf, URIRef(prov + "Agent")) in g
    assert (BIL.Statement, RDFS.subClassOf, URIRef(prov + "Entity")) in g
    assert (BIL.Organization, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in g
    assert (BIL.Role, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Membership")) in g


def test_namespace_module_is_in_sync() -> None:
    expected = generate.namespace_source(_onto())
    assert generate.NAMESPACE_FILE.read_text(encoding="utf-8") == expected, (
        "namespace.py is stale: run `make generate`"
    )


def test_ontology_docs_are_in_sync() -> None:
    expected = generate.docs_markdown(_onto())
    assert generate.DOCS_FILE.read_text(encoding="utf-8") == expected, (
        "docs/ontology.md is stale: run `make generate`"
    )


def test_defined_namespace_fails_on_typo() -> None:
    with pytest.raises(AttributeError):
        _ = BIL.crediter  # noqa: B018


def test_closed_value_sets_are_concept_schemes() -> None:
    from rdflib import SKOS

    g = _onto()
    closed = dict(g.subject_objects(BIL.valueScheme))
    assert {BIL.status, BIL.datePrecision, BIL.dateBasis} <= set(closed)
    for prop, scheme in closed.items():
        assert (scheme, RDF.type, SKOS.ConceptScheme) in g, prop
        concepts = set(g.subjects(SKOS.inScheme, scheme))
        assert concepts, scheme
        notations = [str(g.value(c, SKOS.notation)) for c in concepts]
        assert len(set(notations)) == len(notations), scheme
        for c in concepts:
            assert len(set(g.objects(c, SKOS.notation))) == 1, c
            assert g.value(c, SKOS.prefLabel) and g.value(c, SKOS.definition), c
            assert (scheme, SKOS.hasTopConcept, c) in g, c


def test_allowed_values_are_written_once() -> None:
    """The shapes hold no value list of their own: the schemes are the only source."""
    shapes = Graph().parse(generate.HERE / "shapes.ttl", format="turtle")
    assert not list(shapes.triples((None, URIRef("http://www.w3.org/ns/shacl#in"), None)))


def test_negative_statuses_collection_matches_the_measures() -> None:
    from rdflib import SKOS

    from bilateral.graph.measures.records import NEGATIVE_STATUSES

    g = _onto()
    members = {str(g.value(m, SKOS.notation)) for m in g.objects(BIL.NegativeStatuses, SKOS.member)}
    assert members == set(NEGATIVE_STATUSES)
    for m in g.objects(BIL.NegativeStatuses, SKOS.member):
        assert (m, SKOS.inScheme, BIL.Statuses) in g


ONTOLOGY_IRI = URIRef(BIL_NS.rstrip("#"))


def test_every_bil_term_is_defined_by_the_ontology() -> None:
    g = _onto()
    terms = {s for s in g.subjects(RDF.type, None) if str(s).startswith(BIL_NS)}
    missing = sorted(str(t) for t in terms if (t, RDFS.isDefinedBy, ONTOLOGY_IRI) not in g)
    assert missing == []


def test_version_iri_and_preferred_namespace() -> None:
    g = _onto()
    vann = "http://purl.org/vocab/vann/"
    version = str(g.value(ONTOLOGY_IRI, OWL.versionInfo))
    assert g.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef(f"{ONTOLOGY_IRI}/{version}")
    assert str(g.value(ONTOLOGY_IRI, URIRef(vann + "preferredNamespacePrefix"))) == "bil"
    assert str(g.value(ONTOLOGY_IRI, URIRef(vann + "preferredNamespaceUri"))) == BIL_NS


def test_dcterms_with_the_ranges_dcmi_gives() -> None:
    """dct:creator, dct:publisher, dct:license, dct:type, dct:language take resources."""
    dct = "http://purl.org/dc/terms/"
    g = _onto()
    for f in (generate.HERE.parent / "data").rglob("*.ttl"):
        g.parse(f, format="turtle")
    for name in ("creator", "publisher", "license", "type", "language", "rightsHolder"):
        for s, o in g.subject_objects(URIRef(dct + name)):
            assert isinstance(o, URIRef), f"{s} dct:{name} {o!r} is a literal"
    for agent in g.objects(None, URIRef(dct + "publisher")):
        assert (agent, RDF.type, URIRef(dct + "Agent")) in g, agent
        assert g.value(agent, RDFS.label), agent


def test_events_have_a_time_rather_than_being_one() -> None:
    g = _onto()
    time_ns = "http://www.w3.org/2006/time#"
    assert not any(str(o).startswith(time_ns) for o in g.objects(None, RDFS.subClassOf))
    assert "bil:date" in str(g.value(BIL.Event, RDFS.comment))


def test_html_reference_has_the_ontology_header(tmp_path) -> None:
    """`make docs` (pyLODE, the `docs` extra); skipped where the extra is not installed."""
    pytest.importorskip("pylode", reason="the docs extra (pyLODE) is not installed")
    page = generate.html_docs(tmp_path)
    html = page.read_text(encoding="utf-8")
    assert "https://w3id.org/bilateral/ontology/0.1.0" in html
    header = html.split('id="metadata"', 1)[1][:3000]
    assert "https://w3id.org/bilateral/ontology#" not in header.split("Title", 1)[0]
