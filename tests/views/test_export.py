"""Exports: RDF round trips, graph formats that other tools open, atomic writes."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.graph.views.export import flat_graph

FIX = Path(__file__).parent.parent / "data"
runner = CliRunner()


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_rdf_exports_round_trip(bundled, tmp_path: Path, fmt: str) -> None:
    out = bilateral.export(fmt, tmp_path / f"g.{fmt}", bundled)
    parsed = Graph().parse(out, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt])
    assert isomorphic(parsed, flat_graph(bundled))


def test_data_only_export_leaves_out_the_ontology(bundled, tmp_path: Path) -> None:
    out = bilateral.export("ttl", tmp_path / "d.ttl", bundled, data_only=True)
    text = out.read_text(encoding="utf-8")
    assert "owl:Ontology" not in text and "bid:belarus" in text


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_open_in_networkx(bundled, tmp_path: Path, fmt: str) -> None:
    out = bilateral.export(fmt, tmp_path / f"g.{fmt}", bundled)
    G = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    P = bilateral.project(bundled)
    assert G.number_of_nodes() == P.number_of_nodes()
    assert G.number_of_edges() == P.number_of_edges()
    statements = {d["statement"] for *_, d in G.edges(data=True)}
    assert "https://w3id.org/bilateral/id/loan-2020-tranche-1" in statements


def test_csv_export_neutralises_formulas(tmp_path: Path) -> None:
    g = bilateral.load([FIX / "hostile"])
    out = bilateral.export("csv", tmp_path / "csv", g)
    with (out / "nodes.csv").open(encoding="utf-8") as fh:
        labels = {row["label"] for row in csv.DictReader(fh)}
    assert '\'=HYPERLINK("http://evil")' in labels
    with (out / "edges.csv").open(encoding="utf-8") as fh:
        edge_labels = {row["label"] for row in csv.DictReader(fh)}
    assert "'@SUM(1) pressure" in edge_labels and "'+1+1 dependency" in edge_labels


def test_export_is_atomic(bundled, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "g.ttl"
    target.write_text("old")

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Graph, "serialize", boom)
    with pytest.raises(RuntimeError):
        bilateral.export("ttl", target, bundled)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]


def test_cli_export(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "gexf", "--out", str(tmp_path / "g.gexf")])
    assert result.exit_code == 0 and (tmp_path / "g.gexf").exists()
    bad = runner.invoke(app, ["export", "--format", "rdfxml", "--out", str(tmp_path / "x")])
    assert bad.exit_code == 2
