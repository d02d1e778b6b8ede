"""The hand-computed fixture of tests/data/measures (Aland, Bland, Cland)."""

from __future__ import annotations

from pathlib import Path

import pytest

import bilateral

BID = "https://w3id.org/bilateral/id/"
FIX = Path(__file__).parent.parent / "data" / "measures"


@pytest.fixture(scope="session")
def dyad():
    """The fixture graph (read-only)."""
    return bilateral.load([FIX])


@pytest.fixture(scope="session")
def snap(dyad):
    """Its snapshot."""
    from bilateral.graph.measures.snapshot import read_snapshot

    return read_snapshot(dyad, detail=True)
