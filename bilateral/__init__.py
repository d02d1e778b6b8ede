"""bilateral: a sourced knowledge graph of relations between states.

The public API is loaded lazily so that ``bilateral --help`` stays fast.

Every function takes the graph ``g`` first: an rdflib graph from :func:`load`, an open
store (:func:`open_store`) or a :class:`Snapshot` (``GraphLike``; ``None`` means the
bundled data). Results, errors and warnings are exported here; ``docs/api.md`` is the
whole API on one page.

>>> import bilateral
>>> g = bilateral.load()                    # ontology + bundled data (bilateral.validate(g) == [])
>>> r = bilateral.dependence(g, "minsk", "moscow")
>>> r.total > r.reverse_total
True
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from bilateral._version import __version__

_API = {
    "load": "bilateral.graph.source.load",
    "open_store": "bilateral.graph.source.handle",
    "load_store": "bilateral.graph.source.store",
    "StoreHandle": "bilateral.graph.source.handle",
    "NotAStoreError": "bilateral.graph.source.handle",
    "validate": "bilateral.graph.checks.validate",
    "stats": "bilateral.graph.checks.stats",
    "coverage": "bilateral.graph.checks.stats",
    "curate": "bilateral.graph.checks.curate",
    "check_quotes": "bilateral.graph.checks.quotes",
    "BilateralError": "bilateral.errors",
    "BilateralDeprecationWarning": "bilateral.errors",
    "DataNote": "bilateral.errors",
    "DataProblemsError": "bilateral.errors",
    "DataSyntaxError": "bilateral.errors",
    "InputError": "bilateral.errors",
    "QueryError": "bilateral.errors",
    "QueryWarning": "bilateral.errors",
    "UnknownNameError": "bilateral.errors",
    "GraphLike": "bilateral.graph.measures.snapshot",
    "Snapshot": "bilateral.graph.measures.snapshot",
    "DependenceResult": "bilateral.graph.measures.results",
    "DomainResult": "bilateral.graph.measures.results",
    "ScenarioResult": "bilateral.graph.measures.scenario",
    "Comparison": "bilateral.graph.measures.scenario",
    "Violation": "bilateral.graph.checks.validate",
    "QuoteProblem": "bilateral.graph.checks.quotes",
    "Coverage": "bilateral.graph.checks.stats",
    "Curation": "bilateral.graph.checks.curate",
    "NamedQuery": "bilateral.graph.sparql.named",
    "GraphView": "bilateral.graph.views.render",
    "ReportResult": "bilateral.graph.views.report",
    "query": "bilateral.api",
    "named_queries": "bilateral.graph.sparql.named",
    "iri": "bilateral.graph.sparql.engine",
    "search": "bilateral.graph.sparql.search",
    "project": "bilateral.graph.measures.project",
    "centrality": "bilateral.graph.measures.centrality",
    "read_snapshot": "bilateral.graph.measures.snapshot",
    "dependence": "bilateral.graph.measures.dependence",
    "panel": "bilateral.graph.measures.panel",
    "diff": "bilateral.graph.measures.diff",
    "write_table": "bilateral.graph.views.tables",
    "scenario": "bilateral.graph.measures.scenario",
    "compare": "bilateral.graph.measures.scenario",
    "render": "bilateral.graph.views.render",
    "write_html": "bilateral.graph.views.render",
    "export": "bilateral.graph.views.export",
    "for_export": "bilateral.graph.views.export",
    "report": "bilateral.graph.views.report",
    "methods": "bilateral.graph.views.methods",
    "push": "bilateral.graph.remote.push",
    "Credentials": "bilateral.graph.remote.auth",
}

__all__ = [
    "BilateralDeprecationWarning",
    "BilateralError",
    "Comparison",
    "Coverage",
    "Credentials",
    "Curation",
    "DataNote",
    "DataProblemsError",
    "DataSyntaxError",
    "DependenceResult",
    "DomainResult",
    "GraphLike",
    "GraphView",
    "InputError",
    "NamedQuery",
    "NotAStoreError",
    "QueryError",
    "QueryWarning",
    "QuoteProblem",
    "ReportResult",
    "ScenarioResult",
    "Snapshot",
    "StoreHandle",
    "UnknownNameError",
    "Violation",
    "__version__",
    "centrality",
    "check_quotes",
    "compare",
    "dependence",
    "diff",
    "export",
    "for_export",
    "coverage",
    "curate",
    "iri",
    "load",
    "load_store",
    "methods",
    "named_queries",
    "open_store",
    "panel",
    "project",
    "push",
    "query",
    "read_snapshot",
    "render",
    "report",
    "scenario",
    "search",
    "stats",
    "validate",
    "write_html",
    "write_table",
]

if TYPE_CHECKING:
    from bilateral.api import query
    from bilateral.errors import (
        BilateralDeprecationWarning,
        BilateralError,
        DataNote,
        DataProblemsError,
        DataSyntaxError,
        InputError,
        QueryError,
        QueryWarning,
        UnknownNameError,
    )
    from bilateral.graph.checks.curate import Curation, curate
    from bilateral.graph.checks.quotes import QuoteProblem, check_quotes
    from bilateral.graph.checks.stats import Coverage, coverage, stats
    from bilateral.graph.checks.validate import Violation, validate
    from bilateral.graph.measures.centrality import centrality
    from bilateral.graph.measures.dependence import dependence
    from bilateral.graph.measures.diff import diff
    from bilateral.graph.measures.panel import panel
    from bilateral.graph.measures.project import project
    from bilateral.graph.measures.results import DependenceResult, DomainResult
    from bilateral.graph.measures.scenario import Comparison, ScenarioResult, compare, scenario
    from bilateral.graph.measures.snapshot import GraphLike, Snapshot, read_snapshot
    from bilateral.graph.remote.auth import Credentials
    from bilateral.graph.remote.push import push
    from bilateral.graph.source.handle import NotAStoreError, StoreHandle, open_store
    from bilateral.graph.source.load import load
    from bilateral.graph.source.store import load_store
    from bilateral.graph.sparql.engine import iri
    from bilateral.graph.sparql.named import NamedQuery, named_queries
    from bilateral.graph.sparql.search import search
    from bilateral.graph.views.export import export, for_export
    from bilateral.graph.views.methods import methods
    from bilateral.graph.views.render import GraphView, render, write_html
    from bilateral.graph.views.report import ReportResult, report
    from bilateral.graph.views.tables import write_table


def __getattr__(name: str) -> Any:
    if name in _API:
        value = getattr(import_module(_API[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'bilateral' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
