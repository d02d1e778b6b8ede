"""The Python API for querying: ``bilateral.query`` returns a DataFrame.

>>> import bilateral
>>> g = bilateral.load()
>>> df = bilateral.query(g, "SELECT ?label WHERE { ?s a bil:State ; rdfs:label ?label }")
>>> "Belarus" in set(df["label"])
True
>>> bool(bilateral.query(g, named="cq-one-team")["quote"].str.contains("one team").any())
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bilateral.compat import graph_first
from bilateral.graph.sparql.limits import (
    DEFAULT_BYTE_CAP,
    DEFAULT_MAX_MEMORY,
    DEFAULT_ROW_CAP,
    DEFAULT_TIMEOUT,
)

if TYPE_CHECKING:
    import pandas as pd
    from rdflib import Graph

    from bilateral.graph.measures.snapshot import GraphLike

__all__ = ["QueryRequest", "query", "run_query"]


@dataclass(frozen=True)
class QueryRequest:
    """One query as ``query`` and the CLI ask it: SPARQL text or a named query (exactly
    one, else ``QueryError``), variables pre-bound (``bindings``; a named query's
    parameters default to its own values), the user's row ``limit``, inference, and the
    safety limits (``graph/sparql/limits.py``).

    >>> r = QueryRequest(named="cq-one-team", limit=5)
    >>> "SELECT" in r.text, r.row_cap
    (True, 100000)
    >>> QueryRequest("ASK {}", named="cq-one-team")
    Traceback (most recent call last):
    ...
    bilateral.errors.QueryError: give either a SPARQL query or a named query, not both or neither
    """

    sparql: str | None = None
    named: str | None = None
    bindings: dict[str, Any] | None = None
    limit: int | None = None
    infer: bool = True
    timeout: float | None = DEFAULT_TIMEOUT
    row_cap: int = DEFAULT_ROW_CAP
    byte_cap: int = DEFAULT_BYTE_CAP
    max_memory: int | None = DEFAULT_MAX_MEMORY

    def __post_init__(self) -> None:
        from bilateral.errors import QueryError

        if (self.sparql is None) == (self.named is None):
            raise QueryError("give either a SPARQL query or a named query, not both or neither")

    @property
    def text(self) -> str:
        """The SPARQL to run: the text given, or the named query's."""
        from bilateral.graph.sparql.named import get_named

        return get_named(self.named).text if self.named else str(self.sparql)


def run_query(g: Graph, request: QueryRequest) -> Any:
    """Run ``request`` on ``g`` and return the raw ``QueryResult`` (used by ``query`` and
    the CLI).

    A named query's parameters are bound to their defaults unless ``bindings`` name
    them; rows in which every value is unbound (what an aggregate gives when nothing
    matched) are dropped, so that an empty answer has 0 rows.
    """
    from bilateral.graph.sparql.engine import run
    from bilateral.graph.sparql.named import get_named

    bindings, limit, row_cap = request.bindings, request.limit, request.row_cap
    if request.named:  # a --bind overrides a default
        bindings = {**get_named(request.named).defaults(), **(bindings or {})}
    cap = min(row_cap, limit) if limit is not None else row_cap
    result = run(
        g,
        request.text,
        bindings=bindings,
        timeout=request.timeout,
        row_cap=cap,
        byte_cap=request.byte_cap,
        max_memory=request.max_memory,
        infer=request.infer,
    )
    if limit is not None and result.cut_by == "rows" and limit < row_cap:
        result.cut_by = ""  # the user's own limit, not the safety cap
    if result.kind == "select":  # an aggregate over nothing: one row of unbound values
        result.rows = [row for row in result.rows if any(t is not None for t in row)]
    return result


@graph_first("sparql", new="query(g, sparql)")
def query(
    g: GraphLike | None = None,
    sparql: str | None = None,
    *,
    named: str | None = None,
    data: Sequence[str] | None = None,
    limit: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    row_cap: int = DEFAULT_ROW_CAP,
    bindings: dict[str, Any] | None = None,
    infer: bool = True,
) -> pd.DataFrame | bool | Graph:
    """Run SPARQL (or a named query) on the graph ``g`` (``None``: ``data``, or the
    bundled data).

    SELECT gives a ``pandas.DataFrame`` with typed columns (xsd integers ``Int64``, other
    numbers ``float64``, dates and dateTimes ``datetime64[ns]``, booleans ``bool``, IRIs
    and other literals ``string``; a mixed column ``object``: see
    ``graph/sparql/results.py`` and ``docs/querying.md``; ``SELECT *`` columns in the
    order the variables first appear), ASK a
    ``bool``, CONSTRUCT/DESCRIBE an ``rdflib.Graph``. ``bindings`` pre-binds variables
    (``bindings={"actor": URIRef(...)}``; a ``str`` is a literal), never pasted into
    the text; any other keyword argument is a ``TypeError``. With ``infer`` (the
    default) ``?x a bil:Agreement`` also finds loans and leases, and ``bil:party``
    also finds creditors and debtors (RDFS subclass and subproperty inference; see
    ``docs/querying.md``). The common prefixes (bil, bid, bsrc, prov, org, time, skos,
    dct, rdf, rdfs, owl, xsd, schema) are predeclared. Warnings about terms the graph
    does not hold, and hints for empty results, come as ``QueryWarning``.

    >>> import bilateral
    >>> g = bilateral.load()
    >>> len(bilateral.query(g, "SELECT ?x WHERE { ?x a bil:Agreement }"))
    19
    >>> len(bilateral.query(g, "SELECT ?x WHERE { ?x a bil:Agreement }", infer=False))
    1
    >>> bilateral.query(g, "SELECT ?x { ?x ?p ?o }", graph=None)
    Traceback (most recent call last):
    ...
    TypeError: query() got an unexpected keyword argument 'graph'
    """
    import warnings

    from rdflib import Graph as RDFGraph

    from bilateral.errors import QueryWarning
    from bilateral.graph.measures.snapshot import rdf_of
    from bilateral.graph.sparql.hints import diagnose
    from bilateral.graph.sparql.results import to_dataframe

    rdf = rdf_of(g, data=data)
    request = QueryRequest(sparql, named, bindings, limit, infer, timeout, row_cap)
    result = run_query(rdf, request)
    said, hints = diagnose(rdf, request.text, result, infer=infer)
    for message in said + hints:
        warnings.warn(message, QueryWarning, stacklevel=3)  # the caller of ``query``
    if result.kind == "select":
        return to_dataframe(result)
    if result.kind == "ask":
        return bool(result.boolean)
    out = RDFGraph()
    for triple in result.triples:
        out.add(triple)
    return out
