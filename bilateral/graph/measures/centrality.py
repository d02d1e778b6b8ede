"""Centrality of actors (or statements) in a projection: one DataFrame row per node.

The default ranking (``DEFAULT_RANKING``) is **eigenvector centrality on the undirected
graph of the connected part that holds the dyad**, weighted by the number of statements
between two actors: an actor is prominent when it is tied, by many statements, to
actors that are prominent themselves. Every statement also ties its participants to
their states (``bil:country``; ``ties.py``): an agency takes part for itself and for its
state, so the channels between two states' agencies are inside the dyad's part. It has
one reading whatever the edges mean (dependent → provider, agent → target, parties of
an agreement), and a closed pair of minor actors outside the dyad's part cannot outrank
the leaders. Directed PageRank
stays selectable; its random walk follows edge directions that mix meanings, and
closed groups with no way out (rank sinks) collect rank — ``centrality`` warns about
them. How each measure is computed on one projection: ``graph_centrality.py``.

>>> df = centrality(None, measure="degree", top=3)
>>> list(df["label"])[:2]
['Russia', 'Belarus']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from bilateral.errors import InputError
from bilateral.graph.measures.brandes import Pending
from bilateral.graph.measures.graph_centrality import (
    AUTO_THRESHOLD,
    degrees,
    dyad_part,
    measures,
    pick_backend,
    rank_sinks,
    simple_graphs,
    values,
)
from bilateral.graph.measures.vocabulary import DEFAULT_RANKING, MEASURES
from bilateral.progress import listener

if TYPE_CHECKING:
    import pandas as pd

    from bilateral.graph.measures.arrays import Edges
    from bilateral.graph.measures.snapshot import GraphLike

__all__ = [
    "AUTO_THRESHOLD",
    "DEFAULT_RANKING",
    "MEASURES",
    "Ranking",
    "centrality",
    "degrees",
    "dyad_part",
    "measures",
    "rank_sinks",
    "simple_graphs",
    "started",
    "values",
]


@dataclass(frozen=True)
class Ranking:
    """What ``centrality`` ranks: the measure (``"all"``: every one, sorted by the default
    ranking), the projection (``view``, ``rollup``, ``types``, ``domains``, ``kinds``),
    the time slice (``as_of`` or ``start``/``end``), the dyad whose connected part
    eigenvector centrality is computed on, and how many rows to keep (``top``)."""

    measure: str = "all"
    view: str = "actors"
    types: Sequence[str] | None = None
    domains: Sequence[str] | None = None
    kinds: Sequence[str] | None = None
    as_of: date | str | None = None
    start: date | str | None = None
    end: date | str | None = None
    rollup: bool = False
    top: int | None = None
    dyad: Sequence[str] | None = None


def centrality(
    g: GraphLike | None = None,
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
    dyad: Sequence[str] | None = None,
    data: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Centrality table of the projection: iri, label, class, ``dyad_part`` and each measure.

    ``g`` is the graph (an rdflib graph, a ``Snapshot`` or an open store; ``None``:
    ``data``, or the bundled data). Rows are sorted by the chosen measure (the default
    ranking, ``DEFAULT_RANKING``, for ``"all"``), highest first. ``dyad`` (two names)
    says which connected part the eigenvector centrality is computed on (default: the
    largest); ``dyad_part`` marks the nodes in it. ``as_of``/``start``/``end`` take
    dates or ``YYYY[-MM[-DD]]`` strings. With PageRank, ``frame.attrs["warnings"]``
    names the rank sinks, if any; past the sources' date it counts the ties carried
    forward (``clock.py``). The reading, the projection and the measuring report their
    progress to whoever listens (``bilateral.progress``); the library prints nothing.

    >>> df = centrality(None, measure="degree", top=3)
    >>> list(df.columns), list(df["label"])[:2]
    (['iri', 'label', 'class', 'dyad_part', 'degree'], ['Russia', 'Belarus'])
    """
    ranking = Ranking(
        measure, view, types, domains, kinds, as_of, start, end, rollup, top, dyad
    )  # fmt: skip
    return started(g, ranking, data=data).result()


def started(
    g: GraphLike | None = None,
    ranking: Ranking | None = None,
    *,
    data: Sequence[str] | None = None,
    backend: str = "auto",
    edges: Edges | None = None,
) -> Pending[pd.DataFrame]:
    """``centrality`` begun in this thread: the table is read and projected, and the
    searches of betweenness and closeness run in threads while the caller works;
    ``result()`` waits for them and gives the table, ``stop()`` ends them (an error or
    Ctrl-C in the caller's own work). Call both in this thread (igraph runs in the
    caller's thread only: ``backend.IGRAPH``). ``backend`` (``auto``, ``networkx``,
    ``igraph``) picks the engine (NetworkX is the reference; ``auto``: igraph above
    ``AUTO_THRESHOLD`` nodes); ``edges``, the projection's arrays when already built
    (``project_edges`` with the same options), is not built again.

    >>> pending = started(None, Ranking(measure="degree", top=2))  # work meanwhile
    >>> list(pending.result()["label"])
    ['Russia', 'Belarus']
    """
    from bilateral.graph.measures.arrays import edges_of
    from bilateral.graph.measures.clock import carried as is_carried
    from bilateral.graph.measures.project import Projection, Slice, kept, project_records
    from bilateral.graph.measures.snapshot import snapshot_of
    from bilateral.graph.measures.table import edge_measures, ranked

    r = ranking or Ranking()
    measure, view, rollup, top = r.measure, r.view, r.rollup, r.top
    key = DEFAULT_RANKING if measure == "all" else measure.replace("-", "_")
    if key not in MEASURES:
        raise InputError(f"unknown measure {measure!r}; use all or: {', '.join(MEASURES)}")
    progress = listener()
    snap = snapshot_of(g, data=data)
    ends = [snap.resolve(x) for x in r.dyad] if r.dyad else None
    if rollup and ends:
        ends = [(snap.actors[e].country if e in snap.actors else None) or e for e in ends]
    which = list(MEASURES) if measure == "all" else [key]
    tell = progress or (lambda _step, _done, _total: None)
    when = Slice.parse(r.as_of, r.start, r.end)
    proj = Projection(
        view=view, rollup=rollup, kinds=r.kinds, domains=r.domains, types=r.types, when=when
    )
    E = None
    if backend != "networkx":
        E = edges_of(snap, proj, edges, progress=progress)
    if E is not None and pick_backend(E.n, backend) == "igraph":  # straight from the arrays
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
