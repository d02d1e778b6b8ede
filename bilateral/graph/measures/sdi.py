"""The structural dependence index as pure maths: per cell (a domain, a direction),
sensitivity × lack of alternatives, resampled. No RDF here: evidence comes in as items.

In each of ``n`` draws, for "A on B" in domain d:

* each claim holds with probability equal to its confidence (a hedge is a probability,
  not a discount), and its code's value is drawn within its ordinal band (± ``band``,
  clipped to the scale, so the code is the median of its draws; one draw per code and
  domain, shared by every claim coded alike);
* **sensitivity** S = the strongest dependency that holds (several claims do not add up);
* **substitutability** a = the best alternative that holds. An alternative the source
  names tells what one option offers, not that there are no others: the unnamed
  remainder, drawn from the ``unknown`` range, stays in the maximum unless a claim coded
  0 (a ruling-out) holds. So naming an alternative never raises the index, and an
  unknown is never assumed smaller than a named value;
* SDI = S × (1 − a).

The point value is the **median** of the draws and the interval their central share, so
every point lies inside its interval, and a number is monotone in its evidence draw by
draw: whether a claim holds comes from its own stream, seeded by its content
(``Item.stream``), not by its name, so adding, removing or renaming other statements
changes none of its draws. ``Model`` (``model.py``) holds the modelling choices, each a
parameter with a documented range (``docs/measures.md``, §3.6).

>>> cell = Cell([Item("s1", 0.75)], [Item("a1", 0.25)], domain="energy")
>>> x = draws(cell, n=2000, seed=1)
>>> round(point(x), 2), bool(0.3 < x.min() and x.max() < 0.76)
(0.51, True)
>>> round(point(draws(cell, n=2000, seed=1, model=Model(unknown=(0.0, 0.0)))), 2)
0.56
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np

from bilateral.graph.measures.model import Model, ModelChanges, ModelSettings
from bilateral.graph.measures.vocabulary import HALF_BAND, STEP, UNKNOWN

__all__ = [
    "HALF_BAND",
    "HINGE_MIN",
    "STEP",
    "UNKNOWN",
    "Cell",
    "Item",
    "Model",
    "ModelChanges",
    "ModelSettings",
    "draws",
    "hinge",
    "interval",
    "point",
    "rng_for",
]

#: the least change of a point that makes a statement the one a domain hinges on
HINGE_MIN = 0.01


DEFAULT = Model()


@dataclass(frozen=True)
class Item:
    """One claim: its coded value, how sure the source is, a scenario's weakening.

    ``stream`` seeds its draws (``gather`` makes it from the claim's content, so that
    names change nothing; empty: its IRI); ``members`` are the statements it stands
    for (one claim restated under several IRIs counts once).
    """

    iri: str
    value: float
    confidence: float = 1.0
    factor: float = 1.0  # a scenario's weakening: multiplies the value
    stream: tuple[object, ...] = ()
    members: tuple[str, ...] = ()

    @property
    def statements(self) -> tuple[str, ...]:
        """Every statement IRI this claim stands for."""
        return self.members or (self.iri,)


@dataclass
class Cell:
    """The evidence for one domain and direction: dependencies and named alternatives.
    ``domain`` seeds the draws of the unnamed alternatives (shared by both directions, so
    what the sources leave unsaid cannot make one side look more dependent)."""

    sensitivity: list[Item] = field(default_factory=list)
    alternatives: list[Item] = field(default_factory=list)
    domain: str = ""

    @property
    def empty(self) -> bool:
        """No evidence at all."""
        return not self.sensitivity and not self.alternatives


def _seed(*parts: object) -> int:
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def rng_for(seed: int, *parts: object) -> np.random.Generator:
    """A generator for one claim (or one cell's unknowns), independent of all others."""
    return np.random.default_rng([seed, _seed(*parts)])


def _counted(items: list[Item], model: Model) -> list[Item]:
    return [i for i in items if i.confidence >= model.min_confidence and i.confidence > 0]


@dataclass
class _Parts:
    """Each claim's contribution to a cell, draw by draw, and what the cell is without
    any one of them (in linear time: the best and second best per draw)."""

    deps: list[Item]
    alts: list[Item]
    dep_values: np.ndarray  # claims × draws: the value where the claim holds, else 0
    alt_values: np.ndarray  # claims × draws: the value where the claim holds, else -1
    rules_out: np.ndarray  # claims × draws: the claim holds and rules the unnamed out
    unknown: np.ndarray  # the unnamed remainder's draws

    def sdi(self) -> np.ndarray:
        n = self.unknown.shape[0]
        s = self.dep_values.max(axis=0) if len(self.deps) else np.zeros(n)
        best = self.alt_values.max(axis=0) if len(self.alts) else np.full(n, -1.0)
        closed = self.rules_out.any(axis=0) if len(self.alts) else np.zeros(n, dtype=bool)
        return s * (1.0 - np.where(closed, best, np.maximum(best, self.unknown)))

    def without(self) -> dict[int, np.ndarray]:
        """The cell's draws without each claim (by its ``id``)."""
        n = self.unknown.shape[0]
        out: dict[int, np.ndarray] = {}
        s = self.dep_values.max(axis=0) if len(self.deps) else np.zeros(n)
        best = self.alt_values.max(axis=0) if len(self.alts) else np.full(n, -1.0)
        closes = self.rules_out.sum(axis=0)
        a = np.where(closes > 0, best, np.maximum(best, self.unknown))
        for item, s_i in zip(self.deps, _leave_one_out(self.dep_values, 0.0), strict=True):
            out[id(item)] = s_i * (1.0 - a)
        for i, (item, best_i) in enumerate(
            zip(self.alts, _leave_one_out(self.alt_values, -1.0), strict=True)
        ):
            closed = (closes - self.rules_out[i]) > 0
            out[id(item)] = s * (1.0 - np.where(closed, best_i, np.maximum(best_i, self.unknown)))
        return out


def _leave_one_out(values: np.ndarray, empty: float) -> list[np.ndarray]:
    """For each row, the column-wise maximum of the other rows (``empty`` if none)."""
    k = values.shape[0]
    if k == 0:
        return []
    if k == 1:
        return [np.full(values.shape[1], empty)]
    top = values.max(axis=0)
    second = np.partition(values, k - 2, axis=0)[k - 2]
    winner = values.argmax(axis=0)
    return [np.where(winner == i, second, top) for i in range(k)]


def _parts(cell: Cell, n: int, seed: int, model: Model) -> _Parts:
    """Every counted claim's draws. Whether a claim holds comes from its own stream; what
    its code means (its place in the band, and the coder noise) is one draw per code and
    domain, shared by every claim coded alike, so more claims at a code never push it up;
    the unnamed remainder is one draw per domain."""
    meanings: dict[tuple[str, float], np.ndarray] = {}
    shift = {"dependency": model.shift[0], "alternative": model.shift[1]}

    def drawn(item: Item, role: str) -> tuple[np.ndarray, np.ndarray]:
        held = rng_for(seed, role, *(item.stream or (item.iri,))).random(n)
        key = (role, round(item.value, 9))
        if key not in meanings:
            meanings[key] = rng_for(seed, "band", role, cell.domain, key[1]).random((2, n))
        where, noise = meanings[key]
        level = np.full(n, item.value + shift[role] * STEP)
        if model.coder_noise:
            half = model.coder_noise / 2
            level += np.where(noise < half, -STEP, np.where(noise < model.coder_noise, STEP, 0.0))
        value = np.clip(np.clip(level, 0.0, 1.0) + model.band * (2.0 * where - 1.0), 0, 1)
        return held < item.confidence, value * item.factor

    deps = _counted(cell.sensitivity, model)
    alts = _counted(cell.alternatives, model)
    dep_values = np.zeros((len(deps), n))
    for i, item in enumerate(deps):
        held, value = drawn(item, "dependency")
        dep_values[i] = np.where(held, value, 0.0)
    alt_values, rules_out = np.full((len(alts), n), -1.0), np.zeros((len(alts), n), dtype=bool)
    for i, item in enumerate(alts):
        held, value = drawn(item, "alternative")
        alt_values[i] = np.where(held, value, -1.0)
        rules_out[i] = held & (item.value <= 0.0)  # the curated code rules out, not a shift
    low, high = model.unknown
    unknown = low + (high - low) * rng_for(seed, "unknown", cell.domain).random(n)
    return _Parts(deps, alts, dep_values, alt_values, rules_out, unknown)


def draws(cell: Cell, *, n: int, seed: int, model: Model = DEFAULT) -> np.ndarray:
    """``n`` resampled SDI values of the cell."""
    return _parts(cell, n, seed, model).sdi()


def point(values: np.ndarray) -> float:
    """The point value of resampled numbers: their median."""
    return float(np.median(values))


def interval(values: np.ndarray, level: float) -> tuple[float, float]:
    """The central ``level`` interval of the draws."""
    lo, hi = np.quantile(values, [(1.0 - level) / 2.0, (1.0 + level) / 2.0])
    return float(lo), float(hi)


def hinge(cell: Cell, *, n: int, seed: int, model: Model = DEFAULT) -> tuple[str | None, float]:
    """The claim whose removal moves the cell's point value most (by at least
    ``HINGE_MIN``), and by how much; a claim stated under several IRIs is named by its
    first. A claim with a twin (another of the same content, from other sources) is no
    hinge: without it the twin still stands. Ties go to the claim first by content."""
    parts = _parts(cell, n, seed, model)
    base = point(parts.sdi())
    twins: dict[tuple[str, tuple[object, ...], float], int] = {}
    for role, items in (("d", parts.deps), ("a", parts.alts)):
        for item in items:
            if item.stream:
                key = (role, item.stream[:-1], item.factor)
                twins[key] = twins.get(key, 0) + 1
    without = parts.without()
    best: tuple[str | None, float] = (None, 0.0)
    candidates = [(i, "d") for i in parts.deps] + [(i, "a") for i in parts.alts]
    for item, role in sorted(candidates, key=lambda c: (c[1], repr(c[0].stream), c[0].iri)):
        if item.stream and twins[(role, item.stream[:-1], item.factor)] > 1:
            continue
        delta = point(without[id(item)]) - base
        if abs(delta) >= HINGE_MIN and abs(delta) > abs(best[1]) + 1e-12:
            best = (item.iri, delta)
    return best
