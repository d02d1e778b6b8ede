"""The ranking's state ties (``measures/ties.py``) on the bundled data: who they tie, in
which view, with which filters, and that the snapshot's cached arrays carry them."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from bilateral.graph.measures.arrays import edges_of, project_edges
from bilateral.graph.measures.project import Projection, project_records
from bilateral.graph.measures.snapshot import read_snapshot
from bilateral.graph.measures.ties import array_ties, state_ties

from .conftest import BID


@pytest.fixture(scope="module")
def snap(bundled):
    return read_snapshot(bundled)


MVD, ROSGVARDIA = BID + "belarusian-ministry-of-interior", BID + "rosgvardia"
BY, RU = BID + "belarus", BID + "russia"


def _pairs(lo: np.ndarray, hi: np.ndarray, nodes: list[str]) -> Counter[frozenset[str]]:
    return Counter(
        frozenset((nodes[a], nodes[b])) for a, b in zip(lo.tolist(), hi.tolist(), strict=True)
    )


def test_the_interior_agreement_ties_both_agencies_to_both_states(snap) -> None:
    G = project_records(snap.records, snap.actors)
    agreement = BID + "interior-rosgvardia-agreement"
    H = G.edge_subgraph([(u, v, k) for u, v, k in G.edges(keys=True) if k == agreement]).copy()
    H.add_nodes_from([(BY, {}), (RU, {})])  # the states, as nodes of the projection
    assert Counter(frozenset(t) for t in state_ties(H)) == Counter(
        [frozenset(p) for p in [(MVD, BY), (ROSGVARDIA, RU), (MVD, RU), (ROSGVARDIA, BY), (BY, RU)]]
    )
    H.remove_node(RU)  # a state the filters leave out has no ties
    assert Counter(frozenset(t) for t in state_ties(H)) == Counter(
        [frozenset((MVD, BY)), frozenset((ROSGVARDIA, BY))]
    )


def test_the_full_view_ties_statements_to_states_only(snap) -> None:
    E = project_edges(snap.records, snap.actors, Projection(view="full"))
    ties = _pairs(*E.ties(), E.nodes)
    statements = {r.iri for r in snap.records}
    assert ties[frozenset((BID + "interior-rosgvardia-agreement", BY))] == 1
    assert all(len(t & statements) == 1 for t in ties)  # never an actor to its state


def test_filters_that_leave_the_states_out_leave_their_ties_out(snap) -> None:
    agencies = project_edges(snap.records, snap.actors, types=["SecurityAgency"])
    assert agencies.n and not len(agencies.ties()[0])
    religious = project_edges(snap.records, snap.actors, domains=["religious"])
    assert BY not in religious.nodes and not len(religious.ties()[0])
    rolled = project_edges(snap.records, snap.actors, rollup=True)
    assert not len(rolled.ties()[0]) and (rolled.state == -1).all()


def test_wide_keys_give_the_same_ties(snap) -> None:
    """Statement numbers too big to pack a tie into one integer: rows of three, the same
    ties."""
    E = project_edges(snap.records, snap.actors)
    packed = _pairs(*E.ties(), E.nodes)
    wide = array_ties(E.src, E.dst, E.statement + 2**50, E.state)
    assert _pairs(*wide, E.nodes) == packed and sum(packed.values()) > 100


def test_the_snapshots_arrays_carry_the_states(bundled) -> None:
    """``Snapshot.built`` keeps the arrays of each projection: with each node's state,
    and the ties computed once."""
    snap = read_snapshot(bundled)
    E = edges_of(snap, Projection())
    assert snap.built == [E] and edges_of(snap, Projection()) is E
    assert E.nodes[E.state[E.nodes.index(MVD)]] == BY
    assert E.ties() is E.ties()
