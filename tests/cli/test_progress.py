"""Progress of the measures and the drawing: the library reports its long steps to a
callback (``step`` has done ``done`` of ``total``, as ``validate`` does) and prints
nothing; the CLI draws them with ``cli.progress.progress_bar`` (tested with validate),
on a terminal only."""

from __future__ import annotations

import networkx as nx
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.graph.measures.centrality import started
from bilateral.graph.measures.snapshot import read_snapshot
from bilateral.graph.views.render import render
from bilateral.progress import reporting


def test_the_library_reports_reading_projection_and_measuring_and_prints_nothing(capsys) -> None:
    calls: list[tuple[str, int, int]] = []
    snap = read_snapshot()
    for backend in ("networkx", "igraph"):
        calls.clear()
        with reporting(lambda *a: calls.append(a)):
            started(snap, backend=backend).result()
        n = len(snap.records)
        assert ("projecting", n, n) in calls and ("measuring", 1, 1) in calls, backend
        assert calls[0][0] == "projecting" and calls[0][1] == 0
    calls.clear()
    with reporting(lambda *a: calls.append(a)):
        bilateral.centrality()  # reads the bundled data
    assert calls[0] == ("reading", 0, 4) and ("reading", 4, 4) in calls
    assert capsys.readouterr() == ("", "")


def test_render_reports_the_layout_of_a_big_graph() -> None:
    G = nx.MultiDiGraph(nx.gnm_random_graph(400, 900, seed=3, directed=True))
    nx.set_node_attributes(G, "Thing", "cls")
    nx.set_node_attributes(G, {v: str(v) for v in G}, "label")
    calls: list[tuple[str, int, int]] = []
    with reporting(lambda *a: calls.append(a)):
        render(graph=G, size_by="none")
    assert calls == [("layout", 0, 1), ("layout", 1, 1)]


def test_the_cli_prints_no_bar_when_captured() -> None:
    result = CliRunner().invoke(app, ["centrality", "--top", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "projecting" not in result.output
