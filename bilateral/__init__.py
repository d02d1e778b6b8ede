"""bilateral: a sourced knowledge graph of relations between states.

The public API is loaded lazily so that ``bilateral --help`` stays fast.

>>> import bilateral
>>> g = bilateral.load()
>>> bilateral.validate(g)
[]
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_API = {
    "load": "bilateral.graph.load",
    "validate": "bilateral.graph.validate",
    "stats": "bilateral.graph.stats",
    "coverage": "bilateral.graph.stats",
    "check_quotes": "bilateral.graph.quotes",
    "BilateralError": "bilateral.errors",
    "query": "bilateral.api",
    "named_queries": "bilateral.graph.named",
    "project": "bilateral.graph.project",
    "centrality": "bilateral.graph.centrality",
    "dependence": "bilateral.graph.dependence",
    "scenario": "bilateral.graph.scenario",
    "compare": "bilateral.graph.scenario",
    "render": "bilateral.graph.render",
    "write_html": "bilateral.graph.render",
    "export": "bilateral.graph.export",
    "report": "bilateral.graph.report",
}

__all__ = [
    "BilateralError",
    "__version__",
    "centrality",
    "check_quotes",
    "compare",
    "dependence",
    "export",
    "coverage",
    "load",
    "named_queries",
    "project",
    "query",
    "render",
    "report",
    "scenario",
    "stats",
    "validate",
    "write_html",
]

if TYPE_CHECKING:
    from bilateral.api import query
    from bilateral.errors import BilateralError
    from bilateral.graph.centrality import centrality
    from bilateral.graph.dependence import dependence
    from bilateral.graph.export import export
    from bilateral.graph.load import load
    from bilateral.graph.named import named_queries
    from bilateral.graph.project import project
    from bilateral.graph.quotes import check_quotes
    from bilateral.graph.render import render, write_html
    from bilateral.graph.report import report
    from bilateral.graph.scenario import compare, scenario
    from bilateral.graph.stats import coverage, stats
    from bilateral.graph.validate import validate


def __getattr__(name: str) -> Any:
    if name in _API:
        value = getattr(import_module(_API[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'bilateral' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
