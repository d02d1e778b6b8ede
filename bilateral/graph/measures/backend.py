"""The compiled backend of the heavy centrality measures: igraph, scaled to NetworkX's
conventions (a test checks both agree to 1e-6). This module loads igraph, guards its
use (``IGRAPH``, ``seeded``) and runs the heavy measures; each measure's computation on
an igraph graph is in ``igraph_measures.py``.

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
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from bilateral.graph.measures.brandes import Pending, Searches, kernel, start
from bilateral.graph.measures.igraph_measures import (
    IgraphGraph,
    in_closeness,
    pairs,
    reach_in,
    spectral,
)
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

Ints = NDArray[np.int64]

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
        import igraph  # noqa: F401 - now in sys.modules
    finally:
        if hide:
            del sys.modules["matplotlib"]
    return sys.modules["igraph"]


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
def graph_arrays(G: nx.MultiDiGraph) -> tuple[list[str], Ints, Ints, NDArray[np.bool_]]:
    """G's nodes and its edges as arrays: sources, targets (node numbers) and whether the
    statement gives the direction (``directed`` is not False)."""
    from bilateral.graph.measures.ties import edge_table

    nodes, src, dst, directed, _ = edge_table(G, statements=False)
    return nodes, src, dst, directed


def heavy_measures(
    G: nx.MultiDiGraph,
    wanted: set[str],
    *,
    samples: int | None = None,
    seed: int = 7,
    part: Collection[str] | None = None,
) -> dict[str, dict[str, float]]:
    """The heavy measures of G on igraph (see ``heavy_arrays``), with the state ties of
    G's statements (``ties.state_ties``)."""
    from bilateral.graph.measures.ties import edge_table, graph_ties

    ranked = "eigenvector" in wanted  # only the ranking needs the state ties
    with gc_paused():  # a tuple per edge, no cycles (``measures/nogc.py``)
        table = edge_table(G, statements=ranked)
        ties = graph_ties(G, table) if ranked else None
    nodes, src, dst, directed, _ = table
    return heavy_arrays(
        nodes, src, dst, directed, wanted, samples=samples, seed=seed, part=part, ties=ties
    )


def heavy_arrays(
    nodes: list[str],
    src: Ints,
    dst: Ints,
    directed: NDArray[np.bool_],
    wanted: set[str],
    *,
    samples: int | None = None,
    seed: int = 7,
    part: Collection[str] | None = None,
    workers: int | None = None,
    ties: tuple[Ints, Ints] | None = None,
) -> dict[str, dict[str, float]]:
    """The heavy measures on igraph from edge arrays (weights: multiplicity).

    ``samples`` estimates betweenness from that many random source nodes (Brandes &
    Pich 2007), scaled by n / samples; exact when None. ``part`` limits the
    eigenvector centrality to those nodes (the others get 0); ``ties`` (two arrays of
    node numbers: ``Edges.ties``) are the state ties the eigenvector's undirected graph
    adds to the edges (``ties.py``). Betweenness and closeness search in ``workers``
    threads (``brandes.workers_for``: every core on big graphs); the numbers do not
    depend on it.
    """
    return start_heavy(
        nodes, src, dst, directed, wanted, samples=samples, seed=seed, part=part,
        workers=workers, ties=ties,
    ).result()  # fmt: skip


@gc_paused()
def start_heavy(
    nodes: list[str],
    src: Ints,
    dst: Ints,
    directed: NDArray[np.bool_],
    wanted: set[str],
    *,
    samples: int | None = None,
    seed: int = 7,
    part: Collection[str] | None = None,
    workers: int | None = None,
    ties: tuple[Ints, Ints] | None = None,
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
        gd: IgraphGraph | None = None
        if wanted & {"betweenness", "closeness", "pagerank"}:  # the directed graph they walk
            moves = src != dst
            edges, weights = pairs(n, src[moves], dst[moves])
            made = ig.Graph(n=n, edges=edges, directed=True)
            made.es["weight"] = weights
            gd = made
        searches: list[Searches | Pending[dict[str, np.ndarray]]] = []
        scale = 1.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
        if gd is not None and wanted & {"betweenness", "closeness"}:  # searches from every node
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
            spectral(out, nodes, src, dst, directed, wanted, part, pr_graph, ties)
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
            if "closeness" in raw and gd is not None:
                out["closeness"] = in_closeness(gd, nodes, raw["closeness"], raw.get("reach"))
        return out

    return Pending(collect, stop)
