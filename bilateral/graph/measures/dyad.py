"""Which dyad a measure is about: named, a scenario's own, or the documented heuristic.

>>> from bilateral.graph.measures.snapshot import read_snapshot
>>> snap = read_snapshot()
>>> a, b, why = choose(snap)
>>> snap.label(a), snap.label(b), why.split(":")[0]
('Belarus', 'Russia', 'heuristic')
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from bilateral.errors import InputError
from bilateral.graph.measures.evidence import gather
from bilateral.graph.measures.project import edge_pairs

if TYPE_CHECKING:
    from bilateral.graph.measures.snapshot import ScenarioDef, Snapshot

__all__ = ["choose", "main_dyad", "order"]


def _state(snap: Snapshot, iri: str) -> str | None:
    actor = snap.actors.get(iri)
    if actor is None:
        return None
    if "State" in actor.classes:
        return iri
    return actor.country if actor.country and actor.country in snap.actors else None


def main_dyad(snap: Snapshot) -> tuple[str, str]:
    """The two states with the most statements between them (actors rolled up)."""
    counts: Counter[tuple[str, str]] = Counter()
    for rec in snap.records:
        if rec.negative:
            continue
        pairs = set()
        for u, v, _ in edge_pairs(rec):
            su, sv = _state(snap, u), _state(snap, v)
            if su and sv and su != sv:
                pairs.add((min(su, sv), max(su, sv)))
        counts.update(pairs)
    if not counts:
        raise InputError("no two states are linked by any statement; name the dyad explicitly")
    return max(counts, key=lambda k: (counts[k], k))


def order(snap: Snapshot, x: str, y: str) -> tuple[str, str]:
    """The pair with the more dependent side first (by the totals over the domains
    with evidence, as ``dependence`` computes them)."""
    from bilateral.graph.measures.assess import assess

    ev = gather(snap.records, snap.actors, x, y)
    _, total, _ = assess(ev, sorted(ev.domains()), {}, hinges=False)
    return (x, y) if total.sdi >= total.reverse_sdi else (y, x)


def choose(
    snap: Snapshot,
    dependent: str | None = None,
    provider: str | None = None,
    scenario: ScenarioDef | None = None,
) -> tuple[str, str, str]:
    """``(dependent, provider, basis)``: as named; else the two states a named scenario
    is ``bil:about``; else the two states with the most statements between them, the
    more dependent first. ``basis`` says which rule chose them (for a note on stderr)."""
    if (dependent is None) != (provider is None):
        raise InputError("name both the dependent and the provider, or neither")
    if dependent is not None and provider is not None:
        a, b = snap.resolve(dependent), snap.resolve(provider)
        if a == b:
            raise InputError("dependent and provider are the same entity")
        return a, b, "named"
    if scenario is not None:
        states = sorted({s for x in scenario.about if (s := _state(snap, x))})
        if len(states) == 2:
            a, b = order(snap, *states)
            return a, b, f"scenario: the two states {scenario.label!r} is about"
    a, b = order(snap, *main_dyad(snap))
    return (
        a,
        b,
        "heuristic: the two states with the most statements between them, more dependent "
        "first (name them: `dependent`, `provider`)",
    )
