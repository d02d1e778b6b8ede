"""What a graph holds: counts by class and kind, sources, date range, quote coverage.

>>> from bilateral.graph.source.load import load
>>> s = stats(load())
>>> s["triples"] > 0 and s["sources"] >= 1
True
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import RDF, Graph, URIRef

from bilateral.graph.checks.quotes import normalise, strip_furniture
from bilateral.graph.source.inputs import graph_of
from bilateral.graph.source.load import display_path
from bilateral.graph.source.read import native_store
from bilateral.graph.source.read import schema as read_schema
from bilateral.graph.source.read import types as read_types
from bilateral.graph.source.store import store_path
from bilateral.graph.source.storevalid import COUNT, fingerprint, recalled, record
from bilateral.graph.source.texts import TextFileError, read_text, source_name, text_file
from bilateral.ontology.namespace import BIL

if TYPE_CHECKING:
    import pyoxigraph

    from bilateral.graph.source.handle import StoreHandle
from bilateral.ontology.vocab import BIL as VOCAB_BIL
from bilateral.ontology.vocab import Schema, local

__all__ = ["Coverage", "coverage", "is_covered", "sentences", "stats", "triple_count"]

_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’)]?\s+(?=[“\"A-Z])")


def _count_by_kind(
    type_sets: Iterable[tuple[frozenset[str], int]], schema: Schema, root: str
) -> tuple[int, dict[str, int]]:
    """Nodes under ``root`` and how many of each primary kind (the measures' ``kind``),
    from ``(types of a node, number of nodes with exactly those types)`` pairs."""
    members = schema.subclasses(root)
    counts: Counter[str] = Counter()
    n = 0
    for node_types, weight in type_sets:
        if node_types & members:
            n += weight
            counts[schema.primary_kind(node_types, local(root))] += weight
    return n, dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def triple_count(g: Graph) -> int:
    """How many distinct triples ``g`` holds (a triple in several files counts once), as
    ``len(g)`` says; on a store from one aggregate query, three times faster than the
    one ``len`` runs there (it builds a triple term per row). The store remembers the
    count under its fingerprint (``source/storevalid.py``): counted once per change
    (3.5 s on a million triples), then read back."""
    native = native_store(g)
    if native is None:
        return len(g)
    folder = store_path(g)
    state = {"store": fingerprint(folder)} if folder is not None else {}
    known = recalled(folder, state, name=COUNT) if folder is not None else None
    if known is not None and isinstance(known.get("triples"), int):
        return int(known["triples"])  # counted before, and the store has not changed
    query = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    ((n,),) = native.query(query, use_default_graph_as_union=True)
    if folder is not None:
        record(folder, state, {"triples": int(n.value)}, name=COUNT)
    return int(n.value)


def stats(g: Graph | StoreHandle) -> dict[str, Any]:
    """Triples, entities by class, statements by kind, sources and the date range.

    Each node counts once, under its primary kind (``Schema.primary_kind``), the same
    kind the measures and the HTML show. On a store every figure comes from an aggregate
    query (``_store_figures``): nothing is read triple by triple.
    """
    g = graph_of(g)  # an open store's graph
    hierarchy = read_schema(g)
    store = native_store(g)
    if store is None:
        typed = Counter(frozenset(t) for t in read_types(g).values())
        dates = sorted(
            str(o) for p in (BIL.date, BIL.startDate, BIL.endDate) for o in g.objects(None, p)
        )
        date_range = [dates[0], dates[-1]] if dates else None
        quotes = sum(1 for _ in g.triples((None, BIL.quote, None)))
        sources = len(set(g.subjects(RDF.type, BIL.Source)))
    else:
        typed, date_range, quotes, sources = _store_figures(store)
    n_actors, actors = _count_by_kind(typed.items(), hierarchy, VOCAB_BIL + "Actor")
    n_places, _ = _count_by_kind(typed.items(), hierarchy, VOCAB_BIL + "Place")
    n_statements, kinds = _count_by_kind(typed.items(), hierarchy, VOCAB_BIL + "Statement")
    return {
        "triples": triple_count(g),
        "actors": n_actors,
        "actors_by_class": actors,
        "places": n_places,
        "statements": n_statements,
        "statements_by_kind": kinds,
        "quotes": quotes,
        "sources": sources,
        "date_range": date_range,
    }


def _store_figures(
    store: pyoxigraph.Store,
) -> tuple[Counter[frozenset[str]], list[str] | None, int, int]:
    """Type sets with their node counts, date range, quotes and sources: four aggregate
    queries on a pyoxigraph store, each answering a handful of rows. (A ``bil:`` class is
    an IRI; an ``rdf:type`` literal, which the shapes refuse, is not counted here.)"""

    from bilateral.graph.checks.onstore import solutions

    def rows(query: str) -> list[pyoxigraph.QuerySolution]:
        return list(solutions(store, query))

    type_sets = rows(
        "SELECT ?types (COUNT(*) AS ?n) WHERE { { SELECT ?s (GROUP_CONCAT(DISTINCT STR(?t); "
        'separator=" ") AS ?types) WHERE { ?s a ?t FILTER(isIRI(?t)) } GROUP BY ?s } } '
        "GROUP BY ?types"
    )
    weights = Counter({frozenset(r[0].value.split()): int(r[1].value) for r in type_sets})
    dated = " ".join(f"<{p}>" for p in (BIL.date, BIL.startDate, BIL.endDate))
    ((lo, hi),) = rows(
        "SELECT (MIN(STR(?d)) AS ?lo) (MAX(STR(?d)) AS ?hi) "
        f"WHERE {{ VALUES ?p {{ {dated} }} ?s ?p ?d }}"
    )
    ((quotes,),) = rows(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?q WHERE {{ ?s <{BIL.quote}> ?q }} }}"
    )
    ((sources,),) = rows(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <{BIL.Source}> }}")
    date_range = [lo.value, hi.value] if lo is not None else None
    return weights, date_range, int(quotes.value), int(sources.value)


def sentences(raw: str) -> list[str]:
    r"""Split a source text into sentences, without page furniture or headings.

    Paragraphs are separated by blank lines; a paragraph cut by a page break is
    joined to the next one; a one-line paragraph that does not end a sentence is a
    heading and is left out.

    >>> sentences("A Title\n\nIt rained. Then it\n\n 4 \n\nstopped! Yes.")
    ['It rained.', 'Then it stopped!', 'Yes.']
    """
    paragraphs = [p for p in re.split(r"\n\s*\n", strip_furniture(raw)) if p.strip()]
    merged: list[str] = []
    for para in paragraphs:
        text = normalise(para)
        if merged and not re.search(r"[.!?][”\"’)]?$", merged[-1]) and text[:1].islower():
            merged[-1] = f"{merged[-1]} {text}"
        else:
            merged.append(text)
    out: list[str] = []
    for para in merged:
        if "\n" not in para and not re.search(r"[.!?][”\"’)]?$", para) and len(para) < 80:
            continue  # a heading
        out.extend(s.strip() for s in _SENTENCE_END.split(para) if s.strip())
    return out


@dataclass
class Coverage:
    """How much of a source text the quotes cover."""

    source: str
    sentences: int
    covered: int
    uncovered: list[str] = field(default_factory=list)
    excluded: str = "page numbers, bare URL lines and section headings"

    @property
    def share(self) -> float:
        """Covered sentences as a share of all sentences (0 to 1)."""
        return self.covered / self.sentences if self.sentences else 1.0


def coverage(g: Graph | StoreHandle, *, threshold: float = 0.5) -> list[Coverage]:
    """Per source with a text: sentences of which quotes cover at least ``threshold``.

    A sentence counts as covered when at least ``threshold`` of its characters lie
    inside some occurrence of some quote of a statement derived from that source.
    """
    g = graph_of(g)  # an open store's graph
    prov = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    out = []
    for source in sorted(set(g.subjects(BIL.textFile)), key=str):
        if not isinstance(source, URIRef):
            continue
        path = text_file(g, source)
        if path is None:
            raise TextFileError(f"{source_name(source)}: no data folder to find its text in")
        if not os.path.lexists(path):
            raise TextFileError(
                f"{source_name(source)}: source text not found at {display_path(path)}"
            )
        sents = sentences(read_text(source, path))
        quotes = {
            normalise(str(q))
            for node in g.subjects(prov, source)
            for q in g.objects(node, BIL.quote)
        }
        uncovered = [s for s in sents if not is_covered(s, quotes, threshold)]
        out.append(Coverage(str(source), len(sents), len(sents) - len(uncovered), uncovered))
    return out


def is_covered(sentence: str, quotes: set[str], threshold: float = 0.5) -> bool:
    """Whether at least ``threshold`` of the sentence's characters lie inside some
    occurrence of some (normalised) quote.

    >>> quotes = {"It rained"}
    >>> is_covered("It rained all day long.", quotes), is_covered("It rained.", quotes)
    (False, True)
    """
    mask = [False] * len(sentence)
    for q in quotes:
        _mark(sentence, q, mask)
    return sum(mask) >= threshold * len(sentence)


def _mark(sentence: str, quote: str, mask: list[bool]) -> None:
    """Mark characters of ``sentence`` covered by ``quote`` (whole or overlapping)."""
    start = sentence.find(quote)
    while start >= 0:
        for i in range(start, start + len(quote)):
            mask[i] = True
        start = sentence.find(quote, start + 1)
    # a quote longer than the sentence (spanning sentences) covers it where they overlap
    if len(quote) > len(sentence) and sentence in quote:
        mask[:] = [True] * len(sentence)
    elif len(quote) > 20:
        # the quote may begin inside this sentence and run into the next one
        for k in range(min(len(quote), len(sentence)), 19, -1):
            if sentence.endswith(quote[:k]):
                for i in range(len(sentence) - k, len(sentence)):
                    mask[i] = True
                break
        for k in range(min(len(quote), len(sentence)), 19, -1):
            if sentence.startswith(quote[-k:]):
                for i in range(k):
                    mask[i] = True
                break
