"""The projection as arrays (igraph, no NetworkX) gives the edges and the numbers of the
NetworkX projection, on the fixtures and the bundled data."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bilateral.graph.measures.arrays import project_edges
from bilateral.graph.measures.centrality import (
    MEASURES,
    Ranking,
    degrees,
    dyad_part,
    rank_sinks,
    started,
)
from bilateral.graph.measures.project import Projection, Slice, project_records
from bilateral.graph.measures.snapshot import read_snapshot
from bilateral.graph.measures.ties import state_ties, states_in

DATA = Path(__file__).parent.parent / "data"
OPTIONS = [
    {},
    {"view": "full"},
    {"rollup": True},
    {"types": ["State"]},
    {"view": "full", "types": ["Statement", "Person"]},
    {"domains": ["energy", "finance"]},
    {"kinds": ["Dependency", "Loan"]},
    {"when": Slice.parse(as_of="2021-06-01")},
    {"when": Slice.parse(start="2020", end="2020-12-31"), "view": "full"},
    {"include_negative": True},
]


@pytest.fixture(scope="module", params=["bundled", "measures", "second-dyad", "tiny"])
def snap(request):
    if request.param == "bundled":
        return read_snapshot()
    return read_snapshot(data=[str(DATA / request.param)])


@pytest.mark.parametrize("opts", OPTIONS, ids=lambda o: ",".join(o) or "default")
def test_the_arrays_hold_the_networkx_edges(snap, opts) -> None:
    how = Projection(**opts)  # one set of options for both projections
    G = project_records(snap.records, snap.actors, how)
    E = project_edges(snap.records, snap.actors, how)
    assert E.nodes == list(G.nodes)  # the same order, with a ``types`` filter too
    assert E.labels == [G.nodes[n]["label"] for n in E.nodes]
    assert E.cls == [G.nodes[n]["cls"] for n in E.nodes]
    ours = Counter(
        (E.nodes[u], E.nodes[v], bool(d))
        for u, v, d in zip(E.src.tolist(), E.dst.tolist(), E.directed.tolist(), strict=True)
    )
    theirs = Counter((u, v, d is not False) for u, v, d in G.edges(data="directed"))
    assert ours == theirs
    assert E.part() == dyad_part(G)
    for direction in ("both", "in", "out"):
        got = dict(zip(E.nodes, E.degrees(direction).tolist(), strict=True))
        assert got == degrees(G, direction), direction
    assert E.rank_sinks() == rank_sinks(G)
    for first in sorted({u for u, _, _ in ours})[:3]:
        assert E.part(first) == dyad_part(G, [first])
    # the ranking's state ties: each node's state, and the same ties, from both
    assert {E.nodes[i]: E.nodes[s] for i, s in enumerate(E.state.tolist()) if s >= 0} == (
        states_in(G)
    )
    lo, hi = E.ties()
    pairs = zip(lo.tolist(), hi.tolist(), strict=True)
    ties = Counter(frozenset((E.nodes[a], E.nodes[b])) for a, b in pairs)
    assert ties == Counter(frozenset(t) for t in state_ties(G))
    assert not ties or not how.rollup  # rolled up, every organ is its state: no ties


def test_keywords_stand_for_the_projection_fields_and_override_them(snap) -> None:
    full = Projection(view="full", kinds=["Loan"])
    E = project_edges(snap.records, snap.actors, full, view="actors")
    F = project_edges(snap.records, snap.actors, view="actors", kinds=["Loan"])
    assert E.view == "actors"
    assert (E.nodes, E.src.tolist()) == (F.nodes, F.src.tolist())
    with pytest.raises(TypeError):
        project_records(snap.records, snap.actors, full, colour="red")


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"view": "full"},
        {"rollup": True, "dyad": ["bid:belarus", "bid:russia"]},
        {"as_of": "2021-06-01"},
        {"types": ["State", "Person"]},
        {"domains": ["energy"]},
    ],
    ids=lambda k: ",".join(k) or "default",
)
def test_igraph_from_arrays_gives_the_networkx_numbers(kwargs) -> None:
    snap = read_snapshot()
    if "dyad" not in kwargs:
        kwargs = kwargs | {"dyad": ["belarus", "russia"]}
    ref = started(snap, Ranking(**kwargs), backend="networkx").result().set_index("iri")
    got = started(snap, Ranking(**kwargs), backend="igraph").result().set_index("iri")
    assert sorted(got.index) == sorted(ref.index)
    got = got.loc[ref.index]
    for col in ("label", "class", "dyad_part", "degree", "in_degree", "out_degree"):
        assert list(got[col]) == list(ref[col]), col
    for m in MEASURES:
        assert (got[m] - ref[m]).abs().max() < 1e-6, m


def test_igraph_from_arrays_on_the_fixture(dyad) -> None:
    ref = started(dyad, Ranking(view="full"), backend="networkx").result().set_index("iri")
    got = started(dyad, Ranking(view="full"), backend="igraph").result().set_index("iri")
    got = got.loc[ref.index]
    for m in MEASURES:
        assert (got[m] - ref[m]).abs().max() < 1e-6, m
    assert got.attrs == ref.attrs  # the same rank-sink warning, if any
