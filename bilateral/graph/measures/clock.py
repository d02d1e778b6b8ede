"""Two clocks: when a claim holds (valid time) and what was known by a date (knowledge
time).

*Valid time*: a statement's own dates give it (``bil:date``, ``bil:startDate``,
``bil:endDate``). A statement without dates holds at its sources' date (``dct:issued``,
as the period its precision names: ``"2021"`` is the whole year), not in every year;
an open-ended one (a start, no end) holds until its sources' date. Past that day both
are *carried forward*: they still count, and every result says so, because the sources
cannot know what came later. A stated end is an end: nothing is carried past it. A
statement with no date and no dated source holds at no known time, so it counts only
when no time slice is asked for.

*Knowledge time*: ``known_by(records, periods, day)`` keeps the statements with a
source issued by ``day`` (the whole period of a partial date: a source of ``"2021"`` is
known by 31 December 2021), each with only those sources.

>>> periods = {"s": period("2021")}
>>> from bilateral.graph.measures.records import Record
>>> claim = Record("c", "c", ("Dependency",), {}, sources=("s",), issued=periods["s"])
>>> in_slice(claim, Slice(as_of=date(2019, 6, 1))), in_slice(claim, Slice(as_of=date(2021, 6, 1)))
(False, True)
>>> in_slice(claim, Slice(as_of=date(2024, 1, 1))), carried(claim, Slice(as_of=date(2024, 1, 1)))
(True, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from bilateral.errors import InputError
from bilateral.graph.measures.records import Record

__all__ = ["Slice", "carried", "in_slice", "known_by", "period", "periods"]

_ISSUED = re.compile(r"^\s*(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class Slice:
    """A time slice: everything holding on ``as_of``, or overlapping ``start``..``end``.

    ``undated`` says whether statements that hold at no known time (no date of their
    own, no dated source) count in a dated slice (default: no).
    """

    as_of: date | None = None
    start: date | None = None
    end: date | None = None
    undated: bool = False

    @classmethod
    def parse(
        cls, as_of: object = None, start: object = None, end: object = None, undated: bool = False
    ) -> Slice:
        """A slice from dates or ``YYYY[-MM[-DD]]`` strings (bad ones raise InputError);
        a partial ``end`` is the last day of its year or month."""
        from bilateral.graph.source.resolve import parse_date

        return cls(
            parse_date(as_of, what="--as-of"),  # type: ignore[arg-type]
            parse_date(start, what="--from"),  # type: ignore[arg-type]
            parse_date(end, what="--to", end_of_period=True),  # type: ignore[arg-type]
            undated,
        )

    @property
    def all_time(self) -> bool:
        """True when the slice has no date: every statement counts, dated or not."""
        return self.as_of is None and self.start is None and self.end is None

    @property
    def first_day(self) -> date | None:
        """The first day the slice covers (its date, or the start of its range)."""
        return self.as_of if self.as_of is not None else self.start

    def __post_init__(self) -> None:
        if self.as_of is not None and (self.start is not None or self.end is not None):
            raise InputError("give either as_of or a start/end range, not both")
        if self.start and self.end and self.start > self.end:
            raise InputError(f"start {self.start} is after end {self.end}")


def in_slice(rec: Record, when: Slice | None) -> bool:
    """Whether ``rec`` counts in the time slice ``when``.

    A claim counts while it is valid (module docstring); past its sources' date an
    open-ended or undated claim is carried forward (``carried``); a point event counts
    from its date on in an ``as_of`` slice (it has happened by then).
    """
    if when is None or when.all_time:
        return True
    if rec.timeless:
        return when.undated
    first = rec.valid_from or date.min
    last = rec.valid_to or date.max
    if rec.open_end or (when.as_of is not None and rec.start is not None and rec.end == rec.start):
        last = date.max
    if when.as_of is not None:
        return first <= when.as_of <= last
    return first <= (when.end or date.max) and last >= (when.start or date.min)


def carried(rec: Record, when: Slice | None) -> bool:
    """True when ``rec`` counts in ``when`` only by being carried forward past its
    sources' date (the slice starts after the last day its sources could know of)."""
    if when is None or when.all_time or not rec.open_end:
        return False
    first, last = when.first_day, rec.valid_to
    return first is not None and last is not None and first > last


def period(text: str) -> tuple[date, date] | None:
    """The days a ``dct:issued`` value spans: ``"2021"`` the year, ``"2021-09"`` the month,
    ``"2021-09-15"`` (or a date-time) the day; None when it is not a date.

    >>> period("2021")
    (datetime.date(2021, 1, 1), datetime.date(2021, 12, 31))
    >>> period("2021-02")[1], period("2021-09-15T10:00:00")[0], period("soon")
    (datetime.date(2021, 2, 28), datetime.date(2021, 9, 15), None)
    """
    m = _ISSUED.match(text)
    if m is None:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day is not None:
            d = date(year, int(month), int(day))
            return d, d
        if month is not None:
            first = date(year, int(month), 1)
            nxt = date(year + (first.month == 12), first.month % 12 + 1, 1)
            return first, date.fromordinal(nxt.toordinal() - 1)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def periods(issued: Iterable[tuple[str, Iterable[str]]]) -> dict[str, tuple[date, date]]:
    """``{source: (first day, last day)}`` from ``(source, dct:issued values)`` pairs; a
    source with several values spans them all. A value that is not a date is an
    InputError naming the source."""
    out: dict[str, tuple[date, date]] = {}
    for source, values in issued:
        for text in values:
            span = period(text)
            if span is None:
                raise InputError(
                    f"{source}: dct:issued {text!r} is not a date (use YYYY, YYYY-MM or "
                    'YYYY-MM-DD, e.g. "2021"^^xsd:gYear)'
                )
            old = out.get(source)
            out[source] = span if old is None else (min(old[0], span[0]), max(old[1], span[1]))
    return out


def known_by(
    records: Iterable[Record], sources: Mapping[str, tuple[date, date]], day: date
) -> list[Record]:
    """The records known by ``day``: those with a source issued by then (the whole
    period of its date ends on or before ``day``), each keeping only the dates of the
    sources known by then. Records without a dated source are never known by a date."""
    out = []
    for rec in records:
        spans = [sources[s] for s in rec.sources if s in sources and sources[s][1] <= day]
        if not spans:
            continue
        issued = (min(p[0] for p in spans), max(p[1] for p in spans))
        out.append(rec if issued == rec.issued else replace(rec, issued=issued))
    return out
