"""Centrality of actors (or statements) in a projection: one DataFrame row per node.

The default ranking (``DEFAULT_RANKING``) is **eigenvector centrality on the undirected
graph of the connected part that holds the dyad**, weighted by the number of statements
between two actors: an actor is prominent when it is tied, by many statements, to
actors that are prominent themselves. It has one reading whatever the edges mean
(dependent → provider, agent → target, parties of an agreement), and a closed pair of
minor actors outside the dyad's part cannot outrank the leaders. Directed PageRank
stays selectable; its random walk follows edge directions that mix meanings, and
closed groups with no way out (rank sinks) collect rank — ``centrality`` warns about
them.

Degrees count the distinct statements an actor takes part in (a statement between two
parties, or with several targets, counts once, whatever its direction); betweenness and
closeness use the simple directed graph (closeness on incoming distances,
Wasserman-Faust scaling for disconnected graphs, as NetworkX does); PageRank (damping
0.85) uses the directed graph weighted by the number of statements. NetworkX is the
reference; above ``AUTO_THRESHOLD`` nodes the heavy measures run on igraph
(``backend.py``), scaled to NetworkX's conventions.

>>> import networkx as nx
>>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("a", "b")])
>>> measures(G, ["degree", "betweenness"])["betweenness"].round(3).to_dict()
{'a': 0.0, 'b': 0.5, 'c': 0.0}
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

import networkx as nx

from bilateral.errors import InputError
from bilateral.graph.measures.backend import sampled_sources
from bilateral.graph.measures.brandes import Pending
from bilateral.graph.measures.table import frame
from bilateral.graph.measures.vocabulary import DEFAULT_RANKING, HEAVY, MEASURES

if TYPE_CHECKING:
    import pandas as pd

    from bilateral.graph.measures.arrays import Edges, Progress

__all__ = [
    "AUTO_THRESHOLD",
    "DEFAULT_RANKING",
    "MEASURES",
    "centrality",
    "dyad_part",
    "started",
    "measures",
    "rank_sinks",
    "simple_graphs",
    "values",
]

AUTO_THRESHOLD = 2000


def simple_graphs(G: nx.MultiDiGraph) -> tuple[nx.DiGraph, nx.Graph]:
    """The directed and undirected simple graphs, weighted by the number of statements.

    A statement that links two parties without direction appears as two edges in ``G``
    (``directed=False``); it counts once in the undirected graph.
    """
    D = nx.DiGraph()
    D.add_nodes_from(G.nodes)
    U = nx.Graph()
    U.add_nodes_from(G.nodes)
    for a, b, directed in G.edges(data="directed", default=True):
        if a == b:
            continue
        D.add_edge(a, b, weight=D[a][b]["weight"] + 1 if D.has_edge(a, b) else 1)
        if directed is False and str(a) > str(b):
            continue  # the other direction of the same statement
        U.add_edge(a, b, weight=U[a][b]["weight"] + 1 if U.has_edge(a, b) else 1)
    return D, U


def degrees(G: nx.MultiDiGraph, direction: str = "both") -> dict[str, int]:
    """How many distinct statements each node takes part in (``direction``: "both",
    "in" or "out"). In the actors view a statement with several targets, or between
    parties, gives several edges with the statement as key; it counts once. In the full
    view every edge is one role link of a statement node.

    >>> G = nx.MultiDiGraph(view="actors")
    >>> G.add_edges_from([("a", "b", "s"), ("a", "c", "s"), ("b", "a", "t"), ("a", "b", "t")])
    ['s', 's', 't', 't']
    >>> degrees(G), degrees(G, "out")
    ({'a': 2, 'b': 2, 'c': 1}, {'a': 2, 'b': 1, 'c': 0})
    """
    if G.graph.get("view", "actors") != "actors":
        view = {"both": G.degree, "in": G.in_degree, "out": G.out_degree}[direction]
        return dict(view())
    seen: dict[str, set[object]] = {n: set() for n in G}
    for u, v, k in G.edges(keys=True):
        if direction != "in":
            seen[u].add(k)
        if direction != "out":
            seen[v].add(k)
    return {n: len(s) for n, s in seen.items()}


def dyad_part(G: nx.MultiDiGraph, dyad: Sequence[str] | None = None) -> set[str]:
    """The connected part (weakly connected component) that holds the dyad's first actor,
    or the largest part when no dyad is given."""
    parts: list[set[str]] = [set(p) for p in nx.weakly_connected_components(G)] if len(G) else []
    if not parts:
        return set()
    if dyad:
        for part in parts:
            if dyad[0] in part:
                return set(part)
        return set()
    parts.sort(key=lambda p: (-len(p), min(p)))
    return parts[0]


def rank_sinks(G: nx.MultiDiGraph) -> list[list[str]]:
    """Closed groups of two or more nodes that directed PageRank cannot leave (strongly
    connected components with no edge out): they collect rank whatever their size."""
    D, _ = simple_graphs(G)
    cond = nx.condensation(D)
    return sorted(
        sorted(cond.nodes[c]["members"])
        for c in cond
        if cond.out_degree(c) == 0 and len(cond.nodes[c]["members"]) > 1
    )


def _networkx(
    G: nx.MultiDiGraph, wanted: set[str], *, part: set[str] | None = None
) -> dict[str, dict[str, float]]:
    D, U = simple_graphs(G)
    out: dict[str, dict[str, float]] = {}
    if "betweenness" in wanted:
        out["betweenness"] = nx.betweenness_centrality(D)
    if "closeness" in wanted:
        out["closeness"] = nx.closeness_centrality(D)
    if "eigenvector" in wanted:
        inside = _eigenvector_nx(U.subgraph(part) if part is not None else U)
        out["eigenvector"] = dict.fromkeys(U, 0.0) | inside
    if "pagerank" in wanted:
        out["pagerank"] = (
            nx.pagerank(D, alpha=0.85, weight="weight", tol=1e-10, max_iter=1000) if len(D) else {}
        )
    return out


def _eigenvector_nx(U: nx.Graph) -> dict[str, float]:
    if U.number_of_edges() == 0:
        return dict.fromkeys(U, 0.0)
    try:
        return nx.eigenvector_centrality(U, weight="weight", max_iter=1000, tol=1e-10)
    except nx.PowerIterationFailedConvergence:
        return nx.eigenvector_centrality_numpy(U, weight="weight")


def _pick_backend(n: int, backend: str) -> str:
    """The backend that measures a projection of ``n`` nodes: igraph above
    ``AUTO_THRESHOLD`` nodes (when installed) for ``auto``."""
    if backend not in ("auto", "networkx", "igraph"):
        raise InputError(f"unknown backend {backend!r}; use auto, networkx or igraph")
    if backend == "auto":
        if n <= AUTO_THRESHOLD:
            return "networkx"
        try:
            from bilateral.graph.measures.backend import igraph

            igraph()
        except ImportError:
            return "networkx"
        return "igraph"
    return backend


def values(
    G: nx.MultiDiGraph,
    measure: str,
    *,
    backend: str = "auto",
    part: set[str] | None = None,
) -> dict[str, float]:
    """One measure as a plain dict (no pandas), e.g. for sizing nodes in a drawing.
    ``part`` limits eigenvector centrality to those nodes (default: the largest part)."""
    if measure == "degree":
        return {n: float(v) for n, v in degrees(G).items()}
    if measure in ("in_degree", "out_degree"):
        return {n: float(v) for n, v in degrees(G, measure[:-7]).items()}
    if measure not in HEAVY:
        raise InputError(f"unknown measure {measure!r}; use: {', '.join(MEASURES)}")
    if measure == "eigenvector" and part is None:
        part = dyad_part(G)
    if _pick_backend(G.number_of_nodes(), backend) == "igraph":
        from bilateral.graph.measures.backend import heavy_measures

        return heavy_measures(G, {measure}, part=part)[measure]
    return _networkx(G, {measure}, part=part)[measure]


def measures(
    G: nx.MultiDiGraph,
    which: Sequence[str] = MEASURES,
    *,
    backend: str = "auto",
    betweenness_samples: int | None = None,
    part: set[str] | None = None,
) -> pd.DataFrame:
    """Compute the ``which`` measures for every node of ``G`` (index: node).

    ``backend`` is ``"networkx"``, ``"igraph"`` or ``"auto"`` (igraph above
    ``AUTO_THRESHOLD`` nodes when it is installed). ``betweenness_samples`` turns on the
    sampled (approximate) betweenness on igraph; by default it is used automatically
    above ``APPROX_THRESHOLD`` nodes with ``APPROX_SAMPLES`` sources (error measured in
    ``benchmarks/RESULTS.md``). ``part`` is where eigenvector centrality is computed
    (default: the largest connected part; nodes outside it get 0).
    """

    wanted = set(which)
    unknown = wanted - set(MEASURES)
    if unknown:
        raise InputError(f"unknown measure {sorted(unknown)[0]!r}; use: {', '.join(MEASURES)}")
    backend = _pick_backend(G.number_of_nodes(), backend)
    if "eigenvector" in wanted and part is None:
        part = dyad_part(G)
    cols: dict[str, dict[str, float]] = {}
    if "degree" in wanted:
        cols["degree"] = {n: float(v) for n, v in degrees(G).items()}
    if "in_degree" in wanted:
        cols["in_degree"] = {n: float(v) for n, v in degrees(G, "in").items()}
    if "out_degree" in wanted:
        cols["out_degree"] = {n: float(v) for n, v in degrees(G, "out").items()}
    heavy = wanted & HEAVY
    samples = None  # NetworkX's betweenness is exact
    if heavy and backend == "igraph":
        from bilateral.graph.measures.backend import heavy_measures

        samples = sampled_sources(G.number_of_nodes(), betweenness_samples, heavy)
        cols.update(heavy_measures(G, heavy, samples=samples, part=part))
    elif heavy:
        cols.update(_networkx(G, heavy, part=part))
    return frame(cols, list(G.nodes), samples)


def centrality(
    g: object | None = None,
    *,
    measure: str = "all",
    view: str = "actors",
    types: Sequence[str] | None = None,
    domains: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    as_of: date | str | None = None,
    start: date | str | None = None,
    end: date | str | None = None,
    rollup: bool = False,
    top: int | None = None,
    backend: str = "auto",
    dyad: Sequence[str] | None = None,
    data: Sequence[str] | None = None,
    progress: Progress | None = None,
    edges: Edges | None = None,
) -> pd.DataFrame:
    """Centrality table of the projection: iri, label, class, ``dyad_part`` and each measure.

    ``g`` is an rdflib graph or a ``Snapshot`` (default: ``data`` or the bundled data).
    Rows are sorted by the chosen measure (the default ranking, ``DEFAULT_RANKING``,
    for ``"all"``), highest first. ``dyad`` (two names) says which connected part the
    eigenvector centrality is computed on (default: the largest); ``dyad_part`` marks the
    nodes in it. ``as_of``/``start``/``end`` take dates or ``YYYY[-MM[-DD]]`` strings.
    With PageRank, ``frame.attrs["warnings"]`` names the rank sinks, if any; past the
    sources' date it counts the ties carried forward (``clock.py``).
    ``progress(step, done, total)`` hears of the reading, the projection and the
    measuring (0 then 1 of 1); the library prints nothing. On big graphs betweenness
    and closeness search in threads on every core (``measures/brandes.py``). ``edges``,
    the projection's arrays when already built (``project_edges`` with the same
    options), is not built again. ``started`` begins the same work and returns.

    >>> df = centrality(measure="degree", top=3)
    >>> list(df.columns), list(df["label"])[:2]
    (['iri', 'label', 'class', 'dyad_part', 'degree'], ['Russia', 'Belarus'])
    """
    return started(
        g,
        measure=measure,
        view=view,
        types=types,
        domains=domains,
        kinds=kinds,
        as_of=as_of,
        start=start,
        end=end,
        rollup=rollup,
        top=top,
        backend=backend,
        dyad=dyad,
        data=data,
        progress=progress,
        edges=edges,
    ).result()


def started(
    g: object | None = None,
    *,
    measure: str = "all",
    view: str = "actors",
    types: Sequence[str] | None = None,
    domains: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    as_of: date | str | None = None,
    start: date | str | None = None,
    end: date | str | None = None,
    rollup: bool = False,
    top: int | None = None,
    backend: str = "auto",
    dyad: Sequence[str] | None = None,
    data: Sequence[str] | None = None,
    progress: Progress | None = None,
    edges: Edges | None = None,
) -> Pending[pd.DataFrame]:
    """``centrality`` begun in this thread: the table is read and projected, and the
    searches of betweenness and closeness run in threads while the caller works;
    ``result()`` waits for them and gives the table, ``stop()`` ends them (an error or
    Ctrl-C in the caller's own work). Call both in this thread (igraph runs in the
    caller's thread only: ``backend.IGRAPH``).

    >>> pending = started(measure="degree", top=2)  # the caller may work meanwhile
    >>> list(pending.result()["label"])
    ['Russia', 'Belarus']
    """
    from bilateral.graph.measures.arrays import edges_of
    from bilateral.graph.measures.clock import carried as is_carried
    from bilateral.graph.measures.project import Projection, Slice, kept, project_records
    from bilateral.graph.measures.snapshot import snapshot_of
    from bilateral.graph.measures.table import edge_measures, ranked

    key = DEFAULT_RANKING if measure == "all" else measure.replace("-", "_")
    if key not in MEASURES:
        raise InputError(f"unknown measure {measure!r}; use all or: {', '.join(MEASURES)}")
    snap = snapshot_of(g, data=data, progress=progress)
    ends = [snap.resolve(x) for x in dyad] if dyad else None
    if rollup and ends:
        ends = [(snap.actors[e].country if e in snap.actors else None) or e for e in ends]
    which = list(MEASURES) if measure == "all" else [key]
    tell = progress or (lambda _step, _done, _total: None)
    when = Slice.parse(as_of, start, end)
    proj = Projection(
        view=view, rollup=rollup, kinds=kinds, domains=domains, types=types, when=when
    )
    E = None
    if backend != "networkx":
        E = edges_of(snap, proj, edges, progress=progress)
    if E is not None and _pick_backend(E.n, backend) == "igraph":  # straight from the arrays
        part = E.part(ends[0] if ends else None)
        tell("measuring", 0, 1)
        measured = edge_measures(E, which, part=part)
        try:  # the searches run from here on: an error below stops them
            node = dict(zip(E.nodes, zip(E.labels, E.cls, strict=True), strict=True))
            sinks = E.rank_sinks() if "pagerank" in which else []
        except BaseException:
            measured.stop()
            raise
    else:
        G = project_records(snap.records, snap.actors, proj, progress=progress)
        part = dyad_part(G, ends)
        tell("measuring", 0, 1)
        ready = measures(G, which, backend=backend, part=part)
        measured = Pending(lambda: ready, lambda: None)
        node = {n: (d.get("label", ""), d.get("cls", "")) for n, d in G.nodes(data=True)}
        sinks = rank_sinks(G) if "pagerank" in which else []
    try:
        carried = (
            0
            if when.all_time
            else sum(map(partial(is_carried, when=when), kept(snap.records, proj)))
        )
    except BaseException:
        measured.stop()
        raise

    def finish() -> pd.DataFrame:
        df = ranked(measured.result(), key, which, part, node, sinks, snap, ends, top, tell)
        if carried:  # past the sources' date: never silently
            df.attrs.setdefault("warnings", []).append(
                f"{carried} statement(s) counted past their sources' date (carried "
                "forward): what the sources said then, not evidence of that time"
            )
        return df

    return Pending(finish, measured.stop)
