"""Spreadsheet-safe CSV cells (no heavy imports: the CLI's CSV output uses it).

>>> neutralise_cell("=HYPERLINK(1)"), neutralise_cell("-0.5"), neutralise_cell("ok")
("'=HYPERLINK(1)", '-0.5', 'ok')
"""

from __future__ import annotations

import re

__all__ = ["neutralise_cell"]

_FORMULA = re.compile(r"^[=+\-@\t\r]")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def neutralise_cell(text: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula; numbers stay."""
    if _FORMULA.match(text) and not _NUMBER.match(text):
        return "'" + text
    return text
