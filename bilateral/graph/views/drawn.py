"""What ``render`` draws, from either projection: rows of nodes and edges, sizes and
positions (a ``Drawing``), and the page's data made from them (``assemble``).

``render`` builds a ``Drawing`` from a NetworkX projection, or, for the actors view of
a snapshot, straight from the projection's edge arrays (``from_arrays``: no NetworkX
graph, sizes from igraph on big graphs as ``centrality`` computes them). Both give the
same rows in the same order, so the page is the same byte for byte.

>>> from bilateral.graph.measures.project import Projection
>>> from bilateral.graph.measures.snapshot import read_snapshot
>>> snap = read_snapshot(detail=True)
>>> drawing = from_arrays(snap, Projection(), "degree")
>>> nodes, edges, meta = assemble(drawing, {r.iri: r for r in snap.records})
>>> (len(nodes), len(edges)) == (drawing.n_nodes, drawing.n_edges)
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, TypedDict

import numpy as np

from bilateral.graph.views.page import PHYSICS_LIMIT
from bilateral.graph.views.statements import EdgeAttrs, StatementTable
from bilateral.graph.views.styles import DOMAIN_COLORS, OTHER_COLOR, style

if TYPE_CHECKING:
    import networkx as nx

    from bilateral.graph.measures.arrays import Edges
    from bilateral.graph.measures.project import Projection
    from bilateral.graph.measures.records import Record
    from bilateral.graph.measures.snapshot import Snapshot

__all__ = [
    "Drawing",
    "EdgeRow",
    "NodeRow",
    "PageEdge",
    "PageNode",
    "Positions",
    "StatementTable",
    "assemble",
    "from_arrays",
]

#: (node, label, classes, cls); nodes are IRIs
NodeRow = tuple[str, str, Sequence[str] | frozenset[str], str]
#: (u, v, statement iri, domains, start, end, directed, the edge's attributes); the
#: attributes fill the statement table when the statement has no record
EdgeRow = tuple[str, str, str, Iterable[str], str | None, str | None, bool, EdgeAttrs]
#: each node's place on the page, when Python lays the graph out
Positions = dict[str, tuple[float, float]]
Progress = Callable[[str, int, int], None]


class _PageNode(TypedDict):
    id: str
    label: str
    cls: str
    color: str
    shape: str
    size: float
    measures: dict[str, float]


class PageNode(_PageNode, total=False):
    """A node as vis-network and the page take it (``x``, ``y`` when laid out)."""

    x: float
    y: float


_PageEdge = TypedDict("_PageEdge", {"from": str, "to": str, "s": int, "domains": list[str]})


class PageEdge(_PageEdge, total=False):
    """An edge as the page takes it: its ends, its statement's row (``s``), its
    domains, its years and, for an undirected tie, ``directed: False``."""

    y0: int
    y1: int
    directed: bool


_COUNTS = {"degree": "both", "in_degree": "in", "out_degree": "out"}


@dataclass
class Drawing:
    """The projection as ``assemble`` reads it: node and edge rows in drawing order,
    the counts, the view's name, each node's size value, the statements that are
    nodes themselves (full view) and, if it has its own, how to lay it out."""

    nodes: Iterable[NodeRow]
    edges: Iterable[EdgeRow]
    n_nodes: int
    n_edges: int
    view: str
    values: dict[str, float] = field(default_factory=dict)
    extra: Iterable[str] = ()
    layout: Callable[[], Positions] | None = None


def spread(nodes: Sequence[str], simple: list[tuple[int, int]], seed: int = 7) -> Positions:
    """Positions from igraph's Fruchterman-Reingold layout (grid above 1000 nodes) of the
    simple edges ``simple`` (sorted distinct node-number pairs, no loops)."""
    from bilateral.graph.measures.backend import igraph, seeded

    n = len(nodes)
    scale = max(600.0, 25.0 * n**0.5)
    gi = igraph().Graph(n=n, edges=simple)
    with seeded(seed):  # python-igraph draws from `random`
        coords = gi.layout_fruchterman_reingold(grid=n > 1000, niter=60).coords
    xs = [c[0] for c in coords] or [0.0]
    ys = [c[1] for c in coords] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    k = 2 * scale / span
    return {nodes[i]: (c[0] * k, c[1] * k) for i, c in enumerate(coords)}


def adjacency_order(E: Edges) -> np.ndarray:
    """The edges in the order NetworkX's adjacency holds them: by source node, then by
    the first edge of the same (source, target) pair, then as projected."""
    if not len(E.src):
        return np.zeros(0, dtype=np.int64)
    _, first, pair = np.unique(E.src * E.n + E.dst, return_index=True, return_inverse=True)
    return np.lexsort((first[pair.ravel()], E.src))  # stable: keys keep the projected order


def _network(E: Edges) -> nx.MultiDiGraph:
    """A NetworkX graph of the projection with only what the measures read (key: the
    statement, ``directed``; each node's ``country``). Edges added as projected give each
    node's successors in the order of the NetworkX projection, the order its measures
    walk."""
    import networkx as nx

    G = nx.MultiDiGraph(view=E.view)
    G.add_nodes_from(E.nodes)
    names = E.nodes
    for i, s in enumerate(E.state.tolist()):  # the ranking's state ties (measures/ties.py)
        if s >= 0:
            G.nodes[names[i]]["country"] = names[s]
    columns = (E.src, E.dst, E.statement, E.directed)
    G.add_edges_from(
        (names[u], names[v], s, {"directed": d})
        for u, v, s, d in zip(*(c.tolist() for c in columns), strict=True)
    )
    return G


def sizes(E: Edges, key: str, ends: Sequence[str] | None = None) -> dict[str, float]:
    """Each node's ``key`` measure (``"none"``: nothing), as ``render`` sizes nodes: the
    eigenvector on the part that holds ``ends[0]`` (else the largest part). Up to
    ``AUTO_THRESHOLD`` nodes NetworkX computes it as for a NetworkX projection (the same
    numbers to the last bit); above, igraph from the arrays, as ``centrality`` does."""
    from bilateral.graph.measures.backend import heavy_arrays
    from bilateral.graph.measures.graph_centrality import AUTO_THRESHOLD, dyad_part, values

    if key == "none" or not E.n:
        return {}
    if key in _COUNTS:
        return dict(zip(E.nodes, map(float, E.degrees(_COUNTS[key]).tolist()), strict=True))
    if E.n > AUTO_THRESHOLD:
        part = E.part(ends[0] if ends else None) if key == "eigenvector" else None
        ties = E.ties() if key == "eigenvector" else None
        return heavy_arrays(E.nodes, E.src, E.dst, E.directed, {key}, part=part, ties=ties)[key]
    G = _network(E)
    # as for a NetworkX projection, to the last bit (the part's set order included)
    part = dyad_part(G, ends) if ends and key == "eigenvector" else None
    return values(G, key, backend="networkx", part=part)


def from_arrays(
    snap: Snapshot,
    projection: Projection,
    size_key: str,
    ends: Sequence[str] | None = None,
    progress: Progress | None = None,
    *,
    edges: Edges | None = None,
    values: dict[str, float] | None = None,
) -> Drawing:
    """The drawing of ``projection`` (actors view) from the edge arrays, without a
    NetworkX projection. ``edges`` (``project_edges`` of that projection) and ``values``
    (``sizes`` of it) spare projecting and measuring again; the layout is ``render``'s."""
    from bilateral.graph.measures.arrays import edges_of
    from bilateral.graph.measures.project import kept

    if projection.view != "actors":
        raise ValueError("from_arrays draws the actors view only")
    E = edges_of(snap, projection, edges, progress=progress)
    order = adjacency_order(E)
    if values is None:
        values = sizes(E, size_key, ends)
    records = list(kept(snap.records, projection))
    return Drawing(
        zip(E.nodes, E.labels, E.classes, E.cls, strict=True),
        _edge_rows(E, order, records),
        E.n,
        len(E.src),
        E.view,
        values,
        layout=lambda: spread(E.nodes, _simple(E)),
    )


def _simple(E: Edges) -> list[tuple[int, int]]:
    """The distinct (source, target) node-number pairs of the edges, loops left out,
    sorted: the simple graph ``render`` lays out."""
    moves = E.src != E.dst
    pairs = np.unique(E.src[moves] * E.n + E.dst[moves])
    return list(zip((pairs // E.n).tolist(), (pairs % E.n).tolist(), strict=True))


def _edge_rows(E: Edges, order: np.ndarray, records: list[Record]) -> Iterable[EdgeRow]:
    """The edges as rows, in ``order``; each statement's fields read once."""
    names = E.nodes
    empty: EdgeAttrs = {}
    seen: dict[int, tuple[str, Iterable[str], str | None, str | None]] = {}
    columns = (E.src[order], E.dst[order], E.statement[order], E.directed[order])
    for u, v, s, d in zip(*(c.tolist() for c in columns), strict=True):
        row = seen.get(s)
        if row is None:
            rec = records[s]
            start, end = rec.start, rec.end
            row = seen[s] = (
                rec.iri, rec.domains,
                start.isoformat() if start else None, end.isoformat() if end else None,
            )  # fmt: skip
        yield names[u], names[v], row[0], row[1], row[2], row[3], d, empty


def _year(value: str) -> int:
    return date.fromisoformat(value).year


def assemble(
    drawing: Drawing,
    recs: Mapping[str, Record],
    size_key: str = "none",
    positions: Positions | None = None,
    header: tuple[str | None, object, str | None] = (None, None, None),
) -> tuple[list[PageNode], list[PageEdge], dict[str, object]]:
    """The page's nodes, edges and data from ``drawing``: ``recs`` are the records by
    IRI (the statement table's details), ``header`` the title, ``as_of`` and ``size_by``
    the subtitle names."""
    title, as_of, size_by = header
    values, positions = drawing.values, positions or {}
    top = max(values.values(), default=0.0) or 1.0
    nodes: list[PageNode] = []
    class_count: dict[str, int] = {}
    class_color: dict[str, str] = {}
    for node, label, classes, cls in drawing.nodes:
        group, color, shape = style(classes, cls)
        class_count[group] = class_count.get(group, 0) + 1
        class_color[group] = color
        value = float(values.get(node, 0.0))
        entry: PageNode = {
            "id": str(node),
            "label": str(label),
            "cls": group,
            "color": color,
            "shape": shape,
            "size": round(8 + 30 * (value / top), 2) if values else 12,
            "measures": {size_key: round(value, 6)} if values else {},
        }
        if node in positions:
            entry["x"], entry["y"] = round(positions[node][0], 2), round(positions[node][1], 2)
        nodes.append(entry)
    edges: list[PageEdge] = []
    domain_count: dict[str, int] = {}
    table = StatementTable()
    years: set[int] = set()
    year_of: dict[str, int] = {}  # ISO date string -> year, parsed once
    append = edges.append
    for u, v, iri, domains, start, end, directed, attrs in drawing.edges:
        doms = list(domains)
        for d in doms or ("none",):
            domain_count[d] = domain_count.get(d, 0) + 1
        y0 = y1 = None
        if start:
            y0 = year_of.get(start) or year_of.setdefault(start, _year(start))
            years.add(y0)
        if end:
            y1 = year_of.get(end) or year_of.setdefault(end, _year(end))
            years.add(y1)
        index = table.index.get(iri)
        if index is None:
            index = table.add(iri, attrs, recs.get(iri))
        edge: PageEdge = {"from": str(u), "to": str(v), "s": index, "domains": doms}
        if y0 is not None:
            edge["y0"] = y0
        if y1 is not None:
            edge["y1"] = y1
        if not directed:
            edge["directed"] = False
        append(edge)
    for node in drawing.extra:  # statements drawn as nodes (full view)
        if node in recs and node not in table.index:
            table.add(node, {}, recs[node])
    lo, hi = (min(years), max(years)) if years else (date.today().year, date.today().year)
    meta: dict[str, object] = {
        "title": title or "bilateral graph",
        "subtitle": f"{drawing.n_nodes} nodes · {drawing.n_edges} edges · view {drawing.view}"
        + (f" · as of {as_of}" if as_of else "")
        + (f" · size by {size_by}" if values else ""),
        "statements": table.columns,
        "years": [lo, hi],
        "physicsLimit": PHYSICS_LIMIT,
        "domainColors": DOMAIN_COLORS,
        "otherColor": OTHER_COLOR,
        "legend": {
            "classes": [
                {"name": c, "color": class_color[c], "count": n}
                for c, n in sorted(class_count.items(), key=lambda kv: (-kv[1], kv[0]))
            ],
            "domains": [
                {"name": d, "color": DOMAIN_COLORS.get(d, OTHER_COLOR), "count": n}
                for d, n in sorted(domain_count.items(), key=lambda kv: (-kv[1], kv[0]))
            ],
        },
    }
    return nodes, edges, meta
