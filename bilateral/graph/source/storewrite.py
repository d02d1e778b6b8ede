"""The store's writable handle: opening it for a load, dropping graphs, clearing what an
interrupted load left, and undoing a load that filled the disk.

A full disk stops a load anywhere: in Oxigraph's bulk loader (its temporary
``bulk-*.sst`` file), in its write-ahead log, in a metadata file. The load then deletes
the bulk loader's temporary files while it still holds the database (they take most of
the space), closes the handle (RocksDB refuses writes after a failed one), opens the
store again and clears the half-loaded graph as the next load would
(:func:`clear_interrupted`). If even that fails, the journal stays and the next load
clears it; the error says which of the two happened.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from bilateral.errors import InputError
from bilateral.graph.source.handle import damaged, first_line, is_store
from bilateral.graph.source.storefiles import Registry
from bilateral.graph.source.storelock import (
    bump_generation,
    describe,
    interrupted,
    journal,
    reclaim_orphans,
)
from bilateral.graph.source.storemeta import (
    MARKER,
    StoreFullError,
    disk_full,
    full,
    must_write,
)

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = [
    "clear_interrupted",
    "drop",
    "finish",
    "node",
    "open_for_writing",
    "reclaim",
    "undo_after_full",
]


def open_for_writing(target: Path) -> ox.Store:
    """The store at ``target`` opened for writing (marked as a bilateral store)."""
    import pyoxigraph as ox

    try:
        store = ox.Store(str(target))
    except Exception as exc:  # OSError, RuntimeError ("Corruption: …")
        text = first_line(exc)
        if "lock" in text.lower():
            raise InputError(
                f"store {target} is in use by another process (close it and try again)"
            ) from None
        if disk_full(exc):
            error = full(target, exc)
            raise StoreFullError(
                f"{error.message}; nothing was loaded: free space, then load again"
            ) from None
        raise damaged(target, exc) from None
    except BaseException as exc:  # pyo3 turns a Rust panic into a BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise damaged(target, exc) from None
    if not is_store(target):
        must_write(target, MARKER, "bilateral store (Oxigraph)\n", "marker")
    return store


def node(iri: str) -> ox.NamedNode:
    import pyoxigraph as ox

    return ox.NamedNode(iri)


def drop(store: ox.Store, graph: ox.NamedNode) -> None:
    """Remove ``graph`` and its triples."""
    store.clear_graph(graph)
    store.remove_graph(graph)


def clear_interrupted(store: ox.Store, target: Path, registry: Registry) -> str | None:
    """Drop the graph an interrupted load left half-loaded (from ``registry`` too) and
    return the file it was loading; None if no load was interrupted."""
    left = interrupted(target)
    if left is None:
        return None
    for graph in str(left.get("graph") or "").split():
        drop(store, node(graph))
        registry.drop(graph)
    return describe(left)


def finish(target: Path) -> None:
    """Mark the load as finished: no journal, a new generation."""
    journal(target, None)
    bump_generation(target)


def undo_after_full(target: Path, failure: StoreFullError) -> StoreFullError:
    """Clear what a load stopped by a full disk left (call with the loader's lock held
    and the load's own handle closed): the error to raise, saying what became of the
    store."""
    left = interrupted(target)
    if left is None:  # stopped before it changed anything (the journal comes first)
        with contextlib.suppress(InputError):  # files loaded before it: tell readers
            finish(target)
        return StoreFullError(
            f"{failure.message}; the store was left as it was before that file: "
            "free space, then load again"
        )
    what = describe(left)
    try:
        store = open_for_writing(target)
        try:
            registry = Registry.read(target)
            clear_interrupted(store, target, registry)
            store.flush()
            registry.save(target)
            finish(target)
        finally:
            del store
    except (InputError, OSError):  # still full (or worse): the next load clears it
        return StoreFullError(
            f"{failure.message}; the store keeps part of {what} until the next load clears "
            "it: free space, then load again"
        )
    return StoreFullError(
        f"{failure.message}; the load of {what} was undone and the store can be read: "
        "free space, then load again"
    )


def reclaim(target: Path) -> None:
    """Delete the bulk loader's temporary files now (while the load's handle still
    holds the database, so no other bulk load can be running)."""
    reclaim_orphans(target)
