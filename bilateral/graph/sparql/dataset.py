"""Which graphs a query sees: the SPARQL 1.1 Protocol's ``default-graph-uri`` and
``named-graph-uri``, by the stable graph names the loader gives each file
(``https://w3id.org/bilateral/graph/<dataset>/<path>``).

Without a selection the default graph is the union of every graph and every graph can
be named in ``GRAPH``. With one, as SPARQL 1.1 says of ``FROM``/``FROM NAMED``: the
default graph is the merge of the ``default`` graphs (empty if none are named) and
``GRAPH`` sees only the ``named`` ones. A name the graph does not hold is an error,
never an empty answer.

>>> from bilateral.graph.source.load import load
>>> g = load(["tests/data/tiny"])
>>> names = graph_names(g)
>>> names[0]
'https://w3id.org/bilateral/graph/ontology/bilateral.ttl'
>>> check(g, GraphSelection(default=("https://e.org/nothing",)))
Traceback (most recent call last):
...
bilateral.graph.sparql.dataset.UnknownGraphError: unknown graph <https://e.org/nothing> ...
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from rdflib import Dataset, Graph

from bilateral.errors import QueryError
from bilateral.graph.source.read import native_store

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["GraphSelection", "UnknownGraphError", "check", "graph_names", "restricted"]


class UnknownGraphError(QueryError):
    """A graph name in a dataset selection that the graph does not hold."""


@dataclass(frozen=True)
class GraphSelection:
    """The graphs of a query's dataset: ``default`` merged into its default graph,
    ``named`` available to ``GRAPH``."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()

    @classmethod
    def of(cls, default: Iterable[str] = (), named: Iterable[str] = ()) -> GraphSelection | None:
        """A selection, or None when neither list names a graph (the whole dataset)."""
        d, n = tuple(dict.fromkeys(default)), tuple(dict.fromkeys(named))
        return cls(d, n) if d or n else None


def graph_names(g: Graph) -> list[str]:
    """The names of the graphs ``g`` holds (sorted); none for a plain ``Graph``."""
    from rdflib import URIRef
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    native = native_store(g)
    if native is not None:
        return sorted(str(n.value) for n in native.named_graphs())
    listing = getattr(g, "graphs", None) or getattr(g, "contexts", None)
    if listing is None:
        return []
    found = {c.identifier for c in listing()}
    return sorted(str(i) for i in found if isinstance(i, URIRef) and i != DATASET_DEFAULT_GRAPH_ID)


def check(g: Graph, selection: GraphSelection) -> None:
    """Raise ``UnknownGraphError`` (a ``QueryError``) naming the first graph of
    ``selection`` that ``g`` lacks."""
    known = set(graph_names(g))
    for param, names in (
        ("default-graph-uri", selection.default),
        ("named-graph-uri", selection.named),
    ):
        for name in names:
            if name not in known:
                hint = (
                    "the service description (GET /sparql) lists the graphs"
                    if known
                    else "this graph holds no named graphs"
                )
                raise UnknownGraphError(f"unknown graph <{name}> in {param}; {hint}")


def restricted(g: Graph, selection: GraphSelection) -> Dataset:
    """A new in-memory ``Dataset`` holding only what ``selection`` shows (for rdflib's
    engine; the store's engine takes the selection directly)."""
    from rdflib import URIRef

    def source(name: str) -> Graph:  # a view on g's store: nothing is added to g
        return Graph(store=g.store, identifier=URIRef(name))

    ds = Dataset(default_union=False)
    default = ds.default_graph
    for name in selection.default:
        for triple in source(name):
            default.add(triple)
    for name in selection.named:
        target = ds.graph(URIRef(name))
        for triple in source(name):
            target.add(triple)
    return ds


class NativeArguments(TypedDict, total=False):
    """The dataset arguments of ``pyoxigraph.Store.query``."""

    use_default_graph_as_union: bool
    default_graph: list[pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.DefaultGraph]
    named_graphs: list[pyoxigraph.NamedNode | pyoxigraph.BlankNode]


def native_arguments(selection: GraphSelection | None) -> NativeArguments:
    """The keyword arguments of ``pyoxigraph.Store.query`` for ``selection``."""
    if selection is None:
        return {"use_default_graph_as_union": True}
    import pyoxigraph as ox

    return {
        "default_graph": [ox.NamedNode(n) for n in selection.default],
        "named_graphs": [ox.NamedNode(n) for n in selection.named],
    }
