"""Export the graph: RDF (Turtle, N-Triples, JSON-LD) or the projection (GraphML,
GEXF, CSV node and edge lists). Every file is written atomically.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
>>> export("graphml", out).name
'g.graphml'
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from bilateral.errors import InputError
from bilateral.graph.views.atomic import atomic_path, ensure_folder

__all__ = ["FORMATS", "export", "flat_graph", "scalar_graph"]

RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
GRAPH_FORMATS = ("graphml", "gexf", "csv")
FORMATS = (*RDF_FORMATS, *GRAPH_FORMATS)


def flat_graph(g: Any, *, data_only: bool = False) -> Any:
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


def _ontology_graphs() -> set[Any]:
    """The ontology's graph name (and the ``file:`` name older stores gave it)."""
    from rdflib import URIRef

    from bilateral.graph.source.load import ONTOLOGY_FILE, ONTOLOGY_GRAPH

    return {URIRef(ONTOLOGY_GRAPH), URIRef(ONTOLOGY_FILE.resolve().as_uri())}


def _scalar(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (tuple, list, set, frozenset)):
        return "; ".join(sorted(str(v) for v in value))
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def scalar_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all strings or numbers (GraphML/GEXF need that)."""
    H = nx.MultiDiGraph()
    H.graph.update({k: _scalar(v) for k, v in G.graph.items()})
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: _scalar(v) for k, v in d.items()})
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **{a: _scalar(b) for a, b in d.items()})
    return H


def _write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    from bilateral.graph.views.csvsafe import write_csv

    write_csv(path, header, ([_scalar(c) for c in row] for row in rows))


def export(
    fmt: str,
    out: str | os.PathLike[str],
    g: Any = None,
    *,
    view: str = "actors",
    rollup: bool = False,
    data_only: bool = False,
    data: Sequence[str] | None = None,
) -> Path:
    """Write the graph in ``fmt`` to ``out`` and return the path written.

    RDF formats carry every triple (``data_only`` leaves out the ontology); graph
    formats carry the projection (``view``, ``rollup``) with all node and edge
    attributes. For ``csv`` ``out`` is a folder that receives ``nodes.csv`` and
    ``edges.csv``. Cells that a spreadsheet would run as formulas are neutralised.
    """
    from rdflib import Graph

    from bilateral.graph.measures.project import project
    from bilateral.graph.source.load import load

    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    rdf = g if isinstance(g, Graph) else load(data)
    path = Path(out)
    if fmt in RDF_FORMATS:
        from bilateral.graph.source.bounds import MAX_DEPTH, deep_enough, find_problem

        flat = flat_graph(rdf, data_only=data_only)
        problem = find_problem(flat.triples((None, None, None)))
        if problem is not None:  # a store written before the limits held
            what = (
                f"blank nodes nested more than {MAX_DEPTH} levels deep"
                if problem[0] == "deep"
                else "a literal or IRI longer than 8 MiB"
            )
            raise InputError(f"cannot export: the graph holds {what} (the limit of the loader)")
        with atomic_path(path) as tmp, deep_enough():
            flat.serialize(destination=str(tmp), format=RDF_FORMATS[fmt], encoding="utf-8")
        return path
    G = project(rdf, view=view, rollup=rollup)
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
    H = scalar_graph(G)
    with atomic_path(path) as tmp:
        if fmt == "graphml":
            nx.write_graphml(H, tmp)
        else:
            nx.write_gexf(H, tmp)
    return path
