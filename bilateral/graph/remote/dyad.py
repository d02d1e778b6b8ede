"""Read from a SPARQL server only what ``dependence`` needs for one dyad, as a snapshot.

``fetch_graph`` reads the whole graph, so a measure over ``--endpoint`` stopped at what
one machine holds. ``read_dyad`` reads, with paged SELECTs (``pages.py``), only what
grows with the dyad, never with the store:

1. the actors and places (typed with a class of the bundled ontology under ``bil:Actor``
   or ``bil:Place``) the two names may refer to: the IRI, ``bid:`` name or slug given,
   else labels and aliases equal to the name (``LCASE`` on the server, ``casefold``
   here; the one query whose work on the server grows with the number of actors);
2. the domains of the scheme ``bil:Domains`` the server's data declares;
3. the statements about the dyad: those with a role whose participant is A or B, an
   actor whose ``bil:country`` is A or B, or one who heads such an actor; then the
   wholes they are ``bil:partOf``; each with the properties a snapshot reads of a
   statement (``records._CORE``) and its types;
4. the actors the roll-up needs (A, B, those whose country is A or B and their heads)
   and every participant of those statements, with their types, labels, aliases,
   countries and the bodies they head (``org:headOf``);
5. the statements' sources' ``dct:issued`` and ``dct:isVersionOf``, and their versions.

The class hierarchy comes from the bundled ontology. The triples go into an rdflib
dataset beside the ontology, and ``read_snapshot`` reads it as it reads any graph: the
records of the dyad's statements are the ones a whole-graph read gives, so every number
is the same. The words of the evidence (labels, hedges, quotes, sources) are read when a
result asks for them, in one more query (``Snapshot.read_words``).

What differs from a whole-graph read: names resolve among actors and places only (a
label that ``LCASE`` and ``casefold`` lower differently, as "Straße", matches only as
``LCASE`` has it, and an unknown name gets no "did you mean"), and the checks a snapshot
makes of the values it reads (``validate``'s job) see only the dyad's statements.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, SKOS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from bilateral.errors import InputError, UnknownNameError
from bilateral.graph.measures import records
from bilateral.graph.measures.snapshot import Snapshot, read_snapshot
from bilateral.graph.remote.pages import _BAD_IRI, Pages, values
from bilateral.graph.remote.request import RemoteError, Timeouts, check_url
from bilateral.graph.source.read import schema
from bilateral.graph.source.resolve import NameIndex
from bilateral.ontology.vocab import BID, BIL

if TYPE_CHECKING:
    from rdflib.term import Node

    from bilateral.graph.remote.auth import Credentials

__all__ = ["BATCH", "read_dyad"]

#: statement or source IRIs sent in one ``VALUES`` block
BATCH = 500
_ACTOR_PROPS = [str(RDF.type), *records.ACTOR_PROPS, str(SKOS.altLabel)]
_STATEMENT_PROPS = [str(RDF.type), *records._CORE]
_SOURCE_PROPS = [str(DCTERMS.issued), str(DCTERMS.isVersionOf)]
_WORD_PROPS = [str(RDFS.label), records.P["hedge"], records.P["quote"], records.P_SOURCE]
_SOURCE_WORDS = [str(RDFS.label), str(DCTERMS.title), str(DCTERMS.issued)]


@functools.cache
def _ontology() -> tuple[tuple[Node, Node, Node], ...]:
    """What a snapshot reads of the bundled ontology (its class hierarchy and the
    domains of its scheme: ontology terms are never names), parsed once per process."""
    from bilateral.graph.source.load import ONTOLOGY_FILE, parse_file

    g = Graph()
    parse_file(ONTOLOGY_FILE, g)
    return tuple(t for t in g if t[1] in (RDFS.subClassOf, SKOS.inScheme))


def _with_ontology() -> Dataset:
    """A dataset holding the bundled ontology's hierarchy and domains."""
    from bilateral.graph.source.load import ONTOLOGY_GRAPH

    ds = Dataset(default_union=True)
    named = ds.graph(URIRef(ONTOLOGY_GRAPH))
    for triple in _ontology():
        named.add(triple)
    return ds


def _add(g: Graph, rows: Iterable[tuple[Node | None, ...]]) -> None:
    for s, p, o in rows:
        if s is not None and p is not None and o is not None:
            g.add((s, p, o))


def _triples(pages: Pages, subjects: Collection[str], props: Sequence[str], g: Graph) -> None:
    """Every triple of ``subjects`` with one of ``props``, in batches of subjects."""
    order = sorted(subjects)
    for i in range(0, len(order), BATCH):
        where = f"{values('?s', order[i : i + BATCH])} {values('?p', props)} ?s ?p ?o"
        _add(g, pages.rows("?s ?p ?o", where))


def _objects(g: Graph, subjects: Collection[str], prop: str) -> set[str]:
    p = URIRef(prop)
    return {str(o) for s in subjects for o in g.objects(URIRef(s), p) if isinstance(o, URIRef)}


def _dyad_statements(pages: Pages, a: str, b: str) -> set[str]:
    """Statements with a role whose participant counts for A or B (a superset of what
    ``evidence.about`` keeps: it rolls up only actors with one country)."""
    both = values("?c", [a, b])
    where = (
        f"{values('?r', records.ROLE_PROPERTIES.values())} "
        f"{{ {values('?x', [a, b])} ?s ?r ?x }} "
        f"UNION {{ {both} ?x bil:country ?c . ?s ?r ?x }} "
        f"UNION {{ {both} ?y bil:country ?c . ?x org:headOf ?y . ?s ?r ?x }}"
    )
    return {str(s) for (s,) in pages.rows("?s", where) if isinstance(s, URIRef)}


def _their_actors(pages: Pages, a: str, b: str) -> set[str]:
    """A, B, the actors whose ``bil:country`` is A or B, and those who head one."""
    both = values("?c", [a, b])
    where = (
        f"{{ {both} ?x bil:country ?c }} UNION {{ {both} ?y bil:country ?c . ?x org:headOf ?y }}"
    )
    return {a, b} | {str(x) for (x,) in pages.rows("?x", where) if isinstance(x, URIRef)}


def _as_iri(name: str) -> str | None:
    """The IRI a name is when it is one, or a ``bid:`` name or slug (``None``: it
    cannot be one)."""
    text = name.strip()
    if text.startswith(("http://", "https://")):
        return text if not _BAD_IRI.search(text) else None
    text = text.removeprefix("bid:")
    return BID + text if text and not _BAD_IRI.search(text) else None


def _labelled(
    pages: Pages, names: Collection[str], classes: Collection[str]
) -> dict[str, list[str]]:
    """``{actor: [its labels and aliases equal to one of names]}``: equal ignoring case
    on the server (``LCASE``), exactly (``casefold``) in ``NameIndex``."""
    texts: set[str] = set()
    for name in names:
        for form in {name.strip().lower(), name.strip().casefold()}:
            texts |= {form, f"the {form}"}
    matches = ", ".join(Literal(t).n3() for t in sorted(texts))
    where = (
        f"{values('?c', sorted(classes))} ?s a ?c . "
        f"?s rdfs:label|skos:altLabel ?l FILTER(LCASE(STR(?l)) IN ({matches}))"
    )
    out: dict[str, list[str]] = {}
    for s, label in pages.rows("?s ?l", where):
        if isinstance(s, URIRef) and label is not None:
            out.setdefault(str(s), []).append(str(label))
    return out


def _resolve(
    pages: Pages, names: Sequence[str], classes: Collection[str], endpoint: str
) -> list[str]:
    """The IRI of each of ``names`` among the server's actors and places, as
    ``NameIndex.resolve`` finds it: an IRI, ``bid:`` name or slug of an actor first (one
    lookup), else its labels and aliases (a scan of the actors' names on the server).
    An endpoint without any actor is a ``RemoteError`` saying why."""
    iris = {name: _as_iri(name) for name in names}
    wanted = sorted({iri for iri in iris.values() if iri})
    where = f"{values('?c', sorted(classes))} {values('?s', wanted)} ?s a ?c"
    known = {str(s) for (s,) in pages.rows("?s", where)} if wanted else set()
    by_label = [n for n, iri in iris.items() if iri not in known and not n.startswith("http")]
    index = NameIndex.build(_labelled(pages, by_label, classes) if by_label else {}, known)
    try:
        return [index.resolve(name) for name in names]
    except UnknownNameError:
        if known or pages.first("?s", f"{values('?c', sorted(classes))} ?s a ?c") is not None:
            raise
    from bilateral.graph.remote.hints import empty_hints

    why = "; ".join(empty_hints(endpoint, pages.graph, auth=pages.auth, timeouts=pages.timeouts))
    raise RemoteError(f"{endpoint} sent no actors" + (f": {why}" if why else ""))


def read_dyad(
    endpoint: str,
    dependent: str,
    provider: str,
    *,
    graph: str | None = None,
    timeouts: Timeouts | None = None,
    auth: Credentials | None = None,
    pages: Pages | None = None,
) -> Snapshot:
    """The snapshot ``dependence(g, dependent, provider)`` needs, read from ``endpoint``
    (of the named graph ``graph``): the dyad's actors, statements and sources.

    ``pages`` reads (and counts) the requests; by default a new ``Pages`` with
    ``timeouts`` (each request's deadline) and ``auth``. An endpoint without actors is a
    ``RemoteError`` that says why it may be (no `graph`, an empty default graph).
    """
    reader = pages or Pages(check_url(endpoint), graph, timeouts or Timeouts(), auth)
    ds = _with_ontology()
    hierarchy = schema(ds)
    data = ds.graph(URIRef(endpoint))
    classes = hierarchy.subclasses(BIL + "Actor") | hierarchy.subclasses(BIL + "Place")
    a, b = _resolve(reader, [dependent, provider], classes, endpoint)
    if a == b:
        raise InputError("dependent and provider are the same entity")
    where = "?s ?p bil:Domains . " + values("?p", [str(SKOS.inScheme)])
    for (s,) in reader.rows("?s", where):
        if s is not None:
            data.add((s, SKOS.inScheme, URIRef(BIL + "Domains")))
    found = _dyad_statements(reader, a, b)
    _triples(reader, found, _STATEMENT_PROPS, data)
    wholes = _objects(data, found, records.P["partOf"]) - found
    _triples(reader, wholes, _STATEMENT_PROPS, data)
    who = _their_actors(reader, a, b)
    for prop in records.ROLE_PROPERTIES.values():
        who |= _objects(data, found | wholes, prop)
    _triples(reader, who, _ACTOR_PROPS, data)
    sources = _objects(data, found | wholes, records.P_SOURCE)
    for i in range(0, len(sources), BATCH):
        chunk = sorted(sources)[i : i + BATCH]
        where = f"{values('?w', chunk)} ?s dct:isVersionOf ?w"
        sources |= {str(s) for (s,) in reader.rows("?s", where) if isinstance(s, URIRef)}
    _triples(reader, sources, _SOURCE_PROPS, data)
    snap = read_snapshot(ds)

    def read_words(iris: Collection[str]) -> Graph:
        """The words of the statements ``iris`` and of their sources, in one query."""
        words = Graph()
        srcs = {s for r in snap.records if r.iri in iris for s in r.sources}
        _triples(reader, set(iris) | srcs, _WORD_PROPS + _SOURCE_WORDS, words)
        return words

    return replace(snap, origin=None, read_words=read_words)
