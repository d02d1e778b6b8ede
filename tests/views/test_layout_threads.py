"""A layout is the same in any thread, and while another thread measures: python-igraph
draws from Python's ``random`` only in the thread that imported it, and its C core is
not thread-safe (``backend.IGRAPH``, ``backend.seeded``)."""

from __future__ import annotations

import threading

import numpy as np
import pytest

pytest.importorskip("igraph")

from bilateral.graph.measures.backend import heavy_arrays, igraph  # noqa: E402
from bilateral.graph.views.drawn import spread  # noqa: E402


@pytest.fixture(scope="module")
def graph() -> tuple[list[str], list[tuple[int, int]]]:
    rng = np.random.default_rng(5)
    n = 1500  # above 1000 nodes: the grid layout, as for big reports
    pairs = {(int(a), int(b)) for a, b in rng.integers(0, n, (4000, 2)) if a != b}
    return [f"n{i}" for i in range(n)], sorted(pairs)


def _in_thread(work):  # type: ignore[no-untyped-def]
    out: list = []
    t = threading.Thread(target=lambda: out.append(work()))
    t.start()
    t.join(60)
    assert not t.is_alive(), "the layout thread did not finish within 60 s"
    return out[0]


def test_a_layout_is_the_same_in_another_thread(graph) -> None:
    igraph()  # imported here, in the main thread
    nodes, pairs = graph
    here = spread(nodes, pairs)
    assert _in_thread(lambda: spread(nodes, pairs)) == here
    assert spread(nodes, pairs) == here


def test_a_layout_is_the_same_while_another_thread_measures(graph) -> None:
    nodes, pairs = graph
    alone = spread(nodes, pairs)
    src = np.array([a for a, _ in pairs])
    dst = np.array([b for _, b in pairs])
    stop = threading.Event()

    def measure() -> None:
        while not stop.is_set():
            heavy_arrays(nodes, src, dst, np.ones(len(src), bool), {"eigenvector", "pagerank"})

    worker = threading.Thread(target=measure)
    worker.start()
    try:
        drawn = [spread(nodes, pairs) for _ in range(3)]
    finally:
        stop.set()
        worker.join(60)
    assert not worker.is_alive(), "the measuring thread did not stop within 60 s"
    assert all(d == alone for d in drawn)


def test_eigenvector_centrality_is_the_same_in_any_thread(graph) -> None:
    nodes, pairs = graph
    src = np.array([a for a, _ in pairs])
    dst = np.array([b for _, b in pairs])
    args = (nodes, src, dst, np.ones(len(src), bool), {"eigenvector"})
    here = heavy_arrays(*args)
    assert _in_thread(lambda: heavy_arrays(*args)) == here
