"""What a new source changes: the dependence numbers of every dyad of states, all time and
year by year, before and after adding data, with the evidence statements that entered or
left each number. A curator sees the effect of a source at once, instead of diffing
outputs by hand.

Both sides are scored with the same domains, weights and draws; a claim keeps its draws
whichever side it is on (its stream is seeded by what it says), so a number no new
statement touches does not move at all, and a change is the new evidence's, not
resampling noise.

>>> from pathlib import Path
>>> fixture = Path(__file__).parents[3] / "tests" / "data" / "second-dyad"
>>> d = diff(None, [str(fixture)], draws=200)
>>> sorted(set(d["dependent_label"]))  # the bundled dyad does not move
['Valdoria']
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from bilateral.errors import InputError
from bilateral.graph.measures import sdi
from bilateral.graph.measures.clock import Slice
from bilateral.graph.measures.dependence import domain_set, score
from bilateral.graph.measures.dyad import order
from bilateral.graph.measures.evidence import gather
from bilateral.graph.measures.panel import state_dyads
from bilateral.graph.measures.series import year_range
from bilateral.graph.measures.vocabulary import DRAWS, LEVEL, SEED, DyadOptions

if TYPE_CHECKING:
    import pandas as pd

    from bilateral.graph.measures.results import DependenceResult
    from bilateral.graph.measures.snapshot import GraphLike, Snapshot

__all__ = ["DIFF_COLUMNS", "diff"]

#: the columns of ``diff``'s table and their dtypes; ``year`` is empty on the all-time rows
DIFF_COLUMNS: dict[str, str] = {
    "dependent": "string",
    "dependent_label": "string",
    "provider": "string",
    "provider_label": "string",
    "year": "Int64",
    "domain": "string",
    "sdi_before": "float64",
    "sdi_after": "float64",
    "change": "float64",
    "reverse_before": "float64",
    "reverse_after": "float64",
    "reverse_change": "float64",
    "n_claims_before": "int64",
    "n_claims_after": "int64",
    "entered": "string",
    "left": "string",
}


def _after(g: GraphLike | None, data: Sequence[str] | None, added: Sequence[str]) -> Graph:
    """The graph with ``added`` loaded on top of ``g`` (or of ``data``, the bundled data)."""
    from bilateral.graph.measures.snapshot import rdf_of
    from bilateral.graph.source.load import load

    if g is None:
        return load([*(data or ["bundled"]), *added])
    union = Graph()
    for part in (rdf_of(g), load(list(added))):
        quads = getattr(part, "quads", None)
        triples = (q[:3] for q in quads((None, None, None, None))) if quads else iter(part)
        for triple in triples:
            union.add(triple)
    return union


def _statements(r: DependenceResult) -> dict[str, set[str]]:
    cells = {d.domain: {i for item in d.evidence for i in item["statements"]} for d in r.domains}
    cells["TOTAL"] = set().union(*cells.values()) if cells else set()
    return cells


def _rows(
    before: DependenceResult, after: DependenceResult, year: int | None
) -> Iterator[dict[str, Any]]:
    old, new = _statements(before), _statements(after)
    for x, y in zip(
        [*before.domains, before.summary], [*after.domains, after.summary], strict=True
    ):
        entered = sorted(new[y.domain] - old[x.domain])
        left = sorted(old[x.domain] - new[y.domain])
        change, reverse = y.sdi - x.sdi, y.reverse_sdi - x.reverse_sdi
        if not (entered or left or change or reverse):
            continue
        yield {
            "dependent": after.dependent,
            "dependent_label": after.dependent_label,
            "provider": after.provider,
            "provider_label": after.provider_label,
            "year": year,
            "domain": y.domain,
            "sdi_before": x.sdi,
            "sdi_after": y.sdi,
            "change": change,
            "reverse_before": x.reverse_sdi,
            "reverse_after": y.reverse_sdi,
            "reverse_change": reverse,
            "n_claims_before": x.n_claims,
            "n_claims_after": y.n_claims,
            "entered": "; ".join(entered) or None,
            "left": "; ".join(left) or None,
        }


def _years(
    snaps: tuple[Snapshot, Snapshot], a: str, b: str, lo: int | None, hi: int | None
) -> range:
    """The years either side's evidence about A and B is valid in (or ``lo``..``hi``)."""
    spans = []
    for snap in snaps:
        ev = gather(snap.records, snap.actors, a, b)
        try:
            spans.append(year_range(snap, None, None, ev.statements()))
        except InputError:
            continue  # no dated evidence on this side
    lo = lo if lo is not None else min((s[0] for s in spans), default=None)
    hi = hi if hi is not None else max((s[1] for s in spans), default=None)
    if lo is None or hi is None:
        return range(0)
    # the checks of the years given (1-9999, in order, a bounded span), which the
    # search for dated evidence above must not swallow
    lo, hi = year_range(snaps[0], lo, hi, ())
    return range(lo, hi + 1)


def diff(
    g: GraphLike | None,
    added: Sequence[str | os.PathLike[str]],
    *,
    dependent: str | None = None,
    provider: str | None = None,
    from_year: int | None = None,
    to_year: int | None = None,
    level: float = LEVEL,
    draws: int = DRAWS,
    seed: int = SEED,
    unknown: tuple[float, float] = sdi.UNKNOWN,
    band: float = sdi.HALF_BAND,
    min_confidence: float = 0.0,
    coder_noise: float = 0.0,
    data: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The numbers that change when the files ``added`` join ``g`` (``None``: ``data``,
    or the bundled data): per directed dyad of states (or the one named), all time
    (``year`` empty) and per year, each domain and ``TOTAL`` whose SDI, reverse or
    evidence changed, with the evidence statements that ``entered`` and ``left`` it. Each
    pair of states is listed once, the side that depends more after the change first
    (the reverse columns give the other way).
    Columns and dtypes: ``DIFF_COLUMNS``."""
    import pandas as pd

    from bilateral.graph.measures.snapshot import read_snapshot, snapshot_of

    settings = DyadOptions(
        level=level, draws=draws, seed=seed, unknown=unknown, band=band,
        min_confidence=min_confidence, coder_noise=coder_noise,
    ).settings  # fmt: skip
    if not added:
        raise InputError("give the data to add (`added`: files or folders)")
    if (dependent is None) != (provider is None):
        raise InputError("give both a dependent and a provider, or neither (every dyad)")
    before = snapshot_of(g, data=data)
    after = read_snapshot(_after(g, data, [str(p) for p in added]))
    if dependent is not None and provider is not None:
        dyads = [(after.resolve(dependent), after.resolve(provider))]
        if dyads[0][0] == dyads[0][1]:
            raise InputError("dependent and provider are the same entity")
    else:  # each pair once, the more dependent side (after) first
        pairs = {tuple(sorted(d)) for d in [*state_dyads(before), *state_dyads(after)]}
        dyads = [order(after, a, b) for a, b in sorted(pairs)]
    rows: list[dict[str, Any]] = []
    for a, b in dyads:
        chosen = domain_set(after, gather(after.records, after.actors, a, b), None)
        periods: list[int | None] = [None, *_years((before, after), a, b, from_year, to_year)]
        for year in periods:
            when = Slice() if year is None else Slice(None, date(year, 1, 1), date(year, 12, 31))
            x = score(before, a, b, chosen, {}, when, hinges=False, **settings)
            y = score(after, a, b, chosen, {}, when, hinges=False, **settings)
            rows.extend(_rows(x, y, year))
    frame = pd.DataFrame(rows, columns=list(DIFF_COLUMNS)).astype(DIFF_COLUMNS)
    frame.attrs.update({"level": level, "draws": draws, "seed": seed, "dyads": len(dyads)})
    return frame
