"""The store's metadata (issue 25): one ``.bilateral/`` folder beside the lock file, one
fingerprint that every cache and record checks, and stores of the old layout."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import bilateral
from bilateral.graph.source import storemeta
from bilateral.graph.source.store import load_store, open_dataset
from bilateral.graph.source.storemeta import META, fingerprint
from bilateral.graph.source.storemeta import path as meta
from bilateral.graph.sparql.infer import hierarchy_of

#: the files a store had before ``.bilateral/`` (name in the folder -> old name)
OLD = {
    "store": ".bilateral-store",
    "roots.json": ".bilateral-roots.json",
    "generation": ".bilateral-generation",
}


def _top_level_metadata(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.startswith(".")}


def _use_everything(folder: Path) -> None:
    """Validate, count, search and infer on the store: every record and cache."""
    from bilateral.graph.checks.remember import validate_once
    from bilateral.graph.checks.stats import triple_count

    g = open_dataset(folder)
    assert validate_once(g).problems == []
    triple_count(g)
    bilateral.search(g, "Ruritania")
    hierarchy_of(g)
    g.bilateral_lock.close()


def test_all_metadata_sits_in_one_folder_beside_the_lock(tmp_path: Path, data_dir: Path) -> None:
    folder = tmp_path / "store"
    load_store(folder, [data_dir / "tiny"])
    _use_everything(folder)
    assert _top_level_metadata(folder) == {META, storemeta.LOCK}
    inside = {p.name for p in (folder / META).iterdir()}
    assert inside == {
        "store",
        "gate",
        "generation",
        "roots.json",
        "valid.json",
        "count.json",
        "cache-search.json",
        "cache-hierarchy.json",
    }
    load_store(folder, [data_dir / "tiny"])  # a load forgets records and caches
    assert {p.name for p in (folder / META).iterdir()} == {
        "store",
        "gate",
        "generation",
        "roots.json",
    }


def test_a_write_by_another_program_invalidates_every_cache(tmp_path: Path, data_dir: Path) -> None:
    import pyoxigraph as ox

    folder = tmp_path / "store"
    load_store(folder, [data_dir / "tiny"])
    _use_everything(folder)
    before = fingerprint(folder)
    assert fingerprint(folder) == before  # reading changes nothing
    assert bilateral.search(open_dataset(folder), "Zanzibarian").empty
    assert not hierarchy_of(open_dataset(folder)).has_subclasses("urn:x:Zanzibarian")
    writer = ox.Store(str(folder))  # another program adds a labelled class and a subclass
    rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    new, graph = ox.NamedNode("urn:x:Zanzibarian"), ox.NamedNode("urn:x:g")
    writer.add(ox.Quad(new, ox.NamedNode(rdfs + "label"), ox.Literal("Zanzibarian"), graph))
    sub = ox.NamedNode("urn:x:Sub")
    writer.add(ox.Quad(sub, ox.NamedNode(rdfs + "subClassOf"), new, graph))
    del writer
    assert fingerprint(folder) != before
    g = open_dataset(folder)
    assert not bilateral.search(g, "Zanzibarian").empty  # the search cache was rebuilt
    assert hierarchy_of(g).has_subclasses("urn:x:Zanzibarian")  # and the hierarchy's
    from bilateral.graph.checks.remember import remembered
    from bilateral.graph.checks.stats import triple_count

    assert remembered(g) is None
    assert triple_count(g) == len(g)


def _make_old(folder: Path) -> None:
    """Turn a store into one of the previous layout (dotfiles at the top level)."""
    for name, old in OLD.items():
        shutil.move(meta(folder, name), folder / old)
    shutil.rmtree(folder / META)
    (folder / ".bilateral-valid.json").write_text("{}")
    (folder / ".bilateral-search.json").write_text("{}")


def test_a_store_of_the_old_layout_is_read_then_migrated(tmp_path: Path, data_dir: Path) -> None:
    folder, data = tmp_path / "store", tmp_path / "data"
    shutil.copytree(data_dir / "tiny", data)
    load_store(folder, [data / "tiny.ttl"])
    files = dict(open_dataset(folder).bilateral_files)
    _make_old(folder)
    g = open_dataset(folder)  # read through the old names
    assert g.bilateral_files == files
    assert bilateral.validate(g) == []  # the source text is found through the roots
    g.bilateral_lock.close()
    load_store(folder, ["bundled-actors"])  # the first write moves the metadata
    assert _top_level_metadata(folder) == {META, storemeta.LOCK}
    g = open_dataset(folder)
    assert {k: v for k, v in g.bilateral_files.items() if k in files} == files
    assert bilateral.validate(g) == []


def test_an_interrupted_load_of_the_old_layout_is_still_seen(
    tmp_path: Path, data_dir: Path
) -> None:
    from bilateral.errors import InputError

    folder = tmp_path / "store"
    load_store(folder, [data_dir / "tiny"])
    _make_old(folder)
    entry = {"file": "big.nt", "graph": "urn:x:half", "pid": "1"}
    (folder / ".bilateral-loading").write_text(json.dumps(entry))
    with pytest.raises(InputError, match="interrupted"):
        open_dataset(folder)
    report = load_store(folder, [data_dir / "tiny"])
    assert report.recovered == ["big.nt"]
    assert _top_level_metadata(folder) == {META, storemeta.LOCK}
    assert len(open_dataset(folder)) > 0


def test_a_folder_that_cannot_be_written_keeps_nothing_and_still_answers(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bilateral.graph.sparql import store_cache

    assert not storemeta.write(tmp_path / "missing", storemeta.VALID, "x")
    folder = tmp_path / "store"
    load_store(folder, [data_dir / "tiny"])
    monkeypatch.setattr(store_cache, "write", lambda *args: False)
    assert not bilateral.search(open_dataset(folder), "Ruritania").empty
    assert not meta(folder, storemeta.cache_name("search")).exists()


def test_a_waiting_load_turns_new_readers_away(tmp_path: Path, data_dir: Path) -> None:
    """A steady stream of readers cannot keep a load out: once it waits, readers that
    arrive are told at once, and it gets in when those already inside have left."""
    import threading

    from bilateral.graph.source.storelock import StoreBusyError, exclusive, shared

    folder = tmp_path / "store"
    load_store(folder, [data_dir / "tiny"])
    inside = shared(folder)
    assert inside is not None
    got_in = threading.Event()

    def loader() -> None:
        with exclusive(folder, wait=30):
            got_in.set()

    thread = threading.Thread(target=loader)
    thread.start()
    try:
        for _ in range(100):  # until the loader has closed the gate
            try:
                reader = shared(folder)
            except StoreBusyError:
                break
            assert reader is not None
            reader.close()
            threading.Event().wait(0.02)
        else:
            pytest.fail("a waiting load never turned a reader away")
        assert not got_in.is_set()
    finally:
        inside.close()
    thread.join(30)
    assert got_in.is_set()
