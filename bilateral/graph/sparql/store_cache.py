"""What a store's queries and searches need to know, read once and kept in the store's
folder as JSON (never pickle: a file there must not be able to run code).

Each entry is stamped with the store's load time (the marker file that ``bilateral
load`` writes), so the first use after a load rebuilds it, and it is also kept on the
open graph, so a long-running process (the endpoint, a notebook) reads it once. A
read-only folder keeps nothing and rebuilds each time.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["cached"]


def _stamp(folder: Path) -> str:
    from bilateral.graph.source.store import MARKER

    return str((folder / MARKER).stat().st_mtime_ns)


def cached(
    g: Any,
    name: str,
    version: int,
    build: Callable[[], dict[str, Any]],
) -> dict[str, Any]:
    """The JSON-able data ``build()`` gives for the store behind ``g``, from the folder
    ``.bilateral-{name}.json`` when it is current; ``g`` must be a store's graph."""
    from bilateral.graph.source.store import store_path

    folder = store_path(g)
    assert folder is not None, "cached() is for graphs opened from a store"
    stamp = _stamp(folder)
    attribute = f"_bilateral_cache_{name}"
    kept = getattr(g, attribute, None)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    path = folder / f".bilateral-{name}.json"
    data: dict[str, Any] | None = None
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("version") == version and stored.get("stamp") == stamp:
            data = stored["data"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    if data is None:
        data = build()
        _save(path, {"version": version, "stamp": stamp, "data": data})
    setattr(g, attribute, (stamp, data))
    return data


def _save(path: Path, content: dict[str, Any]) -> None:
    """Write atomically (temp file, then rename); a read-only folder keeps nothing."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".cache-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(content, fh, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
