"""Heavy measures: ours (igraph behind bilateral.centrality) against igraph direct."""

from __future__ import annotations

import random
import statistics

import networkx as nx

from benchmarks.common import DATA, Row, median_time
from benchmarks.generate import ensure


def _igraph_direct(G: nx.MultiDiGraph):
    from bilateral.graph.measures.backend import igraph

    ig = igraph()
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    return ig, [(index[a], index[b]) for a, b in G.edges()], len(nodes)


def _from_networkx(G: nx.MultiDiGraph) -> tuple[list[tuple[int, int]], int]:
    """What a direct igraph user does first: number the nodes, list the edges."""
    index = {v: i for i, v in enumerate(G)}
    return [(index[a], index[b]) for a, b in G.edges()], len(index)


def run(runs: int = 3) -> list[Row]:
    import shutil
    import tempfile

    from bilateral.graph.measures.backend import heavy_measures as _igraph
    from bilateral.graph.measures.project import project
    from bilateral.graph.source.store import load_store, open_dataset

    big_file = ensure(1_000_000, DATA)
    folder = tempfile.mkdtemp(prefix="bilateral-bench-")
    load_store(folder + "/s", [big_file])
    G = project(open_dataset(folder + "/s"), view="full", detail=False)
    shutil.rmtree(folder, ignore_errors=True)
    rows = []
    ig, edges, n = _igraph_direct(G)

    def ref_pagerank() -> None:
        e, k = _from_networkx(G)
        ig.Graph(n=k, edges=e, directed=True).pagerank(damping=0.85)

    def ref_eigen() -> None:
        e, k = _from_networkx(G)
        ig.Graph(n=k, edges=e, directed=True).as_undirected().eigenvector_centrality()

    def ref_pagerank_ready() -> None:
        ig.Graph(n=n, edges=edges, directed=True).pagerank(damping=0.85)

    ours_pr = median_time(lambda: _igraph(G, {"pagerank"}), runs)
    rows.append(
        Row(
            f"PageRank, {n} nodes (1M triples, full view)",
            ours_pr,
            median_time(ref_pagerank, runs),
            2.0,
            reference_name="igraph direct: edge list from the same NetworkX graph, "
            "Graph(), pagerank()",
        )
    )
    rows.append(
        Row(
            "PageRank (vs igraph on a ready integer edge list)",
            ours_pr,
            median_time(ref_pagerank_ready, runs),
            None,
            reference_name="igraph: Graph() from ready integer pairs + pagerank()",
            notes="the difference is reading the NetworkX graph (about 1 µs per node pair)",
        )
    )
    rows.append(
        Row(
            f"eigenvector, {n} nodes",
            median_time(lambda: _igraph(G, {"eigenvector"}), runs),
            median_time(ref_eigen, runs),
            2.0,
            reference_name="igraph direct: edge list from the same NetworkX graph, "
            "Graph(), eigenvector_centrality()",
        )
    )
    D = nx.MultiDiGraph(nx.gnm_random_graph(10_000, 58_000, seed=1, directed=True))
    ig, dedges, dn = _igraph_direct(D)

    def ref_betweenness() -> None:
        ig.Graph(n=dn, edges=dedges, directed=True).betweenness()

    exact = _igraph(D, {"betweenness"})["betweenness"]
    rows.append(
        Row(
            "exact betweenness, 10k nodes / 58k edges",
            median_time(lambda: _igraph(D, {"betweenness"}), runs),
            median_time(ref_betweenness, runs),
            2.0,
            reference_name="igraph: Graph from the edge list + betweenness()",
        )
    )
    approx = _igraph(D, {"betweenness"}, samples=500)["betweenness"]
    top = sorted(exact, key=exact.get, reverse=True)[:100]
    rel = statistics.mean(abs(approx[v] - exact[v]) / exact[v] for v in top)
    ranks_exact = {v: i for i, v in enumerate(sorted(exact, key=exact.get, reverse=True))}
    ranks_approx = {v: i for i, v in enumerate(sorted(approx, key=approx.get, reverse=True))}
    sample = random.Random(1).sample(list(exact), 2000)
    rho = _spearman([ranks_exact[v] for v in sample], [ranks_approx[v] for v in sample])
    rows.append(
        Row(
            "sampled betweenness (500 sources), 10k nodes",
            median_time(lambda: _igraph(D, {"betweenness"}, samples=500), runs),
            median_time(lambda: _igraph(D, {"betweenness"}), 1),
            None,
            reference_name="exact betweenness (ours)",
            notes=f"error: mean relative error of the top 100 = {rel:.1%}; "
            f"Spearman rank correlation = {rho:.3f}",
        )
    )
    return rows


def _spearman(a: list[int], b: list[int]) -> float:
    n = len(a)
    d2 = sum((x - y) ** 2 for x, y in zip(a, b, strict=True))
    ra = {v: i for i, v in enumerate(sorted(range(n), key=lambda i: a[i]))}
    rb = {v: i for i, v in enumerate(sorted(range(n), key=lambda i: b[i]))}
    d2 = sum((ra[i] - rb[i]) ** 2 for i in range(n))
    return 1 - 6 * d2 / (n * (n * n - 1))
