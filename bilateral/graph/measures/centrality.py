"""Centrality of actors (or statements) in a projection: one DataFrame row per node.

NetworkX is the reference implementation. For graphs above ``AUTO_THRESHOLD`` nodes
the heavy measures (betweenness, closeness, eigenvector, PageRank) run on igraph,
scaled to give the same numbers as NetworkX.

Degrees count ties, i.e. statements (parallel edges count); betweenness and
closeness use the simple directed graph (closeness on incoming distances, with the
Wasserman-Faust scaling for disconnected graphs, as NetworkX does); eigenvector
centrality uses the undirected graph weighted by the number of statements, unit
Euclidean norm; PageRank (damping 0.85) uses the directed graph weighted by the
number of statements.

>>> import networkx as nx
>>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("a", "b")])
>>> measures(G, ["degree", "betweenness"])["betweenness"].round(3).to_dict()
{'a': 0.0, 'b': 0.5, 'c': 0.0}
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING

import networkx as nx

from bilateral.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["AUTO_THRESHOLD", "MEASURES", "centrality", "measures", "simple_graphs", "values"]

MEASURES = (
    "degree",
    "in_degree",
    "out_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
)
HEAVY = {"betweenness", "closeness", "eigenvector", "pagerank"}
AUTO_THRESHOLD = 2000
APPROX_THRESHOLD = 50_000  # above this, betweenness is estimated from sampled sources
APPROX_SAMPLES = 500


def simple_graphs(G: nx.MultiDiGraph) -> tuple[nx.DiGraph, nx.Graph]:
    """The directed and undirected simple graphs, weighted by edge multiplicity."""
    D = nx.DiGraph()
    D.add_nodes_from(G.nodes)
    U = nx.Graph()
    U.add_nodes_from(G.nodes)
    for a, b in G.edges():
        if a == b:
            continue
        D.add_edge(a, b, weight=D[a][b]["weight"] + 1 if D.has_edge(a, b) else 1)
        U.add_edge(a, b, weight=U[a][b]["weight"] + 1 if U.has_edge(a, b) else 1)
    return D, U


def _networkx(G: nx.MultiDiGraph, wanted: set[str]) -> dict[str, dict[str, float]]:
    D, U = simple_graphs(G)
    out: dict[str, dict[str, float]] = {}
    if "betweenness" in wanted:
        out["betweenness"] = nx.betweenness_centrality(D)
    if "closeness" in wanted:
        out["closeness"] = nx.closeness_centrality(D)
    if "eigenvector" in wanted:
        out["eigenvector"] = _eigenvector_nx(U)
    if "pagerank" in wanted:
        out["pagerank"] = (
            nx.pagerank(D, alpha=0.85, weight="weight", tol=1e-10, max_iter=1000) if len(D) else {}
        )
    return out


def _eigenvector_nx(U: nx.Graph) -> dict[str, float]:
    if U.number_of_edges() == 0:
        return dict.fromkeys(U, 0.0)
    try:
        return nx.eigenvector_centrality(U, weight="weight", max_iter=1000, tol=1e-10)
    except nx.PowerIterationFailedConvergence:
        return nx.eigenvector_centrality_numpy(U, weight="weight")


def _igraph(
    G: nx.MultiDiGraph, wanted: set[str], *, samples: int | None = None, seed: int = 7
) -> dict[str, dict[str, float]]:
    """The heavy measures on igraph, built straight from G's edges (weights: multiplicity).

    ``samples`` estimates betweenness from that many random source nodes (Brandes &
    Pich 2007), scaled by n / samples; exact when None.
    """
    from bilateral.graph.measures.backend import igraph

    ig = igraph()
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    n = len(nodes)
    edges: list[tuple[int, int]] = []
    weights: list[int] = []
    for u, nbrs in G._adj.items():  # adjacency directly: one entry per (u, v) pair
        iu = index[u]
        for v, keys in nbrs.items():
            if v != u:
                edges.append((iu, index[v]))
                weights.append(len(keys))
    gd = ig.Graph(n=n, edges=edges, directed=True)
    gd.es["weight"] = weights
    out: dict[str, dict[str, float]] = {}
    if "betweenness" in wanted:
        scale = 1.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
        if samples is not None and samples < n:
            import random

            sources = random.Random(seed).sample(range(n), samples)
            raw = gd.betweenness(directed=True, sources=sources)
            scale *= n / samples
        else:
            raw = gd.betweenness(directed=True)
        out["betweenness"] = {nodes[i]: v * scale for i, v in enumerate(raw)}
    if "closeness" in wanted:
        out["closeness"] = _closeness_ig(gd, nodes)
    if "eigenvector" in wanted:
        gu = gd.as_undirected(mode="collapse", combine_edges={"weight": "sum"})
        if gu.ecount() == 0:
            out["eigenvector"] = dict.fromkeys(nodes, 0.0)
        else:
            with warnings.catch_warnings():  # igraph warns on disconnected graphs, as nx does not
                warnings.simplefilter("ignore", RuntimeWarning)
                vals = gu.eigenvector_centrality(scale=True, weights="weight")
            norm = sum(v * v for v in vals) ** 0.5 or 1.0
            out["eigenvector"] = {nodes[i]: v / norm for i, v in enumerate(vals)}
    if "pagerank" in wanted:
        pr = gd.pagerank(directed=True, damping=0.85, weights="weight") if n else []
        out["pagerank"] = {nodes[i]: v for i, v in enumerate(pr)}
    return out


def _closeness_ig(gd: object, nodes: list[str]) -> dict[str, float]:
    """NetworkX's closeness (incoming distances, WF-improved) from igraph BFS."""
    from bilateral.graph.measures.backend import igraph

    ig = igraph()

    assert isinstance(gd, ig.Graph)
    n = len(nodes)
    out = {}
    if n <= 1:
        return dict.fromkeys(nodes, 0.0)
    raw = gd.closeness(mode="in", normalized=True)
    reach = gd.neighborhood_size(order=n, mode="in")
    for i, v in enumerate(nodes):
        r = reach[i] - 1
        c = raw[i]
        out[v] = 0.0 if r <= 0 or c != c else c * r / (n - 1)
    return out


def values(G: nx.MultiDiGraph, measure: str, *, backend: str = "auto") -> dict[str, float]:
    """One measure as a plain dict (no pandas), e.g. for sizing nodes in a drawing."""
    if measure == "degree":
        return dict(G.degree())
    if measure == "in_degree":
        return dict(G.in_degree())
    if measure == "out_degree":
        return dict(G.out_degree())
    if measure not in HEAVY:
        raise InputError(f"unknown measure {measure!r}; use: {', '.join(MEASURES)}")
    use_igraph = backend == "igraph" or (backend == "auto" and G.number_of_nodes() > AUTO_THRESHOLD)
    return (_igraph if use_igraph else _networkx)(G, {measure})[measure]


def measures(
    G: nx.MultiDiGraph,
    which: Sequence[str] = MEASURES,
    *,
    backend: str = "auto",
    betweenness_samples: int | None = None,
) -> pd.DataFrame:
    """Compute the ``which`` measures for every node of ``G`` (index: node).

    ``backend`` is ``"networkx"``, ``"igraph"`` or ``"auto"`` (igraph above
    ``AUTO_THRESHOLD`` nodes when it is installed). ``betweenness_samples`` turns on the
    sampled (approximate) betweenness on igraph; by default it is used automatically
    above ``APPROX_THRESHOLD`` nodes with ``APPROX_SAMPLES`` sources (error measured in
    ``benchmarks/RESULTS.md``).
    """
    import pandas as pd

    wanted = set(which)
    unknown = wanted - set(MEASURES)
    if unknown:
        raise InputError(f"unknown measure {sorted(unknown)[0]!r}; use: {', '.join(MEASURES)}")
    if backend not in ("auto", "networkx", "igraph"):
        raise InputError(f"unknown backend {backend!r}; use auto, networkx or igraph")
    if backend == "auto":
        backend = "networkx"
        if G.number_of_nodes() > AUTO_THRESHOLD:
            try:
                from bilateral.graph.measures.backend import igraph

                igraph()

                backend = "igraph"
            except ImportError:
                pass
    cols: dict[str, dict[str, float]] = {}
    if "degree" in wanted:
        cols["degree"] = dict(G.degree())
    if "in_degree" in wanted:
        cols["in_degree"] = dict(G.in_degree())
    if "out_degree" in wanted:
        cols["out_degree"] = dict(G.out_degree())
    heavy = wanted & HEAVY
    if betweenness_samples is None and G.number_of_nodes() > APPROX_THRESHOLD:
        betweenness_samples = APPROX_SAMPLES
    if heavy and backend == "igraph":
        cols.update(_igraph(G, heavy, samples=betweenness_samples))
    elif heavy:
        cols.update(_networkx(G, heavy))
    frame = pd.DataFrame({m: pd.Series(cols[m], dtype=float) for m in MEASURES if m in cols})
    frame = frame.reindex(list(G.nodes)).fillna(0.0)
    for m in HEAVY & set(frame.columns):
        frame.loc[frame[m].abs() < 1e-12, m] = 0.0  # power-iteration dust on other components
    for m in ("degree", "in_degree", "out_degree"):
        if m in frame:
            frame[m] = frame[m].astype(int)
    return frame


def centrality(
    g: object | None = None,
    *,
    measure: str = "all",
    view: str = "actors",
    types: Sequence[str] | None = None,
    domains: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    as_of: object = None,
    start: object = None,
    end: object = None,
    rollup: bool = False,
    top: int | None = None,
    backend: str = "auto",
    data: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    weaken: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Centrality table of the projection: iri, label, class and each measure.

    Rows are sorted by the chosen measure (PageRank for ``"all"``), highest first.
    ``as_of``/``start``/``end`` take dates or ``YYYY[-MM[-DD]]`` strings. ``exclude``
    drops statements or actors by IRI; ``weaken`` multiplies statement weights (both
    for scenarios).

    >>> df = centrality(measure="degree", top=3)
    >>> list(df.columns)
    ['iri', 'label', 'class', 'degree']
    """
    from rdflib import Graph

    from bilateral.graph.measures.project import Slice, project_records
    from bilateral.graph.measures.records import read_all
    from bilateral.graph.source.load import load

    if measure != "all" and measure.replace("-", "_") not in MEASURES:
        raise InputError(f"unknown measure {measure!r}; use all or: {', '.join(MEASURES)}")
    rdf = g if isinstance(g, Graph) else load(data)
    recs, known = read_all(rdf, detail=False)
    if weaken:
        recs = [r.weakened(weaken[r.iri]) if r.iri in weaken else r for r in recs]
    when = Slice.parse(as_of, start, end)
    G = project_records(
        recs,
        known,
        view=view,
        rollup=rollup,
        kinds=kinds,
        domains=domains,
        types=types,
        when=when,
        exclude=exclude,
    )
    which = list(MEASURES) if measure == "all" else [measure.replace("-", "_")]
    frame = measures(G, which, backend=backend)
    frame.insert(0, "class", [G.nodes[n].get("cls", "") for n in frame.index])
    frame.insert(0, "label", [G.nodes[n].get("label", "") for n in frame.index])
    frame.insert(0, "iri", list(frame.index))
    key = "pagerank" if measure == "all" else which[0]
    frame = frame.sort_values([key, "label"], ascending=[False, True]).reset_index(drop=True)
    return frame.head(top) if top is not None else frame
