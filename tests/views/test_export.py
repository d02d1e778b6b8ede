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


@pytest.mark.parametrize("fmt", ["ttl", "nt", pytest.param("jsonld", marks=pytest.mark.slow)])
def test_rdf_exports_round_trip(bundled, tmp_path: Path, fmt: str) -> None:
    out = bilateral.export(bundled, fmt, tmp_path / f"g.{fmt}")
    parsed = Graph().parse(out, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt])
    assert isomorphic(parsed, flat_graph(bundled))


def test_data_only_export_leaves_out_the_ontology(bundled, tmp_path: Path) -> None:
    out = bilateral.export(bundled, "ttl", tmp_path / "d.ttl", data_only=True)
    text = out.read_text(encoding="utf-8")
    assert "owl:Ontology" not in text and "bid:belarus" in text


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_open_in_networkx(bundled, tmp_path: Path, fmt: str) -> None:
    out = bilateral.export(bundled, fmt, tmp_path / f"g.{fmt}")
    G = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    P = bilateral.project(bundled)
    assert G.number_of_nodes() == P.number_of_nodes()
    assert G.number_of_edges() == P.number_of_edges()
    statements = {d["statement"] for *_, d in G.edges(data=True)}
    assert "https://w3id.org/bilateral/id/loan-2020-tranche-1" in statements


def test_csv_export_neutralises_formulas(tmp_path: Path) -> None:
    g = bilateral.load([FIX / "hostile"])
    out = bilateral.export(g, "csv", tmp_path / "csv")
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
        bilateral.export(bundled, "ttl", target)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]


def test_cli_export(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "gexf", "--out", str(tmp_path / "g.gexf")])
    assert result.exit_code == 0 and (tmp_path / "g.gexf").exists()
    bad = runner.invoke(app, ["export", "--format", "rdfxml", "--out", str(tmp_path / "x")])
    assert bad.exit_code == 2


NUMERIC_EDGE = ("confidence", "strength", "weight")
NUMERIC_NODE = ("degree", "in_degree", "out_degree", "eigenvector", "pagerank", "betweenness")


@pytest.mark.parametrize("view", ["actors", "full"])
def test_graphml_reads_in_igraph_with_typed_attributes(bundled, tmp_path: Path, view: str):
    """igraph's own GraphML reader (it refused our files: "Duplicate attribute name
    found: 'strength'"); numbers are numbers, a missing one is NaN, never ''."""
    import math

    import igraph

    out = bilateral.export(bundled, "graphml", tmp_path / "g.graphml", view=view)
    ig = igraph.Graph.Read_GraphML(str(out))
    P = bilateral.project(bundled, view=view)
    assert ig.vcount() == P.number_of_nodes() and ig.ecount() == P.number_of_edges()
    for name in NUMERIC_EDGE:
        values = ig.es[name]
        assert all(isinstance(v, float) for v in values), name
        assert any(not math.isnan(v) for v in values), name
    assert any(math.isnan(v) for v in ig.es["strength"])  # not every statement has one
    for name in NUMERIC_NODE:
        assert all(isinstance(v, float) and not math.isnan(v) for v in ig.vs[name]), name
    assert set(ig.vs["dyad_part"]) <= {True, False}
    assert all(isinstance(v, str) for v in ig.es["domains"])
    if view == "actors":
        by_label = dict(zip(ig.vs["label"], ig.vs["eigenvector"], strict=True))
        top = max(by_label, key=lambda k: by_label[k])
        assert top in {"Belarus", "Russia"}  # the default ranking, as `bilateral centrality`


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_networkx_reads_typed_attributes(bundled, tmp_path: Path, fmt: str) -> None:
    out = bilateral.export(bundled, fmt, tmp_path / f"g.{fmt}")
    G = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    for *_, d in G.edges(data=True):
        for name in ("confidence", "strength"):
            assert name not in d or isinstance(d[name], float), (name, d.get(name))
        assert "" not in d.values()
        assert "domains" not in d or isinstance(d["domains"], str)  # one string, "; "-joined
    strengths = [d["strength"] for *_, d in G.edges(data=True) if "strength" in d]
    assert strengths and all(0 <= s <= 1 for s in strengths)
    for _, d in G.nodes(data=True):
        assert isinstance(d["eigenvector"], float) and isinstance(d["degree"], float)
    assert any("; " in d.get("domains", "") for *_, d in G.edges(data=True))


def test_gexf_declares_numbers_as_doubles(bundled, tmp_path: Path) -> None:
    """What Gephi reads: each attribute declared once with its type; numbers as double, so
    Gephi can rank and size by them; no empty values."""
    import xml.etree.ElementTree as ET

    out = bilateral.export(bundled, "gexf", tmp_path / "g.gexf")
    root = ET.parse(out).getroot()
    ns = {"g": root.tag.split("}")[0].strip("{")}
    declared: dict[tuple[str, str], str] = {}
    for block in root.iter(f"{{{ns['g']}}}attributes"):
        for attr in block.findall("g:attribute", ns):
            key = (block.get("class", ""), attr.get("title", ""))
            assert key not in declared, f"{key} declared twice"
            declared[key] = attr.get("type", "")
    assert declared[("edge", "strength")] == "double"
    assert declared[("edge", "confidence")] == "double"
    for measure in ("eigenvector", "degree", "pagerank"):
        assert declared[("node", measure)] == "double"
    assert declared[("node", "dyad_part")] == "boolean"
    assert all(v.get("value") != "" for v in root.iter(f"{{{ns['g']}}}attvalue"))


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_project_is_writable_through_for_export(bundled, tmp_path: Path) -> None:
    P = bilateral.project(bundled)
    with pytest.raises((nx.NetworkXError, TypeError, KeyError)):
        nx.write_graphml(P, tmp_path / "raw.graphml")  # tuples, frozensets and None
    H = bilateral.for_export(P)
    nx.write_graphml(H, tmp_path / "g.graphml")
    nx.write_gexf(H, tmp_path / "g.gexf")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_edges() == P.number_of_edges()
    plain = bilateral.for_export(P, centrality=False)
    assert "eigenvector" not in next(iter(plain.nodes(data=True)))[1]
