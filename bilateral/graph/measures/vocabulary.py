"""The names and defaults of the measures, in one place (no heavy imports: the CLI
builds its ``--measure`` and ``--size-by`` choices and its defaults from them).

>>> DEFAULT_RANKING in MEASURES, cli_names()[:2]
(True, ['degree', 'in-degree'])
"""

from __future__ import annotations

__all__ = ["DEFAULT_RANKING", "DRAWS", "LEVEL", "MEASURES", "SEED", "cli_names"]

MEASURES = (
    "degree",
    "in_degree",
    "out_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
)

#: the measure tables are sorted by, the report ranks by and the HTML sizes nodes by
DEFAULT_RANKING = "eigenvector"


#: the dependence index's intervals: central LEVEL of DRAWS resampled values, seeded
LEVEL = 0.9
DRAWS = 2000
SEED = 20211


def cli_names() -> list[str]:
    """The measure names as the command line spells them (``in-degree``)."""
    return [m.replace("_", "-") for m in MEASURES]
