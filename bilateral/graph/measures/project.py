"""Project statement records onto NetworkX graphs: the *actors* and the *full* view.

*actors*: each statement becomes edges between its participants (creditor → debtor,
lessor → lessee, dependent → provider, controller → controlled, agent → target and
agent → party, member → organisation, other parties → the ``bil:beneficiary`` of an
agreement; the parties of a statement that says nothing of direction are linked both
ways, marked ``directed=False``). *full*: each statement is a node of its own, linked
from its agents and to its targets. Every edge keeps the statement IRI, kind, domains,
dates, weight and sources. A node with a ``bil:country`` carries it (``country``): the
ranking ties it to its state (``ties.py``).

Statements with a negative status (not-done, denied, abandoned ...) are not ties and
are left out unless ``include_negative=True``. Time slices follow the two clocks of
``clock.py``.

>>> from bilateral.graph.source.load import load
>>> G = project(load(), rollup=True)
>>> russia = "https://w3id.org/bilateral/id/russia"
>>> any(d["statement"].endswith("/loan-2020-tranche-1") for *_, d in G.edges(russia, data=True))
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import permutations
from typing import TYPE_CHECKING, Any

import networkx as nx

from bilateral.errors import InputError
from bilateral.graph.measures.clock import Slice, in_slice
from bilateral.graph.measures.records import Actor, Record

if TYPE_CHECKING:
    from bilateral.graph.measures.snapshot import GraphLike

__all__ = [
    "Projection", "Slice", "edge_pairs", "in_slice", "induced", "kept", "project",
    "project_records", "record_edges",
]  # fmt: skip

VIEWS = ("actors", "full")
PROGRESS_EVERY = 20_000  # records between two progress calls


_DIRECTED = (
    ("creditor", "debtor"),
    ("lessor", "lessee"),
    ("member", "organization"),
    ("controller", "controlled"),
)


_DIRECTED_ALL = (*_DIRECTED, ("dependent", "provider"))


def edge_pairs(rec: Record) -> list[tuple[str, str, bool]]:
    """``(source, target, directed)`` actor pairs that a statement links."""
    r = rec.roles
    pairs: list[tuple[str, str, bool]] = []
    if "Alternatives" in rec.classes:  # the dependent and the options it has
        return [(x, y, True) for x in r.get("dependent", ()) for y in r.get("alternative", ())]
    for a, b in _DIRECTED_ALL:  # most statements have none of these: look before building
        xs, ys = r.get(a), r.get(b)
        if xs and ys:
            pairs += [(x, y, True) for x in xs for y in ys if x != y]
    agents = r.get("agent", ())
    if agents:
        targets, parties = r.get("target", ()), r.get("party", ())
        others = sorted({*targets, *parties}) if parties else sorted(set(targets))
        pairs += [(x, y, True) for x in agents for y in others if x != y]
    elif not pairs:
        undirected = sorted(set(r.get("party", ())) | set(r.get("target", ())))
        gainers = set(r.get("beneficiary", ()))
        if gainers:  # the data says who receives the flow
            pairs += [(x, y, True) for x in undirected for y in sorted(gainers) if x != y]
        else:
            pairs += [(x, y, False) for x, y in permutations(undirected, 2)]
    return pairs


def _edge_attrs(rec: Record, directed: bool) -> dict[str, Any]:
    weight = (rec.strength if rec.strength is not None else 1.0) * rec.confidence
    return {
        "statement": rec.iri,
        "label": rec.label,
        "kind": rec.kind,
        "classes": tuple(sorted(rec.classes)),
        "domains": rec.domains,
        "start": rec.start.isoformat() if rec.start else None,
        "end": rec.end.isoformat() if rec.end else None,
        "status": rec.status,
        "confidence": rec.confidence,
        "strength": rec.strength,
        "weight": weight * rec.weight_factor,
        "sources": rec.sources,
        "directed": directed,
    }


#: roles that a statement points to in the full view (the others point to it)
_INCOMING = frozenset(
    {"target", "debtor", "lessee", "provider", "organization", "controlled", "beneficiary"}
)


def _node(G: nx.MultiDiGraph, iri: str, known: dict[str, Actor]) -> None:
    if iri not in G:
        actor = known.get(iri)
        G.add_node(
            iri,
            label=actor.label if actor else iri.rsplit("/", 1)[-1],
            cls=actor.cls if actor else "Thing",
            classes=actor.classes if actor else frozenset(),
        )
        if actor is not None and actor.country is not None:  # the ranking's state ties
            G.nodes[iri]["country"] = actor.country


@dataclass(frozen=True)
class Projection:
    """What a projection keeps and how it links it: the options ``project_records`` and
    ``project_edges`` (``arrays.py``) share; ``project`` documents each one.

    ``exclude`` names actors and statements that give no edge. Either function takes a
    ``Projection``, or its fields as keywords (which override the one given).

    >>> p = Projection(view="full", kinds=["Loan"])
    >>> p.view, p.with_(rollup=True).rollup
    ('full', True)
    >>> Projection(view="nodes")
    Traceback (most recent call last):
    ...
    bilateral.errors.InputError: unknown view 'nodes'; use one of: actors, full
    """

    view: str = "actors"
    rollup: bool = False
    kinds: Sequence[str] | None = None
    domains: Sequence[str] | None = None
    types: Sequence[str] | None = None
    when: Slice | None = None
    include_negative: bool = False
    exclude: Iterable[str] = ()

    def __post_init__(self) -> None:
        if self.view not in VIEWS:
            raise InputError(f"unknown view {self.view!r}; use one of: {', '.join(VIEWS)}")
        if self.when is not None and self.when.all_time:  # keeps everything: equal to None
            object.__setattr__(self, "when", None)

    def with_(self, **changes: Any) -> Projection:
        """This projection with the fields named in ``changes`` replaced (an unknown name
        is a ``TypeError``)."""
        return replace(self, **changes) if changes else self

    def country(self, known: dict[str, Actor]) -> dict[str, str]:
        """With ``rollup``, the state each known actor rolls up to; else nothing."""
        return {iri: a.country for iri, a in known.items() if a.country} if self.rollup else {}


def kept(recs: Iterable[Record], projection: Projection) -> Iterator[Record]:
    """The records a projection keeps: of its ``kinds``, in its ``domains``, in its slice
    ``when``, not negative (unless ``include_negative``) and not in ``exclude``."""
    p = projection
    excluded = set(p.exclude)
    kind_set = set(p.kinds) if p.kinds else None
    domain_set = set(p.domains) if p.domains else None
    for rec in recs:
        if rec.iri in excluded or (rec.negative and not p.include_negative):
            continue
        if kind_set and not (kind_set & rec.classes):
            continue
        if domain_set and not domain_set.intersection(rec.domains):
            continue
        if p.when is not None and not in_slice(rec, p.when):
            continue
        yield rec


def record_edges(
    rec: Record, view: str, excluded: set[str], country: dict[str, str]
) -> Iterator[tuple[str, str, str, bool]]:
    """The edges one statement gives, as ``(u, v, key, directed)``: in the actors view
    its actor pairs (``edge_pairs``, rolled up by ``country``, no self-loops), keyed by
    the statement; in the full view a link from each participant (to it, for roles in
    ``_INCOMING``) keyed by the role, and ``about`` links to what it is about. Members
    in ``excluded`` give no edge. NetworkX and the edge arrays both project from here."""
    if view == "actors":
        for a, b, directed in edge_pairs(rec):
            if a in excluded or b in excluded:
                continue
            a, b = country.get(a, a), country.get(b, b)
            if a != b:
                yield a, b, rec.iri, directed
        return
    for role, members in rec.roles.items():
        for m in members:
            if m not in excluded:
                m = country.get(m, m)
                if role in _INCOMING:
                    yield rec.iri, m, role, True
                else:
                    yield m, rec.iri, role, True
    for o in rec.others:
        if o not in excluded:
            yield rec.iri, o, "about", True


def project_records(
    recs: Iterable[Record],
    known: dict[str, Actor],
    projection: Projection | None = None,
    *,
    progress: Callable[[str, int, int], None] | None = None,
    **changes: Any,
) -> nx.MultiDiGraph:
    """Build the projection from records: ``projection`` (default: ``Projection()``) with
    the ``Projection`` fields given as keywords in ``changes`` (see ``project``)."""
    p = (projection or Projection()).with_(**changes)
    excluded = set(p.exclude)
    G = nx.MultiDiGraph(view=p.view, rollup=p.rollup)
    country = p.country(known)
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    add = edges.append

    records = list(recs)
    for i, rec in enumerate(kept(records, p)):
        if progress is not None and i % PROGRESS_EVERY == 0:
            progress("projecting", i, len(records))
        if p.view == "actors":
            attrs: dict[bool, dict[str, Any]] = {}
            for a, b, key, directed in record_edges(rec, p.view, excluded, country):
                shared = attrs.get(directed)
                if shared is None:
                    shared = attrs[directed] = _edge_attrs(rec, directed)
                add((a, b, key, shared))
        else:
            G.add_node(rec.iri, label=rec.label, cls=rec.kind, classes=rec.classes)
            base = _edge_attrs(rec, True)
            for u, v, role, _ in record_edges(rec, p.view, excluded, country):
                add((u, v, role, base | {"role": role}))
    for u, v, _, _ in edges:
        if u not in G:
            _node(G, u, known)
        if v not in G:
            _node(G, v, known)
    G.add_edges_from(edges)
    if progress is not None:
        progress("projecting", len(records), len(records))
    if p.types:
        wanted = set(p.types)
        keep = [n for n, d in G.nodes(data=True) if wanted & set(d.get("classes", ()))]
        G = induced(G, keep)
    return G


def induced(G: nx.MultiDiGraph, keep: Iterable[Any]) -> nx.MultiDiGraph:
    """A new graph of the nodes in ``keep`` and the edges between them, in G's order.

    ``nx.MultiDiGraph(G.subgraph(keep))`` walks the kept nodes in the order of a set
    when it keeps fewer than half of them, an order that changes with PYTHONHASHSEED.

    >>> G = nx.MultiDiGraph([("c", "a"), ("b", "c"), ("a", "b")], view="actors")
    >>> H = induced(G, {"a", "b"})
    >>> list(H), list(H.edges), H.graph
    (['a', 'b'], [('a', 'b', 0)], {'view': 'actors'})
    """
    inside = set(keep)
    H = nx.MultiDiGraph(**G.graph)
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n in inside)
    H.add_edges_from(
        (u, v, k, d)
        for u, nbrs in G.adjacency()
        if u in inside
        for v, keys in nbrs.items()
        if v in inside
        for k, d in keys.items()
    )
    return H


def project(
    g: GraphLike | None = None,
    *,
    view: str = "actors",
    rollup: bool = False,
    kinds: Sequence[str] | None = None,
    domains: Sequence[str] | None = None,
    types: Sequence[str] | None = None,
    as_of: date | str | None = None,
    start: date | str | None = None,
    end: date | str | None = None,
    undated: bool = False,
    include_negative: bool = False,
    detail: bool = True,
    data: Sequence[str] | None = None,
) -> nx.MultiDiGraph:
    """Project the graph onto a NetworkX ``MultiDiGraph``.

    Parameters
    ----------
    g : an rdflib graph or a ``Snapshot`` (default: ``data`` or the bundled data)
    view : "actors" or "full"
    rollup : map every actor with a ``bil:country`` onto that state
    kinds : keep statements of these classes (subclasses included), e.g. ``["Loan"]``
    domains : keep statements in these domains, e.g. ``["energy"]``
    types : keep only nodes of these classes, e.g. ``["State"]``
    as_of, start, end, undated : the time slice (see ``clock.Slice``); dates or
        ``YYYY[-MM[-DD]]`` strings; ``undated`` also keeps, in a dated slice, the
        statements that hold at no known time (no date, no dated source)
    include_negative : also project statements that say something did not happen
    detail : keep statement labels on the edges (``False`` reads less: faster on big
        stores); a ``Snapshot`` given as ``g`` is used as it was read

    The projecting reports its progress to whoever listens (``bilateral.progress``);
    the library prints nothing itself.
    """
    from bilateral.graph.measures.snapshot import Snapshot, snapshot_of
    from bilateral.progress import listener

    snap = g if isinstance(g, Snapshot) and not data else snapshot_of(g, data=data, detail=detail)
    when = Slice.parse(as_of, start, end, undated)
    how = Projection(view, rollup, kinds, domains, types, when, include_negative)
    return project_records(snap.records, snap.actors, how, progress=listener())
