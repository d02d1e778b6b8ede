"""``open_store``: a typed handle on a store that anything taking a graph accepts, and
that lets a load in once it is closed."""

from __future__ import annotations

from pathlib import Path

import pytest

import bilateral
from bilateral.errors import BilateralError, InputError
from bilateral.graph.source.handle import NotAStoreError, StoreHandle, open_store
from bilateral.graph.source.inputs import graph_of
from bilateral.graph.source.store import load_store


@pytest.fixture
def tiny_store(tmp_path: Path, data_dir: Path) -> Path:
    folder = tmp_path / "store"
    load_store(folder, [data_dir / "tiny"])
    return folder


def test_the_handle_is_a_graph_wherever_one_is_taken(tiny_store: Path) -> None:
    with open_store(tiny_store) as store:
        assert isinstance(store, StoreHandle) and store.path == tiny_store
        assert graph_of(store) is store.graph
        assert len(store.graph) > 10
        df = bilateral.query("SELECT ?s WHERE { ?s a bil:State }", g=store)
        assert len(df) == 2
        assert "open" in repr(store)
    assert store.closed and "closed" in repr(store)
    with pytest.raises(InputError, match="closed"):
        graph_of(store)
    store.close()  # closing twice does nothing


def test_closing_the_handle_lets_a_load_in(tiny_store: Path, data_dir: Path) -> None:
    store = open_store(tiny_store)
    with pytest.raises(InputError, match="in use"):
        load_store(tiny_store, [data_dir / "tiny"], wait=0)
    store.close()
    load_store(tiny_store, [data_dir / "tiny"], wait=0)


@pytest.mark.parametrize("kind", ["missing", "empty", "other"])
def test_a_path_that_is_not_a_store_is_one_line(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x"
    if kind != "missing":
        path.mkdir()
    if kind == "other":
        (path / "notes.txt").write_text("x")
    with pytest.raises(NotAStoreError) as info:
        open_store(path)
    assert isinstance(info.value, BilateralError) and info.value.exit_code == 2
    message = str(info.value)
    assert str(path) in message and "\n" not in message and "--" not in message
