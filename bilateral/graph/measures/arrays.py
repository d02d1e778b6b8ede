"""The projection as integer arrays: the edges of ``project_records`` straight from the
records, for the compiled measures (igraph), without building a NetworkX graph.

Nodes are numbered in the order NetworkX adds them; ``src``/``dst`` hold one entry per
edge of the multigraph (one per pair of actors a statement links), ``directed`` whether
the statement gives the direction. ``centrality`` works on these arrays above
``AUTO_THRESHOLD`` nodes; the NetworkX projection (``project``) stays for the API that
returns a graph, and tests check that both give the same numbers.

>>> from bilateral.graph.measures.project import project_records
>>> from bilateral.graph.measures.snapshot import read_snapshot
>>> snap = read_snapshot()
>>> E = project_edges(snap.records, snap.actors)
>>> G = project_records(snap.records, snap.actors)
>>> (E.n, len(E.src)) == (G.number_of_nodes(), G.number_of_edges())
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from bilateral.graph.measures.nogc import gc_paused
from bilateral.graph.measures.project import PROGRESS_EVERY, Projection, kept, record_edges
from bilateral.graph.measures.recordtypes import Actor, Record
from bilateral.graph.measures.ties import array_ties

if TYPE_CHECKING:
    from bilateral.graph.measures.snapshot import Snapshot

__all__ = ["Edges", "Progress", "edges_of", "project_edges"]

#: ``progress(step, done, total)``: ``step`` has done ``done`` of ``total`` (a step that
#: cannot count reports 0 then 1 of 1), the convention of ``validate``; the library
#: itself prints nothing
Progress = Callable[[str, int, int], None]


@dataclass
class Edges:
    """A projection as arrays: node IRIs, labels, classes, each node's state (``state``:
    the number of its ``bil:country`` when that is a node, else -1), one row per edge."""

    nodes: list[str]
    labels: list[str]
    cls: list[str]
    classes: list[frozenset[str]]
    src: np.ndarray
    dst: np.ndarray
    directed: np.ndarray
    statement: np.ndarray  # the number of the statement (record) each edge comes from
    view: str = "actors"
    projection: Projection | None = None  # the options ``project_edges`` was given
    state: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    _ties: tuple[np.ndarray, np.ndarray] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def n(self) -> int:
        """The number of nodes."""
        return len(self.nodes)

    def degrees(self, direction: str = "both") -> np.ndarray:
        """Distinct statements each node takes part in (``direction``: "both", "in" or
        "out"), as ``centrality.degrees`` counts them: in the actors view a statement
        that gives a node several edges counts once; in the full view every edge is one
        role link."""
        ends = {"out": [self.src], "in": [self.dst], "both": [self.src, self.dst]}[direction]
        node = np.concatenate(ends)
        if self.view == "actors":  # one count per (node, statement)
            stmt = np.concatenate([self.statement] * len(ends))
            node = np.unique(node * (int(self.statement.max(initial=0)) + 1) + stmt)
            node //= int(self.statement.max(initial=0)) + 1
        return np.bincount(node, minlength=self.n)

    def ties(self) -> tuple[np.ndarray, np.ndarray]:
        """The state ties of the ranking projection (``ties.py``), as two arrays of node
        numbers, one entry per statement and tie (computed once)."""
        if self._ties is None:
            state = self.state if len(self.state) == self.n else np.full(self.n, -1)
            self._ties = array_ties(self.src, self.dst, self.statement, state, view=self.view)
        return self._ties

    def _components(
        self, connection: str, edges: np.ndarray | None = None, *, ties: bool = False
    ) -> np.ndarray:
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        keep = slice(None) if edges is None else edges
        src, dst = self.src[keep], self.dst[keep]
        if ties:  # the ranking projection's parts: the state ties join them too
            lo, hi = self.ties()
            src, dst = np.concatenate([src, lo]), np.concatenate([dst, hi])
        adj = coo_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(self.n, self.n))
        labels: np.ndarray = connected_components(adj, directed=True, connection=connection)[1]
        return labels

    def part(self, first: str | None = None) -> set[str]:
        """The connected part of the ranking projection (the statements and their state
        ties, ``ties.py``) that holds ``first``, or the largest part (ties: the one with
        the smallest IRI), as ``centrality.dyad_part``."""
        if not self.n:
            return set()
        labels = self._components("weak", ties=True)
        if first is not None:
            try:
                at = self.nodes.index(first)
            except ValueError:
                return set()
            return {v for v, c in zip(self.nodes, labels, strict=True) if c == labels[at]}
        parts: dict[int, list[str]] = {}
        for v, c in zip(self.nodes, labels.tolist(), strict=True):
            parts.setdefault(c, []).append(v)

        ranked = sorted((-len(p), min(p), c) for c, p in parts.items())
        return set(parts[ranked[0][2]])

    def rank_sinks(self) -> list[list[str]]:
        """Closed groups of two or more nodes (strongly connected, no edge out), as
        ``centrality.rank_sinks`` finds them."""
        if not self.n:
            return []
        moves = self.src != self.dst
        comp = self._components("strong", moves)
        leaves = comp[self.src[moves]] != comp[self.dst[moves]]
        has_exit = set(comp[self.src[moves][leaves]].tolist())
        members: dict[int, list[str]] = {}
        for v, c in zip(self.nodes, comp.tolist(), strict=True):
            members.setdefault(c, []).append(v)
        return sorted(sorted(m) for c, m in members.items() if c not in has_exit and len(m) > 1)


class _Nodes:
    """Node numbering in the order NetworkX would add the nodes, with their attributes."""

    def __init__(self, known: dict[str, Actor]) -> None:
        self.known = known
        self.index: dict[str, int] = {}
        self.labels: list[str] = []
        self.cls: list[str] = []
        self.classes: list[frozenset[str]] = []

    def add(self, iri: str, label: str, cls: str, classes: frozenset[str]) -> None:
        at = self.index.get(iri)
        if at is None:
            self.index[iri] = len(self.labels)
            self.labels.append(label)
            self.cls.append(cls)
            self.classes.append(classes)
        else:  # as G.add_node on a node that exists: the attributes are replaced
            self.labels[at], self.cls[at], self.classes[at] = label, cls, classes

    def endpoint(self, iri: str) -> int:
        at = self.index.get(iri)
        if at is None:
            actor = self.known.get(iri)
            if actor is not None:
                self.add(iri, actor.label, actor.cls, actor.classes)
            else:
                self.add(iri, iri.rsplit("/", 1)[-1], "Thing", frozenset())
            at = self.index[iri]
        return at


@gc_paused()  # a tuple per edge, no cycles (``measures/nogc.py``)
def project_edges(
    recs: Iterable[Record],
    known: dict[str, Actor],
    projection: Projection | None = None,
    *,
    progress: Progress | None = None,
    **changes: object,
) -> Edges:
    """The edges ``project_records`` would build, as arrays (same arguments: a
    ``Projection`` and/or its fields as keywords)."""
    p = (projection or Projection()).with_(**changes)
    view, excluded, country = p.view, set(p.exclude), p.country(known)
    records = list(recs)
    edges: list[tuple[str, str, bool]] = []
    numbers: list[int] = []  # the statement of each edge
    add = edges.append
    nodes = _Nodes(known)
    for i, rec in enumerate(kept(records, p)):
        if progress is not None and i % PROGRESS_EVERY == 0:
            progress("projecting", i, len(records))
        # NetworkX keys the edges (by statement; in the full view by role): an edge
        # that a statement gives twice (two roles, or two actors of one state) is one
        if view != "actors":
            nodes.add(rec.iri, rec.label, rec.kind, rec.classes)
        seen: set[tuple[str, str, str]] = set()
        for u, v, key, directed in record_edges(rec, view, excluded, country):
            if (u, v, key) not in seen:
                seen.add((u, v, key))
                add((u, v, directed))
                numbers.append(i)
    index, endpoint = nodes.index, nodes.endpoint
    us, vs = [], []  # numbered as NetworkX adds them: u, then v, edge after edge
    for u, v, _ in edges:
        at = index.get(u)
        us.append(at if at is not None else endpoint(u))
        at = index.get(v)
        vs.append(at if at is not None else endpoint(v))
    src, dst = np.array(us, dtype=np.int64), np.array(vs, dtype=np.int64)
    how = np.fromiter((d for *_, d in edges), dtype=bool, count=len(edges))
    stmt = np.array(numbers, dtype=np.int64)
    out = Edges(
        list(nodes.index), nodes.labels, nodes.cls, nodes.classes, src, dst, how, stmt, view,
        state=_states(list(nodes.index), index, known),
    )  # fmt: skip
    if progress is not None:
        progress("projecting", len(records), len(records))
    out = _only(out, p.types) if p.types else out
    out.projection = p
    return out


def edges_of(
    snap: Snapshot, projection: Projection, ready: Edges | None = None, *,
    progress: Progress | None = None,
) -> Edges:  # fmt: skip
    """The edge arrays of ``projection`` of the snapshot ``snap``: ``ready`` when it was
    built with that projection (else ``ValueError``), the ones built for ``snap`` before
    (kept in ``snap.built``: the report's centrality and drawing share them), or built now."""
    if ready is None:
        found = next((E for E in snap.built if E.projection == projection), None)
        if found is not None:
            return found
        ready = project_edges(snap.records, snap.actors, projection, progress=progress)
        snap.built.append(ready)
        return ready
    if ready.projection != projection:
        raise ValueError(f"these edge arrays are of another projection: {ready.projection}")
    return ready


def _states(nodes: list[str], index: dict[str, int], known: dict[str, Actor]) -> np.ndarray:
    """Each node's state (``bil:country``) as a node number, -1 when it has none or its
    state is not a node (``project_records`` gives the nodes a ``country``)."""
    out = np.full(len(nodes), -1, dtype=np.int64)
    for i, iri in enumerate(nodes):
        actor = known.get(iri)
        if actor is not None and actor.country is not None:
            out[i] = index.get(actor.country, -1)
    out[out == np.arange(len(nodes))] = -1  # a state is not its own organ
    return out


def _only(E: Edges, types: Sequence[str]) -> Edges:
    """The subgraph of nodes whose classes meet ``types`` (edges between them)."""
    wanted = set(types)
    keep = np.array([bool(wanted & c) for c in E.classes], dtype=bool)
    new = np.cumsum(keep) - 1
    inside = keep[E.src] & keep[E.dst]
    idx = np.flatnonzero(keep).tolist()
    return Edges(
        [E.nodes[i] for i in idx],
        [E.labels[i] for i in idx],
        [E.cls[i] for i in idx],
        [E.classes[i] for i in idx],
        new[E.src[inside]],
        new[E.dst[inside]],
        E.directed[inside],
        E.statement[inside],
        E.view,
        state=_kept_states(E.state, keep, new),
    )


def _kept_states(state: np.ndarray, keep: np.ndarray, new: np.ndarray) -> np.ndarray:
    """``state`` for the kept nodes, renumbered; -1 where the state is not kept."""
    if len(state) != len(keep):
        return np.zeros(0, dtype=np.int64)
    at = np.maximum(state, 0)
    kept: np.ndarray = np.where((state >= 0) & keep[at], new[at], -1)[keep].astype(np.int64)
    return kept
