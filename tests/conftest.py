"""Shared fixtures: the bundled graph is parsed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset

import bilateral

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def bundled() -> Dataset:
    """The ontology plus the bundled dataset (read-only: do not modify)."""
    return bilateral.load()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The folder of hand-written test fixtures."""
    return DATA
