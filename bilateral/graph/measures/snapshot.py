"""A snapshot of the graph, read once per command: every measure is a function of it.

Statements, actors, the domain scheme, the scenarios and the name index are read in a
few bulk passes (``graph.source.read``); centrality, dependence, the yearly series,
scenarios, comparisons, the report and the HTML then work on the snapshot and never go
back to the triples.

>>> snap = read_snapshot()
>>> snap.resolve("minsk"), "energy" in snap.domains
('https://w3id.org/bilateral/id/belarus', True)
>>> snap.scenarios["https://w3id.org/bilateral/id/scenario-west-crisis-escalation"].confidence
0.5
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Any, TypeAlias

from rdflib import SKOS, Graph
from rdflib.namespace import DCTERMS

from bilateral.compat import graph_first
from bilateral.errors import InputError, UnknownNameError
from bilateral.graph.measures import clock
from bilateral.graph.measures.nogc import gc_paused
from bilateral.graph.measures.records import (
    ACTOR_PROPS,
    Actor,
    Column,
    Record,
    actors,
    read_columns,
    statements,
)
from bilateral.graph.source.handle import StoreHandle
from bilateral.graph.source.inputs import graph_of
from bilateral.graph.source.read import RDFS_LABEL, props, schema, types
from bilateral.graph.source.resolve import NameIndex
from bilateral.ontology.vocab import BID, BIL, Schema, local
from bilateral.progress import tell

if TYPE_CHECKING:
    from datetime import date

    from bilateral.graph.measures.arrays import Edges

__all__ = ["GraphLike", "ScenarioDef", "Snapshot", "rdf_of", "read_snapshot", "snapshot_of"]

DEFAULT_WEAKENING = 0.5
_ALT = str(SKOS.altLabel)
_IN_SCHEME = str(SKOS.inScheme)
_ISSUED = str(DCTERMS.issued)
_VERSION_OF = str(DCTERMS.isVersionOf)
_SCENARIO_PROPS = [BIL + "removes", BIL + "weakens", BIL + "weakeningFactor", BIL + "hedge"]


@dataclass(frozen=True)
class ScenarioDef:
    """A ``bil:Scenario`` of the data: what it removes and weakens, how sure the source is."""

    iri: str
    label: str
    removes: tuple[str, ...]
    weakens: dict[str, float]
    confidence: float
    about: tuple[str, ...]
    hedge: str | None = None


@dataclass
class Snapshot:
    """Everything the measures read from a graph."""

    records: list[Record]
    actors: dict[str, Actor]
    domains: list[str]
    schema: Schema
    names: NameIndex
    scenarios: dict[str, ScenarioDef] = field(default_factory=dict)
    detail: bool = False
    #: the period each dated source was issued in (``dct:issued``; ``clock.periods``)
    sources: dict[str, clock.Period] = field(default_factory=dict)
    #: the graph this snapshot was read from, when it can still be had (``None``: gone),
    #: so that a snapshot read without detail can be read again with it
    origin: Callable[[], Graph | None] | None = field(default=None, repr=False, compare=False)
    #: reads the graph that holds the words of the given statements (labels, hedges,
    #: quotes, sources: ``words.words_of``) when ``origin`` has not got them, as a
    #: snapshot read from a server for one dyad (``graph.remote.dyad``); ``None``: origin
    read_words: Callable[[Collection[str]], Graph] | None = field(
        default=None, repr=False, compare=False
    )
    #: projections' edge arrays built from this snapshot (``arrays.edges_of``); a copy
    #: made with ``dataclasses.replace`` starts without them
    built: list[Edges] = field(default_factory=list, init=False, repr=False, compare=False)

    def resolve(self, name: str) -> str:
        """The IRI a user's name (slug, ``bid:`` name, IRI, label, alias) refers to."""
        return self.names.resolve(name)

    def label(self, iri: str) -> str:
        """An actor's label, or the local name of anything else."""
        actor = self.actors.get(iri)
        return actor.label if actor else local(iri)

    def scenario(self, name: str) -> ScenarioDef:
        """A named scenario of the data."""
        iri = self.resolve(name)
        if iri not in self.scenarios:
            raise UnknownNameError(f"{name!r} is not a bil:Scenario")
        return self.scenarios[iri]

    def known_by(self, day: date | str | None) -> Snapshot:
        """This snapshot as it was known on ``day`` (a date or ``YYYY[-MM[-DD]]``, a
        partial date meaning its last day): only statements with a source issued by
        then, each dated by those sources alone (``clock.known_by``)."""
        from bilateral.graph.source.resolve import parse_date

        when = parse_date(day, what="known_by", end_of_period=True)
        if when is None:
            return self
        return replace(self, records=clock.known_by(self.records, self.sources, when))

    @property
    def kinds(self) -> set[str]:
        """Local names of every statement kind the ontology knows."""
        return {local(c) for c in self.schema.subclasses(BIL + "Statement")}


#: what every measure accepts as the graph: an rdflib graph or dataset, a snapshot,
#: or an open store (``bilateral.open_store``)
GraphLike: TypeAlias = Graph | StoreHandle | Snapshot


def _domains(g: Any) -> list[str]:
    scheme = BIL + "Domains"
    return sorted(local(s) for s, d in props(g, [_IN_SCHEME]).items() if scheme in d[_IN_SCHEME])


def _check_unit_values(records: list[Record]) -> None:
    """Confidences, strengths and substitutabilities are in [0, 1]; ``validate`` says so
    too, but the measures must not compute with a confidence of 7 or NaN unvalidated."""
    for rec in records:
        for name, value in (
            ("confidence", rec.confidence),
            ("strength", rec.strength),
            ("substitutability", rec.substitutability),
        ):
            if value is not None and not 0.0 <= value <= 1.0:
                what = "not a number" if value != value else f"{value!r}, outside 0..1"
                raise InputError(f"{rec.iri}: bil:{name} is {what} (run bilateral validate)")


def _scenarios(g: Any, records: list[Record]) -> dict[str, ScenarioDef]:
    nodes = {r.iri: r for r in records if "Scenario" in r.classes}
    if not nodes:
        return {}
    read = props(g, [*_SCENARIO_PROPS, RDFS_LABEL])
    out = {}
    for iri, rec in nodes.items():
        p = read.get(iri, {})
        factor = p.get(BIL + "weakeningFactor")
        try:
            weight = float(factor[0]) if factor else DEFAULT_WEAKENING
        except ValueError:
            raise InputError(f"{iri}: bil:weakeningFactor is not a number") from None
        if not 0.0 <= weight <= 1.0:
            raise InputError(
                f"{iri}: bil:weakeningFactor {weight!r} is outside 0..1 (it multiplies "
                "the strength of what the scenario weakens)"
            )
        out[iri] = ScenarioDef(
            iri=iri,
            label=(p.get(RDFS_LABEL) or [local(iri)])[0],
            removes=tuple(sorted(p.get(BIL + "removes", ()))),
            weakens=dict.fromkeys(sorted(p.get(BIL + "weakens", ())), weight),
            confidence=rec.confidence,
            about=rec.others,
            hedge=next(iter(p.get(BIL + "hedge", ())), None),
        )
    return out


def _names(cols: dict[str, Column]) -> dict[str, list[str]]:
    """Labels then aliases of every subject with a label, alias or country."""
    out = {s: list(vals) for s, vals in cols[RDFS_LABEL].items()}
    for s, vals in cols[_ALT].items():
        out.setdefault(s, []).extend(vals)
    for s in cols[ACTOR_PROPS[1]].first:
        out.setdefault(s, [])
    return out


class _LazyNames(NameIndex):
    """The name index of a snapshot: the entities at once, the table of labels and
    aliases on first use (a slug, a ``bid:`` name or an IRI needs only the entities;
    building the table costs ~0.5 s on a million triples)."""

    def __init__(self, cols: dict[str, Column], typed: dict[str, set[str]]) -> None:
        self._cols: dict[str, Column] | None = cols
        self._table: dict[str, set[str]] = {}
        named = (cols[RDFS_LABEL].first, cols[_ALT].first, cols[ACTOR_PROPS[1]].first)
        entities = {e for e in typed if e.startswith(BID)}
        for subjects in named:
            entities.update(s for s in subjects if s.startswith(BID))
        super().__init__(entities=entities)

    @property
    def names(self) -> dict[str, set[str]]:
        """Casefolded label or alias → the entities it names."""
        if self._cols is not None:
            cols, self._cols = self._cols, None
            self._table = NameIndex.build(_names(cols)).names
        return self._table

    @names.setter
    def names(self, value: dict[str, set[str]]) -> None:
        self._table = value


def _store_graph(path: object) -> dict[str, object]:
    return {"g": graph_of(store=str(path))}


@graph_first(
    keywords={"store": ("call read_snapshot(bilateral.open_store(path))", _store_graph)},
    new="read_snapshot(g)",
)
def read_snapshot(
    g: GraphLike | None = None,
    *,
    data: Sequence[str] | None = None,
    detail: bool = False,
) -> Snapshot:
    """Read the snapshot of ``g`` (an rdflib graph or an open store; ``None``: ``data``,
    or the bundled data).

    ``detail=True`` also reads labels, quotes, comments and hedges of the statements
    (the report and the HTML show them; they read them themselves when the snapshot
    has none). The progress of the four parts of the reading goes to whoever listens
    (``bilateral.progress.reporting``); the library prints nothing.
    """
    return snapshot_of(g, data=data, detail=detail)


def _read(
    g: Any,
    *,
    data: Sequence[str] | None,
    store: str | os.PathLike[str] | None,
    detail: bool,
) -> Snapshot:
    tell("reading", 0, 4)
    rdf = graph_of(g, data=data, store=store)
    typed = types(rdf)
    hierarchy = schema(rdf)
    tell("reading", 1, 4)
    cols = read_columns(rdf, [*ACTOR_PROPS, _ALT, _ISSUED, _VERSION_OF])
    tell("reading", 2, 4)
    sources = clock.periods(cols[_ISSUED].items(), cols[_VERSION_OF].items())
    spans = {s: (p.start, p.end) for s, p in sources.items()}
    records = statements(rdf, detail=detail, schema=hierarchy, types=typed, periods=spans)
    _check_unit_values(records)
    tell("reading", 3, 4)
    snap = Snapshot(
        records=records,
        actors=actors(rdf, schema=hierarchy, types=typed, cols=cols),
        domains=_domains(rdf),
        schema=hierarchy,
        names=_LazyNames(cols, typed),
        scenarios=_scenarios(rdf, records),
        detail=detail,
        sources=sources,
        origin=_origin(rdf, g, data, store),
    )
    tell("reading", 4, 4)
    return snap


def _origin(
    rdf: Graph, g: object, data: Sequence[str] | None, store: str | os.PathLike[str] | None
) -> Callable[[], Graph | None] | None:
    """How to get ``rdf`` back later without keeping it alive: the caller's own graph
    while the caller keeps it (a weak reference), else by reading ``data`` or ``store``
    again (``None``: standard input cannot be read twice)."""
    if g is not None:
        return weakref.ref(rdf)
    if data and "-" in data:
        return None
    return partial(graph_of, data=list(data) if data else None, store=store)


def snapshot_of(
    source: object = None,
    *,
    data: Sequence[str] | None = None,
    store: str | os.PathLike[str] | None = None,
    detail: bool = False,
) -> Snapshot:
    """``source`` itself when it is a snapshot (with detail if asked: read from its own
    graph when it was read without), else a new one."""
    if isinstance(source, Snapshot):
        if data or store is not None:
            raise InputError("give a snapshot, data files or a store, not several")
        if source.detail or not detail:
            return source
        rdf = source.origin() if source.origin is not None else None
        if rdf is None:
            raise InputError(
                "this needs a snapshot read with detail=True (the graph it was read from is gone)"
            )
        return _with_detail(source, rdf)
    with gc_paused():  # millions of small objects, no cycles (``measures/nogc.py``)
        return _read(source, data=data, store=store, detail=detail)


def _with_detail(snap: Snapshot, rdf: Any) -> Snapshot:
    """``snap`` with the labels, quotes, comments, hedges and amounts of its statements, read
    from ``rdf`` (its records keep their dates: a ``known_by`` snapshot stays one)."""
    found = {r.iri: r for r in statements(rdf, detail=True, schema=snap.schema)}
    records = [
        replace(r, label=d.label, quotes=d.quotes, extra=d.extra)
        if (d := found.get(r.iri)) is not None
        else r
        for r in snap.records
    ]
    return replace(snap, records=records, detail=True)


def rdf_of(g: GraphLike | None = None, *, data: Sequence[str] | None = None) -> Graph:
    """The rdflib graph behind ``g``: ``g`` itself, an open store's, or the graph a
    ``Snapshot`` was read from (``None``: ``data``, or the bundled data)."""
    if not isinstance(g, Snapshot):
        rdf: Graph = graph_of(g, data=data)
        return rdf
    if data:
        raise InputError("give a snapshot or data files, not both")
    got = g.origin() if g.origin is not None else None
    if got is None:
        raise InputError("the graph this snapshot was read from is gone: pass the graph itself")
    return got
