"""Exact betweenness and closeness shared out over the machine's cores.

Betweenness is a sum over source nodes (Brandes) and closeness is one breadth-first
search per node, so each of k processes takes every k-th source and every k-th node,
and the parts add up to the numbers one process computes (tested to 1e-9). python-igraph
holds the GIL while it computes, so the other shares run in helper processes: this
module run as ``python -m bilateral.graph.measures.split``, its standard input and
output unnamed temporary files holding ``.npy`` arrays (no pickle either way). A helper
that fails, or answers with arrays of the wrong kind, has its share computed here
instead: the numbers are the same, only slower.

Small graphs stay in one process (``PARALLEL_WORK``); ``BILATERAL_WORKERS=1`` (or the
``workers`` argument) turns the helpers off.

>>> ig = igraph()
>>> g = ig.Graph(n=4, edges=[(0, 1), (1, 2), (2, 3)], directed=True)
>>> start(g, betweenness=True, closeness=False, workers=2).result()["betweenness"].tolist()
[0.0, 2.0, 2.0, 0.0]
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import numpy as np
from numpy.lib.format import read_array, write_array

from bilateral.graph.measures.backend import IGRAPH, igraph

if TYPE_CHECKING:
    from bilateral.graph.measures.brandes import Searches

__all__ = [
    "PARALLEL_WORK", "Shares", "cores", "prepare", "start", "stop_started_by", "workers_for",
]  # fmt: skip

PARALLEL_WORK = 3e8  # nodes × edges below this: one process (a helper takes ~0.3 s to start)
_ROOT = str(Path(__file__).resolve().parents[3])  # the folder that holds the package


def cores() -> int:
    """The CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers_for(n: int, m: int, asked: int | None = None) -> int:
    """How many processes share the searches on ``n`` nodes and ``m`` edges: ``asked``,
    else ``BILATERAL_WORKERS``, else every core once ``n × m`` reaches ``PARALLEL_WORK``.

    >>> workers_for(100, 300), workers_for(100, 300, asked=2)
    (1, 2)
    """
    if asked is None and os.environ.get("BILATERAL_WORKERS", "").strip().isdigit():
        asked = int(os.environ["BILATERAL_WORKERS"])
    if asked is not None:
        return max(1, asked)
    return min(cores(), 8) if n * m >= PARALLEL_WORK else 1


def prepare(n: int, m: int) -> None:
    """Load what ``start`` will use on ``n`` nodes and ``m`` edges now (numba and its
    compiled kernel: ~0.5 s), for a caller about to start other threads: an import in a
    thread that competes for the GIL takes several times as long (measured: 4.8 s
    beside ``render``, 0.5 s alone). Harmless when the graph turns out smaller.

    >>> prepare(10, 20)  # small: nothing to load
    """
    if n * m >= PARALLEL_WORK:
        from bilateral.graph.measures import brandes

        brandes.kernel()


def _share(
    g: Any, part: int, parts: int, sources: Sequence[int] | None, betweenness: bool,
    closeness: bool,
) -> dict[str, np.ndarray]:  # fmt: skip
    """Share ``part`` of ``parts``: raw betweenness from every ``parts``-th source (all n
    nodes' sums) and closeness of every ``parts``-th node (the others NaN)."""
    n = g.vcount()
    out: dict[str, np.ndarray] = {}
    with IGRAPH:
        if betweenness:
            mine = list(range(n) if sources is None else sources)[part::parts]
            raw = g.betweenness(directed=True, sources=mine) if mine else [0.0] * n
            out["betweenness"] = np.asarray(raw, dtype=np.float64)
        if closeness:
            vertices = list(range(part, n, parts))
            values = np.full(n, np.nan)
            if vertices:
                values[vertices] = g.closeness(vertices=vertices, mode="in", normalized=True)
            out["closeness"] = values
    return out


class Shares:
    """The searches under way (``start``); ``result()`` waits for them."""

    def __init__(
        self, g: Any, parts: int, sources: Sequence[int] | None, wanted: tuple[bool, bool],
        helpers: dict[int, Any], here: bool,
    ) -> None:  # fmt: skip
        self.g, self.parts, self.sources, self.wanted = g, parts, sources, wanted
        self.helpers, self.here = helpers, here
        self.owner, self.stopped = threading.get_ident(), False
        if helpers:
            with _LOCK:
                _LIVE.add(self)

    def result(self) -> dict[str, np.ndarray]:
        """The summed shares (each helper that failed is computed here instead); raises
        ``KeyboardInterrupt`` when the searches were stopped (``stop``, Ctrl-C)."""
        g, parts, sources, (betweenness, closeness) = self.g, self.parts, self.sources, self.wanted
        try:
            total = _share(g, 0, parts, sources, betweenness, closeness) if self.here else {}
            for k, helper in self.helpers.items():
                got = _finish(helper)
                if self.stopped:
                    raise KeyboardInterrupt("the searches were stopped")
                if got is None or not _fits(got, g.vcount(), self.wanted):  # done here instead
                    got = _share(g, k, parts, sources, betweenness, closeness)
                for name, values in got.items():
                    total[name] = _add(total[name], values, name) if name in total else values
        finally:
            self.stop()  # after an error or an interrupt: the others too
        return total

    def stop(self) -> None:
        """Stop the helpers still running (``result()`` then raises, never recomputes)."""
        with _LOCK:
            _LIVE.discard(self)
        for helper in self.helpers.values():
            if helper is not None and helper[0].poll() is None:
                self.stopped = True
                helper[0].kill()
                helper[0].wait()


_LOCK = threading.Lock()
_LIVE: weakref.WeakSet[Any] = weakref.WeakSet()  # started searches (Shares, brandes.Searches)


def stop_started_by(thread: int) -> None:
    """Stop the searches that thread ``thread`` (a ``threading.get_ident()``) started:
    for a caller whose worker thread waits on helpers when the caller is interrupted."""
    with _LOCK:
        mine = [s for s in _LIVE if s.owner == thread]
    for shares in mine:
        shares.stop()


def start(
    g: Any,
    *,
    betweenness: bool,
    closeness: bool,
    sources: Sequence[int] | None = None,
    workers: int | None = None,
    here: bool = True,
) -> Shares | Searches:
    """Start raw igraph betweenness (directed, unweighted, from ``sources`` or every
    node) and closeness (incoming, normalized) of the directed igraph graph ``g`` on
    ``workers`` processes (``workers_for``) and return; ``result()`` waits and gives
    them as arrays in vertex order. ``here=False`` leaves every share to helpers, so
    that this process stays free for other work while a thread of it waits.

    On big graphs (``PARALLEL_WORK``), exact, with numba installed: both measures from
    one compiled search per node in ``workers`` threads instead (``brandes.py``); its
    result also holds ``reach``, how many nodes reach each node."""
    parts = workers_for(g.vcount(), g.ecount(), workers)
    if sources is None and g.vcount() * g.ecount() >= PARALLEL_WORK and g.is_directed():
        from bilateral.graph.measures import brandes

        if brandes.kernel() is not None:
            searches = brandes.start(g, betweenness=betweenness, closeness=closeness, workers=parts)
            with _LOCK:
                _LIVE.add(searches)
            return searches
    if parts == 1 or g.vcount() < 2:
        return Shares(g, 1, sources, (betweenness, closeness), {}, True)
    with IGRAPH:
        edges = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    header = {"n": g.vcount(), "parts": parts, "betweenness": betweenness,
              "closeness": closeness}  # fmt: skip
    helpers = {k: _start(dict(header, part=k), edges, sources) for k in range(int(here), parts)}
    return Shares(g, parts, sources, (betweenness, closeness), helpers, here)


def _fits(got: dict[str, np.ndarray], n: int, wanted: tuple[bool, bool]) -> bool:
    """Whether a helper's answer is the share asked for: the measures asked, n floats each."""
    names = {m for m, asked in zip(("betweenness", "closeness"), wanted, strict=True) if asked}
    return set(got) == names and all(
        v.shape == (n,) and v.dtype == np.float64 for v in got.values()
    )


def _add(a: np.ndarray, b: np.ndarray, name: str) -> np.ndarray:
    if name == "betweenness":
        return a + b
    return np.where(np.isnan(a), b, a)  # each node's closeness comes from one share


def _start(
    header: dict[str, Any], edges: np.ndarray, sources: Sequence[int] | None
) -> tuple[subprocess.Popen[bytes], IO[bytes]] | None:
    """A helper process reading its input from an unnamed temporary file and writing to
    another: no pipe to keep fed while this process computes (igraph holds the GIL)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_ROOT, env.get("PYTHONPATH")) if p)
    env["BILATERAL_WORKERS"] = "1"
    src = np.asarray([] if sources is None else sources, dtype=np.int64)
    try:
        with tempfile.TemporaryFile() as stdin:
            stdin.write(json.dumps(dict(header, all_sources=sources is None)).encode() + b"\n")
            write_array(stdin, edges, allow_pickle=False)
            write_array(stdin, src, allow_pickle=False)
            stdin.seek(0)
            stdout = tempfile.TemporaryFile()
            try:
                proc = subprocess.Popen(
                    [sys.executable, "-m", "bilateral.graph.measures.split"],
                    stdin=stdin, stdout=stdout, stderr=subprocess.DEVNULL, env=env,
                )  # fmt: skip
            except (OSError, ValueError, TypeError):  # no interpreter to start (embedded)
                stdout.close()
                raise
    except (OSError, ValueError, TypeError):
        return None
    return proc, stdout


def _finish(
    helper: tuple[subprocess.Popen[bytes], IO[bytes]] | None,
) -> dict[str, np.ndarray] | None:
    """The helper's arrays, or None when it failed."""
    if helper is None:
        return None
    proc, stdout = helper
    with stdout:
        code = proc.wait()
        if code in (-signal.SIGINT, -signal.SIGTERM):  # Ctrl-C reaches the helpers too
            raise KeyboardInterrupt(f"a helper process was stopped (signal {-code})")
        if code != 0:
            return None
        stdout.seek(0)
        try:
            return _read_arrays(stdout)
        except (ValueError, TypeError, OSError, EOFError):
            return None


def _read_arrays(stream: IO[bytes]) -> dict[str, np.ndarray]:
    names = json.loads(stream.readline())
    return {name: read_array(stream, allow_pickle=False) for name in names}


def _serve(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """A helper: read the header and the arrays, compute the share, write it back."""
    stream = io.BytesIO(stdin.read())  # numpy reads a pipe only through a buffer
    header = json.loads(stream.readline())
    edges = read_array(stream, allow_pickle=False)
    src = read_array(stream, allow_pickle=False)
    g = igraph().Graph(n=int(header["n"]), edges=edges.tolist(), directed=True)
    sources = None if header["all_sources"] else src.tolist()
    got = _share(g, int(header["part"]), int(header["parts"]), sources,
                 bool(header["betweenness"]), bool(header["closeness"]))  # fmt: skip
    stdout.write(json.dumps(list(got)).encode() + b"\n")
    for values in got.values():
        write_array(stdout, values, allow_pickle=False)
    stdout.flush()


if __name__ == "__main__":
    _serve(sys.stdin.buffer, sys.stdout.buffer)
