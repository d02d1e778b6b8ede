"""Read a remote endpoint's SPARQL JSON results without trusting them: every shape the
format does not allow (a document that is not an object, ``bindings`` that is not a
list, a binding or a term that is not an object, a bad language tag or datatype IRI)
is one ``RemoteError`` naming what was wrong (exit 1), never a traceback; JSON nested
deeper than :data:`MAX_DEPTH` is refused before ``json.loads`` sees it (Python's parser
recurses).

>>> r = read_results(b'{"head": {"vars": ["x"]}, "results": {"bindings": '
...                  b'[{"x": {"type": "literal", "value": "a", "xml:lang": "en"}}]}}', "e")
>>> r.vars, r.rows
(['x'], [(rdflib.term.Literal('a', lang='en'),)])
>>> read_results(b'{"head": {"vars": ["x"]}, "results": {"bindings": {}}}', "e")
Traceback (most recent call last):
...
bilateral.graph.remote.request.RemoteError: e sent results whose `bindings` is not a list
>>> read_results(b"[" * 100_000 + b"]" * 100_000, "e")
Traceback (most recent call last):
...
bilateral.graph.remote.request.RemoteError: e sent JSON nested deeper than 64 levels
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from bilateral.graph.remote.request import RemoteError
from bilateral.graph.sparql.engine import QueryResult

__all__ = ["MAX_DEPTH", "deeper_than", "read_results"]

#: SPARQL JSON results are 5 levels deep; nothing an endpoint sends needs 64
MAX_DEPTH = 64
_KEEP = b'[]{}"'
_DROP = bytes(b for b in range(256) if b not in _KEEP)
_QUOTED = re.compile(rb'"[^"]*"')
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def deeper_than(body: bytes, limit: int) -> bool:
    """Whether the JSON text ``body`` nests arrays and objects deeper than ``limit``
    (exactly up to ``limit``; anything over ``2 * limit`` is always found), without
    recursion and in C: escaped backslashes and quotes go, then everything but
    brackets and quotes, then the strings, then the innermost pairs, a level a pass.

    >>> deeper_than(b'{"a": [1, {"b": "[[[[\\\\"}]}', 3), deeper_than(b"[[[]]]", 2)
    (False, True)
    """
    reduced = body.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, _DROP)
    # quotes now alternate opening and closing: dropping "" pairs keeps the strings'
    # brackets inside strings, so dropping the strings leaves the structure
    left = _QUOTED.sub(b"", reduced.replace(b'""', b""))
    for _ in range(limit):
        if not left:
            return False
        shorter = left.replace(b"[]", b"").replace(b"{}", b"")
        if shorter == left:  # unbalanced: the parser will say so
            return False
        left = shorter
    return bool(left) and left != left.replace(b"[]", b"").replace(b"{}", b"")


def _term(binding: object, where: str, endpoint: str) -> Node:
    def bad(why: str) -> RemoteError:
        return RemoteError(f"{endpoint} sent an unreadable term for {where}: {why}")

    if not isinstance(binding, Mapping):
        raise bad("not an object")
    kind, value = binding.get("type"), binding.get("value", "")
    if not isinstance(kind, str) or not isinstance(value, str):
        raise bad("`type` and `value` must be strings")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind not in ("literal", "typed-literal"):
        raise bad(f"unknown type {kind[:40]!r}")
    lang, datatype = binding.get("xml:lang"), binding.get("datatype")
    if lang is not None:
        if not isinstance(lang, str):
            raise bad("`xml:lang` must be a string")
        try:
            return Literal(value, lang=lang)
        except ValueError:
            raise bad(f"not a language tag: {lang[:40]!r}") from None
    if datatype is not None:
        if not isinstance(datatype, str) or not datatype or _BAD_IRI.search(datatype):
            raise bad(f"not a datatype IRI: {str(datatype)[:60]!r}")
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)


def read_results(body: bytes, endpoint: str, row_cap: int = 100_000) -> QueryResult:
    """SPARQL 1.1 JSON results (SELECT or ASK) from ``endpoint``, at most ``row_cap``
    rows (``cut_by`` says when there were more)."""
    if deeper_than(body, MAX_DEPTH):
        raise RemoteError(f"{endpoint} sent JSON nested deeper than {MAX_DEPTH} levels")
    try:
        doc = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise RemoteError(f"{endpoint} sent unreadable results (truncated or not JSON)") from None
    if not isinstance(doc, dict):
        raise RemoteError(f"{endpoint} sent results that are not a JSON object")
    if "boolean" in doc:
        if not isinstance(doc["boolean"], bool):
            raise RemoteError(f"{endpoint} sent an ASK answer whose `boolean` is not true/false")
        return QueryResult("ask", boolean=doc["boolean"])
    head, results = doc.get("head"), doc.get("results")
    vars_ = head.get("vars") if isinstance(head, dict) else None
    if not isinstance(vars_, list) or not all(isinstance(v, str) for v in vars_):
        raise RemoteError(f"{endpoint} sent results without head/vars (a list of names)")
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(bindings, list):
        raise RemoteError(f"{endpoint} sent results whose `bindings` is not a list")
    rows = []
    for i, b in enumerate(bindings[:row_cap], start=1):
        if not isinstance(b, dict):
            raise RemoteError(f"{endpoint} sent binding {i} that is not an object")
        where = f"binding {i}, ?"
        rows.append(tuple(_term(b[v], where + v, endpoint) if v in b else None for v in vars_))
    return QueryResult(
        "select", vars=list(vars_), rows=rows, cut_by="rows" if len(bindings) > row_cap else ""
    )
