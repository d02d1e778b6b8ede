"""Push to and read from a real Oxigraph server (started here, on 127.0.0.1), and the
faults a remote store can have: down, slow, 5xx, truncated answers."""

from __future__ import annotations

import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import DataProblemsError
from bilateral.graph.remote import RemoteError, Timeouts, fetch_graph, push, remote_query

from .conftest import free_port

runner = CliRunner()
GRAPH = "urn:bilateral:test"


def _norm(rows):
    """Rows as comparable values (servers may canonicalise 500000000.0 to 500000000)."""
    from rdflib import Literal

    def value(t):
        if isinstance(t, Literal) and t.datatype and str(t.datatype).endswith("#decimal"):
            return str(float(t))
        return "|".join(sorted(re.split(r" \| | … ", str(t))))  # GROUP_CONCAT order is free

    return sorted(tuple(value(t) for t in row) for row in rows)


def test_push_query_round_trip(oxigraph: str, bundled) -> None:
    n = push(bundled, oxigraph + "/store", graph=GRAPH, validate=False)
    assert n == len(bundled)
    push(
        bundled, oxigraph + "/store", graph=GRAPH, validate=False
    )  # re-run: replaced, not duplicated
    count = remote_query(oxigraph + "/query", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", graph=GRAPH)
    assert int(count.rows[0][0]) == len(bundled)
    for name in ("cq-loans", "cq-dependencies", "cq-scenarios"):
        from bilateral.graph.sparql.engine import run
        from bilateral.graph.sparql.named import get_named

        # a server takes no bindings: the parameters' defaults are written in as IRIs
        remote = remote_query(oxigraph + "/query", get_named(name).with_values(), graph=GRAPH)
        local = run(bundled, get_named(name).text, bindings=get_named(name).defaults())
        assert _norm(remote.rows) == _norm(local.rows), name


@pytest.mark.slow  # a real Oxigraph server; test_push_query_round_trip is the quick one
def test_measures_from_the_remote_store(oxigraph: str, bundled) -> None:
    push(bundled, oxigraph + "/store", graph=GRAPH, validate=False)
    g = fetch_graph(oxigraph + "/query", graph=GRAPH)
    assert bilateral.dependence(g, "belarus", "russia").total == pytest.approx(
        bilateral.dependence(bundled, "belarus", "russia").total
    )
    r = runner.invoke(
        app, ["centrality", "--endpoint", oxigraph + "/query", "--top", "2", "--format", "csv"]
    )
    assert r.exit_code == 0 and "belarus" in r.stdout


@pytest.mark.slow
def test_cli_push_and_query(oxigraph: str) -> None:
    r = runner.invoke(app, ["push", "--endpoint", oxigraph + "/store", "--graph", GRAPH])
    assert r.exit_code == 0 and "pushed" in r.stdout
    r = runner.invoke(
        app,
        [
            "query",
            "--endpoint",
            oxigraph + "/query",
            "--graph",
            GRAPH,
            "--named",
            "cq-one-team",
            "--format",
            "csv",
        ],
    )
    assert r.exit_code == 0 and "one team" in r.stdout
    # oxigraph's default graph is empty: without --graph nothing is found, and a hint says why
    r = runner.invoke(app, ["query", "--endpoint", oxigraph + "/query", "--named", "cq-one-team"])
    assert r.exit_code == 0 and "0 row(s)" in r.stderr
    assert "hint: the server's default graph is empty: give --graph" in r.stderr
    assert f"<{GRAPH}>" in r.stderr  # oxigraph lists its named graphs
    r = runner.invoke(app, ["dependence", "belarus", "russia", "--endpoint", oxigraph + "/query"])
    assert r.exit_code == 0, r.output  # the measures read every graph without --graph
    r = runner.invoke(
        app,
        ["centrality", "--endpoint", oxigraph + "/query", "--graph", "urn:x:none", "--top", "2"],
    )
    assert r.exit_code == 1 and "the graph <urn:x:none> is empty or absent" in r.stderr


@pytest.mark.slow
def test_server_down() -> None:
    port = free_port()
    with pytest.raises(RemoteError, match="cannot connect"):
        remote_query(
            f"http://127.0.0.1:{port}/query",
            "ASK { ?s ?p ?o }",
            timeouts=Timeouts(timeout=2, attempts=2, backoff=0.01),
        )
    r = runner.invoke(
        app, ["push", "--endpoint", f"http://127.0.0.1:{port}/store", "--timeout", "2"]
    )
    assert r.exit_code == 1 and r.stderr.startswith("error: ") and "Traceback" not in r.output


class _Fake(BaseHTTPRequestHandler):
    mode = "500"
    calls = 0

    def log_message(self, *args) -> None:  # noqa: D102
        pass

    def do_POST(self) -> None:  # noqa: N802, D102
        type(self).calls += 1
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.mode == "500":
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"boom")
        elif self.mode == "slow":
            time.sleep(1.5)
            self.send_response(200)
            self.end_headers()
        elif self.mode == "truncated":
            body = b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"ty'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(body)
        elif self.mode == "400":
            self.send_response(400)
            self.end_headers()
            self.wfile.write(b"bad query")

    def do_PUT(self) -> None:  # noqa: N802, D102
        self.do_POST()


@pytest.fixture
def fake():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Fake)
    # polled every 0.05 s: shutdown() returns at once instead of after up to 0.5 s
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    _Fake.calls = 0
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("mode", "message", "calls"),
    [
        ("500", "answered 500", 3),
        ("slow", "no complete answer within 0.5 s", 1),  # the deadline covers retries
        ("truncated", "unreadable results", 1),
        ("400", "answered 400", 1),
    ],
)
def test_bad_answers(fake: str, mode: str, message: str, calls: int) -> None:
    _Fake.mode = mode
    with pytest.raises(RemoteError, match=message):
        remote_query(
            fake + "/q",
            "SELECT * { ?s ?p ?o }",
            timeouts=Timeouts(timeout=0.5, attempts=3, backoff=0.01),
        )
    assert _Fake.calls == calls  # 5xx retried (bounded); 4xx, bad bodies, a passed deadline not


def test_push_never_reports_partial_success(fake: str, bundled) -> None:
    _Fake.mode = "500"
    with pytest.raises(RemoteError):
        push(
            bundled,
            fake + "/store",
            timeouts=Timeouts(timeout=1, attempts=2, backoff=0.01),
            validate=False,
        )


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_push_validates_first_and_sends_nothing_invalid(fake: str, data_dir) -> None:
    """(The other push tests skip validation: the bundled data is validated once per
    session.)"""
    _Fake.mode = "500"
    bad = bilateral.load(["bundled", data_dir / "bad" / "checks-bad.ttl"])
    with pytest.raises(DataProblemsError, match="nothing pushed") as err:
        push(bad, fake + "/store", timeouts=Timeouts(timeout=1, attempts=1))
    assert err.value.problems and _Fake.calls == 0


def test_bad_urls_and_graph_iris(bundled) -> None:
    with pytest.raises(RemoteError, match="http"):
        remote_query("file:///etc/passwd", "ASK {}")
    with pytest.raises(RemoteError, match="graph IRI"):
        push(bundled, "http://127.0.0.1:9/store", graph="urn:x> } DROP ALL {")
