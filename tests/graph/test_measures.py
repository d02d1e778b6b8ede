"""Measures on a hand-computed fixture, backend agreement, traceability, errors."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import InputError, UnknownNameError
from bilateral.graph.measures.centrality import measures
from bilateral.graph.measures.project import project

BID = "https://w3id.org/bilateral/id/"
FIX = Path(__file__).parent.parent / "data" / "measures"


@pytest.fixture(scope="module")
def dyad():
    return bilateral.load([FIX])


def test_projection_folds_statements_into_edges(dyad) -> None:
    G = project(dyad, rollup=True)
    edges = {
        (u.rsplit("/", 1)[-1], v.rsplit("/", 1)[-1], d["statement"].rsplit("/", 1)[-1])
        for u, v, d in G.edges(data=True)
    }
    assert edges == {
        ("bland", "aland", "t-loan"),  # creditor -> debtor, treasury rolled up to Aland
        ("cland", "aland", "t-support"),  # agent -> target
        ("aland", "bland", "t-dep-ab"),  # dependent -> provider
        ("bland", "aland", "t-dep-ba"),
        ("bland", "aland", "t-pledge"),
    }  # the negative t-no-repay is not a tie


def test_edges_keep_their_trace(dyad) -> None:
    G = project(dyad)
    data = G.get_edge_data(BID + "bland", BID + "aland-treasury")[BID + "t-loan"]
    assert data["kind"] == "Loan" and data["domains"] == ("finance",)
    assert data["start"] == "2020-03-01" and data["sources"] == (
        "https://w3id.org/bilateral/source/dyad",
    )


def test_full_view_keeps_statements_as_nodes(dyad) -> None:
    G = project(dyad, view="full")
    assert G.nodes[BID + "t-loan"]["cls"] == "Loan"
    assert G.has_edge(BID + "bland", BID + "t-loan")
    assert G.has_edge(BID + "t-loan", BID + "aland-treasury")


def test_filters(dyad) -> None:
    assert project(dyad, rollup=True, domains=["trade"]).number_of_edges() == 2
    assert project(dyad, rollup=True, kinds=["Agreement"]).number_of_edges() == 2  # loan, pledge
    assert set(project(dyad, types=["State"])) == {BID + "aland", BID + "bland", BID + "cland"}
    only_2020 = project(dyad, rollup=True, start="2020-01-01", end="2020-12-31", undated=False)
    assert {d["statement"] for *_, d in only_2020.edges(data=True)} == {
        BID + "t-loan",
        BID + "t-dep-ab",
    }


def test_centrality_hand_computed(dyad) -> None:
    df = bilateral.centrality(dyad, rollup=True).set_index("iri")
    assert df.loc[BID + "aland", "degree"] == 5
    assert df.loc[BID + "aland", "in_degree"] == 4
    assert df.loc[BID + "bland", "out_degree"] == 3
    assert df.loc[BID + "aland", "betweenness"] == pytest.approx(0.5)  # on C -> A -> B
    assert df.loc[BID + "bland", "betweenness"] == 0.0
    assert df["pagerank"].sum() == pytest.approx(1.0)
    assert list(df.columns[:2]) == ["label", "class"]


def test_dependence_hand_computed(dyad) -> None:
    r = bilateral.dependence("aland", "bland", dyad)
    fin = next(d for d in r.domains if d.domain == "finance")
    # inflows to Aland in finance: loan (Bland), support (Cland), own dependency (Bland)
    assert fin.share == pytest.approx(2 / 3)
    assert fin.strength == pytest.approx(0.75)
    assert fin.vulnerability == pytest.approx(0.5)  # one alternative partner: 1/(1+1)
    assert fin.sdi == pytest.approx((2 / 3 + 0.75 + 0.5) / 3)
    assert fin.hhi == pytest.approx((2 / 3) ** 2 + (1 / 3) ** 2)
    trade = next(d for d in r.domains if d.domain == "trade")
    assert trade.sdi == pytest.approx((1 + 0 + 1) / 3)
    assert r.active == ["finance", "trade"]
    assert r.total == pytest.approx(((2 / 3 + 0.75 + 0.5) / 3 + 2 / 3) / 2)
    assert r.reverse_total == pytest.approx((0 + (1 + 0.25 + 1) / 3) / 2)
    assert r.asymmetry == pytest.approx(r.total - r.reverse_total)


def test_dependence_is_traceable_to_statements(dyad) -> None:
    r = bilateral.dependence("aland", "bland", dyad)
    fin = next(d for d in r.domains if d.domain == "finance")
    assert fin.tie_statements == [BID + "t-dep-ab", BID + "t-loan"]
    assert fin.dependency_statements[0]["statement"] == BID + "t-dep-ab"
    assert set(fin.partners) == {BID + "bland", BID + "cland"}
    data = r.to_dict()
    assert data["domains"][3]["tie_statements"] == fin.tie_statements


def test_dependence_time_slice(dyad) -> None:
    r = bilateral.dependence("aland", "bland", dyad, as_of="2020-06-01")
    fin = next(d for d in r.domains if d.domain == "finance")
    assert fin.sdi == pytest.approx((1 + 0.75 + 1) / 3)  # Cland's 2021 support not yet
    assert r.total == pytest.approx(fin.sdi / 2)  # trade: only Bland's undated dependency


def test_dependence_by_year(dyad) -> None:
    rows = {row["year"]: row for row in bilateral.dependence("aland", "bland", dyad).by_year}
    assert set(rows) == {2020, 2021}
    assert rows[2020]["finance"] == pytest.approx(round((1 + 0.75 + 1) / 3, 4))
    assert rows[2021]["trade"] == pytest.approx(round(2 / 3, 4))


def test_weights_and_sensitivity(dyad, tmp_path: Path) -> None:
    f = tmp_path / "w.json"
    f.write_text('{"domains": {"finance": 3, "trade": 1}}')
    r = bilateral.dependence("aland", "bland", dyad, weights=f)
    fin, trade = ((2 / 3 + 0.75 + 0.5) / 3), 2 / 3
    assert r.total == pytest.approx((3 * fin + trade) / 4)
    sens = {row["domain"]: row for row in r.sensitivity}
    assert sens["finance"]["total_without"] == pytest.approx(round(trade, 4))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"nowhere": 1}', "unknown domain"),
        ('{"finance": -1}', "must be a number >= 0"),
        ("{not json", "not valid"),
        ('{"components": {"luck": 1}}', "unknown component"),
    ],
)
def test_bad_weights(dyad, tmp_path: Path, content: str, message: str) -> None:
    f = tmp_path / "w.json"
    f.write_text(content)
    with pytest.raises(InputError, match=message):
        bilateral.dependence("aland", "bland", dyad, weights=f)


def test_scenario_removes_and_weakens(dyad) -> None:
    r = bilateral.scenario("t-scenario", dyad, dependent="aland", provider="bland")
    fin_after = next(d for d in r.after.domains if d.domain == "finance")
    assert fin_after.share == 1.0 and fin_after.strength == pytest.approx(0.375)
    assert fin_after.sdi == pytest.approx((1 + 0.375 + 1) / 3)
    assert r.after.total == pytest.approx(((1 + 0.375 + 1) / 3 + 2 / 3) / 2)
    assert BID + "cland" in r.removed


def test_scenario_drop_kind(dyad) -> None:
    r = bilateral.scenario(
        None, dyad, drop_kinds=["Dependency"], dependent="aland", provider="bland"
    )
    assert all(d.strength == 0 for d in r.after.domains)


def test_compare_two_dates(dyad) -> None:
    c = bilateral.compare("2020-06-01", "2021-12-31", dyad)
    assert (c.dep_first.dependent, c.dep_first.provider) == (BID + "aland", BID + "bland")
    rows = {row["domain"]: row for row in c.dependence_table()}
    assert rows["trade"]["change"] == pytest.approx(round(2 / 3, 4))
    assert "rank_change" in c.centrality.columns


def test_backends_agree_on_small_graphs(dyad) -> None:
    graphs = [
        project(dyad),
        project(bilateral.load(), view="full"),
        nx.MultiDiGraph(nx.gnm_random_graph(120, 500, seed=7, directed=True)),
    ]
    for G in graphs:
        a = measures(G, backend="networkx")
        b = measures(G, backend="igraph")
        assert (a - b).abs().max().max() < 1e-6


def test_names_resolve_and_fail_clearly(dyad, tmp_path: Path) -> None:
    from bilateral.graph.source.resolve import resolve

    assert resolve(dyad, "bid:aland") == resolve(dyad, "ALAND") == BID + "aland"
    assert resolve(dyad, BID + "aland") == BID + "aland"
    with pytest.raises(UnknownNameError, match="did you mean"):
        bilateral.dependence("alan", "bland", dyad)
    other = tmp_path / "other.ttl"
    other.write_text(
        "@prefix bil: <https://w3id.org/bilateral/ontology#> .\n"
        "@prefix bid: <https://w3id.org/bilateral/id/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'bid:aland-city a bil:Place ; skos:altLabel "Capital"@en .\n'
        'bid:bland skos:altLabel "Capital"@en .\n'
    )
    with pytest.raises(UnknownNameError, match="ambiguous"):
        resolve(bilateral.load([FIX, other]), "capital")


def test_bad_dates_and_empty_slices(dyad) -> None:
    with pytest.raises(InputError, match="bad --as-of"):
        bilateral.centrality(dyad, as_of="2020-02-30")
    early = bilateral.centrality(dyad, start="1900-01-01", end="1900-12-31")
    assert set(early["iri"]) == {BID + "aland", BID + "bland"}  # only the undated statement
    assert bilateral.centrality(dyad, domains=["religious"]).empty
    r = bilateral.dependence("cland", "bland", dyad)
    assert r.total == 0.0 and r.active == []
    result = runner.invoke(app, ["centrality", "--domain", "religious", "--data", str(FIX)])
    assert result.exit_code == 0 and "no nodes in this slice" in result.stderr


runner = CliRunner()


def test_cli_measures(tmp_path: Path) -> None:
    data = ["--data", str(FIX)]
    result = runner.invoke(app, ["dependence", "aland", "bland", "--format", "json", *data])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app,
        ["dependence", "aland", "bland", "--by", "year", "--plot", str(tmp_path / "p.png"), *data],
    )
    assert result.exit_code == 0 and (tmp_path / "p.png").read_bytes()[:4] == b"\x89PNG"
    assert runner.invoke(app, ["centrality", "--top", "2", "--format", "csv", *data]).exit_code == 0
    result = runner.invoke(app, ["compare", "--as-of", "2020-06-01", "--as-of", "2021", *data])
    assert result.exit_code == 0, result.output
    assert (
        runner.invoke(
            app, ["scenario", "t-scenario", "--dependent", "aland", "--provider", "bland", *data]
        ).exit_code
        == 0
    )


@pytest.mark.parametrize(
    "args",
    [
        ["dependence", "aland", "narnia"],
        ["centrality", "--as-of", "yesterday"],
        ["compare", "--as-of", "2020"],
        ["scenario", "aland"],
        ["scenario", "--drop-kind", "Nonsense"],
        ["dependence", "aland", "bland", "--weights", "/nonexistent.json"],
    ],
)
def test_cli_errors_are_one_line(args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--data", str(FIX)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
