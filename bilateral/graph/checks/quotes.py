r"""Check that every ``bil:quote`` occurs verbatim in its source's text.

Normalisation (design §5): Unicode NFC, a hyphen at a line break joined to the next
line (likewise an em or en dash), and every run of whitespace collapsed to one space.
In source texts, page furniture (a line holding only a page number or only a bare
URL) is removed first, so a quote may run across a page break. A quote matches if it
occurs in the text with the line-break hyphen kept (``decision-making``) or dropped
(``decisionmaking``).

>>> normalise("decision-\n  making  in\nMinsk")
'decision-making in Minsk'
"""

from __future__ import annotations

import itertools
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, Graph, URIRef
from rdflib.term import Node

from bilateral.graph.checks.nearest import explain
from bilateral.graph.source.handle import StoreHandle
from bilateral.graph.source.inputs import graph_of
from bilateral.graph.source.load import display_path, files_of
from bilateral.graph.source.read import native_store, props, types
from bilateral.graph.source.texts import read_text, text_file
from bilateral.ontology.namespace import BIL

__all__ = [
    "NO_SOURCE_TEXT",
    "QuoteProblem",
    "check_quotes",
    "normalise",
    "source_texts",
    "strip_furniture",
    "text_path",
]

_HYPHEN_BREAK = re.compile(r"-[ \t]*\r?\n\s*")
_DASH_BREAK = re.compile(r"([—–])[ \t]*\r?\n\s*")
_FURNITURE = re.compile(r"^[ \t]*(\d{1,4}|https?://\S+)[ \t]*$", re.M)
_SPACE = re.compile(r"\s+")

PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
#: the problem of a quote whose statement has no source with a text (one whose text
#: file is missing is reported once, on the source)
NO_SOURCE_TEXT = "no source text to check the quote"


def normalise(text: str, *, drop_hyphen: bool = False) -> str:
    """NFC, join line-break hyphenation, collapse whitespace."""
    text = unicodedata.normalize("NFC", text)
    text = _HYPHEN_BREAK.sub("" if drop_hyphen else "-", text)
    text = _DASH_BREAK.sub(r"\1", text)
    return _SPACE.sub(" ", text).strip()


def strip_furniture(raw: str) -> str:
    r"""Blank out lines that hold only a page number or only a bare URL.

    >>> strip_furniture("end of page\n 4 \nhttps://example.org/a\nnext")
    'end of page\n\n\nnext'
    """
    return _FURNITURE.sub("", raw)


@dataclass(frozen=True)
class QuoteProblem:
    """A statement whose quote cannot be found (or checked) in its sources."""

    node: str
    file: str
    message: str


@lru_cache(maxsize=64)
def _read_text(source: URIRef, path: Path) -> tuple[str, str]:
    raw = strip_furniture(read_text(source, path))
    return normalise(raw), normalise(raw, drop_hyphen=True)


def text_path(g: Graph, source: URIRef) -> Path | None:
    """The source's text file if it exists (see ``graph/source/texts.py``: resolved next
    to the file declaring the source, inside its data folder), else None.

    Raises ``TextFileError`` for a ``bil:textFile`` that leaves the data folder.
    """
    path = text_file(g, source)
    return path if path is not None and os.path.lexists(path) else None


def source_texts(g: Graph) -> dict[Node, tuple[str, str] | None]:
    """Normalised texts of every ``bil:Source`` with a ``bil:textFile`` (None: missing)."""
    texts: dict[Node, tuple[str, str] | None] = {}
    for source in sorted(set(g.subjects(BIL.textFile)), key=str):
        if not isinstance(source, URIRef):
            continue
        path = text_path(g, source)
        texts[source] = _read_text(source, path) if path else None
    return texts


def _missing(g: Graph, source: URIRef) -> str:
    """The problem of a source whose text is not there, naming where it was expected."""
    name = g.value(source, BIL.textFile)
    expected = text_file(g, source)
    if expected is None:
        return f"source text file {name} not found (no data folder declares it)"
    return f"source text file {name} not found at {display_path(expected)}"


def _file_of(g: Graph, node: Node) -> str:
    if native_store(g) is not None:
        return ""  # validate locates every node of a store in one query
    files = files_of(g, (node, None, None))
    return files[0] if files else ""


def _quoted(
    g: Graph, texts: dict[Node, tuple[str, str] | None]
) -> Iterator[tuple[str, list[str], list[Node], bool]]:
    """``(node IRI, its quotes, its sources, whether it has a type)`` for every IRI with
    a ``bil:quote``, in IRI order; read in bulk on a store."""
    if native_store(g) is None:
        pairs = sorted(g.subject_objects(BIL.quote))
        for node, group in itertools.groupby(pairs, key=lambda p: p[0]):
            if isinstance(node, URIRef):
                sources = [s for s in g.objects(node, PROV_DERIVED) if s in texts]
                typed = (node, RDF.type, None) in g
                yield str(node), [str(q) for _, q in group], sources, typed
        return
    read = props(g, [str(BIL.quote), str(PROV_DERIVED)])
    by_iri = {str(s): s for s in texts}
    quoted = sorted(n for n, d in read.items() if str(BIL.quote) in d and not n.startswith("_:"))
    untyped: set[str] | None = None
    for node in quoted:
        d = read[node]
        sources = [by_iri[s] for s in d.get(str(PROV_DERIVED), ()) if s in by_iri]
        typed = True
        if not any(texts.get(s) for s in sources):
            if untyped is None:
                typed_nodes = set(types(g))
                untyped = {n for n in quoted if n not in typed_nodes}
            typed = node not in untyped
        yield node, sorted(d[str(BIL.quote)]), sources, typed


def _for_explain(
    g: Graph, sources: list[Node], texts: dict[Node, tuple[str, str] | None]
) -> tuple[list[str], list[tuple[str, str]]]:
    """The normalised texts of ``sources`` and, for each, its file's name and raw text
    (page furniture blanked, so lines keep their numbers): read again, for a quote that
    was not found only."""
    normalised, raws = [], []
    for source in sources:
        pair = texts.get(source)
        path = text_path(g, source) if isinstance(source, URIRef) else None
        if pair is None or path is None or not isinstance(source, URIRef):
            continue
        normalised.append(pair[0])
        raws.append((display_path(path), strip_furniture(read_text(source, path))))
    return normalised, raws


def check_quotes(g: Graph | StoreHandle) -> list[QuoteProblem]:
    """Every quote that does not occur in the text of any of its statement's sources,
    with the nearest passage and the first character where they differ (``nearest.py``).

    >>> from bilateral.graph.source.load import load
    >>> check_quotes(load())
    []
    """
    g = graph_of(g)  # an open store's graph
    texts = source_texts(g)
    problems = []
    for source, text in texts.items():
        if text is None and isinstance(source, URIRef):
            problems.append(QuoteProblem(str(source), _file_of(g, source), _missing(g, source)))
    for node, quotes, sources, typed in _quoted(g, texts):
        checkable = [s for s in sources if texts.get(s)]
        for quote in quotes:
            if not checkable:
                if typed and not sources:  # a missing text is its source's problem
                    problems.append(QuoteProblem(node, _file_of(g, URIRef(node)), NO_SOURCE_TEXT))
                continue
            wanted = normalise(quote)
            if not any(wanted in t for s in checkable for t in texts[s] or ()):
                message = explain(wanted, *_for_explain(g, checkable, texts))
                problems.append(QuoteProblem(node, _file_of(g, URIRef(node)), message))
    return problems
