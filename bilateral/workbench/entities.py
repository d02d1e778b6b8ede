"""What the linked-data pages and ``/api/entity`` say about one IRI, read with guarded
queries under the endpoint's limits: its properties, the statements it takes part in
(role, date, label, quotes, source), and for a source, each sentence of its text with
the statements that quote it.

>>> from bilateral.graph.sparql.pages import PageRequest
>>> from bilateral.graph.source.load import load
>>> request = PageRequest("/id/ermakova", {}, "", load(), "")
>>> e = about(request, "https://w3id.org/bilateral/id/ermakova")
>>> e["label"], any("Ermakova" in q["text"] for s in e["statements"] for q in s["quotes"])
('Nadezhda Ermakova', True)
"""

from __future__ import annotations

from typing import Any

from rdflib import Literal, URIRef

from bilateral.errors import UnknownNameError
from bilateral.graph.sparql.engine import QueryResult, run
from bilateral.graph.sparql.pages import PageRequest
from bilateral.ontology.vocab import curie, local

__all__ = ["about", "ask", "sentences_of"]

_PROPS = """SELECT ?p ?o ?label WHERE { ?x ?p ?o
  OPTIONAL { ?o rdfs:label ?label } } ORDER BY ?p ?o"""
_TAKES_PART = """SELECT ?s ?p ?label ?date ?start ?quote ?src ?srclabel ?srcdate WHERE {
  ?s ?p ?x ; bil:quote ?quote . FILTER(?p != prov:wasDerivedFrom)
  OPTIONAL { ?s rdfs:label ?label } OPTIONAL { ?s bil:date ?date }
  OPTIONAL { ?s bil:startDate ?start }
  OPTIONAL { ?s prov:wasDerivedFrom ?src OPTIONAL { ?src rdfs:label ?srclabel }
             OPTIONAL { ?src dct:issued ?srcdate } }
} ORDER BY ?date ?start ?s"""
_QUOTING = """SELECT ?s ?label ?quote WHERE { ?s prov:wasDerivedFrom ?x ; bil:quote ?quote
  OPTIONAL { ?s rdfs:label ?label } } ORDER BY ?s"""


def ask(request: PageRequest, sparql: str, **bindings: object) -> QueryResult:
    """Run ``sparql`` on the request's graph under the endpoint's limits (no inference:
    the roles are the properties as curated)."""
    limits = request.limits
    return run(
        request.graph, sparql, bindings=bindings, timeout=limits.timeout,
        row_cap=limits.row_cap, byte_cap=limits.byte_cap, max_memory=request.max_memory,
        infer=False,
    )  # fmt: skip


def _text(term: object) -> str | None:
    return None if term is None else str(term)


def about(request: PageRequest, iri: str, *, roles: bool = True) -> dict[str, Any]:
    """Everything a page shows about ``iri`` (with ``roles``, the statements it takes
    part in; a source's are its sentences, ``sentences_of``); ``UnknownNameError`` when
    the graph says nothing about it."""
    node = URIRef(iri)
    props = ask(request, _PROPS, x=node)
    used = ask(request, _TAKES_PART, x=node) if roles else QueryResult("select", rows=[])
    if not props.rows and not used.rows:
        raise UnknownNameError(f"the graph says nothing about {curie(iri)}")
    properties: list[dict[str, Any]] = []
    label, types, comment = None, [], None
    for p, o, olabel in props.rows:
        name = curie(str(p))
        if name == "rdfs:label" and label is None:
            label = str(o)
        elif name == "rdf:type":
            types.append(curie(str(o)))
        elif name == "rdfs:comment" and comment is None:
            comment = str(o)
        value: dict[str, Any] = {"property": name, "value": str(o)}
        if isinstance(o, URIRef):
            value["iri"] = True
            value["label"] = _text(olabel)
        elif isinstance(o, Literal) and (o.language or o.datatype):
            value["lang" if o.language else "datatype"] = o.language or curie(str(o.datatype))
        properties.append(value)
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for s, p, slabel, date, start, quote, src, srclabel, srcdate in used.rows:
        key = (str(s), local(str(p)))
        item = seen.setdefault(key, {
            "statement": str(s), "role": local(str(p)), "label": _text(slabel),
            "date": _text(date or start), "quotes": [],
        })  # fmt: skip
        entry = {"text": str(quote), "source": _text(src), "source_label": _text(srclabel),
                 "source_date": _text(srcdate)}  # fmt: skip
        if entry not in item["quotes"]:
            item["quotes"].append(entry)
    return {
        "iri": iri, "name": curie(iri), "label": label, "types": sorted(set(types)),
        "comment": comment, "properties": properties, "statements": list(seen.values()),
    }  # fmt: skip


def sentences_of(request: PageRequest, iri: str) -> list[dict[str, Any]] | None:
    """Each sentence of the source's text with the statements that quote it (a quote
    and a sentence overlap: one holds the other, or the sentence holds the quote's first
    or last words); ``None`` when the source has no text this server can read."""
    from bilateral.errors import BilateralError
    from bilateral.graph.checks.quotes import normalise
    from bilateral.graph.checks.stats import sentences
    from bilateral.graph.source.texts import read_text, text_file

    source = URIRef(iri)
    try:
        path = text_file(request.graph, source)
        if path is None:
            return None
        raw = read_text(source, path)
    except (BilateralError, OSError, AttributeError, TypeError):
        return None
    quoting: dict[str, tuple[str | None, list[str]]] = {}
    for s, label, quote in ask(request, _QUOTING, x=source).rows:
        entry = quoting.setdefault(str(s), (_text(label), []))
        entry[1].append(normalise(str(quote)))
    out = []
    for sentence in sentences(raw):
        by = [
            {"statement": s, "label": label}
            for s, (label, quotes) in quoting.items()
            if any(_overlap(sentence, q) for q in quotes)
        ]
        out.append({"text": sentence, "statements": by})
    return out


def _overlap(sentence: str, quote: str, edge: int = 12) -> bool:
    """Whether a quote (a span of the text) and a sentence overlap: one holds the
    other, or the sentence ends with the quote's start or begins with its end.

    >>> _overlap("It rained all day long.", "all day long. Then the sun came out")
    True
    >>> _overlap("It rained all day long.", "the sun came out")
    False
    """
    if quote in sentence or sentence in quote:
        return True
    head, tail = quote[:edge], quote[-edge:]
    i = sentence.find(head)
    while i >= 0:
        if quote.startswith(sentence[i:]):
            return True
        i = sentence.find(head, i + 1)
    j = sentence.find(tail)
    while j >= 0:
        if quote.endswith(sentence[: j + len(tail)]):
            return True
        j = sentence.find(tail, j + 1)
    return False
