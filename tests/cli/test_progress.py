"""Progress bars: the library reports its long steps to a callback and prints nothing;
the CLI draws bars on a terminal only, for steps that last."""

from __future__ import annotations

import io

import networkx as nx
from rich.console import Console
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.cli.common import progress_bars
from bilateral.graph.measures.snapshot import read_snapshot
from bilateral.graph.views.render import render


def _console(terminal: bool) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=terminal, width=100), out


def test_the_library_reports_reading_projection_and_measuring_and_prints_nothing(capsys) -> None:
    calls: list[tuple[str, int, int | None]] = []
    snap = read_snapshot()
    for backend in ("networkx", "igraph"):
        calls.clear()
        bilateral.centrality(snap, backend=backend, progress=lambda *a: calls.append(a))
        n = len(snap.records)
        assert ("projecting", n, n) in calls and ("measuring", 1, 1) in calls, backend
        assert calls[0][0] == "projecting" and calls[0][1] == 0
    calls.clear()
    bilateral.centrality(progress=lambda *a: calls.append(a))  # reads the bundled data
    assert calls[0] == ("reading", 0, 4) and ("reading", 4, 4) in calls
    assert capsys.readouterr() == ("", "")


def test_render_reports_the_layout_of_a_big_graph() -> None:
    G = nx.MultiDiGraph(nx.gnm_random_graph(400, 900, seed=3, directed=True))
    nx.set_node_attributes(G, "Thing", "cls")
    nx.set_node_attributes(G, {v: str(v) for v in G}, "label")
    calls: list[tuple[str, int, int | None]] = []
    render(graph=G, size_by="none", progress=lambda *a: calls.append(a))
    assert calls == [("layout", 0, None), ("layout", 1, 1)]


def test_bars_show_on_a_terminal() -> None:
    console, out = _console(terminal=True)
    with progress_bars(delay=0, console=console) as tick:  # drawn when the display stops
        tick("projecting", 3, 10)
        tick("layout", 0, None)
    assert "projecting" in out.getvalue() and "layout" in out.getvalue()


def test_short_steps_and_pipes_show_nothing() -> None:
    console, out = _console(terminal=True)
    with progress_bars(delay=3600, console=console) as tick:  # no step lasts an hour here
        tick("projecting", 3, 10)
    assert "projecting" not in out.getvalue()
    console, out = _console(terminal=False)
    with progress_bars(delay=0, console=console) as tick:
        tick("projecting", 0, 10)
    assert out.getvalue() == ""


def test_the_cli_prints_no_bar_when_captured() -> None:
    result = CliRunner().invoke(app, ["centrality", "--top", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "projecting" not in result.output
