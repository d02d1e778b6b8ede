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
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["array_ties", "edge_table", "graph_ties", "state_ties", "states_in"]

Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]


def states_in(G: nx.MultiDiGraph) -> dict[Hashable, Hashable]:
    """Each node's state (its ``country`` attribute) when that state is a node of G."""
    nodes = G._node  # the attribute dicts, without NetworkX's views (hot on big graphs)
    found = ((n, d.get("country")) for n, d in nodes.items())
    return {n: s for n, s in found if s is not None and s != n and s in nodes}


def edge_table(
    G: nx.MultiDiGraph, *, statements: bool = True
) -> tuple[list[Any], Ints, Ints, Bools, Ints]:
    """G's nodes and, per edge (in G's order), its source, target (node numbers), whether
    it gives the direction (``directed`` is not False) and, with ``statements``, its
    statement, numbered in order of appearance (else empty). In the actors view the
    statement is the edge's key (the projections key edges by statement); in the full
    view every edge links its statement's node, which tells the statements apart: they
    are all numbered 0. One pass over the adjacency (hot loop)."""
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    keyed = statements and G.graph.get("view", "actors") == "actors"
    rows: list[tuple[int, int, bool]] = []
    keys: list[Hashable] = []
    add, name = rows.append, keys.append
    for u, nbrs in G._adj.items():
        iu = index[u]
        for v, many in nbrs.items():
            iv = index[v]
            for k, d in many.items():
                add((iu, iv, d.get("directed") is not False))
                if keyed:
                    name(k)
    arr = np.array(rows, dtype=np.int64).reshape(-1, 3)
    numbers = np.zeros(len(rows) if statements else 0, dtype=np.int64)
    if keys:  # numbered in order of appearance, hashed in C
        import pandas as pd

        numbers = pd.factorize(pd.Series(keys, dtype=object), sort=False)[0].astype(np.int64)
    return nodes, arr[:, 0], arr[:, 1], arr[:, 2].astype(bool), numbers


def graph_ties(
    G: nx.MultiDiGraph, table: tuple[list[Any], Ints, Ints, Bools, Ints] | None = None
) -> tuple[Ints, Ints]:
    """``state_ties`` as two arrays of node numbers (in G's node order), lower first:
    ``array_ties`` on G's ``edge_table`` (``table``, when already made)."""
    state = states_in(G)
    if not state:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    nodes, src, dst, _, statement = table if table is not None else edge_table(G)
    index = {v: i for i, v in enumerate(nodes)}
    states = np.full(len(nodes), -1, dtype=np.int64)
    for n, s in state.items():
        states[index[n]] = index[s]
    return array_ties(src, dst, statement, states, view=G.graph.get("view", "actors"))


def state_ties(G: nx.MultiDiGraph) -> list[tuple[Hashable, Hashable]]:
    """The state ties of G's statements, one per statement and tie (see the module), in
    the order of G's statements (``edge_table`` tells them apart)."""
    lo, hi = graph_ties(G)
    nodes = list(G) if len(lo) else []
    return [(nodes[a], nodes[b]) for a, b in zip(lo.tolist(), hi.tolist(), strict=True)]


def array_ties(
    src: Ints, dst: Ints, statement: Ints, state: Ints, *, view: str = "actors"
) -> tuple[Ints, Ints]:
    """``state_ties`` on edge arrays: ``state`` holds each node's state (its node
    number; -1: none), ``statement`` each edge's statement, ``view`` the projection's
    view. The ties as two arrays of node numbers (lower first), one entry per statement
    and tie, ordered by statement.

    >>> src, dst = np.array([2]), np.array([3])  # mvd (2) and rosgvardia (3) agree
    >>> lo, hi = array_ties(src, dst, np.array([0]), np.array([-1, -1, 0, 1]))
    >>> sorted(zip(lo.tolist(), hi.tolist()))
    [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3)]
    """
    empty = np.zeros(0, dtype=np.int64)
    touched = (state[src] >= 0) | (state[dst] >= 0) if len(src) else src.astype(bool)
    if not touched.any():
        return empty, empty
    mine = np.isin(statement, statement[touched])  # the statements with state ties
    src, dst, statement = src[mine], dst[mine], statement[mine]
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
    n, packed = len(state), (int(statement.max()) + 1) * len(state) ** 2 < 2**62
    drawn = _keys(statement[moves], src[moves], dst[moves], n, packed)
    keys = np.concatenate([drawn, _keys(stmt, a, b, n, packed)])
    # sorted, each key's first place: a tie first seen among the state ties is not drawn
    keys, first = np.unique(keys, return_index=True, axis=None if packed else 0)
    new = keys[first >= len(drawn)]
    if packed:  # one number per tie: (statement × n + lower) × n + higher
        return (new // n) % n, new % n
    return new[:, 1].copy(), new[:, 2].copy()


def _keys(stmt: Ints, a: Ints, b: Ints, n: int, packed: bool) -> Ints:
    """One sortable key per (statement, lower, higher) tie: a number when ``packed``
    (it fits in 62 bits), else rows of three."""
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    if packed:
        key: Ints = (stmt * n + lo) * n + hi
        return key
    return np.column_stack((stmt, lo, hi))
