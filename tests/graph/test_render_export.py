"""HTML safety without a browser, exports round trips, the report."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import InputError
from bilateral.graph.views.export import flat_graph
from bilateral.graph.views.page import _json_for_script, html_document
from bilateral.graph.views.render import render

FIX = Path(__file__).parent.parent / "data"
runner = CliRunner()


def test_html_is_self_contained_and_has_csp(bundled) -> None:
    text = html_document(render(bundled))
    assert 'http-equiv="Content-Security-Policy"' in text
    assert "default-src 'none'" in text and "connect-src 'none'" in text
    assert "unsafe-eval" not in text
    # no element loads anything: no src/href attributes, no <link>
    html_only = re.sub(r"<script>.*?</script>", "", text, flags=re.S)
    assert not re.search(r"\s(src|href)\s*=", html_only)
    assert "<link" not in html_only
    assert text.count("<script") - text.count("<script\\") >= 3


def test_json_cannot_break_out_of_its_script_tag() -> None:
    payload = _json_for_script({"x": "</script><script>alert(1)</script>\u2028&"})
    assert "<" not in payload and ">" not in payload and "&" not in payload
    assert "\u2028" not in payload
    assert json.loads(payload)["x"].startswith("</script>")


def test_hostile_data_stays_data() -> None:
    g = bilateral.load([FIX / "hostile"])
    text = html_document(render(g))
    data = text.split('id="graph-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data
    assert json.loads(data)["nodes"]


def test_render_options(bundled) -> None:
    net = render(bundled, focus="lukashenko", depth=1, size_by="degree")
    ids = {n["id"] for n in net.nodes}
    assert "https://w3id.org/bilateral/id/lukashenko" in ids and len(ids) < 40
    assert all(n["shape"] for n in net.nodes)
    with pytest.raises(InputError, match="size-by"):
        render(bundled, size_by="fame")
    full = render(bundled, view="full", size_by="none")
    assert any(n["cls"] == "Dependency" for n in full.nodes)


def test_edges_carry_statement_quotes(bundled) -> None:
    net = render(bundled)
    columns = net.bilateral["statements"]
    i = columns["iri"].index("https://w3id.org/bilateral/id/loan-2020-tranche-1")
    info = {field: values[i] for field, values in columns.items()}
    assert info["when"] == "2020-12-01" and "$500 million" in info["quotes"][0]


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


def test_report_writes_everything(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["centrality.csv", "dependence.png", "graph.html", "report.md"]
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "Structural dependence of Belarus on Russia" in text
    assert "Scenario 3" in text and "“" in text
    assert "SDI(Belarus on Russia)" in result.stdout


def test_report_refuses_invalid_data(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "report",
            "--out",
            str(tmp_path / "o"),
            "--data",
            "bundled",
            "--data",
            str(FIX / "bad" / "checks-bad.ttl"),
        ],
    )
    assert result.exit_code == 1
    assert "validation problem" in result.stderr
    assert not (tmp_path / "o" / "report.md").exists()


def test_report_markdown_escapes_hostile_labels(tmp_path: Path) -> None:
    from bilateral.graph.views.report import md

    assert "<" not in md("<script>x</script>") and "\\|" in md("a|b")


def test_cli_render_and_export(tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    result = runner.invoke(app, ["render", "--out", str(out), "--focus", "putin", "--depth", "2"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = runner.invoke(app, ["export", "--format", "gexf", "--out", str(tmp_path / "g.gexf")])
    assert result.exit_code == 0 and (tmp_path / "g.gexf").exists()
    bad = runner.invoke(app, ["export", "--format", "rdfxml", "--out", str(tmp_path / "x")])
    assert bad.exit_code == 2
    missing = runner.invoke(app, ["render", "--out", str(tmp_path / "no" / "dir" / "g.html")])
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
