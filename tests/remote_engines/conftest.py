"""The stores of ``tests/triplestores.py`` for these tests, and the summary line that
says which stores were not tested (their tests skip, loudly)."""

from __future__ import annotations

from tests.triplestores import NOT_RUN, oxigraph_store, virtuoso_store

__all__ = ["oxigraph_store", "virtuoso_store"]


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    for reason in NOT_RUN:
        terminalreporter.write_line(f"NOT TESTED: {reason}", yellow=True, bold=True)
