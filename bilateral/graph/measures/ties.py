"""The state ties of the ranking projection: the graph the default ranking (eigenvector
centrality) and the dyad's connected part are computed on is the statements' undirected
graph plus, for every statement, the ties that bind its participants to their states.

An organ of a state (a ministry, an agency, a church, a company: an actor with a
``bil:country``) takes part in a statement for itself and, through it, its state takes
part too: the agreement between the Belarusian Ministry of Interior and Rosgvardia is a
tie between the two agencies and, through them, between Belarus and Russia. So for every
edge u–v a statement draws, with U and V the states of u and v, the statement also ties

* u–U and v–V (each participant to its own state),
* u–V and U–v (each side to the state the other side belongs to), and
* U–V (the two states),

each once per statement, where the statement does not draw that tie itself, and only
with states that are nodes of the projection (a filter that leaves a state out leaves
its ties out). In the full view, where a statement is a node linked to its
participants, the state joins the statement: the statement node is tied to the states
of its participants (the cross ties), and nothing else. Degrees, betweenness,
closeness and PageRank stay on the statements alone: these ties are for the ranking.
``state_ties`` finds them in a NetworkX projection (nodes carry ``country``),
``array_ties`` in the edge arrays; both find the same ties (a test checks it).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_nodes_from(["BY", "RU"])
>>> G.add_node("mvd", country="BY")
>>> G.add_node("rosgvardia", country="RU")
>>> G.add_edge("mvd", "rosgvardia", key="agreement", directed=False)
'agreement'
>>> sorted(tuple(sorted(t)) for t in state_ties(G))
[('BY', 'RU'), ('BY', 'mvd'), ('BY', 'rosgvardia'), ('RU', 'mvd'), ('RU', 'rosgvardia')]
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["array_ties", "state_ties", "states_in"]

Ints = NDArray[np.int64]


def states_in(G: nx.MultiDiGraph) -> dict[Hashable, Hashable]:
    """Each node's state (its ``country`` attribute) when that state is a node of G."""
    return {n: s for n, s in G.nodes(data="country") if s is not None and s != n and s in G}


def state_ties(G: nx.MultiDiGraph) -> list[tuple[Hashable, Hashable]]:
    """The state ties of G's statements, one per statement and tie (see the module). An
    edge's statement is its ``statement`` attribute, else its key (the projections key
    the actors view by statement)."""
    state = states_in(G)
    if not state:
        return []
    actors = G.graph.get("view", "actors") == "actors"
    edges = [
        (u, v, k if s is None else s)
        for u, v, k, s in G.edges(keys=True, data="statement", default=None)
    ]
    own: dict[Hashable, set[frozenset[Hashable]]] = {}
    for u, v, s in edges:
        own.setdefault(s, set()).add(frozenset((u, v)))
    seen: dict[Hashable, set[frozenset[Hashable]]] = {}
    out: list[tuple[Hashable, Hashable]] = []
    for u, v, s in edges:
        su, sv = state.get(u), state.get(v)
        if su is None and sv is None:
            continue
        found: list[tuple[Hashable, Hashable]] = []
        if su is not None:
            found += [(u, su), (su, v)] if actors else [(su, v)]
        if sv is not None:
            found += [(v, sv), (u, sv)] if actors else [(u, sv)]
            if su is not None and actors:
                found.append((su, sv))
        mine, done = own[s], seen.setdefault(s, set())
        for a, b in found:
            pair = frozenset((a, b))
            if a != b and pair not in mine and pair not in done:
                done.add(pair)
                out.append((a, b))
    return out


def array_ties(
    src: Ints, dst: Ints, statement: Ints, state: Ints, *, view: str = "actors"
) -> tuple[Ints, Ints]:
    """``state_ties`` on edge arrays: ``state`` holds each node's state (its node
    number; -1: none), ``statement`` each edge's statement, ``view`` the projection's
    view. The ties as two arrays of node numbers (lower first), one entry per statement
    and tie.

    >>> src, dst = np.array([2]), np.array([3])  # mvd (2) and rosgvardia (3) agree
    >>> lo, hi = array_ties(src, dst, np.array([0]), np.array([-1, -1, 0, 1]))
    >>> sorted(zip(lo.tolist(), hi.tolist()))
    [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3)]
    """
    empty = np.zeros(0, dtype=np.int64)
    if not len(src) or not (state >= 0).any():
        return empty, empty
    su, sv = state[src], state[dst]
    if view == "actors":  # u-U, U-v, v-V, u-V, U-V
        a = np.concatenate([src, su, dst, src, su])
        b = np.concatenate([su, dst, sv, sv, sv])
    else:  # the statement node to its participants' states: U-v, u-V
        a, b = np.concatenate([su, src]), np.concatenate([dst, sv])
    stmt = np.tile(statement, len(a) // len(src))
    ok = (a >= 0) & (b >= 0) & (a != b)
    a, b, stmt = a[ok], b[ok], stmt[ok]
    moves = src != dst
    drawn = np.column_stack(
        (statement[moves], np.minimum(src, dst)[moves], np.maximum(src, dst)[moves])
    )
    found = np.column_stack((stmt, np.minimum(a, b), np.maximum(a, b)))
    rows = np.concatenate([drawn, found])
    unique, first = np.unique(rows, axis=0, return_index=True)
    new = unique[first >= len(drawn)]  # first seen among the state ties: not drawn
    return new[:, 1].astype(np.int64), new[:, 2].astype(np.int64)
