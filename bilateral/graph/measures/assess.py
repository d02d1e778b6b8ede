"""Score one dyad's evidence over a fixed set of domains: each domain's draws in both
directions, their medians and intervals, the evidence as curated, the hinge, and the
total as the weighted mean of the domains' draws.

>>> from bilateral.graph.measures.evidence import gather
>>> from bilateral.graph.measures.snapshot import read_snapshot
>>> snap = read_snapshot()
>>> ev = gather(snap.records, snap.actors, snap.resolve("belarus"), snap.resolve("russia"))
>>> rows, total, _ = assess(ev, ["energy", "trade"], {}, draws=400)
>>> [r.domain for r in rows], total.sdi_low <= total.sdi <= total.sdi_high
(['energy', 'trade'], True)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypedDict

import numpy as np

from bilateral.graph.measures import sdi
from bilateral.graph.measures.evidence import Evidence
from bilateral.graph.measures.results import TOTAL, DomainResult, EvidenceItem
from bilateral.graph.measures.sdi import Model
from bilateral.graph.measures.vocabulary import DRAWS, LEVEL, SEED

__all__ = ["HOLDS", "assess", "weighted_draws"]

#: a claim counts in the curated summary columns when it is more likely true than not
HOLDS = 0.5


class _Stats(TypedDict):
    """The numbers of a row from its draws both ways (``DomainResult``'s fields)."""

    sdi: float
    sdi_low: float
    sdi_high: float
    reverse_sdi: float
    reverse_low: float
    reverse_high: float
    asymmetry: float
    asymmetry_low: float
    asymmetry_high: float
    p_more_dependent: float


def _items(cell: sdi.Cell, direction: str) -> list[EvidenceItem]:
    rows: list[EvidenceItem] = [
        {"statement": i.iri, "statements": list(i.statements), "domain": cell.domain,
         "role": role, "direction": direction, "value": i.value,
         "confidence": i.confidence, "factor": i.factor,
         # the words (``words.attach``) are read for the result as a whole
         "label": "", "kind": "", "hedge": None, "quotes": [], "sources": []}
        for role, items in (("dependency", cell.sensitivity), ("alternative", cell.alternatives))
        for i in items
    ]  # fmt: skip
    return sorted(rows, key=lambda r: (r["role"], -r["value"], r["statement"]))


def _curated(cell: sdi.Cell) -> tuple[float, float | None, str]:
    """The cell as curated: the strongest dependency and the best named alternative among
    the claims more likely true than not, and whether alternatives are not named, named
    (the rest unknown) or ruled out."""
    held = [i for i in cell.sensitivity if i.confidence >= HOLDS]
    s = max((i.value * i.factor for i in held), default=0.0)
    alts = [i for i in cell.alternatives if i.confidence >= HOLDS]
    a = max((i.value * i.factor for i in alts), default=None)
    status = "ruled out" if any(i.value <= 0 for i in alts) else "named" if alts else "not named"
    return s, a, status


def _stats(fwd: np.ndarray, rev: np.ndarray, level: float) -> _Stats:
    lo, hi = sdi.interval(fwd, level)
    rlo, rhi = sdi.interval(rev, level)
    alo, ahi = sdi.interval(fwd - rev, level)
    return {
        "sdi": sdi.point(fwd),
        "sdi_low": lo,
        "sdi_high": hi,
        "reverse_sdi": sdi.point(rev),
        "reverse_low": rlo,
        "reverse_high": rhi,
        "asymmetry": sdi.point(fwd - rev),
        "asymmetry_low": alo,
        "asymmetry_high": ahi,
        # ties (both 0, say) count half: 0.5 reads "neither depends more", not "B does"
        "p_more_dependent": float(np.mean(fwd > rev) + 0.5 * np.mean(fwd == rev)),
    }


def weighted_draws(
    samples: Mapping[str, np.ndarray],
    side: str,
    domains: Sequence[str],
    weights: Mapping[str, float],
    n: int,
) -> np.ndarray:
    """The total's ``n`` draws: the weighted mean of the domains' draws (``side`` a or b)."""
    ws = [weights.get(d, 1.0) for d in domains]
    total = np.zeros(n)
    if sum(ws) > 0:
        for w, d in zip(ws, domains, strict=True):
            total += w * samples[f"{side}:{d}"]
        total /= sum(ws)
    return total


def assess(
    ev: Evidence,
    domains: Sequence[str],
    weights: Mapping[str, float],
    *,
    level: float = LEVEL,
    draws: int = DRAWS,
    seed: int = SEED,
    model: Model = sdi.DEFAULT,
    hinges: bool = True,
) -> tuple[list[DomainResult], DomainResult, dict[str, np.ndarray]]:
    """Score the evidence over ``domains``: the rows, the TOTAL row and the draws."""
    rows: list[DomainResult] = []
    samples: dict[str, np.ndarray] = {}
    for d in domains:
        fc, rc = ev.cell("a", d), ev.cell("b", d)
        f = sdi.draws(fc, n=draws, seed=seed, model=model)
        r = sdi.draws(rc, n=draws, seed=seed, model=model)
        samples[f"a:{d}"], samples[f"b:{d}"] = f, r
        iri, effect = sdi.hinge(fc, n=draws, seed=seed, model=model) if hinges else (None, 0.0)
        s, a, status = _curated(fc)
        rs, ra, _ = _curated(rc)
        rows.append(
            DomainResult(
                domain=d,
                weight=weights.get(d, 1.0),
                sensitivity=s,
                substitutability=a,
                alternatives=status,
                reverse_sensitivity=rs,
                reverse_substitutability=ra,
                bandwidth=ev.bandwidth("a", d),
                reverse_bandwidth=ev.bandwidth("b", d),
                hinges_on=iri,
                hinge_effect=effect,
                n_claims=ev.claims(d),
                carried_forward=ev.carries("a", d),
                reverse_carried_forward=ev.carries("b", d),
                evidence=_items(fc, "dependent on provider") + _items(rc, "provider on dependent"),
                **_stats(f, r, level),
            )
        )
    f_tot = weighted_draws(samples, "a", domains, weights, draws)
    r_tot = weighted_draws(samples, "b", domains, weights, draws)
    samples["a:TOTAL"], samples["b:TOTAL"] = f_tot, r_tot
    summary = DomainResult(
        domain=TOTAL,
        weight=None,
        bandwidth=ev.bandwidth("a"),
        reverse_bandwidth=ev.bandwidth("b"),
        n_claims=ev.claims(),
        carried_forward=any(d.carried_forward for d in rows),
        reverse_carried_forward=any(d.reverse_carried_forward for d in rows),
        **_stats(f_tot, r_tot, level),
    )
    return rows, summary, samples
