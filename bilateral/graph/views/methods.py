"""The methods appendix: how the dependence index is defined, the modelling choices and
what each does to the headline, the sources and coders of the data loaded, what the
intervals cover and what they do not, and how to cite. Every number in it is computed
from the data (``appendix``); ``report.md`` ends with it and ``bilateral methods`` prints it.

>>> text = methods(None, draws=200)
>>> text.splitlines()[0], "| coder bias |" in text
('## Appendix: methods', True)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bilateral._version import __version__
from bilateral.graph.measures.sensitivity import CHOICES, tornado
from bilateral.graph.measures.vocabulary import DRAWS, HALF_BAND, LEVEL, SEED, UNKNOWN
from bilateral.graph.views.provenance import citing_text, sources_text
from bilateral.graph.views.report_text import md

if TYPE_CHECKING:
    from datetime import date

    from bilateral.graph.measures.results import DependenceResult, SensitivityRow
    from bilateral.graph.measures.snapshot import GraphLike
    from bilateral.graph.views.provenance import Provenance

__all__ = ["appendix", "methods"]

_AXIOMS = [
    "adding evidence that A depends on B never lowers SDI(A on B), in its domain or in total;",
    "evidence about B on A, or about other dyads, never changes SDI(A on B);",
    "naming an alternative with substitutability > 0 never raises it;",
    "a claim restated under another IRI with the same roles, values, quote and source counts once;",
    "renaming IRIs or labels changes nothing;",
    "every point lies inside its own interval.",
]


def methods(
    g: GraphLike | None = None,
    *,
    dependent: str | None = None,
    provider: str | None = None,
    known_by: date | str | None = None,
    weights: Mapping[str, float] | str | Path | None = None,
    domains: Sequence[str] | str | None = None,
    level: float = LEVEL,
    draws: int = DRAWS,
    seed: int = SEED,
    unknown: tuple[float, float] = UNKNOWN,
    band: float = HALF_BAND,
    min_confidence: float = 0.0,
    coder_noise: float = 0.0,
    data: Sequence[str] | None = None,
) -> str:
    """The methods appendix (Markdown) for the dyad ``dependent`` on ``provider`` of the
    graph ``g`` (``None``: ``data``, or the bundled data); without a dyad, the one
    ``report`` chooses. The options are ``dependence``'s; the sensitivity table is
    computed under them."""
    from bilateral.graph.measures.dependence import dependence
    from bilateral.graph.measures.dyad import choose
    from bilateral.graph.measures.snapshot import Snapshot, rdf_of, read_snapshot
    from bilateral.graph.views.provenance import provenance

    rdf = rdf_of(g, data=data)
    snap = g if isinstance(g, Snapshot) else read_snapshot(rdf)
    a, b, _ = choose(snap, dependent, provider)
    dep = dependence(
        snap, a, b, known_by=known_by, weights=weights, domains=domains, level=level,
        draws=draws, seed=seed, unknown=unknown, band=band, min_confidence=min_confidence,
        coder_noise=coder_noise, sensitivity=True,
    )  # fmt: skip
    return appendix(dep, provenance(rdf, snap), scheme=snap.domains)


def _n(x: float) -> str:
    return f"{x:.3f}"


def _range(lo: float, hi: float) -> str:
    return f"{lo:g}" if lo == hi else f"{lo:g}–{hi:g}"


def _definition(dep: DependenceResult, scheme: Sequence[str]) -> list[str]:
    m = dep.model
    domains = ", ".join(md(d) for d in dep.active)
    which = "the scheme's" if list(dep.active) == list(scheme) else "a chosen set of"
    return [
        "### The index",
        "",
        "The structural dependence index (SDI) measures vulnerability in Keohane and Nye's "
        "(1977) sense, the cost to A of adjusting if the relationship with B changed, which "
        "Baldwin (1980) reads as the opportunity cost of breaking it. Per domain d:",
        "",
        "**SDI(A on B, d) = sensitivity × (1 − substitutability)**",
        "",
        "- *Sensitivity*: the strongest of A's curated dependency statements on B in d "
        "(`bil:Dependency`; ordinal codes 0.25 weak, 0.5 moderate, 0.75 strong, 1 critical) "
        "that holds in a draw. Several statements do not add up; a claim restated under "
        "another IRI, or one source's quotes coded alike, count once.",
        "- *Substitutability*: the best alternative that holds among those the sources "
        "name (`bil:Alternatives`; 0 none or ruled out, 0.25 limited, 0.5 partial, 0.75 "
        "ample, 1 full) and, unless a claim rules alternatives out, the alternatives the "
        f"sources leave unnamed, drawn from {_range(*m.unknown)}.",
        "- A hedged claim (`bil:confidence` c) holds in a share c of the draws: its "
        "confidence is a probability, not a discount on its code.",
        f"- *Total*: the weighted mean over a fixed set of {len(dep.active)} domains "
        f"({which}: {domains}); a domain without evidence counts 0. *Asymmetry*: SDI(A on "
        "B) − SDI(B on A), paired draw by draw; P(A more) is the share of draws in which A "
        "depends more (a tie counts half).",
        "- Concentration is not computed (it needs sourced shares, which the data lacks); "
        "bandwidth (the confidence-weighted flows from B to A) is reported beside the "
        "index, not inside it.",
        "",
        "On any data the index obeys these axioms, each a property test over generated "
        "datasets (`tests/axioms/`):",
        "",
        *(f"{i}. {text}" for i, text in enumerate(_AXIOMS, start=1)),
        "",
        "Time has two clocks. *Valid time*: a claim holds when its own dates say; an "
        "undated claim holds at its source's date (`dct:issued`), not in every year, and a "
        "claim counted past its sources' date is marked as carried forward. *Knowledge "
        "time*: `known_by` keeps only what sources issued by a date said. "
        f"Here: {_slice(dep)}.",
    ]


def _slice(dep: DependenceResult) -> str:
    when = {k: v for k, v in dep.slice.items() if v}
    valid = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in when.items()) or "all valid time"
    known = f"sources issued by {dep.known_by}" if dep.known_by else "every source"
    return f"{valid}; {known}"


def _choices(dep: DependenceResult, scheme: Sequence[str]) -> list[str]:
    m = dep.model
    used = {
        "unknown": (_range(*UNKNOWN), _range(*m.unknown)),
        "band": (f"± {HALF_BAND:g}", f"± {m.band:g}"),
        "min_confidence": ("0 (every claim)", f"{m.min_confidence:g}"),
        "shift": ("none", "none" if m.shift == (0, 0) else f"{m.shift[0]:+d}, {m.shift[1]:+d}"),
        "coder_noise": ("0", f"{m.coder_noise:g}"),
    }
    lines = [
        "### Modelling choices",
        "",
        "Every constant of the index is a parameter with a documented default and range "
        "(docs/measures.md §3.6):",
        "",
        "| choice | parameter | default | used here | range in the sensitivity table |",
        "|---|---|---|---|---|",
    ]
    for choice, parameter, settings in CHOICES:
        default, here = used[parameter]
        shown = "; ".join(md(meaning) for _, meaning in settings)
        lines.append(f"| {choice} | `{parameter}` | {default} | {here} | {shown} |")
    own = list(dep.active) == list(scheme)
    weights = sorted(set(dep.weights.values()))
    lines += [
        f"| domain set | `domains` | the scheme's {len(scheme)} | "
        f"{'the scheme' if own else ', '.join(md(d) for d in dep.active)} | "
        "only the domains with evidence either way |",
        f"| domain weights | `weights` | 1 each | "
        f"{'1 each' if weights == [1.0] else 'as given'} | each domain dropped; each doubled |",
    ]
    return lines


def _sensitivity(dep: DependenceResult) -> list[str]:
    rows: list[SensitivityRow] = dep.sensitivity
    a, b = md(dep.dependent_label), md(dep.provider_label)
    shown = [d for d in dep.active if any(r["domains"].get(d, 0.0) for r in rows)]
    level = f"{dep.level:.0%}"
    lines = [
        "### Sensitivity of the headline",
        "",
        f"SDI({a} on {b}) in total with its {level} interval, its change from the first row "
        "(the choices as used here), the asymmetry with its interval, and the domains with "
        "evidence, under each setting of each choice, one at a time, the others as used "
        f"here. Every row re-runs the same {dep.draws} draws (seed {dep.seed}), so a "
        "difference between rows is the choice's, not resampling noise.",
        "",
        f"| choice | setting | total [{level}] | change | asymmetry [{level}] | "
        + " | ".join(md(d) for d in shown)
        + " |",
        "|---|---|---|---|---|" + "---|" * len(shown),
    ]
    for r in rows:
        cells = " | ".join(_n(r["domains"].get(d, 0.0)) for d in shown)
        lines.append(
            f"| {md(r['choice'])} | {md(r['setting'])} | {_n(r['total'])} "
            f"[{_n(r['total_low'])}, {_n(r['total_high'])}] | {r.get('change', 0.0):+.3f} | "
            f"{_n(r['asymmetry'])} [{_n(r['asymmetry_low'])}, {_n(r['asymmetry_high'])}] | "
            f"{cells} |"
        )
    bars = tornado(rows)
    if bars:
        top = bars[0]
        lo, hi = min(r["asymmetry"] for r in rows), max(r["asymmetry"] for r in rows)
        floor = min(r["asymmetry_low"] for r in rows)
        lines += [
            "",
            f"The choice that moves the total most is {md(top['choice'])} "
            f"({_n(top['low'])}–{_n(top['high'])}). Across all settings the asymmetry lies "
            f"between {_n(lo)} and {_n(hi)}, and the lowest end of its interval is "
            f"{_n(floor)}.",
        ]
    return lines


def _intervals(dep: DependenceResult, prov: Provenance) -> list[str]:
    m = dep.model
    kept = f"; claims less sure than {m.min_confidence:g} are left out" if m.min_confidence else ""
    drawn = [
        f"each claim holds or not, with its confidence as the probability (the hedges){kept}",
        f"each ordinal code takes a value within ± {m.band:g} of itself (one draw per code "
        "and domain, shared by every claim coded alike)",
        f"the alternatives the sources leave unnamed take a value in {_range(*m.unknown)} "
        "(one draw per domain, the same for both directions)",
    ]
    if m.coder_noise:
        drawn.append(f"each code is one step off, up or down, in a share {m.coder_noise:g}")
    coder = (
        "coder error beyond that noise: a coder's systematic bias"
        if m.coder_noise
        else "coder error: a coder's systematic bias, random one-step errors"
    )
    missed = [
        "which sources were read and which of their sentences were coded: the sources "
        f"cited ({len(prov.cited)} here) are a given set, not a sample, and a claim no source "
        "makes is absent from every draw",
        f"{coder} and disagreement between coders (the sensitivity table shows the first two)",
        "the choice of domains and their weights, of the unnamed range and of the band "
        "(the sensitivity table shows what each does)",
        "the roll-up of actors to their state (`bil:country`), the rules that turn "
        "statements into evidence, and the dating rules (the two clocks)",
        "the resampling's own noise: another seed moves a point by a few thousandths at "
        "2000 draws (measured on the bundled dyad, docs/measures.md §3.5)",
    ]
    return [
        "### What the intervals cover, and what they do not",
        "",
        f"Each number is the median of {dep.draws} draws and its interval the central "
        f"{dep.level:.0%} of them (a percentile interval, seed {dep.seed}). This is not a "
        "bootstrap: no source, statement or quote is resampled. In each draw:",
        "",
        *_bullets(drawn),
        "",
        "The intervals do not cover:",
        "",
        *_bullets(missed),
    ]


def _bullets(items: list[str]) -> list[str]:
    return [f"- {x}{'.' if i == len(items) - 1 else ';'}" for i, x in enumerate(items)]


def appendix(dep: DependenceResult, prov: Provenance, *, scheme: Sequence[str]) -> str:
    """The appendix's Markdown for a ``dependence`` result computed with
    ``sensitivity=True`` and the ``provenance`` of its graph; ``scheme`` is the graph's
    domain scheme (``Snapshot.domains``)."""
    a, b = md(dep.dependent_label), md(dep.provider_label)
    lines = [
        "## Appendix: methods",
        "",
        f"How the numbers about {a} and {b} were made, from the data loaded (bilateral "
        f"{__version__}); docs/measures.md gives the reasoning, references and a worked "
        "example.",
        "",
        *_definition(dep, scheme),
        "",
        *_choices(dep, scheme),
        "",
        *_sensitivity(dep),
        "",
        *sources_text(dep, prov),
        "",
        *_intervals(dep, prov),
        "",
        *citing_text(prov),
        "",
    ]
    return "\n".join(lines)
