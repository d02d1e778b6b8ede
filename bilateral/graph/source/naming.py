"""Names: of data files in messages, and of the named graph each file is loaded into.

A file's named graph is ``https://w3id.org/bilateral/graph/<dataset>/<path>``, the same
on every machine and in memory, in the store and in TriG/N-Quads exports:
``<dataset>`` is ``bundled`` for the bundled data, ``ontology`` for the ontology, and
otherwise the name of the data folder the file was found in (the ``--data`` folder, or
the folder of a file given on its own); ``<path>`` is the file's path inside that folder,
each segment percent-encoded. Standard input (``--data -``) is ``…/graph/stdin``. Two
different files that would get the same name (``a/data/x.ttl`` and ``b/data/x.ttl``)
are an error. A TriG or N-Quads file keeps the names of the graphs it holds; its triples
outside any graph go to the file's own graph.

>>> from pathlib import Path
>>> graph_iri(Path("/home/ana/kg/events/2021.ttl"), Path("/home/ana/kg"))
'https://w3id.org/bilateral/graph/kg/events/2021.ttl'
>>> graph_iri(Path("/x/my data/a b.ttl"), Path("/x/my data"))
'https://w3id.org/bilateral/graph/my%20data/a%20b.ttl'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

from bilateral.errors import InputError

__all__ = [
    "BUNDLED_DATASET",
    "GRAPH_BASE",
    "ONTOLOGY_GRAPH",
    "PACKAGE_DIR",
    "STDIN",
    "STDIN_GRAPH",
    "display_path",
    "file_of_graph",
    "graph_iri",
    "named",
]

PACKAGE_DIR = Path(__file__).resolve().parents[2]
GRAPH_BASE = "https://w3id.org/bilateral/graph/"
BUNDLED_DATASET = "bundled"
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology/bilateral.ttl"
#: the name ``--data -`` gives standard input, in messages and as a path
STDIN = "-"
STDIN_GRAPH = GRAPH_BASE + "stdin"


def display_path(path: Path) -> str:
    """A short, stable name for a file in messages: relative to the package or cwd."""
    path = Path(path)
    if str(path) == STDIN:
        return "<stdin>"
    for base in (PACKAGE_DIR.parent, Path.cwd()):
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)


def _segment(text: str) -> str:
    # a name that is not UTF-8 on disk holds surrogate escapes: its bytes, percent-encoded
    return quote(text.encode("utf-8", "surrogateescape"), safe="-._~")


def graph_iri(path: Path, root: Path, dataset: str | None = None) -> str:
    """The named graph of ``path``, found in the data folder ``root``; ``dataset`` is the
    folder's name unless given (``bundled`` for the bundled data)."""
    if str(path) == STDIN:
        return STDIN_GRAPH
    root = root.resolve()
    name = dataset or root.name or "data"
    relative = path.resolve().relative_to(root)
    return GRAPH_BASE + "/".join(_segment(p) for p in (name, *relative.parts))


def named(
    files: Iterable[tuple[Path, Path]], *, bundled: Path, ontology: Path
) -> list[tuple[Path, Path, str]]:
    """``(file, root, graph IRI)`` for each ``(file, root)``; two files with one name
    are an ``InputError`` naming both."""
    out: list[tuple[Path, Path, str]] = []
    owner: dict[str, Path] = {}
    for path, root in files:
        if str(path) == STDIN:
            iri = STDIN_GRAPH
        elif path.resolve() == ontology.resolve():
            iri = ONTOLOGY_GRAPH
        elif root.resolve() == bundled.resolve():
            iri = graph_iri(path, root, BUNDLED_DATASET)
        else:
            iri = graph_iri(path, root)
        other = owner.get(iri)
        if other is not None:
            raise InputError(
                f"{display_path(other)} and {display_path(path)} would both be the named "
                f"graph <{iri}> (a graph is named by its data folder's name and the path "
                "inside it): rename one of the folders"
            )
        owner[iri] = path
        out.append((path, root, iri))
    return out


def file_of_graph(identifier: object, files: Mapping[str, Path] | None = None) -> str:
    """The display name of the file a named graph was loaded from (``files`` maps graph
    names to files; a store made before stable names used ``file:`` IRIs)."""
    text = str(getattr(identifier, "identifier", identifier))
    if files and text in files:
        return display_path(files[text])
    if text.startswith("file://"):
        return display_path(Path(unquote(urlparse(text).path)))
    return text
