"""Spreadsheet-safe CSV: the one CSV writer of every table ``bilateral`` writes (measures,
query results, exports, the report). No heavy imports: the CLI's CSV output uses it.

>>> neutralise_cell("=HYPERLINK(1)"), neutralise_cell("-0.5"), neutralise_cell("ok")
("'=HYPERLINK(1)", '-0.5', 'ok')
>>> print(csv_text(["a", "b"], [["=1+1", None], [2, "x"]]), end="")
a,b
'=1+1,
2,x
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bilateral.graph.sparql.engine import QueryResult

__all__ = ["csv_text", "neutralise_cell", "result_csv", "write_csv"]

_FORMULA = re.compile(r"^[=+\-@\t\r]")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def neutralise_cell(text: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula; numbers stay."""
    if _FORMULA.match(text) and not _NUMBER.match(text):
        return "'" + text
    return text


def _rows(header: Sequence[object], rows: Iterable[Sequence[object]]) -> Iterable[list[str]]:
    yield [neutralise_cell(str(h)) for h in header]
    for row in rows:
        yield [neutralise_cell("" if v is None else str(v)) for v in row]


def csv_text(header: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    """CSV with a header line; ``None`` is an empty cell, formula-like cells neutralised."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(_rows(header, rows))
    return out.getvalue()


def write_csv(
    path: str | os.PathLike[str], header: Sequence[object], rows: Iterable[Sequence[object]]
) -> None:
    """Write :func:`csv_text` to ``path`` atomically (temp file, then rename)."""
    from bilateral.graph.views.atomic import atomic_path

    with atomic_path(path) as tmp, tmp.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(_rows(header, rows))


def result_csv(result: QueryResult) -> str:
    """A query result as SPARQL 1.1 CSV (terms as plain text), neutralised."""
    if result.kind == "ask":
        return csv_text(["boolean"], [["true" if result.boolean else "false"]])
    return csv_text(result.vars, ([None if t is None else str(t) for t in r] for r in result.rows))
