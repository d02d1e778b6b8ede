"""Pause Python's cyclic garbage collector while building many small objects.

Building the snapshot of a million triples makes ~96k records and millions of strings,
lists and tuples; each few hundred new containers start a collection, and every so
often a full one walks all objects alive (the graph being built included). None of
these objects form cycles, so the collections find nothing: pausing them saves 10-20 %
of reading a 1M-triple snapshot and half of turning 300k NetworkX edges into igraph
(``benchmarks/RESULTS.md``, history). Reference counting still frees memory as usual.

>>> import gc
>>> with gc_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_frozen", "gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block; restore what it was (nesting)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@contextmanager
def gc_frozen() -> Iterator[None]:
    """Leave every object alive now out of the collections inside the block
    (``gc.freeze``), and give them back to the collector after it (``gc.unfreeze``).

    For work that builds many objects beside a big, long-lived structure (a 1M-triple
    snapshot): each full collection would walk that structure again, and find nothing
    in it. Objects made inside the block are collected as usual. When the process has
    frozen objects already (a server that froze before forking), nothing changes: the
    collector cannot thaw only ours.

    >>> import gc
    >>> with gc_frozen():
    ...     gc.get_freeze_count() > 0
    True
    >>> gc.get_freeze_count()
    0
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
