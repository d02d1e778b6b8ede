"""Validation remembered by the store (issue 13): a store found valid is not validated
again by ``report`` until something it depends on changes; an invalid one never is
recorded as valid."""

from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.graph.checks.remember import remembered, state_of, validate_once
from bilateral.graph.source.store import load_store, open_dataset
from bilateral.graph.source.storemeta import COUNT, VALID
from bilateral.graph.source.storemeta import path as meta

runner = CliRunner()


@pytest.fixture
def tiny(tmp_path: Path, data_dir: Path) -> Path:
    """A copy of the tiny dataset (its source text may be edited)."""
    return Path(shutil.copytree(data_dir / "tiny", tmp_path / "tiny"))


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_load_validate_report_reuses_then_a_load_forgets(tmp_path: Path, tiny: Path) -> None:
    store = tmp_path / "store"
    load_store(store, [tiny])
    assert remembered(open_dataset(store)) is None
    result = runner.invoke(app, ["validate", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert meta(store, VALID).is_file()
    result = runner.invoke(app, ["report", "--store", str(store), "--out", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if "reusing the validation" in line]
    assert len(notes) == 1 and notes[0].startswith("note: ")
    gc.collect()  # the datasets opened above hold readers' locks until collected
    load_store(store, [tiny])  # the same files again: still a write
    assert not meta(store, VALID).exists()
    assert validate_once(open_dataset(store)).reused is None  # what report runs first
    assert meta(store, VALID).is_file()  # that validation found it valid


def test_an_invalid_store_is_never_marked_valid(tmp_path: Path, data_dir: Path) -> None:
    store = tmp_path / "store"
    load_store(store, [data_dir / "terminal-bad"])
    for _ in range(2):
        checked = validate_once(open_dataset(store))
        assert checked.problems and checked.reused is None
    assert not meta(store, VALID).exists()
    result = runner.invoke(app, ["report", "--store", str(store), "--out", str(tmp_path / "r")])
    assert result.exit_code == 1
    assert not meta(store, VALID).exists()


def test_a_write_outside_bilateral_or_an_edited_text_is_seen(tmp_path: Path, tiny: Path) -> None:
    import pyoxigraph as ox

    store = tmp_path / "store"
    load_store(store, [tiny])
    assert validate_once(open_dataset(store)).reused is None
    assert validate_once(open_dataset(store)).reused is not None
    text = tiny / "tiny-source.txt"
    st = text.stat()
    os.utime(text, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert remembered(open_dataset(store)) is None  # the quote check reads that text
    assert validate_once(open_dataset(store)).reused is None
    assert remembered(open_dataset(store)) is not None
    writer = ox.Store(str(store))  # another program writes the database
    writer.add(ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("o")))
    del writer
    assert remembered(open_dataset(store)) is None


def test_an_in_memory_graph_is_always_validated(data_dir: Path) -> None:
    from bilateral.graph.source.load import load

    g = load([data_dir / "tiny"])
    assert state_of(g) is None and remembered(g) is None


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_the_triple_count_is_remembered_until_the_store_changes(tmp_path: Path, tiny: Path) -> None:
    import json

    from bilateral.graph.checks.stats import triple_count

    store = tmp_path / "store"
    load_store(store, [tiny])
    n = triple_count(open_dataset(store))
    body = json.loads(meta(store, COUNT).read_text(encoding="utf-8"))
    assert body["triples"] == n
    meta(store, COUNT).write_text(json.dumps({**body, "triples": n + 1}), encoding="utf-8")
    assert triple_count(open_dataset(store)) == n + 1  # read back, not counted again
    gc.collect()  # the datasets opened above hold readers' locks until collected
    load_store(store, [tiny])
    assert not meta(store, COUNT).exists()
    assert triple_count(open_dataset(store)) == n


def _copy_package(to: Path) -> Path:
    from bilateral.graph.source.storevalid import PACKAGE

    return Path(shutil.copytree(PACKAGE, to, ignore=shutil.ignore_patterns("__pycache__")))


def test_the_key_covers_every_file_of_the_package(tmp_path: Path) -> None:
    from bilateral.graph.source.storevalid import package_key

    copy = _copy_package(tmp_path / "a" / "bilateral")
    assert package_key(copy) == package_key()
    for edited in ("graph/source/texts.py", "ontology/shapes.ttl", "queries/cq-loans.rq"):
        other = _copy_package(tmp_path / edited.replace("/", "-") / "bilateral")
        with (other / edited).open("a", encoding="utf-8") as fh:
            fh.write("\n# edited\n")
        assert package_key(other) != package_key(), edited
    added = _copy_package(tmp_path / "added" / "bilateral")
    (added / "graph" / "new.json").write_text("{}")
    assert package_key(added) != package_key()


def test_an_edited_package_file_forgets_valid(
    tmp_path: Path, tiny: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bilateral.graph.source import storevalid

    store = tmp_path / "store"
    load_store(store, [tiny])
    assert validate_once(open_dataset(store)).reused is None
    monkeypatch.setattr(storevalid, "PACKAGE", _copy_package(tmp_path / "same" / "bilateral"))
    assert remembered(open_dataset(store)) is not None  # the same files: still valid
    edited = _copy_package(tmp_path / "edited" / "bilateral")
    with (edited / "graph" / "source" / "texts.py").open("a", encoding="utf-8") as fh:
        fh.write("\n# a change to how source texts are found\n")
    monkeypatch.setattr(storevalid, "PACKAGE", edited)
    assert remembered(open_dataset(store)) is None
