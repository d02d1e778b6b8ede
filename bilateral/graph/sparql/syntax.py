"""SPARQL syntax errors in plain words, with line and column.

rdflib's parser says "Expected SelectQuery" for most mistakes. This module looks at the
query's tokens first (an unclosed brace or string, a bracket closed by the wrong one, a
misspelt keyword) and otherwise says, in words, what the parser stopped at.

>>> explain("SELECT ?x WHERE {\\n  ?x a bil:Loan", 2, 15, "Expected SelectQuery")
"line 1, column 17: '{' is never closed: add '}' at the end of the group"
>>> explain("SELECT ?x WHER { ?x a bil:Loan }", 1, 11, "Expected SelectQuery")
"line 1, column 11: 'WHER' is not a SPARQL keyword here; did you mean WHERE?"
"""

from __future__ import annotations

import difflib

from bilateral.graph.sparql.tokens import Token, tokenize

__all__ = ["KEYWORDS", "explain"]

KEYWORDS = (
    "SELECT DISTINCT REDUCED AS WHERE FILTER OPTIONAL UNION MINUS GRAPH BIND VALUES "
    "EXISTS NOT IN GROUP BY HAVING ORDER ASC DESC LIMIT OFFSET ASK CONSTRUCT DESCRIBE "
    "PREFIX BASE COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR STR LANG LANGMATCHES "
    "DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE "
    "ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS "
    "MINUTES SECONDS TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF "
    "STRLANG STRDT SAMETERM ISIRI ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE "
    "TRUE FALSE A UNDEF"
).split()

_PAIRS = {"{": "}", "(": ")", "[": "]"}
_NAMES = {"{": "group", "(": "parenthesis", "[": "bracket"}


def _where(tok: Token) -> str:
    return f"line {tok.line}, column {tok.col}"


def _balance(tokens: list[Token]) -> str | None:
    stack: list[Token] = []
    for tok in tokens:
        if tok.kind == "error" and tok.text in "'\"":
            return f"{_where(tok)}: the string that starts here is never closed"
        if tok.kind != "punct":
            continue
        if tok.text in _PAIRS:
            stack.append(tok)
        elif tok.text in _PAIRS.values():
            if not stack:
                return f"{_where(tok)}: {tok.text!r} closes nothing (remove it)"
            opener = stack.pop()
            if _PAIRS[opener.text] != tok.text:
                return (
                    f"{_where(tok)}: expected {_PAIRS[opener.text]!r} to close the "
                    f"{opener.text!r} at {_where(opener)}, found {tok.text!r}"
                )
    if stack:
        opener = stack[-1]
        closer = _PAIRS[opener.text]
        return (
            f"{_where(opener)}: {opener.text!r} is never closed: add {closer!r} at the end "
            f"of the {_NAMES[opener.text]}"
        )
    return None


def _at(tokens: list[Token], line: int, col: int) -> tuple[Token | None, Token | None]:
    """The token at (or after) a position, and the one before it."""
    before = None
    for tok in tokens:
        if (tok.line, tok.col + len(tok.text)) > (line, col):
            return tok, before
        before = tok
    return None, before


def explain(text: str, line: int, col: int, message: str) -> str:
    """A plain-words description of a syntax error the parser reported at (line, col)."""
    tokens = tokenize(text)
    unbalanced = _balance(tokens)
    if unbalanced:
        return unbalanced
    for bad in tokens:
        if bad.kind == "error":
            return f"{_where(bad)}: {bad.text!r} cannot appear in SPARQL here"
    tok, before = _at(tokens, line, col)
    if "SelectQuery |" in message or (before is None and tok is not None):
        return (
            f"line {line}, column {col}: a query starts with SELECT, ASK, CONSTRUCT or "
            "DESCRIBE (after any PREFIX lines)"
        )
    if tok is None:
        return f"line {line}, column {col}: the query ends too early"
    if tok.kind == "name" and tok.text.upper() not in KEYWORDS:
        close = difflib.get_close_matches(tok.text.upper(), KEYWORDS, n=1, cutoff=0.7)
        hint = f"; did you mean {close[0]}?" if close else ""
        return f"{_where(tok)}: {tok.text!r} is not a SPARQL keyword here{hint}"
    after = tokens[tokens.index(tok) + 1] if tokens.index(tok) + 1 < len(tokens) else None
    if "end of text" in message:
        if tok.kind == "name" and after is not None:
            return f"{_where(after)}: {tok.text} cannot be followed by {after.text!r}"
        return f"{_where(tok)}: {tok.text!r} comes after the end of the query"
    if tok.kind in ("var", "iri", "pname") and (after is None or after.text in ("}", ".")):
        return (
            f"{_where(tok)}: the triple pattern that starts here is incomplete: it needs a "
            "subject, a predicate and an object"
        )
    return (
        f"{_where(tok)}: SPARQL cannot read {tok.text!r} here (check the commas, dots and "
        "parentheses before it)"
    )
