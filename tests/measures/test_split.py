"""Betweenness and closeness shared out over helper processes give the numbers of one
process, whether a helper works, fails or is stopped."""

from __future__ import annotations

import stat
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("igraph")

from bilateral.graph.measures import split  # noqa: E402
from bilateral.graph.measures.backend import igraph  # noqa: E402


@pytest.fixture(scope="module")
def graph():
    """A directed graph with unreachable nodes, a sink, a leaf and parallel paths."""
    ig = igraph()
    g = ig.Graph.Erdos_Renyi(n=120, m=300, directed=True)
    g.add_vertices(3)  # isolated: closeness NaN, betweenness 0
    return g


def _close(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> None:
    assert set(a) == set(b)
    for name in a:
        assert a[name].shape == b[name].shape
        np.testing.assert_allclose(a[name], b[name], rtol=0, atol=1e-9, equal_nan=True)


def test_the_shares_add_up_to_one_process(graph) -> None:
    one = split.start(graph, betweenness=True, closeness=True, workers=1).result()
    assert np.isnan(one["closeness"]).sum() >= 3  # the isolated nodes
    assert one["betweenness"].max() > 0
    raw = graph.betweenness(directed=True)
    np.testing.assert_allclose(one["betweenness"], raw, atol=1e-9)
    for workers in (2, 3):
        _close(split.start(graph, betweenness=True, closeness=True, workers=workers).result(), one)


def test_sampled_sources_and_one_measure(graph) -> None:
    sources = list(range(0, 120, 7))
    one = split.start(graph, betweenness=True, closeness=False, sources=sources, workers=1).result()
    two = split.start(graph, betweenness=True, closeness=False, sources=sources, workers=2).result()
    _close(one, two)
    assert set(two) == {"betweenness"}
    only = split.start(graph, betweenness=False, closeness=True, workers=2).result()
    assert set(only) == {"closeness"}


def test_helpers_alone_while_this_process_is_free(graph) -> None:
    one = split.start(graph, betweenness=True, closeness=True, workers=1).result()
    pending = split.start(graph, betweenness=True, closeness=True, workers=2, here=False)
    assert len(pending.helpers) == 2  # both shares left to helpers
    _close(pending.result(), one)


def _fake_python(tmp_path: Path, body: str) -> str:
    script = tmp_path / "python"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_a_failing_helper_has_its_share_computed_here(graph, tmp_path, monkeypatch) -> None:
    one = split.start(graph, betweenness=True, closeness=True, workers=1).result()
    monkeypatch.setattr(split.sys, "executable", _fake_python(tmp_path, "exit 3"))
    _close(split.start(graph, betweenness=True, closeness=True, workers=2).result(), one)
    # a helper that writes nothing useful
    monkeypatch.setattr(split.sys, "executable", _fake_python(tmp_path, "echo '[\"x\"]'"))
    _close(split.start(graph, betweenness=True, closeness=True, workers=2).result(), one)
    monkeypatch.setattr(split.sys, "executable", _fake_python(tmp_path, "echo 5"))
    _close(split.start(graph, betweenness=True, closeness=True, workers=2).result(), one)
    monkeypatch.setattr(split.sys, "executable", "")  # an embedded Python: nothing to start
    _close(split.start(graph, betweenness=True, closeness=True, workers=2).result(), one)


def test_an_answer_of_the_wrong_kind_is_not_used(graph) -> None:
    """A helper's arrays count only when they are the share asked for."""
    n = graph.vcount()
    good = {"betweenness": np.zeros(n), "closeness": np.zeros(n)}
    assert split._fits(good, n, (True, True))
    assert not split._fits(good, n, (True, False))  # a measure not asked for
    assert not split._fits({"betweenness": np.zeros(n - 1)}, n, (True, False))
    assert not split._fits({"betweenness": np.zeros(n, dtype=np.int64)}, n, (True, False))


def test_a_stopped_helper_stops_the_measures(graph, tmp_path, monkeypatch) -> None:
    """Ctrl-C reaches the helpers too: no silent recomputation, an interrupt."""
    monkeypatch.setattr(split.sys, "executable", _fake_python(tmp_path, "kill -TERM $$"))
    with pytest.raises(KeyboardInterrupt):
        split.start(graph, betweenness=True, closeness=True, workers=2).result()


def test_how_many_workers(monkeypatch) -> None:
    monkeypatch.delenv("BILATERAL_WORKERS", raising=False)
    assert split.workers_for(100, 300) == 1  # small: one process
    assert split.workers_for(20_000, 100_000) == min(split.cores(), 8)
    assert split.workers_for(20_000, 100_000, asked=1) == 1
    monkeypatch.setenv("BILATERAL_WORKERS", "1")
    assert split.workers_for(20_000, 100_000) == 1
    monkeypatch.setenv("BILATERAL_WORKERS", "3")
    assert split.workers_for(10, 10) == 3
    assert split.workers_for(10, 10, asked=0) == 1


def test_centrality_with_helpers_matches_one_process(monkeypatch) -> None:
    """End to end on the bundled data, measured on igraph: the same table."""
    from bilateral.graph.measures.centrality import centrality

    monkeypatch.setenv("BILATERAL_WORKERS", "1")
    one = centrality(backend="igraph")
    monkeypatch.setenv("BILATERAL_WORKERS", "2")
    two = centrality(backend="igraph")
    off = centrality(backend="igraph", offload=True)
    for other in (two, off):
        assert list(other["iri"]) == list(one["iri"])  # the same ranking, ties included
        for col in ("betweenness", "closeness", "eigenvector", "pagerank"):
            np.testing.assert_allclose(other[col], one[col], atol=1e-12)
    assert one["betweenness"].max() > 0


def test_helpers_are_not_left_running(graph) -> None:
    pending = split.start(graph, betweenness=True, closeness=True, workers=2)
    procs = [h[0] for h in pending.helpers.values()]
    pending.stop()
    assert procs and all(p.poll() is not None for p in procs)


def test_searches_stopped_from_another_thread_raise_and_never_recompute(
    graph, tmp_path, monkeypatch
) -> None:
    """``report`` stops the helpers its centrality thread waits on when it is itself
    interrupted: the waiting thread raises at once instead of computing the shares."""
    import threading
    import time

    monkeypatch.setattr(split.sys, "executable", _fake_python(tmp_path, "sleep 30"))
    recomputed: list[int] = []
    real_share = split._share
    monkeypatch.setattr(split, "_share", lambda *a: recomputed.append(1) or real_share(*a))
    outcome: list[BaseException | dict] = []
    owner: list[int] = []

    def wait() -> None:
        owner.append(threading.get_ident())
        try:
            outcome.append(split.start(graph, betweenness=True, closeness=True, workers=2,
                                        here=False).result())  # fmt: skip
        except BaseException as exc:  # noqa: BLE001 - the test looks at it
            outcome.append(exc)

    thread = threading.Thread(target=wait)
    started = time.monotonic()
    thread.start()
    while not split._LIVE:  # the helpers are started
        time.sleep(0.01)
    split.stop_started_by(owner[0])
    thread.join(10)
    assert not thread.is_alive() and time.monotonic() - started < 10  # not the 30 s sleep
    assert isinstance(outcome[0], KeyboardInterrupt)
    assert recomputed == []  # stopped shares are not computed here instead
    assert not split._LIVE


def test_stopping_another_threads_searches_leaves_these_alone(graph) -> None:
    pending = split.start(graph, betweenness=True, closeness=True, workers=2)
    split.stop_started_by(-1)  # no such thread
    one = split.start(graph, betweenness=True, closeness=True, workers=1).result()
    _close(pending.result(), one)
