"""The query sandbox: a real SPARQL parse refuses SERVICE on both engines, and a kernel
guard in the query child stops every network socket whatever the parse misses.

Each test talks to a real listening socket and asserts that nothing arrives.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import bilateral.graph.sparql.engine as sparql
from bilateral.errors import QueryError
from bilateral.graph.sparql import sandbox

TINY = Path(__file__).parent.parent / "data" / "tiny"


class Listener:
    """A TCP socket on 127.0.0.1 that records whether anything connected."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.arrived: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            conn.settimeout(1)
            try:
                self.arrived.append(conn.recv(4096) or b"(connected)")
                # answer like a SPARQL endpoint, in case the request came this far
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                    b'Content-Length: 69\r\n\r\n{"head":{"vars":["x"]},"results":{"bindings":'
                    b'[{"x":{"type":"literal","value":"pwned"}}]}}'
                )
            except OSError:
                pass
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    it = Listener()
    yield it
    it.close()


@pytest.fixture(scope="module")
def store_graph(tmp_path_factory):
    from bilateral.graph.source.store import load_store, open_dataset

    folder = tmp_path_factory.mktemp("sandbox") / "store"
    load_store(folder, [TINY])
    return open_dataset(folder)


def _bypasses(port: int) -> list[str]:
    url = f"http://127.0.0.1:{port}/x"
    return [
        f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        # the lexical check read <'> as an IRI and skipped the keyword
        f"SELECT * {{ ?a ?b ?c FILTER(?a<'>'||true) SERVICE <{url}> {{ ?s ?p ?o }} }}",
        # a number glued to the keyword
        f"SELECT * {{ BIND(0.75 AS ?x) . ?s ?p ?o OPTIONAL {{ ?s ?p 0.75SERVICE <{url}> "
        f"{{ ?a ?b ?c }} }} }}",
        f"SELECT * {{ ?s ?p ?o }} VALUES ?x {{ 1 }} SERVICE <{url}> {{ }}",
        f"SELECT * {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ GRAPH ?g {{ ?s ?p ?o }} SeRvIcE <{url}> {{ ?a ?b ?c }} }}",
        f"ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ {{ SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?a ?b ?c }} }} }}",
    ]


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_service_is_refused_on_the_store_whatever_the_spelling(store_graph, listener) -> None:
    """Every query that would reach the listener is refused before evaluation (or does
    not parse); none reaches the socket; harmless queries among them still run."""
    for q in _bypasses(listener.port):
        try:
            result = sparql.run(store_graph, q, timeout=10)
        except QueryError as exc:
            assert "not allowed" in str(exc) or "syntax error" in str(exc), (q, str(exc))
        else:
            assert "SERVICE" not in q.upper() and "u0053" not in q, q
            assert result.kind == "select"
    assert listener.arrived == []


def test_service_is_refused_in_memory_whatever_the_spelling(bundled, listener) -> None:
    for q in _bypasses(listener.port):
        try:
            sparql.run(bundled, q, timeout=10)
        except QueryError as exc:
            assert "not allowed" in str(exc) or "syntax error" in str(exc), (q, str(exc))
    assert listener.arrived == []


def _without_the_check(monkeypatch) -> None:
    """Switch the parse-based refusal off: only the kernel guard is left."""
    monkeypatch.setattr(sparql, "refuse_unsafe", lambda parsed: None)


def test_kernel_guard_stops_oxigraph_service_when_the_check_is_bypassed(
    store_graph, listener, monkeypatch
) -> None:
    """Oxigraph's own HTTP client (Rust, invisible to Python's audit hooks) cannot open a
    socket in the query child: the query fails and nothing arrives."""
    _without_the_check(monkeypatch)
    q = f"SELECT * {{ SERVICE <http://127.0.0.1:{listener.port}/x> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryError, match=r"refused by the sandbox.*os error 13"):
        sparql.run(store_graph, q, timeout=10)
    assert listener.arrived == []


def test_store_queries_refuse_to_run_without_the_kernel_guard(store_graph, monkeypatch) -> None:
    """Fail closed: where seccomp cannot be installed, Oxigraph does not run at all."""

    def unavailable() -> None:
        raise OSError("libseccomp.so.2: cannot open shared object file")

    monkeypatch.setattr(sandbox, "install_kernel_guard", unavailable)
    with pytest.raises(QueryError, match="need the kernel network guard.*libseccomp2"):
        sparql.run(store_graph, "ASK { ?s ?p ?o }", timeout=10)


def test_kernel_guard_stops_rdflib_service_when_the_check_is_bypassed(
    bundled, listener, monkeypatch
) -> None:
    _without_the_check(monkeypatch)
    q = f"SELECT * {{ SERVICE <http://127.0.0.1:{listener.port}/x> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryError, match="refused"):
        sparql.run(bundled, q, timeout=10)
    assert listener.arrived == []


def test_guard_refuses_inet_sockets_and_keeps_unix_sockets(listener) -> None:
    """The guard works at the system-call level: no Python audit hook involved."""

    def work() -> dict[str, str]:
        out: dict[str, str] = {}
        for name, family in (("inet", socket.AF_INET), ("inet6", socket.AF_INET6)):
            try:
                # _socket.socket bypasses socket.socket's Python wrapper entirely
                import _socket

                s = _socket.socket(family, socket.SOCK_STREAM)
                s.close()
                out[name] = "opened"
            except OSError as exc:
                out[name] = f"refused: {exc.errno}"
        a, b = socket.socketpair(socket.AF_UNIX)
        a.sendall(b"ok")
        out["unix"] = b.recv(2).decode()
        a.close()
        b.close()
        return out

    got = sandbox.in_child(work, timeout=10)
    assert got["inet"].startswith("refused") and got["inet6"].startswith("refused")
    assert got["unix"] == "ok"
    assert listener.arrived == []


def test_guard_leaves_the_parent_alone() -> None:
    sandbox.in_child(lambda: None, timeout=10)
    s = socket.socket()
    s.close()
