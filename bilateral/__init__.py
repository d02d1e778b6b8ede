"""bilateral: a sourced knowledge graph of relations between states.

The public API is loaded lazily so that ``bilateral --help`` stays fast.

>>> import bilateral
>>> g = bilateral.load()                    # ontology + bundled data (bilateral.validate(g) == [])
>>> r = bilateral.dependence("minsk", "moscow", g)
>>> r.total > r.reverse_total
True
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from bilateral._version import __version__

_API = {
    "load": "bilateral.graph.source.load",
    "validate": "bilateral.graph.checks.validate",
    "stats": "bilateral.graph.checks.stats",
    "coverage": "bilateral.graph.checks.stats",
    "curate": "bilateral.graph.checks.curate",
    "check_quotes": "bilateral.graph.checks.quotes",
    "BilateralError": "bilateral.errors",
    "query": "bilateral.api",
    "named_queries": "bilateral.graph.sparql.named",
    "iri": "bilateral.graph.sparql.engine",
    "search": "bilateral.graph.sparql.search",
    "project": "bilateral.graph.measures.project",
    "centrality": "bilateral.graph.measures.centrality",
    "read_snapshot": "bilateral.graph.measures.snapshot",
    "dependence": "bilateral.graph.measures.dependence",
    "scenario": "bilateral.graph.measures.scenario",
    "compare": "bilateral.graph.measures.scenario",
    "render": "bilateral.graph.views.render",
    "write_html": "bilateral.graph.views.render",
    "export": "bilateral.graph.views.export",
    "for_export": "bilateral.graph.views.export",
    "report": "bilateral.graph.views.report",
}

__all__ = [
    "BilateralError",
    "__version__",
    "centrality",
    "check_quotes",
    "compare",
    "dependence",
    "export",
    "for_export",
    "coverage",
    "curate",
    "iri",
    "load",
    "named_queries",
    "project",
    "query",
    "read_snapshot",
    "render",
    "report",
    "scenario",
    "search",
    "stats",
    "validate",
    "write_html",
]

if TYPE_CHECKING:
    from bilateral.api import query
    from bilateral.errors import BilateralError
    from bilateral.graph.checks.curate import curate
    from bilateral.graph.checks.quotes import check_quotes
    from bilateral.graph.checks.stats import coverage, stats
    from bilateral.graph.checks.validate import validate
    from bilateral.graph.measures.centrality import centrality
    from bilateral.graph.measures.dependence import dependence
    from bilateral.graph.measures.project import project
    from bilateral.graph.measures.scenario import compare, scenario
    from bilateral.graph.measures.snapshot import read_snapshot
    from bilateral.graph.source.load import load
    from bilateral.graph.sparql.engine import iri
    from bilateral.graph.sparql.named import named_queries
    from bilateral.graph.sparql.search import search
    from bilateral.graph.views.export import export, for_export
    from bilateral.graph.views.render import render, write_html
    from bilateral.graph.views.report import report


def __getattr__(name: str) -> Any:
    if name in _API:
        value = getattr(import_module(_API[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'bilateral' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
