"""Throwaway HTTP servers for tests: one runs on loopback in a daemon thread for the
length of a ``with`` block, and :func:`sparql_get` asks it a query."""

from __future__ import annotations

import contextlib
import http.client
import threading
import urllib.parse
from collections.abc import Iterator
from socketserver import BaseServer


@contextlib.contextmanager
def running(server: BaseServer, poll: float = 0.5) -> Iterator[tuple[str, int]]:
    """Serve ``server`` in a thread (checking for shutdown every ``poll`` seconds) and
    yield its ``(host, port)``; shut it down and close it at the end of the block."""
    thread = threading.Thread(target=server.serve_forever, args=(poll,), daemon=True)
    thread.start()
    host, port = server.server_address[:2]  # type: ignore[misc]
    try:
        yield str(host), int(port)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def sparql_get(
    where: tuple[str, int], query: str, fmt: str = "", headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """``GET /sparql?query=…[&format=fmt]``: the status, the headers and the body."""
    conn = http.client.HTTPConnection(*where, timeout=60)
    try:
        suffix = f"&format={fmt}" if fmt else ""
        conn.request(
            "GET", f"/sparql?query={urllib.parse.quote(query)}{suffix}", headers=headers or {}
        )
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()
