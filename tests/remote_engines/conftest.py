"""The stores of ``tests/triplestores.py`` for these tests."""

from __future__ import annotations

from tests.triplestores import oxigraph_store, virtuoso_store

__all__ = ["oxigraph_store", "virtuoso_store"]
