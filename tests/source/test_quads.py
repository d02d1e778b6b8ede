"""TriG and N-Quads in: each graph kept (in memory and in the store), triples outside a
graph in the file's own graph, the loader's errors and limits, nothing half-loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import DataSyntaxError, InputError
from bilateral.graph.source.naming import GRAPH_BASE
from bilateral.graph.source.store import load_store, open_dataset
from bilateral.ontology.namespace import BID

runner = CliRunner()
TRIG = """@prefix bil: <https://w3id.org/bilateral/ontology#> .
@prefix bid: <https://w3id.org/bilateral/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
bid:outside a bil:State ; rdfs:label "Outside"@en .
<https://example.org/graph/actors> {
  bid:inside a bil:State ; rdfs:label "Inside"@en .
}
GRAPH <https://example.org/graph/more> { bid:more a bil:State ; rdfs:label "More"@en . }
"""
NQ = (
    '<https://w3id.org/bilateral/id/q1> <http://www.w3.org/2000/01/rdf-schema#label> "Q1" '
    "<https://example.org/graph/q> .\n"
    '<https://w3id.org/bilateral/id/q2> <http://www.w3.org/2000/01/rdf-schema#label> "Q2" .\n'
)


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _graphs(g, node) -> set[str]:
    return {str(getattr(c, "identifier", c)) for _, _, _, c in g.quads((node, None, None, None))}


def test_trig_keeps_its_graphs(tmp_path: Path) -> None:
    f = _write(tmp_path / "kg", "events.trig", TRIG)
    g = bilateral.load([f])
    assert _graphs(g, BID.inside) == {"https://example.org/graph/actors"}
    assert _graphs(g, BID.more) == {"https://example.org/graph/more"}
    assert _graphs(g, BID.outside) == {GRAPH_BASE + "kg/events.trig"}


def test_nquads_keep_their_graphs(tmp_path: Path) -> None:
    f = _write(tmp_path / "kg", "q.nq", NQ)
    g = bilateral.load([tmp_path / "kg"])
    assert _graphs(g, BID.q1) == {"https://example.org/graph/q"}
    assert _graphs(g, BID.q2) == {GRAPH_BASE + "kg/q.nq"}
    from bilateral.graph.source.load import files_of

    assert files_of(g, (BID.q1, None, None)) == [str(f)]  # messages name the file


def test_the_store_keeps_the_same_graphs(tmp_path: Path) -> None:
    folder = _write(tmp_path / "kg", "events.trig", TRIG).parent
    _write(folder, "q.nq", NQ)
    memory = bilateral.load([folder])
    load_store(tmp_path / "store", [folder])
    store = open_dataset(tmp_path / "store")
    for node in (BID.inside, BID.more, BID.outside, BID.q1, BID.q2):
        assert _graphs(store, node) == _graphs(memory, node), node
    # loading again replaces each graph: nothing doubles
    before = len(store)
    del store
    load_store(tmp_path / "store", [folder])
    assert len(open_dataset(tmp_path / "store")) == before


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("bad.trig", TRIG + "<x:g> { bid:x bil:y bid:z bid:w . }\nbid:k a bil:State .\n", 9),
        ("bad.nq", NQ + "<x:a> <x:b> <x:c> <x:g> <x:h> .\n", 3),
    ],
)
def test_syntax_errors_name_file_and_line(tmp_path: Path, name: str, text: str, line: int):
    f = _write(tmp_path, name, text)
    with pytest.raises(DataSyntaxError) as info:
        bilateral.load([f])
    assert info.value.line == line and name in str(info.value)
    with pytest.raises(DataSyntaxError) as info:
        load_store(tmp_path / "store", [f])
    assert name in str(info.value)


def test_a_failed_quad_file_leaves_nothing(tmp_path: Path) -> None:
    good = _write(tmp_path / "kg", "a.trig", TRIG)
    load_store(tmp_path / "store", [good])
    before = len(open_dataset(tmp_path / "store"))
    bad = _write(tmp_path / "other", "b.trig", TRIG.replace("inside", "x") + "GRAPH <x:g> { <x:a> ")
    with pytest.raises(DataSyntaxError):
        load_store(tmp_path / "store", [bad])
    assert len(open_dataset(tmp_path / "store")) == before
    with pytest.raises(DataSyntaxError):
        bilateral.load([good, bad])


def test_blank_node_graph_names_are_refused(tmp_path: Path) -> None:
    f = _write(tmp_path, "b.trig", "_:g { <x:a> <x:b> <x:c> . }\n")
    with pytest.raises(DataSyntaxError, match="blank node"):
        bilateral.load([f])
    with pytest.raises(DataSyntaxError, match="blank node"):
        load_store(tmp_path / "store", [f])


def test_one_graph_comes_from_one_file(tmp_path: Path) -> None:
    """A quad file cannot add to a graph another file of the same load fills."""
    taken = GRAPH_BASE + "bundled/belarus-russia/actors.ttl"
    f = _write(tmp_path, "x.trig", f"<{taken}> {{ <x:a> <x:b> <x:c> . }}\n")
    with pytest.raises(InputError, match="a graph comes from one file"):
        bilateral.load(["bundled", f])
    assert URIRef(taken) in {c.identifier for c in bilateral.load([f]).graphs()}


def test_limits_hold_for_quad_files(tmp_path: Path) -> None:
    deep = "(" * 1001 + " 1 " + ")" * 1001
    f = _write(tmp_path, "deep.trig", f"<x:g> {{\n<x:a> <x:b> {deep} .\n}}\n")
    with pytest.raises(DataSyntaxError, match="1000"):
        bilateral.load([f])
    result = runner.invoke(app, ["load", "--store", str(tmp_path / "s"), str(f)])
    assert result.exit_code == 2 and "deep.trig:2" in result.stderr
    chain = "".join(f"_:b{i} <x:p> _:b{i + 1} <x:g> .\n" for i in range(1001))
    f = _write(tmp_path, "chain.nq", "<x:a> <x:b> _:b0 <x:g> .\n" + chain)
    with pytest.raises(DataSyntaxError, match="1000"):
        bilateral.load([f])


def test_invalid_iris_are_refused_in_graph_names(tmp_path: Path) -> None:
    f = _write(tmp_path, "iri.nq", "\n<x:a> <x:b> <x:c> <http://a b> .\n")
    with pytest.raises(DataSyntaxError):
        bilateral.load([f])
