"""The kernel of ``brandes.py``, compiled by numba (imported only when it is used:
importing numba takes ~0.3 s).

>>> import numpy as np
>>> between, dsum, reached = np.zeros(3), np.zeros(3, np.int64), np.zeros(3, np.int64)
>>> indptr, indices = np.array([0, 1, 2, 2]), np.array([1, 2], np.int32)  # 0 -> 1 -> 2
>>> searches(indptr, indices, np.arange(3), between, dsum, reached)
>>> between.tolist(), dsum.tolist(), reached.tolist()
([0.0, 1.0, 0.0], [0, 1, 3], [0, 1, 2])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numba
import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from bilateral.graph.measures.brandes import Kernel

__all__ = ["searches"]

Ints = NDArray[np.int64]


def _searches(
    indptr: Ints,
    indices: NDArray[np.int32],
    sources: Ints,
    between: NDArray[np.float64],
    dsum: Ints,
    reached: Ints,
) -> None:
    """From each of ``sources``: one breadth-first search (distances, shortest-path
    counts, successors), then Brandes's backward pass; adds each reached node's
    dependency to ``between``, its distance to ``dsum`` and 1 to ``reached``."""
    n = len(indptr) - 1
    dist = np.full(n, -1, np.int32)
    sigma = np.zeros(n)
    delta = np.zeros(n)  # once a node is done: (1 + its dependency) / its path count
    order = np.empty(n, np.int32)  # the nodes in the order the search reached them
    first = np.empty(n + 1, np.int64)  # order[i]'s successors: succ[first[i]:first[i + 1]]
    succ = np.empty(len(indices), np.int32)
    for s in sources:
        dist[s] = 0
        sigma[s] = 1.0
        order[0] = s
        head, tail, ns = 0, 1, 0
        while head < tail:  # forward
            v = order[head]
            first[head] = ns
            head += 1
            dv = dist[v] + 1
            sv = sigma[v]
            for k in range(indptr[v], indptr[v + 1]):
                w = indices[k]
                dw = dist[w]
                if dw < 0:
                    dist[w] = dv
                    order[tail] = w
                    tail += 1
                    dw = dv
                if dw == dv:
                    sigma[w] += sv
                    succ[ns] = w
                    ns += 1
        first[tail] = ns
        for i in range(tail - 1, 0, -1):  # backward; the source itself is order[0]
            v = order[i]
            acc = 0.0
            for k in range(first[i], first[i + 1]):
                acc += delta[succ[k]]  # (1 + δ(w)) / σ(w), stored when w was done
            d = sigma[v] * acc
            between[v] += d
            delta[v] = (1.0 + d) / sigma[v]  # one division per node, not per edge
            dsum[v] += dist[v]
            reached[v] += 1
        for i in range(tail):
            v = order[i]
            dist[v] = -1
            sigma[v] = 0.0
            delta[v] = 0.0


#: ``_searches`` compiled (``nogil``: threads share the sources; ``cache``: compiled once
#: per machine). numba's ``njit`` has no type hints: the annotation gives the compiled
#: function the signature of the Python one.
searches: Kernel = numba.njit(nogil=True, cache=True)(_searches)
