"""Parse one data file strictly: Turtle, N-Triples, TriG or N-Quads, never a format that
can fetch remote documents.

Errors are ``DataSyntaxError`` naming file and line (or byte offset, for bytes that are
not UTF-8); IRIs that RDF forbids are refused although rdflib accepts them; the limits
of ``bounds.py`` hold (terms over 8 MiB, nesting over 1,000 levels). A TriG or N-Quads
file is parsed into a fresh dataset of its own and comes back as its graphs, so the
caller merges only what parsed.

>>> from rdflib import Graph
>>> from bilateral.graph.source.naming import PACKAGE_DIR
>>> g = Graph()
>>> parse_file(PACKAGE_DIR / "ontology" / "bilateral.ttl", g)
>>> len(g) > 100
True
"""

from __future__ import annotations

import ast
import logging
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.term import Node

from bilateral.errors import DataSyntaxError, InputError
from bilateral.graph.source.bounds import check_terms, deep_enough, nesting_line, too_deep
from bilateral.graph.source.naming import PACKAGE_DIR, STDIN, display_path

__all__ = [
    "FORMATS",
    "PARSED",
    "QUAD_FORMATS",
    "REFUSED",
    "check_format",
    "parse_file",
    "parse_quads",
    "read_data",
]

FORMATS = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".nq": "nquads"}
QUAD_FORMATS = frozenset({"trig", "nquads"})
_NAMES = {"turtle": "Turtle", "nt": "N-Triples", "trig": "TriG", "nquads": "N-Quads"}
REFUSED = {
    ".rdf": "RDF/XML",
    ".owl": "RDF/XML",
    ".xml": "RDF/XML",
    ".jsonld": "JSON-LD",
    ".json": "JSON-LD",
    ".n3": "Notation3",
    ".trix": "TriX",
    ".html": "RDFa",
}
# IRIREF forbids these characters (RDF 1.1 Turtle, production [18]); rdflib lets them pass.
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_WHY = re.compile(r"Bad syntax \((.*?)\) at \^", re.S)
_DEFAULT = "urn:x-rdflib:default"


class _ReportedElsewhere(logging.Filter):
    """Drop rdflib's warnings about ill-typed literals and invalid IRIs.

    rdflib logs them (with a traceback) whenever it meets such a term, in any process
    that reads the data; ``bilateral`` reports each one itself, once, as one line:
    ``validate`` names node and rule for an ill-typed literal, and the loader refuses an
    invalid IRI with file and line.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        text = str(record.msg)
        return not (
            text.startswith("Failed to convert Literal lexical form")
            or "does not look like a valid URI" in text
        )


logging.getLogger("rdflib.term").addFilter(_ReportedElsewhere())


def check_format(path: Path, *, explicit: bool = False) -> None:
    """Refuse a format that can fetch remote documents; with ``explicit`` (a file named
    on its own), refuse anything that is not one of ``FORMATS``."""
    suffix = path.suffix.lower()
    if suffix in REFUSED:
        raise InputError(
            f"{display_path(path)}: {REFUSED[suffix]} is not accepted; "
            "convert it to Turtle (.ttl), N-Triples (.nt), TriG (.trig) or N-Quads (.nq)"
        )
    if explicit and suffix not in FORMATS:
        raise InputError(
            f"{display_path(path)}: unknown data format {suffix or '(no extension)'}; "
            "use .ttl, .nt, .trig or .nq"
        )


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataSyntaxError(
            f"not UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start}",
            file=name,
            line=line,
        ) from None


def read_data(path: Path) -> str:
    """The text of a data file (``-``: standard input), decoded strictly; empty is an error."""
    name = display_path(path)
    try:
        raw = sys.stdin.buffer.read() if str(path) == STDIN else path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror}") from None
    text = _decode(raw, name)
    if not text.strip():
        raise InputError(f"{name}: the {'input' if str(path) == STDIN else 'file'} is empty")
    return text


def _line_ending_with(text: str, bad: str) -> int | None:
    """The first line that ends with the unparsed rest rdflib reports."""
    bad = bad.strip()
    if not bad:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().endswith(bad):
            return number
    return None


def _check_iris(quads: Iterable[Iterable[object]], name: str, text: str) -> None:
    for quad in quads:
        for term in quad:
            term = getattr(term, "identifier", term)
            if isinstance(term, URIRef) and _BAD_IRI.search(term):
                needle = str(term)
                pos = text.find(needle)
                line = text.count("\n", 0, pos) + 1 if pos >= 0 else None
                raise DataSyntaxError(f"invalid IRI <{needle}>", file=name, line=line)


class _Lines:
    """Text for rdflib's N-Triples reader, handed over a whole line at a time: the reader
    re-scans its buffer after every 2 KiB it reads, which is quadratic in the length of
    a line (a 9 MiB literal took minutes)."""

    encoding = "utf-8"
    _EOL = re.compile(r"\r\n|\r|\n")

    def __init__(self, text: str) -> None:
        self._text, self._pos = text, 0

    def read(self, size: int = -1) -> str:
        start, n = self._pos, len(self._text)
        end = n if size < 0 else min(start + max(size, 1), n)
        if end < n:
            eol = self._EOL.search(self._text, max(end - 1, start))
            end = eol.end() if eol else n
        self._pos = end
        return self._text[start:end]

    def getCharacterStream(self) -> _Lines:  # noqa: N802 (rdflib's InputSource interface)
        return self

    def getByteStream(self) -> None:  # noqa: N802
        return None


def _parse(g: Graph, text: str, fmt: str, base: str) -> None:
    """Parse into ``g`` without binding the file's prefixes (rdflib keeps them in a trie
    it scans on every insert: quadratic in their number; queries and exports use the
    project's own prefixes), deep enough for ``MAX_DEPTH`` nesting."""
    g.bind = lambda *args, **kwargs: None  # type: ignore[method-assign]
    try:
        with deep_enough():
            if fmt == "nt":
                from rdflib.plugins.parsers.ntriples import NTGraphSink, W3CNTriplesParser

                W3CNTriplesParser(NTGraphSink(g)).parse(_Lines(text))  # type: ignore[arg-type]
            elif fmt == "nquads":
                from rdflib.plugins.parsers.nquads import NQuadsParser

                NQuadsParser().parse(_Lines(text), g)  # type: ignore[arg-type]
            else:
                g.parse(data=text, format=fmt, publicID=base)
    finally:
        del g.bind


def _syntax_error(exc: Exception, fmt: str, name: str, text: str) -> DataSyntaxError:
    line = getattr(exc, "lines", None)
    what = _NAMES[fmt]
    if isinstance(line, int):
        match = _WHY.search(str(exc))
        why = match.group(1) if match else str(exc).splitlines()[-1]
        return DataSyntaxError(f"{what} syntax error: {why}", file=name, line=line + 1)
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    where = None
    if fmt == "nt":
        where = _line_ending_with(text, message.split(":", 1)[1] if ":" in message else "")
    elif fmt == "nquads" and "\n" in str(exc):  # "Invalid line (why):\n'<the line>'"
        try:
            where = _line_ending_with(text, str(ast.literal_eval(str(exc).split("\n", 1)[1])))
        except (ValueError, SyntaxError):
            where = None
    return DataSyntaxError(f"{what} syntax error: {message}", file=name, line=where)


def _parse_text(g: Graph, path: Path, fmt: str, base: str, text: str | None = None) -> str:
    name = display_path(path)
    text = read_data(path) if text is None else text
    try:
        _parse(g, text, fmt, base)
    except RecursionError:  # nested far deeper than the limit
        raise too_deep(name, nesting_line(text)) from None
    except Exception as exc:  # rdflib raises many types; all mean "does not parse"
        raise _syntax_error(exc, fmt, name, text) from None
    return text


def _format(path: Path, default: str = "turtle") -> str:
    if str(path) == STDIN:
        return default
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        check_format(path, explicit=True)
        raise AssertionError("unreachable")
    return fmt


def parse_file(
    path: Path,
    g: Graph,
    base: str | None = None,
    *,
    text: str | None = None,
    fmt: str | None = None,
) -> None:
    """Parse one Turtle or N-Triples file (``-``: Turtle on standard input) into ``g``,
    raising ``DataSyntaxError``. Relative IRIs resolve against ``base`` (default: the
    graph's name). ``text`` and ``fmt`` stand for the file's text and the format its
    suffix names (for standard input, read once by the caller).

    The caller owns ``g``; on error it holds a partial parse and must be dropped.
    """
    fmt = fmt or _format(path)
    if fmt in QUAD_FORMATS:
        raise InputError(f"{display_path(path)}: {_NAMES[fmt]} holds graphs: use parse_quads")
    key = _packaged_key(path, base or str(g.identifier), fmt) if text is None and not g else None
    if key is not None and key in PARSED:
        g.addN((s, p, o, g) for s, p, o in PARSED[key])
        return
    text = _parse_text(g, path, fmt, base or str(g.identifier), text)
    name = display_path(path)
    _check_iris(g.triples((None, None, None)), name, text)
    check_terms(g.triples((None, None, None)), name, text)
    if key is not None:
        PARSED[key] = tuple(g.triples((None, None, None)))


# The triples of the package's own files (the ontology, the bundled data), parsed once
# per process: every ``load`` reads the ontology (60 ms to parse, ~10 ms to copy).
PARSED: dict[tuple[str, int, int, str, str], tuple[tuple[Node, Node, Node], ...]] = {}


def _packaged_key(path: Path, base: str, fmt: str) -> tuple[str, int, int, str, str] | None:
    """The cache key of a file shipped in the package (path, size, mtime, base, format):
    a file edited in place gets a new key. None for any other file (user data is
    parsed every time, and never held in memory twice)."""
    try:
        resolved = path.resolve()
        if not resolved.is_relative_to(PACKAGE_DIR):
            return None
        st = resolved.stat()
    except OSError:
        return None
    return (str(resolved), st.st_size, st.st_mtime_ns, base, fmt)


def parse_quads(
    path: Path, own: str, *, text: str | None = None, fmt: str | None = None
) -> dict[URIRef, Graph]:
    """The graphs of a TriG or N-Quads file, parsed into a fresh dataset; triples outside
    any graph belong to ``own`` (the file's own graph, also the base of relative IRIs).
    A blank node as a graph name is an error (graphs are named by IRIs here). ``text``
    and ``fmt`` as for :func:`parse_file`."""
    fmt = fmt or _format(path)
    ds = Dataset(default_union=False)
    text = _parse_text(ds, path, fmt, own, text)
    name = display_path(path)
    graphs: dict[URIRef, Graph] = {}
    for graph in ds.graphs():
        ident = graph.identifier
        if isinstance(ident, BNode):
            raise DataSyntaxError(
                "a graph named by a blank node; name each graph with an IRI", file=name
            )
        if not len(graph):
            continue
        key = URIRef(own) if str(ident) == _DEFAULT else URIRef(ident)
        target = graphs.get(key)
        if target is None:
            target = graphs[key] = Graph(identifier=key)
        target += graph
    quads = [(s, p, o, k) for k, graph in graphs.items() for s, p, o in graph]
    _check_iris(quads, name, text)
    check_terms(((s, p, o) for s, p, o, _ in quads), name, text)
    return graphs
