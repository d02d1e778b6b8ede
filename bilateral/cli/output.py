"""Terminal output helpers: rich tables that show data as text, never markup."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["print_table", "safe_text"]

_PREFIXES = {
    "https://w3id.org/bilateral/id/": "bid:",
    "https://w3id.org/bilateral/source/": "bsrc:",
    "https://w3id.org/bilateral/ontology#": "bil:",
}


def safe_text(value: Any, *, width: int = 500) -> str:
    """A cell for the terminal: IRIs shortened, control characters shown, long text cut.

    >>> safe_text("https://w3id.org/bilateral/id/belarus")
    'bid:belarus'
    >>> safe_text("a\\u2028b\\x1b[31m")
    'a\\\\u2028b\\\\x1b[31m'
    """
    if value is None:
        return ""
    text = str(value)
    for base, prefix in _PREFIXES.items():
        if text.startswith(base):
            text = prefix + text[len(base) :]
            break
    out = []
    for ch in text:
        code = ord(ch)
        if code < 0x20 and ch not in "\t\n" or 0x7F <= code < 0xA0 or ch in "\u2028\u2029":
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    text = "".join(out)
    return text if len(text) <= width else text[: width - 1] + "…"


def print_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "") -> None:
    """Print rows as a rich table; cell text is never interpreted as rich markup."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title or None, show_lines=False)
    for col in columns:
        table.add_column(Text(str(col)), overflow="fold")
    for row in rows:
        table.add_row(*[Text(safe_text(cell)) for cell in row])
    console = Console(soft_wrap=False)
    if not console.is_terminal:
        console = Console(soft_wrap=False, width=max(console.width, 200))
    console.print(table)
