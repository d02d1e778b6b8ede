"""Dates in a sentence, absolute or relative, resolved to ISO dates with a precision.

Relative dates ("last year", "In June this year", "two years ago", "in the last four
years") are resolved against the source's date (``issued``); a month or day without a
year ("at the end of July", "On August 4") takes the year the text last named, else the
source's year. A year used as a name of something later than the source ("the 2024
problem" in a 2018 text) is not a date.

>>> from datetime import date
>>> text = "In June this year and in the last four years"
>>> for m in find_dates(text, issued=date(2018, 9, 1)):
...     print(m.text, m.start, m.end, m.precision, m.basis)
June this year 2018-06-01 None month inferred
in the last four years 2014-01-01 2018-09-01 year inferred
>>> find_dates("the 2024 problem", issued=date(2018, 9, 1))
[]
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

__all__ = ["Mention", "date_in_header", "find_dates", "parse_issued"]

_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december"]  # fmt: skip
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, start=1)}
_M = "|".join(m.capitalize() for m in _MONTH_NAMES)
_Y = r"(?:1[89]|20)\d\d"
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1, "a couple of": 2}  # fmt: skip
_N = r"(?i:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|an?)"
_PART = r"(?P<part>(?i:early|mid|late|the end of|the beginning of|the start of|the middle of))"
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
_SEASON = r"(?P<season>(?i:spring|summer|autumn|fall))"

# one alternation, tried left to right: longer forms first
_DATE = re.compile(
    rf"\b(?:(?P<since>[Ss]ince)\s+)?(?:"
    rf"(?P<ago>(?P<n>{_N})\s+(?P<unit>years?|months?)\s+ago)"
    rf"|(?P<span>(?i:in|over|during)\s+the\s+(?:last|past)\s+(?P<n2>{_N})\s+(?P<sunit>years?|months?))"
    rf"|(?P<rel>(?:(?P<rmonth>{_M})\s+)?(?P<which>(?i:last|this|next))\s+(?P<runit>year|month))"
    rf"|(?:(?i:in|during)\s+)?(?i:the\s+)?{_SEASON}\s+(?:of\s+)?(?P<syear>{_Y})"
    rf"|(?:(?i:in|at)\s+)?{_PART}[\s-]+(?:(?P<pmonth>{_M})(?:\s+(?P<pmy>{_Y}))?|(?P<pyear>{_Y}))"
    rf"|(?P<month>{_M})(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<year>{_Y}))?"
    rf"|\s+(?P<myear>{_Y}))?"
    rf"|(?P<dday>\d{{1,2}})\s+(?P<dmonth>{_M})(?:\s+(?P<dyear>{_Y}))?"
    rf"|(?P<iso>{_Y}-\d\d-\d\d)"
    rf"|(?P<y1>{_Y})\s*[-–]\s*(?P<y2>{_Y})"
    rf"|(?P<the>[Tt]he\s+)?(?P<solo>{_Y})(?P<after>\s+[a-z]+)?"
    rf")\b"
)
_NOT_NOUNS = {"and", "or", "to", "in", "on", "at", "by", "the", "was", "were", "is", "as",
              "with", "when", "after", "before", "for", "of", "that", "which"}  # fmt: skip


@dataclass(frozen=True)
class Mention:
    """A date in a sentence: its words, the first day it covers (and the last, for a
    period), its precision (day, month, year), and whether it is stated or inferred."""

    text: str
    start: date
    end: date | None
    precision: str
    basis: str = "stated"
    since: bool = False


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _part(part: str, year: int) -> tuple[date, date]:
    """``early 2023``, ``late 2021``: the third of the year named."""
    part = part.lower()
    if part in ("early", "the beginning of", "the start of"):
        return date(year, 1, 1), _month_end(year, 4)
    if part in ("mid", "the middle of"):
        return date(year, 5, 1), _month_end(year, 8)
    return date(year, 9, 1), _month_end(year, 12)


def find_dates(
    text: str, *, issued: date | None = None, context_year: int | None = None
) -> list[Mention]:
    """The dates ``text`` names. ``issued`` (the source's date) resolves relative dates;
    ``context_year`` (the year the text last named) completes a month without a year.

    >>> [(m.text, str(m.start), m.precision) for m in find_dates("In June 2021 and 2015-2020")]
    [('June 2021', '2021-06-01', 'month'), ('2015-2020', '2015-01-01', 'year')]
    >>> [(str(m.start), m.precision) for m in find_dates("at the end of July", context_year=2020)]
    [('2020-07-01', 'month')]
    >>> [(str(m.start), str(m.end)) for m in find_dates("in the summer of 2020")]
    [('2020-06-01', '2020-08-31')]
    """
    out: list[Mention] = []
    year_of_context = context_year or (issued.year if issued else None)
    for m in _DATE.finditer(text):
        found = _one(m, issued, year_of_context)
        if found is not None:
            out.append(found)
    return out


def _one(m: re.Match[str], issued: date | None, year: int | None) -> Mention | None:
    g = m.groupdict()
    words = m.group(0).strip()
    since = bool(g["since"])
    if g["ago"] or g["span"] or g["rel"]:
        if issued is None:
            return None
        return _relative(g, words, issued, since)
    if g["season"]:
        first, last = _SEASONS[str(g["season"]).lower()]
        sy = int(str(g["syear"]))
        return Mention(words, date(sy, first, 1), _month_end(sy, last), "month", "stated", since)
    if g["part"]:
        y = int(g["pyear"] or g["pmy"] or 0) or year
        if y is None:
            return None
        month = _MONTHS[g["pmonth"].lower()] if g["pmonth"] else None
        basis = "stated" if (g["pyear"] or g["pmy"]) else "inferred"
        if month is not None:  # "at the end of July": the month, as the data writes it
            return Mention(words, date(y, month, 1), None, "month", basis, since)
        start, end = _part(g["part"], y)
        return Mention(words, start, end, "month", basis, since)
    if g["month"]:
        return _month_day(g, words, year, since)
    if g["dday"]:
        y = int(g["dyear"]) if g["dyear"] else year
        if y is None:
            return None
        try:
            day = date(y, _MONTHS[g["dmonth"].lower()], int(g["dday"]))
        except ValueError:
            return None
        return Mention(words, day, None, "day", "stated" if g["dyear"] else "inferred", since)
    if g["iso"]:
        try:
            return Mention(words, date.fromisoformat(g["iso"]), None, "day", "stated", since)
        except ValueError:
            return None
    if g["y1"]:
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y1 > y2:
            return None
        return Mention(words, date(y1, 1, 1), date(y2, 12, 31), "year", "stated", since)
    solo = int(g["solo"])
    after = (g["after"] or "").strip()
    if g["the"] and after and after not in _NOT_NOUNS and issued and solo > issued.year:
        return None  # "the 2024 problem": a name, not a date of the text's time
    return Mention(words, date(solo, 1, 1), None, "year", "stated", since)


def _month_day(
    g: dict[str, str | None], words: str, year: int | None, since: bool
) -> Mention | None:
    month = _MONTHS[str(g["month"]).lower()]
    stated = g["year"] or g["myear"]
    y = int(stated) if stated else year
    if g["month"] == "May" and not g["day"] and not stated:
        return None  # "may" the verb, capitalised at the start of a sentence
    if y is None:
        return None
    basis = "stated" if stated else "inferred"
    text = words.removeprefix("Since ").removeprefix("since ") if not since else words
    if g["day"]:
        try:
            return Mention(text, date(y, month, int(g["day"])), None, "day", basis, since)
        except ValueError:
            return None
    return Mention(text, date(y, month, 1), None, "month", basis, since)


def _relative(g: dict[str, str | None], words: str, issued: date, since: bool) -> Mention:
    if g["ago"] or g["span"]:
        word = str(g["n"] or g["n2"]).lower()
        n = _NUMBERS.get(word) or int(word)
        unit = str(g["unit"] or g["sunit"])
        if unit.startswith("year"):
            start, precision = date(issued.year - n, 1, 1), "year"
        else:
            start, precision = _shift_months(issued, -n), "month"
        end = issued if g["span"] else None
        return Mention(words, start, end, precision, "inferred", since)
    step = {"last": -1, "this": 0, "next": 1}[str(g["which"]).lower()]
    if g["runit"] == "month":
        return Mention(words, _shift_months(issued, step), None, "month", "inferred", since)
    y = issued.year + step
    if g["rmonth"]:
        return Mention(words, date(y, _MONTHS[g["rmonth"].lower()], 1), None, "month", "inferred")
    return Mention(words, date(y, 1, 1), None, "year", "inferred", since)


def parse_issued(text: str) -> tuple[date, str]:
    """A source date as given to ``curate``: ``2018``, ``2018-06`` or ``2018-06-12``,
    with its precision.

    >>> parse_issued("2018-06")
    (datetime.date(2018, 6, 1), 'month')
    """
    parts = text.strip().split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            return date(int(parts[0]), 1, 1), "year"
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1), "month"
        if len(parts) == 3:
            return date.fromisoformat(text.strip()), "day"
    except ValueError:
        pass
    raise ValueError(f"{text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")


def date_in_header(raw: str, lines: int = 6) -> tuple[date, str] | None:
    """The first full date (day or month and a year) on a dateline (a short line that
    is not a sentence) among the first ``lines`` non-empty lines; None if there is none.

    >>> date_in_header("Commentary\\nJune 12, 2018\\n\\nBody text.")
    (datetime.date(2018, 6, 12), 'day')
    """
    head = [line.strip() for line in raw.splitlines() if line.strip()][:lines]
    for line in head:
        if len(line) > 60 or line.endswith("."):
            continue  # a sentence of the text, not a dateline
        for m in find_dates(line):
            if m.end is None and m.basis == "stated" and m.precision in ("day", "month"):
                return m.start, m.precision
    return None
