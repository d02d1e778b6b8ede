"""Which file each named graph of a store came from, and the graphs a quad file holds.

The store keeps ``.bilateral/roots.json`` (``storemeta.py``): for each graph, the file it was
loaded from and that file's data folder (``bil:textFile`` resolution, ``validate``'s
``file:line`` messages, replacing a file's graphs when it is loaded again). A store
written before graphs had stable names kept ``{file IRI: folder}``; it still reads.

>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> reg = Registry()
>>> reg.put("https://w3id.org/bilateral/graph/kg/a.ttl", Path("/d/kg/a.ttl"), Path("/d/kg"))
>>> reg.save(folder)
True
>>> Registry.read(folder).files
{'https://w3id.org/bilateral/graph/kg/a.ttl': PosixPath('/d/kg/a.ttl')}
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

from bilateral.errors import DataSyntaxError
from bilateral.graph.source.bounds import (
    MAX_DEPTH,
    MAX_TERM_BYTES,
    Triple,
    bnode_edges,
    line_in_file,
    long_token_line,
    nesting_depth,
    nesting_line_of_file,
    term_too_long,
    too_deep,
    too_long,
)
from bilateral.graph.source.storemeta import ROOTS, read, write

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = [
    "Registry",
    "check_bounds",
    "lines_within",
    "ox_error",
    "quad_graphs",
]


@dataclass
class Registry:
    """Graph name → file it was loaded from, and → that file's data folder."""

    files: dict[str, Path] = field(default_factory=dict)
    roots: dict[str, Path] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> Registry:
        try:
            data = json.loads(read(folder, ROOTS) or "")
        except ValueError:
            return cls()  # a store made before roots were kept: each file's folder is its root
        reg = cls()
        if not isinstance(data, dict):
            return reg
        graphs = data.get("graphs")
        if isinstance(graphs, dict):
            for name, entry in graphs.items():
                if isinstance(entry, dict) and isinstance(entry.get("file"), str):
                    reg.put(str(name), Path(entry["file"]), Path(str(entry.get("root", ""))))
            return reg
        for key, root in data.items():  # the old format: {file IRI (the graph): folder}
            if isinstance(root, str) and str(key).startswith("file://"):
                reg.put(str(key), Path(unquote(urlparse(str(key)).path)), Path(root))
        return reg

    def put(self, graph: str, file: Path, root: Path) -> None:
        self.files[graph], self.roots[graph] = file, root

    def drop(self, graph: str) -> None:
        self.files.pop(graph, None)
        self.roots.pop(graph, None)

    def graphs_of(self, file: Path) -> set[str]:
        """The graphs loaded from ``file`` (compared after resolving both)."""
        real = os.path.realpath(file)
        return {g for g, f in self.files.items() if os.path.realpath(f) == real}

    def save(self, folder: Path) -> bool:
        """Write the registry into the store at ``folder`` (atomically); False when
        the folder cannot be written."""
        graphs = {
            g: {"file": str(self.files[g]), "root": str(self.roots.get(g, ""))}
            for g in sorted(self.files)
        }
        return write(folder, ROOTS, json.dumps({"graphs": graphs}))


def quad_graphs(path: Path, fmt: ox.RdfFormat, own: str, name: str) -> list[str]:
    """The graphs a TriG or N-Quads file fills (``own`` for its triples outside any
    graph), read with Oxigraph's streaming parser before the file is loaded, so that
    they can be cleared first and dropped again if the load fails."""
    import pyoxigraph as ox

    found: dict[str, None] = {}
    try:
        with path.open("rb") as fh:
            head = fh.read(3)
            if head != b"\xef\xbb\xbf":
                fh.seek(0)
            for quad in ox.parse(fh, format=fmt, base_iri=own):
                graph = quad.graph_name
                if isinstance(graph, ox.BlankNode):
                    raise DataSyntaxError(
                        "a graph named by a blank node; name each graph with an IRI", file=name
                    )
                found[own if isinstance(graph, ox.DefaultGraph) else graph.value] = None
    except MemoryError:  # Oxigraph stops at a 16 MiB token; our limit is lower
        raise too_long(name, long_token_line(path)) from None
    except (SyntaxError, ValueError, OSError) as exc:
        raise ox_error(exc, name) from None
    return list(found) or [own]


def ox_error(exc: Exception, name: str) -> DataSyntaxError:
    """Oxigraph's parse error as one line naming file and line."""
    import re

    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    match = re.search(r"line (\d+)", text)  # Oxigraph counts lines from 1
    line = int(match.group(1)) if match else None
    return DataSyntaxError(f"syntax error: {text}", file=name, line=line)


def check_bounds(
    store: ox.Store, graph: ox.NamedNode, path: Path, name: str, *, line_based: bool = False
) -> None:
    """The limits of ``graph/source/bounds.py`` on a graph just bulk-loaded: one scan in
    Oxigraph for long terms and for blank-node subjects (their nesting depth).

    ``line_based`` (N-Triples, N-Quads): the file is read first (0.2 s for 1M triples
    against 7 s for the scan) and the scan is skipped when no line is long enough to
    hold a long term and no ``_:`` stands anywhere, so no subject is a blank node.
    """
    import pyoxigraph as ox

    k = MAX_TERM_BYTES // 4  # characters: a longer term may be over the limit in bytes
    if line_based and lines_within(path, k - 65536):  # room for a base IRI resolved
        return
    rows = store.query(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} "
        f"FILTER(isBlank(?s) || STRLEN(STR(?o)) > {k} || STRLEN(STR(?s)) > {k} "
        f"|| STRLEN(STR(?p)) > {k}) }}"
    )
    blank: list[Triple] = []
    assert isinstance(rows, ox.QuerySolutions)  # a SELECT
    for s, p, o in (tuple(r) for r in rows):
        for term in (s, p, o):
            value = getattr(term, "value", "")
            if len(value) > k and term_too_long(value):
                raise too_long(name, line_in_file(path, value))
        if isinstance(s, ox.BlankNode):
            blank.append((s, p, o))
    edges = bnode_edges(
        blank, is_blank=lambda t: isinstance(t, ox.BlankNode), iri=lambda t: getattr(t, "value", "")
    )
    if edges and nesting_depth(edges) > MAX_DEPTH:
        raise too_deep(name, nesting_line_of_file(path))


def lines_within(path: Path, k: int) -> bool:
    r"""True when the N-Triples or N-Quads file ``path`` has no line over ``k`` bytes and
    no ``_:``. Oxigraph's parser allows one statement per line and no raw line break in
    a literal (a term never spans lines), and a term takes at least as many bytes in
    the file as it has characters: no term then has over ``k`` characters, and no
    blank node stands in the file.

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "a.nt"
    >>> _ = f.write_bytes(b"<http://a> <http://b> <http://c> .\n")
    >>> lines_within(f, 100), lines_within(f, 10)
    (True, False)
    >>> _ = f.write_bytes(b"_:x <http://b> <http://c> .\n")
    >>> lines_within(f, 100)
    False
    """
    run = longest = 0
    last = b""
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 22):
            if b"_:" in last + chunk:
                return False
            last = chunk[-1:]
            pieces = chunk.split(b"\n")
            if len(pieces) == 1:
                run += len(chunk)
            else:
                longest = max(longest, run + len(pieces[0]), *map(len, pieces[1:-1]))
                run = len(pieces[-1])
            if max(longest, run) > k:
                return False
    return True
