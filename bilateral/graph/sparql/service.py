"""What the endpoint tells a client about itself: a SPARQL 1.1 Service Description
(``GET /sparql`` with no query) and the page its truncation links point to.

The description names the endpoint, the query language (no update), the result formats,
the default dataset (the default graph is the union of every graph: ``sd:UnionDefaultGraph``)
with each graph under its stable name, what inference does, and the limits.

>>> from bilateral.graph.source.load import load
>>> g = description(load(["tests/data/tiny"]), "http://127.0.0.1:8000/sparql", infer=True)
>>> from rdflib import URIRef
>>> (None, SD.endpoint, URIRef("http://127.0.0.1:8000/sparql")) in g
True
"""

from __future__ import annotations

from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef

from bilateral.graph.sparql.dataset import graph_names
from bilateral.graph.sparql.limits import Limits

__all__ = ["SD", "description", "limits_text"]

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
ENTAILMENT = Namespace("http://www.w3.org/ns/entailment/")

RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "RDF_XML",
    "JSON-LD",
)


def description(
    g: Graph, endpoint: str, *, infer: bool = True, limits: Limits | None = None
) -> Graph:
    """The service description of an endpoint at ``endpoint`` serving ``g`` (``limits``:
    the endpoint's, default ``Limits()``)."""
    out = Graph()
    out.bind("sd", SD)
    out.bind("formats", FORMATS)
    out.bind("ent", ENTAILMENT)
    service = BNode("service")
    out.add((service, RDF.type, SD.Service))
    out.add((service, SD.endpoint, URIRef(endpoint)))
    out.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    out.add((service, SD.feature, SD.UnionDefaultGraph))
    for name in RESULT_FORMATS:
        out.add((service, SD.resultFormat, FORMATS[name]))
    if not infer:
        out.add((service, SD.defaultEntailmentRegime, ENTAILMENT.Simple))
    comment = (
        "A read-only bilateral endpoint. "
        + (
            "Inference: rdf:type through rdfs:subClassOf and triple patterns through "
            "rdfs:subPropertyOf, by query rewriting (not full RDFS entailment). "
            if infer
            else "No inference: queries see the asserted triples. "
        )
        + limits_text(limits or Limits())
    )
    out.add((service, RDFS.comment, Literal(comment, lang="en")))
    dataset = BNode("dataset")
    out.add((service, SD.defaultDataset, dataset))
    out.add((dataset, RDF.type, SD.Dataset))
    default = BNode("default-graph")
    out.add((dataset, SD.defaultGraph, default))
    out.add((default, RDF.type, SD.Graph))
    out.add((default, RDFS.comment, Literal("the union of every named graph", lang="en")))
    for i, name in enumerate(graph_names(g)):
        node = BNode(f"graph-{i}")
        out.add((dataset, SD.namedGraph, node))
        out.add((node, RDF.type, SD.NamedGraph))
        out.add((node, SD.name, URIRef(name)))
    return out


def limits_text(limits: Limits) -> str:
    """One paragraph on the limits, for the description and the ``/limits`` page.

    >>> limits_text(Limits(timeout=5, row_cap=10, byte_cap=100))[:40]
    'A query stops after 5 s; results stop at'
    """
    timeout, row_cap, byte_cap = limits.timeout, limits.row_cap, limits.byte_cap
    text = (
        f"A query stops after {timeout:g} s; results stop at {row_cap} rows or {byte_cap} "
        "bytes of terms. A result cut short says so: a link to /limits in the head of "
        "SPARQL JSON (head.link) and XML (<link>), a comment at the top of Turtle, "
        "N-Triples and RDF/XML, and the X-Bilateral-Truncated header on every format. "
        "Narrow the query, or page through it with ORDER BY, LIMIT and OFFSET."
    )
    if limits.max_connections is not None:
        text += (
            f" At most {limits.max_connections} connections are open at once: when all "
            "are taken, the one idle longest makes room, else the new one gets 503 with "
            "Retry-After."
        )
    if limits.idle_timeout is not None and limits.read_timeout is not None:
        text += (
            f" A connection may wait {limits.idle_timeout:g} s for its request to begin "
            f"and must then deliver it whole within {limits.read_timeout:g} s."
        )
    return text
