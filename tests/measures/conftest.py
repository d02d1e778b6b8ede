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


def use_kernel(monkeypatch: pytest.MonkeyPatch, run: object) -> None:
    """Make ``brandes.kernel()`` answer ``run``: None is "without numba", a function
    stands in for the compiled searches (it is called as they are). Patched where it is
    called: ``brandes.start`` and ``backend.heavy_arrays``."""
    from bilateral.graph.measures import backend, brandes

    monkeypatch.setattr(brandes, "kernel", lambda: run)
    monkeypatch.setattr(backend, "kernel", lambda: run)
