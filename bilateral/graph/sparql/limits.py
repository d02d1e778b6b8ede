"""The safety limits of a query (defaults and size parsing); imports nothing heavy, so the
CLI can show them in its help without loading rdflib.

>>> parse_size("1G"), parse_size("512 MiB"), parse_size("4096")
(1073741824, 536870912, 4096)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "DEFAULT_BYTE_CAP",
    "DEFAULT_IDLE_TIMEOUT",
    "DEFAULT_MAX_CONNECTIONS",
    "DEFAULT_MAX_MEMORY",
    "DEFAULT_READ_TIMEOUT",
    "DEFAULT_ROW_CAP",
    "DEFAULT_TIMEOUT",
    "Limits",
    "format_size",
    "parse_size",
    "term_size",
]

DEFAULT_TIMEOUT = 30.0
DEFAULT_ROW_CAP = 100_000
DEFAULT_BYTE_CAP = 100 << 20  # 100 MiB of result terms
DEFAULT_MAX_MEMORY = 1 << 30  # the extra memory a query child may use
# the endpoint's connections (graph/sparql/connections.py)
DEFAULT_IDLE_TIMEOUT = 15.0  # seconds a connection may wait before its request begins
DEFAULT_READ_TIMEOUT = 10.0  # seconds for a request's line, headers and body to arrive
DEFAULT_MAX_CONNECTIONS = 256  # open at once; the next one is answered 503


@dataclass(frozen=True)
class Limits:
    """The limits an endpoint tells its clients of (its service description and its
    ``/limits`` page): seconds a query may take, rows and bytes of result terms, and,
    for a running endpoint, its connection limits (``connections.py``; ``None``: not
    said).

    >>> Limits(timeout=5).row_cap == DEFAULT_ROW_CAP
    True
    """

    timeout: float = DEFAULT_TIMEOUT
    row_cap: int = DEFAULT_ROW_CAP
    byte_cap: int = DEFAULT_BYTE_CAP
    max_connections: int | None = None
    idle_timeout: float | None = None
    read_timeout: float | None = None


def term_size(term: object) -> int:
    """What a result term counts against the byte cap: its whole written form, the
    datatype IRI and language tag of a literal included (an unbound cell: 0).

    >>> from rdflib import Literal, URIRef
    >>> term_size(URIRef("https://e.org/a")), term_size(None)
    (15, 0)
    >>> term_size(Literal("x", datatype=URIRef("https://e.org/" + "t" * 100)))
    115
    >>> term_size(Literal("hallo", lang="de"))
    7
    """
    if term is None:
        return 0
    size = len(str(term))
    datatype = getattr(term, "datatype", None)
    language = getattr(term, "language", None)
    return size + (len(datatype) if datatype else 0) + (len(language) if language else 0)


_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}


def parse_size(text: str) -> int:
    """A size such as ``1G``, ``512MiB``, ``100MB`` or ``4096`` in bytes (powers of 1024)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?\s*", text, re.IGNORECASE)
    if not m or float(m.group(1)) <= 0:
        raise ValueError(f"not a size: {text!r} (use e.g. 512M, 1G, 100MB)")
    return int(float(m.group(1)) * _UNITS[m.group(2).upper()])


def format_size(n: int) -> str:
    """``n`` bytes in the largest binary unit that fits.

    >>> format_size(256 << 20), format_size(1500)
    ('256 MiB', '1.46484 KiB')
    """
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:g} {unit}"
    return f"{n} bytes"
