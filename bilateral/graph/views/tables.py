"""Write a result table (the panel, the evidence) for other tools: CSV that pandas, R's
``readr`` and Stata's ``import delimited`` read without cleaning (UTF-8, a header row,
``.`` decimals, empty cells for missing values, spreadsheet-safe cells), or Parquet with
its types (needs ``pyarrow``: ``pip install 'bilateral[parquet]'``). Written to a temp
file, then renamed.

>>> import tempfile, pandas as pd
>>> path = tempfile.mkdtemp() + "/t.csv"
>>> write_table(pd.DataFrame({"a": [1, 2], "b": ["x", None]}), path)
>>> open(path).read().splitlines()
['a,b', '1,x', '2,']
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from bilateral.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FORMATS", "plain", "table_format", "write_table"]

#: the formats ``write_table`` writes, by name
FORMATS = ("csv", "parquet")


def table_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """``fmt``, or the format a file name's suffix names (``.parquet``: Parquet,
    otherwise CSV)."""
    if fmt is None:
        fmt = "parquet" if str(path).lower().endswith((".parquet", ".pq")) else "csv"
    if fmt not in FORMATS:
        raise InputError(f"unknown table format {fmt!r}; use: {', '.join(FORMATS)}")
    return fmt


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with Python values and ``None`` for every missing one (``<NA>``, NaN):
    what JSON and CSV write."""
    return frame.astype(object).where(frame.notna(), None)


def write_table(frame: pd.DataFrame, out: str | os.PathLike[str], fmt: str | None = None) -> None:
    """Write ``frame`` (its index left out) to ``out`` as CSV or Parquet (``fmt``, or
    from the suffix), atomically."""
    from bilateral.graph.views.atomic import write_with
    from bilateral.graph.views.csvsafe import write_csv

    fmt = table_format(out, fmt)
    if fmt == "csv":
        rows = plain(frame).itertuples(index=False)
        write_csv(out, list(frame.columns), rows)
        return
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise InputError(
            "writing Parquet needs pyarrow: pip install 'bilateral[parquet]' (or write CSV)"
        ) from None
    write_with(out, lambda tmp: frame.to_parquet(tmp, index=False))
