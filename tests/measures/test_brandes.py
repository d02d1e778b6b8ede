"""The compiled one-pass searches give igraph's betweenness, closeness and reach, in
threads that can be stopped, from every node or from sampled sources; without numba
igraph gives the same numbers."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("igraph")
pytest.importorskip("numba")

from bilateral.graph.measures import brandes  # noqa: E402
from bilateral.graph.measures.backend import heavy_arrays, igraph, reach_in  # noqa: E402

from .conftest import use_kernel  # noqa: E402


def _graphs():
    ig = igraph()
    yield ig.Graph(n=4, edges=[(0, 1), (1, 2), (2, 3)], directed=True)  # a path
    yield ig.Graph(n=6, edges=[(0, 1), (0, 2), (1, 3), (2, 3), (3, 4)], directed=True)  # a diamond
    g = ig.Graph(n=5, edges=[(0, 1), (0, 1), (1, 2), (2, 2), (3, 4)], directed=True)
    yield g  # a parallel edge, a self-loop, two parts
    for seed, (n, m) in enumerate([(60, 90), (150, 600), (200, 350)]):
        random.seed(seed)  # igraph draws from Python's random
        g = ig.Graph.Erdos_Renyi(n=n, m=m, directed=True)
        g.add_vertices(2)  # isolated: closeness NaN, reach 1
        yield g


@pytest.mark.parametrize("g", list(_graphs()), ids=lambda g: f"{g.vcount()}n{g.ecount()}m")
@pytest.mark.parametrize("workers", [1, 3])
def test_one_pass_equals_igraph(g, workers) -> None:
    got = brandes.start(g, workers=workers).result()
    np.testing.assert_allclose(got["betweenness"], g.betweenness(directed=True), rtol=1e-12,
                               atol=1e-9)  # fmt: skip
    np.testing.assert_allclose(got["closeness"], g.closeness(mode="in", normalized=True),
                               rtol=1e-12, equal_nan=True)  # fmt: skip
    assert got["reach"].tolist() == reach_in(g)


def test_only_the_measures_asked_for(monkeypatch) -> None:
    g = next(_graphs())
    assert set(brandes.start(g, closeness=False).result()) == {"betweenness", "reach"}
    assert set(brandes.start(g, betweenness=False).result()) == {"closeness", "reach"}


def test_without_numba_igraph_gives_the_same_numbers(monkeypatch) -> None:
    g = list(_graphs())[-2]
    fast = brandes.start(g, workers=2)
    assert isinstance(fast, brandes.Searches)
    got = fast.result()
    use_kernel(monkeypatch, None)  # as without numba
    slow = brandes.start(g, workers=2)
    assert not isinstance(slow, brandes.Searches)
    ref = slow.result()
    assert set(got) - {"reach"} == set(ref)
    np.testing.assert_allclose(got["betweenness"], ref["betweenness"], atol=1e-9)
    np.testing.assert_allclose(got["closeness"], ref["closeness"], atol=1e-12, equal_nan=True)


def test_sampled_sources_search_from_those_only() -> None:
    g = list(_graphs())[-2]
    got = brandes.start(g, closeness=False, sources=[0, 5, 9], workers=2).result()
    np.testing.assert_allclose(
        got["betweenness"], g.betweenness(directed=True, sources=[0, 5, 9]), atol=1e-9
    )
    with pytest.raises(ValueError, match="closeness needs a search from every node"):
        brandes.start(g, sources=[0, 5])


def test_heavy_measures_the_same_either_way(monkeypatch) -> None:
    """NetworkX's closeness (WF) and normalized betweenness, by name, from both paths."""
    rng = np.random.default_rng(3)
    n = 80
    src, dst = rng.integers(0, n, 300), rng.integers(0, n, 300)
    nodes = [f"n{i}" for i in range(n)]
    directed = np.ones(300, bool)
    wanted = {"betweenness", "closeness"}
    monkeypatch.setattr(brandes, "PARALLEL_WORK", 0)
    fast = heavy_arrays(nodes, src, dst, directed, wanted, workers=2)
    use_kernel(monkeypatch, None)
    slow = heavy_arrays(nodes, src, dst, directed, wanted, workers=1)
    for name in wanted:
        assert list(fast[name]) == nodes
        np.testing.assert_allclose([fast[name][v] for v in nodes],
                                   [slow[name][v] for v in nodes], atol=1e-12)  # fmt: skip


def test_stopped_from_another_thread_raises_soon(monkeypatch) -> None:
    """Stopped, the threads finish their chunk and search no further."""
    random.seed(20)  # igraph draws from Python's random
    g = igraph().Graph.Erdos_Renyi(n=20_000, m=120_000, directed=True)
    monkeypatch.setattr(brandes, "CHUNK", 16)
    run = brandes.kernel()
    calls: list[int] = []

    def counted(*args) -> None:
        calls.append(1)
        run(*args)

    use_kernel(monkeypatch, counted)
    outcome: list[BaseException | dict] = []
    searches = brandes.start(g, workers=2)

    def wait() -> None:
        try:
            outcome.append(searches.result())
        except BaseException as exc:  # noqa: BLE001 - the test looks at it
            outcome.append(exc)

    thread = threading.Thread(target=wait)
    thread.start()
    deadline = time.monotonic() + 30
    while not calls and time.monotonic() < deadline:  # some searching has begun
        time.sleep(0.01)
    searches.stop()
    thread.join(60)
    assert not thread.is_alive()
    assert isinstance(outcome[0], KeyboardInterrupt)
    assert 0 < len(calls) < 20_000 // 16  # some chunks searched, far from all
    assert not any(t.is_alive() for t in threading.enumerate() if t.name.startswith("searches"))


def test_an_error_in_a_thread_reaches_the_caller(monkeypatch) -> None:
    g = next(_graphs())

    def broken(*_args) -> None:
        raise MemoryError("no room")

    use_kernel(monkeypatch, broken)
    with pytest.raises(MemoryError, match="no room"):
        brandes.start(g, workers=2).result()


def test_without_numba_there_is_no_kernel() -> None:
    """A fresh process where numba's module cannot be imported: no kernel, and igraph
    gives the numbers."""
    code = (
        "import sys\n"
        "sys.modules['bilateral.graph.measures.brandes_numba'] = None  # as without numba\n"
        "from bilateral.graph.measures import brandes\n"
        "from bilateral.graph.measures.backend import igraph\n"
        "g = igraph().Graph(n=4, edges=[(0, 1), (1, 2), (2, 3)], directed=True)\n"
        "print(brandes.kernel(), brandes.start(g).result()['betweenness'].tolist())\n"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "None [0.0, 2.0, 2.0, 0.0]"


def test_workers() -> None:
    assert brandes.workers_for(100, 300) == 1  # small: one thread
    assert brandes.workers_for(20_000, 100_000) == min(brandes.cores(), 8)
    assert brandes.workers_for(20_000, 100_000, asked=1) == 1
    assert brandes.workers_for(10, 10, asked=0) == 1
