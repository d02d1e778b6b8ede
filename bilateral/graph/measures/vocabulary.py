"""The names and defaults of the measures, in one place (no heavy imports: the CLI
builds its ``--measure`` and ``--size-by`` choices and its defaults from them).

>>> DEFAULT_RANKING in MEASURES, cli_names()[:2]
(True, ['degree', 'in-degree'])
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from bilateral.errors import InputError

__all__ = [
    "DEFAULT_RANKING", "DRAWS", "HALF_BAND", "HEAVY", "LEVEL", "MAX_DRAWS", "MEASURES", "SEED",
    "STEP", "UNKNOWN", "DyadOptions", "check_settings", "cli_names",
]  # fmt: skip

MEASURES = (
    "degree",
    "in_degree",
    "out_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
)

#: the measures that need more than counting (igraph above ``AUTO_THRESHOLD`` nodes)
HEAVY = frozenset({"betweenness", "closeness", "eigenvector", "pagerank"})

#: the measure tables are sorted by, the report ranks by and the HTML sizes nodes by
DEFAULT_RANKING = "eigenvector"


#: the dependence index's intervals: central LEVEL of DRAWS resampled values, seeded
LEVEL = 0.9
DRAWS = 2000
SEED = 20211


#: most resampling draws (memory grows with draws × domains × statements)
MAX_DRAWS = 1_000_000

#: the index's modelling defaults (``sdi.Model``): one step of the ordinal scales, the
#: half-width of a code's band, the range of an alternative the sources leave unnamed
STEP = 0.25
HALF_BAND = 0.125
UNKNOWN = (0.0, 0.5)


def check_settings(level: float, draws: int, seed: int = SEED) -> None:
    """Refuse an interval level outside (0, 1), draws outside 100..MAX_DRAWS, a negative
    or non-integer seed, each with one line naming the option."""
    if not (isinstance(level, float | int) and math.isfinite(level) and 0 < level < 1):
        raise InputError(f"level must be between 0 and 1 (exclusive), got {level!r}")
    if isinstance(draws, bool) or not isinstance(draws, int) or not 100 <= draws <= MAX_DRAWS:
        raise InputError(f"draws must be an integer between 100 and {MAX_DRAWS:,}, got {draws!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InputError(f"seed must be an integer >= 0, got {seed!r}")


@dataclass(frozen=True)
class DyadOptions:
    """What ``scenario`` and ``compare`` share: the dyad (``dependent`` on ``provider``;
    ``None`` lets them choose), how many centrality rows to keep (``top``; ``None``: all),
    the resampling settings of the intervals, the modelling choices of the index
    (``sdi.Model``) and the knowledge date (``known_by``), checked when made.

    >>> o = DyadOptions(dependent="minsk", draws=500).with_(top=5).settings
    >>> o["draws"], o["model"].band
    (500, 0.125)
    >>> DyadOptions(level=2)
    Traceback (most recent call last):
    ...
    bilateral.errors.InputError: level must be between 0 and 1 (exclusive), got 2
    """

    dependent: str | None = None
    provider: str | None = None
    top: int | None = 15
    level: float = LEVEL
    draws: int = DRAWS
    seed: int = SEED
    unknown: tuple[float, float] = UNKNOWN
    band: float = HALF_BAND
    min_confidence: float = 0.0
    coder_noise: float = 0.0
    known_by: str | None = None

    def __post_init__(self) -> None:
        check_settings(self.level, self.draws, self.seed)
        self.model  # noqa: B018 (checks the modelling choices)

    @property
    def model(self) -> Any:
        """The modelling choices as an ``sdi.Model``."""
        from bilateral.graph.measures.sdi import Model

        return Model(self.unknown, self.band, self.min_confidence, self.coder_noise)

    def with_(self, **changes: Any) -> DyadOptions:
        """These options with the fields named in ``changes`` replaced (an unknown name is
        a ``TypeError``)."""
        return replace(self, **changes) if changes else self

    @property
    def settings(self) -> dict[str, Any]:
        """The resampling settings and the model, as keyword arguments of ``score``."""
        return {"level": self.level, "draws": self.draws, "seed": self.seed, "model": self.model}


def cli_names() -> list[str]:
    """The measure names as the command line spells them (``in-degree``)."""
    return [m.replace("_", "-") for m in MEASURES]
