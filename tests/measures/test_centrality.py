"""Centrality: hand-computed degrees, the default ranking on the dyad's connected part,
rank sinks, and the agreement of the two backends."""

from __future__ import annotations

import networkx as nx
import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import InputError
from bilateral.graph.measures.centrality import (
    DEFAULT_RANKING,
    Ranking,
    measures,
    rank_sinks,
    started,
)
from bilateral.graph.measures.project import project

from .conftest import BID, FIX, use_kernel


def test_degrees_count_statements_hand_computed(dyad) -> None:
    """Aland takes part in nine statements (the cooperation counts once although it is
    drawn both ways; the negative one not at all), Bland in seven, Cland in three."""
    df = bilateral.centrality(dyad).set_index("iri")
    assert df.loc[BID + "aland", "degree"] == 9
    assert df.loc[BID + "bland", "degree"] == 7
    assert df.loc[BID + "cland", "degree"] == 3
    assert df.loc[BID + "aland-treasury", "degree"] == 1


def test_default_ranking_is_eigenvector_on_the_undirected_graph(dyad) -> None:
    df = bilateral.centrality(dyad)
    assert DEFAULT_RANKING == "eigenvector"
    assert list(df["label"]) == ["Aland", "Bland", "Cland", "Aland treasury"]
    # by hand: the undirected graph weighted by statements between two actors, plus the
    # state ties of Bland's loan to Aland's treasury: treasury-Aland and Bland-Aland
    U = nx.Graph()
    U.add_weighted_edges_from(
        [(BID + "aland", BID + "bland", 6 + 1), (BID + "aland", BID + "cland", 3),
         (BID + "bland", BID + "aland-treasury", 1), (BID + "aland-treasury", BID + "aland", 1)]
    )  # fmt: skip
    ref = nx.eigenvector_centrality_numpy(U, weight="weight")
    for iri, value in ref.items():
        assert df.set_index("iri").loc[iri, "eigenvector"] == pytest.approx(abs(value), abs=1e-6)


def test_a_closed_minor_pair_cannot_outrank_the_leaders() -> None:
    """The failure of directed PageRank on this kind of graph: a two-node cycle outside
    the dyad's part (or hanging off it) collects rank; the default ranking does not."""
    G = nx.MultiDiGraph()
    for i, (u, v) in enumerate(
        [
            ("A", "B"),
            ("B", "A"),
            ("A", "x"),
            ("B", "y"),
            ("x", "A"),
            ("A", "church"),
            ("church", "figures"),
            ("figures", "church"),
        ]
    ):
        G.add_edge(u, v, key=f"s{i}", directed=True)  # fmt: skip
    pr = nx.pagerank(nx.DiGraph(G))
    assert max(pr, key=pr.get) in {"church", "figures"}  # the artefact
    ranked = measures(G, ["eigenvector"])["eigenvector"].sort_values(ascending=False)
    assert list(ranked.index[:2]) == ["A", "B"]
    assert rank_sinks(G) == [["church", "figures"]]


def test_pagerank_warns_about_rank_sinks(bundled) -> None:
    df = bilateral.centrality(bundled, measure="pagerank", top=5)
    assert "rank sinks" in df.attrs["warnings"][0]
    assert "Belarusian Orthodox Church" in df.attrs["warnings"][0]


def test_the_bundled_leaders_lead(bundled) -> None:
    df = bilateral.centrality(bundled, dyad=["belarus", "russia"])
    top = list(df["label"][:4])
    assert set(top[:2]) == {"Belarus", "Russia"} and "Aleksandr Lukashenko" in top
    church = df.set_index("label").loc["Belarusian Orthodox Church"]
    assert df.index[df["label"] == "Belarusian Orthodox Church"][0] > 10
    assert church["eigenvector"] < df["eigenvector"].iloc[2]


def test_outside_the_dyads_part_scores_zero() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("A", "B", key="1", directed=True)
    G.add_edge("C", "D", key="2", directed=True)
    G.add_edge("D", "C", key="3", directed=True)
    ev = measures(G, ["eigenvector"], part={"A", "B"})["eigenvector"]
    assert ev["C"] == 0.0 and ev["D"] == 0.0 and ev["A"] > 0


def test_backends_agree_on_small_graphs(dyad, bundled) -> None:
    graphs = [
        project(dyad),
        project(bundled, view="full"),
        nx.MultiDiGraph(nx.gnm_random_graph(120, 500, seed=7, directed=True)),
    ]
    for G in graphs:
        a = measures(G, backend="networkx")
        b = measures(G, backend="igraph")
        assert (a - b).abs().max().max() < 1e-6


def test_bad_input(dyad) -> None:
    with pytest.raises(InputError, match="bad `as_of`"):
        bilateral.centrality(dyad, as_of="2020-02-30")
    with pytest.raises(InputError, match="unknown measure"):
        bilateral.centrality(dyad, measure="fame")
    early = bilateral.centrality(dyad, start="1900-01-01", end="1900-12-31")
    assert early.empty  # undated statements hold at their source's date (2021), not in 1900
    later = bilateral.centrality(dyad, as_of="2030-01-01")
    assert BID + "cland" in set(later["iri"])  # carried forward past the source's date
    assert any("carried forward" in w for w in later.attrs["warnings"])  # and said so
    assert "warnings" not in bilateral.centrality(dyad, as_of="2021-06-01").attrs
    assert bilateral.centrality(dyad, domains=["religious"]).empty


def test_cli_json_equals_the_library(dyad) -> None:
    import json

    result = CliRunner().invoke(app, ["centrality", "--format", "json", "--data", str(FIX)])
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    want = bilateral.centrality(dyad)
    assert [r["iri"] for r in got] == list(want["iri"])
    assert [r["degree"] for r in got] == list(want["degree"])


def test_degree_counts_distinct_statements_on_the_bundled_data(bundled) -> None:
    """A statement with several targets is one statement: Lukashenko's degree is the
    number of (non-negative) statements that tie him to someone, not of edges."""
    from bilateral.graph.measures.project import edge_pairs
    from bilateral.graph.measures.snapshot import read_snapshot

    snap = read_snapshot(bundled)
    luka = snap.resolve("lukashenko")
    mine = [r for r in snap.records if not r.negative and any(luka in p[:2] for p in edge_pairs(r))]
    edges = sum(sum(luka in p[:2] for p in edge_pairs(r)) for r in mine)
    df = bilateral.centrality(snap, measure="degree").set_index("iri")
    assert df.loc[luka, "degree"] == len(mine) < edges


def test_a_dyad_missing_from_the_view_is_said(dyad) -> None:
    df = bilateral.centrality(dyad, kinds=["Loan"], dyad=["cland", "aland"])
    assert any("Cland has no ties in this view" in w for w in df.attrs["warnings"])
    assert (df["eigenvector"] == 0).all()


def test_reach_counts_equal_a_bfs_from_every_node() -> None:
    """``backend.reach_in`` (closeness's reach counts from the condensation) answers what
    igraph's BFS from every node answers, on random graphs with cycles and isolated nodes,
    in several bit chunks."""
    import random

    from bilateral.graph.measures.backend import igraph, reach_in

    ig = igraph()
    rng = random.Random(3)
    for n, m in [(1, 0), (30, 20), (200, 260), (300, 900)]:
        edges = [(rng.randrange(n), rng.randrange(n)) for _ in range(m)]
        gd = ig.Graph(n=n, edges=edges, directed=True)
        expected = gd.neighborhood_size(order=n, mode="in")
        assert reach_in(gd) == expected
        assert reach_in(gd, chunk=64) == expected


def test_an_estimated_betweenness_is_said(bundled, monkeypatch) -> None:
    """Above ``APPROX_THRESHOLD`` nodes betweenness alone is sampled: the frame says so
    (the CLI prints its warnings, the report a note); exact numbers say nothing. With
    closeness asked too, the compiled search from every node that closeness needs gives
    betweenness exactly in the same pass; without it, igraph samples."""
    from bilateral.graph.measures import backend as bmod
    from bilateral.graph.measures import brandes

    exact = started(bundled, backend="igraph").result()
    assert "estimated" not in exact.attrs
    monkeypatch.setattr(bmod, "APPROX_THRESHOLD", 3)
    monkeypatch.setattr(bmod, "APPROX_SAMPLES", 4)
    frame = started(bundled, Ranking(measure="betweenness"), backend="igraph").result()
    assert "4 sampled source nodes" in frame.attrs["estimated"]
    assert frame.attrs["estimated"] in frame.attrs["warnings"]
    both = started(bundled, backend="igraph").result()
    if brandes.kernel() is not None:
        assert "estimated" not in both.attrs
        assert (
            both.set_index("iri")["betweenness"]
            .round(12)
            .equals(exact.set_index("iri")["betweenness"].round(12))
        )
    use_kernel(monkeypatch, None)  # as without numba
    sampled = started(bundled, backend="igraph").result()
    assert "4 sampled source nodes" in sampled.attrs["estimated"]
