"""The records the measures work on: ``Record`` (one statement) and ``Actor``."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

__all__ = ["NEGATIVE_STATUSES", "Actor", "Record"]

#: Statuses that say something did not happen; such statements are not ties.
NEGATIVE_STATUSES = frozenset(
    {"not-done", "denied", "abandoned", "not-planned", "not-allowed", "improbable"}
)


@dataclass(frozen=True)
class Actor:
    """An actor (or place) with what the measures need to show and roll it up."""

    iri: str
    label: str
    cls: str
    country: str | None = None
    classes: frozenset[str] = frozenset()
    countries: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()  # the organisations it heads (``org:headOf``)


@dataclass(frozen=True)
class Record:
    """One statement: its kind(s), participants by role, time, weights and provenance."""

    iri: str
    label: str
    kinds: tuple[str, ...]
    roles: dict[str, tuple[str, ...]]
    others: tuple[str, ...] = ()  # about / location / object / sector targets
    domains: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    status: str | None = None
    confidence: float = 1.0
    strength: float | None = None
    substitutability: float | None = None
    existential: bool = False
    part_of: tuple[str, ...] = ()
    driven_by: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()
    classes: frozenset[str] = frozenset()
    weight_factor: float = 1.0
    extra: dict[str, str] = field(default_factory=dict)  # hedge, comment, amount, currency
    #: the period its dated sources were issued in (earliest first day, latest last day)
    issued: tuple[date, date] | None = None
    #: a day by which it already held, when the source gives no start (``bil:heldBy``)
    held_by: date | None = None

    @property
    def kind(self) -> str:
        """The primary kind, e.g. ``Loan`` (see ``Schema.primary_kind``)."""
        return self.kinds[0] if self.kinds else "Statement"

    @property
    def negative(self) -> bool:
        """True when the statement says something did not happen."""
        return self.status in NEGATIVE_STATUSES

    def weakened(self, factor: float) -> Record:
        """A copy whose weight (and strength) is multiplied by ``factor``."""
        return replace(self, weight_factor=self.weight_factor * factor)
