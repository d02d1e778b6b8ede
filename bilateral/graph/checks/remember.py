"""Validation remembered by the store: validate a store only when it has changed.

``validate`` records in the store folder (``source/storevalid.py``) that the store
was found valid, with the state it was in: the store's fingerprint (its load
generation and database files), the installed package's own files (``package_key``:
code, shapes, queries, ontology, bundled data) and the source texts the quote check
read (path, size, modification time). ``validate_once`` — what ``report`` runs first —
reuses that record when every part still matches, and validates otherwise. An
in-memory graph is always validated; a store with problems is never recorded as valid.

>>> import tempfile
>>> from pathlib import Path
>>> from bilateral.graph.source.store import load_store, open_dataset
>>> tiny = Path(__file__).parents[3] / "tests" / "data" / "tiny"
>>> folder = Path(tempfile.mkdtemp()) / "store"
>>> _ = load_store(folder, [tiny])
>>> validate_once(open_dataset(folder)).reused is None   # validated: nothing to reuse
True
>>> validate_once(open_dataset(folder)).reused is not None   # unchanged since
True
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bilateral.graph.source.store import store_path
from bilateral.graph.source.storevalid import fingerprint, package_key, recalled, record

if TYPE_CHECKING:
    from rdflib import Graph

    from bilateral.graph.checks.validate import Violation

__all__ = ["Validation", "remember", "remembered", "state_of", "validate_once"]


@dataclass
class Validation:
    """The problems found, or ``reused``: when the validation reused was made."""

    problems: list[Violation] = field(default_factory=list)
    reused: str | None = None


def state_of(g: Graph) -> dict[str, Any] | None:
    """What a validation of ``g`` depends on besides the source texts, or None for a
    graph that is not a store (see the module doc)."""
    folder = store_path(g)
    if folder is None:
        return None
    return {"store": fingerprint(folder), "rules": package_key()}


def _texts(g: Graph) -> list[list[str | int]]:
    """(path, size, mtime in ns) of each source text the quote check reads."""
    from rdflib import URIRef

    from bilateral.graph.checks.quotes import text_path
    from bilateral.ontology.namespace import BIL

    out: list[list[str | int]] = []
    for source in sorted({s for s in g.subjects(BIL.textFile) if isinstance(s, URIRef)}):
        path = text_path(g, source)
        if path is not None:
            st = os.stat(path)
            out.append([str(path), st.st_size, st.st_mtime_ns])
    return out


def remember(g: Graph, state: dict[str, Any]) -> bool:
    """Record that ``g`` (a store, in ``state`` when validated) has no problems."""
    folder = store_path(g)
    if folder is None:
        return False
    return record(folder, state, {"texts": _texts(g)})


def remembered(g: Graph) -> str | None:
    """When ``g`` (a store) was last found valid, if nothing it depends on has changed
    since; else None."""
    folder = store_path(g)
    state = state_of(g)
    if folder is None or state is None:
        return None
    body = recalled(folder, state)
    if body is None:
        return None
    try:
        texts = _texts(g)
    except OSError:  # a source text gone
        return None
    if texts != (body.get("texts") or []):
        return None  # a text changed, or one is now found where none was (or the reverse)
    return str(body.get("when") or "an earlier run")


def validate_once(g: Graph) -> Validation:
    """``validate(g)``'s errors and draft statements (other warnings do not stop
    ``report`` or ``push``: ``draft_checks.BLOCKS_OUTPUT``) unless the
    store behind ``g`` was found valid and has not changed since (``remembered``); then
    no problems and ``reused`` says when."""
    from bilateral.graph.checks.validate import validate

    when = remembered(g)
    if when is not None:
        return Validation([], when)
    from bilateral.graph.checks.draft_checks import BLOCKS_OUTPUT

    stops = [p for p in validate(g) if p.severity == "error" or p.rule in BLOCKS_OUTPUT]
    return Validation(stops)
