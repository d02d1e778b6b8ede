"""Send one HTTP request to a SPARQL server within one deadline, with bounded retries.

The deadline covers the whole request (connecting, sending, the headers and the body of
the answer, retries and their back-off included): a server that trickles its answer a
byte at a time is cut off when it passes. The body is read in chunks up to
``max_bytes``: an endless or oversized answer is refused when it passes the cap (or,
for a push, whose status is all that counts, cut there), never held whole in memory.
Connection errors and 5xx answers are retried with back-off; everything else is one
``RemoteError``. Endpoint URLs and graph IRIs are checked here too, before anything is
sent.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bilateral.errors import BilateralError
from bilateral.graph.sparql.limits import format_size

if TYPE_CHECKING:
    from bilateral.graph.remote.auth import Credentials

__all__ = [
    "DEFAULT_ANSWER_CAP",
    "DEFAULT_GRAPH",
    "DEFAULT_TIMEOUT",
    "USER_AGENT",
    "RemoteAuthError",
    "RemoteError",
    "RemoteInputError",
    "Timeouts",
    "check_iri",
    "check_url",
    "send",
]

DEFAULT_GRAPH = "https://w3id.org/bilateral/graph/default"
DEFAULT_TIMEOUT = 30.0  # seconds for a whole request
DEFAULT_ANSWER_CAP = 100 << 20  # bytes of an answer's body read at most (as `byte_cap`)
_CHUNK = 1 << 16
USER_AGENT = "bilateral (SPARQL client)"


class RemoteError(BilateralError):
    """The remote store is down, too slow, or answered with an error."""

    exit_code = 1


class RemoteInputError(RemoteError):
    """An endpoint URL or graph IRI that cannot be used (unusable input: exit 2)."""

    exit_code = 2


class RemoteAuthError(RemoteError):
    """The server refused the request for want of a login, or refused the login given."""


@dataclass
class Timeouts:
    """The deadline of a whole request in seconds (retries included) and how many
    attempts to make within it."""

    timeout: float = field(default_factory=lambda: DEFAULT_TIMEOUT)
    attempts: int = 3
    backoff: float = 0.5


class _Deadline:
    """A whole-request deadline: when it passes, every socket opened under it is shut
    down, so a read blocked on a server that trickles its answer returns at once."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.expired = False
        self._lock = threading.Lock()
        self._socks: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        return self.at - time.monotonic()

    def track(self, sock: socket.socket) -> None:
        with self._lock:
            if self.expired:
                sock.close()
                raise TimeoutError("deadline passed")
            self._socks.append(sock.dup())  # a dup shuts down the same connection, TLS too

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._socks:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._socks:
                sock.close()
            self._socks.clear()


def _connections(
    base: type[http.client.HTTPConnection], deadline: _Deadline
) -> Callable[..., http.client.HTTPConnection]:
    """What ``urllib`` calls to open a connection: ``base``, whose sockets are opened
    with the time left before ``deadline`` and shut down when it passes."""

    def create(
        address: tuple[str, int],
        timeout: float | None = None,
        source_address: tuple[str, int] | None = None,
    ) -> socket.socket:
        left = deadline.left()
        if left <= 0:
            raise TimeoutError("deadline passed")
        sock = socket.create_connection(address, left, source_address)
        deadline.track(sock)
        return sock

    def connection(host: str, /, **kwargs: Any) -> http.client.HTTPConnection:
        kwargs["timeout"] = max(deadline.left(), 0.001)
        conn = base(host, **kwargs)
        setattr(conn, _CREATE, create)  # http.client's hook for opening the socket
        return conn

    return connection


_CREATE = "_create_connection"


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_connections(http.client.HTTPConnection, self._deadline), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        conn = _connections(http.client.HTTPSConnection, self._deadline)
        # the TLS context urllib's own handler keeps (not in its typed interface)
        context = getattr(self, "_context", None)
        return self.do_open(conn, req, context=context)


class _TooLargeError(Exception):
    """The answer's body passed the cap."""


def _body(resp: http.client.HTTPResponse, deadline: _Deadline, max_bytes: int, cut: bool) -> bytes:
    """The body of ``resp``, read in chunks while the deadline holds: ``_TooLargeError`` when
    it passes ``max_bytes`` (with ``cut``, its first ``max_bytes`` bytes instead)."""
    length = resp.headers.get("Content-Length", "")
    if not cut and length.isdigit() and int(length) > max_bytes:
        raise _TooLargeError
    parts: list[bytes] = []
    total = 0
    while chunk := resp.read(min(_CHUNK, max_bytes + 1 - total)):
        if deadline.expired:
            raise TimeoutError
        parts.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            if cut:
                return b"".join(parts)[:max_bytes]
            raise _TooLargeError
    return b"".join(parts)


def send(
    req: urllib.request.Request,
    t: Timeouts,
    *,
    max_bytes: int = DEFAULT_ANSWER_CAP,
    cut: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    auth: Credentials | None = None,
) -> tuple[int, bytes, str]:
    """Send ``req`` and read the whole answer before ``t.timeout`` seconds have passed:
    ``(status, body, content type)``. A body over ``max_bytes`` is a ``RemoteError``
    naming `byte_cap` (with ``cut``, only its first ``max_bytes`` are read). With
    ``auth``, a 401 challenge (Basic or Digest) is answered with it; a 401 or 403 that
    remains is one ``RemoteAuthError`` saying what to set."""
    if max_bytes < 1:
        raise RemoteInputError(f"`byte_cap` must be at least 1 byte, not {max_bytes}")
    deadline = _Deadline(t.timeout)
    handlers: list[urllib.request.BaseHandler] = [_HTTPHandler(deadline), _HTTPSHandler(deadline)]
    if req.get_method() == "PUT":  # an upload: its body is sent once, logged in if need be
        from bilateral.graph.remote.auth import answer_in_advance

        answer_in_advance(req, auth, urllib.request.build_opener(*handlers))
    if auth is not None:
        from bilateral.graph.remote.auth import auth_handlers

        handlers += auth_handlers(req.full_url, auth)
    opener = urllib.request.build_opener(*handlers)
    late = f"no complete answer within {t.timeout:g} s (the timeout covers the whole request)"
    last, attempt = "", 0
    try:
        for attempt in range(1, t.attempts + 1):  # noqa: B007 - reported below
            try:
                with opener.open(req) as resp:
                    status, body = resp.status, _body(resp, deadline, max_bytes, cut)
                    if deadline.expired:  # a body cut at the deadline may look complete
                        raise TimeoutError
                    return status, body, resp.headers.get("Content-Type", "")
            except urllib.error.HTTPError as exc:
                try:
                    text = exc.read(300)  # an error page may be endless too
                except OSError:
                    text = b""
                lines = text.decode("utf-8", "replace").strip().splitlines()
                detail = lines[0] if lines else exc.reason
                if exc.code in (401, 403):
                    from bilateral.graph.remote.auth import refusal

                    raise refusal(req.full_url, exc.code, auth) from None
                if exc.code < 500:
                    raise RemoteError(f"{req.full_url} answered {exc.code}: {detail}") from None
                last = f"answered {exc.code}: {detail}"
            except urllib.error.URLError as exc:
                reason = exc.reason
                last = late if deadline.expired else f"cannot connect ({reason})"
            except ValueError as exc:  # urllib: a challenge of a scheme it cannot answer
                raise RemoteAuthError(f"{req.full_url} asks for a login: {exc}") from None
            except _TooLargeError:
                raise RemoteError(
                    f"{req.full_url} sent an answer larger than the `byte_cap` of "
                    f"{format_size(max_bytes)}; nothing more was read"
                ) from None
            except (TimeoutError, http.client.HTTPException, OSError) as exc:
                last = (
                    late
                    if deadline.expired or isinstance(exc, TimeoutError)
                    else (f"connection failed ({exc})")
                )
            if deadline.expired or deadline.left() <= 0 or attempt == t.attempts:
                break
            sleep(min(t.backoff * 2 ** (attempt - 1), max(deadline.left(), 0)))
            if deadline.left() <= 0:
                break
    finally:
        deadline.close()
    tries = f"after {attempt} attempt{'s' if attempt != 1 else ''}"
    raise RemoteError(f"{req.full_url}: {last} ({tries})")


def check_iri(iri: str) -> str:
    """``iri`` if it can name a graph, else ``RemoteInputError`` (exit 2)."""
    from bilateral.graph.source.parse import _BAD_IRI

    if not iri or _BAD_IRI.search(iri) or ":" not in iri:
        raise RemoteInputError(f"not a valid graph IRI: {iri!r}")
    return iri


def check_url(url: str) -> str:
    """``url`` if it is a usable http(s) endpoint URL, else ``RemoteInputError`` (exit 2).

    >>> check_url("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/query'
    >>> check_url("ftp://127.0.0.1/")
    Traceback (most recent call last):
    ...
    bilateral.graph.remote.request.RemoteInputError: not an http(s) endpoint URL: 'ftp://127.0.0.1/'
    """
    from bilateral.graph.source.parse import _BAD_IRI

    if _BAD_IRI.search(url):
        raise RemoteInputError(f"not a valid endpoint URL: {url!r} (spaces or control characters)")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises for a port that is not a number in range
    except ValueError as exc:
        raise RemoteInputError(f"not a valid endpoint URL: {url!r} ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RemoteInputError(f"not an http(s) endpoint URL: {url!r}")
    if parts.username is not None or parts.password is not None:
        raise RemoteInputError(
            f"not a usable endpoint URL: {parts.hostname}: credentials in the URL are not sent"
        )
    return url
