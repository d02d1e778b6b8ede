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
from typing import NamedTuple, cast

from bilateral.errors import InputError
from bilateral.graph.measures.recordtypes import Record

__all__ = [
    "Period", "Slice", "carried", "in_slice", "known_by", "open_end", "period", "periods",
    "timeless", "valid_from", "valid_to",
]  # fmt: skip

_ISSUED = re.compile(r"^\s*(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
#: statements about a state of affairs: a single date is the one day they hold, not an
#: event that, having happened, counts from then on
_STATES = frozenset({"Dependency", "Alternatives"})


class Period(NamedTuple):
    """When a source was issued: the first and last day its dates span, the day it is
    known by (the last day of its earliest date, an original before a revision, or of a
    version's, ``dct:isVersionOf``, if earlier), and each of its dates as a period."""

    start: date
    end: date
    known: date
    issues: tuple[tuple[date, date], ...] = ()


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
        """A slice from dates or ``YYYY[-MM[-DD]]`` strings (bad ones raise InputError
        naming the parameter); a partial ``end`` is the last day of its year or month.

        >>> Slice.parse(start="2021", end="2022-02").end
        datetime.date(2022, 2, 28)
        >>> Slice.parse(as_of="June")
        Traceback (most recent call last):
        ...
        bilateral.errors.InputError: bad `as_of` 'June': use YYYY-MM-DD, YYYY-MM or YYYY
        """
        from bilateral.graph.source.resolve import parse_date

        # parse_date refuses any other type with an InputError naming the parameter
        days = cast("tuple[str | int | date | None, ...]", (as_of, start, end))
        return cls(
            parse_date(days[0], what="`as_of`"),
            parse_date(days[1], what="`start`"),
            parse_date(days[2], what="`end`", end_of_period=True),
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


def timeless(rec: Record) -> bool:
    """No date of its own and no dated source: it holds at no known time."""
    return rec.start is None and rec.end is None and rec.held_by is None and rec.issued is None


def valid_from(rec: Record) -> date | None:
    """Valid time, first day: its start, else the day by which it held (``bil:heldBy``),
    else (undated) its sources' first day; None when unknown (only an end)."""
    first = rec.start or rec.held_by
    if first is not None or rec.end is not None:
        return first
    return rec.issued[0] if rec.issued else None


def valid_to(rec: Record) -> date | None:
    """Valid time, last day: its stated end; else what its sources could know (the last
    day of their period: an undated claim holds at its sources' date, an open-ended one
    until then); None when open with no dated source."""
    if rec.end is not None:
        return rec.end
    if rec.issued is None:
        return None
    first = rec.start or rec.held_by
    return rec.issued[1] if first is None else max(first, rec.issued[1])


def open_end(rec: Record) -> bool:
    """Its valid time ends where its sources' knowledge ends, not at a stated end: past
    that day it is carried forward (and marked so), never silently."""
    return rec.end is None and rec.issued is not None


def in_slice(rec: Record, when: Slice | None) -> bool:
    """Whether ``rec`` counts in the time slice ``when``.

    A claim counts while it is valid (module docstring); past its sources' date an
    open-ended or undated claim is carried forward (``carried``); a point event counts
    from its date on in an ``as_of`` slice (it has happened by then), but a dependency
    or alternatives claim with one date holds on that day only.
    """
    if when is None or when.all_time:
        return True
    if timeless(rec):
        return when.undated
    first = valid_from(rec) or date.min
    last = valid_to(rec) or date.max
    event = rec.start is not None and rec.end == rec.start and not rec.classes & _STATES
    if open_end(rec) or (when.as_of is not None and event):
        last = date.max
    if when.as_of is not None:
        return first <= when.as_of <= last
    return first <= (when.end or date.max) and last >= (when.start or date.min)


def carried(rec: Record, when: Slice | None) -> bool:
    """True when ``rec`` counts in ``when`` only by being carried forward past its
    sources' date (the slice starts after the last day its sources could know of)."""
    if when is None or when.all_time or not open_end(rec):
        return False
    first, last = when.first_day, valid_to(rec)
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


def periods(
    issued: Iterable[tuple[str, Iterable[str]]],
    versions: Iterable[tuple[str, Iterable[str]]] = (),
) -> dict[str, Period]:
    """``{source: Period}`` from ``(source, dct:issued values)`` pairs; a source with
    several values (an original and a revision) spans them all and is known by the end
    of its earliest; ``versions`` (``(version, dct:isVersionOf works)``) make a work
    known by the day a version of it was. A value that is not a date is an InputError
    naming the source.

    >>> p = periods([("memo", ["2021"]), ("reprint", ["2021-09-15"])], [("reprint", ["memo"])])
    >>> p["memo"].end, p["memo"].known
    (datetime.date(2021, 12, 31), datetime.date(2021, 9, 15))
    """
    out: dict[str, Period] = {}
    for source, values in issued:
        spans = []
        for text in values:
            span = period(text)
            if span is None:
                raise InputError(
                    f"{source}: dct:issued {text!r} is not a date (use YYYY, YYYY-MM or "
                    'YYYY-MM-DD, e.g. "2021"^^xsd:gYear)'
                )
            spans.append(span)
        if spans:
            spans.sort()
            end = max(s[1] for s in spans)
            out[source] = Period(spans[0][0], end, spans[0][1], tuple(spans))
    for version, works in versions:
        for work in works:
            if version in out and work in out and out[version].known < out[work].known:
                out[work] = out[work]._replace(known=out[version].known)
    return out


def known_by(records: Iterable[Record], sources: Mapping[str, Period], day: date) -> list[Record]:
    """The records known by ``day``: those with a source issued by then (the whole
    period of its earliest date, or of a version's, ends on or before ``day``), each
    dated by what of those sources had been issued by then, up to ``day``. Records
    without a dated source are never known by a date."""
    out = []
    for rec in records:
        spans = []
        for source in rec.sources:
            p = sources.get(source)
            if p is None or p.known > day:
                continue
            issues = [i for i in p.issues if i[0] <= day] or list(p.issues[:1])
            spans.append((min(i[0] for i in issues), min(day, max(i[1] for i in issues))))
        if not spans:
            continue
        issued = (min(s[0] for s in spans), max(s[1] for s in spans))
        out.append(rec if issued == rec.issued else replace(rec, issued=issued))
    return out
