"""Render a 20 000-node graph to one offline HTML file (target: 2 s in total)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import networkx as nx

from benchmarks.common import Row, median_time


def _graph(n: int = 20_000) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(nx.barabasi_albert_graph(n, 2, seed=3).to_directed())
    for v in G:
        G.nodes[v].update(label=f"actor {v}", cls="State", classes=frozenset({"State"}))
    for i, (u, v, k) in enumerate(G.edges(keys=True)):
        G.edges[u, v, k].update(
            statement=f"https://w3id.org/bilateral/id/st-{i}",
            domains=("trade",),
            start="2020-01-01",
            end="2020-01-01",
            kind="Support",
            label=f"statement {i}",
        )
    G.graph["view"] = "actors"
    return G


def run(runs: int = 3) -> list[Row]:
    from bilateral.graph.views.render import render, write_html

    G = _graph()
    out = Path(tempfile.mkdtemp()) / "big.html"

    def ours() -> None:
        write_html(render(graph=G, size_by="degree"), out)

    t = median_time(ours, runs, warmup=1)
    return [
        Row(
            "render 20k nodes / 80k edges to HTML",
            t,
            1.0,
            2.0,
            reference_name="2 s budget",
            notes=f"file size {out.stat().st_size / 1e6:.1f} MB; layout by igraph, physics off",
        )
    ]
