"""The state and its regime side by side: the memo tells the Lukashenko regime apart
from Belarus and its society, and the default figure merges them by rolling every
Belarusian actor up into the state. ``levels`` adds the figure for the regime alone
(the state's ``bil:Regime`` and its head, ``org:headOf``, nothing rolled up into it)
beside the state's, where the data names a regime with evidence of its own.

>>> from bilateral.graph.measures.dependence import dependence
>>> r = dependence(None, "belarus", "russia")
>>> [(row["level"], row["dependent_label"]) for row in r.levels]
[('state', 'Belarus'), ('regime', 'Lukashenko regime')]
>>> r.levels[1]["sdi"] < r.levels[0]["sdi"]  # fewer domains rest on the regime alone
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from bilateral.graph.measures.clock import Slice
from bilateral.graph.measures.evidence import gather

if TYPE_CHECKING:
    from bilateral.graph.measures.results import DependenceResult, DomainResult, LevelRow
    from bilateral.graph.measures.snapshot import Snapshot

__all__ = ["ROLLUP_RULE", "levels", "regime_of"]

#: who counts for a side at each level (stated with every result that has levels)
ROLLUP_RULE = (
    "state: every actor whose bil:country is the state counts for it (the roll-up); "
    "regime: only the state's regime (bil:Regime) and its head (org:headOf) count, "
    "nothing else is rolled up into it; a side with no regime in the data stays the state"
)


def regime_of(snap: Snapshot, state: str) -> tuple[str, tuple[str, ...]] | None:
    """The regime of ``state`` and its heads, if the data names exactly one."""
    found = [a.iri for a in snap.actors.values() if "Regime" in a.classes and a.country == state]
    if len(found) != 1:
        return None
    regime = found[0]
    heads = tuple(sorted(a.iri for a in snap.actors.values() if regime in a.heads))
    return regime, heads


def _row(level: str, r: DependenceResult, members: Sequence[str]) -> LevelRow:
    s: DomainResult = r.summary
    return {
        "level": level,
        "dependent": r.dependent,
        "provider": r.provider,
        "dependent_label": r.dependent_label,
        "provider_label": r.provider_label,
        "members": list(members),
        "sdi": s.sdi,
        "sdi_low": s.sdi_low,
        "sdi_high": s.sdi_high,
        "reverse_sdi": s.reverse_sdi,
        "reverse_low": s.reverse_low,
        "reverse_high": s.reverse_high,
        "asymmetry": s.asymmetry,
        "asymmetry_low": s.asymmetry_low,
        "asymmetry_high": s.asymmetry_high,
        "p_more_dependent": s.p_more_dependent,
        "n_claims": s.n_claims,
    }


def levels(
    snap: Snapshot,
    result: DependenceResult,
    domains: Sequence[str],
    weights: Mapping[str, float],
    when: Slice,
    **settings: Any,
) -> list[LevelRow]:
    """The state row (``result`` itself) and the regime row, computed like ``result``
    (same domains, weights, slice and resampling settings) with each side that has a
    regime replaced by it; empty when neither side has a regime with evidence of its
    own in the slice."""
    from bilateral.graph.measures.dependence import score

    a, b = result.dependent, result.provider
    sides = {
        x: regime_of(snap, x)
        for x in (a, b)
        if snap.actors.get(x) and "State" in snap.actors[x].classes
    }
    found = {x: got for x, got in sides.items() if got is not None}
    if not found:
        return []
    a2 = found[a][0] if a in found else a
    b2 = found[b][0] if b in found else b
    members = {head: regime for regime, heads in found.values() for head in heads}
    ev = gather(snap.records, snap.actors, a2, b2, when=when, members=members)
    if not ev.statements():
        return []
    regime = score(snap, a2, b2, domains, weights, when, evidence=ev, hinges=False, **settings)
    return [_row("state", result, []), _row("regime", regime, sorted(members))]
