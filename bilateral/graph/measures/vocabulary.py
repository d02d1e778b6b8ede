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
    "DEFAULT_RANKING", "DRAWS", "HEAVY", "LEVEL", "MAX_DRAWS", "MEASURES", "SEED", "DyadOptions",
    "check_settings", "cli_names",
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


def check_settings(level: float, draws: int, seed: int = SEED) -> None:
    """Refuse an interval level outside (0, 1), draws outside 100..MAX_DRAWS, a negative
    or non-integer seed, each with one line naming the option."""
    if not (isinstance(level, float | int) and math.isfinite(level) and 0 < level < 1):
        raise InputError(f"--level must be between 0 and 1 (exclusive), got {level!r}")
    if isinstance(draws, bool) or not isinstance(draws, int) or not 100 <= draws <= MAX_DRAWS:
        raise InputError(f"--draws must be an integer between 100 and {MAX_DRAWS:,}, got {draws!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InputError(f"--seed must be an integer >= 0, got {seed!r}")


@dataclass(frozen=True)
class DyadOptions:
    """What ``scenario`` and ``compare`` share: the dyad (``dependent`` on ``provider``;
    ``None`` lets them choose), how many centrality rows to keep (``top``; ``None``: all)
    and the resampling settings of the intervals, checked when made (``check_settings``).

    >>> DyadOptions(dependent="minsk", draws=500).with_(top=5).settings
    {'level': 0.9, 'draws': 500, 'seed': 20211}
    >>> DyadOptions(level=2)
    Traceback (most recent call last):
    ...
    bilateral.errors.InputError: --level must be between 0 and 1 (exclusive), got 2
    """

    dependent: str | None = None
    provider: str | None = None
    top: int | None = 15
    level: float = LEVEL
    draws: int = DRAWS
    seed: int = SEED

    def __post_init__(self) -> None:
        check_settings(self.level, self.draws, self.seed)

    def with_(self, **changes: Any) -> DyadOptions:
        """These options with the fields named in ``changes`` replaced (an unknown name is
        a ``TypeError``)."""
        return replace(self, **changes) if changes else self

    @property
    def settings(self) -> dict[str, Any]:
        """The resampling settings, as the keyword arguments of ``dependence.score``."""
        return {"level": self.level, "draws": self.draws, "seed": self.seed}


def cli_names() -> list[str]:
    """The measure names as the command line spells them (``in-degree``)."""
    return [m.replace("_", "-") for m in MEASURES]
