"""Export the graph: RDF (Turtle, N-Triples, JSON-LD), RDF with its named graphs (TriG,
N-Quads: each file's triples under its stable graph name, as loaded), or the projection
(GraphML, GEXF, CSV node and edge lists). Every file is written atomically.

The projection goes out through :func:`for_export`, so that igraph, NetworkX and Gephi
read typed attributes: a missing value or empty list is left out (never ``""``), every
number is a double, a flag a boolean, a list one string joined with ``"; "``, and the
nodes carry their centrality measures.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
>>> export(None, "graphml", out).name  # None: the bundled data
'g.graphml'
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from bilateral.compat import graph_first
from bilateral.errors import InputError
from bilateral.graph.views.atomic import atomic_path, ensure_folder

if TYPE_CHECKING:
    from rdflib import Dataset, Graph, URIRef

    from bilateral.graph.measures.snapshot import GraphLike

__all__ = [
    "FORMATS",
    "LIST_SEPARATOR",
    "export",
    "flat_graph",
    "for_export",
    "quad_dataset",
    "scalar_graph",
]

RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
QUAD_FORMATS = {"trig": "trig", "nq": "nquads", "nquads": "nquads"}
GRAPH_FORMATS = ("graphml", "gexf", "csv")
FORMATS = (*RDF_FORMATS, *QUAD_FORMATS, *GRAPH_FORMATS)
#: how a list-valued attribute (domains, sources, classes) is written: one string
LIST_SEPARATOR = "; "


def flat_graph(g: Graph, *, data_only: bool = False) -> Graph:
    """All triples of a loaded Dataset in one plain ``rdflib.Graph`` (prefixes bound)."""
    from rdflib import Graph

    from bilateral.ontology.vocab import PREFIXES

    flat = Graph()
    for prefix, ns in PREFIXES.items():
        flat.bind(prefix, ns)
    skip = _ontology_graphs() if data_only else None
    quads = getattr(g, "quads", None)
    if quads is not None and skip is not None:
        for s, p, o, ctx in quads((None, None, None, None)):
            ident = getattr(ctx, "identifier", ctx)
            if ident not in skip:
                flat.add((s, p, o))
    else:
        for triple in g.triples((None, None, None)):
            flat.add(triple)
    return flat


def quad_dataset(g: Graph, *, data_only: bool = False) -> Dataset:
    """The quads of ``g`` in a new ``rdflib.Dataset`` (prefixes bound), each triple in
    the graph it was loaded into: its file's stable name, or the graph a TriG or N-Quads
    file gave it. A plain ``Graph``'s triples go to the default graph."""
    from rdflib import XSD, Dataset, Literal
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from bilateral.ontology.vocab import PREFIXES

    out = Dataset(default_union=False)
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns)
    skip = _ontology_graphs() if data_only else set()
    quads = getattr(g, "quads", None)
    if quads is None:
        for triple in g.triples((None, None, None)):
            out.default_graph.add(triple)
        return out
    targets: dict[object, Graph] = {}  # by graph name
    for s, p, o, ctx in quads((None, None, None, None)):
        name = getattr(ctx, "identifier", ctx)
        if name in skip:
            continue
        target = targets.get(name)
        if target is None:
            default = name is None or name == DATASET_DEFAULT_GRAPH_ID
            target = targets[name] = out.default_graph if default else out.graph(name)
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))  # the same term (RDF 1.1), written as a store does not
        target.add((s, p, o))
    return out


def _ontology_graphs() -> set[URIRef]:
    """The ontology's graph name (and the ``file:`` name older stores gave it)."""
    from rdflib import URIRef

    from bilateral.graph.source.load import ONTOLOGY_FILE, ONTOLOGY_GRAPH

    return {URIRef(ONTOLOGY_GRAPH), URIRef(ONTOLOGY_FILE.resolve().as_uri())}


def _scalar(value: object) -> str | int | float | bool:
    if value is None:
        return ""
    if isinstance(value, (tuple, list, set, frozenset)):
        return LIST_SEPARATOR.join(sorted(str(v) for v in value))
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _typed(value: object) -> bool | float | str | None:
    """One attribute value for GraphML/GEXF: None (left out), bool, float or str."""
    import math
    from numbers import Real

    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, Real):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, (tuple, list, set, frozenset)):
        return LIST_SEPARATOR.join(sorted(str(v) for v in value)) if value else None
    return str(value)


def _attrs(data: Mapping[str, object]) -> dict[str, bool | float | str]:
    out = {str(k): _typed(v) for k, v in data.items()}
    return {k: v for k, v in out.items() if v is not None}


def scalar_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all strings, numbers or flags, missing values left out
    (GraphML and GEXF need scalars; see :func:`for_export`)."""
    H = nx.MultiDiGraph()
    H.graph.update(_attrs(G.graph))
    for n, d in G.nodes(data=True):
        H.add_node(str(n), **_attrs(d))
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(str(u), str(v), key=str(k), **_attrs(d))
    return H


def for_export(G: nx.MultiDiGraph, *, centrality: bool = True) -> nx.MultiDiGraph:
    """A copy of a projection (``bilateral.project``) that ``nx.write_graphml`` and
    ``nx.write_gexf`` write with typed attributes, and igraph and Gephi read back.

    Missing values (``None``, NaN, an empty list) are left out; numbers are floats
    (GraphML/GEXF ``double``); flags booleans; lists, tuples and sets one string, sorted
    and joined with ``"; "``
    (``LIST_SEPARATOR``); everything else a string. With ``centrality`` every node also
    gets the measures of ``bilateral centrality`` (``degree``, ``in_degree``,
    ``out_degree``, ``betweenness``, ``closeness``, ``eigenvector``, ``pagerank``) and
    ``dyad_part``, computed on the largest connected part; ``G.graph["default_ranking"]``
    names the default ranking (eigenvector centrality).

    >>> import bilateral, networkx as nx, io
    >>> H = for_export(bilateral.project(data=["tests/data/tiny"]))
    >>> sorted({type(v).__name__ for _, d in H.nodes(data=True) for v in d.values()})
    ['bool', 'float', 'str']
    >>> nx.write_graphml(H, io.BytesIO())
    """
    H = scalar_graph(G)
    if centrality and len(G):
        from bilateral.graph.measures.centrality import DEFAULT_RANKING, dyad_part, measures

        part = dyad_part(G)
        frame = measures(G, part=part)
        for node, row in frame.iterrows():
            H.nodes[str(node)].update({k: float(v) for k, v in row.items()})
            H.nodes[str(node)]["dyad_part"] = node in part
        H.graph["default_ranking"] = DEFAULT_RANKING
    return H


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    from bilateral.graph.views.csvsafe import write_csv

    write_csv(path, header, ([_scalar(c) for c in row] for row in rows))


@graph_first("fmt", "out", "g", new="export(g, fmt, out)")
def export(
    g: GraphLike | None,
    fmt: str,
    out: str | os.PathLike[str],
    *,
    view: str = "actors",
    rollup: bool = False,
    data_only: bool = False,
    data: Sequence[str] | None = None,
) -> Path:
    """Write the graph ``g`` (``None``: ``data``, or the bundled data) in ``fmt`` to
    ``out`` and return the path written.

    RDF formats carry every triple (``data_only`` leaves out the ontology); ``trig``
    and ``nq`` (or ``nquads``) keep each triple in its named graph (and ``load`` reads
    them back, the ontology's graph included); graph formats carry the projection
    (``view``, ``rollup``) with all node and edge attributes. For ``csv`` ``out`` is a
    folder that receives ``nodes.csv`` and ``edges.csv``. Cells that a spreadsheet would
    run as formulas are neutralised.
    """
    from rdflib import Graph

    from bilateral.graph.measures.project import project
    from bilateral.graph.measures.snapshot import rdf_of
    from bilateral.graph.source.load import load

    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    rdf = g if isinstance(g, Graph) else load(data) if g is None else rdf_of(g)
    path = Path(out)
    if fmt in RDF_FORMATS or fmt in QUAD_FORMATS:
        from bilateral.graph.source.bounds import MAX_DEPTH, deep_enough, find_problem

        quads = fmt in QUAD_FORMATS
        flat = (
            quad_dataset(rdf, data_only=data_only)
            if quads
            else flat_graph(rdf, data_only=data_only)
        )
        problem = find_problem(flat.triples((None, None, None)))
        if problem is not None:  # a store written before the limits held
            what = (
                f"blank nodes nested more than {MAX_DEPTH} levels deep"
                if problem[0] == "deep"
                else "a literal or IRI longer than 8 MiB"
            )
            raise InputError(f"cannot export: the graph holds {what} (the limit of the loader)")
        with atomic_path(path) as tmp, deep_enough():
            syntax = QUAD_FORMATS[fmt] if quads else RDF_FORMATS[fmt]
            flat.serialize(destination=str(tmp), format=syntax, encoding="utf-8")
        return path
    G = for_export(project(rdf, view=view, rollup=rollup))
    if fmt == "csv":
        ensure_folder(path)
        node_keys = sorted({k for _, d in G.nodes(data=True) for k in d})
        edge_keys = sorted({k for *_, d in G.edges(data=True) for k in d})
        _write_csv(
            path / "nodes.csv",
            ["id", *node_keys],
            [[n, *(d.get(k) for k in node_keys)] for n, d in G.nodes(data=True)],
        )
        _write_csv(
            path / "edges.csv",
            ["source", "target", *edge_keys],
            [[u, v, *(d.get(k) for k in edge_keys)] for u, v, d in G.edges(data=True)],
        )
        return path
    with atomic_path(path) as tmp:
        if fmt == "graphml":
            nx.write_graphml(G, tmp)
        else:
            nx.write_gexf(G, tmp)
    return path
