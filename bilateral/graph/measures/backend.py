"""The compiled backend of the heavy centrality measures: igraph, scaled to NetworkX's
conventions (a test checks both agree to 1e-6).

``import igraph`` imports matplotlib when it is installed (0.4 s here), only to offer
plotting we never use. ``igraph()`` hides matplotlib during that import, so the
compiled measures and layouts start fast; matplotlib itself stays importable.

>>> ig = igraph()
>>> ig.Graph(n=3).vcount()
3
"""

from __future__ import annotations

import random
import sys
import threading
import warnings
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import TYPE_CHECKING, Any

import numpy as np

from bilateral.graph.measures.brandes import Pending, Searches, kernel, start
from bilateral.graph.measures.nogc import gc_paused

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "APPROX_SAMPLES",
    "APPROX_THRESHOLD",
    "graph_arrays",
    "heavy_arrays",
    "heavy_measures",
    "igraph",
    "IGRAPH",
    "reach_in",
    "seeded",
    "sampled_sources",
    "start_heavy",
]

APPROX_THRESHOLD = 50_000  # above this, betweenness is estimated from sampled sources
APPROX_SAMPLES = 500


def sampled_sources(n: int, asked: int | None = None, wanted: Collection[str] = ()) -> int | None:
    """Sources betweenness on ``n`` nodes is estimated from (``asked``, else ``APPROX_SAMPLES``
    above ``APPROX_THRESHOLD`` nodes); None when it is exact. With closeness ``wanted``
    and the compiled kernel, the search from every node that closeness needs gives exact
    betweenness in the same pass: then it is exact.

    >>> sampled_sources(1_000), sampled_sources(60_000), sampled_sources(300, asked=500)
    (None, 500, None)
    """
    if asked is None and n > APPROX_THRESHOLD:
        asked = APPROX_SAMPLES
    if asked is None or asked >= n:
        return None
    if "closeness" in wanted and "betweenness" in wanted and kernel() is not None:
        return None
    return asked


def igraph() -> ModuleType:
    """The ``igraph`` module (raises ImportError when it is not installed). The first
    call hides matplotlib from every thread for a moment: make it before starting
    threads that import matplotlib (``report`` does)."""
    if "igraph" in sys.modules:
        return sys.modules["igraph"]
    hide = "matplotlib" not in sys.modules
    if hide:
        sys.modules["matplotlib"] = None  # type: ignore[assignment]
    try:
        import igraph as ig
    finally:
        if hide:
            del sys.modules["matplotlib"]
    return ig


IGRAPH = threading.RLock()
"""Held around every use of igraph's C core, which is not thread-safe (its maintainers:
one error stack for the process) and calls back into Python (attributes, random
numbers), where another thread could start igraph work of its own. python-igraph also
installs its error, warning and random-number hooks only in the thread that imported
it: in any other thread an igraph error aborts the process (tested) instead of raising.
So bilateral runs igraph in the caller's thread only; the lock guards a caller's own
threads."""


@contextmanager
def seeded(seed: int = 7) -> Iterator[None]:
    """igraph's turn (``IGRAPH``), drawing its random numbers from Python's ``random``,
    seeded, and restored after. python-igraph makes ``random`` igraph's generator only
    in the thread that imported it (the C core's default generator is per thread); in
    any other thread igraph drew from its own, unseeded one, and a layout drawn there
    changed from run to run. So this sets ``random`` as the generator of the calling
    thread (a generator set by the caller with ``set_random_number_generator`` is
    replaced in that thread).

    >>> import random
    >>> with seeded(3):
    ...     a = random.random()
    >>> with seeded(3):
    ...     a == random.random()
    True
    """
    with IGRAPH:
        igraph().set_random_number_generator(random)  # for this thread
        state = random.getstate()
        random.seed(seed)
        try:
            yield
        finally:
            random.setstate(state)


@gc_paused()
def graph_arrays(G: nx.MultiDiGraph) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """G's nodes and its edges as arrays: sources, targets (node numbers) and whether the
    statement gives the direction (``directed`` is not False)."""
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    rows = [(index[u], index[v], d is not False) for u, v, d in G.edges(data="directed")]
    arr = np.array(rows, dtype=np.int64).reshape(-1, 3)
    return nodes, arr[:, 0], arr[:, 1], arr[:, 2].astype(bool)


def heavy_measures(
    G: nx.MultiDiGraph,
    wanted: set[str],
    *,
    samples: int | None = None,
    seed: int = 7,
    part: Collection[str] | None = None,
) -> dict[str, dict[str, float]]:
    """The heavy measures of G on igraph (see ``heavy_arrays``)."""
    return heavy_arrays(*graph_arrays(G), wanted, samples=samples, seed=seed, part=part)


def _pairs(n: int, src: np.ndarray, dst: np.ndarray) -> tuple[list[list[int]], list[int]]:
    """Distinct (src, dst) pairs and how many edges each stands for."""
    codes, counts = np.unique(src * n + dst, return_counts=True)
    return np.column_stack((codes // n, codes % n)).tolist(), counts.tolist()


def heavy_arrays(
    nodes: list[str],
    src: np.ndarray,
    dst: np.ndarray,
    directed: np.ndarray,
    wanted: set[str],
    *,
    samples: int | None = None,
    seed: int = 7,
    part: Collection[str] | None = None,
    workers: int | None = None,
) -> dict[str, dict[str, float]]:
    """The heavy measures on igraph from edge arrays (weights: multiplicity).

    ``samples`` estimates betweenness from that many random source nodes (Brandes &
    Pich 2007), scaled by n / samples; exact when None. ``part`` limits the
    eigenvector centrality to those nodes (the others get 0). Betweenness and closeness
    search in ``workers`` threads (``brandes.workers_for``: every core on big graphs);
    the numbers do not depend on it.
    """
    return start_heavy(
        nodes, src, dst, directed, wanted, samples=samples, seed=seed, part=part,
        workers=workers,
    ).result()  # fmt: skip


@gc_paused()
def start_heavy(
    nodes: list[str],
    src: np.ndarray,
    dst: np.ndarray,
    directed: np.ndarray,
    wanted: set[str],
    *,
    samples: int | None = None,
    seed: int = 7,
    part: Collection[str] | None = None,
    workers: int | None = None,
) -> Pending[dict[str, dict[str, float]]]:
    """``heavy_arrays`` begun: eigenvector and PageRank computed, the searches of
    betweenness and closeness started (``brandes.start``); ``result()`` waits for them
    and gives the measures, ``stop()`` ends them. Call both in the same thread, the one
    that imported igraph (``IGRAPH``); the caller may work in between.
    """
    with IGRAPH:
        ig = igraph()
        n = len(nodes)
        out: dict[str, dict[str, float]] = {}
        gd = None
        if wanted & {"betweenness", "closeness", "pagerank"}:  # the directed graph they walk
            moves = src != dst
            edges, weights = _pairs(n, src[moves], dst[moves])
            gd = ig.Graph(n=n, edges=edges, directed=True)
            gd.es["weight"] = weights
        searches: list[Searches | Pending[dict[str, np.ndarray]]] = []
        scale = 1.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
        if wanted & {"betweenness", "closeness"}:  # the searches from every node
            sources = None
            if "betweenness" in wanted and samples is not None and samples < n:
                sources = random.Random(seed).sample(range(n), samples)
                scale *= n / samples
            closeness = "closeness" in wanted
            if sources is not None and closeness:  # sampled betweenness, closeness of all
                searches.append(start(gd, closeness=False, sources=sources, workers=workers))
                searches.append(start(gd, betweenness=False, workers=workers))
            else:
                searches.append(start(gd, betweenness="betweenness" in wanted,
                                      closeness=closeness, workers=workers))  # fmt: skip
        try:
            pr_graph = gd if "pagerank" in wanted else None
            _spectral(out, nodes, src, dst, directed, wanted, part, pr_graph)
        except BaseException:
            for pending in searches:
                pending.stop()
            raise

    def stop() -> None:
        for pending in searches:
            pending.stop()

    @gc_paused()
    def collect() -> dict[str, dict[str, float]]:
        if not searches:
            return out
        raw: dict[str, np.ndarray] = {}
        try:
            for pending in searches:  # the searches ran meanwhile
                got = pending.result()
                if len(searches) > 1 and "closeness" not in got:  # from sampled sources:
                    got = {"betweenness": got["betweenness"]}  # its reach is not all nodes'
                raw.update(got)
        finally:
            stop()
        with IGRAPH:
            if "betweenness" in raw:
                scaled = (raw["betweenness"] * scale).tolist()
                out["betweenness"] = dict(zip(nodes, scaled, strict=True))
            if "closeness" in raw:
                out["closeness"] = _closeness_ig(gd, nodes, raw["closeness"], raw.get("reach"))
        return out

    return Pending(collect, stop)


def _spectral(
    out: dict[str, dict[str, float]], nodes: list[str], src: np.ndarray, dst: np.ndarray,
    directed: np.ndarray, wanted: set[str], part: Collection[str] | None, gd: Any,
) -> None:  # fmt: skip
    """Eigenvector centrality (undirected, on ``part``) and PageRank (on ``gd``) into
    ``out``. The caller holds ``IGRAPH``."""
    ig = igraph()
    n = len(nodes)
    if "eigenvector" in wanted:
        gu = _undirected(nodes, src, dst, directed, ig)
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


def _undirected(
    nodes: list[str], src: np.ndarray, dst: np.ndarray, directed: np.ndarray, ig: ModuleType
) -> Any:
    """The undirected graph weighted by statements between two nodes: a statement drawn
    both ways (``directed`` False) counts once, as in ``centrality.simple_graphs``."""
    n = len(nodes)
    rank = np.empty(n, dtype=np.int64)
    rank[sorted(range(n), key=nodes.__getitem__)] = np.arange(n)
    twin = ~directed & (rank[src] > rank[dst])  # the other direction of the same statement
    keep = (src != dst) & ~twin
    lo = np.minimum(src[keep], dst[keep])
    hi = np.maximum(src[keep], dst[keep])
    edges, weights = _pairs(n, lo, hi)
    gu = ig.Graph(n=n, edges=edges, directed=False)
    gu.es["weight"] = weights
    return gu


def _closeness_ig(
    gd: object, nodes: list[str], raw: Any = None, reach: Any = None
) -> dict[str, float]:
    """NetworkX's closeness (incoming distances, WF-improved) from igraph BFS (``raw``:
    igraph's normalized incoming closeness, ``reach``: ``reach_in(gd)``, when already
    computed). The caller holds ``IGRAPH``."""
    ig = igraph()
    assert isinstance(gd, ig.Graph)
    n = len(nodes)
    out = {}
    if n <= 1:
        return dict.fromkeys(nodes, 0.0)
    if raw is None:
        raw = gd.closeness(mode="in", normalized=True)
    raw = [float(c) for c in raw]
    reach = reach_in(gd) if reach is None else [int(r) for r in reach]
    for i, v in enumerate(nodes):
        r = reach[i] - 1
        c = raw[i]
        out[v] = 0.0 if r <= 0 or c != c else c * r / (n - 1)
    return out


def reach_in(gd: Any, chunk: int = 8192) -> list[int]:
    """How many nodes reach each node of the directed igraph graph ``gd`` (itself
    included): what ``neighborhood_size(order=n, mode="in")`` answers, without a second
    BFS from every node. The ancestors of each strongly connected component are
    gathered as bit sets along a topological order of the condensation, ``chunk`` nodes'
    bits at a time (memory: components × chunk / 8 bytes).

    >>> ig = igraph()
    >>> reach_in(ig.Graph(n=5, edges=[(0, 1), (1, 0), (1, 2), (3, 2)], directed=True))
    [2, 2, 4, 1, 1]
    """
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
    pairs = np.column_stack((cross // k, cross % k)).tolist()
    dag = igraph().Graph(n=k, edges=pairs, directed=True)
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
    return counts[memb].tolist()
