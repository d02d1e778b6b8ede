"""Run a piece of work in a forked child that cannot open network connections and is
killed at a deadline: how queries run (the parent keeps its graph and stays healthy).

>>> in_child(lambda: 6 * 7, timeout=10)
42
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable
from typing import Any

from bilateral.errors import QueryError

__all__ = ["NETWORK_EVENTS", "in_child", "refuse_network"]

#: audit events that open network connections or name lookups
NETWORK_EVENTS = frozenset(
    {"socket.connect", "socket.getaddrinfo", "urllib.Request", "http.client.connect"}
)


def refuse_network(event: str, args: tuple[Any, ...]) -> None:
    """Audit hook: refuse every network event (installed in the child only)."""
    if event in NETWORK_EVENTS:
        raise PermissionError(f"network access refused during query evaluation ({event})")


def in_child(work: Callable[[], Any], timeout: float) -> Any:
    """Run ``work()`` in a forked child with the network audit hook; kill it at ``timeout``.

    A bare ``os.fork`` and a pipe: a few milliseconds, against ~20 ms for
    ``multiprocessing``. The result comes back pickled.
    """
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: evaluate, send, exit without running the parent's atexit code
        code = 0
        try:
            os.close(read_fd)
            sys.addaudithook(refuse_network)
            try:
                payload = ("ok", work())
            except QueryError as exc:  # our own message, passed on as it is
                payload = ("query-error", str(exc))
            except BaseException as exc:  # reported to the parent, never raised here
                payload = ("error", f"{type(exc).__name__}: {exc}")
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
            view = memoryview(data)
            while view:
                view = view[os.write(write_fd, view) :]
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise QueryError(
                    f"query stopped after the {timeout:g} s timeout (use --timeout to allow more)"
                )
            ready, _, _ = select.select([read_fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
    if not chunks:
        raise QueryError("query evaluation crashed (out of memory?)")
    status, payload = pickle.loads(b"".join(chunks))  # noqa: S301 - our own child's data
    if status == "query-error":
        raise QueryError(payload)
    if status == "error":
        raise QueryError(f"query failed: {payload}")
    return payload
