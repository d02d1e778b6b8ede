"""Centrality measures of one NetworkX projection (the reference implementation).

Degrees count the distinct statements an actor takes part in (a statement between two
parties, or with several targets, counts once, whatever its direction); betweenness and
closeness use the simple directed graph (closeness on incoming distances,
Wasserman-Faust scaling for disconnected graphs, as NetworkX does); PageRank (damping
0.85) uses the directed graph weighted by the number of statements; eigenvector
centrality the undirected one with the statements' state ties (``ties.py``), on its
connected part that holds the dyad. NetworkX is
the reference; above ``AUTO_THRESHOLD`` nodes the heavy measures run on igraph
(``backend.py``), scaled to NetworkX's conventions.

>>> import networkx as nx
>>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("a", "b")])
>>> measures(G, ["degree", "betweenness"])["betweenness"].round(3).to_dict()
{'a': 0.0, 'b': 0.5, 'c': 0.0}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import networkx as nx

from bilateral.errors import InputError
from bilateral.graph.measures.backend import sampled_sources
from bilateral.graph.measures.table import frame
from bilateral.graph.measures.ties import state_ties
from bilateral.graph.measures.vocabulary import HEAVY, MEASURES

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AUTO_THRESHOLD",
    "degrees",
    "dyad_part",
    "measures",
    "pick_backend",
    "rank_sinks",
    "simple_graphs",
    "values",
]

AUTO_THRESHOLD = 2000


def simple_graphs(G: nx.MultiDiGraph) -> tuple[nx.DiGraph, nx.Graph]:
    """The directed simple graph of the statements and the undirected ranking graph,
    weighted by the number of statements.

    A statement that links two parties without direction appears as two edges in ``G``
    (``directed=False``); it counts once in the undirected graph. The undirected graph
    also holds the state ties of the statements (``ties.py``): what the default ranking
    and the dyad's part are computed on.
    """
    D = nx.DiGraph()
    D.add_nodes_from(G.nodes)
    U = nx.Graph()
    U.add_nodes_from(G.nodes)
    for a, b, directed in G.edges(data="directed", default=True):
        if a == b:
            continue
        D.add_edge(a, b, weight=D[a][b]["weight"] + 1 if D.has_edge(a, b) else 1)
        if directed is False and str(a) > str(b):
            continue  # the other direction of the same statement
        U.add_edge(a, b, weight=U[a][b]["weight"] + 1 if U.has_edge(a, b) else 1)
    for a, b in state_ties(G):
        U.add_edge(a, b, weight=U[a][b]["weight"] + 1 if U.has_edge(a, b) else 1)
    return D, U


def degrees(G: nx.MultiDiGraph, direction: str = "both") -> dict[str, int]:
    """How many distinct statements each node takes part in (``direction``: "both",
    "in" or "out"). In the actors view a statement with several targets, or between
    parties, gives several edges with the statement as key; it counts once. In the full
    view every edge is one role link of a statement node.

    >>> G = nx.MultiDiGraph(view="actors")
    >>> G.add_edges_from([("a", "b", "s"), ("a", "c", "s"), ("b", "a", "t"), ("a", "b", "t")])
    ['s', 's', 't', 't']
    >>> degrees(G), degrees(G, "out")
    ({'a': 2, 'b': 2, 'c': 1}, {'a': 2, 'b': 1, 'c': 0})
    """
    if G.graph.get("view", "actors") != "actors":
        view = {"both": G.degree, "in": G.in_degree, "out": G.out_degree}[direction]
        return dict(view())
    seen: dict[str, set[object]] = {n: set() for n in G}
    for u, v, k in G.edges(keys=True):
        if direction != "in":
            seen[u].add(k)
        if direction != "out":
            seen[v].add(k)
    return {n: len(s) for n, s in seen.items()}


def dyad_part(G: nx.MultiDiGraph, dyad: Sequence[str] | None = None) -> set[str]:
    """The connected part of the ranking graph (the statements and their state ties,
    ``ties.py``) that holds the dyad's first actor, or the largest part when no dyad is
    given."""
    ties = state_ties(G)
    if ties:
        H = nx.Graph()
        H.add_nodes_from(G)
        H.add_edges_from(G.edges())
        H.add_edges_from(ties)
        parts: list[set[str]] = [set(p) for p in nx.connected_components(H)]
    else:
        parts = [set(p) for p in nx.weakly_connected_components(G)] if len(G) else []
    if not parts:
        return set()
    if dyad:
        for part in parts:
            if dyad[0] in part:
                return set(part)
        return set()
    parts.sort(key=lambda p: (-len(p), min(p)))
    return parts[0]


def rank_sinks(G: nx.MultiDiGraph) -> list[list[str]]:
    """Closed groups of two or more nodes that directed PageRank cannot leave (strongly
    connected components with no edge out): they collect rank whatever their size."""
    D, _ = simple_graphs(G)
    cond = nx.condensation(D)
    return sorted(
        sorted(cond.nodes[c]["members"])
        for c in cond
        if cond.out_degree(c) == 0 and len(cond.nodes[c]["members"]) > 1
    )


def _networkx(
    G: nx.MultiDiGraph, wanted: set[str], *, part: set[str] | None = None
) -> dict[str, dict[str, float]]:
    D, U = simple_graphs(G)
    out: dict[str, dict[str, float]] = {}
    if "betweenness" in wanted:
        out["betweenness"] = nx.betweenness_centrality(D)
    if "closeness" in wanted:
        out["closeness"] = nx.closeness_centrality(D)
    if "eigenvector" in wanted:
        inside = _eigenvector_nx(U.subgraph(part) if part is not None else U)
        out["eigenvector"] = dict.fromkeys(U, 0.0) | inside
    if "pagerank" in wanted:
        out["pagerank"] = (
            nx.pagerank(D, alpha=0.85, weight="weight", tol=1e-10, max_iter=1000) if len(D) else {}
        )
    return out


def _eigenvector_nx(U: nx.Graph) -> dict[str, float]:
    if U.number_of_edges() == 0:
        return dict.fromkeys(U, 0.0)
    try:
        found = nx.eigenvector_centrality(U, weight="weight", max_iter=1000, tol=1e-10)
    except nx.PowerIterationFailedConvergence:
        found = nx.eigenvector_centrality_numpy(U, weight="weight")
    return {n: float(v) for n, v in found.items()}


def pick_backend(n: int, backend: str) -> str:
    """The backend that measures a projection of ``n`` nodes: igraph above
    ``AUTO_THRESHOLD`` nodes (when installed) for ``auto``."""
    if backend not in ("auto", "networkx", "igraph"):
        raise InputError(f"unknown backend {backend!r}; use auto, networkx or igraph")
    if backend == "auto":
        if n <= AUTO_THRESHOLD:
            return "networkx"
        try:
            from bilateral.graph.measures.backend import igraph

            igraph()
        except ImportError:
            return "networkx"
        return "igraph"
    return backend


def values(
    G: nx.MultiDiGraph,
    measure: str,
    *,
    backend: str = "auto",
    part: set[str] | None = None,
) -> dict[str, float]:
    """One measure as a plain dict (no pandas), e.g. for sizing nodes in a drawing.
    ``part`` limits eigenvector centrality to those nodes (default: the largest part)."""
    if measure == "degree":
        return {n: float(v) for n, v in degrees(G).items()}
    if measure in ("in_degree", "out_degree"):
        return {n: float(v) for n, v in degrees(G, measure[:-7]).items()}
    if measure not in HEAVY:
        raise InputError(f"unknown measure {measure!r}; use: {', '.join(MEASURES)}")
    if measure == "eigenvector" and part is None:
        part = dyad_part(G)
    if pick_backend(G.number_of_nodes(), backend) == "igraph":
        from bilateral.graph.measures.backend import heavy_measures

        return heavy_measures(G, {measure}, part=part)[measure]
    return _networkx(G, {measure}, part=part)[measure]


def measures(
    G: nx.MultiDiGraph,
    which: Sequence[str] = MEASURES,
    *,
    backend: str = "auto",
    betweenness_samples: int | None = None,
    part: set[str] | None = None,
) -> pd.DataFrame:
    """Compute the ``which`` measures for every node of ``G`` (index: node).

    ``backend`` is ``"networkx"``, ``"igraph"`` or ``"auto"`` (igraph above
    ``AUTO_THRESHOLD`` nodes when it is installed). ``betweenness_samples`` turns on the
    sampled (approximate) betweenness on igraph; by default it is used automatically
    above ``APPROX_THRESHOLD`` nodes with ``APPROX_SAMPLES`` sources (error measured in
    ``benchmarks/RESULTS.md``). ``part`` is where eigenvector centrality is computed
    (default: the largest connected part; nodes outside it get 0).
    """

    wanted = set(which)
    unknown = wanted - set(MEASURES)
    if unknown:
        raise InputError(f"unknown measure {sorted(unknown)[0]!r}; use: {', '.join(MEASURES)}")
    backend = pick_backend(G.number_of_nodes(), backend)
    if "eigenvector" in wanted and part is None:
        part = dyad_part(G)
    cols: dict[str, dict[str, float]] = {}
    if "degree" in wanted:
        cols["degree"] = {n: float(v) for n, v in degrees(G).items()}
    if "in_degree" in wanted:
        cols["in_degree"] = {n: float(v) for n, v in degrees(G, "in").items()}
    if "out_degree" in wanted:
        cols["out_degree"] = {n: float(v) for n, v in degrees(G, "out").items()}
    heavy = wanted & HEAVY
    samples = None  # NetworkX's betweenness is exact
    if heavy and backend == "igraph":
        from bilateral.graph.measures.backend import heavy_measures

        samples = sampled_sources(G.number_of_nodes(), betweenness_samples, heavy)
        cols.update(heavy_measures(G, heavy, samples=samples, part=part))
    elif heavy:
        cols.update(_networkx(G, heavy, part=part))
    return frame(cols, list(G.nodes), samples)
