"""The yearly series of the dependence index: one row per year, over the dyad's fixed
set of domains, with the same rule for undated statements as every other slice (they
hold in every year: the source describes them without a start or an end).

>>> from functools import partial
>>> from bilateral.graph.measures.dependence import score
>>> from bilateral.graph.measures.snapshot import read_snapshot
>>> snap = read_snapshot()
>>> a, b = snap.resolve("belarus"), snap.resolve("russia")
>>> at = partial(score, snap, a, b, ["energy", "political"], {}, draws=200)
>>> rows = yearly(at, 2019, 2021)
>>> [r["year"] for r in rows], rows[-1]["total"] >= rows[0]["total"]
([2019, 2020, 2021], True)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from bilateral.errors import InputError
from bilateral.graph.measures.project import Slice

if TYPE_CHECKING:
    from bilateral.graph.measures.dependence import DependenceResult
    from bilateral.graph.measures.snapshot import Snapshot

__all__ = ["MAX_YEARS", "year_range", "yearly"]

MAX_YEARS = 200


def year_range(
    snap: Snapshot, from_year: int | None, to_year: int | None, evidence: set[str]
) -> tuple[int, int]:
    """The years to show: as given, else those the dated evidence statements span."""
    years = sorted(
        {d.year for r in snap.records if r.iri in evidence for d in (r.start, r.end) if d}
    )
    lo = from_year if from_year is not None else (years[0] if years else None)
    hi = to_year if to_year is not None else (years[-1] if years else None)
    if lo is None or hi is None:
        raise InputError(
            "no dated dependency statements: give --from and --to years for a yearly series"
        )
    if not (1 <= lo <= 9999 and 1 <= hi <= 9999):
        raise InputError(f"years must be between 1 and 9999, got {lo} and {hi}")
    if lo > hi:
        raise InputError(f"--from {lo} is after --to {hi}")
    if hi - lo >= MAX_YEARS:
        raise InputError(f"at most {MAX_YEARS} years in a series, got {hi - lo + 1}")
    return lo, hi


def yearly(score_at: Callable[[Slice], DependenceResult], lo: int, hi: int) -> list[dict[str, Any]]:
    """One row per year from ``lo`` to ``hi``: total and reverse with intervals,
    asymmetry, each domain's SDI. ``score_at`` scores one slice (the dyad, its domains,
    weights and resampling settings are fixed by the caller, ``dependence``)."""
    rows = []
    for year in range(lo, hi + 1):
        r = score_at(Slice(None, date(year, 1, 1), date(year, 12, 31), undated=True))
        s = r.summary
        row: dict[str, Any] = {
            "year": year,
            "total": round(s.sdi, 4),
            "total_low": round(s.sdi_low, 4),
            "total_high": round(s.sdi_high, 4),
            "reverse_total": round(s.reverse_sdi, 4),
            "reverse_low": round(s.reverse_low, 4),
            "reverse_high": round(s.reverse_high, 4),
            "asymmetry": round(s.asymmetry, 4),
        }
        row.update({d.domain: round(d.sdi, 4) for d in r.domains})
        rows.append(row)
    return rows
