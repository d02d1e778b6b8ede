"""Build the RDF graph from the ontology and data files, strictly.

Each file is parsed into its own named graph of one ``rdflib.Dataset`` (so that
checks can say which file a triple came from), named as ``naming.py`` says: the same
name on every machine (``https://w3id.org/bilateral/graph/<dataset>/<path>``). A TriG
or N-Quads file keeps the graphs it holds. A file that fails to parse is removed again,
so nothing half-parsed is ever merged. Only Turtle, N-Triples, TriG and N-Quads are
read: no format that can fetch remote documents. In a folder, other files are skipped
(one note says which), except the source texts the data declares.

>>> g = load()
>>> len(g) > 100
True
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from os import PathLike
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.store import Store
from rdflib.term import Node

from bilateral.compat import graph_first
from bilateral.errors import DataNote, DataSyntaxError, InputError
from bilateral.graph.source.found import (
    BUNDLED,
    BUNDLED_ACTORS,
    DATA_DIR,
    ONTOLOGY_FILE,
    Found,
    PathArg,
    data_files,
    data_roots,
    declared_texts,
    named_files,
    scan,
    skipped_note,
)
from bilateral.graph.source.naming import (
    ONTOLOGY_GRAPH,
    PACKAGE_DIR,
    STDIN,
    display_path,
    file_of_graph,
)
from bilateral.graph.source.parse import (
    FORMATS,
    QUAD_FORMATS,
    parse_file,
    parse_quads,
    read_data,
)
from bilateral.graph.source.sniff import data_format, sniff
from bilateral.graph.source.sourced import SourcedDataset
from bilateral.ontology.namespace import BIL

__all__ = [
    "BUNDLED",
    "BUNDLED_ACTORS",
    "DATA_DIR",
    "FORMATS",
    "ONTOLOGY_FILE",
    "ONTOLOGY_GRAPH",
    "PACKAGE_DIR",
    "Found",
    "data_files",
    "data_roots",
    "declared_texts",
    "display_path",
    "file_of_graph",
    "files_of",
    "load",
    "named_files",
    "parse_file",
    "scan",
    "skipped_note",
]

TriplePattern = tuple[Node | None, Node | None, Node | None]


def files_of(g: Graph, pattern: TriplePattern) -> list[str]:
    """Display names of the files whose triples match ``pattern`` (sorted, unique).

    Works on a ``Dataset`` returned by ``load`` or ``open_dataset``; a plain ``Graph``
    gives ``[]``.
    """
    quads = getattr(g, "quads", None)
    if quads is None:
        return []
    files = getattr(g, "bilateral_files", None)
    names = {file_of_graph(q[3], files) for q in quads(pattern) if q[3] is not None}
    return sorted(n for n in names if n != "urn:x-rdflib:default")


def _plugin(value: object) -> dict[str, object]:
    return {"plugin": value}


@graph_first(
    keywords={"store": ("call load(paths, plugin=...); open_store(folder) opens a store", _plugin)},
    new="load(paths, plugin=...)",
)
def load(
    paths: Sequence[PathArg] | PathArg | None = None,
    *,
    plugin: str | Store = "default",
    stdin_format: str | None = None,
) -> SourcedDataset:
    """Load the ontology plus the bundled data (or ``paths``) into one Dataset.

    ``paths`` are files or folders (``.ttl``, ``.nt``, ``.trig``, ``.nq``); the string
    ``"bundled"`` names the bundled dataset so it can be combined with your own files,
    and ``"-"`` reads standard input, in ``stdin_format`` (``turtle``, ``nt``, ``trig``,
    ``nquads``; ``sniff.py``) or, without it, the syntax its text shows. Each file
    becomes a named graph (``naming.py``; a TriG or N-Quads file keeps its own graphs);
    queries see the union of all of them. Other files in the folders are skipped with
    one ``DataNote`` warning (also kept as ``g.bilateral_notes``), except source texts
    the data declares.

    ``plugin`` is the rdflib store plugin that holds the triples (``"default"``: memory;
    a store made by ``bilateral load --store`` opens with ``open_store``).

    Raises ``InputError`` (missing file, refused format, two files with one graph name)
    or ``DataSyntaxError`` (with file and line) and never returns a half-loaded graph.

    >>> g = load(["bundled"])
    >>> from bilateral.ontology.namespace import BID
    >>> (BID.belarus, None, None) in g
    True
    >>> sorted(str(c.identifier) for c in g.graphs() if "economy" in str(c.identifier))
    ['https://w3id.org/bilateral/graph/bundled/belarus-russia/economy.ttl']
    """
    if isinstance(paths, (str, PathLike)):
        paths = [paths]
    if stdin_format is not None:
        data_format(stdin_format)  # an unknown name fails before anything is read
    found = scan(paths)
    files = named_files(found.files)
    ds = SourcedDataset(store=plugin)
    planned = {iri: path for path, _, iri in files}
    for path, root, iri in files:
        for name in _parse_one(ds, path, iri, planned, stdin_format):
            ds.bilateral_files[name] = path
            ds.bilateral_roots[name] = root if str(root) == STDIN else root.resolve()
    pairs = [(o, c) for _, _, o, c in ds.quads((None, BIL.textFile, None, None))]
    texts = declared_texts([(o, c) for o, c in pairs if isinstance(o, Literal)], ds.bilateral_files)
    note = skipped_note(found.skipped, texts)
    ds.bilateral_notes = [note] if note else []
    if note:
        warnings.warn(note, DataNote, stacklevel=2)
    return ds


def _drop_own_ontology(ds: Dataset, path: Path, parsed: dict[URIRef, Graph]) -> None:
    """A TriG or N-Quads file written by ``export`` holds the ontology's graph: if it is
    this version's ontology, it is the one already loaded (dropped from ``parsed``);
    another ontology under that name is an error."""
    from rdflib import XSD, Graph
    from rdflib.compare import isomorphic

    def plain(g: Graph) -> Graph:  # "x"^^xsd:string is "x" (RDF 1.1; a store writes it so)
        out = Graph()
        for s, p, o in g:
            string = isinstance(o, Literal) and o.datatype == XSD.string
            out.add((s, p, Literal(str(o)) if string else o))
        return out

    name = URIRef(ONTOLOGY_GRAPH)
    if name not in parsed:
        return
    if not isomorphic(plain(parsed[name]), plain(ds.graph(name))):
        raise InputError(
            f"{display_path(path)}: its graph <{name}> is not this version's ontology; "
            "export the data without it (export with data_only)"
        )
    del parsed[name]


def _parse_one(
    ds: SourcedDataset, path: Path, iri: str, planned: dict[str, Path], stdin_format: str | None
) -> list[str]:
    """Parse one file into ``ds``; the names of the graphs it filled."""
    text = None
    if str(path) == STDIN:
        text = read_data(path)
        fmt = data_format(stdin_format) if stdin_format else sniff(text)
        if not stdin_format:
            try:
                return _parse_one_text(ds, path, iri, planned, text, fmt)
            except DataSyntaxError as exc:
                raise DataSyntaxError(
                    f"{exc.message} (the format was guessed from the text; name it: "
                    "stdin_format turtle, nt, trig or nquads)",
                    file=exc.file,
                    line=exc.line,
                ) from None
    else:
        fmt = FORMATS[path.suffix.lower()]
    return _parse_one_text(ds, path, iri, planned, text, fmt)


def _parse_one_text(
    ds: SourcedDataset, path: Path, iri: str, planned: dict[str, Path], text: str | None, fmt: str
) -> list[str]:
    if fmt not in QUAD_FORMATS:
        graph = ds.graph(URIRef(iri))
        try:
            parse_file(path, graph, text=text, fmt=fmt)
        except BaseException:
            ds.remove_graph(graph)
            raise
        return [iri]
    parsed = parse_quads(path, iri, text=text, fmt=fmt)
    _drop_own_ontology(ds, path, parsed)
    for name in parsed:
        other = planned.get(str(name), path)
        if str(name) in ds.bilateral_files or other != path:
            other = ds.bilateral_files.get(str(name), other)
            raise InputError(
                f"{display_path(path)}: its graph <{name}> is also the graph of "
                f"{display_path(other)}; a graph comes from one file"
            )
    added = []
    try:
        for name, graph in parsed.items():
            target = ds.graph(name)
            added.append(target)
            target += graph
    except BaseException:
        for target in added:
            ds.remove_graph(target)
        raise
    return [str(name) for name in parsed]
