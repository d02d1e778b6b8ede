"""The persistent local store: an on-disk Oxigraph database, and loading files into it.

``load_store(DIR, files)`` streams Turtle, N-Triples, TriG and N-Quads files into ``DIR``
with Oxigraph's bulk loader, each file (and the ontology) into a named graph of its own,
named as in memory (``naming.py``; a TriG or N-Quads file keeps its graphs); a file
that fails is removed again and the error names file and line. ``open_store``
(``handle.py``) opens the store for reading. The store's own files are described in
``storemeta.py``.

>>> import tempfile
>>> folder = tempfile.mkdtemp() + "/store"
>>> report = load_store(folder, ["bundled"])
>>> report.triples > 1000
True
>>> from bilateral.ontology.namespace import BID
>>> with open_store(folder) as store:
...     (BID.belarus, None, None) in store.graph
True
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bilateral.errors import BilateralError, DataSyntaxError, InputError
from bilateral.graph.source.bounds import (
    long_token_line,
    nesting_line_of_file,
    too_deep,
    too_long,
)
from bilateral.graph.source.handle import (
    NotAStoreError,
    StoreHandle,
    is_store,
    open_dataset,
    open_store,
    store_path,
)
from bilateral.graph.source.load import (
    FORMATS,
    declared_texts,
    display_path,
    named_files,
    scan,
    skipped_note,
)
from bilateral.graph.source.regular import kind_of, mode_of
from bilateral.graph.source.storefiles import Registry, check_bounds, ox_error, quad_graphs
from bilateral.graph.source.storelock import exclusive, journal, reclaim_orphans
from bilateral.graph.source.storemeta import LOCK, StoreFullError, disk_full, full, migrate
from bilateral.graph.source.storevalid import forget
from bilateral.graph.source.storewrite import (
    clear_interrupted,
    drop,
    finish,
    node,
    open_for_writing,
    reclaim,
    undo_after_full,
)
from bilateral.progress import listener

if TYPE_CHECKING:
    import pyoxigraph as ox
    from _typeshed import WriteableBuffer

__all__ = [
    "LOCK",
    "NotAStoreError",
    "StoreHandle",
    "StoreReport",
    "is_store",
    "load_store",
    "open_dataset",
    "open_store",
    "store_path",
]

ProgressFn = Callable[[str, int, int], None]


@dataclass
class StoreReport:
    """What ``load_store`` loaded."""

    path: Path
    files: list[str] = field(default_factory=list)
    triples: int = 0
    recovered: list[str] = field(default_factory=list)  # files an interrupted load left half
    reclaimed: list[str] = field(default_factory=list)  # orphaned temporary files deleted
    notes: list[str] = field(default_factory=list)  # files of the folders that were skipped


class _Progress(io.RawIOBase):
    """A file reader that reports how many bytes were read (for progress bars)."""

    def __init__(self, fh: io.BufferedReader, callback: Callable[[int], None]) -> None:
        self._fh = fh
        self._callback = callback

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        n = self._fh.readinto(buffer)
        if n:
            self._callback(n)
        return n


def load_store(
    folder: str | os.PathLike[str],
    paths: Iterable[str | os.PathLike[str]],
    *,
    wait: float = 60.0,
) -> StoreReport:
    """Bulk-load files (or folders, or ``"bundled"``) into the store at ``folder``.

    Re-loading a file replaces its named graph, so a re-run converges. Whoever listens
    (``bilateral.progress``) hears ``(file, bytes_done, bytes_total)``. The load holds the store
    alone (``storelock.py``): it waits up to ``wait`` s for readers to finish, and first
    clears what an interrupted load left (its half-loaded graph, orphaned files). A
    store made by an older version has its metadata moved into ``.bilateral/`` first
    (``storemeta.migrate``).
    """
    target = Path(folder)
    mode = mode_of(target, "store folder")
    if mode is not None and not stat.S_ISDIR(mode):
        raise NotAStoreError(
            f"{target} is {kind_of(mode)}, not a folder; give a new or empty folder for the store"
        )
    if mode is not None and any(target.iterdir()) and not is_store(target):
        raise NotAStoreError(
            f"{target} exists and is not a bilateral store; choose an empty folder"
        )
    found = scan(list(paths))
    if any(str(f) == "-" for f, _ in found.files):
        raise InputError("a store loads files, not standard input: save it to a file first")
    rooted = named_files(found.files)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create store folder {target}: {exc.strerror or exc}") from None
    with exclusive(target, wait=wait):
        migrate(target)
        forget(target)  # the store is about to change: its last validation no longer holds
        store = open_for_writing(target)
        failure: BilateralError | None = None
        try:
            report = _load(store, target, rooted, listener())
            report.notes = _notes(store, target, found.skipped)
        except BilateralError as exc:
            # a copy without the traceback: the traceback's frames hold the writable
            # handle, and RocksDB keeps compacting (deleting files a reader about to
            # open expects) until the handle is gone
            failure = type(exc)(exc.message, file=exc.file, line=exc.line)
        except OSError as exc:  # Oxigraph's own writes: a full disk is the user's to fix
            if not disk_full(exc):
                raise
            failure = full(target, exc)
        if isinstance(failure, StoreFullError):
            reclaim(target)  # the bulk loader's files: most of the space
        del store  # closes the database before the lock is released
        if isinstance(failure, StoreFullError):
            failure = undo_after_full(target, failure)
        if failure is not None:
            raise failure
        return report


def _load(
    store: ox.Store,
    target: Path,
    rooted: list[tuple[Path, Path, str]],
    progress: ProgressFn | None,
) -> StoreReport:
    report = StoreReport(target)
    registry = Registry.read(target)
    left = clear_interrupted(store, target, registry)
    if left is not None:
        report.recovered.append(left)
    report.reclaimed = reclaim_orphans(target)
    try:
        for path, root, iri in rooted:
            _load_file(store, target, registry, path, root, iri, progress)
            registry.save(target)
            journal(target, None)  # this file is whole (removing needs no space)
            report.files.append(display_path(path))
        store.flush()
        report.triples = len(store)
    except StoreFullError:  # nothing more can be written: load_store undoes the file
        raise
    except BilateralError:  # the failed file was dropped again: the store is whole
        store.flush()
        registry.save(target)
        finish(target)
        raise
    finish(target)
    return report


def _load_file(
    store: ox.Store,
    target: Path,
    registry: Registry,
    path: Path,
    root: Path,
    iri: str,
    progress: ProgressFn | None,
) -> None:
    """Load one file into its graphs, replacing what it (or its graphs) held before."""
    import pyoxigraph as ox

    fmt = {
        "turtle": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
        "trig": ox.RdfFormat.TRIG,
        "nquads": ox.RdfFormat.N_QUADS,
    }[FORMATS[path.suffix.lower()]]
    name = display_path(path)
    total = path.stat().st_size
    if total < 65536 and not path.read_bytes().lstrip(b"\xef\xbb\xbf").strip():
        raise InputError(f"{name}: the file is empty")
    deep = nesting_line_of_file(path)  # refuse before loading: clearing is slow
    if deep is not None:
        raise too_deep(name, deep)
    quads = fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS)
    graphs = quad_graphs(path, fmt, iri, name) if quads else [iri]
    stale = registry.graphs_of(path) | set(graphs)  # its graphs now, and from its last load
    journal(target, {"file": name, "graph": " ".join(sorted(stale)), "pid": str(os.getpid())})
    present = _graphs(store)
    for graph in sorted(stale):
        if node(graph) in present:
            drop(store, node(graph))
        registry.drop(graph)
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(name, done, total)

    try:
        with path.open("rb") as raw:
            head = raw.read(3)
            if head != b"\xef\xbb\xbf":
                raw.seek(0)
            reader = io.BufferedReader(_Progress(raw, tick), buffer_size=1 << 20)
            store.bulk_load(reader, format=fmt, to_graph=node(iri), base_iri=iri)
        line_based = fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS)
        for graph in graphs:
            check_bounds(store, node(graph), path, name, line_based=line_based)
    except (SyntaxError, ValueError, OSError) as exc:
        if disk_full(exc):
            raise full(target, exc) from None  # load_store undoes the file
        _drop_all(store, graphs)
        raise ox_error(exc, name) from None
    except MemoryError:  # Oxigraph stops at a 16 MiB token; our limit is lower
        _drop_all(store, graphs)
        raise too_long(name, long_token_line(path)) from None
    except DataSyntaxError:
        _drop_all(store, graphs)
        raise
    for graph in graphs:
        registry.put(graph, path.resolve(), root.resolve())


def _drop_all(store: ox.Store, graphs: list[str]) -> None:
    for graph in graphs:
        drop(store, node(graph))


def _graphs(store: ox.Store) -> set[ox.NamedNode | ox.BlankNode]:
    return set(store.named_graphs())


def _notes(store: ox.Store, target: Path, skipped: list[Path]) -> list[str]:
    """The note on the files of the folders that were not loaded (see ``load``)."""
    if not skipped:
        return []
    import pyoxigraph as ox

    from bilateral.ontology.namespace import BIL

    registry = Registry.read(target)
    pairs = [
        (q.object.value, q.graph_name.value)
        for q in store.quads_for_pattern(None, node(str(BIL.textFile)), None, None)
        if isinstance(q.graph_name, ox.NamedNode) and isinstance(q.object, ox.Literal)
    ]
    note = skipped_note(skipped, declared_texts(pairs, registry.files))
    return [note] if note else []
