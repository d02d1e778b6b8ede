"""Where a source's text is: ``bil:textFile`` resolved relative to the Turtle file that
declares it, inside the data folder that file was loaded from.

The data folder (the *root*) is the folder given with ``--data``, the folder of a file
given on its own, or the bundled data folder for the bundled dataset. A ``bil:textFile``
that is absolute, or that leaves its root (``..``, a symlink), is an error naming the
source, so data cannot make ``stats --coverage`` print another file. There is no
fallback to the bundled folder for your own data.

>>> from bilateral.graph.source.load import load
>>> from bilateral.ontology.namespace import BSRC
>>> text_file(load(), BSRC["ponars-memo-2021"]).name
'000_cdb1d46302525148.txt'
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from rdflib import Graph, Literal, URIRef

from bilateral.errors import InputError
from bilateral.graph.source.naming import STDIN, display_path
from bilateral.graph.source.regular import MAX_TEXT_BYTES
from bilateral.ontology.namespace import BIL

__all__ = [
    "MAX_TEXT_BYTES",
    "TextFileError",
    "read_text",
    "roots_of",
    "source_name",
    "text_file",
]


_SOURCE = "https://w3id.org/bilateral/source/"
_NAME_MAX = 255  # bytes in one file name: the limit of Linux, macOS and Windows file systems


def _cut(name: str) -> str:
    return name if len(name) <= 80 else name[:60] + "…" + name[-12:]


class TextFileError(InputError):
    """A ``bil:textFile`` that is absolute, leaves its data folder or cannot be read."""


def roots_of(g: Graph) -> dict[str, Path]:
    """The data folder of each named graph of a graph from ``load`` or the store."""
    return dict(getattr(g, "bilateral_roots", {}) or {})


def source_name(source: URIRef) -> str:
    """``bsrc:x`` for a source IRI of the bundled namespace, else ``<iri>``."""
    text = str(source)
    return "bsrc:" + text[len(_SOURCE) :] if text.startswith(_SOURCE) else f"<{text}>"


def _file_of(graph_id: object, files: dict[str, Path] | None) -> Path | None:
    """The file a named graph was loaded from (a store made before graphs had stable
    names used the file's ``file:`` IRI as the graph's name)."""
    text = str(getattr(graph_id, "identifier", graph_id))
    if files is not None and text in files:
        return None if str(files[text]) == STDIN else Path(files[text])
    if not text.startswith("file://"):
        return None
    return Path(unquote(urlparse(text).path))


def text_file(g: Graph, source: URIRef) -> Path | None:
    """The path of ``source``'s text (which may not exist), or None when no data folder
    declares it (a graph read from a remote endpoint or standard input, or a plain
    ``rdflib.Graph``).

    Raises ``TextFileError`` for an absolute path or one that leaves the data folder
    (after following symlinks).
    """
    roots = roots_of(g)
    files = getattr(g, "bilateral_files", None)
    quads = getattr(g, "quads", None)
    if quads is None:
        return None
    candidates: list[Path] = []
    for _, _, name, ctx in quads((source, BIL.textFile, None, None)):
        if not isinstance(name, Literal):
            continue
        declared = _file_of(ctx, files)
        if declared is None:
            continue
        graph = str(getattr(ctx, "identifier", ctx))
        # a store made before graphs had stable names keys roots by the file's IRI
        legacy = declared.as_uri() if declared.is_absolute() else None
        root = roots.get(graph) or (legacy and roots.get(legacy)) or declared.parent
        candidates.append(_inside(source, str(name), declared, Path(root)))
    for path in candidates:
        with contextlib.suppress(OSError, ValueError):
            if path.exists():
                return path
    return candidates[0] if candidates else None


def _inside(source: URIRef, name: str, declared: Path, root: Path) -> Path:
    shown = f'{source_name(source)}: bil:textFile "{_cut(name)}"'
    where = f"(declared in {display_path(declared)})"
    if not name.strip() or "\x00" in name:
        raise TextFileError(f"{shown} is not a file name {where}")
    if any(len(part.encode("utf-8", "surrogatepass")) > _NAME_MAX for part in Path(name).parts):
        raise TextFileError(
            f"{shown} has a name over {_NAME_MAX} bytes, more than a file system takes {where}"
        )
    if Path(name).is_absolute() or name.startswith("~"):
        raise TextFileError(
            f"{shown} is an absolute path; give a path relative to "
            f"{display_path(declared)}, the file that declares the source"
        )
    path = declared.parent / name
    real, real_root = Path(os.path.realpath(path)), Path(os.path.realpath(root))
    if not real.is_relative_to(real_root):
        raise TextFileError(
            f"{shown} points outside the data folder {display_path(root)} "
            f"(declared in {display_path(declared)})"
        )
    return path


def read_text(source: URIRef, path: Path) -> str:
    """The text at ``path`` (UTF-8): a regular file of at most ``MAX_TEXT_BYTES``."""
    shown = f"{source_name(source)}: source text {display_path(path)}"
    try:
        info = path.stat()
    except OSError as exc:
        raise TextFileError(f"{shown}: {exc.strerror}") from None
    import stat

    if not stat.S_ISREG(info.st_mode):
        raise TextFileError(f"{shown} is not a regular file")
    if info.st_size > MAX_TEXT_BYTES:
        raise TextFileError(f"{shown} is larger than {MAX_TEXT_BYTES >> 20} MiB")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TextFileError(f"{shown} cannot be read: {exc}") from None
