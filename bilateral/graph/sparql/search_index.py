"""The search index: every searchable text of a graph, folded once.

Built from labels, aliases, titles, comments and quotes (one bulk read, fast on the
store too). An in-memory graph keeps its index while its size stays the same; a store
keeps it in its metadata folder as JSON (``.bilateral/cache-search.json``; never
pickle: a file there must not be able to run code), stamped with the store's
fingerprint, so the first search after a load (or any other write) rebuilds it and
every later one reads it (``store_cache.py``).

>>> from bilateral.graph.source.load import load
>>> idx = index_of(load())
>>> "rosselhoznadzor".replace("ss", "s") in idx.postings
True
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from bilateral.graph.sparql.fold import words

__all__ = ["INDEX_NAME", "SearchIndex", "build", "index_of"]

INDEX_NAME = "search"  # the store's cache of it: storemeta.cache_name(INDEX_NAME)
FORMAT = 2

_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
FIELDS = {
    _RDFS + "label": "label",
    _SKOS + "altLabel": "altLabel",
    "http://purl.org/dc/terms/title": "title",
    _RDFS + "comment": "comment",
    "https://w3id.org/bilateral/ontology#quote": "quote",
}


@dataclass
class SearchIndex:
    """Documents (subject, field, text), their folded words, and what each subject is."""

    docs: list[tuple[str, str, str]] = field(default_factory=list)
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    postings: dict[str, list[int]] = field(default_factory=dict)
    lengths: list[int] = field(default_factory=list)  # words per document

    def __post_init__(self) -> None:
        if not self.postings:
            postings: dict[str, list[int]] = defaultdict(list)
            self.lengths = []
            for i, (_, _, text) in enumerate(self.docs):
                found = words(text)
                self.lengths.append(len(found))
                for w in dict.fromkeys(found):
                    postings[w].append(i)
            self.postings = dict(postings)
        self.vocabulary = list(self.postings)

    def known_kinds(self) -> set[str]:
        """Every class name some indexed subject has (or inherits)."""
        return {c for e in self.entities.values() for c in e["classes"]}

    def to_json(self) -> dict[str, Any]:
        return {
            "docs": self.docs,
            "entities": self.entities,
            "postings": self.postings,
            "lengths": self.lengths,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SearchIndex:
        return cls(
            [tuple(d) for d in data["docs"]],
            data["entities"],
            data["postings"],
            data["lengths"],
        )


def build(g: Any) -> SearchIndex:
    """Read every searchable text of ``g`` into a new index."""
    from bilateral.graph.source.read import props, schema, types
    from bilateral.ontology.vocab import local

    read = props(g, list(FIELDS))
    hierarchy, typed = schema(g), types(g)
    docs: list[tuple[str, str, str]] = []
    entities: dict[str, dict[str, Any]] = {}
    for subject in sorted(read):
        values = read[subject]
        kinds = typed.get(subject, set())
        labels = values.get(_RDFS + "label") or values.get("http://purl.org/dc/terms/title")
        entities[subject] = {
            "label": sorted(labels)[0] if labels else local(subject),
            "kind": hierarchy.primary_kind(kinds, default=""),
            "classes": sorted(hierarchy.bil_classes(kinds)),
        }
        for predicate, name in FIELDS.items():
            for text in sorted(values.get(predicate, ())):
                docs.append((subject, name, text))
    return SearchIndex(docs, entities)


def index_of(g: Any) -> SearchIndex:
    """The index of ``g``: cached on the graph, or in the store's folder."""
    from bilateral.graph.source.handle import store_path
    from bilateral.graph.sparql.store_cache import cached

    if store_path(g) is not None:
        data = cached(g, INDEX_NAME, FORMAT, lambda: build(g).to_json())
        return SearchIndex.from_json(data)
    kept: tuple[int, SearchIndex] | None = getattr(g, "_bilateral_search", None)
    if kept is not None and kept[0] == len(g):
        return kept[1]
    index = build(g)
    try:
        g._bilateral_search = (len(g), index)
    except AttributeError:  # a graph class that refuses attributes: no cache
        pass
    return index
