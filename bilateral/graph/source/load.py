"""Build the RDF graph from the ontology and data files, strictly.

Each file is parsed into its own named graph of one ``rdflib.Dataset`` (so that
checks can say which file a triple came from); a file that fails to parse is
removed again, so nothing half-parsed is ever merged. Only Turtle and N-Triples
are accepted: no format that can fetch remote documents.

>>> g = load()
>>> len(g) > 100
True
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef
from rdflib.store import Store

from bilateral.errors import DataSyntaxError, InputError
from bilateral.graph.source.bounds import check_terms, deep_enough, nesting_line, too_deep

__all__ = [
    "BUNDLED",
    "DATA_DIR",
    "ONTOLOGY_FILE",
    "data_files",
    "data_roots",
    "display_path",
    "file_of_graph",
    "files_of",
    "load",
    "parse_file",
]

PACKAGE_DIR = Path(__file__).resolve().parents[2]
ONTOLOGY_FILE = PACKAGE_DIR / "ontology" / "bilateral.ttl"
DATA_DIR = PACKAGE_DIR / "data"
BUNDLED = "bundled"

FORMATS = {".ttl": "turtle", ".nt": "nt"}
REFUSED = {
    ".rdf": "RDF/XML",
    ".owl": "RDF/XML",
    ".xml": "RDF/XML",
    ".jsonld": "JSON-LD",
    ".json": "JSON-LD",
    ".n3": "Notation3",
    ".trig": "TriG",
    ".nq": "N-Quads",
    ".trix": "TriX",
    ".html": "RDFa",
}
# IRIREF forbids these characters (RDF 1.1 Turtle, production [18]); rdflib lets them pass.
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_WHY = re.compile(r"Bad syntax \((.*?)\) at \^", re.S)

PathArg = str | PathLike[str]


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


def display_path(path: Path) -> str:
    """A short, stable name for a file in messages: relative to the package or cwd."""
    path = Path(path)
    for base in (PACKAGE_DIR.parent, Path.cwd()):
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)


def data_files(paths: Iterable[PathArg] | None = None) -> list[Path]:
    """Expand files, folders and the word ``bundled`` into the data files to load.

    Folders are searched recursively, in sorted order; a folder without any
    ``.ttl``/``.nt`` file, a missing path or a refused format is an ``InputError``.
    """
    return [f for f, _ in data_roots(paths)]


def data_roots(paths: Iterable[PathArg] | None = None) -> list[tuple[Path, Path]]:
    """Like :func:`data_files`, with the data folder (*root*) each file was found in:
    the folder given, the folder of a file given on its own, or the bundled data folder.
    A source's ``bil:textFile`` must stay inside its file's root."""
    items: list[PathArg] = [BUNDLED] if paths is None else list(paths)
    if not items:
        items = [BUNDLED]
    out: list[tuple[Path, Path]] = []
    for item in items:
        path = DATA_DIR if str(item) == BUNDLED else Path(item)
        if path.is_dir():
            found = []
            for f in sorted(path.rglob("*")):
                if not f.is_file() or f.name.startswith("."):
                    continue
                _check_format(f)
                if f.suffix.lower() in FORMATS:
                    found.append((f, path))
            if not found:
                raise InputError(f"no .ttl or .nt data files in folder {path}")
            out.extend(found)
        elif path.is_file():
            _check_format(path, explicit=True)
            out.append((path, path.parent))
        else:
            raise InputError(f"no such file or folder: {path}")
    seen: set[Path] = set()
    unique = []
    for f, root in out:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append((f, root))
    return unique


def _check_format(path: Path, *, explicit: bool = False) -> None:
    suffix = path.suffix.lower()
    if suffix in REFUSED:
        raise InputError(
            f"{display_path(path)}: {REFUSED[suffix]} is not accepted; "
            "convert it to Turtle (.ttl) or N-Triples (.nt)"
        )
    if explicit and suffix not in FORMATS:
        raise InputError(
            f"{display_path(path)}: unknown data format {suffix or '(no extension)'}; "
            "use .ttl or .nt"
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


def _nt_error_line(text: str, bad: str) -> int | None:
    """The first line that ends with the unparsed rest rdflib reports."""
    bad = bad.strip()
    if not bad:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().endswith(bad):
            return number
    return None


def _check_iris(g: Graph, name: str, text: str) -> None:
    for triple in g:
        for term in triple:
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
            else:
                g.parse(data=text, format=fmt, publicID=base)
    finally:
        del g.bind


def parse_file(path: Path, g: Graph) -> None:
    """Parse one Turtle or N-Triples file into ``g``, raising ``DataSyntaxError``.

    The caller owns ``g``; on error it holds a partial parse and must be dropped.
    """
    name = display_path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        _check_format(path, explicit=True)
        raise AssertionError("unreachable")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror}") from None
    text = _decode(raw, name)
    if not text.strip():
        raise InputError(f"{name}: the file is empty")
    try:
        _parse(g, text, fmt, path.resolve().as_uri())
    except RecursionError:  # nested far deeper than the limit
        raise too_deep(name, nesting_line(text)) from None
    except Exception as exc:  # rdflib raises many types; all mean "does not parse"
        line = getattr(exc, "lines", None)
        if isinstance(line, int):
            match = _WHY.search(str(exc))
            why = match.group(1) if match else str(exc).splitlines()[-1]
            raise DataSyntaxError(f"Turtle syntax error: {why}", file=name, line=line + 1) from None
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        bad = message.split(":", 1)[1] if ":" in message else ""
        raise DataSyntaxError(
            f"{'N-Triples' if fmt == 'nt' else 'Turtle'} syntax error: {message}",
            file=name,
            line=_nt_error_line(text, bad) if fmt == "nt" else None,
        ) from None
    _check_iris(g, name, text)
    check_terms(g.triples((None, None, None)), name, text)


def files_of(g: Graph, pattern: tuple[Any, Any, Any]) -> list[str]:
    """Display names of the files whose triples match ``pattern`` (sorted, unique).

    Works on a ``Dataset`` returned by ``load``; a plain ``Graph`` gives ``[]``.
    """
    quads = getattr(g, "quads", None)
    if quads is None:
        return []
    names = {file_of_graph(q[3]) for q in quads(pattern) if q[3] is not None}
    return sorted(n for n in names if n != "urn:x-rdflib:default")


def file_of_graph(identifier: object) -> str:
    """The display name of the file a named graph was loaded from."""
    text = str(identifier)
    if text.startswith("file://"):
        from urllib.parse import unquote, urlparse

        return display_path(Path(unquote(urlparse(text).path)))
    return str(getattr(identifier, "identifier", text))


def load(
    paths: Sequence[PathArg] | PathArg | None = None,
    *,
    store: str | Store = "default",
) -> Dataset:
    """Load the ontology plus the bundled data (or ``paths``) into one Dataset.

    ``paths`` are files or folders; the string ``"bundled"`` names the bundled
    dataset so it can be combined with your own files. Each file becomes a named
    graph (its ``file:`` URI); queries see the union of all of them.

    Raises ``InputError`` (missing file, refused format) or ``DataSyntaxError``
    (with file and line) and never returns a half-loaded graph.

    >>> g = load(["bundled"])
    >>> from bilateral.ontology.namespace import BID
    >>> (BID.belarus, None, None) in g
    True
    """
    if isinstance(paths, (str, PathLike)):
        paths = [paths]
    files = [(ONTOLOGY_FILE, ONTOLOGY_FILE.parent), *data_roots(paths)]
    ds = Dataset(store=store, default_union=True)
    ds.bilateral_roots = {  # type: ignore[attr-defined]
        path.resolve().as_uri(): root.resolve() for path, root in files
    }
    for path, _ in files:
        ident = URIRef(path.resolve().as_uri())
        graph = ds.graph(ident)
        try:
            parse_file(path, graph)
        except BaseException:
            ds.remove_graph(graph)
            raise
    return ds
