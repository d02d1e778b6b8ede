"""Terminal output: every line the CLI prints passes through here.

Strings from data or from a request are shown through :func:`bilateral.text.for_terminal`
(control characters, C1 controls and bidi controls escaped), and rich prints them as
``Text`` (never markup, so ``[link=…]`` stays text). Use :func:`echo` for lines,
:func:`print_table` for tables, :func:`echo_json` for JSON and :func:`echo_data` for
machine-readable text (CSV, TSV, Turtle), which stays exact unless it goes to a terminal.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bilateral.text import for_terminal, strict_json

__all__ = [
    "echo",
    "echo_data",
    "echo_json",
    "echo_notes",
    "emit_rows",
    "print_table",
    "route_warnings",
    "safe_text",
]

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
    return for_terminal(text, lines=True, width=width)


def echo(*parts: Any, err: bool = False) -> None:
    """Print one line made of ``parts`` (any of which may come from data), escaped.

    >>> echo("label:", "\\x1b]0;title\\x07")
    label: \\x1b]0;title\\x07
    """
    stream = sys.stderr if err else sys.stdout
    stream.write(for_terminal(" ".join(str(p) for p in parts)) + "\n")
    stream.flush()


def echo_data(text: str, *, terminal_safe: bool = False) -> None:
    """Print machine-readable text (CSV, TSV, Turtle) as it is, for pipes and files.

    On a terminal, characters it would obey are escaped. ``terminal_safe=True`` says
    ``text`` already escapes them in its own syntax (Turtle ``\\u`` escapes).
    """
    if not terminal_safe and sys.stdout.isatty():
        text = for_terminal(text, lines=True)
    sys.stdout.write(text)
    sys.stdout.flush()


def echo_json(data: Any) -> None:
    """Print ``data`` as indented, strict JSON (no NaN; unsafe characters as ``\\u``)."""
    sys.stdout.write(strict_json(data, indent=2, default=str) + "\n")
    sys.stdout.flush()


def _console(*, err: bool = False) -> Any:
    from rich.console import Console

    console = Console(soft_wrap=False, stderr=err)
    if not console.is_terminal:
        console = Console(soft_wrap=False, stderr=err, width=max(console.width, 200))
    return console


def print_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "") -> None:
    """Print rows as a rich table; titles, headers and cells are text, never markup."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(for_terminal(title)) if title else None, show_lines=False)
    for col in columns:
        table.add_column(Text(for_terminal(col)), overflow="fold")
    for row in rows:
        table.add_row(*[Text(safe_text(cell)) for cell in row])
    _console().print(table)


class _EscapingHandler(logging.Handler):
    """Log records as one escaped line on stderr (tracebacks only with ``--debug``)."""

    debug = False

    def emit(self, record: logging.LogRecord) -> None:
        try:
            echo(f"{record.levelname.lower()}: {record.name}: {record.getMessage()}", err=True)
            if self.debug and record.exc_info:
                import traceback

                sys.stderr.write("".join(traceback.format_exception(*record.exc_info)))
        except Exception:  # a broken log call must not end the command
            self.handleError(record)


def _show_warning(message: Any, category: type[Warning], *_args: Any, **_kwargs: Any) -> None:
    echo(f"warning: {category.__name__}: {message}", err=True)


def route_warnings(*, debug: bool = False) -> None:
    """Send Python warnings and log records through :func:`echo`: one escaped line each
    (a library's warning can quote data: a label, a literal, a glyph)."""
    import warnings

    warnings.showwarning = _show_warning
    root = logging.getLogger()
    handler = next((h for h in root.handlers if isinstance(h, _EscapingHandler)), None)
    if handler is None:
        handler = _EscapingHandler()
        root.addHandler(handler)
    handler.debug = debug
    handler.setLevel(logging.DEBUG if debug else logging.WARNING)


def emit_rows(rows: Sequence[Mapping[Any, Any]], fmt: str, title: str = "") -> None:
    """``rows`` (dicts with the same keys) as JSON, CSV (cells neutralised for
    spreadsheets) or a table (``fmt``: ``json``, ``csv`` or ``table``)."""
    from bilateral.graph.views.csvsafe import csv_text

    if fmt == "json":
        echo_json(rows)
    elif fmt == "csv":
        echo_data(csv_text(list(rows[0]), (list(r.values()) for r in rows)) if rows else "")
    elif rows:
        print_table(list(rows[0]), [list(r.values()) for r in rows], title=title)
    else:
        echo("(no rows)")


def echo_notes(notes: Iterable[str]) -> None:
    """A result's notes, one ``note:`` line each on stderr."""
    for note in notes:
        echo(f"note: {note}", err=True)
