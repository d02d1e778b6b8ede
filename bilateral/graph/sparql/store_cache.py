"""What a store's queries and searches need to know, read once and kept in the store's
metadata folder as JSON (``.bilateral/cache-{name}.json``; never pickle: a file there
must not be able to run code).

Each entry is stamped with the store's fingerprint (``source/storemeta.fingerprint``:
the load generation and the database files), so the first use after a load, or after
a write by another program, rebuilds it. It is also kept on the open graph, so a
long-running process (the endpoint, a notebook) reads the file once per change. A
read-only folder keeps nothing and rebuilds each time.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from bilateral.graph.source.handle import store_path
from bilateral.graph.source.storemeta import cache_name, fingerprint, read, write

__all__ = ["cached"]

Data = dict[str, Any]


def cached(g: object, name: str, version: int, build: Callable[[], Data]) -> Data:
    """The JSON-able data ``build()`` gives for the store behind ``g``, from its cache
    ``name`` when that was made at this fingerprint with this ``version`` of the
    format; ``g`` must be a store's graph."""
    folder = store_path(g)
    assert folder is not None, "cached() is for graphs opened from a store"
    stamp = fingerprint(folder)
    attribute = f"_bilateral_cache_{name}"
    kept: tuple[str, Data] | None = getattr(g, attribute, None)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    data = _stored(read(folder, cache_name(name)), version, stamp)
    if data is None:
        data = build()
        content = {"version": version, "stamp": stamp, "data": data}
        write(folder, cache_name(name), json.dumps(content, ensure_ascii=False))
    setattr(g, attribute, (stamp, data))
    return data


def _stored(text: str | None, version: int, stamp: str) -> Data | None:
    """The data of a cache file's ``text`` if it has this version and stamp."""
    try:
        stored = json.loads(text or "")
    except ValueError:
        return None
    if not isinstance(stored, dict) or (stored.get("version"), stored.get("stamp")) != (
        version,
        stamp,
    ):
        return None
    data = stored.get("data")
    return data if isinstance(data, dict) else None
