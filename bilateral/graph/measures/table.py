"""The centrality table: measures by node as a DataFrame, from a NetworkX projection
(``centrality.measures``) or from the projection's edge arrays (``edge_measures``).

>>> frame({"degree": {"a": 2, "b": 1}}, ["b", "a"]).to_dict()
{'degree': {'b': 1, 'a': 2}}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from bilateral.graph.measures.backend import APPROX_THRESHOLD, sampled_sources
from bilateral.graph.measures.brandes import Pending
from bilateral.graph.measures.vocabulary import DEFAULT_RANKING, HEAVY, MEASURES

if TYPE_CHECKING:
    import pandas as pd

    from bilateral.graph.measures.arrays import Edges, Progress

__all__ = ["Labels", "edge_measures", "frame", "ranked"]


class Labels(Protocol):
    """What names a node in a warning (a ``Snapshot``)."""

    def label(self, iri: str) -> str: ...


def frame(
    cols: dict[str, dict[str, float]], nodes: list[str], samples: int | None = None
) -> pd.DataFrame:
    """The measures as a DataFrame indexed by node, in ``MEASURES`` order; with a
    betweenness estimated from ``samples`` sources, ``attrs["sampled"]`` says how many."""
    import pandas as pd

    out = pd.DataFrame({m: pd.Series(cols[m], dtype=float) for m in MEASURES if m in cols})
    if samples and "betweenness" in cols:
        out.attrs["sampled"] = samples
    out = out.reindex(nodes).fillna(0.0)
    for m in HEAVY & set(out.columns):
        out.loc[out[m].abs() < 1e-12, m] = 0.0  # power-iteration dust
    for m in ("degree", "in_degree", "out_degree"):
        if m in out:
            out[m] = out[m].astype(int)
    return out


def edge_measures(
    E: Edges, which: Sequence[str], *, part: set[str], samples: int | None = None
) -> Pending[pd.DataFrame]:
    """``centrality.measures`` on the projection's arrays, with igraph (no NetworkX
    graph), begun: betweenness and closeness search while the caller works (see
    ``backend.start_heavy``); ``result()`` gives the table, ``stop()`` ends the work."""
    from bilateral.graph.measures.backend import start_heavy

    wanted = set(which)
    counts = {"degree": "both", "in_degree": "in", "out_degree": "out"}
    cols = {
        m: dict(zip(E.nodes, E.degrees(d).tolist(), strict=True))
        for m, d in counts.items()
        if m in wanted
    }
    heavy = wanted & HEAVY
    samples = sampled_sources(E.n, samples, heavy)
    pending = None
    if heavy:
        arrays = (E.nodes, E.src, E.dst, E.directed)
        ties = E.ties() if "eigenvector" in heavy else None  # the ranking's state ties
        pending = start_heavy(*arrays, heavy, samples=samples, part=part, ties=ties)

    def collect() -> pd.DataFrame:
        if pending is not None:
            cols.update(pending.result())
        return frame(cols, E.nodes, samples)

    return Pending(collect, pending.stop if pending is not None else lambda: None)


def ranked(
    frame: pd.DataFrame, key: str, which: list[str], part: set[str],
    node: dict[str, tuple[str, str]], sinks: list[list[str]], snap: Labels,
    ends: list[str] | None, top: int | None, tell: Progress,
) -> pd.DataFrame:  # fmt: skip
    """The measured table with names, ranked, with its warnings (``node``: each node's
    label and class)."""
    tell("measuring", 1, 1)
    frame.insert(0, "dyad_part", [n in part for n in frame.index])
    frame.insert(0, "class", [node[n][1] for n in frame.index])
    frame.insert(0, "label", [node[n][0] for n in frame.index])
    frame.insert(0, "iri", list(frame.index))
    # ranked to 12 digits: equal values that power iteration leaves 1e-16 apart tie
    rank = frame[key].round(12).to_numpy()
    labels = frame["label"].tolist()
    order = sorted(range(len(frame)), key=lambda i: (-rank[i], labels[i]))
    frame = frame.iloc[order].reset_index(drop=True)
    warnings: list[str] = []
    if ends and not part and "eigenvector" in which and len(node):
        warnings.append(
            f"{snap.label(ends[0])} has no ties in this view (filters or time slice), so "
            "eigenvector centrality is 0 everywhere; loosen the filters or choose another dyad"
        )
    if sinks:
        names = "; ".join(" + ".join(node[n][0] for n in s) for s in sinks)
        warnings.append(
            f"directed PageRank: {len(sinks)} closed group(s) that a random walk cannot "
            f"leave collect rank (rank sinks): {names}; the default ranking "
            f"({DEFAULT_RANKING}) does not depend on edge direction"
        )
    sampled = frame.attrs.get("sampled")
    if sampled:  # an estimate is never shown silently
        frame.attrs["estimated"] = (
            f"betweenness is estimated from {sampled} sampled source nodes (the "
            f"projection has {len(node)} nodes, over {APPROX_THRESHOLD}; docs/measures.md)"
        )
        warnings.append(frame.attrs["estimated"])
    if warnings:
        frame.attrs["warnings"] = warnings
    return frame.head(top) if top is not None else frame
