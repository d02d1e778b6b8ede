"""Which files a load reads: the data files of the paths given (folders scanned, the
bundled data by name), each with its data folder, and the other files skipped.

>>> found = scan(["bundled"])
>>> any(f.name == "actors.ttl" for f, _root in found.files)
True
>>> [p.name for p in found.skipped]  # the memo: a source text the data declares
['000_cdb1d46302525148.txt']
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from bilateral.errors import InputError
from bilateral.graph.source.naming import PACKAGE_DIR, STDIN, display_path, named
from bilateral.graph.source.parse import FORMATS, check_format
from bilateral.graph.source.regular import kind_of, stat_input

__all__ = [
    "BUNDLED",
    "BUNDLED_ACTORS",
    "DATA_DIR",
    "ONTOLOGY_FILE",
    "Found",
    "PathArg",
    "data_files",
    "data_roots",
    "declared_texts",
    "named_files",
    "scan",
    "skipped_note",
]

ONTOLOGY_FILE = PACKAGE_DIR / "ontology" / "bilateral.ttl"
DATA_DIR = PACKAGE_DIR / "data"
BUNDLED = "bundled"
#: the bundled actors alone (identity facts: type, labels, country), for another dyad's
#: data to reuse by IRI without re-declaring them or loading the Belarus–Russia statements
BUNDLED_ACTORS = "bundled-actors"

PathArg = str | PathLike[str]
#: files in data folders that look like RDF the loader will not read
_RDF_LOOKALIKES = {".rdf", ".owl", ".jsonld", ".n3", ".trix"}


@dataclass
class Found:
    """What :func:`scan` found: data files with their data folder (*root*), and the
    other files of the folders given (skipped unless the data declares them as texts)."""

    files: list[tuple[Path, Path]] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def _walk(folder: Path) -> list[Path]:
    """Every file under ``folder`` in sorted order, hidden files and folders left out,
    symbolic links to folders not followed; a folder that vanishes or cannot be listed
    while it is walked is passed over."""
    out: list[Path] = []
    for here, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        out.extend(Path(here) / n for n in names if not n.startswith("."))
    return sorted(out)


def _escapes(f: Path, root: Path) -> str | None:
    """Where the data file ``f`` really is, when a symbolic link takes it out of its
    data folder ``root``; else None."""
    real, real_root = os.path.realpath(f), os.path.realpath(root)
    if Path(real).is_relative_to(real_root):
        return None
    return real


def _link_out(f: Path, root: Path, real: str) -> InputError:
    return InputError(
        f"{f} is a symbolic link out of its data folder {root} "
        f"(to {real}): give that file or its folder itself, or copy the file in"
    )


def scan(paths: Iterable[PathArg] | None = None) -> Found:
    """Expand files, folders, ``-`` (standard input) and the words ``bundled``
    (the bundled dataset) and ``bundled-actors`` (only its actors file).

    Folders are searched recursively in sorted order for ``.ttl``, ``.nt``, ``.trig``
    and ``.nq`` files (hidden files and folders are ignored, and so are files that are
    not regular files or vanish while the folder is searched); a folder without any, a
    missing path, a file named on its own that is not one of them or not a regular file,
    or a data file that is a symbolic link leading out of its data folder is an
    ``InputError``.
    """
    items: list[PathArg] = [BUNDLED] if paths is None else list(paths)
    found = Found()
    stdin = 0
    for item in items or [BUNDLED]:
        if str(item) == STDIN:
            stdin += 1
            if stdin > 1:
                raise InputError("standard input (-) can be read only once")
            found.files.append((Path(STDIN), Path(STDIN)))
            continue
        if str(item) == BUNDLED_ACTORS:
            found.files.append((DATA_DIR / "belarus-russia" / "actors.ttl", DATA_DIR))
            continue
        path = DATA_DIR if str(item) == BUNDLED else Path(item)
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            raise InputError(f"no such file or folder: {path}") from None
        except (OSError, ValueError):
            mode = stat_input(path, "data").st_mode  # raises, saying why
        if stat.S_ISDIR(mode):
            here = []
            for f in _walk(path):
                try:
                    if not stat.S_ISREG(os.stat(f).st_mode):
                        continue
                except OSError:  # vanished, a dangling link, a loop of links
                    continue
                if f.suffix.lower() not in FORMATS:
                    found.skipped.append(f)
                    continue
                real = _escapes(f, path)
                if real is not None:
                    raise _link_out(f, path, real)
                here.append((f, path))
            if not here:
                raise InputError(f"no .ttl, .nt, .trig or .nq data files in folder {path}")
            found.files.extend(here)
        elif stat.S_ISREG(mode):
            check_format(path, explicit=True)
            real = _escapes(path, path.parent)
            if real is not None:
                raise _link_out(path, path.parent, real)
            found.files.append((path, path.parent))
        else:
            raise InputError(f"data file {path} is not a regular file ({kind_of(mode)})")
    seen: set[Path] = set()
    unique = []
    for f, root in found.files:
        key = f if str(f) == STDIN else f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append((f, root))
    found.files = unique
    return found


def data_roots(paths: Iterable[PathArg] | None = None) -> list[tuple[Path, Path]]:
    """The data files of :func:`scan`, with the data folder (*root*) each was found in:
    the folder given, the folder of a file given on its own, or the bundled data folder.
    A source's ``bil:textFile`` must stay inside its file's root."""
    return scan(paths).files


def data_files(paths: Iterable[PathArg] | None = None) -> list[Path]:
    """The data files to load (see :func:`scan`)."""
    return [f for f, _ in data_roots(paths)]


def named_files(files: Iterable[tuple[Path, Path]]) -> list[tuple[Path, Path, str]]:
    """The ontology and ``files`` with the named graph of each (``naming.py``); the
    ontology found among ``files`` (a folder holding the package) is loaded once."""
    own = ONTOLOGY_FILE.resolve()
    files = [(f, root) for f, root in files if str(f) == STDIN or f.resolve() != own]
    return named([(ONTOLOGY_FILE, ONTOLOGY_FILE.parent), *files], bundled=DATA_DIR, ontology=own)


def skipped_note(skipped: Sequence[Path], declared: Iterable[Path]) -> str | None:
    """The one line that says which files of the data folders were not read, or None.

    >>> note = skipped_note([Path("d/out/report.md"), Path("d/x.txt")], [Path("d/x.txt")])
    >>> note.split(": ")[-1], note.startswith("skipped 1 file in the data folders")
    ('d/out/report.md', True)
    """
    if not skipped:
        return None
    texts = {_real(p) for p in declared}
    left = [p for p in skipped if _real(p) not in texts]
    if not left:
        return None
    shown = ", ".join(display_path(p) for p in left[:3])
    if len(left) > 3:
        shown += f" and {len(left) - 3} more"
    one = len(left) == 1
    note = (
        f"skipped {len(left)} file{'' if one else 's'} in the data folders that "
        f"{'is' if one else 'are'} not RDF data (.ttl, .nt, .trig, .nq) or a source text "
        f"the data declares: {shown}"
    )
    if any(p.suffix.lower() in _RDF_LOOKALIKES for p in left):
        note += " (RDF/XML, JSON-LD and N3 are not read: convert them to Turtle)"
    return note


def _real(path: Path) -> str:
    """``os.path.realpath``, or the path as given when it is no file name (a NUL)."""
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return str(path)


def declared_texts(pairs: Iterable[tuple[object, object]], files: dict[str, Path]) -> list[Path]:
    """Where the ``(bil:textFile value, graph name)`` pairs point, beside their files."""
    out = []
    for value, graph in pairs:
        declared = files.get(str(getattr(graph, "identifier", graph)))
        if declared is not None and str(declared) != STDIN:
            out.append(declared.parent / str(value))
    return out
