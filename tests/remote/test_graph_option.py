"""``--graph`` (and ``--user``) wherever ``--endpoint`` is taken, and the hints when a
remote read finds nothing (issue 28). The server is a loopback test double whose data
sits in one named graph, behind a Digest login (``double.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from bilateral.cli import app
from tests.servers import running

from .double import GRAPH, PASSWORD, TINY, USER, Double, serve

runner = CliRunner()


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, type[Double]]]:
    handler = Double.make("digest")
    with running(serve(handler), poll=0.05) as (host, port):
        yield f"http://{host}:{port}/sparql", handler


@pytest.fixture
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BILATERAL_PASSWORD", PASSWORD)


COMMANDS = {
    "dependence": ["dependence", "ruritania", "freedonia", "--draws", "100"],
    "centrality": ["centrality"],
    "compare": ["compare", "--as-of", "2019", "--as-of", "2021", "--draws", "100"],
    "scenario": ["scenario", "--remove", "tiny-loan", "--draws", "100"],
    "panel": [
        "panel",
        "ruritania",
        "freedonia",
        "--from",
        "2020",
        "--to",
        "2021",
        "--draws",
        "100",
    ],
    "report": ["report", "--out", "{tmp}/report"],
    "render": ["render", "--out", "{tmp}/graph.html"],
}


@pytest.mark.slow  # seven measures over the test double, ~1 s each
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_measure_reads_the_named_graph(
    command: str, server: tuple[str, type[Double]], password: None, tmp_path: Path
) -> None:
    endpoint, handler = server
    args = [a.format(tmp=tmp_path) for a in COMMANDS[command]]
    remote = ["--endpoint", endpoint, "--graph", GRAPH, "--user", USER, "--timeout", "10"]
    handler.seen.clear()
    r = runner.invoke(app, [*args, *remote])
    reads = [s.fields["query"] for s in handler.seen if "CONSTRUCT" in s.fields.get("query", "")]
    if command == "dependence":  # only the dyad's statements, with SELECTs of the named graph
        assert not reads and handler.seen
        assert all(s.fields.get("default-graph-uri") == GRAPH for s in handler.seen)
    else:
        assert len(reads) == 1 and f"GRAPH <{GRAPH}>" in reads[0]
    if command == "report":  # it validates first, and the source texts are local files
        assert r.exit_code == 1 and "source text file tiny-source.txt not found" in r.stderr, (
            r.output
        )
    else:
        assert r.exit_code == 0, r.output
    # without --graph the data is not seen: one line saying why, and what to give
    r = runner.invoke(app, [*args, *remote[:2], "--user", USER])
    assert r.exit_code == 1 and r.stderr.count("\n") == 1 and "Traceback" not in r.output
    sent = "actors" if command == "dependence" else "triples"
    assert f"{endpoint} sent no {sent}: the server's default graph is empty: give --graph" in (
        r.stderr
    )
    assert f"(its named graphs: <{GRAPH}>)" in r.stderr


def test_graph_and_user_go_with_endpoint() -> None:
    for extra in (["--graph", GRAPH], ["--user", USER]):
        r = runner.invoke(app, ["centrality", "--data", "tests/data/tiny", *extra])
        assert r.exit_code == 2 and r.stderr == f"error: {extra[0]} goes with --endpoint\n"
    r = runner.invoke(app, ["query", "ASK {}", *["--graph", GRAPH]])
    assert r.exit_code == 2 and "--graph goes with --endpoint" in r.stderr
    r = runner.invoke(
        app, ["dependence", "a", "b", "--endpoint", "http://127.0.0.1:9/q", "--graph", "x y"]
    )
    assert r.exit_code == 2 and "--graph: not a valid graph IRI" in r.stderr


def test_an_empty_remote_answer_gets_a_hint(
    server: tuple[str, type[Double]], password: None
) -> None:
    endpoint, _ = server
    base = ["query", "--endpoint", endpoint, "--user", USER, "SELECT ?s { ?s ?p ?o }"]
    r = runner.invoke(app, base)
    assert r.exit_code == 0 and "0 row(s)" in r.stderr
    assert (
        "hint: the server's default graph is empty: give --graph, the named graph that holds "
        "the data (bilateral push writes <https://w3id.org/bilateral/graph/default> by "
        f"default) (its named graphs: <{GRAPH}>)"
    ) in r.stderr
    r = runner.invoke(app, [*base, "--graph", "urn:x:other"])
    assert (
        r.exit_code == 0
        and (
            f"hint: the graph <urn:x:other> is empty or absent on this server (its named graphs: "
            f"<{GRAPH}>)"
        )
        in r.stderr
    )
    r = runner.invoke(app, [*base, "--graph", GRAPH])
    rows = len(Graph().parse(TINY))  # the double answers SELECTs over its data
    assert r.exit_code == 0 and "hint" not in r.stderr and f"{rows} row(s)" in r.stderr


def test_a_construct_asks_for_a_graph(server: tuple[str, type[Double]]) -> None:
    """Virtuoso answers a CONSTRUCT with whatever the client prefers: asked for SPARQL JSON
    results, it sent ?s ?p ?o bindings, and the measures over --endpoint broke."""
    from bilateral.graph.remote import Credentials, fetch_graph, remote_query

    endpoint, handler = server
    auth = Credentials(USER, PASSWORD)
    handler.seen.clear()
    g = fetch_graph(endpoint, graph=GRAPH, auth=auth)
    assert handler.seen[-1].accept.startswith("application/n-triples")
    assert len(g) > 30
    remote_query(endpoint, "SELECT ?s { ?s ?p ?o }", graph=GRAPH, auth=auth)
    assert handler.seen[-1].accept == "application/sparql-results+json"
