"""What-if scenarios and time comparisons, from one snapshot: the dependence of a dyad
before and after (or at two dates), side by side, with intervals, and the change in the
centrality ranking.

A named scenario is a ``bil:Scenario``: its ``bil:removes`` actors and statements go (with
what exists only through them, ``removal.py``) and its ``bil:weakens`` statements have
their strength multiplied by its ``bil:weakeningFactor`` (0.5 where the data gives none).
``after`` is what the measures show *if* the scenario happens, and the change (the median
of the paired draws, with its interval) is the change if it happens. The source's hedge
on the scenario ("may", "likely") and its ``bil:confidence`` are a conditional
likelihood (the memo's "may" hangs on a crisis escalating), shown beside the change and
never multiplied into it. ``rules()`` says which rule took each piece of evidence.

>>> r = scenario(None, "scenario-west-crisis-escalation")  # None: the bundled data
>>> r.hedge, r.likelihood, r.after.summary.bandwidth < r.before.summary.bandwidth
('may', 0.5, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from typing import TYPE_CHECKING

from bilateral.compat import graph_first
from bilateral.errors import InputError
from bilateral.graph.measures import sdi
from bilateral.graph.measures.centrality import DEFAULT_RANKING, centrality
from bilateral.graph.measures.dependence import domain_set, score
from bilateral.graph.measures.dyad import choose
from bilateral.graph.measures.evidence import gather
from bilateral.graph.measures.project import Slice
from bilateral.graph.measures.removal import apply
from bilateral.graph.measures.snapshot import Snapshot, snapshot_of
from bilateral.graph.measures.vocabulary import DRAWS, LEVEL, SEED, DyadOptions
from bilateral.graph.measures.whatif_results import (
    Comparison,
    ScenarioResult,
    rank_changes,
    side_by_side,
)
from bilateral.graph.source.resolve import parse_date

if TYPE_CHECKING:
    from datetime import date

    from bilateral.graph.measures.snapshot import GraphLike

__all__ = [
    "Comparison", "DyadOptions", "ScenarioResult", "compare", "rank_changes", "scenario",
    "side_by_side",
]  # fmt: skip


def _snapshot(g: GraphLike | None, data: Sequence[str] | None, dyad: DyadOptions) -> Snapshot:
    """The snapshot of ``g`` (or ``data``) as known by ``dyad.known_by``; with nothing
    known and no dyad named, say so (the dyad could not be chosen)."""
    snap = snapshot_of(g, data=data)
    if dyad.known_by is None:
        return snap
    known = snap.known_by(dyad.known_by)
    if snap.records and not known.records and dyad.dependent is None:
        raise InputError(
            f"nothing is known by {dyad.known_by}: no statement has a source issued by then"
        )
    return known


def _fields(options: object) -> dict[str, object]:
    return {f.name: getattr(options, f.name) for f in fields(DyadOptions)}


_OPTIONS = {"options": ("pass its fields as keywords", _fields)}


@graph_first("name", "g", new="scenario(g, name)", keywords=_OPTIONS)
def scenario(
    g: GraphLike | None = None,
    name: str | None = None,
    *,
    remove: Sequence[str] = (),
    drop_kinds: Sequence[str] = (),
    dependent: str | None = None,
    provider: str | None = None,
    top: int | None = 15,
    level: float = LEVEL,
    draws: int = DRAWS,
    seed: int = SEED,
    unknown: tuple[float, float] = sdi.UNKNOWN,
    band: float = sdi.HALF_BAND,
    min_confidence: float = 0.0,
    coder_noise: float = 0.0,
    known_by: date | str | None = None,
    data: Sequence[str] | None = None,
) -> ScenarioResult:
    """Recompute dependence and centrality without what the scenario removes or weakens.

    ``name`` is a ``bil:Scenario`` of the data; ``remove`` (names or IRIs) and
    ``drop_kinds`` (statement kinds, e.g. ``Loan``) add to it or make an ad-hoc one. The
    dyad is ``dependent``/``provider`` if given, else the two states a named scenario is
    about, else the documented heuristic (``dyad.choose``). ``top`` keeps that many rows
    of the centrality changes (``None``: all); ``level``, ``draws``, ``seed`` set the
    intervals and ``unknown``, ``band``, ``min_confidence``, ``coder_noise`` the model
    (as in ``dependence``); ``known_by`` keeps what sources issued by then said.
    """
    dyad = DyadOptions(
        dependent, provider, top, level, draws, seed, unknown, band, min_confidence,
        coder_noise, None if known_by is None else str(known_by),
    )  # fmt: skip
    snap = _snapshot(g, data, dyad)
    opts = dyad.settings
    if name is None and not remove and not drop_kinds:
        raise InputError("give a scenario `name`, `remove` or `drop_kinds`")
    removed = [snap.resolve(r) for r in remove]
    weakened: dict[str, float] = {}
    label, node_name, likelihood, hedge, named = "ad-hoc scenario", "custom", 1.0, None, None
    if name is not None:
        named = snap.scenario(name)
        node_name, label, likelihood = named.iri.rsplit("/", 1)[-1], named.label, named.confidence
        hedge = named.hedge
        removed += list(named.removes)
        weakened = dict(named.weakens)
    strange = set(drop_kinds) - snap.kinds
    if strange:
        raise InputError(f"unknown statement kind {sorted(strange)[0]!r}; e.g. Support, Loan")
    removed += [r.iri for r in snap.records if set(drop_kinds) & r.classes]
    a, b, basis = choose(snap, dyad.dependent, dyad.provider, named)
    applied = apply(removed, weakened, snap.records, snap.actors)
    for end in (a, b):
        if end in applied.actors:
            how = "removes" if end in removed else "removes, through what it removes,"
            raise InputError(
                f"the scenario {how} {snap.label(end)}, one side of the dyad; the dependence "
                f"of {snap.label(a)} on {snap.label(b)} is not defined without it — choose "
                "another dyad (`dependent`, `provider`) or remove less"
            )
    after_snap = replace(snap, records=applied.records)
    evidence = gather(snap.records, snap.actors, a, b)
    domains = domain_set(snap, evidence, None)
    before = score(snap, a, b, domains, {}, evidence=evidence, **opts)
    after = score(after_snap, a, b, domains, {}, **opts)
    c_before = centrality(snap, measure=DEFAULT_RANKING, dyad=(a, b))
    c_after = centrality(after_snap, measure=DEFAULT_RANKING, dyad=(a, b))
    return ScenarioResult(
        name=node_name,
        label=label,
        likelihood=likelihood,
        removed=sorted(set(removed) | applied.statements | applied.actors),
        weakened=weakened,
        dropped_kinds=list(drop_kinds),
        dyad_basis=basis,
        before=before,
        after=after,
        centrality=rank_changes(c_before, c_after, top=dyad.top),
        hedge=hedge,
        because=applied.because,
    )


@graph_first("first", "second", "g", new="compare(g, first, second)", keywords=_OPTIONS)
def compare(
    g: GraphLike | None,
    first: date | str,
    second: date | str,
    *,
    dependent: str | None = None,
    provider: str | None = None,
    top: int | None = 15,
    level: float = LEVEL,
    draws: int = DRAWS,
    seed: int = SEED,
    unknown: tuple[float, float] = sdi.UNKNOWN,
    band: float = sdi.HALF_BAND,
    min_confidence: float = 0.0,
    coder_noise: float = 0.0,
    known_by: date | str | None = None,
    data: Sequence[str] | None = None,
) -> Comparison:
    """Dependence and centrality ranks as of two dates (``first``, ``second``: dates or
    ``YYYY[-MM[-DD]]``), and the change between them (keywords as in ``scenario``). Each
    date sees the evidence valid on it; evidence past its sources' date is carried
    forward and marked (``clock.py``)."""
    dyad = DyadOptions(
        dependent, provider, top, level, draws, seed, unknown, band, min_confidence,
        coder_noise, None if known_by is None else str(known_by),
    )  # fmt: skip
    snap = _snapshot(g, data, dyad)
    opts = dyad.settings
    d1, d2 = parse_date(first, what="`first`"), parse_date(second, what="`second`")
    a, b, basis = choose(snap, dyad.dependent, dyad.provider)
    domains = domain_set(snap, gather(snap.records, snap.actors, a, b), None)
    dep1 = score(snap, a, b, domains, {}, Slice(as_of=d1), **opts)
    dep2 = score(snap, a, b, domains, {}, Slice(as_of=d2), **opts)
    c1 = centrality(snap, measure=DEFAULT_RANKING, as_of=d1, dyad=(a, b))
    c2 = centrality(snap, measure=DEFAULT_RANKING, as_of=d2, dyad=(a, b))
    return Comparison(
        first=str(d1),
        second=str(d2),
        dyad_basis=basis,
        dep_first=dep1,
        dep_second=dep2,
        centrality=rank_changes(c1, c2, top=dyad.top),
    )
