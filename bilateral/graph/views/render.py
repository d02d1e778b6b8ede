"""Draw the graph as one self-contained, offline HTML file (vis-network inlined).

``render`` returns a ``GraphView``: nodes and edges as vis-network takes them, written
through our own template (``page.py``), because pyvis's template loads from CDNs and
switches to ``innerHTML`` for titles (pyvis issues #228, #229, #268). The page has a
Content-Security-Policy that forbids every remote load and allows only our two inline
scripts (by hash); all data is embedded as JSON and shown with ``textContent``. The
view shows itself inline in Jupyter and converts to a pyvis ``Network`` on request.

>>> view = render()
>>> len(view.nodes) > 10 and all("id" in n for n in view.nodes)
True
>>> view.to_pyvis().num_nodes() == len(view.nodes)
True
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from bilateral.graph.views.drawn import (
    Drawing,
    EdgeRow,
    PageEdge,
    PageNode,
    Positions,
    assemble,
    from_arrays,
    spread,
)
from bilateral.graph.views.page import PHYSICS_LIMIT, write_html

if TYPE_CHECKING:
    from pyvis.network import Network
    from rdflib import Graph

    from bilateral.graph.measures.records import Record
    from bilateral.graph.measures.snapshot import Snapshot

__all__ = [
    "GraphView",
    "arrays_path",
    "render",
    "write_html",
]


def _layout(G: nx.MultiDiGraph, seed: int = 7) -> Positions:
    """Positions for big graphs: igraph's grid Fruchterman-Reingold (``drawn.spread``, 0.2 s
    for 20 000 nodes), or NetworkX's spring layout where igraph is missing."""
    nodes = list(G.nodes)
    try:
        index = {v: i for i, v in enumerate(nodes)}
        return spread(nodes, sorted({(index[a], index[b]) for a, b in G.edges() if a != b}), seed)
    except ImportError:
        scale = max(600.0, 25.0 * len(nodes) ** 0.5)
        pos = nx.spring_layout(nx.Graph(G), seed=seed, iterations=50, scale=scale)
        return {v: (float(p[0]), float(p[1])) for v, p in pos.items()}


@dataclass
class GraphView:
    """The drawn graph: nodes and edges as vis-network takes them, and the page's data.

    ``save(path)`` writes one self-contained HTML file (vis-network inlined, a CSP that
    forbids every remote load, labels and quotes shown as text); in Jupyter the object
    displays itself inline (an ``<iframe srcdoc>`` holding that same page, sandboxed);
    ``to_pyvis()`` gives a complete ``pyvis.network.Network`` whose own methods work.
    """

    nodes: list[PageNode] = field(default_factory=list)
    edges: list[PageEdge] = field(default_factory=list)
    meta: dict[str, object] = field(default_factory=dict)

    @property
    def bilateral(self) -> dict[str, object]:
        """The page's data besides nodes and edges (title, statements, legend, ...)."""
        return self.meta

    def html(self) -> str:
        """The complete HTML page."""
        from bilateral.graph.views.page import html_document

        return html_document(self)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` atomically; return the path."""
        return write_html(self, path)

    def _repr_html_(self) -> str:
        """Inline in Jupyter: the same offline page in a sandboxed iframe (scripts run,
        with no access to the notebook and no network: the page's CSP still holds)."""
        import html as html_module

        return (
            '<iframe sandbox="allow-scripts" style="width:100%;height:640px;border:0" '
            f'title="{html_module.escape(str(self.meta.get("title", "bilateral graph")))}" '
            f'srcdoc="{html_module.escape(self.html(), quote=True)}"></iframe>'
        )

    def to_pyvis(self) -> Network:
        """A ``pyvis.network.Network`` with every node and edge added through pyvis's own
        methods (so ``num_nodes``, ``add_edge``... work). Labels go in as labels, never as
        HTML titles (pyvis shows titles as markup). Write it with ``save``, not with
        pyvis's ``write_html``, which loads vis-network from a CDN."""
        from pyvis.network import Network

        net = Network(directed=True, height="750px", width="100%", cdn_resources="in_line")
        for n in self.nodes:
            extra = {k: n[k] for k in ("x", "y") if k in n}
            net.add_node(
                n["id"], label=n["label"], color=n["color"], shape=n["shape"], size=n["size"],
                group=n.get("cls"), physics="x" not in n, **extra,
            )  # fmt: skip
        for e in self.edges:
            net.add_edge(e["from"], e["to"], arrows="to" if e.get("directed", True) else "")
        return net


def _edges(G: nx.MultiDiGraph) -> Iterator[EdgeRow]:
    """The rows of every edge, without NetworkX's view machinery (hot loop)."""
    for u, nbrs in G._adj.items():
        for v, keys in nbrs.items():
            for a in keys.values():
                yield (
                    u, v, str(a.get("statement", f"{u}->{v}")), a.get("domains", ()),
                    a.get("start"), a.get("end"), a.get("directed", True), a,
                )  # fmt: skip


def _drawing(G: nx.MultiDiGraph, size_key: str, ends: list[str] | None, view: str) -> Drawing:
    """The drawing of a NetworkX projection (sizes: ``centrality.values``)."""
    from bilateral.graph.measures.centrality import dyad_part, values

    part = dyad_part(G, ends) if ends and size_key == "eigenvector" else None
    rows = G.nodes(data=True)
    nodes = ((n, a.get("label", n), a.get("classes", ()), a.get("cls", "")) for n, a in rows)
    return Drawing(
        nodes, _edges(G), G.number_of_nodes(), G.number_of_edges(), G.graph.get("view", view),
        values(G, size_key, part=part) if size_key != "none" and len(G) else {},
        G.nodes if G.graph.get("view") == "full" else (),
    )  # fmt: skip


def arrays_path(graph: nx.MultiDiGraph | None, focus: str | None, view: str) -> bool:
    """Whether ``render`` draws from the edge arrays (``drawn.from_arrays``): for the
    actors view of a snapshot, without ``focus``, when igraph (the big graphs' sizes and
    layout) is installed. The rest goes through a NetworkX projection."""
    from importlib.util import find_spec

    return graph is None and focus is None and view == "actors" and bool(find_spec("igraph"))


def render(
    g: Graph | Snapshot | None = None,
    *,
    view: str = "actors",
    focus: str | None = None,
    depth: int = 1,
    domains: Sequence[str] | None = None,
    types: Sequence[str] | None = None,
    as_of: date | str | None = None,
    size_by: str | None = None,
    rollup: bool = False,
    title: str | None = None,
    data: Sequence[str] | None = None,
    graph: nx.MultiDiGraph | None = None,
    dyad: Sequence[str] | None = None,
) -> GraphView:
    """Build the interactive network: a ``GraphView`` to ``save`` as one offline HTML
    file, to show inline in Jupyter, or to hand to pyvis (``to_pyvis``).

    ``g`` is an rdflib graph or a ``Snapshot`` (one read without ``detail`` has the labels
    and quotes of its statements read again from its own graph). ``focus``
    keeps the neighbourhood of one actor up to ``depth`` steps; ``size_by`` is a
    centrality measure (default: the default ranking, eigenvector centrality on the
    main connected part, or the part that holds ``dyad``, two names, when given) or
    ``"none"``. Pass ``graph`` to draw a ready projection. The reading, the projection and
    the layout report their progress to whoever listens (``bilateral.progress``); the
    library prints nothing. The actors view of a snapshot is drawn from the projection's
    edge arrays (``drawn.from_arrays``; arrays already built from the same snapshot are
    used again), the rest from a NetworkX projection: the same page either way.
    """
    from bilateral.errors import InputError
    from bilateral.graph.measures.centrality import DEFAULT_RANKING, MEASURES
    from bilateral.graph.measures.project import Projection, Slice, induced, project
    from bilateral.graph.measures.snapshot import snapshot_of
    from bilateral.progress import listener

    progress = listener()
    size_by = size_by or DEFAULT_RANKING
    size_key = size_by.replace("-", "_")
    if size_key != "none" and size_key not in MEASURES:
        raise InputError(f"unknown size_by {size_by!r}; use none or: {', '.join(MEASURES)}")
    if depth < 0:
        raise InputError(f"depth must be 0 or more, not {depth}")
    recs: dict[str, Record] = {}
    ends: list[str] | None = None
    drawing = None
    if graph is None:
        snap = snapshot_of(g, data=data, detail=True)
        if dyad:
            ends = [snap.resolve(x) for x in dyad]
            if rollup:
                ends = [(snap.actors[e].country if e in snap.actors else None) or e for e in ends]
        recs = {r.iri: r for r in snap.records}
        if arrays_path(graph, focus, view):  # no NetworkX graph (2.3 s of 1M triples' 4.9)
            how = Projection(rollup=rollup, domains=domains, types=types, when=Slice.parse(as_of))
            drawing = from_arrays(snap, how, size_key, ends, progress)
        else:
            G = project(
                snap, view=view, rollup=rollup, domains=domains, types=types, as_of=as_of
            )  # fmt: skip
            if focus is not None:
                center = snap.resolve(focus)
                if center not in G:
                    raise InputError(f"{focus!r} has no ties in this view/slice")
                keep = nx.single_source_shortest_path_length(
                    G.to_undirected(as_view=True), center, cutoff=depth
                )
                G = induced(G, keep)
    else:
        G = graph
    if drawing is None:
        drawing = _drawing(G, size_key, ends, view)
    positions: Positions = {}
    if drawing.n_nodes > PHYSICS_LIMIT:
        if progress is not None:
            progress("layout", 0, 1)
        positions = drawing.layout() if drawing.layout is not None else _layout(G)
        if progress is not None:
            progress("layout", 1, 1)
    nodes, links, meta = assemble(drawing, recs, size_key, positions, (title, as_of, size_by))
    return GraphView(nodes, links, meta)
