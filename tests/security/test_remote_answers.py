"""Malformed, oversized and endless answers from a remote endpoint (issue 26, item 11):
each is one ``RemoteError`` naming what was wrong (exit 1 on the command line), never a
traceback (exit 3); the body is read up to `byte_cap` (``--max-bytes``) and within the
whole-request deadline. A fake endpoint on 127.0.0.1 serves each answer."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.graph.remote import RemoteError, Timeouts, push, remote_query
from tests.servers import running

HEAD = b'{"head": {"vars": ["x"]}, '
MALFORMED = {
    "binding-not-object": (HEAD + b'"results": {"bindings": [1]}}', "binding 1 that is not an"),
    "bindings-dict": (HEAD + b'"results": {"bindings": {"x": 1}}}', "`bindings` is not a list"),
    "null": (b"null", "not a JSON object"),
    "array": (b"[]", "not a JSON object"),
    "bad-lang": (
        HEAD + b'"results": {"bindings": [{"x": {"type": "literal", "value": "a", '
        b'"xml:lang": "en us"}}]}}',
        "binding 1, ?x: not a language tag: 'en us'",
    ),
    "lang-number": (
        HEAD + b'"results": {"bindings": [{"x": {"type": "literal", "value": "a", '
        b'"xml:lang": 7}}]}}',
        "`xml:lang` must be a string",
    ),
    "bad-datatype": (
        HEAD + b'"results": {"bindings": [{"x": {"type": "literal", "value": "a", '
        b'"datatype": "http://e/ x"}}]}}',
        "not a datatype IRI",
    ),
    "term-not-object": (HEAD + b'"results": {"bindings": [{"x": "a"}]}}', "not an object"),
    "value-not-string": (
        HEAD + b'"results": {"bindings": [{"x": {"type": "uri", "value": 5}}]}}',
        "`type` and `value` must be strings",
    ),
    "unknown-type": (
        HEAD + b'"results": {"bindings": [{"x": {"type": "triple", "value": ""}}]}}',
        "unknown type 'triple'",
    ),
    "vars-not-names": (b'{"head": {"vars": [1]}, "results": {"bindings": []}}', "head/vars"),
    "boolean-not-bool": (b'{"head": {}, "boolean": "yes"}', "`boolean` is not true/false"),
    "deep": (b"[" * 200_000 + b"]" * 200_000, "nested deeper than 64 levels"),
    "deep-object": (b'{"a":' * 200_000 + b"1" + b"}" * 200_000, "nested deeper than 64"),
}
MiB = 1 << 20


class _Fake(BaseHTTPRequestHandler):
    mode = "ok"
    stop = threading.Event()

    def log_message(self, *args: object) -> None:
        pass

    def _endless(self, chunk: bytes, pause: float, total: int | None) -> None:
        sent, started = 0, time.monotonic()
        while not self.stop.is_set() and time.monotonic() - started < 30:  # bounded
            if total is not None and sent >= total:
                self.stop.wait(0.1)  # all sent: hold the connection open
                continue
            self.wfile.write(chunk)
            sent += len(chunk)
            if pause:
                time.sleep(pause)

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            self._answer()
        except OSError:  # the client gave up: fine
            pass

    do_PUT = do_POST  # noqa: N815

    def _answer(self) -> None:
        mode = type(self).mode
        status = 500 if mode == "error-endless" else 200
        self.send_response(status)
        self.send_header("Content-Type", "application/sparql-results+json")
        if mode in MALFORMED:
            body = MALFORMED[mode][0]
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif mode == "declared-large":
            self.send_header("Content-Length", str(10 * MiB))
            self.end_headers()
            self.wfile.write(b" " * 1024)
        elif mode in ("endless", "error-endless"):  # no length: 64 MiB, then held open
            self.end_headers()
            self.wfile.write(HEAD + b'"results": {"bindings": [')
            self._endless(b" " * 65536, 0, 64 * MiB)
        elif mode == "trickle":  # endless and slow: only the deadline ends it
            self.end_headers()
            self._endless(b" " * 1024, 0.05, None)
        else:
            body = HEAD + b'"results": {"bindings": [{"x": {"type": "uri", "value": "a:b"}}]}}'
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


@pytest.fixture(scope="module")
def fake() -> Iterator[str]:
    _Fake.stop.clear()
    with running(ThreadingHTTPServer(("127.0.0.1", 0), _Fake), 0.05) as (_, port):
        yield f"http://127.0.0.1:{port}/q"
        _Fake.stop.set()  # a handler still trickling stops before the server does


@pytest.mark.parametrize("mode", MALFORMED)
def test_malformed_answers_are_one_remote_error(fake: str, mode: str) -> None:
    _Fake.mode = mode
    with pytest.raises(RemoteError) as caught:
        remote_query(fake, "SELECT ?x { ?x ?p ?o }", timeouts=Timeouts(timeout=20))
    assert MALFORMED[mode][1] in str(caught.value)


@pytest.mark.parametrize("mode", ["bindings-dict", "deep", "bad-lang", "null"])
def test_malformed_answers_exit_1_on_the_command_line(fake: str, mode: str) -> None:
    _Fake.mode = mode
    out = CliRunner().invoke(app, ["query", "SELECT ?x { ?x ?p ?o }", "--endpoint", fake])
    assert out.exit_code == 1, out.output
    assert out.output.startswith("error: ") and "Traceback" not in out.output
    assert len(out.output.strip().splitlines()) == 1


def test_a_good_answer_still_reads(fake: str) -> None:
    _Fake.mode = "ok"
    r = remote_query(fake, "SELECT ?x { ?x ?p ?o }", byte_cap=1024)
    assert [str(t) for (t,) in r.rows] == ["a:b"]


@pytest.mark.parametrize("mode", ["endless", "declared-large"])
def test_the_body_stops_at_the_byte_cap(fake: str, mode: str) -> None:
    _Fake.mode = mode
    started = time.monotonic()
    with pytest.raises(RemoteError, match=r"larger than the `byte_cap` of 1 MiB"):
        remote_query(fake, "SELECT ?x {}", byte_cap=MiB, timeouts=Timeouts(timeout=10))
    assert time.monotonic() - started < 3  # not the 10 s deadline: the cap ended it


def test_the_cli_names_max_bytes(fake: str) -> None:
    _Fake.mode = "endless"
    args = ["query", "SELECT ?x {}", "--endpoint", fake, "--max-bytes", "1M", "--timeout", "10"]
    out = CliRunner().invoke(app, args)
    assert out.exit_code == 1, out.output
    assert "larger than the --max-bytes of 1 MiB" in out.output


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_the_deadline_holds_while_reading(fake: str) -> None:
    _Fake.mode = "trickle"
    started = time.monotonic()
    with pytest.raises(RemoteError, match="no complete answer within 1 s"):
        remote_query(fake, "SELECT ?x {}", timeouts=Timeouts(timeout=1, attempts=1))
    assert time.monotonic() - started < 2.5


def test_an_endless_error_page_is_not_read_whole(fake: str) -> None:
    _Fake.mode = "error-endless"
    started = time.monotonic()
    with pytest.raises(RemoteError, match="answered 500"):
        remote_query(fake, "SELECT ?x {}", timeouts=Timeouts(timeout=10, attempts=2, backoff=0))
    assert time.monotonic() - started < 3


def test_push_reads_no_more_than_it_needs(fake: str) -> None:
    _Fake.mode = "endless"  # 200, then an endless body: the status is the confirmation
    g = Graph()
    g.parse(data="<http://e/a> <http://e/b> <http://e/c> .", format="nt")
    started = time.monotonic()
    assert push(g, fake, validate=False, timeouts=Timeouts(timeout=10)) == 1
    assert time.monotonic() - started < 3
