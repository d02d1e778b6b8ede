"""Eigenvector centrality, PageRank and closeness on igraph graphs, in NetworkX's conventions."""

from __future__ import annotations

import warnings
from collections.abc import Collection, Sequence
from types import ModuleType
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "Clustering",
    "IgraphGraph",
    "in_closeness",
    "pairs",
    "reach_in",
    "spectral",
    "undirected",
]


class Clustering(Protocol):
    """The components igraph finds: the component of each vertex."""

    @property
    def membership(self) -> list[int]: ...


class IgraphGraph(Protocol):
    """What the measures call on an ``igraph.Graph`` (python-igraph ships no type hints)."""

    def vcount(self) -> int: ...
    def ecount(self) -> int: ...
    def is_directed(self) -> bool: ...
    def get_edgelist(self) -> list[tuple[int, int]]: ...
    def get_adjlist(self, mode: str = ...) -> list[list[int]]: ...
    def topological_sorting(self, mode: str = ...) -> list[int]: ...
    def connected_components(self, mode: str = ...) -> Clustering: ...
    def induced_subgraph(self, vertices: Sequence[int]) -> IgraphGraph: ...
    def betweenness(
        self, *, directed: bool = ..., sources: Sequence[int] | None = ...
    ) -> list[float]: ...
    def closeness(self, *, mode: str = ..., normalized: bool = ...) -> list[float]: ...
    def pagerank(
        self, *, directed: bool = ..., damping: float = ..., weights: str | None = ...
    ) -> list[float]: ...
    def eigenvector_centrality(
        self, *, scale: bool = ..., weights: str | None = ...
    ) -> list[float]: ...


Ints = NDArray[np.int64]


def pairs(n: int, src: Ints, dst: Ints) -> tuple[list[list[int]], list[int]]:
    """Distinct (src, dst) pairs and how many edges each stands for.

    >>> pairs(3, np.array([0, 0, 2]), np.array([1, 1, 0]))
    ([[0, 1], [2, 0]], [2, 1])
    """
    codes, counts = np.unique(src * n + dst, return_counts=True)
    found: list[list[int]] = np.column_stack((codes // n, codes % n)).tolist()
    many: list[int] = counts.tolist()
    return found, many


def spectral(
    out: dict[str, dict[str, float]], nodes: list[str], src: Ints, dst: Ints,
    directed: NDArray[np.bool_], wanted: Collection[str], part: Collection[str] | None,
    gd: IgraphGraph | None, ties: tuple[Ints, Ints] | None = None,
) -> None:  # fmt: skip
    """Eigenvector centrality (undirected, with the state ``ties``, on ``part``) and
    PageRank (on ``gd``) into ``out``. The caller holds ``backend.IGRAPH``."""
    from bilateral.graph.measures.backend import igraph, seeded

    n = len(nodes)
    if "eigenvector" in wanted:
        gu = undirected(nodes, src, dst, directed, igraph(), ties)
        keep = list(range(n))
        if part is not None:  # induced_subgraph keeps the vertices in index order: sort
            index = {v: i for i, v in enumerate(nodes)}
            keep = sorted(index[v] for v in part)
            gu = gu.induced_subgraph(keep)
        out["eigenvector"] = dict.fromkeys(nodes, 0.0)
        if gu.ecount():
            with warnings.catch_warnings(), seeded():  # ARPACK starts from random numbers
                warnings.simplefilter("ignore", RuntimeWarning)  # on disconnected graphs
                vals = gu.eigenvector_centrality(scale=True, weights="weight")
            norm = sum(v * v for v in vals) ** 0.5 or 1.0
            out["eigenvector"].update({nodes[k]: v / norm for k, v in zip(keep, vals, strict=True)})
    if gd is not None:  # PageRank
        pr = gd.pagerank(directed=True, damping=0.85, weights="weight") if n else []
        out["pagerank"] = {nodes[i]: v for i, v in enumerate(pr)}


def undirected(
    nodes: list[str], src: Ints, dst: Ints, directed: NDArray[np.bool_], ig: ModuleType,
    ties: tuple[Ints, Ints] | None = None,
) -> IgraphGraph:  # fmt: skip
    """The undirected graph weighted by statements between two nodes: a statement drawn
    both ways (``directed`` False) counts once, as in ``centrality.simple_graphs``; each
    state tie (``ties``: ``Edges.ties``) counts one more."""
    n = len(nodes)
    rank = np.empty(n, dtype=np.int64)
    rank[sorted(range(n), key=nodes.__getitem__)] = np.arange(n)
    twin = ~directed & (rank[src] > rank[dst])  # the other direction of the same statement
    keep = (src != dst) & ~twin
    lo = np.minimum(src[keep], dst[keep])
    hi = np.maximum(src[keep], dst[keep])
    if ties is not None and len(ties[0]):
        lo = np.concatenate([lo, np.minimum(*ties)])
        hi = np.concatenate([hi, np.maximum(*ties)])
    edges, weights = pairs(n, lo, hi)
    gu = ig.Graph(n=n, edges=edges, directed=False)
    gu.es["weight"] = weights
    made: IgraphGraph = gu
    return made


def in_closeness(
    gd: IgraphGraph,
    nodes: list[str],
    raw: Sequence[float] | NDArray[np.float64] | None = None,
    reach: Sequence[int] | NDArray[np.int64] | None = None,
) -> dict[str, float]:
    """NetworkX's closeness (incoming distances, WF-improved) from igraph BFS (``raw``:
    igraph's normalized incoming closeness, ``reach``: ``reach_in(gd)``, when already
    computed). The caller holds ``backend.IGRAPH``."""
    n = len(nodes)
    out = {}
    if n <= 1:
        return dict.fromkeys(nodes, 0.0)
    near = [float(c) for c in (gd.closeness(mode="in", normalized=True) if raw is None else raw)]
    reached = reach_in(gd) if reach is None else [int(r) for r in reach]
    for i, v in enumerate(nodes):
        r = reached[i] - 1
        c = near[i]
        out[v] = 0.0 if r <= 0 or c != c else c * r / (n - 1)
    return out


def reach_in(gd: IgraphGraph, chunk: int = 8192) -> list[int]:
    """How many nodes reach each node of the directed igraph graph ``gd`` (itself
    included): what ``neighborhood_size(order=n, mode="in")`` answers, without a second
    BFS from every node. The ancestors of each strongly connected component are
    gathered as bit sets along a topological order of the condensation, ``chunk`` nodes'
    bits at a time (memory: components × chunk / 8 bytes).

    >>> from bilateral.graph.measures.backend import igraph
    >>> ig = igraph()
    >>> reach_in(ig.Graph(n=5, edges=[(0, 1), (1, 0), (1, 2), (3, 2)], directed=True))
    [2, 2, 4, 1, 1]
    """
    from bilateral.graph.measures.backend import igraph

    n = gd.vcount()
    if n == 0:
        return []
    memb = np.asarray(gd.connected_components(mode="strong").membership, dtype=np.int64)
    k = int(memb.max()) + 1
    size = np.bincount(memb, minlength=k)
    start = np.concatenate(([0], np.cumsum(size)[:-1]))  # each component a run of bits
    edges = np.asarray(gd.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    cs, cd = memb[edges[:, 0]], memb[edges[:, 1]]
    cross = np.unique(cs[cs != cd] * k + cd[cs != cd])
    links = np.column_stack((cross // k, cross % k)).tolist()
    dag: IgraphGraph = igraph().Graph(n=k, edges=links, directed=True)
    order = dag.topological_sorting(mode="out")
    preds = dag.get_adjlist(mode="in")
    counts = np.zeros(k, dtype=np.int64)
    for lo in range(0, n, chunk):
        hi = lo + chunk
        bits = [0] * k
        for c in range(k):
            a, b = max(int(start[c]), lo), min(int(start[c] + size[c]), hi)
            if a < b:
                bits[c] = ((1 << (b - a)) - 1) << (a - lo)
        for c in order:
            acc = bits[c]
            for p in preds[c]:
                acc |= bits[p]
            bits[c] = acc
        counts += np.array([b.bit_count() for b in bits], dtype=np.int64)
    reached: list[int] = counts[memb].tolist()
    return reached
