"""Spreadsheet-safe CSV: the one CSV writer of every table ``bilateral`` writes (measures,
query results, exports, the report). No heavy imports: the CLI's CSV output uses it.
The cell rule itself (``neutralise_cell``) lives in ``bilateral.cells``, at the bottom
of the import layers, so that the endpoint's CSV shares it; it is re-exported here.

>>> neutralise_cell("=HYPERLINK(1)"), neutralise_cell("-0.5"), neutralise_cell("ok")
("'=HYPERLINK(1)", '-0.5', 'ok')
>>> print(csv_text(["a", "b"], [["=1+1", None], [2, "x"]]), end="")
a,b
'=1+1,
2,x
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from bilateral.cells import csv_rows, csv_text, neutralise_cell

if TYPE_CHECKING:
    from bilateral.graph.sparql.engine import QueryResult

__all__ = ["csv_text", "neutralise_cell", "result_csv", "write_csv"]


def write_csv(
    path: str | os.PathLike[str], header: Sequence[object], rows: Iterable[Sequence[object]]
) -> None:
    """Write :func:`csv_text` to ``path`` atomically (temp file, then rename)."""
    from bilateral.graph.views.atomic import atomic_path

    with atomic_path(path) as tmp, tmp.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(csv_rows(header, rows))


def result_csv(result: QueryResult) -> str:
    """A query result as SPARQL 1.1 CSV (terms as plain text), neutralised: the same
    text as the endpoint's ``text/csv`` answer (``sparql.results.to_csv``)."""
    from bilateral.graph.sparql.results import to_csv

    return to_csv(result)
