"""Who may use a store folder at a time, and what a killed load leaves behind.

Oxigraph's read-only handle must not be open while another process writes the store
("undefined behaviour": stale data, ``.sst not found``, ``Corruption … MANIFEST``). So a
load holds an exclusive lock on ``.bilateral-lock`` and readers hold shared locks
(``flock``): a reader that finds a load under way is told so at once, and a load waits
for the readers to finish (up to ``wait`` seconds). A load first closes the gate
``.bilateral/gate`` (another ``flock``, that readers pass on their way in), so readers
that arrive while it waits are told at once instead of keeping it out forever: a
steady stream of queries on ``serve --store`` cannot starve a load. The kernel drops
a killed process's lock, so no stale lock file can block anyone.

Before each file a load writes the journal ``.bilateral/loading.json`` (the file and
its graph) and removes it when the whole load has finished: a journal without a loader
means an interrupted load. Readers refuse such a store (it holds half a file); the
next load clears that graph and deletes the bulk loader's orphaned ``bulk-*.sst``
files. Each finished load bumps ``.bilateral/generation``, so a long-running reader
(the endpoint) knows to reopen its handle (``storemeta.py`` has the folder's layout).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO

from bilateral.errors import InputError
from bilateral.graph.source.storemeta import (
    GATE,
    GENERATION,
    JOURNAL,
    LOCK,
    META,
    exists,
    must_write,
    path,
    read,
    remove,
)

__all__ = [
    "LOCK",
    "StoreBusyError",
    "bump_generation",
    "exclusive",
    "generation",
    "interrupted",
    "journal",
    "reclaim_orphans",
    "shared",
]


class StoreBusyError(InputError):
    """The store is being loaded by another process (try again when it has finished)."""


def _open_lock(folder: Path) -> IO[str] | None:
    try:
        return open(folder / LOCK, "a+", encoding="utf-8")  # noqa: SIM115 - the caller keeps it
    except OSError:
        return None  # a read-only folder: nobody can be writing it


def _open_gate(folder: Path, *, create: bool) -> IO[str] | None:
    """The gate file (a loader creates it; a store no load has touched since it was
    migrated has none, and readers then need none)."""
    try:
        if create:
            (folder / META).mkdir(exist_ok=True)
        return open(path(folder, GATE), "a+" if create else "r", encoding="utf-8")  # noqa: SIM115
    except OSError:
        return None


def shared(folder: Path) -> IO[str] | None:
    """Take a reader's lock on the store at ``folder`` and return it (close it to let
    go); ``StoreBusyError`` while a load holds the store or waits for it."""
    fh = _open_lock(folder)
    if fh is None:
        return None
    gate = _open_gate(folder, create=False)
    try:
        if gate is not None:
            fcntl.flock(gate, fcntl.LOCK_SH | fcntl.LOCK_NB)  # no load waiting
        fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        raise StoreBusyError(
            f"store {folder} is being loaded by another process; "
            "try again when the load has finished"
        ) from None
    finally:
        if gate is not None:
            gate.close()  # through the gate: a load may close it behind this reader
    return fh


@contextlib.contextmanager
def exclusive(folder: Path, *, wait: float = 60.0) -> Iterator[None]:
    """Hold the loader's lock on ``folder``, waiting up to ``wait`` s for readers."""
    fh = _open_lock(folder)
    gate = _open_gate(folder, create=True)
    if fh is None or gate is None:
        if fh is not None:
            fh.close()
        raise InputError(f"cannot write store {folder}: cannot create its lock files")
    deadline = time.monotonic() + wait
    try:
        for held in (gate, fh):  # close the gate to new readers, then wait for the others
            while True:
                try:
                    fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise InputError(
                            f"store {folder} is in use by another process (a load, or a "
                            "reader such as a running command, a served endpoint or a "
                            "notebook); try again when it has finished"
                        ) from None
                    time.sleep(0.1)
        yield
    finally:
        fh.close()  # releases the lock
        gate.close()


def journal(folder: Path, entry: dict[str, str] | None) -> None:
    """Record the file a load is about to load (``None``: the load has finished)."""
    if entry is None:
        remove(folder, JOURNAL)
    else:
        must_write(folder, JOURNAL, json.dumps(entry), "load journal")


def interrupted(folder: Path) -> dict[str, str] | None:
    """The journal entry of an interrupted load, if any (call with a lock held)."""
    text = read(folder, JOURNAL)
    if text is None:  # none, or one that cannot be read: the load is not known
        return {"file": "(unknown file)", "graph": ""} if exists(folder, JOURNAL) else None
    try:
        entry = json.loads(text)
    except ValueError:
        return {"file": "(unknown file)", "graph": ""}
    if not isinstance(entry, dict):
        return {"file": "(unknown file)", "graph": ""}
    return {str(k): str(v) for k, v in entry.items()}


def reclaim_orphans(folder: Path) -> list[str]:
    """Delete the bulk loader's temporary files left by a killed load (call while
    holding the loader's lock and Oxigraph's own: no bulk load can be running)."""
    removed = []
    for leftover in sorted(folder.glob("bulk-*")):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover.name)
    return removed


def generation(folder: Path) -> str:
    """The store's load generation (changes with every finished load)."""
    return (read(folder, GENERATION) or "").strip()


def bump_generation(folder: Path) -> None:
    """Mark a finished load, for readers that keep a handle open."""
    must_write(folder, GENERATION, f"{time.time_ns()}-{os.getpid()}\n", "generation")


def describe(entry: Mapping[str, str]) -> str:
    """``file`` of a journal entry, for messages."""
    return str(entry.get("file") or "(unknown file)")
