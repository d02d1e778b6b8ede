"""``--timeout`` is a deadline for a whole remote request, retries included: a server
that trickles its answer (a byte every 0.5 s) cannot keep ``push``, ``query
--endpoint`` or ``centrality --endpoint`` running past it. Option values that make no
sense (``--timeout inf``, a malformed ``--endpoint``) are one error line, exit 2."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.graph.remote import RemoteError, Timeouts, fetch_graph, push, remote_query

TINY = str(Path(__file__).parent.parent / "data" / "tiny")
DEADLINE = 1.5  # seconds: three bytes of the trickle
SLACK = 1.5  # seconds allowed past the deadline (thread start-up, a loaded machine)
runner = CliRunner()


class Trickler:
    """A real HTTP server on 127.0.0.1 that answers one byte every ``pause`` seconds:
    the status line and headers too (``headers=True``), or only the body."""

    def __init__(self, *, headers: bool = False, pause: float = 0.5) -> None:
        self.headers, self.pause = headers, pause
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.stop = threading.Event()
        self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        body = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}' + b" " * 10_000
        head = (
            b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n"
        )
        try:
            conn.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data:  # the request head; the body is left unread
                data += conn.recv(65536)
            if not self.headers:
                conn.sendall(head)
            for byte in (head if self.headers else b"") + body:
                if self.stop.is_set():
                    break
                conn.sendall(bytes([byte]))
                time.sleep(self.pause)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


@pytest.fixture
def trickle() -> Iterator[Trickler]:
    server = Trickler()
    yield server
    server.close()


def _timed(func, *args, **kwargs) -> float:
    start = time.monotonic()
    with pytest.raises(RemoteError, match=f"within {DEADLINE:g} s"):
        func(*args, **kwargs)
    return time.monotonic() - start


@pytest.mark.slow  # waits out a deadline (issue 25: no wall-clock waits in the quick tier)
def test_a_trickled_body_stops_at_the_deadline(trickle: Trickler) -> None:
    t = Timeouts(timeout=DEADLINE, attempts=3, backoff=0.1)
    assert _timed(remote_query, trickle.url + "/q", "ASK {}", timeouts=t) < DEADLINE + SLACK
    assert _timed(fetch_graph, trickle.url + "/q", timeouts=t) < DEADLINE + SLACK


@pytest.mark.slow  # waits out a deadline (issue 25: no wall-clock waits in the quick tier)
def test_trickled_headers_stop_at_the_deadline() -> None:
    server = Trickler(headers=True)
    try:
        t = Timeouts(timeout=DEADLINE, attempts=3, backoff=0.1)
        assert _timed(remote_query, server.url + "/q", "ASK {}", timeouts=t) < DEADLINE + SLACK
    finally:
        server.close()


@pytest.mark.slow  # waits out a deadline (issue 25: no wall-clock waits in the quick tier)
def test_push_stops_at_the_deadline(trickle: Trickler, bundled) -> None:
    t = Timeouts(timeout=DEADLINE, attempts=3, backoff=0.1)
    took = _timed(push, bundled, trickle.url + "/store", timeouts=t, validate=False)
    assert took < DEADLINE + SLACK


def _cli_within(args: list[str], limit: float) -> str:
    start = time.monotonic()
    result = runner.invoke(app, args)
    took = time.monotonic() - start
    assert result.exit_code == 1, result.output
    assert took < limit, f"{args[0]} took {took:.1f} s"
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert f"within {DEADLINE:g} s" in lines[0]
    return lines[0]


@pytest.mark.slow
def test_the_cli_commands_stop_at_the_deadline(trickle: Trickler) -> None:
    d = str(DEADLINE)
    _cli_within(
        ["query", "ASK {}", "--endpoint", trickle.url + "/q", "--timeout", d], DEADLINE + SLACK
    )
    # push loads and validates first (about a second), then the upload has its deadline
    _cli_within(["push", "--endpoint", trickle.url + "/s", "--timeout", d, "--data", TINY], 6)
    # centrality and dependence: --timeout is the deadline of their fetch
    for args in (["centrality"], ["dependence", "a", "b"]):
        _cli_within([*args, "--endpoint", trickle.url + "/q", "--timeout", d], DEADLINE + SLACK)


@pytest.mark.slow  # waits out a deadline (issue 25: no wall-clock waits in the quick tier)
def test_retries_share_the_deadline() -> None:
    """A server that answers 503 at once is retried, but never past the deadline."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    calls = []

    def serve() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            calls.append(1)
            conn.recv(65536)
            time.sleep(0.4)
            conn.sendall(b"HTTP/1.1 503 Busy\r\nContent-Length: 4\r\n\r\nbusy")
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/q"
    start = time.monotonic()
    with pytest.raises(RemoteError, match="503"):
        remote_query(url, "ASK {}", timeouts=Timeouts(timeout=DEADLINE, attempts=50, backoff=0.05))
    assert time.monotonic() - start < DEADLINE + SLACK and 2 <= len(calls) < 10
    sock.close()


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "0", "1e400", "soon"])
@pytest.mark.parametrize("command", ["query", "serve", "push"])
def test_bad_timeouts_are_one_line(command: str, value: str) -> None:
    args = {
        "query": ["query", "ASK {}"],
        "serve": ["serve", "--port", "0"],
        "push": ["push", "--endpoint", "http://127.0.0.1:9/store"],
    }[command]
    result = runner.invoke(app, [*args, "--timeout", value])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "--timeout" in lines[0], lines


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1",
        "http://127.0.0.1:99999/q",
        "http://127.0.0.1:port/q",
        "ftp://127.0.0.1/q",
        "http://",
        "127.0.0.1:7878/query",
        "http://exa mple.org/q",
        "http://user:secret@127.0.0.1:9/q",
        "http://127.0.0.1/q\x1b[2J",
    ],
)
def test_malformed_endpoints_are_one_line(url: str) -> None:
    for args in (
        ["query", "ASK {}", "--endpoint", url],
        ["push", "--endpoint", url],
        ["centrality", "--endpoint", url],
        ["dependence", "a", "b", "--endpoint", url],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (args, lines)
        assert "\x1b" not in result.stderr
