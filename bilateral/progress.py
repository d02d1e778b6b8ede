"""Progress of long library work, heard by whoever asked: a context, not a parameter.

The library never prints. A caller that wants to hear how a long step is going (the
CLI's progress bars, a notebook widget) wraps the call in :func:`reporting`; the
functions deep down call :func:`tell`, which does nothing when nobody listens. The
listener is a ``ProgressFn``: ``fn(step, done, total)`` says that ``step`` has done
``done`` of ``total`` (``total`` 0: a step without a count).

>>> heard = []
>>> with reporting(lambda step, done, total: heard.append((step, done, total))):
...     tell("reading", 1, 4)
>>> tell("reading", 2, 4)  # nobody listens: nothing happens
>>> heard
[('reading', 1, 4)]
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar

__all__ = ["ProgressFn", "listener", "reporting", "tell"]

ProgressFn = Callable[[str, int, int], None]

_LISTENER: ContextVar[ProgressFn | None] = ContextVar("bilateral_progress", default=None)


@contextlib.contextmanager
def reporting(fn: ProgressFn | None) -> Iterator[None]:
    """Let ``fn`` hear of the progress of the library work done inside the block (in
    this thread; work handed to other threads passes :func:`listener` on itself)."""
    token = _LISTENER.set(fn)
    try:
        yield
    finally:
        _LISTENER.reset(token)


def listener() -> ProgressFn | None:
    """Who listens in this context (``None``: nobody)."""
    return _LISTENER.get()


def tell(step: str, done: int, total: int) -> None:
    """Say that ``step`` has done ``done`` of ``total`` to whoever listens."""
    fn = _LISTENER.get()
    if fn is not None:
        fn(step, done, total)
