"""TriG and N-Quads out (issue 15): each triple stays in its file's stable named graph,
and export → load gives the same quads back (read by rdflib and by pyoxigraph)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import InputError
from bilateral.graph.source.naming import GRAPH_BASE, ONTOLOGY_GRAPH
from bilateral.graph.sparql.dataset import graph_names

runner = CliRunner()
TRIG = """@prefix bil: <https://w3id.org/bilateral/ontology#> .
@prefix bid: <https://w3id.org/bilateral/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
bid:outside a bil:State ; rdfs:label "Outside"@en .
<https://example.org/graph/actors> { bid:inside a bil:State ; rdfs:label "Inside"@en . }
"""


def _graph(g, name: str) -> Graph:
    return Graph(store=g.store, identifier=URIRef(name))


def _same_quads(a, b) -> None:
    names = graph_names(a)
    assert names == graph_names(b)
    for name in names:
        assert isomorphic(_graph(a, name), _graph(b, name)), name


@pytest.mark.parametrize(
    ("fmt", "suffix"),
    [("trig", "trig"), ("nq", "nq"), pytest.param("nquads", "nq", marks=pytest.mark.slow)],
)  # "nquads" is another name of "nq"
def test_export_then_load_gives_the_same_quads(
    bundled, tmp_path: Path, fmt: str, suffix: str
) -> None:
    out = bilateral.export(bundled, fmt, tmp_path / f"all.{suffix}")
    back = bilateral.load([out])  # the file's own ontology graph is the one loaded
    _same_quads(bundled, back)
    assert GRAPH_BASE + "bundled/belarus-russia/economy.ttl" in graph_names(back)


def test_user_graphs_keep_their_names(tmp_path: Path) -> None:
    folder = tmp_path / "kg"
    folder.mkdir()
    (folder / "events.trig").write_text(TRIG, encoding="utf-8")
    g = bilateral.load([folder])
    out = bilateral.export(g, "trig", tmp_path / "kg.trig", data_only=True)
    names = set(graph_names(bilateral.load([out])))
    assert {"https://example.org/graph/actors", GRAPH_BASE + "kg/events.trig"} <= names
    assert not any(n.startswith("file:") for n in names)


@pytest.mark.parametrize(("fmt", "syntax"), [("trig", "TRIG"), ("nq", "N_QUADS")])
def test_pyoxigraph_reads_the_same_graphs(bundled, tmp_path: Path, fmt: str, syntax: str):
    import pyoxigraph as ox

    out = bilateral.export(bundled, fmt, tmp_path / f"all.{fmt}", data_only=True)
    quads = list(ox.parse(path=str(out), format=getattr(ox.RdfFormat, syntax)))
    names = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    assert names == set(graph_names(bundled)) - {ONTOLOGY_GRAPH}
    assert all(isinstance(q.graph_name, ox.NamedNode) for q in quads)  # no default graph
    economy = GRAPH_BASE + "bundled/belarus-russia/economy.ttl"
    in_economy = [q for q in quads if q.graph_name.value == economy]  # type: ignore[union-attr]
    assert len(in_economy) == len(_graph(bundled, economy))


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_a_different_ontology_under_its_name_is_refused(bundled, tmp_path: Path) -> None:
    out = bilateral.export(bundled, "nq", tmp_path / "all.nq")
    text = out.read_text(encoding="utf-8").replace('"bilateral ontology"', '"renamed"', 1)
    assert '"renamed"' in text  # the test changed the ontology's own graph
    out.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="all.nq.*not this version's ontology"):
        bilateral.load([out])


@pytest.mark.slow  # three CLI exports and loads; the library's round trips above are quick
def test_cli_export_trig_and_nquads(bundled, tmp_path: Path) -> None:
    for fmt in ("trig", "nquads"):
        target = tmp_path / f"g.{'trig' if fmt == 'trig' else 'nq'}"
        result = runner.invoke(app, ["export", "--format", fmt, "--out", str(target)])
        assert result.exit_code == 0, result.output
        _same_quads(bundled, bilateral.load([target]))
    result = runner.invoke(app, ["export", "--format", "nq", "--data-only", "--out", "-"])
    assert result.exit_code == 0 and f"<{ONTOLOGY_GRAPH}>" not in result.stdout
    piped = tmp_path / "piped.nq"
    piped.write_text(result.stdout, encoding="utf-8")
    _same_quads(bundled, bilateral.load([piped]))  # the ontology comes from the package


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_the_store_exports_the_same_quads(bundled, bundled_store, tmp_path: Path) -> None:
    """A store gives plain strings as "x"^^xsd:string (the same RDF 1.1 term): its export
    loads back equal to the in-memory graph, ontology graph included."""
    out = bilateral.export(bundled_store, "trig", tmp_path / "store.trig")
    _same_quads(bundled, bilateral.load([out]))
