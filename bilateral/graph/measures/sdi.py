"""The structural dependence index as pure maths: sensitivity × lack of alternatives, its
point value and its resampled distribution. No RDF here: the evidence comes in as items.

Per domain d, for "A on B":

* **sensitivity** S = the strongest of A's dependency statements on B in d (several
  statements do not add up: one source saying it twice is one piece of evidence);
* **substitutability** a = the best alternative to B the source names for A in d (0 when
  it says there is none); where it names none, a is unknown: the point value takes
  ``UNKNOWN_POINT`` and the draws range over [0, ``UNKNOWN_MAX``];
* **SDI** = S × (1 − a): vulnerability in Keohane & Nye's sense.

The point value counts a statement when its confidence is at least ``HOLDS`` (more
likely true than not) and takes curated values as they are. The draws count each
dependency with probability equal to its confidence and take its value uniformly within
its ordinal band (± ``HALF_BAND``): a hedged "critical" is then critical in some draws
and absent in others, never "certainly moderate". A hedged alternatives statement that
fails in a draw leaves the alternatives unknown there (a draw from the unknown range),
not absent. Each statement's randomness is seeded
from its own IRI, so adding unrelated statements changes no draw.

>>> cell = Cell([Item("s1", 0.75, 1.0)], [Item("a1", 0.25, 1.0)])
>>> point(cell)
0.5625
>>> x = draws(cell, n=2000, seed=1, key="c")
>>> bool(0.36 < x.min() and x.max() < 0.77)
True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "HALF_BAND",
    "HOLDS",
    "UNKNOWN_MAX",
    "UNKNOWN_POINT",
    "Cell",
    "Item",
    "draws",
    "hinge",
    "interval",
    "point",
    "rng_for",
]

HOLDS = 0.5
HALF_BAND = 0.125
UNKNOWN_POINT = 0.25
UNKNOWN_MAX = 0.5


@dataclass(frozen=True)
class Item:
    """One piece of evidence: a statement's curated value and how sure the source is."""

    iri: str
    value: float
    confidence: float = 1.0
    factor: float = 1.0  # a scenario's weakening: multiplies the value

    @property
    def holds(self) -> bool:
        """Counted in the point value (confidence at least ``HOLDS``)."""
        return self.confidence >= HOLDS


@dataclass
class Cell:
    """The evidence for one domain and direction: dependencies and named alternatives."""

    sensitivity: list[Item] = field(default_factory=list)
    alternatives: list[Item] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """No evidence at all."""
        return not self.sensitivity and not self.alternatives


def sensitivity(cell: Cell) -> float:
    """The point sensitivity: the strongest statement that holds, weakenings applied."""
    return max((i.value * i.factor for i in cell.sensitivity if i.holds), default=0.0)


def substitutability(cell: Cell) -> float | None:
    """The best alternative the source names (None: it names none)."""
    held = [i.value for i in cell.alternatives if i.holds]
    return max(held) if held else None


def point(cell: Cell) -> float:
    """SDI of one cell: sensitivity × (1 − substitutability)."""
    s = sensitivity(cell)
    a = substitutability(cell)
    return s * (1.0 - (UNKNOWN_POINT if a is None else a))


def _seed(*parts: object) -> int:
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def rng_for(seed: int, *parts: object) -> np.random.Generator:
    """A generator for one statement (or one cell's prior), independent of all others."""
    return np.random.default_rng([seed, _seed(*parts)])


def _item_draws(item: Item, n: int, seed: int) -> np.ndarray:
    """The item's value in each draw, 0 where it does not hold."""
    rng = rng_for(seed, item.iri)
    present = rng.random(n) < item.confidence
    lo, hi = max(0.0, item.value - HALF_BAND), min(1.0, item.value + HALF_BAND)
    values = rng.uniform(lo, hi, n)
    return np.where(present, values, 0.0)


def draws(cell: Cell, *, n: int, seed: int, key: str) -> np.ndarray:
    """``n`` resampled SDI values of the cell; ``key`` names the cell (seeds its prior)."""
    s = np.zeros(n)
    for item in cell.sensitivity:
        s = np.maximum(s, _item_draws(item, n, seed) * item.factor)
    prior = rng_for(seed, key, "unknown-alternatives").uniform(0.0, UNKNOWN_MAX, n)
    best = prior if not cell.alternatives else np.full(n, -1.0)
    for item in cell.alternatives:
        # a hedged claim about alternatives that fails leaves them unknown (not absent):
        # "apparently not probable" may, in some draws, be more than limited
        present = rng_for(seed, item.iri, "alternative").random(n) < item.confidence
        lo, hi = max(0.0, item.value - HALF_BAND), min(1.0, item.value + HALF_BAND)
        value = rng_for(seed, item.iri, "value").uniform(lo, hi, n)
        unknown = rng_for(seed, item.iri, "unknown").uniform(0.0, UNKNOWN_MAX, n)
        best = np.maximum(best, np.where(present, value, unknown))
    return s * (1.0 - best)


def interval(values: np.ndarray, level: float) -> tuple[float, float]:
    """The central ``level`` interval of the draws."""
    lo, hi = np.quantile(values, [(1.0 - level) / 2.0, (1.0 + level) / 2.0])
    return float(lo), float(hi)


def hinge(cell: Cell) -> tuple[str | None, float]:
    """The statement whose removal moves the cell's point value most, and by how much."""
    base = point(cell)
    best: tuple[str | None, float] = (None, 0.0)
    for kind in ("sensitivity", "alternatives"):
        items: list[Item] = getattr(cell, kind)
        for item in sorted(items, key=lambda i: i.iri):
            rest = [i for i in items if i is not item]
            other = (
                Cell(rest, cell.alternatives)
                if kind == "sensitivity"
                else Cell(cell.sensitivity, rest)
            )
            delta = point(other) - base
            if abs(delta) > abs(best[1]) + 1e-12:
                best = (item.iri, delta)
    return best
