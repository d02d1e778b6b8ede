"""The size limits every path applies to data: literals (and IRIs) up to ``MAX_TERM_BYTES``
(8 MiB of UTF-8), blank nodes and collections nested up to ``MAX_DEPTH`` (1,000) levels.

The same limits hold in memory (``load``), in the store (``load_store``) and on the way
out (exports, CONSTRUCT), so nothing loads that a later step cannot write: rdflib's
Turtle parser and serializer recurse once per nesting level, and an unbounded literal
is unbounded memory.

>>> nesting_depth([("a", "b"), ("b", "c"), ("x", "c")])
3
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Hashable, Iterable, Iterator
from pathlib import Path

from rdflib import RDF, BNode

from bilateral.errors import DataSyntaxError

#: a triple of terms (rdflib's or Oxigraph's) and a nesting edge between blank nodes
Triple = tuple[Hashable, Hashable, Hashable]
Edge = tuple[Hashable, Hashable]

__all__ = [
    "MAX_DEPTH",
    "MAX_TERM_BYTES",
    "bnode_edges",
    "check_terms",
    "deep_enough",
    "find_problem",
    "line_in_file",
    "line_of",
    "long_token_line",
    "nesting_depth",
    "nesting_line",
    "nesting_line_of_file",
    "term_too_long",
    "too_deep",
    "too_long",
]

MAX_TERM_BYTES = 8 << 20
MAX_DEPTH = 1000
#: the recursion rdflib needs for MAX_DEPTH levels (about six frames each), with room
RECURSION = 20 * MAX_DEPTH

_REST = str(RDF.rest)
_LIST_PREDICATES = {str(RDF.first), _REST, str(RDF.type)}


@contextlib.contextmanager
def deep_enough() -> Iterator[None]:
    """Let rdflib's recursive parser and serializers handle ``MAX_DEPTH`` levels."""
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(max(before, RECURSION))
    try:
        yield
    finally:
        sys.setrecursionlimit(before)


def term_too_long(term: object) -> bool:
    """Whether ``term``'s lexical form is over ``MAX_TERM_BYTES`` in UTF-8."""
    text = str(term)
    if len(text) * 4 <= MAX_TERM_BYTES:  # cheap: UTF-8 takes at most 4 bytes a character
        return False
    return len(text) > MAX_TERM_BYTES or len(text.encode("utf-8", "surrogatepass")) > (
        MAX_TERM_BYTES
    )


def nesting_depth(edges: Iterable[Edge]) -> int:
    """The most blank nodes on one path of ``edges`` (parent, child), cycles cut.

    Iterative, so it measures what recursion could not.
    """
    children: dict[Hashable, list[Hashable]] = {}
    parents: set[Hashable] = set()
    for parent, child in edges:
        children.setdefault(parent, []).append(child)
        parents.add(child)
    depth: dict[Hashable, int] = {}
    best = 0
    for root in children:
        if root in depth:
            continue
        stack: list[tuple[Hashable, int]] = [(root, 0)]
        on_path: set[Hashable] = {root}
        while stack:
            node, i = stack[-1]
            kids = children.get(node, ())
            if i < len(kids):
                stack[-1] = (node, i + 1)
                kid = kids[i]
                if kid not in depth and kid not in on_path:
                    on_path.add(kid)
                    stack.append((kid, 0))
                continue
            stack.pop()
            on_path.discard(node)
            depth[node] = 1 + max((depth.get(k, 0) for k in kids), default=0)
            best = max(best, depth[node])
    return best


def bnode_edges(
    triples: Iterable[Triple],
    *,
    is_blank: Callable[[object], bool] = lambda t: isinstance(t, BNode),
    iri: Callable[[object], str] = str,
) -> list[Edge]:
    """Nesting edges between blank nodes: every blank node object of a blank node, except
    the ``rdf:rest`` link of a well-formed list cell (a list is written as a loop).

    ``is_blank`` and ``iri`` read the terms (rdflib's by default; the store passes
    Oxigraph's)."""
    predicates: dict[Hashable, set[str]] = {}
    links: list[tuple[Hashable, str, Hashable]] = []
    for s, p, o in triples:
        if is_blank(s):
            name = iri(p)
            predicates.setdefault(s, set()).add(name)
            if is_blank(o):
                links.append((s, name, o))
    return [(s, o) for s, p, o in links if not (p == _REST and predicates[s] <= _LIST_PREDICATES)]


_SURROGATE = re.compile("[\ud800-\udfff]")
# how a surrogate gets into Turtle, N-Triples, TriG or N-Quads: a \u or \U escape
_SURROGATE_ESCAPE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F][0-9a-fA-F]{2}")


def _surrogate(term: object) -> str | None:
    """The first lone surrogate in ``term`` (its datatype IRI included), or None."""
    for text in (str(term), str(getattr(term, "datatype", None) or "")):
        if not text.isascii() and (found := _SURROGATE.search(text)):
            return found.group()
    return None


def find_problem(triples: Iterable[Triple]) -> tuple[str, str] | None:
    """``("long", term)`` for the first term over ``MAX_TERM_BYTES``, ``("surrogate",
    character)`` for the first lone surrogate (not a Unicode character: no file can hold
    it, and Oxigraph refuses it), ``("deep", "")`` for blank nodes nested deeper than
    ``MAX_DEPTH``, else None."""
    kept: list[Triple] = []
    for triple in triples:
        for term in triple:
            if term_too_long(term):
                return "long", str(term)
            if (surrogate := _surrogate(term)) is not None:
                return "surrogate", surrogate
        if isinstance(triple[0], BNode):
            kept.append(triple)
    if kept and nesting_depth(bnode_edges(kept)) > MAX_DEPTH:
        return "deep", ""
    return None


def check_terms(triples: Iterable[Triple], name: str, text: str | None = None) -> None:
    """Raise ``DataSyntaxError`` (naming ``name`` and, from ``text``, the line) for a term
    over ``MAX_TERM_BYTES``, a lone surrogate, or blank nodes nested deeper than
    ``MAX_DEPTH``."""
    problem = find_problem(triples)
    if problem is None:
        return
    kind, term = problem
    if kind == "long":
        raise too_long(name, line_of(text, term) if text else None)
    if kind == "surrogate":
        found = _SURROGATE_ESCAPE.search(text) if text else None
        raise DataSyntaxError(
            f"a lone surrogate (U+{ord(term):04X}) in a literal or IRI: it is not a Unicode "
            "character",
            file=name,
            line=text.count("\n", 0, found.start()) + 1 if text and found else None,
        )
    raise too_deep(name, nesting_line(text) if text else None)


def too_long(name: str, line: int | None) -> DataSyntaxError:
    return DataSyntaxError(
        f"a literal or IRI longer than {MAX_TERM_BYTES >> 20} MiB (the limit)",
        file=name,
        line=line,
    )


def too_deep(name: str, line: int | None) -> DataSyntaxError:
    return DataSyntaxError(
        f"blank nodes or collections nested more than {MAX_DEPTH} levels deep (the limit)",
        file=name,
        line=line,
    )


_ESCAPED = re.compile(r'[\\"\'\n\r\t]')


def line_of(text: str, value: str) -> int | None:
    """The line of ``text`` where the term ``value`` starts (searched by its beginning,
    up to the first character Turtle may have escaped), or None."""
    head = value[:200]
    cut = _ESCAPED.search(head)
    if cut is not None:
        head = head[: cut.start()]
    if len(head) < 8:
        return None
    pos = text.find(head)
    return text.count("\n", 0, pos) + 1 if pos >= 0 else None


# strings (long and short, both quotes), IRIs, comments, and the brackets that nest
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^>\s]*>"
    r"|#[^\n]*"
    r"|[\[\]()]",
    re.S,
)


def nesting_line(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The line where Turtle brackets (``(`` ``[``) first nest deeper than ``limit``."""
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in ("(", "["):
            depth += 1
            if depth > limit:
                return text.count("\n", 0, match.start()) + 1
        elif token in (")", "]"):
            depth = max(depth - 1, 0)
    return None


def _chunks(path: Path, size: int = 8 << 20) -> Iterator[bytes]:
    with path.open("rb") as fh:
        while chunk := fh.read(size):
            yield chunk


def line_in_file(path: Path, value: str) -> int | None:
    """The line of the file ``path`` where the term ``value`` starts (streamed)."""
    head = value[:200]
    cut = _ESCAPED.search(head)
    needle = (head[: cut.start()] if cut else head).encode("utf-8")
    if len(needle) < 8:
        return None
    lines, tail = 1, b""
    try:
        for chunk in _chunks(path):
            data = tail + chunk
            pos = data.find(needle)
            if pos >= 0:
                return lines + data.count(b"\n", 0, pos)
            keep = len(needle) - 1
            lines += data.count(b"\n", 0, len(data) - keep)
            tail = data[len(data) - keep :]
    except OSError:
        return None
    return None


def long_token_line(path: Path) -> int | None:
    """The line where a term over ``MAX_TERM_BYTES`` starts, found without a parser:
    the first quote (or ``<``) followed by more than the limit before the next one.
    Used when Oxigraph refused a term too long to read (no position given)."""
    delims = re.compile(rb"[\"'<>]")
    offset, lines, last, last_line = 0, 1, 0, 1
    try:
        for chunk in _chunks(path):
            for match in delims.finditer(chunk):
                pos = offset + match.start()
                line = lines + chunk.count(b"\n", 0, match.start())
                if pos - last > MAX_TERM_BYTES:
                    return last_line
                last, last_line = pos, line
            lines += chunk.count(b"\n")
            offset += len(chunk)
    except OSError:
        return None
    return last_line if offset - last > MAX_TERM_BYTES else None


#: Turtle files up to this size are scanned for nesting before the store loads them
SCAN_BYTES = 256 << 20


def nesting_line_of_file(path: Path, limit: int = MAX_DEPTH) -> int | None:
    """:func:`nesting_line` of a Turtle or TriG file up to ``SCAN_BYTES`` (None for
    N-Triples, N-Quads, larger or unreadable files). Cheap unless the file holds over
    ``limit`` brackets."""
    if path.suffix.lower() not in (".ttl", ".trig"):
        return None
    try:
        if path.stat().st_size > SCAN_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if data.count(b"(") + data.count(b"[") <= limit:
        return None
    return nesting_line(data.decode("utf-8", errors="replace"), limit)
