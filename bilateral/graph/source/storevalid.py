"""What a store remembers of its last successful validation (``.bilateral-valid.json``).

Validating a million triples takes tens of seconds; a store whose content has not
changed since it was found valid need not be validated again. The record holds the
store's *fingerprint* when the validation started, and anything else the validator
wants compared (``state``: its rules, the source texts it read). It is written
atomically (temp file + rename) and only after a validation found no problem.

The fingerprint is the load generation (``storelock.bump_generation``: every finished
load by bilateral) and the name, size and modification time of each of the
database's own files: a write by another program through Oxigraph (an insert, a bulk
load, a graph removed) adds to the write-ahead log or adds table files and rewrites the
MANIFEST, so it changes the fingerprint too. Reading the store changes none of these
(RocksDB's info ``LOG`` is left out). Computing it stats a few dozen files: well under
a millisecond on the 1M-triple store. A load also deletes the record before it writes
anything (``forget``), so a load that is interrupted cannot leave a record behind.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> state = {"store": fingerprint(folder)}
>>> record(folder, state, {"triples": 3})
True
>>> recalled(folder, state)["triples"]
3
>>> (folder / "000001.log").write_bytes(b"x") and recalled(folder, {"store": fingerprint(folder)})
>>> forget(folder); recalled(folder, state) is None
True
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from pathlib import Path
from typing import Any

from bilateral.graph.source.storelock import generation

__all__ = ["COUNT", "VALID", "fingerprint", "forget", "recalled", "record"]

VALID = ".bilateral-valid.json"
COUNT = ".bilateral-count.json"  # the distinct triple count, under the same fingerprint
_UNSTABLE = ("LOG", "LOCK")  # RocksDB's info log and lock file change when it is opened


def fingerprint(folder: Path) -> dict[str, Any]:
    """The store's load generation and the (name, size, mtime in ns) of each database
    file: any write to the store, by bilateral or another program, changes it."""
    files = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith(".") or name.startswith(_UNSTABLE) or not entry.is_file():
                continue
            st = entry.stat()
            files.append([name, st.st_size, st.st_mtime_ns])
    return {"generation": generation(folder), "files": sorted(files)}


def record(
    folder: Path, state: dict[str, Any], extra: dict[str, Any] | None = None, *, name: str = VALID
) -> bool:
    """Remember that the store in ``state`` was found valid (atomically); False when
    the folder cannot be written (a read-only copy: the next run validates again).
    ``name`` is the record's file (``COUNT``: the triple count, ``stats.triple_count``)."""
    body = {"state": state, "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"), **(extra or {})}
    tmp = folder / f"{name}.{os.getpid()}.{threading.get_ident()}.tmp"  # the endpoint's threads
    try:
        tmp.write_text(json.dumps(body, sort_keys=True), encoding="utf-8")
        os.replace(tmp, folder / name)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False
    return True


def recalled(folder: Path, state: dict[str, Any], *, name: str = VALID) -> dict[str, Any] | None:
    """The record of the last successful validation if it was made in ``state``, else
    None (no record, an unreadable one, or the store has changed since)."""
    try:
        body = json.loads((folder / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(body, dict) or body.get("state") != json.loads(json.dumps(state)):
        return None
    return body


def forget(folder: Path) -> None:
    """Delete the records (a load calls this before it writes)."""
    for name in (VALID, COUNT):
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()
