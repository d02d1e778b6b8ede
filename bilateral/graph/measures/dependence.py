"""The structural dependence of A on B, per domain and in total, with intervals.

SDI(A on B, d) = sensitivity × (1 − substitutability) (``sdi.py``), from A's curated
dependency statements on B and the alternatives the sources name (``evidence.py``).
Every number is the median of resampled draws (confidences as probabilities, codes
within their ordinal bands, unnamed alternatives over a range; ``DRAWS`` draws, a fixed
``SEED``) with the central ``LEVEL`` of the draws as its interval; per domain,
``p_more_dependent`` is the share of draws in which A depends on B more than B on A, and
``hinges_on`` the statement whose removal moves the value most. Bandwidth (flows from B
to A) is reported beside the index, not inside it.

The total is the weighted mean over a **fixed** set of domains: by default every domain
of the scheme ``bil:Domains`` (a domain without evidence counts as 0), so that adding
evidence never lowers it and evidence about the reverse never moves it. Time follows the
two clocks of ``clock.py``. ``docs/measures.md`` gives the reasoning, the references
and a worked example.

>>> r = dependence(None, "belarus", "russia")  # None: the bundled data
>>> r.total > r.reverse_total and r.summary.p_more_dependent > 0.9
True
>>> r.summary.sdi_low <= r.total <= r.summary.sdi_high
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bilateral.compat import graph_first
from bilateral.errors import InputError
from bilateral.graph.measures import sdi
from bilateral.graph.measures.assess import assess
from bilateral.graph.measures.clock import Slice
from bilateral.graph.measures.evidence import Evidence, about, gather
from bilateral.graph.measures.levels import ROLLUP_RULE, levels
from bilateral.graph.measures.results import DependenceResult, DomainResult
from bilateral.graph.measures.sdi import Model
from bilateral.graph.measures.vocabulary import DRAWS, LEVEL, SEED, check_settings
from bilateral.graph.measures.weights import averaged, domain_weights
from bilateral.graph.measures.words import attach

if TYPE_CHECKING:
    from datetime import date

    from bilateral.graph.measures.snapshot import GraphLike, Snapshot

__all__ = [
    "DRAWS",
    "LEVEL",
    "SEED",
    "DependenceResult",
    "DomainResult",
    "Model",
    "assess",
    "dependence",
    "domain_set",
    "score",
]

#: the domain set "domains with evidence in either direction" (the total of round 2)
EVIDENCE = "evidence"


def domain_set(snap: Snapshot, ev: Evidence, domains: Sequence[str] | str | None) -> list[str]:
    """The domains the total averages over: as given; ``"evidence"``, those with
    dependency evidence in either direction; by default every domain of the scheme
    ``bil:Domains`` (evidence in a domain outside it is refused: run ``validate``)."""
    if domains == EVIDENCE:
        return sorted(ev.domains())
    if isinstance(domains, str):
        raise InputError(f"domains must be a list of domains or {EVIDENCE!r}, got {domains!r}")
    if domains is not None:
        chosen = list(dict.fromkeys(domains))
        if not chosen:
            raise InputError("domains must name at least one domain (the total would be undefined)")
        unknown = [d for d in chosen if d not in snap.domains]
        if unknown:
            raise InputError(f"unknown domain {unknown[0]!r}; use: {', '.join(snap.domains)}")
        return chosen
    outside = sorted({d for (_, d) in ev.cells} - set(snap.domains))
    if outside:
        raise InputError(
            f"domain {outside[0]!r} has evidence but is not a concept of the scheme "
            "bil:Domains; declare it (skos:inScheme bil:Domains) or run `bilateral validate`"
        )
    return list(snap.domains)


def _notes(ev: Evidence) -> list[str]:
    notes = []
    if ev.carried:
        last = max((d for d in ev.carried.values() if d), default=None)
        notes.append(
            f"{len(ev.carried)} statement(s) carried forward past their sources' date "
            f"(the latest is {last}): what the sources say then, not evidence of later years"
        )
    if ev.timeless:
        notes.append(
            f"{len(ev.timeless)} statement(s) left out of the dated slice: no date of their "
            "own and no dated source (dct:issued), so they hold at no known time"
        )
    if ev.undated:
        notes.append(
            f"{len(ev.undated)} statement(s) in this slice are undated: they hold at their "
            "sources' date, not because the sources date them to it (a change to or from "
            "that date is partly the dating)"
        )
    if not ev.statements():
        notes.append(
            "no evidence about this dyad in this slice: the zeros say the sources say "
            "nothing here, not that there is no dependence"
        )
    if ev.unbounded:
        notes.append(
            f"{len(ev.unbounded)} statement(s) with an open start or end and no dated "
            "source counted in the slice: nothing bounds them, so they hold from their "
            "start on (or up to their end)"
        )
    return notes


@graph_first("dependent", "provider", "g", new="dependence(g, dependent, provider)")
def dependence(
    g: GraphLike | None,
    dependent: str,
    provider: str,
    *,
    as_of: date | str | None = None,
    start: date | str | None = None,
    end: date | str | None = None,
    known_by: date | str | None = None,
    by: str = "domain",
    from_year: int | None = None,
    to_year: int | None = None,
    weights: Mapping[str, float] | str | Path | None = None,
    domains: Sequence[str] | str | None = None,
    level: float = LEVEL,
    draws: int = DRAWS,
    seed: int = SEED,
    unknown: tuple[float, float] = sdi.UNKNOWN,
    band: float = sdi.HALF_BAND,
    min_confidence: float = 0.0,
    coder_noise: float = 0.0,
    sensitivity: bool = False,
    data: Sequence[str] | None = None,
) -> DependenceResult:
    """SDI of ``dependent`` on ``provider`` (names, slugs or IRIs), per domain, with intervals.

    ``g`` is the graph (``GraphLike``: an rdflib graph, a ``Snapshot`` or an open store;
    ``None``: ``data``, or the bundled data). ``as_of`` or ``start``/``end`` slice the
    evidence in valid time; ``from_year``/``to_year`` (with ``by="domain"``) slice it to
    those whole years; ``by="year"`` adds the yearly series (``by_year``) over them (by
    default the years the evidence is valid in). ``known_by`` keeps only what sources
    issued by that date said. ``weights`` is a dict of domain weights or a JSON/TOML
    file. ``domains`` fixes the domains the total averages over (default: the scheme's;
    ``"evidence"``: those with evidence either way). ``unknown``, ``band``,
    ``min_confidence`` and ``coder_noise`` are the modelling choices (``sdi.Model``);
    ``sensitivity=True`` adds the table of the headline under each choice's range.
    """
    from bilateral.graph.measures.series import year_range, yearly
    from bilateral.graph.measures.snapshot import snapshot_of

    check_settings(level, draws, seed)
    model = Model(
        unknown=unknown, band=band, min_confidence=min_confidence, coder_noise=coder_noise
    )
    if by not in ("domain", "year"):
        raise InputError(f"unknown breakdown {by!r}; use domain or year")
    snap = snapshot_of(g, data=data)
    a, b = snap.resolve(dependent), snap.resolve(provider)
    if a == b:
        raise InputError("dependent and provider are the same entity")
    if known_by is not None:
        snap = snap.known_by(known_by)
    weights = domain_weights(weights, snap.domains)
    for name, year in (("from_year", from_year), ("to_year", to_year)):
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            raise InputError(f"{name} must be a whole year, got {year!r}")
    if by == "year" and as_of is not None:
        raise InputError(
            "`as_of` does not apply to a yearly series; give `from_year` and `to_year`"
        )
    if by == "year" and sensitivity:
        raise InputError("sensitivity applies to by='domain' (one slice), not to a series")
    if by == "domain" and (from_year is not None or to_year is not None):
        if start is not None or end is not None or as_of is not None:
            raise InputError("give years or dates, not both")
        if from_year is not None and to_year is not None and from_year > to_year:
            raise InputError(f"`from_year` {from_year} is after `to_year` {to_year}")
        start = f"{from_year:04d}" if from_year is not None else None
        end = f"{to_year:04d}-12-31" if to_year is not None else None
    when = Slice.parse(as_of, start, end)
    evidence = gather(snap.records, snap.actors, a, b)
    chosen = domain_set(snap, evidence, domains)
    averaged(chosen, weights)
    settings: dict[str, Any] = {"level": level, "draws": draws, "seed": seed, "model": model}
    result = score(
        snap, a, b, chosen, weights, when, evidence=evidence if when.all_time else None,
        **settings,
    )  # fmt: skip
    if known_by is not None:
        result.known_by = str(known_by)
    if by == "domain":
        result.levels = levels(snap, result, chosen, weights, when, **settings)
        result.rollup_rule = ROLLUP_RULE if result.levels else None
    if sensitivity:
        from bilateral.graph.measures.sensitivity import sensitivity_table

        ev = evidence if when.all_time else gather(snap.records, snap.actors, a, b, when=when)
        result.sensitivity = sensitivity_table(snap, ev, chosen, weights, **settings)
    if by == "year":
        lo, hi = year_range(snap, from_year, to_year, evidence.statements(), known_by=known_by)
        dyad = replace(snap, records=about(snap.records, snap.actors, a, b))
        at = partial(score, dyad, a, b, chosen, weights, hinges=False, **settings)
        result.by_year, notes = yearly(at, lo, hi)
        result.notes += notes
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
    model: Model = sdi.DEFAULT,
    evidence: Evidence | None = None,
    hinges: bool = True,
) -> DependenceResult:
    """The dependence result for IRIs ``a`` and ``b`` over fixed ``domains`` (no series).
    ``evidence`` is ``gather``'s result for this slice when the caller has it already;
    ``hinges=False`` (a year of a series) skips finding the statement each domain hinges
    on and reading the evidence's words (``words.attach``)."""
    when = when or Slice()
    ev = evidence if evidence is not None else gather(snap.records, snap.actors, a, b, when=when)
    rows, summary, samples = assess(
        ev, domains, weights, level=level, draws=draws, seed=seed, model=model, hinges=hinges
    )
    result = DependenceResult(
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
        model=model,
        slice={
            k: (v.isoformat() if v else None)
            for k, v in (("as_of", when.as_of), ("start", when.start), ("end", when.end))
        },
        notes=_notes(ev),
        samples=samples,
    )
    if hinges:
        attach(result, snap)
    return result
