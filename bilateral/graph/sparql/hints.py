"""No silent empty answers: warnings about a query's terms and hints for empty results.

``unknown_terms`` names every ``bil:``/``bid:`` term of a query that the graph does not
hold, with the closest names it does hold. ``empty_hints`` says, when a query found
nothing, what probably made it so: a string compared without its language tag, an
unknown term, or a class with subclasses under ``--no-infer``.

>>> from bilateral.graph.source.load import load
>>> g = load()
>>> for line in unknown_terms(g, "SELECT ?x { ?x a bil:Agremeent ; bil:creditor bid:rusia }"):
...     print(line)
bil:Agremeent is not in the ontology or the data; closest: bil:Agreement, bil:agent, ...
bid:rusia is not in the ontology or the data; closest: bid:russia (Russia)
>>> empty_hints(g, 'SELECT ?x WHERE { ?x rdfs:label "Belarus" }', infer=True)[0][:60]
'nothing matched: "Belarus" is compared without a language ta'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef

from bilateral.graph.sparql.infer import RDF_TYPE, hierarchy_of, iri_of
from bilateral.graph.sparql.lexer import analyse
from bilateral.ontology.vocab import BID, BIL, PREFIXES, curie

if TYPE_CHECKING:
    from bilateral.graph.sparql.engine import QueryResult

__all__ = ["diagnose", "empty_hints", "unknown_terms"]

_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def _terms(sparql: str) -> list[str]:
    """The ``bil:`` and ``bid:`` IRIs a query names, in order, once each."""
    q = analyse(sparql)
    prefixes = {**PREFIXES, **q.prefixes}
    out: dict[str, None] = {}
    for tok in q.tokens:
        if tok.kind == "iri":
            iri = tok.text[1:-1]
        elif tok.kind == "pname":
            prefix, _, rest = tok.text.partition(":")
            if prefix not in prefixes:
                continue
            iri = prefixes[prefix] + rest.replace("\\", "")
        else:
            continue
        if iri.startswith((BIL, BID)) and iri not in (BIL, BID):
            out.setdefault(iri)
    return list(out)


def _holds(g: Graph, iri: str) -> bool:
    node = URIRef(iri)
    return any(
        next(iter(g.triples(pattern)), None) is not None
        for pattern in ((node, None, None), (None, node, None), (None, None, node))
    )


def _closest(g: Graph, iri: str, n: int = 3) -> list[str]:
    from rapidfuzz import fuzz, process

    from bilateral.graph.sparql.search_index import index_of

    namespace = BIL if iri.startswith(BIL) else BID
    entities = index_of(g).entities
    known = {s[len(namespace) :]: s for s in entities if s.startswith(namespace)}
    wanted = iri[len(namespace) :]
    found = process.extract(
        wanted.casefold(),
        {k: k.casefold() for k in known},
        scorer=fuzz.ratio,
        limit=n,
        score_cutoff=60,
    )
    out = []
    for _, _, key in found:
        full = known[key]
        label = entities[full]["label"]
        name = curie(full)
        out.append(f"{name} ({label})" if namespace == BID and label != key else name)
    return out


def unknown_terms(g: Graph, sparql: str) -> list[str]:
    """One warning per ``bil:``/``bid:`` term the graph does not hold."""
    out = []
    for iri in _terms(sparql):
        if _holds(g, iri):
            continue
        close = _closest(g, iri)
        hint = f"; closest: {', '.join(close)}" if close else ""
        out.append(f"{curie(iri)} is not in the ontology or the data{hint}")
    return out


def _plain_strings(sparql: str) -> list[str]:
    """Strings of the query written without a language tag or datatype."""
    tokens = analyse(sparql).tokens
    out = []
    for i, tok in enumerate(tokens):
        if tok.kind != "string":
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and (nxt.kind == "lang" or nxt.text == "^^"):
            continue
        body = tok.text[3:-3] if tok.text[:3] in ("'''", '"""') else tok.text[1:-1]
        if body and "\\" not in body:
            out.append(body)
    return out


def _tagged(g: Graph, text: str) -> str | None:
    """A language tag some literal of ``g`` with this exact text has, if any."""
    from bilateral.graph.sparql.engine import run

    probe = (
        "SELECT (LANG(?o) AS ?lang) WHERE { ?s ?p ?o "
        f"FILTER(isLiteral(?o) && LANG(?o) != '' && STR(?o) = {Literal(text).n3()}) }} LIMIT 1"
    )
    rows = run(g, probe, infer=False, timeout=10).rows
    return str(rows[0][0]) if rows else None


def empty_hints(g: Graph, sparql: str, *, infer: bool) -> list[str]:
    """Likely reasons why ``sparql`` found nothing (an empty list when none is seen)."""
    out = []
    for text in _plain_strings(sparql)[:5]:
        lang = _tagged(g, text)
        if lang:
            out.append(
                f'nothing matched: "{text}" is compared without a language tag, but the graph '
                f'has "{text}"@{lang}; write "{text}"@{lang} or FILTER(STR(?x) = "{text}")'
            )
    unknown = [curie(i) for i in _terms(sparql) if not _holds(g, i)]
    if unknown:
        out.append(f"nothing matched: the query names {', '.join(unknown)}, which the graph lacks")
    if not infer:
        q = analyse(sparql)
        prefixes = {**PREFIXES, **q.prefixes}
        hierarchy = hierarchy_of(g)
        for t in q.triples:
            cls = iri_of(t.o, prefixes)
            if iri_of(t.p, prefixes) == RDF_TYPE and cls and hierarchy.has_subclasses(cls):
                out.append(
                    f"nothing matched: {curie(cls)} has subclasses and infer=False matches only "
                    f"nodes typed {curie(cls)} itself; run it with infer=True"
                )
    return out


def diagnose(
    g: Graph, sparql: str, result: QueryResult, *, infer: bool
) -> tuple[list[str], list[str]]:
    """(warnings, hints) for a query and its ``QueryResult``: unknown terms always,
    hints only when it found nothing."""
    warnings = unknown_terms(g, sparql)
    empty = (
        (result.kind == "select" and not result.rows)
        or (result.kind == "graph" and not result.triples)
        or (result.kind == "ask" and not result.boolean)
    )
    hints = empty_hints(g, sparql, infer=infer) if empty else []
    if warnings:  # said once, in the warnings
        hints = [h for h in hints if "which the graph lacks" not in h]
    return warnings, hints
