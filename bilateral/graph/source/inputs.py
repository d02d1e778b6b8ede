"""Turn what a caller gives (a graph, data files, or a store folder) into one graph.

Every library function that works on "the graph" takes ``g``, ``data`` or ``store`` and
calls :func:`graph_of`; anything else is a clear error, never a silent fallback to the
bundled data.

>>> graph_of(data=["bundled"]) is not None
True
>>> graph_of("tests/data/tiny")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
bilateral.errors.InputError: expected an rdflib Graph (from bilateral.load()), got str ...
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from bilateral.errors import InputError

__all__ = ["graph_of"]


def graph_of(
    g: Any = None,
    *,
    data: Sequence[str] | None = None,
    store: str | os.PathLike[str] | None = None,
    stdin_format: str | None = None,
) -> Any:
    """``g`` itself, the store at ``store``, or ``data`` loaded (the bundled data if none;
    ``"-"`` in ``data`` reads standard input in ``stdin_format``, or sniffed).

    Giving more than one of them, or a ``g`` that is not an rdflib graph, raises
    ``InputError``.
    """
    from rdflib import Graph

    if g is not None:
        if not isinstance(g, Graph):
            hint = (
                f"; to read files pass data=[{str(g)!r}]"
                if isinstance(g, (str, os.PathLike))
                else ""
            )
            raise InputError(
                f"expected an rdflib Graph (from bilateral.load()), got {type(g).__name__} "
                f"{str(g)[:60]!r}{hint}"
            )
        if data or store is not None:
            raise InputError("give a graph, data files or a store, not several")
        return g
    if store is not None:
        if data:
            raise InputError("give --store or --data, not both (add files with `bilateral load`)")
        from bilateral.graph.source.store import open_store

        return open_store(store)
    from bilateral.graph.source.load import load

    return load(data, stdin_format=stdin_format)
