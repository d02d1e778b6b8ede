"""Named queries shipped in ``bilateral/queries``: the competency questions and more.

Each file ``NAME.rq`` starts with a ``# question: ...`` line.

>>> "cq-loans" in named_queries()
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bilateral.errors import UnknownNameError

__all__ = ["QUERIES_DIR", "NamedQuery", "get_named", "named_queries"]

QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"


@dataclass(frozen=True)
class NamedQuery:
    """A shipped query and the question it answers."""

    name: str
    question: str
    text: str


@lru_cache(maxsize=1)
def named_queries() -> dict[str, NamedQuery]:
    """All named queries by name, sorted."""
    out = {}
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        question = ""
        for line in text.splitlines():
            if line.startswith("# question:"):
                question = line.split(":", 1)[1].strip()
                break
        out[path.stem] = NamedQuery(path.stem, question, text)
    return out


def get_named(name: str) -> NamedQuery:
    """The named query ``name``; an unknown name lists the close candidates."""
    queries = named_queries()
    if name in queries:
        return queries[name]
    close = [n for n in queries if name.lower() in n or n.endswith(name.lower())]
    hint = ", ".join(close or list(queries))
    raise UnknownNameError(f"no named query {name!r}; choose one of: {hint}")
