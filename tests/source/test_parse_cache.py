"""The package's own files are parsed once per process; user data every time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

import bilateral
import bilateral.graph.source.parse as parse
from bilateral.graph.source.load import ONTOLOGY_FILE

TTL = "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n"


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_the_ontology_is_parsed_once_and_each_load_gets_its_own_copy() -> None:
    first = bilateral.load()
    assert any(key[0] == str(ONTOLOGY_FILE.resolve()) for key in parse.PARSED)
    for graph in list(first.graphs()):  # a caller changing its graph changes no other
        graph.remove((None, None, None))
    assert len(first) == 0
    second = bilateral.load()
    assert len(second) > 3000
    parse.PARSED.clear()
    fresh = bilateral.load()
    assert len(second) == len(fresh)
    assert isomorphic(_flat(second), _flat(fresh))


def _flat(ds: Graph) -> Graph:
    out = Graph()
    for triple in ds.triples((None, None, None)):
        out.add(triple)
    return out


def test_an_edited_package_file_is_parsed_again(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(parse, "PACKAGE_DIR", tmp_path)
    f = tmp_path / "a.ttl"
    f.write_text(TTL, encoding="utf-8")
    g1 = Graph(identifier=URIRef("http://example.org/g"))
    parse.parse_file(f, g1)
    f.write_text(TTL.replace("ex:c", "ex:d"), encoding="utf-8")
    os.utime(f, ns=(1, 1))  # a new mtime even on a coarse clock
    g2 = Graph(identifier=URIRef("http://example.org/g"))
    parse.parse_file(f, g2)
    assert (None, None, URIRef("http://example.org/d")) in g2
    assert (None, None, URIRef("http://example.org/c")) not in g2


def test_user_files_are_not_kept(tmp_path: Path) -> None:
    f = tmp_path / "a.ttl"
    f.write_text(TTL, encoding="utf-8")
    before = set(parse.PARSED)
    parse.parse_file(f, Graph())
    assert set(parse.PARSED) == before
