"""Graph names: the same on every machine, in memory and in the store; every place that
finds a file by its graph (validate's file:line, source texts, failed files) still does."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import InputError
from bilateral.graph.source.naming import GRAPH_BASE, ONTOLOGY_GRAPH
from bilateral.graph.source.store import load_store, open_dataset

TINY = Path(__file__).parent.parent / "data" / "tiny"
runner = CliRunner()


def _names(g) -> set[str]:
    return {str(c.identifier) for c in g.graphs() if len(c)}


def test_bundled_graph_names_are_stable(bundled, bundled_store) -> None:
    names = _names(bundled)
    assert ONTOLOGY_GRAPH in names
    assert GRAPH_BASE + "bundled/belarus-russia/actors.ttl" in names
    assert all(n.startswith(GRAPH_BASE) for n in names)
    assert not any("file:" in n or str(Path.cwd()) in n for n in names)
    assert _names(bundled_store) == names


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_user_data_is_named_by_its_folder_and_path(tmp_path: Path) -> None:
    data = tmp_path / "my data"
    shutil.copytree(TINY, data / "sub")
    g = bilateral.load([data])
    assert GRAPH_BASE + "my%20data/sub/tiny.ttl" in _names(g)
    assert bilateral.validate(g) == []  # the source text is found through the graph's file
    load_store(tmp_path / "store", [data])
    store = open_dataset(tmp_path / "store")
    assert _names(store) == _names(g)
    assert bilateral.validate(store) == []


def test_relative_iris_resolve_against_the_graph_name(tmp_path: Path) -> None:
    f = tmp_path / "kg" / "r.ttl"
    f.parent.mkdir()
    f.write_text("<#a> <http://www.w3.org/2000/01/rdf-schema#label> 'A' .\n", encoding="utf-8")
    g = bilateral.load([f])
    assert (bilateral.iri(GRAPH_BASE + "kg/r.ttl#a"), None, None) in g


def test_two_files_with_one_name_are_an_error(tmp_path: Path) -> None:
    for team in ("a", "b"):
        shutil.copytree(TINY, tmp_path / team / "data")
    with pytest.raises(InputError, match=r"would both be the named graph .*rename one"):
        bilateral.load([tmp_path / "a" / "data", tmp_path / "b" / "data"])


def test_reloading_a_file_by_another_path_replaces_it(tmp_path: Path) -> None:
    data = tmp_path / "kg"
    shutil.copytree(TINY, data / "sub")
    store = tmp_path / "store"
    first = load_store(store, [data]).triples
    # the same file named on its own gets another graph name (kg/sub → sub): its old graph goes
    assert load_store(store, [data / "sub" / "tiny.ttl"]).triples == first


def test_validate_still_names_file_and_line(tmp_path: Path, data_dir: Path) -> None:
    result = runner.invoke(app, ["validate", "--data", str(data_dir / "bad" / "shapes-bad.ttl")])
    assert result.exit_code == 1
    assert "tests/data/bad/shapes-bad.ttl:" in result.stdout


def test_a_store_written_before_stable_names_still_reads(tmp_path: Path) -> None:
    """Stores made by earlier versions named graphs by file: IRIs and kept
    {file IRI: folder}; their source texts are still found."""
    import pyoxigraph as ox

    from bilateral.graph.source.load import ONTOLOGY_FILE

    folder = tmp_path / "old"
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    store = ox.Store(str(folder))
    for path in (ONTOLOGY_FILE, data / "tiny.ttl"):
        uri = path.resolve().as_uri()
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(uri))
    store.flush()
    del store
    (folder / ".bilateral-store").write_text("old\n")
    roots = {p.resolve().as_uri(): str(r.resolve()) for p, r in [(data / "tiny.ttl", data)]}
    (folder / ".bilateral-roots.json").write_text(json.dumps(roots))
    g = open_dataset(folder)
    assert bilateral.validate(g) == []
    out = tmp_path / "d.ttl"
    assert "owl:Ontology" not in bilateral.export(g, "ttl", out, data_only=True).read_text()
