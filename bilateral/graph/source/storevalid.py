"""What a store remembers of its last successful validation (``.bilateral/valid.json``)
and of its triple count (``.bilateral/count.json``).

Validating a million triples takes tens of seconds; a store whose content has not
changed since it was found valid need not be validated again. The record holds the
``state`` the validator wants compared: the store's ``fingerprint`` when the validation
started (``storemeta.fingerprint``: the load generation and the database files, so a
write by another program is seen too), :func:`package_key` (the code, ontology, shapes
and queries that judged it) and anything else (the source texts it read). It is
written atomically and only after a validation found no problem. A load deletes the
records before it writes anything (``forget``), so a load that is interrupted cannot
leave a record behind.

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

import functools
import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from bilateral.graph.source.storemeta import (
    COUNT,
    META,
    VALID,
    cache_name,
    fingerprint,
    read,
    remove,
    write,
)

__all__ = ["COUNT", "VALID", "fingerprint", "forget", "package_key", "recalled", "record"]

#: the installed package: every file in it can change what a validation finds
PACKAGE = Path(__file__).resolve().parents[2]


def package_key(root: Path | None = None) -> str:
    """A digest of every file of the package at ``root`` (the installed ``bilateral``
    by default): its code, ontology, shapes, queries and bundled data, by relative
    path and content; compiled ``__pycache__`` files are left out. Computed once per
    process and folder (about 1.4 MB to read).

    >>> package_key() == package_key(PACKAGE) and len(package_key())
    64
    """
    return _digest(Path(root) if root is not None else PACKAGE)


@functools.lru_cache(maxsize=4)
def _digest(root: Path) -> str:
    digest = hashlib.sha256()
    files = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        files += [Path(folder) / n for n in names if not n.endswith((".pyc", ".pyo"))]
    for file in sorted(files):
        data = file.read_bytes()
        name = file.relative_to(root).as_posix()
        digest.update(f"{name}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()


def record(
    folder: Path, state: dict[str, Any], extra: dict[str, Any] | None = None, *, name: str = VALID
) -> bool:
    """Remember that the store in ``state`` was found valid (atomically); False when
    the folder cannot be written (a read-only copy: the next run validates again).
    ``name`` is the record's file (``COUNT``: the triple count, ``stats.triple_count``)."""
    body = {"state": state, "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"), **(extra or {})}
    return write(folder, name, json.dumps(body, sort_keys=True))


def recalled(folder: Path, state: dict[str, Any], *, name: str = VALID) -> dict[str, Any] | None:
    """The record of the last successful validation if it was made in ``state``, else
    None (no record, an unreadable one, or the store has changed since)."""
    try:
        body = json.loads(read(folder, name) or "")
    except ValueError:
        return None
    if not isinstance(body, dict) or body.get("state") != json.loads(json.dumps(state)):
        return None
    return body


def forget(folder: Path) -> None:
    """Delete the records and caches (a load calls this before it writes)."""
    remove(folder, VALID, COUNT)
    for cache in (folder / META).glob(cache_name("*")):
        remove(folder, cache.name)
