"""What the pages compute once per graph and reuse: the snapshot the measures read (one
per graph; a store's snapshot changes when the store is loaded again), the dyads with
their headlines.

>>> from bilateral.graph.source.load import load
>>> g = load()
>>> snapshot(g) is snapshot(g)
True
>>> [(d["dependent_label"], d["provider_label"]) for d in dyads(g)][:1]
[('Belarus', 'Russia')]
"""

from __future__ import annotations

import threading
from typing import Any

from bilateral.graph.measures.results import DependenceResult
from bilateral.graph.measures.snapshot import Snapshot, read_snapshot

__all__ = ["cached", "dependence_of", "dyads", "snapshot", "warm"]

#: dependence results kept per graph (a dyad's page is computed once)
KEEP = 32

_lock = threading.RLock()
_of: list[Any] = [None]  # the graph the cache holds results of
_cache: dict[str, Any] = {}


def cached(g: Any, key: str, make: Any) -> Any:
    """``make()`` once per graph object and ``key`` (the newest graph only: a store
    reloaded gives a new one, and the old results go with it).

    >>> cached("g1", "x", lambda: 1), cached("g1", "x", lambda: 2), cached("g2", "x", lambda: 3)
    (1, 1, 3)
    """
    with _lock:
        if _of[0] is not g:
            _cache.clear()
            _of[0] = g
        if key not in _cache:
            _cache[key] = make()
        return _cache[key]


def snapshot(g: Any) -> Snapshot:
    """The measures' snapshot of ``g`` (with labels and quotes), read once."""
    return cached(g, "snapshot", lambda: read_snapshot(g, detail=True))  # type: ignore[no-any-return]


def dependence_of(
    g: Any, dependent: str, provider: str, as_of: str | None = None, known_by: str | None = None
) -> DependenceResult:
    """``dependence(g, dependent, provider, as_of=..., known_by=..., sensitivity=True)``
    (names resolved first), computed once per graph, dyad and dates: the graph does not
    change under a server, and the draws have a fixed seed, so the result is the same
    every time."""
    from bilateral.graph.measures.dependence import dependence

    snap = snapshot(g)
    key = (snap.resolve(dependent), snap.resolve(provider), as_of, known_by)
    results: dict[tuple[str, str, str | None, str | None], DependenceResult] = cached(
        g, "dependence", dict
    )
    with _lock:
        found = results.get(key)
    if found is None:
        found = dependence(snap, key[0], key[1], as_of=as_of, known_by=known_by, sensitivity=True)
        with _lock:
            if len(results) >= KEEP:
                results.pop(next(iter(results)))
            results[key] = found
    return found


def warm(source: Any) -> None:
    """Compute ahead what the first visitor would wait for: the snapshot, the dyads
    with their dependence, the search index (``source``: a graph or a store reader)."""
    import contextlib

    from bilateral.graph.sparql.search_index import index_of

    snapshot_cm = getattr(source, "snapshot", None)
    with snapshot_cm() if snapshot_cm else contextlib.nullcontext(source) as g:
        dyads(g)
        index_of(g)


def _state(snap: Snapshot, iri: str) -> str | None:
    actor = snap.actors.get(iri)
    if actor is None:
        return None
    if "State" in actor.classes:
        return iri
    return actor.country if actor.country in snap.actors else None


def _dyads(g: Any) -> list[dict[str, Any]]:
    from bilateral.graph.measures.dyad import order

    snap = snapshot(g)
    pairs: dict[tuple[str, str], int] = {}
    for rec in snap.records:
        if "Dependency" not in rec.classes:
            continue
        for a in rec.roles.get("dependent", ()):
            for b in rec.roles.get("provider", ()):
                sa, sb = _state(snap, a), _state(snap, b)
                if sa and sb and sa != sb:
                    key = (min(sa, sb), max(sa, sb))
                    pairs[key] = pairs.get(key, 0) + 1
    out = []
    for (x, y), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        a, b = order(snap, x, y)
        r = dependence_of(g, a, b)
        out.append({
            "dependent": a, "provider": b, "dependent_label": snap.label(a),
            "provider_label": snap.label(b), "statements": n, "total": r.total,
            "total_low": r.summary.sdi_low, "total_high": r.summary.sdi_high,
            "reverse_total": r.reverse_total, "asymmetry": r.asymmetry,
        })  # fmt: skip
    return out


def dyads(g: Any) -> list[dict[str, Any]]:
    """The pairs of states the dependency statements link (actors rolled up to their
    country), the more dependent first, with the headline SDI of each."""
    return cached(g, "dyads", lambda: _dyads(g))  # type: ignore[no-any-return]
