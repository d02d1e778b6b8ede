"""The yearly series of the dependence index: one row per year, over the dyad's fixed
set of domains, with the rules of valid time (``clock.py``): a year shows only the
evidence valid in it, and a year past the evidence's sources is marked
``carried_forward`` (what the sources said then, not evidence of that year) when
evidence either way is; ``n_claims`` counts the evidence claims valid in it.

>>> from functools import partial
>>> from bilateral.graph.measures.dependence import score
>>> from bilateral.graph.measures.snapshot import read_snapshot
>>> snap = read_snapshot()
>>> a, b = snap.resolve("belarus"), snap.resolve("russia")
>>> at = partial(score, snap, a, b, ["energy", "political"], {}, draws=200)
>>> rows, notes = yearly(at, 2019, 2022)
>>> [r["year"] for r in rows], [r["carried_forward"] for r in rows]
([2019, 2020, 2021, 2022], [False, False, False, True])
>>> [n.split(" statement")[0] for n in notes if "carried forward" in n]
['2022: 26']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING

from bilateral.errors import InputError
from bilateral.graph.measures.clock import Slice, valid_from, valid_to

if TYPE_CHECKING:
    from bilateral.graph.measures.results import DependenceResult, YearRow
    from bilateral.graph.measures.snapshot import Snapshot

__all__ = ["MAX_YEARS", "year_range", "yearly"]

MAX_YEARS = 200


def year_range(
    snap: Snapshot,
    from_year: int | None,
    to_year: int | None,
    evidence: Iterable[str],
    *,
    known_by: object = None,
) -> tuple[int, int]:
    """The years to show: as given, else those the evidence statements are valid in
    (``known_by``, if given, only says why there may be none)."""
    wanted = set(evidence)
    years = sorted(
        {
            d.year
            for r in snap.records
            if r.iri in wanted
            for d in (valid_from(r), valid_to(r))
            if d is not None
        }
    )
    lo = from_year if from_year is not None else (years[0] if years else None)
    hi = to_year if to_year is not None else (years[-1] if years else None)
    if lo is None or hi is None:
        if known_by is not None and not wanted:
            raise InputError(
                f"no evidence about this dyad is known by {known_by}: no source issued by "
                "then says anything of it"
            )
        raise InputError(
            "no dated dependency statements (and no dated sources): give `from_year` and "
            "`to_year` for a yearly series"
        )
    if not (1 <= lo <= 9999 and 1 <= hi <= 9999):
        raise InputError(f"years must be between 1 and 9999, got {lo} and {hi}")
    if lo > hi:
        raise InputError(f"`from_year` {lo} is after `to_year` {hi}")
    if hi - lo >= MAX_YEARS:
        raise InputError(f"at most {MAX_YEARS} years in a series, got {hi - lo + 1}")
    return lo, hi


def yearly(
    score_at: Callable[[Slice], DependenceResult], lo: int, hi: int
) -> tuple[list[YearRow], list[str]]:
    """One row per year from ``lo`` to ``hi``: total and reverse with intervals,
    asymmetry, how many evidence claims the year has, whether some are carried forward,
    and each domain's SDI; and the years' notes, each with the years it applies to.
    ``score_at`` scores one slice (the dyad, its domains, weights and resampling
    settings are fixed by the caller, ``dependence``)."""
    rows: list[YearRow] = []
    noted: dict[str, list[int]] = {}
    for year in range(lo, hi + 1):
        r = score_at(Slice(None, date(year, 1, 1), date(year, 12, 31)))
        s = r.summary
        row: YearRow = {
            "year": year,
            "total": round(s.sdi, 4),
            "total_low": round(s.sdi_low, 4),
            "total_high": round(s.sdi_high, 4),
            "reverse_total": round(s.reverse_sdi, 4),
            "reverse_low": round(s.reverse_low, 4),
            "reverse_high": round(s.reverse_high, 4),
            "asymmetry": round(s.asymmetry, 4),
            "n_claims": s.n_claims,
            "carried_forward": s.carried_forward or s.reverse_carried_forward,
        }
        row.update({d.domain: round(d.sdi, 4) for d in r.domains})
        rows.append(row)
        for note in r.notes:
            noted.setdefault(note, []).append(year)
    return rows, [f"{_years(years)}: {note}" for note, years in noted.items()]


def _years(years: list[int]) -> str:
    """``[2022, 2023, 2024, 2027]`` as ``"2022-2024, 2027"``."""
    spans: list[list[int]] = []
    for y in years:
        if spans and y == spans[-1][1] + 1:
            spans[-1][1] = y
        else:
            spans.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)
