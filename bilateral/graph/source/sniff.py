"""Which RDF syntax a text on standard input is in, when no file name says it.

``--data -`` has no suffix: the caller names the format (``turtle``, ``nt``, ``trig``,
``nquads`` and the usual aliases), or :func:`sniff` decides from the text. Only the four
syntaxes the loader accepts are considered, never one that can fetch remote documents.

>>> sniff('<https://e.org/a> <https://e.org/p> "x y" <https://e.org/g> .')
'nquads'
>>> sniff('@prefix e: <https://e.org/> . e:a e:p "{not a graph}" .')
'turtle'
>>> sniff('@prefix e: <https://e.org/> . e:g { e:a e:p e:b . }')
'trig'
>>> sniff('<https://e.org/a> <https://e.org/p> "1", "2" .')  # Turtle's comma
'turtle'
>>> data_format("ttl"), data_format("N-Quads")
('turtle', 'nquads')
"""

from __future__ import annotations

import re

from bilateral.errors import InputError

__all__ = ["DATA_FORMATS", "data_format", "sniff"]

#: the names ``--data-format`` takes, and the loader's name for each
DATA_FORMATS = {
    "turtle": "turtle",
    "ttl": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "trig": "trig",
    "nq": "nquads",
    "nquads": "nquads",
    "n-quads": "nquads",
}

# what cannot hold a graph's brace or a statement's end: strings, IRIs, comments
_INERT = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\s]*>"
    r"|#[^\n]*",
    re.S,
)
# one N-Triples / N-Quads statement once strings and IRIs are blanked to ``I``: subject,
# predicate, object (with its language or datatype), maybe a graph, the final dot
_NODE = r"(?:I|_:[^\s.]+(?:\.[^\s.]+)*)"
_LINE = re.compile(rf"^{_NODE}\s*I\s*(?:I(?:@[A-Za-z0-9-]+|\^\^I)?|{_NODE})(?:\s*{_NODE})?\s*\.$")


def data_format(name: str) -> str:
    """The loader's name for a ``stdin_format`` value; ``InputError`` if unknown."""
    key = name.strip().lower()
    if key not in DATA_FORMATS:
        raise InputError(
            f"unknown data format {name!r}; use one of: {', '.join(sorted(set(DATA_FORMATS)))}"
        )
    return DATA_FORMATS[key]


def sniff(text: str) -> str:
    """``nquads`` when every statement is one line of N-Triples or N-Quads (N-Quads
    reads both), ``trig`` when graphs are written in braces, else ``turtle``."""
    blanked = _INERT.sub(lambda m: "" if m.group(0).startswith("#") else "I", text)
    lines = [line.strip() for line in blanked.splitlines() if line.strip()]
    if lines and all(_LINE.match(line) for line in lines):
        return "nquads"
    return "trig" if "{" in blanked else "turtle"
