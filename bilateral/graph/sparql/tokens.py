"""SPARQL tokens with their line and column: what the query reader (``lexer.py``) and the
syntax-error explainer (``syntax.py``) read. Not a safety check: the grammar is.

>>> [t.text for t in tokenize("SELECT * { ?x a bil:Loan } # done")]
['SELECT', '*', '{', '?x', 'a', 'bil:Loan', '}']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Token", "tokenize"]

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+|\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7]+)
  | (?P<bnode>_:[\w\-.]*[\w\-])
  | (?P<pname>(?:[A-Za-z_][\w\-.]*[\w\-]|[A-Za-z_])?:(?:[\w:%\-]|\\.|\.(?=[\w:%\-]))*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<anon>\[\s*\])
  | (?P<nil>\(\s*\))
  | (?P<name>[A-Za-z_][\w\-]*)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|[{}()\[\];,.|/^*+?!=<>])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    """One token: its kind, text, offsets and 1-based line and column."""

    kind: str
    text: str
    start: int
    end: int
    line: int
    col: int

    def word(self) -> str:
        """The upper-cased text of a keyword-like token ('' for other kinds)."""
        return self.text.upper() if self.kind == "name" else ""


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` (comments and whitespace dropped); an unreadable character
    becomes a token of kind ``error``."""
    out, pos, line, line_start = [], 0, 1, 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        kind = m.lastgroup if m else "error"
        end = m.end() if m else pos + 1
        if kind != "ws":
            out.append(Token(str(kind), text[pos:end], pos, end, line, pos - line_start + 1))
        for nl in re.finditer("\n", text[pos:end]):
            line, line_start = line + 1, pos + nl.end()
        pos = end
    return out
