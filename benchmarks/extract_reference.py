"""The reference for the measures at scale: a plain pyoxigraph script that extracts, from a
store made by ``bilateral load --store``, every attribute the measures' snapshot reads.

One SELECT per predicate, serialised by Oxigraph as CSV and parsed by the csv module into
lists of ``[subject, object]`` rows: the fastest plain way we found (a SELECT over all
predicates with ``VALUES`` is ~1.5× slower, building a Python object per term through
``quads_for_pattern`` slower still). ``bench_measures`` checks that ``PREDICATES`` is what
``read_snapshot`` reads.

    python benchmarks/extract_reference.py STORE_DIR [--detail]
"""

from __future__ import annotations

import csv
import io
import sys

import pyoxigraph as ox

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
BIL = "https://w3id.org/bilateral/ontology#"

#: what the snapshot reads: types, the class hierarchy, labels, aliases, countries and
#: the organisations an actor heads (``org:headOf``: a regime's head),
#: the statements' roles, targets, provenance, time and weights, the domain scheme and
#: the scenarios
PREDICATES = [
    RDF + "type",
    RDFS + "subClassOf",
    RDFS + "label",
    BIL + "country",
    ORG + "headOf",
    SKOS + "altLabel",
    *(
        BIL + p
        for p in (
            "agent target party creditor debtor lessor lessee dependent provider "
            "beneficiary controller controlled alternativeProvider"
        ).split()
    ),
    ORG + "member",
    ORG + "organization",
    *(BIL + p for p in ("about", "location", "object", "sector")),
    PROV + "wasDerivedFrom",
    *(
        BIL + p
        for p in (
            "domain date startDate endDate status confidence strength substitutability "
            "existential partOf drivenBy heldBy"
        ).split()
    ),
    SKOS + "inScheme",
    BIL + "removes",
    BIL + "weakens",
    BIL + "weakeningFactor",
    BIL + "hedge",
    "http://purl.org/dc/terms/issued",
    "http://purl.org/dc/terms/isVersionOf",
]
#: what the report and the HTML read on top (labels of statements come with RDFS label)
DETAIL = [RDFS + "comment", BIL + "quote", BIL + "hedge", BIL + "amount", BIL + "currency"]


def extract(store: ox.Store, predicates: list[str]) -> dict[str, list[list[str]]]:
    """``{predicate: [[subject, object], ...]}`` for every predicate."""
    out = {}
    for p in predicates:
        data = store.query(
            f"SELECT ?s ?o WHERE {{ ?s <{p}> ?o }}", use_default_graph_as_union=True
        ).serialize(format=ox.QueryResultsFormat.CSV)
        out[p] = list(csv.reader(io.StringIO(data.decode("utf-8"))))[1:]
    return out


def main(argv: list[str]) -> int:
    store = ox.Store.read_only(argv[0])
    rows = extract(store, PREDICATES + (DETAIL if "--detail" in argv else []))
    print(sum(len(r) for r in rows.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
