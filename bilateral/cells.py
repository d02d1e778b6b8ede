"""Spreadsheet-safe CSV cells: the one rule for every CSV ``bilateral`` writes (the
CLI's tables and query results, exports, the report, and the endpoint's ``text/csv``
answers). A cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab,
CR first) is prefixed with ``'``; numbers (``-0.5``, ``+1e3``) stay as they are. It sits
at the bottom of the import layers, so the endpoint (``graph.sparql``) and the views
(``graph.views.csvsafe``, which re-exports it) share it.

>>> neutralise_cell("=HYPERLINK(1)"), neutralise_cell("-0.5"), neutralise_cell("+1+1")
("'=HYPERLINK(1)", '-0.5', "'+1+1")
>>> print(csv_text(["a", "b"], [["=1+1", None], [2, "x"]]), end="")
a,b
'=1+1,
2,x
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

__all__ = ["csv_rows", "csv_text", "neutralise_cell"]

_FORMULA = re.compile(r"^[=+\-@\t\r]")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def neutralise_cell(text: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula; numbers stay."""
    if _FORMULA.match(text) and not _NUMBER.match(text):
        return "'" + text
    return text


def csv_rows(header: Sequence[object], rows: Iterable[Sequence[object]]) -> Iterable[list[str]]:
    """The header and rows as neutralised cells (``None`` is an empty cell)."""
    yield [neutralise_cell(str(h)) for h in header]
    for row in rows:
        yield [neutralise_cell("" if v is None else str(v)) for v in row]


def csv_text(header: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    """CSV with a header line; ``None`` is an empty cell, formula-like cells neutralised."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(csv_rows(header, rows))
    return out.getvalue()
