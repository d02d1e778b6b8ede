"""The projection onto NetworkX: which statements become which edges."""

from __future__ import annotations

import bilateral
from bilateral.graph.measures.project import project

from .conftest import BID


def _short(G):
    return {
        (
            u.rsplit("/", 1)[-1],
            v.rsplit("/", 1)[-1],
            d["statement"].rsplit("/", 1)[-1],
            d["directed"],
        )
        for u, v, d in G.edges(data=True)
    }


def test_statements_fold_into_edges(dyad) -> None:
    assert _short(project(dyad, rollup=True)) == {
        ("bland", "aland", "t-loan", True),  # creditor -> debtor, treasury rolled up
        ("cland", "aland", "t-support", True),  # agent -> target
        ("aland", "bland", "t-dep-ab", True),  # dependent -> provider
        ("aland", "bland", "t-dep-ab-trade", True),
        ("bland", "aland", "t-dep-ba", True),
        ("bland", "aland", "t-pledge", True),
        ("cland", "aland", "t-pressure", True),
        ("aland", "cland", "t-alt-ab", True),  # the dependent and its alternative
        ("bland", "aland", "t-ports", True),  # toward the beneficiary
        ("aland", "bland", "t-coop", False),  # no direction said: both ways, undirected
        ("bland", "aland", "t-coop", False),
    }  # the negative t-no-repay is not a tie


def test_edges_keep_their_trace(dyad) -> None:
    data = project(dyad).get_edge_data(BID + "bland", BID + "aland-treasury")[BID + "t-loan"]
    assert data["kind"] == "Loan" and data["domains"] == ("finance",)
    assert data["start"] == "2020-03-01"
    assert data["sources"] == ("https://w3id.org/bilateral/source/dyad",)


def test_full_view_keeps_statements_as_nodes(dyad) -> None:
    G = project(dyad, view="full")
    assert G.nodes[BID + "t-loan"]["cls"] == "Loan"
    assert G.has_edge(BID + "bland", BID + "t-loan") and G.has_edge(
        BID + "t-loan", BID + "aland-treasury"
    )
    assert G.has_edge(BID + "t-ports", BID + "aland")  # the beneficiary is pointed to


def test_filters(dyad) -> None:
    assert {d for *_, d in project(dyad, rollup=True, domains=["finance"]).edges(keys=True)} == {
        BID + "t-loan", BID + "t-support", BID + "t-dep-ab", BID + "t-alt-ab", BID + "t-coop"
    }  # fmt: skip
    assert set(project(dyad, types=["State"])) == {BID + "aland", BID + "bland", BID + "cland"}
    only_2020 = project(dyad, rollup=True, start="2020-01-01", end="2020-12-31", undated=False)
    assert {d["statement"] for *_, d in only_2020.edges(data=True)} == {
        BID + "t-loan",
        BID + "t-dep-ab",
    }
    # a partial end date is the end of its period: "--to 2020" includes all of 2020
    year = project(dyad, rollup=True, start="2020", end="2020", undated=False)
    assert {d["statement"] for *_, d in year.edges(data=True)} == {
        d["statement"] for *_, d in only_2020.edges(data=True)
    }


def test_a_snapshot_projects_like_its_graph(dyad, snap) -> None:
    assert _short(project(snap)) == _short(project(dyad))
    assert _short(bilateral.project(snap, rollup=True)) == _short(project(dyad, rollup=True))
