"""Helpers of the axiom tests: measure a generated world, compare two results."""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, settings

import bilateral

from .worlds import World, graph

#: every axiom is checked on this many generated worlds, the same ones on every run
#: (explore more with BILATERAL_AXIOM_EXAMPLES=1000, which also draws new ones)
_EXPLORE = int(os.environ.get("BILATERAL_AXIOM_EXAMPLES", "0"))
SETTINGS = settings(
    max_examples=_EXPLORE or 60,
    deadline=None,
    derandomize=not _EXPLORE,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
#: float noise allowed where two numbers must be equal or ordered (not resampling noise)
EPS = 1e-9
#: resampling draws of the axiom tests (the properties hold draw by draw, for any number)
DRAWS = 400
POINTS = ("sdi", "sdi_low", "sdi_high")


def measure(world: World, as_of: str | None = None, **options: Any) -> Any:
    """SDI(A on B) in ``world`` (all time, or as of a date)."""
    snap = bilateral.read_snapshot(graph(world))
    return bilateral.dependence(
        snap, world.iri("sa"), world.iri("sb"), as_of=as_of, draws=DRAWS, **options
    )


def rows(result: Any) -> dict[str, dict[str, Any]]:
    """The result's rows (domains and TOTAL) by domain, unrounded."""
    out = {}
    for d in [*result.domains, result.summary]:
        out[d.domain] = {
            "sdi": d.sdi, "sdi_low": d.sdi_low, "sdi_high": d.sdi_high,
            "reverse_sdi": d.reverse_sdi, "reverse_low": d.reverse_low,
            "reverse_high": d.reverse_high, "asymmetry": d.asymmetry,
            "asymmetry_low": d.asymmetry_low, "asymmetry_high": d.asymmetry_high,
            "p_more_dependent": d.p_more_dependent,
        }  # fmt: skip
    return out


def value(table: dict[str, dict[str, Any]], domain: str, column: str) -> float:
    """A number of one row; a domain the result does not list counts as 0."""
    return float(table.get(domain, {}).get(column, 0.0))
