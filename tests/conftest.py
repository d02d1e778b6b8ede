"""Shared fixtures: the bundled graph is parsed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset

import bilateral
from bilateral.graph.source.store import load_store, open_store

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def bundled() -> Dataset:
    """The ontology plus the bundled dataset (read-only: do not modify)."""
    return bilateral.load()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The folder of hand-written test fixtures."""
    return DATA


@pytest.fixture(scope="session")
def bundled_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A persistent store holding the ontology and the bundled data."""
    folder = tmp_path_factory.mktemp("ask") / "store"
    load_store(folder, ["bundled"])
    return folder


@pytest.fixture(scope="session")
def bundled_store(bundled_store_dir: Path):  # type: ignore[no-untyped-def]
    """The store opened read-only, as ``--store`` opens it."""
    return open_store(bundled_store_dir)
