"""Where a node is written: the file that describes it and the line where it is first a
subject (else first mentioned), for the one-line messages of ``validate``.

Many violations in one large file are located in one pass over it: each file is read
once and indexed by the first token of each line (and, if needed, by every ``bid:``,
``bsrc:``, ``bil:`` name and ``<IRI>`` it mentions), not searched once per violation.
On a store, the files of all the nodes come from one query.

>>> from pathlib import Path
>>> from bilateral.graph.source.load import load
>>> g = load([Path(__file__).parents[3] / "tests" / "data" / "tiny"])
>>> from rdflib import URIRef
>>> Locator(g).locate(URIRef("https://w3id.org/bilateral/id/tiny-loan"))
('tests/data/tiny/tiny.ttl', 15)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node

from bilateral.graph.source.load import PACKAGE_DIR, file_of_graph, files_of
from bilateral.graph.source.read import native_store

__all__ = ["Locator", "short"]

_PREFIXES = {
    "https://w3id.org/bilateral/id/": "bid:",
    "https://w3id.org/bilateral/source/": "bsrc:",
    "https://w3id.org/bilateral/ontology#": "bil:",
}
_FIRST_TOKEN = re.compile(r"\s*(\S+)")
_NAME_TOKEN = re.compile(r"(?:^|(?<=[\s;,(]))((?:bid|bsrc|bil):[^\s;,()]*)")
_IRI_TOKEN = re.compile(r"<[^<>]*>")
_FOLLOWERS = frozenset(" \t\r\n\f\v;,.)")


def short(node: Node | str) -> str:
    """``bid:belarus`` for a data IRI; blank nodes and other IRIs as N3."""
    from rdflib import Literal

    text = str(node)
    for base, prefix in _PREFIXES.items():
        if text.startswith(base):
            return prefix + text[len(base) :]
    if isinstance(node, Literal):
        return f'"{text}"'
    return node.n3() if isinstance(node, Node) else text


class _FileIndex:
    """The first line of each subject token and of each name mentioned, in one file."""

    def __init__(self, path: Path):
        try:
            self.lines: list[str] = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            self.lines = []
        self._subjects: dict[str, int] | None = None
        self._mentions: dict[str, int] | None = None

    def subject_line(self, names: tuple[str, ...]) -> int | None:
        if self._subjects is None:
            self._subjects = {}
            for number, line in enumerate(self.lines, start=1):
                m = _FIRST_TOKEN.match(line)
                if m is not None:
                    self._subjects.setdefault(m.group(1), number)
        found = [self._subjects[n] for n in names if n in self._subjects]
        return min(found) if found else None

    def mention_line(self, names: tuple[str, ...]) -> int | None:
        if self._mentions is None:
            self._mentions = {}
            setdefault = self._mentions.setdefault
            for number, line in enumerate(self.lines, start=1):
                if "<" in line:
                    for m in _IRI_TOKEN.finditer(line):
                        setdefault(m.group(0), number)
                if ":" not in line:
                    continue
                for m in _NAME_TOKEN.finditer(line):
                    token, end = m.group(1), m.end(1)
                    follower = line[end] if end < len(line) else " "
                    if follower in _FOLLOWERS:
                        setdefault(token, number)
                    for k, char in enumerate(token):
                        if char == ".":
                            setdefault(token[:k], number)
        found = [self._mentions[n] for n in names if n in self._mentions]
        return min(found) if found else None


class Locator:
    """Locates nodes of ``g`` (an in-memory dataset from ``load`` or a store's graph)."""

    def __init__(self, g: Graph):
        self.g = g
        self._files: dict[str, _FileIndex] = {}
        self._file_of: dict[str, str] = {}

    def prefetch(self, nodes: Iterable[Node]) -> None:
        """Find the files of many nodes at once (one query on a store)."""
        store = native_store(self.g)
        wanted = sorted({str(n) for n in nodes if isinstance(n, URIRef)} - set(self._file_of))
        if store is None or not wanted:
            return
        files = getattr(self.g, "bilateral_files", None)  # graph name -> file
        for position in ("?node ?p ?o", "?s ?p ?node"):
            left = [n for n in wanted if n not in self._file_of]
            for i in range(0, len(left), 5000):
                chunk = " ".join(f"<{n}>" for n in left[i : i + 5000])
                names: dict[str, set[str]] = {}
                for row in store.query(
                    f"SELECT DISTINCT ?node ?g WHERE {{ VALUES ?node {{ {chunk} }} "
                    f"GRAPH ?g {{ {position} }} }}"
                ):
                    names.setdefault(row[0].value, set()).add(file_of_graph(row[1].value, files))
                for node, found in names.items():
                    self._file_of[node] = sorted(found)[0]

    def _file(self, node: URIRef) -> str:
        key = str(node)
        if key not in self._file_of:
            if native_store(self.g) is not None:
                self.prefetch([node])
                self._file_of.setdefault(key, "")
            else:
                files = files_of(self.g, (node, None, None)) or files_of(self.g, (None, None, node))
                self._file_of[key] = files[0] if files else ""
        return self._file_of[key]

    def _index(self, name: str) -> _FileIndex:
        if name not in self._files:
            base = PACKAGE_DIR.parent / name if not Path(name).is_absolute() else Path(name)
            self._files[name] = _FileIndex(base if base.is_file() else Path(name))
        return self._files[name]

    def line_in(self, name: str, node: Node) -> int | None:
        """The line where ``node`` is first a subject (else first mentioned) in the file
        ``name``."""
        index = self._index(name)
        names = (short(node), f"<{node}>")
        line = index.subject_line(names)
        return line if line is not None else index.mention_line(names)

    def locate(self, node: Node) -> tuple[str, int | None]:
        """The file that describes ``node`` and the line where it is first a subject."""
        if not isinstance(node, URIRef):
            return "", None
        name = self._file(node)
        if not name:
            return "", None
        return name, self.line_in(name, node)
