"""Where a store keeps what it knows about itself: one ``.bilateral/`` folder.

A store folder holds Oxigraph's database files, the lock file ``.bilateral-lock``
(``storelock.py``: old versions lock the same file, so a reader of an older bilateral
and a load by this one still exclude each other) and the folder ``.bilateral/``:

- ``store``: the marker that says the folder is a bilateral store;
- ``gate``: the second lock, that a load closes to new readers while it waits;
- ``loading.json``: the journal of a load under way (``storelock.journal``);
- ``generation``: changes with every finished load (``storelock.bump_generation``);
- ``roots.json``: the file and data folder of each named graph (``storefiles.py``);
- ``valid.json``, ``count.json``: the last successful validation and the triple
  count (``storevalid.py``);
- ``cache-{name}.json``: what queries and searches read once (``sparql/store_cache.py``).

Every record and cache is stamped with the store's :func:`fingerprint` and trusted
only while it is unchanged. Every file is written atomically (``bilateral/atomic.py``).
A store made before this folder existed (its files named ``.bilateral-store``,
``.bilateral-roots.json``…) is read through the old names, and the first load into it
moves them here (:func:`migrate`, under the loader's lock).

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> write(folder, GENERATION, "1")
True
>>> read(folder, GENERATION), sorted(p.name for p in folder.rglob("*"))
('1', ['.bilateral', 'generation'])
>>> len(fingerprint(folder))
64
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
from pathlib import Path

from bilateral.atomic import write_text
from bilateral.errors import InputError

__all__ = [
    "COUNT",
    "GATE",
    "GENERATION",
    "JOURNAL",
    "LOCK",
    "MARKER",
    "META",
    "ROOTS",
    "VALID",
    "StoreFullError",
    "cache_name",
    "disk_full",
    "exists",
    "fingerprint",
    "full",
    "migrate",
    "must_write",
    "path",
    "read",
    "remove",
    "write",
]

META = ".bilateral"  # the folder of all metadata
LOCK = ".bilateral-lock"  # beside it: see the module doc

MARKER = "store"
GATE = "gate"  # closed by a load waiting for readers (``storelock.py``)
JOURNAL = "loading.json"
GENERATION = "generation"
ROOTS = "roots.json"
VALID = "valid.json"
COUNT = "count.json"

#: the names these files had before the folder (a store of an older version)
_OLD = {
    MARKER: ".bilateral-store",
    JOURNAL: ".bilateral-loading",
    GENERATION: ".bilateral-generation",
    ROOTS: ".bilateral-roots.json",
}
_UNSTABLE = ("LOG", "LOCK")  # RocksDB's info log and lock file change when it is opened


def cache_name(name: str) -> str:
    """The file of the cache ``name`` (``"search"``, ``"hierarchy"``)."""
    return f"cache-{name}.json"


def path(folder: Path, name: str) -> Path:
    """Where the metadata file ``name`` of the store at ``folder`` is."""
    return folder / META / name


def _candidates(folder: Path, name: str) -> list[Path]:
    return [path(folder, name), *([folder / _OLD[name]] if name in _OLD else [])]


def exists(folder: Path, name: str) -> bool:
    """Whether the metadata file ``name`` (or its old name) exists."""
    return any(candidate.is_file() for candidate in _candidates(folder, name))


def read(folder: Path, name: str) -> str | None:
    """The text of the metadata file ``name`` (its old name in a store not yet
    migrated), or None when there is none or it cannot be read."""
    for candidate in _candidates(folder, name):
        try:
            return candidate.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError):
            return None
    return None


def write(folder: Path, name: str, text: str) -> bool:
    """Write the metadata file ``name`` atomically; False when the folder cannot be
    written (a read-only copy of a store keeps nothing)."""
    try:
        (folder / META).mkdir(exist_ok=True)
        write_text(path(folder, name), text)
    except OSError:
        return False
    return True


class StoreFullError(InputError):
    """The disk that holds a store is full, or the store's files reached a size limit."""


_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` says the disk is full (also when Oxigraph, which gives no errno,
    words it: ``IO error: No space left on device: …``)."""
    if isinstance(exc, OSError) and exc.errno in _FULL:
        return True
    text = str(exc)
    return any(os.strerror(code) in text for code in _FULL)


def full(folder: Path, exc: BaseException) -> StoreFullError:
    """The error for a store whose disk is full."""
    why = next((os.strerror(c) for c in _FULL if os.strerror(c) in str(exc)), None)
    if why is None and isinstance(exc, OSError):
        why = exc.strerror
    return StoreFullError(f"the disk that holds store {folder} is full ({why or exc})")


def must_write(folder: Path, name: str, text: str, what: str) -> None:
    """Write the metadata file ``name`` atomically or raise: ``StoreFullError`` on a
    full disk, else ``InputError`` naming ``what`` and why."""
    try:
        (folder / META).mkdir(exist_ok=True)
        write_text(path(folder, name), text)
    except OSError as exc:
        if disk_full(exc):
            raise full(folder, exc) from None
        raise InputError(
            f"cannot write store {folder}: cannot write its {what} ({exc.strerror or exc})"
        ) from None


def remove(folder: Path, *names: str) -> None:
    """Delete the metadata files ``names`` (and their old names) if they exist."""
    for name in names:
        for candidate in _candidates(folder, name):
            with contextlib.suppress(FileNotFoundError):
                candidate.unlink()


def migrate(folder: Path) -> list[str]:
    """Move the metadata of a store made before ``.bilateral/`` into it (call with the
    loader's lock held); the old names moved. Old records and caches are deleted:
    they were stamped another way, and are rebuilt when next needed."""
    moved: list[str] = []
    for name, old in _OLD.items():
        text = read(folder, name) if (folder / old).exists() else None
        if text is None:
            continue
        if not path(folder, name).exists() and not write(folder, name, text):
            return moved  # a folder that cannot be written: nothing to migrate into
        (folder / old).unlink()
        moved.append(old)
    for leftover in [*folder.glob(".bilateral-*"), *folder.glob(".cache-*.tmp")]:
        if leftover.name != LOCK and leftover.is_file():
            with contextlib.suppress(OSError):
                leftover.unlink()
    return moved


def fingerprint(folder: Path) -> str:
    """A digest of the store's load generation and of the name, size and modification
    time of each of the database's own files.

    Every finished load changes the generation; a write by another program through
    Oxigraph (an insert, a bulk load, a graph removed) adds to the write-ahead log or
    adds table files and rewrites the MANIFEST, so it changes the files. Reading the
    store changes neither (RocksDB's info ``LOG`` and ``LOCK`` are left out). It stats
    a few dozen files: well under a millisecond on a million triples.
    """
    files = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith(".") or name.startswith(_UNSTABLE) or not entry.is_file():
                continue
            st = entry.stat()
            files.append([name, st.st_size, st.st_mtime_ns])
    generation = (read(folder, GENERATION) or "").strip()
    body = json.dumps([generation, sorted(files)]).encode("utf-8")
    return hashlib.sha256(body).hexdigest()
