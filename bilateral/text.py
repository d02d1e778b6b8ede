r"""Strings from data or from a request, made safe to show: the one place that decides.

A terminal obeys control characters: ``ESC [2J`` clears the screen, ``ESC ]0;…BEL``
retitles the window, ``ESC ]8;;URL`` makes a hidden hyperlink, C1 controls (U+0080 to
U+009F) do the same on many terminals, and bidi overrides or isolates (U+202E …)
reorder what is shown. :func:`for_terminal` shows every such character as an escape
(``\x1b``, ``\u202e``) so that it is seen, never obeyed; every line the CLI prints and
the endpoint's access log pass through it. Rich markup (``[red]``, ``[link=…]``) is a
matter for whoever prints: the CLI prints data as ``rich.text.Text``, never as markup.

:func:`strict_json` is the JSON counterpart: strict JSON (no ``NaN``/``Infinity``) in
which the same characters are written as ``\uXXXX`` escapes, so the data survives
exactly and a terminal showing the JSON obeys nothing.

>>> for_terminal("a\x1b]0;owned\x07b\u202ec")
'a\\x1b]0;owned\\x07b\\u202ec'
>>> strict_json({"label": "\u202eevil\x1b[2J"})
'{"label": "\\u202eevil\\u001b[2J"}'
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

__all__ = ["UNSAFE", "for_terminal", "has_unsafe", "strict_json", "unicode_escapes"]

#: characters a terminal may obey: C0 controls, DEL, C1 controls, bidi embeddings,
#: overrides, isolates and marks, line and paragraph separators, lone surrogates
#: (undecodable bytes in file names: printing them would fail)
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_KEEP_LINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)


_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(value: object, *, lines: bool = False, width: int | None = None) -> str:
    r"""``value`` as text a terminal shows but does not obey.

    Control characters, C1 controls, bidi controls, U+2028/9 and lone surrogates become
    visible escapes (``\x1b``, ``\u202e``); with ``lines=True`` tabs and newlines are
    kept (for multi-line cells). ``width`` cuts the result with ``…``.

    >>> for_terminal("clear\x1b[2J\r\n")
    'clear\\x1b[2J\\r\\n'
    >>> for_terminal("two\nlines\x85", lines=True)
    'two\nlines\\x85'
    >>> for_terminal("x" * 10, width=5)
    'xxxx…'
    """
    text = "" if value is None else str(value)
    text = (_UNSAFE_KEEP_LINES if lines else UNSAFE).sub(_escape, text)
    if width is not None and len(text) > width:
        text = text[: max(width - 1, 0)] + "…"
    return text


def unicode_escapes(text: str) -> str:
    r"""``text`` (Turtle, N-Triples, SPARQL TSV) with unsafe characters as ``\uXXXX``.

    Those syntaxes allow the escape wherever such a character can occur (in strings and
    IRIs), so the data stays exact; tabs and newlines are kept.

    >>> unicode_escapes('<x:a> <x:b> "\u202eevil\x1b[2J" .\n')
    '<x:a> <x:b> "\\u202eevil\\u001b[2J" .\n'
    """
    return _UNSAFE_KEEP_LINES.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def has_unsafe(text: str) -> bool:
    r"""Whether ``text`` holds a character a terminal could obey (tests use it).

    >>> has_unsafe("plain"), has_unsafe("\x1b[2J"), has_unsafe("\u2067")
    (False, True, True)
    """
    return UNSAFE.search(text) is not None


def _check_finite(data: object) -> None:
    if isinstance(data, float) and not math.isfinite(data):
        raise ValueError(f"a result holds the non-finite number {data!r}, which JSON cannot")
    if isinstance(data, dict):
        for value in data.values():
            _check_finite(value)
    elif isinstance(data, (list, tuple)):
        for value in data:
            _check_finite(value)


def strict_json(
    data: object,
    *,
    indent: int | None = None,
    default: Callable[[Any], object] | None = None,
) -> str:
    r"""``data`` as strict JSON, with terminal-unsafe characters as ``\uXXXX`` escapes.

    Non-finite numbers (``nan``, ``inf``) raise ``ValueError``: JSON has no spelling
    for them. Non-ASCII text is kept as it is (Cyrillic stays readable).

    >>> strict_json([1.5, "Беларусь\u2028"])
    '[1.5, "Беларусь\\u2028"]'
    >>> strict_json(float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: a result holds the non-finite number nan, which JSON cannot
    """
    _check_finite(data)
    text = json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False, default=default)
    # json escapes C0 controls inside strings; raw newlines are the indentation's own
    return unicode_escapes(text)
