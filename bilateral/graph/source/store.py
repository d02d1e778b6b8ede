"""The persistent local store: an on-disk Oxigraph database.

``load_store(DIR, files)`` streams Turtle/N-Triples files into ``DIR`` with
Oxigraph's bulk loader, each file (and the ontology) into a named graph of its own;
a file that fails is removed again and the error names file and line. ``open_store``
gives an rdflib ``Dataset`` over the store (read-only, through oxrdflib), so every
command works from it without re-parsing, and SPARQL runs on Oxigraph's own engine.

>>> import tempfile
>>> folder = tempfile.mkdtemp() + "/store"
>>> report = load_store(folder, ["bundled"])
>>> report.triples > 1000
True
>>> g = open_store(folder)
>>> from bilateral.ontology.namespace import BID
>>> (BID.belarus, None, None) in g
True
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilateral.errors import BilateralError, DataSyntaxError, InputError
from bilateral.graph.source.bounds import (
    MAX_DEPTH,
    MAX_TERM_BYTES,
    bnode_edges,
    line_in_file,
    long_token_line,
    nesting_depth,
    nesting_line_of_file,
    term_too_long,
    too_deep,
    too_long,
)
from bilateral.graph.source.load import FORMATS, ONTOLOGY_FILE, data_roots, display_path
from bilateral.graph.source.storelock import (
    LOCK,
    bump_generation,
    describe,
    exclusive,
    interrupted,
    journal,
    reclaim_orphans,
    shared,
)

__all__ = [
    "LOCK",
    "StoreReport",
    "is_store",
    "load_store",
    "open_store",
    "store_path",
]

MARKER = ".bilateral-store"
ROOTS = ".bilateral-roots.json"  # the data folder of each loaded file (for bil:textFile)


@dataclass
class StoreReport:
    """What ``load_store`` loaded."""

    path: Path
    files: list[str] = field(default_factory=list)
    triples: int = 0
    recovered: list[str] = field(default_factory=list)  # files an interrupted load left half
    reclaimed: list[str] = field(default_factory=list)  # orphaned temporary files deleted


class _Progress(io.RawIOBase):
    """A file reader that reports how many bytes were read (for progress bars)."""

    def __init__(self, fh: Any, callback: Callable[[int], None]):
        self._fh = fh
        self._callback = callback

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self._fh.readinto(buffer)
        if n:
            self._callback(n)
        return int(n or 0)


def is_store(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a folder made by ``load_store``."""
    return (Path(path) / MARKER).is_file()


def store_path(g: Any) -> Path | None:
    """The folder of the store behind ``g``, or None for an in-memory graph."""
    value = getattr(g, "bilateral_store", None)
    return Path(value) if value else None


def _ox_error(exc: Exception, name: str) -> DataSyntaxError:
    import re

    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    match = re.search(r"line (\d+)", text)  # Oxigraph counts lines from 1
    line = int(match.group(1)) if match else None
    return DataSyntaxError(f"syntax error: {text}", file=name, line=line)


def load_store(
    folder: str | os.PathLike[str],
    paths: Iterable[str | os.PathLike[str]],
    *,
    progress: Callable[[str, int, int], None] | None = None,
    wait: float = 60.0,
) -> StoreReport:
    """Bulk-load files (or folders, or ``"bundled"``) into the store at ``folder``.

    Re-loading a file replaces its named graph, so a re-run converges. ``progress`` is
    called as ``progress(file, bytes_done, bytes_total)``. The load holds the store
    alone (``storelock.py``): it waits up to ``wait`` s for readers to finish, and first
    clears what an interrupted load left (its half-loaded graph, orphaned files).
    """
    target = Path(folder)
    if target.exists() and any(target.iterdir()) and not is_store(target):
        raise InputError(f"{target} exists and is not a bilateral store; choose an empty folder")
    rooted = [(ONTOLOGY_FILE, ONTOLOGY_FILE.parent), *data_roots(list(paths))]
    target.mkdir(parents=True, exist_ok=True)
    with exclusive(target, wait=wait):
        store = _open_for_writing(target)
        failure: BilateralError | None = None
        try:
            report = _load(store, target, rooted, progress)
        except BilateralError as exc:
            # a copy without the traceback: the traceback's frames hold the writable
            # handle, and RocksDB keeps compacting (deleting files a reader about to
            # open expects) until the handle is gone
            failure = type(exc)(exc.message, file=exc.file, line=exc.line)
        del store  # closes the database before the lock is released
        if failure is not None:
            raise failure
        return report


def _open_for_writing(target: Path) -> Any:
    import pyoxigraph as ox

    try:
        store = ox.Store(str(target))
    except Exception as exc:  # OSError, RuntimeError ("Corruption: …")
        text = _first_line(exc)
        if "lock" in text.lower():
            raise InputError(
                f"store {target} is in use by another process (close it and try again)"
            ) from None
        raise _damaged(target, exc) from None
    except BaseException as exc:  # pyo3 turns a Rust panic into a BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise _damaged(target, exc) from None
    (target / MARKER).write_text("bilateral persistent store (Oxigraph)\n", encoding="utf-8")
    return store


def _damaged(target: Path, exc: BaseException) -> InputError:
    return InputError(
        f"cannot open store {target}: it is damaged or not an Oxigraph store "
        f"({_first_line(exc)}); load the data into a new folder"
    )


def _load(
    store: Any,
    target: Path,
    rooted: list[tuple[Path, Path]],
    progress: Callable[[str, int, int], None] | None,
) -> StoreReport:
    import pyoxigraph as ox

    report = StoreReport(target)
    left = interrupted(target)
    if left is not None:
        if left.get("graph"):
            _drop(store, ox.NamedNode(left["graph"]))
        report.recovered.append(describe(left))
    report.reclaimed = reclaim_orphans(target)
    fmt = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
    try:
        for path, _ in rooted:
            name = display_path(path)
            graph = ox.NamedNode(path.resolve().as_uri())
            journal(target, {"file": name, "graph": graph.value, "pid": str(os.getpid())})
            if graph in _graphs(store):
                store.clear_graph(graph)
            total = path.stat().st_size
            if total < 65536 and not path.read_bytes().lstrip(b"\xef\xbb\xbf").strip():
                raise InputError(f"{name}: the file is empty")
            deep = nesting_line_of_file(path)  # refuse before loading: clearing is slow
            if deep is not None:
                raise too_deep(name, deep)
            done = 0

            def tick(n: int, _name: str = name, _total: int = total) -> None:
                nonlocal done
                done += n
                if progress:
                    progress(_name, done, _total)

            try:
                with path.open("rb") as raw:
                    head = raw.read(3)
                    if head != b"\xef\xbb\xbf":
                        raw.seek(0)
                    reader = io.BufferedReader(_Progress(raw, tick), buffer_size=1 << 20)
                    store.bulk_load(
                        reader,
                        format=fmt[FORMATS[path.suffix.lower()]],
                        to_graph=graph,
                        base_iri=path.resolve().as_uri(),
                    )
            except (SyntaxError, ValueError, OSError) as exc:
                _drop(store, graph)
                raise _ox_error(exc, name) from None
            except MemoryError:  # Oxigraph stops at a 16 MiB token; our limit is lower
                _drop(store, graph)
                raise too_long(name, long_token_line(path)) from None
            try:
                _check_bounds(store, graph, path, name)
            except DataSyntaxError:
                _drop(store, graph)
                raise
            report.files.append(name)
        _save_roots(target, {f.resolve().as_uri(): r.resolve() for f, r in rooted})
        store.flush()
        report.triples = len(store)
    except BilateralError:  # the failed file was dropped again: the store is whole
        store.flush()
        _finish(target)
        raise
    _finish(target)
    return report


def _finish(target: Path) -> None:
    journal(target, None)
    bump_generation(target)


def _drop(store: Any, graph: Any) -> None:
    store.clear_graph(graph)
    store.remove_graph(graph)


def _check_bounds(store: Any, graph: Any, path: Path, name: str) -> None:
    """The limits of ``graph/source/bounds.py`` on a graph just bulk-loaded: one scan in
    Oxigraph for long terms and for blank-node subjects (their nesting depth)."""
    import pyoxigraph as ox

    k = MAX_TERM_BYTES // 4  # characters: a longer term may be over the limit in bytes
    rows = store.query(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} "
        f"FILTER(isBlank(?s) || STRLEN(STR(?o)) > {k} || STRLEN(STR(?s)) > {k} "
        f"|| STRLEN(STR(?p)) > {k}) }}"
    )
    blank: list[tuple[Any, Any, Any]] = []
    for s, p, o in (tuple(r) for r in rows):
        for term in (s, p, o):
            value = getattr(term, "value", "")
            if len(value) > k and term_too_long(value):
                raise too_long(name, line_in_file(path, value))
        if isinstance(s, ox.BlankNode):
            blank.append((s, p, o))
    edges = bnode_edges(
        blank, is_blank=lambda t: isinstance(t, ox.BlankNode), iri=lambda t: t.value
    )
    if edges and nesting_depth(edges) > MAX_DEPTH:
        raise too_deep(name, nesting_line_of_file(path))


def _load_roots(folder: Path) -> dict[str, Path]:
    import json

    try:
        data = json.loads((folder / ROOTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # a store made before roots were kept: each file's own folder is its root
    if not isinstance(data, dict):
        return {}
    return {str(k): Path(v) for k, v in data.items() if isinstance(v, str)}


def _save_roots(folder: Path, roots: dict[str, Path]) -> None:
    import json

    merged = {**_load_roots(folder), **roots}
    tmp = folder / f"{ROOTS}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps({k: str(v) for k, v in sorted(merged.items())}), encoding="utf-8")
    os.replace(tmp, folder / ROOTS)


def _graphs(store: Any) -> set[Any]:
    return set(store.named_graphs())


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def open_store(folder: str | os.PathLike[str]) -> Any:
    """An rdflib ``Dataset`` (union default graph) over the store, read-only.

    The dataset holds a reader's lock on the store for as long as it lives (a load
    waits for it); a store being loaded, or left half-loaded by an interrupted load, or
    damaged, is an ``InputError``.
    """
    target = _checked(folder)
    lock = shared(target)
    try:
        _refuse_interrupted(target)
        ds = _dataset(target)
    except BaseException:
        if lock is not None:
            lock.close()
        raise
    ds.bilateral_lock = lock
    return ds


def _checked(folder: str | os.PathLike[str]) -> Path:
    target = Path(folder)
    if not target.is_dir():
        raise InputError(f"no store at {target}: create it with `bilateral load --store {target}`")
    if not is_store(target):
        raise InputError(f"{target} is not a bilateral store (made by `bilateral load --store`)")
    return target


def _refuse_interrupted(target: Path) -> None:
    left = interrupted(target)
    if left is not None:
        raise InputError(
            f"store {target} holds part of {describe(left)}: its load was interrupted; "
            f"run `bilateral load --store {target}` again (it clears that part first)"
        )


def _dataset(target: Path) -> Any:
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore
    from rdflib import Dataset

    try:
        inner = ox.Store.read_only(str(target))
    except Exception as exc:
        raise _damaged(target, exc) from None
    except BaseException as exc:  # a Rust panic
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise _damaged(target, exc) from None
    ds = Dataset(store=OxigraphStore(store=inner), default_union=True)
    ds.bilateral_store = str(target)  # type: ignore[attr-defined]
    ds.bilateral_roots = _load_roots(target)  # type: ignore[attr-defined]
    return ds
