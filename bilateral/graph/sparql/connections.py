"""How the endpoint holds its connections, whatever its clients do.

- A connection may wait ``idle_timeout`` seconds for its request to begin; once the
  first byte has come, the request line, the headers and the body must all arrive within
  ``read_timeout`` seconds (a drip of one byte at a time does not stretch it). A reply
  whose reader takes nothing for ``idle_timeout`` seconds is dropped.
- At most ``max_connections`` connections are open at once. When a new one comes, the
  connection that has waited longest (a second at least) for its request to begin is
  closed to make room; when none is idle, the new one is answered ``503`` with
  ``Retry-After`` and closed, before it costs a thread. Idle connections never lock out
  a query.
- When ``accept()`` fails for want of file descriptors or memory (``EMFILE``,
  ``ENFILE``, ``ENOBUFS``, ``ENOMEM``), the server waits before it tries again, longer
  each time up to half a second, instead of spinning on the ready socket.
- A client that has gone (reset, broken pipe, timed out) costs one log line, never a
  traceback.

>>> RESOURCE_ERRORS >= {errno.EMFILE, errno.ENFILE}
True
"""

from __future__ import annotations

import contextlib
import errno
import io
import select
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

from bilateral.graph.sparql.limits import (
    DEFAULT_IDLE_TIMEOUT,
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_READ_TIMEOUT,
)
from bilateral.text import for_terminal

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer, WriteableBuffer

__all__ = ["RESOURCE_ERRORS", "GuardedHandler", "GuardedServer", "ShortBodyError"]

#: ``accept()`` errors that mean "out of descriptors or memory": wait, then try again
RESOURCE_ERRORS = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})
_CHUNK = 1 << 16  # bytes sent per write: each must make progress within idle_timeout
_Request = socket.socket | tuple[bytes, socket.socket]
_EVICTABLE = 1.0  # seconds idle before a connection may be closed to make room
_BUSY = b"busy: too many open connections; try again\n"


class ShortBodyError(Exception):
    """The request body ended (or stalled) before ``Content-Length`` bytes came."""


class _Socket(io.RawIOBase):
    """A socket as a raw stream whose reads stop at a deadline (if one is set) and whose
    writes each wait at most ``idle_timeout`` seconds for the client to take data."""

    def __init__(self, sock: socket.socket, idle_timeout: float) -> None:
        super().__init__()
        self.sock, self.idle_timeout = sock, idle_timeout
        self.deadline: float | None = None

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the request did not arrive in time")
            self.sock.settimeout(left)
        return self.sock.recv_into(buffer)

    def write(self, data: ReadableBuffer, /) -> int:
        self.sock.settimeout(self.idle_timeout)
        with memoryview(data) as view:
            return self.sock.send(view[:_CHUNK])


class GuardedHandler(BaseHTTPRequestHandler):
    """A request handler with the deadlines above; ``read_body`` reads a whole body."""

    idle_timeout: float = DEFAULT_IDLE_TIMEOUT
    read_timeout: float = DEFAULT_READ_TIMEOUT
    quiet: bool = False

    def setup(self) -> None:
        self.connection = self.request
        self._raw = _Socket(self.connection, self.idle_timeout)
        self._reader = io.BufferedReader(self._raw)
        self.rfile = self._reader
        self.wfile = io.BufferedWriter(self._raw)

    def finish(self) -> None:
        try:
            self.wfile.close()  # flushes what is left
        except OSError as exc:
            self.log_error("client gone: %s", type(exc).__name__)
        self.rfile.close()

    def handle_one_request(self) -> None:
        """Wait up to ``idle_timeout`` for a request to begin, then handle it with
        ``read_timeout`` for its line, headers and body."""
        self._raw.deadline = None
        self.connection.settimeout(self.idle_timeout)
        server = self.server if isinstance(self.server, GuardedServer) else None
        if server is not None:
            server.idle(self.connection, True)
        try:
            started = self._reader.peek(1)
        except OSError:  # idle too long, gone, or closed to make room
            started = b""
        finally:
            if server is not None:
                server.idle(self.connection, False)
        if not started:
            self.close_connection = True
            return
        self._raw.deadline = time.monotonic() + self.read_timeout
        super().handle_one_request()

    def read_body(self, length: int) -> bytes:
        """``length`` bytes of body; ``ShortBodyError`` when fewer arrive before the client
        stops sending or ``read_timeout`` ends (the connection is then closed)."""
        data = bytearray()
        try:
            while len(data) < length:
                chunk = self._reader.read1(length - len(data))
                if not chunk:
                    break
                data += chunk
        except (TimeoutError, ConnectionError):
            pass
        if len(data) < length:
            self.close_connection = True
            raise ShortBodyError(
                f"only {len(data)} of the request body's {length} bytes (Content-Length) "
                "arrived; nothing was run"
            )
        self._raw.deadline = None
        return bytes(data)

    def client_gone(self) -> bool:
        """Whether the client reset the connection (a half-close still wants the answer)."""
        waiter = select.poll()
        waiter.register(self.connection, select.POLLIN)
        return any(event & (select.POLLHUP | select.POLLERR) for _, event in waiter.poll(0))

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """One access-log line; the request line and headers in it are escaped."""
        if not self.quiet:
            sys.stderr.write(for_terminal(f"{self.address_string()} - {format % args}") + "\n")


class GuardedServer(ThreadingHTTPServer):
    """A threading HTTP server with a connection cap, accept back-off and one-line
    errors (see the module docstring)."""

    daemon_threads = True
    request_queue_size = 128  # the listen backlog: bursts wait instead of being reset

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[GuardedHandler],
        *,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        quiet: bool = False,
    ) -> None:
        if max_connections < 1:
            raise ValueError(f"max_connections must be at least 1, not {max_connections}")
        self.max_connections, self.quiet = max_connections, quiet
        self._open = 0
        self._idle: dict[socket.socket, float] = {}  # waiting for a request, since when
        self._lock = threading.Lock()
        self._pause = 0.0
        super().__init__(address, handler)

    @property
    def open_connections(self) -> int:
        """Connections being handled now."""
        return self._open

    def idle(self, sock: socket.socket, waiting: bool) -> None:
        """Note that ``sock`` waits for its request to begin (or no longer does)."""
        with self._lock:
            if waiting:
                self._idle[sock] = time.monotonic()
            else:
                self._idle.pop(sock, None)

    def log(self, line: str) -> None:
        if not self.quiet:
            sys.stderr.write(for_terminal(line) + "\n")

    def get_request(self) -> tuple[socket.socket, object]:
        try:
            sock, address = self.socket.accept()
        except OSError as exc:
            if exc.errno in RESOURCE_ERRORS:
                if not self._pause:
                    self.log(f"cannot accept connections for now ({exc.strerror}); waiting")
                self._pause = min(max(self._pause * 2, 0.01), 0.5)
                time.sleep(self._pause)
            raise
        self._pause = 0.0
        return sock, address

    def process_request(self, request: _Request, client_address: object) -> None:
        if not isinstance(request, socket.socket):  # a TCP server's requests are sockets
            raise TypeError(f"not a stream socket: {request!r}")
        evict = None
        with self._lock:
            full = self._open >= self.max_connections
            if full and self._idle:  # make room: the connection idle the longest goes
                oldest = min(self._idle, key=self._idle.__getitem__)
                if time.monotonic() - self._idle[oldest] >= _EVICTABLE:
                    evict = oldest
                    del self._idle[evict]
                    full = False
            if not full:
                self._open += 1
        if evict is not None:
            with contextlib.suppress(OSError):
                evict.shutdown(socket.SHUT_RDWR)  # its handler sees the end and closes
        if full:
            self._refuse(request)
            return
        try:
            super().process_request(request, client_address)
        except RuntimeError:  # no thread to be had
            self._done()
            self._refuse(request)

    def process_request_thread(self, request: _Request, client_address: object) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._done()

    def _done(self) -> None:
        with self._lock:
            self._open -= 1

    def _refuse(self, sock: socket.socket) -> None:
        """Answer 503 without reading the request, then close."""
        reply = (
            b"HTTP/1.0 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\n"
            b"Content-Type: text/plain; charset=utf-8\r\n"
            b"Content-Length: %d\r\n\r\n%s" % (len(_BUSY), _BUSY)
        )
        try:
            sock.setblocking(False)
            sock.send(reply)
            sock.recv(1 << 16)  # what the client sent already: closing then sends no RST
        except OSError:
            pass
        self.shutdown_request(sock)

    def handle_error(self, request: _Request, client_address: object) -> None:
        """One line, never a traceback: a client that went away is no server error."""
        exc = sys.exc_info()[1]
        where = client_address[0] if isinstance(client_address, tuple) else client_address
        if isinstance(exc, (ConnectionError, TimeoutError)):
            self.log(f"{where} - client gone: {type(exc).__name__}")
        else:
            self.log(f"{where} - internal error: {type(exc).__name__}: {exc}")
