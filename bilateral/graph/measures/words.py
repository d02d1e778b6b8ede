"""The words behind a number: each evidence statement's label, kind, hedge, quotes and
sources (label and date), read for the few statements a result names, so that every
result carries its quotes (``DependenceResult.evidence``, ``--format json``, the report)
without reading the detail of the whole graph.

>>> from bilateral.graph.measures.snapshot import read_snapshot
>>> snap = read_snapshot()
>>> iri = "https://w3id.org/bilateral/id/dep-economic-sanctions"
>>> w = words_of(snap, [iri])[iri]
>>> w["kind"], w["quotes"][0][:41], w["sources"][0]["date"]
('Dependency', 'Western economic sanctions would continue', '2021')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypedDict

from rdflib import URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS

from bilateral.graph.measures.records import P

if TYPE_CHECKING:
    from rdflib import Graph

    from bilateral.graph.measures.results import DependenceResult
    from bilateral.graph.measures.snapshot import Snapshot

__all__ = ["SourceRef", "Words", "attach", "words_of"]


class SourceRef(TypedDict):
    """A source a statement is derived from: IRI, label and the date it was issued
    (as the data gives it: a year, a month or a day; ``None`` when not known)."""

    iri: str
    label: str
    date: str | None


class Words(TypedDict):
    """What a statement says, in its own words."""

    label: str
    kind: str
    hedge: str | None
    quotes: list[str]
    sources: list[SourceRef]


def _text(values: Iterable[Any]) -> list[str]:
    """Literal values, English (or untagged) first, then the rest, each sorted."""
    vals = list(values)
    first = sorted(str(v) for v in vals if getattr(v, "language", None) in (None, "en"))
    rest = sorted(str(v) for v in vals if getattr(v, "language", None) not in (None, "en"))
    return first + rest


def words_of(snap: Snapshot, iris: Iterable[str]) -> dict[str, Words]:
    """``Words`` for each statement IRI, from the graph the snapshot was read from (or,
    when that graph is gone, from the snapshot's own records: kind, and labels and
    quotes if it was read with detail)."""
    wanted = set(iris)
    recs = {r.iri: r for r in snap.records if r.iri in wanted}
    rdf: Graph | None
    if snap.read_words is not None:
        rdf = snap.read_words(wanted)
    else:
        rdf = snap.origin() if snap.origin is not None else None
    out: dict[str, Words] = {}
    for iri in sorted(wanted):
        rec = recs.get(iri)
        kind = rec.kind if rec is not None else "Statement"
        if rdf is None:
            out[iri] = {
                "label": rec.label if rec is not None and rec.label else snap.label(iri),
                "kind": kind,
                "hedge": rec.extra.get("hedge") if rec is not None else None,
                "quotes": list(rec.quotes) if rec is not None else [],
                "sources": [
                    {"iri": s, "label": snap.label(s), "date": None}
                    for s in (rec.sources if rec is not None else ())
                ],
            }
            continue
        node = URIRef(iri)
        labels = _text(rdf.objects(node, RDFS.label))
        hedges = _text(rdf.objects(node, URIRef(P["hedge"])))
        sources = sorted(rdf.objects(node, PROV.wasDerivedFrom), key=str)
        out[iri] = {
            "label": labels[0] if labels else snap.label(iri),
            "kind": kind,
            "hedge": hedges[0] if hedges else None,
            "quotes": _text(rdf.objects(node, URIRef(P["quote"]))),
            "sources": [_source(rdf, s) for s in sources],
        }
    return out


def _source(rdf: Any, node: Any) -> SourceRef:
    names = _text(rdf.objects(node, RDFS.label)) or _text(rdf.objects(node, DCTERMS.title))
    dates = sorted(str(d) for d in rdf.objects(node, DCTERMS.issued))
    iri = str(node)
    return {
        "iri": iri,
        "label": names[0] if names else iri.rsplit("/", 1)[-1],
        "date": dates[0] if dates else None,
    }


def attach(result: DependenceResult, snap: Snapshot) -> None:
    """Fill in the words of every evidence item of ``result`` (in place)."""
    rows = [*result.domains, result.summary]
    found = words_of(snap, (item["statement"] for row in rows for item in row.evidence))
    for row in rows:
        for item in row.evidence:
            item.update(found[item["statement"]])  # type: ignore[typeddict-item]
