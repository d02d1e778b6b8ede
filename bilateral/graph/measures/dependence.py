"""The structural dependence of A on B, per domain and in total, with intervals.

SDI(A on B, d) = sensitivity × (1 − substitutability) (``sdi.py``), from A's curated
dependency statements on B and the alternatives the source names (``evidence.py``).
Every number carries a resampled interval (confidences as probabilities, values within
their ordinal bands; ``DRAWS`` draws, a fixed ``SEED``, the central ``LEVEL``); per
domain, ``p_more_dependent`` is the share of draws in which A depends on B more than B
on A, and ``hinges_on`` the statement whose removal moves the value most. Bandwidth
(flows from B to A) is reported beside the index, not inside it. The total is the
weighted mean over the domains with dependency evidence in either direction; that set
is fixed for a dyad, so slices, years, scenarios and comparisons average over the same
domains. ``docs/measures.md`` gives the reasoning, the references and a worked example.

>>> r = dependence("belarus", "russia")
>>> r.total > r.reverse_total and r.summary.p_more_dependent > 0.9
True
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from bilateral.errors import InputError
from bilateral.graph.measures import sdi
from bilateral.graph.measures.evidence import Evidence, gather
from bilateral.graph.measures.project import Slice
from bilateral.graph.measures.vocabulary import DRAWS, LEVEL, SEED, check_settings
from bilateral.graph.measures.weights import (
    check_weights,
    read_weights,
    sensitivity_table,
    weighted,
)

if TYPE_CHECKING:
    import pandas as pd

    from bilateral.graph.measures.snapshot import Snapshot

__all__ = [
    "DRAWS",
    "LEVEL",
    "SEED",
    "DependenceResult",
    "DomainResult",
    "assess",
    "dependence",
    "score",
]

TOTAL = "TOTAL"


@dataclass
class DomainResult:
    """One row: a domain (or ``TOTAL``) in both directions, with intervals and evidence."""

    domain: str
    weight: float | None
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
    sensitivity: float | None = None
    substitutability: float | None = None  # None: the source names no alternative
    reverse_sensitivity: float | None = None
    reverse_substitutability: float | None = None
    bandwidth: float = 0.0
    reverse_bandwidth: float = 0.0
    hinges_on: str | None = None
    hinge_effect: float = 0.0
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class DependenceResult:
    """Everything ``bilateral dependence`` reports."""

    dependent: str
    provider: str
    dependent_label: str
    provider_label: str
    domains: list[DomainResult]
    summary: DomainResult
    weights: dict[str, float]
    level: float = LEVEL
    draws: int = DRAWS
    seed: int = SEED
    slice: dict[str, str | None] = field(default_factory=dict)
    by_year: list[dict[str, Any]] = field(default_factory=list)
    sensitivity: list[dict[str, Any]] = field(default_factory=list)
    samples: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    @property
    def total(self) -> float:
        """SDI(A on B) over all domains (point value)."""
        return self.summary.sdi

    @property
    def reverse_total(self) -> float:
        """SDI(B on A) over all domains (point value)."""
        return self.summary.reverse_sdi

    @property
    def asymmetry(self) -> float:
        """SDI(A on B) − SDI(B on A) over all domains."""
        return self.summary.asymmetry

    @property
    def active(self) -> list[str]:
        """The domains the total averages over."""
        return [d.domain for d in self.domains]

    def domain(self, name: str) -> DomainResult:
        """The row of one domain (or ``TOTAL``)."""
        for row in [*self.domains, self.summary]:
            if row.domain == name:
                return row
        raise KeyError(name)

    def table(self) -> list[dict[str, Any]]:
        """One row per domain and a ``TOTAL`` row (what CSV and tables show)."""
        return [_row(d) for d in [*self.domains, self.summary]]

    def to_frame(self) -> pd.DataFrame:
        """``table()`` as a DataFrame indexed by domain."""
        import pandas as pd

        return pd.DataFrame(self.table()).set_index("domain")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with every number and the statement IRIs behind it."""
        out = asdict(self)
        out.pop("samples", None)
        out["total"], out["reverse_total"] = self.total, self.reverse_total
        out["asymmetry"] = self.asymmetry
        return out

    def to_json(self) -> str:
        """``to_dict`` as strict JSON (no NaN or Infinity)."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False, allow_nan=False)


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _row(d: DomainResult) -> dict[str, Any]:
    return {
        "domain": d.domain,
        "weight": d.weight,
        "sensitivity": _r(d.sensitivity),
        "substitutability": _r(d.substitutability),
        "reverse_sensitivity": _r(d.reverse_sensitivity),
        "reverse_substitutability": _r(d.reverse_substitutability),
        "sdi": _r(d.sdi),
        "sdi_low": _r(d.sdi_low),
        "sdi_high": _r(d.sdi_high),
        "reverse_sdi": _r(d.reverse_sdi),
        "reverse_low": _r(d.reverse_low),
        "reverse_high": _r(d.reverse_high),
        "asymmetry": _r(d.asymmetry),
        "asymmetry_low": _r(d.asymmetry_low),
        "asymmetry_high": _r(d.asymmetry_high),
        "p_more_dependent": _r(d.p_more_dependent),
        "bandwidth": _r(d.bandwidth),
        "reverse_bandwidth": _r(d.reverse_bandwidth),
        "hinges_on": d.hinges_on,
        "hinge_effect": _r(d.hinge_effect),
    }


def _items(cell: sdi.Cell, direction: str) -> list[dict[str, Any]]:
    rows = [
        {"statement": i.iri, "role": "dependency", "direction": direction, "value": i.value,
         "confidence": i.confidence, "factor": i.factor}
        for i in cell.sensitivity
    ] + [
        {"statement": i.iri, "role": "alternative", "direction": direction, "value": i.value,
         "confidence": i.confidence, "factor": 1.0}
        for i in cell.alternatives
    ]  # fmt: skip
    return sorted(rows, key=lambda r: (r["role"], -r["value"], r["statement"]))


def _stats(fwd: np.ndarray, rev: np.ndarray, level: float) -> dict[str, Any]:
    lo, hi = sdi.interval(fwd, level)
    rlo, rhi = sdi.interval(rev, level)
    alo, ahi = sdi.interval(fwd - rev, level)
    return {
        "sdi_low": lo,
        "sdi_high": hi,
        "reverse_low": rlo,
        "reverse_high": rhi,
        "asymmetry_low": alo,
        "asymmetry_high": ahi,
        # ties (both 0, say) count half: 0.5 reads "neither depends more", not "B does"
        "p_more_dependent": float(np.mean(fwd > rev) + 0.5 * np.mean(fwd == rev)),
    }


def assess(
    ev: Evidence,
    domains: Sequence[str],
    weights: Mapping[str, float],
    *,
    level: float = LEVEL,
    draws: int = DRAWS,
    seed: int = SEED,
) -> tuple[list[DomainResult], DomainResult, dict[str, np.ndarray]]:
    """Score the evidence over ``domains``: the rows, the TOTAL row and the draws."""
    rows, samples = [], {}
    fwd_points, rev_points = {}, {}
    for d in domains:
        fc, rc = ev.cell("a", d), ev.cell("b", d)
        f = sdi.draws(fc, n=draws, seed=seed, key=f"{ev.a}|{ev.b}|{d}")
        r = sdi.draws(rc, n=draws, seed=seed, key=f"{ev.b}|{ev.a}|{d}")
        samples[f"a:{d}"], samples[f"b:{d}"] = f, r
        fwd_points[d], rev_points[d] = sdi.point(fc), sdi.point(rc)
        iri, effect = sdi.hinge(fc)
        rows.append(
            DomainResult(
                domain=d,
                weight=weights.get(d, 1.0),
                sdi=fwd_points[d],
                reverse_sdi=rev_points[d],
                asymmetry=fwd_points[d] - rev_points[d],
                sensitivity=sdi.sensitivity(fc),
                substitutability=sdi.substitutability(fc),
                reverse_sensitivity=sdi.sensitivity(rc),
                reverse_substitutability=sdi.substitutability(rc),
                bandwidth=ev.bandwidth("a", d),
                reverse_bandwidth=ev.bandwidth("b", d),
                hinges_on=iri,
                hinge_effect=effect,
                evidence=_items(fc, "dependent on provider") + _items(rc, "provider on dependent"),
                **_stats(f, r, level),
            )
        )
    ws = np.array([weights.get(d, 1.0) for d in domains], dtype=float)
    if domains and ws.sum() > 0:
        f_tot = sum(w * samples[f"a:{d}"] for w, d in zip(ws, domains, strict=True)) / ws.sum()
        r_tot = sum(w * samples[f"b:{d}"] for w, d in zip(ws, domains, strict=True)) / ws.sum()
    else:
        f_tot = r_tot = np.zeros(draws)
    samples["a:TOTAL"], samples["b:TOTAL"] = f_tot, r_tot
    f_pt, r_pt = weighted(fwd_points, domains, weights), weighted(rev_points, domains, weights)
    summary = DomainResult(
        domain=TOTAL,
        weight=None,
        sdi=f_pt,
        reverse_sdi=r_pt,
        asymmetry=f_pt - r_pt,
        bandwidth=ev.bandwidth("a"),
        reverse_bandwidth=ev.bandwidth("b"),
        **_stats(np.asarray(f_tot), np.asarray(r_tot), level),
    )
    return rows, summary, samples


def dependence(
    dependent: str,
    provider: str,
    g: Any = None,
    *,
    as_of: object = None,
    start: object = None,
    end: object = None,
    by: str = "domain",
    from_year: int | None = None,
    to_year: int | None = None,
    weights: Mapping[str, float] | str | Path | None = None,
    level: float = LEVEL,
    draws: int = DRAWS,
    seed: int = SEED,
    domains: Sequence[str] | None = None,
    data: Sequence[str] | None = None,
) -> DependenceResult:
    """SDI of ``dependent`` on ``provider`` (names, slugs or IRIs), per domain, with intervals.

    ``g`` is an rdflib graph or a ``Snapshot``. ``as_of`` or ``start``/``end`` slice the
    evidence in time; ``from_year``/``to_year`` (with ``by="domain"``) slice it to those
    whole years; ``by="year"`` adds the yearly series (``by_year``) over them (by default
    the years the dated statements span). ``weights`` is a dict of domain weights or a
    JSON/TOML file. ``domains`` fixes the domains the total averages over (by default,
    those with dependency evidence between the two in either direction, at any time).
    """
    from bilateral.graph.measures.series import year_range, yearly
    from bilateral.graph.measures.snapshot import snapshot_of

    check_settings(level, draws, seed)
    if by not in ("domain", "year"):
        raise InputError(f"unknown breakdown {by!r}; use domain or year")
    snap = snapshot_of(g, data=data)
    a, b = snap.resolve(dependent), snap.resolve(provider)
    if a == b:
        raise InputError("dependent and provider are the same entity")
    if isinstance(weights, (str, Path)):
        weights = read_weights(weights)
    weights = check_weights(weights or {})
    unknown = set(weights) - set(snap.domains)
    if unknown:
        raise InputError(f"unknown domain {sorted(unknown)[0]!r}; use: {', '.join(snap.domains)}")
    if by == "domain" and (from_year is not None or to_year is not None):
        if start is not None or end is not None or as_of is not None:
            raise InputError("give years or dates, not both")
        if from_year is not None and to_year is not None and from_year > to_year:
            raise InputError(f"--from {from_year} is after --to {to_year}")
        start = f"{from_year:04d}" if from_year is not None else None
        end = f"{to_year:04d}-12-31" if to_year is not None else None
    when = Slice.parse(as_of, start, end)
    evidence = gather(snap.records, snap.actors, a, b)
    if domains is None:
        domains = sorted(evidence.domains())
    if domains and weights and not any(weights.get(d, 1.0) for d in domains):
        raise InputError(
            f"every domain the total averages over ({', '.join(domains)}) has weight 0; "
            "the total would be undefined"
        )
    result = score(
        snap, a, b, domains, weights, when, level=level, draws=draws, seed=seed,
        evidence=evidence if when.all_time else None,
    )  # fmt: skip
    result.sensitivity = sensitivity_table(
        {d.domain: d.sdi for d in result.domains},
        {d.domain: d.reverse_sdi for d in result.domains},
        result.active,
        weights,
    )
    if by == "year":
        iris = {i.iri for c in evidence.cells.values() for i in [*c.sensitivity, *c.alternatives]}
        lo, hi = year_range(snap, from_year, to_year, iris)
        at = partial(score, snap, a, b, domains, weights, level=level, draws=draws, seed=seed)
        result.by_year = yearly(at, lo, hi)
    return result


def score(
    snap: Snapshot,
    a: str,
    b: str,
    domains: Sequence[str],
    weights: Mapping[str, float],
    when: Slice | None = None,
    *,
    level: float = LEVEL,
    draws: int = DRAWS,
    seed: int = SEED,
    evidence: Evidence | None = None,
) -> DependenceResult:
    """The dependence result for IRIs ``a`` and ``b`` over fixed ``domains`` (no series).
    ``evidence`` is ``gather``'s result for this slice when the caller has it already."""
    ev = evidence if evidence is not None else gather(snap.records, snap.actors, a, b, when=when)
    rows, summary, samples = assess(ev, domains, weights, level=level, draws=draws, seed=seed)
    return DependenceResult(
        dependent=a,
        provider=b,
        dependent_label=snap.label(a),
        provider_label=snap.label(b),
        domains=rows,
        summary=summary,
        weights={d: float(weights.get(d, 1.0)) for d in domains},
        level=level,
        draws=draws,
        seed=seed,
        slice={
            k: (v.isoformat() if v else None)
            for k, v in (
                ("as_of", when.as_of if when else None),
                ("start", when.start if when else None),
                ("end", when.end if when else None),
            )
        },
        samples=samples,
    )
