"""A store for a long-running reader (the endpoint): it sees a consistent snapshot, is
told while a load holds the store, and picks up new loads without a restart."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from bilateral.graph.source.handle import checked, dataset, refuse_interrupted
from bilateral.graph.source.storelock import generation, shared

if TYPE_CHECKING:
    from bilateral.graph.source.sourced import SourcedDataset

__all__ = ["StoreReader"]


class StoreReader:
    """A store for a long-running reader (the endpoint): each use takes a reader's
    lock, refuses while a load holds the store (``StoreBusyError``), and reopens the
    handle when a load has finished since, so new loads are picked up.

    >>> import tempfile
    >>> from bilateral.graph.source.store import load_store
    >>> folder = tempfile.mkdtemp() + "/store"
    >>> _ = load_store(folder, ["bundled"])
    >>> reader = StoreReader(folder)
    >>> with reader.snapshot() as g:
    ...     len(g) > 1000
    True
    """

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = checked(folder)
        self._mutex = threading.Lock()
        self._ds: SourcedDataset | None = None
        self._generation: str | None = None
        with self.snapshot():  # fail now if it cannot be read
            pass

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[SourcedDataset]:
        """The store as of now, read-only, held until the block ends."""
        lock = shared(self.folder)
        try:
            refuse_interrupted(self.folder)
            current = generation(self.folder)
            with self._mutex:
                if self._ds is None or current != self._generation:
                    self._ds = None  # let the old handle go once its users are done
                    self._ds = dataset(self.folder)
                    self._generation = current
                ds = self._ds
            yield ds
        finally:
            if lock is not None:
                lock.close()
