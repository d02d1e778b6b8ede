"""Turn what a caller gives (a graph, a store handle, data files, or a store folder)
into one graph.

Every library function that works on "the graph" takes ``g``, ``data`` or ``store`` and
calls :func:`graph_of`; anything else is a clear error, never a silent fallback to the
bundled data. A ``StoreHandle`` (``open_store``) stands for its dataset.

>>> graph_of(data=["bundled"]) is not None
True
>>> graph_of("tests/data/tiny")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
bilateral.errors.InputError: expected an rdflib Graph (from bilateral.load()) or a store handle ...
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bilateral.errors import InputError
from bilateral.graph.source.handle import StoreHandle

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["graph_of"]


def graph_of(
    g: Graph | StoreHandle | None = None,
    *,
    data: Sequence[str] | None = None,
    store: str | os.PathLike[str] | None = None,
    stdin_format: str | None = None,
) -> Graph:
    """``g`` itself (a handle's dataset), the store at ``store``, or ``data`` loaded
    (the bundled data if none; ``"-"`` in ``data`` reads standard input in
    ``stdin_format``, or sniffed).

    Giving more than one of them, or a ``g`` that is not an rdflib graph or a store
    handle, raises ``InputError``.

    >>> import tempfile
    >>> from pathlib import Path
    >>> from bilateral.graph.source.store import load_store, open_store
    >>> folder = tempfile.mkdtemp() + "/s"
    >>> _ = load_store(folder, [Path(__file__).parents[3] / "tests" / "data" / "tiny"])
    >>> with open_store(folder) as handle:
    ...     graph_of(handle) is handle.graph
    True
    """
    from rdflib import Graph

    if isinstance(g, StoreHandle):
        g = g.graph
    if g is not None:
        if not isinstance(g, Graph):
            hint = (
                f"; to read files pass data=[{str(g)!r}]"
                if isinstance(g, (str, os.PathLike))
                else ""
            )
            raise InputError(
                "expected an rdflib Graph (from bilateral.load()) or a store handle "
                f"(open_store), got {type(g).__name__} "
                f"{str(g)[:60]!r}{hint}"
            )
        if data or store is not None:
            raise InputError("give a graph, data files or a store, not several")
        return g
    if store is not None:
        if data:
            raise InputError("give a store or data files, not both (load the files into the store)")
        from bilateral.graph.source.handle import open_dataset

        return open_dataset(store)
    from bilateral.graph.source.load import load

    return load(data, stdin_format=stdin_format)
