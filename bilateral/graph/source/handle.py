"""Opening a store for reading: ``open_store`` gives a :class:`StoreHandle`.

A handle holds a reader's lock on the store (``storelock.py``: a load waits for it)
and a read-only rdflib ``Dataset`` over it (union default graph, through oxrdflib), so
every command works from the store without re-parsing and SPARQL runs on Oxigraph's
own engine. Close it (or use ``with``) to let a load in. Anything that takes a graph
takes the handle too (``inputs.graph_of``).

>>> import tempfile
>>> from bilateral.graph.source.store import load_store
>>> folder = tempfile.mkdtemp() + "/store"
>>> _ = load_store(folder, ["bundled"])
>>> with open_store(folder) as store:
...     len(store.graph) > 1000
True
>>> store.closed
True
>>> open_store(tempfile.mkdtemp())  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
bilateral.graph.source.handle.NotAStoreError: /tmp/... is not a bilateral store ...
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from bilateral.errors import InputError
from bilateral.graph.source.regular import kind_of, mode_of
from bilateral.graph.source.storelock import describe, interrupted, shared
from bilateral.graph.source.storemeta import MARKER, exists

if TYPE_CHECKING:
    from bilateral.graph.source.sourced import SourcedDataset

__all__ = [
    "NotAStoreError",
    "StoreHandle",
    "checked",
    "damaged",
    "dataset",
    "first_line",
    "is_store",
    "open_dataset",
    "open_store",
    "refuse_interrupted",
    "store_path",
]


class NotAStoreError(InputError):
    """The path is not a folder made by ``load_store`` (``bilateral load``)."""


def is_store(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a folder made by ``load_store``."""
    return exists(Path(path), MARKER)


def store_path(g: object) -> Path | None:
    """The folder of the store behind ``g`` (a graph or a handle), or None for an
    in-memory graph or anything else."""
    if isinstance(g, StoreHandle):
        return g.path
    value = getattr(g, "bilateral_store", None)
    return Path(value) if value else None


class StoreHandle:
    """An open store: its folder (``path``) and the read-only dataset over it (``graph``).

    ``close()`` (or the end of a ``with`` block) lets go of the reader's lock; the
    dataset must not be used after that.
    """

    def __init__(self, path: Path, graph: SourcedDataset) -> None:
        self.path = path
        self._graph: SourcedDataset | None = graph

    @property
    def graph(self) -> SourcedDataset:
        """The store as an rdflib ``Dataset`` (union default graph, read-only)."""
        if self._graph is None:
            raise InputError(f"the store {self.path} was closed; open it again")
        return self._graph

    @property
    def closed(self) -> bool:
        """Whether ``close()`` was called."""
        return self._graph is None

    def close(self) -> None:
        """Let go of the store (its reader's lock); closing twice does nothing."""
        graph, self._graph = self._graph, None
        if graph is not None and graph.bilateral_lock is not None:
            graph.bilateral_lock.close()
            graph.bilateral_lock = None

    def __enter__(self) -> StoreHandle:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"<StoreHandle {str(self.path)!r} ({state})>"


def open_store(path: str | os.PathLike[str]) -> StoreHandle:
    """Open the store at ``path`` for reading; close the handle when done.

    A folder that is not a store is a ``NotAStoreError``; a store being loaded, left
    half-loaded by an interrupted load, or damaged, an ``InputError``.
    """
    ds = open_dataset(path)
    return StoreHandle(Path(path), ds)


def open_dataset(folder: str | os.PathLike[str]) -> SourcedDataset:
    """The store's read-only dataset (``StoreHandle.graph``), holding the reader's
    lock for as long as it lives."""
    target = checked(folder)
    lock = shared(target)
    try:
        refuse_interrupted(target)
        ds = dataset(target)
    except BaseException:
        if lock is not None:
            lock.close()
        raise
    ds.bilateral_lock = lock
    return ds


def checked(folder: str | os.PathLike[str]) -> Path:
    """``folder`` as a path, or ``NotAStoreError`` when it is not a store."""
    target = Path(folder)
    mode = mode_of(target, "store")
    if mode is None:
        raise NotAStoreError(f"no store at {target}: load data into that folder first")
    if not stat.S_ISDIR(mode):
        raise NotAStoreError(
            f"{target} is {kind_of(mode)}, not a store: a store is a folder that data was "
            "loaded into"
        )
    if not is_store(target):
        raise NotAStoreError(
            f"{target} is not a bilateral store (a folder that data was loaded into)"
        )
    return target


def refuse_interrupted(target: Path) -> None:
    """``InputError`` when a load of the store was interrupted (call with a lock held)."""
    left = interrupted(target)
    if left is not None:
        raise InputError(
            f"store {target} holds part of {describe(left)}: its load was interrupted; "
            "load into it again (that clears the part first)"
        )


def dataset(target: Path) -> SourcedDataset:
    """A read-only dataset over the store at ``target`` (no lock taken)."""
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore

    from bilateral.graph.source.sourced import SourcedDataset
    from bilateral.graph.source.storefiles import Registry

    try:
        inner = ox.Store.read_only(str(target))
    except Exception as exc:
        raise damaged(target, exc) from None
    except BaseException as exc:  # a Rust panic
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise damaged(target, exc) from None
    ds = SourcedDataset(store=OxigraphStore(store=inner))
    ds.bilateral_store = str(target)
    registry = Registry.read(target)
    ds.bilateral_roots = registry.roots
    ds.bilateral_files = registry.files
    return ds


def damaged(target: Path, exc: BaseException) -> InputError:
    """The error for a store that Oxigraph cannot open."""
    return InputError(
        f"cannot open store {target}: it is damaged or not an Oxigraph store "
        f"({first_line(exc)}); load the data into a new folder"
    )


def first_line(exc: BaseException) -> str:
    """The first line of ``exc``'s message, or its type's name."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
