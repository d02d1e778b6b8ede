"""The loader: formats, errors with file and line, nothing half-loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

import bilateral
from bilateral.errors import DataSyntaxError, InputError
from bilateral.ontology.namespace import BID

GOOD = (
    "@prefix bil: <https://w3id.org/bilateral/ontology#> .\n"
    "@prefix bid: <https://w3id.org/bilateral/id/> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    'bid:x a bil:State ; rdfs:label "Éx" .\n'
)


def test_bundled_graph_has_ontology_and_data(bundled) -> None:
    assert (BID.belarus, None, None) in bundled
    assert len(bundled) > 1000


def test_each_file_is_a_named_graph(bundled) -> None:
    from bilateral.graph.source.load import files_of

    files = files_of(bundled, (BID.belarus, None, None))
    assert files and all(f.endswith(".ttl") for f in files)


def test_malformed_turtle_names_file_and_line(data_dir: Path) -> None:
    with pytest.raises(DataSyntaxError) as info:
        bilateral.load([data_dir / "bad" / "malformed.ttl"])
    assert info.value.line == 6
    assert str(info.value).startswith("tests/data/bad/malformed.ttl:6:")


def test_undefined_prefix_is_a_syntax_error(tmp_path: Path) -> None:
    f = tmp_path / "p.ttl"
    f.write_text("\n\nnope:a nope:b nope:c .\n", encoding="utf-8")
    with pytest.raises(DataSyntaxError) as info:
        bilateral.load([f])
    assert info.value.line == 3
    assert "nope:" in str(info.value)


def test_non_utf8_names_byte_offset(tmp_path: Path) -> None:
    f = tmp_path / "latin1.ttl"
    f.write_bytes(GOOD.replace("Éx", "\xc9x").encode("latin-1"))
    with pytest.raises(DataSyntaxError) as info:
        bilateral.load([f])
    offset = GOOD.encode("latin-1").index(b"\xc9")
    assert f"byte offset {offset}" in str(info.value)
    assert info.value.line == 4


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    f = tmp_path / "bom.ttl"
    f.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    g = bilateral.load([f])
    assert (BID.x, None, None) in g


def test_invalid_iri_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "iri.ttl"
    f.write_text("\n<http://a b> <http://p> <http://o> .\n", encoding="utf-8")
    with pytest.raises(DataSyntaxError) as info:
        bilateral.load([f])
    assert "invalid IRI <http://a b>" in str(info.value)
    assert info.value.line == 2


def test_ntriples_error_has_line(tmp_path: Path) -> None:
    f = tmp_path / "x.nt"
    f.write_text("<http://a> <http://b> <http://c> .\n<http://a> <http://b> oops .\n")
    with pytest.raises(DataSyntaxError) as info:
        bilateral.load([f])
    assert info.value.line == 2


def test_ntriples_loads(tmp_path: Path) -> None:
    f = tmp_path / "x.nt"
    f.write_text("<https://w3id.org/bilateral/id/x> <http://b> <http://c> .\n")
    assert (BID.x, None, None) in bilateral.load([f])


@pytest.mark.parametrize("suffix", [".rdf", ".owl", ".jsonld", ".json", ".n3"])
def test_refused_formats(tmp_path: Path, suffix: str) -> None:
    f = tmp_path / f"data{suffix}"
    f.write_text("{}")
    with pytest.raises(InputError, match="not accepted"):
        bilateral.load([f])


def test_other_files_in_a_folder_are_skipped_with_one_note(tmp_path: Path) -> None:
    """Only RDF files and the source texts the data declares are read from a folder; the
    rest is named in one note (issue 16)."""
    from bilateral.errors import DataNote

    (tmp_path / "ok.ttl").write_text(GOOD + 'bid:s bil:textFile "src.txt" .\n')
    (tmp_path / "src.txt").write_text("The source.")
    for name in ("out/graph.html", "out/report.json", "out/plot.png", "x.jsonld", ".hidden"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("{}")
    with pytest.warns(DataNote) as caught:
        g = bilateral.load([tmp_path])
    assert (BID.x, None, None) in g
    assert len(caught) == 1 and g.bilateral_notes == [str(caught[0].message)]
    note = g.bilateral_notes[0]
    assert note.startswith("skipped 4 files") and "convert them to Turtle" in note
    assert "src.txt" not in note and ".hidden" not in note


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        bilateral.load([tmp_path / "nope.ttl"])


def test_folder_without_data(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(InputError, match=r"no .ttl, .nt, .trig or .nq"):
        bilateral.load([tmp_path])


def test_bundled_can_be_combined(data_dir: Path) -> None:
    g = bilateral.load(["bundled", data_dir / "tiny"])
    assert (BID.belarus, None, None) in g
    assert (BID.ruritania, None, None) in g


def test_failed_file_leaves_no_graph(data_dir: Path, tmp_path: Path) -> None:
    """load() drops what a file that fails half-way had parsed: nothing of it stays in the
    store it was loading into, and the error names the file and line."""
    from rdflib import Dataset
    from rdflib.plugins.stores.memory import Memory

    half = tmp_path / "half.ttl"
    half.write_text(GOOD + "\nbid:y a bil:State ; rdfs:label 'unterminated .\n")
    store = Memory()
    with pytest.raises(DataSyntaxError, match=r"half\.ttl:\d+"):
        bilateral.load([data_dir / "tiny", half], store=store)
    left = Dataset(store=store, default_union=True)
    assert (BID.x, None, None) not in left  # the good first lines of the failed file
    assert (BID.ruritania, None, None) in left  # the file loaded before it is untouched
    assert not any(str(c.identifier).endswith("half.ttl") for c in left.graphs())


def test_another_dyad_reuses_the_bundled_actors_by_iri(tmp_path: Path) -> None:
    """A fictional statement about Russia and a new state names ``bid:russia`` without
    declaring it: with ``bundled-actors`` it validates and measures, without any
    Belarus–Russia statement; alone, the undeclared actor is reported."""
    import bilateral
    from bilateral.graph.checks.validate import validate

    folder = tmp_path / "mydyad"
    folder.mkdir()
    (folder / "brief.txt").write_text("Ostland buys all its gas from Russia.\n")
    (folder / "ostland.ttl").write_text(
        "@prefix bil: <https://w3id.org/bilateral/ontology#> .\n"
        "@prefix bid: <https://w3id.org/bilateral/id/> .\n"
        "@prefix bsrc: <https://w3id.org/bilateral/source/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "# FICTIONAL: Ostland does not exist.\n"
        'bsrc:brief a bil:Source ; rdfs:label "A fictional brief"@en ;\n'
        '    bil:textFile "brief.txt" .\n'
        'bid:ostland a bil:State ; rdfs:label "Ostland"@en .\n'
        "bid:ostland-gas a bil:Dependency ;\n"
        '    rdfs:label "Ostland depends on Russia for gas"@en ;\n'
        "    bil:dependent bid:ostland ; bil:provider bid:russia ;\n"
        "    bil:domain bil:energy ; bil:strength 1.0 ;\n"
        "    rdfs:comment \"critical (1.0): 'all its gas'\"@en ;\n"
        "    prov:wasDerivedFrom bsrc:brief ;\n"
        '    bil:quote "Ostland buys all its gas from Russia." .\n'
    )
    g = bilateral.load(["bundled-actors", folder])
    assert validate(g) == []
    r = bilateral.dependence(g, "ostland", "russia", band=0.0, unknown=(0.25, 0.25))
    assert r.domain("energy").sdi == 0.75 and r.total == 0.075  # one of the ten domains
    from bilateral.graph.measures.snapshot import read_snapshot

    assert [r.iri for r in read_snapshot(g).records] == [str(BID["ostland-gas"])]
    alone = validate(bilateral.load([folder]))
    assert any("russia" in str(p) for p in alone)
