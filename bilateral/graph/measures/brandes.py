"""Betweenness and closeness from one breadth-first search per source: the one search
path of the measures.

igraph runs one search per node for betweenness (Brandes 2001) and another for
closeness. A search from source ``s`` already knows the distance from ``s`` to every
node it reaches, so the compiled kernel adds each distance to the target's incoming sum
while it accumulates the dependencies: one pass gives raw betweenness, igraph's
normalized incoming closeness and how many nodes reach each node. The kernel is
compiled by numba (``nogil``), so threads of this process share the sources (every
``workers``-th each). The numbers equal igraph's (tested to 1e-12 relative); only the
order of floating-point sums differs. Betweenness estimated from sampled sources
(Brandes & Pich 2007) runs the same kernel from those sources only.

Without numba (or where it cannot compile), igraph computes the same numbers in the
caller's thread when the result is asked for. The first run on a machine compiles the
kernel (about 2 s); numba caches it beside ``brandes_numba.py`` or in its user cache.

>>> from bilateral.graph.measures.backend import igraph
>>> ig = igraph()
>>> g = ig.Graph(n=4, edges=[(0, 1), (1, 2), (2, 3)], directed=True)
>>> got = start(g, workers=2).result()
>>> got["betweenness"].tolist(), got["reach"].tolist()
([0.0, 2.0, 2.0, 0.0], [1, 2, 3, 4])
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Generic, TypeVar

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from bilateral.graph.measures.igraph_measures import IgraphGraph

__all__ = ["PARALLEL_WORK", "Pending", "Searches", "cores", "kernel", "start", "workers_for"]

CHUNK = 256  # sources per kernel call: how soon ``stop`` is heard (~0.2 s on 15k nodes)
#: nodes × edges below this: one thread (a graph this small searches in well under 1 s)
PARALLEL_WORK = 3e8

Ints = NDArray[np.int64]
#: the kernel's signature (``kernel``): graph ``indptr`` and ``indices``, ``sources``,
#: and the three sums it adds into (dependencies, distances in, sources reaching)
Kernel = Callable[[Ints, NDArray[np.int32], Ints, NDArray[np.float64], Ints, Ints], None]
#: the sums of one thread: ``Kernel``'s last three arguments
Sums = tuple[NDArray[np.float64], Ints, Ints]

_KERNEL: list[Kernel | None] = []  # compiled once per process

T = TypeVar("T")


class Pending(Generic[T]):
    """Work begun and not finished: ``result()`` waits for it (and gives it), ``stop()``
    ends it early (``result()`` then raises ``KeyboardInterrupt``)."""

    def __init__(self, result: Callable[[], T], stop: Callable[[], None]) -> None:
        self._result, self._stop = result, stop

    def result(self) -> T:
        """Wait for the work and give its result."""
        return self._result()

    def stop(self) -> None:
        """End the work early (nothing when it is done)."""
        self._stop()


def cores() -> int:
    """The CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers_for(n: int, m: int, asked: int | None = None) -> int:
    """How many threads share the searches on ``n`` nodes and ``m`` edges: ``asked``,
    else ``BILATERAL_WORKERS``, else every core (up to 8) once ``n × m`` reaches
    ``PARALLEL_WORK``.

    >>> workers_for(100, 300), workers_for(100, 300, asked=2)
    (1, 2)
    """
    if asked is None and os.environ.get("BILATERAL_WORKERS", "").strip().isdigit():
        asked = int(os.environ["BILATERAL_WORKERS"])
    if asked is not None:
        return max(1, asked)
    return min(cores(), 8) if n * m >= PARALLEL_WORK else 1


def _compile() -> Kernel | None:
    try:
        from bilateral.graph.measures.brandes_numba import searches
    except Exception:  # noqa: BLE001 - numba missing, or unusable with this numpy
        return None
    return searches


def kernel() -> Kernel | None:
    """The compiled kernel, or None when numba is missing or cannot compile it here.

    ``kernel()(indptr, indices, sources, between, dsum, reached)`` searches from each of
    ``sources`` (int64) in the graph whose out-neighbours of node ``v`` are
    ``indices[indptr[v]:indptr[v + 1]]`` (int64 and int32 arrays) and adds into the three
    length-n arrays (float64, int64, int64): the pair dependencies, the distances in,
    the count of sources reaching. Load it before starting other threads: an import in a
    thread that competes for the GIL takes several times as long.
    """
    if not _KERNEL:
        found = _compile()
        if found is not None:
            try:  # compile (or load from numba's cache) now, in one thread
                none, edges = np.zeros(0, np.int64), np.zeros(0, np.int32)
                found(np.zeros(1, np.int64), edges, none, np.zeros(0), none.copy(), none.copy())
            except Exception:  # noqa: BLE001 - any compiler failure: igraph instead
                found = None
        _KERNEL.append(found)
    return _KERNEL[0]


class Searches:
    """The searches under way in threads (``start``); ``result()`` waits for them."""

    def __init__(
        self, parts: list[Sums], threads: list[threading.Thread],
        wanted: tuple[bool, bool],
    ) -> None:  # fmt: skip
        self.parts, self.threads, self.wanted = parts, threads, wanted
        self.stopped = False
        self.stopping = threading.Event()
        self.errors: list[BaseException] = []

    def result(self) -> dict[str, np.ndarray]:
        """Raw betweenness and igraph's normalized incoming closeness (NaN where no node
        reaches), those asked for, and ``reach``: how many nodes reach each node, itself
        included. Raises ``KeyboardInterrupt`` when the searches were stopped."""
        try:
            for t in self.threads:
                t.join()
        finally:
            self.stop()
        if self.stopped:
            raise KeyboardInterrupt("the searches were stopped")
        if self.errors:
            raise self.errors[0]
        between = np.sum([p[0] for p in self.parts], axis=0)
        dsum = np.sum([p[1] for p in self.parts], axis=0)
        reached = np.sum([p[2] for p in self.parts], axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            closeness = np.where(reached > 0, reached / dsum, np.nan)
        got = {"betweenness": between, "closeness": closeness}
        out = {k: v for (k, v), asked in zip(got.items(), self.wanted, strict=True) if asked}
        return dict(out, reach=reached + 1)

    def stop(self) -> None:
        """Ask the threads to stop after their current chunk and wait for them."""
        if any(t.is_alive() for t in self.threads):
            self.stopped = True
        self.stopping.set()
        for t in self.threads:
            if t is not threading.current_thread():
                t.join()


def _on_igraph(
    g: IgraphGraph, sources: Sequence[int] | None, betweenness: bool, closeness: bool
) -> Pending[dict[str, np.ndarray]]:
    """Without the kernel: igraph computes when the result is asked, in that thread."""
    from bilateral.graph.measures.backend import IGRAPH

    def compute() -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        with IGRAPH:
            if betweenness:
                raw = g.betweenness(directed=True, sources=sources) if g.vcount() else []
                out["betweenness"] = np.asarray(raw, dtype=np.float64)
            if closeness:
                raw = g.closeness(mode="in", normalized=True) if g.vcount() else []
                out["closeness"] = np.asarray(raw, dtype=np.float64)
        return out

    return Pending(compute, lambda: None)


def start(
    g: IgraphGraph,
    *,
    betweenness: bool = True,
    closeness: bool = True,
    sources: Sequence[int] | None = None,
    workers: int | None = None,
) -> Searches | Pending[dict[str, np.ndarray]]:
    """Start the searches in the directed igraph graph ``g`` from ``sources`` (every
    node when None) and return at once: raw betweenness (directed, unweighted) and
    closeness (incoming, normalized), each if asked. With the kernel they run in
    ``workers`` threads (``workers_for``) and the result also holds ``reach``; without
    it igraph computes them when ``result()`` is called. Closeness needs every node as
    a source: ``sources`` is refused with it."""
    if closeness and sources is not None:
        raise ValueError("closeness needs a search from every node: give no sources")
    run = kernel()
    if run is None or not g.is_directed():
        return _on_igraph(g, sources, betweenness, closeness)
    from bilateral.graph.measures.backend import IGRAPH

    with IGRAPH:
        n = g.vcount()
        edges = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    order = np.argsort(edges[:, 0], kind="stable")
    indices = np.ascontiguousarray(edges[order, 1], dtype=np.int32)
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(edges[:, 0], minlength=n), out=indptr[1:])
    every = np.arange(n, dtype=np.int64) if sources is None else np.asarray(sources, np.int64)
    workers = max(1, min(workers_for(n, len(edges), workers), max(1, len(every))))
    parts: list[Sums] = [
        (np.zeros(n), np.zeros(n, np.int64), np.zeros(n, np.int64)) for _ in range(workers)
    ]
    threads: list[threading.Thread] = []
    searches = Searches(parts, threads, (betweenness, closeness))

    def share(k: int) -> None:
        mine = every[k::workers]
        try:
            for at in range(0, len(mine), CHUNK):
                if searches.stopping.is_set():
                    return
                run(indptr, indices, mine[at : at + CHUNK], *parts[k])
        except BaseException as exc:  # noqa: BLE001 - handed to result()
            searches.errors.append(exc)
            searches.stopping.set()  # the other threads need not finish

    for k in range(workers):
        t = threading.Thread(target=share, args=(k,), name=f"searches-{k}")
        threads.append(t)
        t.start()
    return searches
