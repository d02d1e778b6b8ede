"""The modelling choices of the dependence index: ``Model``, each choice checked."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TypedDict, Unpack

from bilateral.errors import InputError
from bilateral.graph.measures.vocabulary import HALF_BAND, UNKNOWN

__all__ = ["Model", "ModelChanges", "ModelSettings"]


def _unit(name: str, value: object, top: float = 1.0) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"{name} must be a number between 0 and {top:g}, got {value!r}")
    if not math.isfinite(value) or not 0.0 <= value <= top:
        raise InputError(f"{name} must be between 0 and {top:g}, got {value!r}")
    return float(value)


class ModelChanges(TypedDict, total=False):
    """Fields of a ``Model`` to replace (``Model.with_``)."""

    unknown: tuple[float, float]
    band: float
    min_confidence: float
    coder_noise: float
    shift: tuple[int, int]


class ModelSettings(TypedDict):
    """A ``Model`` as JSON-ready values (``Model.to_dict``)."""

    unknown: list[float]
    band: float
    min_confidence: float
    coder_noise: float
    shift: list[int]


@dataclass(frozen=True)
class Model:
    """The modelling choices of the index, each a parameter with a documented default.

    ``unknown`` is the range (low, high) an unnamed alternative's substitutability is
    drawn from; ``band`` the half-width of an ordinal code's band (0: codes as curated);
    ``min_confidence`` leaves out claims the source is less sure of (0: every claim
    counts, with its confidence as a probability); ``coder_noise`` the probability, in
    each draw, that a code means one step more or less (half up, half down; one draw per
    code and domain, like the band; 0: codes as curated); ``shift`` moves every strength
    and every substitutability code by that many steps (a coder's systematic bias, for
    the sensitivity table). Out-of-range values raise ``InputError`` naming the
    parameter.

    >>> Model(band=-0.1)
    Traceback (most recent call last):
    ...
    bilateral.errors.InputError: band must be between 0 and 0.5, got -0.1
    """

    unknown: tuple[float, float] = UNKNOWN
    band: float = HALF_BAND
    min_confidence: float = 0.0
    coder_noise: float = 0.0
    shift: tuple[int, int] = (0, 0)  # (strengths, substitutabilities), in steps

    def __post_init__(self) -> None:
        try:
            low, high = self.unknown
        except (TypeError, ValueError):
            raise InputError(f"unknown must be a range (low, high), got {self.unknown!r}") from None
        low, high = _unit("unknown", low), _unit("unknown", high)
        if low > high:
            raise InputError(f"unknown must be a range with low <= high, got {low:g}, {high:g}")
        object.__setattr__(self, "unknown", (low, high))
        object.__setattr__(self, "band", _unit("band", self.band, 0.5))
        object.__setattr__(self, "min_confidence", _unit("min_confidence", self.min_confidence))
        object.__setattr__(self, "coder_noise", _unit("coder_noise", self.coder_noise))
        steps = (-2, -1, 0, 1, 2)
        if (
            not isinstance(self.shift, tuple)
            or len(self.shift) != 2
            or any(isinstance(s, bool) or s not in steps for s in self.shift)
        ):
            raise InputError(
                f"shift must be two whole numbers of steps from -2 to 2, got {self.shift!r}"
            )

    def with_(self, **changes: Unpack[ModelChanges]) -> Model:
        """This model with the fields in ``changes`` replaced (checked again)."""
        return replace(self, **changes) if changes else self

    def to_dict(self) -> ModelSettings:
        """The choices as JSON-ready values."""
        return {
            "unknown": list(self.unknown),
            "band": self.band,
            "min_confidence": self.min_confidence,
            "coder_noise": self.coder_noise,
            "shift": list(self.shift),
        }
