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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from bilateral.graph.views.page import PHYSICS_LIMIT, write_html
from bilateral.graph.views.styles import DOMAIN_COLORS, OTHER_COLOR, style

__all__ = ["GraphView", "render", "write_html"]


def _year(value: str | None) -> int | None:
    return date.fromisoformat(value).year if value else None


def _layout(G: nx.MultiDiGraph, seed: int = 7) -> dict[Any, tuple[float, float]]:
    """Positions for big graphs: igraph's grid Fruchterman-Reingold (0.2 s for 20 000
    nodes), or NetworkX's spring layout where igraph is missing."""
    n = G.number_of_nodes()
    nodes = list(G.nodes)
    scale = max(600.0, 25.0 * n**0.5)
    try:
        import random

        from bilateral.graph.measures.backend import igraph

        ig = igraph()
        index = {v: i for i, v in enumerate(nodes)}
        simple = sorted({(index[a], index[b]) for a, b in G.edges() if a != b})
        gi = ig.Graph(n=n, edges=simple)
        state = random.getstate()  # python-igraph draws from `random`: seed it, then restore
        random.seed(seed)
        try:
            coords = gi.layout_fruchterman_reingold(grid=n > 1000, niter=60).coords
        finally:
            random.setstate(state)
        xs = [c[0] for c in coords] or [0.0]
        ys = [c[1] for c in coords] or [0.0]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        k = 2 * scale / span
        return {nodes[i]: (c[0] * k, c[1] * k) for i, c in enumerate(coords)}
    except ImportError:
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

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def bilateral(self) -> dict[str, Any]:
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

    def to_pyvis(self) -> Any:
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


def _edges(G: nx.MultiDiGraph) -> Any:
    """(u, v, attrs) of every edge, without NetworkX's view machinery (hot loop)."""
    for u, nbrs in G._adj.items():
        for v, keys in nbrs.items():
            for attrs in keys.values():
                yield u, v, attrs


def render(
    g: Any = None,
    *,
    view: str = "actors",
    focus: str | None = None,
    depth: int = 1,
    domains: Sequence[str] | None = None,
    types: Sequence[str] | None = None,
    as_of: Any = None,
    size_by: str | None = None,
    rollup: bool = False,
    title: str | None = None,
    data: Sequence[str] | None = None,
    graph: nx.MultiDiGraph | None = None,
    dyad: Sequence[str] | None = None,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> Any:
    """Build the interactive network: a ``GraphView`` to ``save`` as one offline HTML
    file, to show inline in Jupyter, or to hand to pyvis (``to_pyvis``).

    ``g`` is an rdflib graph or a ``Snapshot`` read with ``detail=True``. ``focus``
    keeps the neighbourhood of one actor up to ``depth`` steps; ``size_by`` is a
    centrality measure (default: the default ranking, eigenvector centrality on the
    main connected part, or the part that holds ``dyad``, two names, when given) or
    ``"none"``. Pass ``graph`` to draw a ready projection. ``progress(step, done,
    total)`` hears of the projection and the layout (total None: no count); the library
    prints nothing.
    """
    from bilateral.errors import InputError
    from bilateral.graph.measures.centrality import DEFAULT_RANKING, MEASURES, dyad_part
    from bilateral.graph.measures.centrality import values as measure_values
    from bilateral.graph.measures.project import project
    from bilateral.graph.measures.snapshot import snapshot_of

    size_by = size_by or DEFAULT_RANKING
    size_key = size_by.replace("-", "_")
    if size_key != "none" and size_key not in MEASURES:
        raise InputError(f"unknown --size-by {size_by!r}; use none or: {', '.join(MEASURES)}")
    if depth < 0:
        raise InputError("--depth must be 0 or more")
    recs: dict[str, Any] = {}
    ends: list[str] | None = None
    if graph is None:
        snap = snapshot_of(g, data=data, detail=True, progress=progress)
        if dyad:
            ends = [snap.resolve(x) for x in dyad]
            if rollup:
                ends = [(snap.actors[e].country if e in snap.actors else None) or e for e in ends]
        recs = {r.iri: r for r in snap.records}
        G = project(
            snap, view=view, rollup=rollup, domains=domains, types=types, as_of=as_of,
            progress=progress,
        )  # fmt: skip
        if focus is not None:
            center = snap.resolve(focus)
            if center not in G:
                raise InputError(f"{focus!r} has no ties in this view/slice")
            keep = nx.single_source_shortest_path_length(
                G.to_undirected(as_view=True), center, cutoff=depth
            )
            G = nx.MultiDiGraph(G.subgraph(keep))
    else:
        G = graph
    part = dyad_part(G, ends) if ends and size_key == "eigenvector" else None
    values = measure_values(G, size_key, part=part) if size_key != "none" and len(G) else {}
    top = max(values.values(), default=0.0) or 1.0
    positions: dict[Any, tuple[float, float]] = {}
    if G.number_of_nodes() > PHYSICS_LIMIT:
        if progress is not None:
            progress("layout", 0, None)
        positions = _layout(G)
        if progress is not None:
            progress("layout", 1, 1)

    net = GraphView()
    class_count: dict[str, int] = {}
    class_color: dict[str, str] = {}
    for node, attrs in G.nodes(data=True):
        group, color, shape = style(attrs.get("classes", ()), attrs.get("cls", ""))
        class_count[group] = class_count.get(group, 0) + 1
        class_color[group] = color
        value = float(values.get(node, 0.0))
        entry: dict[str, Any] = {
            "id": str(node),
            "label": str(attrs.get("label", node)),
            "cls": group,
            "color": color,
            "shape": shape,
            "size": round(8 + 30 * (value / top), 2) if values else 12,
            "measures": {size_key: round(value, 6)} if values else {},
        }
        if node in positions:
            entry["x"], entry["y"] = round(positions[node][0], 2), round(positions[node][1], 2)
        net.nodes.append(entry)
    net.edges = []
    domain_count: dict[str, int] = {}
    table = _StatementTable()
    years: set[int] = set()
    year_of: dict[str, int] = {}  # ISO date string -> year, parsed once
    append = net.edges.append
    for u, v, attrs in _edges(G):
        doms = list(attrs.get("domains", ()))
        for d in doms or ("none",):
            domain_count[d] = domain_count.get(d, 0) + 1
        start, end = attrs.get("start"), attrs.get("end")
        y0 = y1 = None
        if start:
            y0 = year_of.get(start) or year_of.setdefault(start, _year(start) or 0)
            years.add(y0)
        if end:
            y1 = year_of.get(end) or year_of.setdefault(end, _year(end) or 0)
            years.add(y1)
        iri = str(attrs.get("statement", f"{u}->{v}"))
        index = table.index.get(iri)
        if index is None:
            index = table.add(iri, attrs, recs.get(iri))
        edge: dict[str, Any] = {"from": str(u), "to": str(v), "s": index, "domains": doms}
        if y0 is not None:
            edge["y0"] = y0
        if y1 is not None:
            edge["y1"] = y1
        if not attrs.get("directed", True):
            edge["directed"] = False
        append(edge)
    if G.graph.get("view") == "full":
        for node in G.nodes:
            if node in recs and node not in table.index:
                table.add(node, {}, recs[node])
    lo, hi = (min(years), max(years)) if years else (date.today().year, date.today().year)
    n_nodes, n_edges = G.number_of_nodes(), G.number_of_edges()
    net.meta = {
        "title": title or "bilateral graph",
        "subtitle": f"{n_nodes} nodes · {n_edges} edges · view {G.graph.get('view', view)}"
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
    return net


def _when(start: str | None, end: str | None) -> str:
    if start and end and start != end:
        return f"{start} – {end}"
    if start:
        return start if end else f"from {start}"
    if end:
        return f"until {end}"
    return "undated"


class _StatementTable:
    """Statement details in columns (one list per field): compact JSON, fast to build."""

    FIELDS = (
        "iri",
        "label",
        "kind",
        "when",
        "status",
        "domains",
        "hedge",
        "confidence",
        "strength",
        "sources",
        "quotes",
        "comment",
    )

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.columns: dict[str, list[Any]] = {f: [] for f in self.FIELDS}

    def add(self, iri: str, attrs: dict[str, Any], rec: Any) -> int:
        c = self.columns
        self.index[iri] = len(c["iri"])
        c["iri"].append(iri)
        if rec is None:  # a ready projection: everything comes from the edge attributes
            get = attrs.get
            c["label"].append(str(get("label", iri)))
            c["kind"].append(str(get("kind", "")))
            c["when"].append(_when(get("start"), get("end")))
            c["status"].append(get("status") or "")
            c["domains"].append(list(get("domains", ())))
            c["hedge"].append("")
            c["confidence"].append(get("confidence", 1.0))
            c["strength"].append(get("strength"))
            c["sources"].append(list(get("sources", ())))
            c["quotes"].append(list(get("quotes", ())))
            c["comment"].append("")
        else:
            c["label"].append(rec.label)
            c["kind"].append(rec.kind)
            c["when"].append(
                _when(
                    rec.start.isoformat() if rec.start else None,
                    rec.end.isoformat() if rec.end else None,
                )
            )
            c["status"].append(rec.status or "")
            c["domains"].append(list(rec.domains))
            c["hedge"].append(rec.extra.get("hedge", ""))
            c["confidence"].append(rec.confidence)
            c["strength"].append(rec.strength)
            c["sources"].append(list(rec.sources))
            c["quotes"].append(list(rec.quotes))
            c["comment"].append(rec.extra.get("comment", ""))
        return self.index[iri]

    def info(self, iri: str) -> dict[str, Any]:
        """One statement's fields as a dict."""
        i = self.index[iri]
        return {f: self.columns[f][i] for f in self.FIELDS}
