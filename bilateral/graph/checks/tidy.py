"""One line per problem: what two rules both report is reported once, and a statement
IRI used in two files is one problem named with both places.

- A ``bid:``/``bsrc:`` node with no ``rdfs:label`` breaks the ``label`` shape and the
  ``unlabelled-entity`` check: the check's line is kept (``TWINS``).
- A statement with no source breaks ``statement-source``, and its quote cannot be
  checked: the shape's line is kept.
- A dangling IRI (``untyped-iri``) or an unknown ``bil:`` term (``unknown-term``), each
  with the names it may have meant, also fails every shape that wants a typed value
  there (``party-actor``, ``statement-source``, ``domain-concept`` …): those lines are
  dropped, the dangling name's line says it.
- A statement declared (given its kind) in two files (``statement-clash``: one IRI for
  two statements, often a slug the bundled data already uses) is one line at the first
  file not in the bundled data, naming the other file and line; the problems the merged
  node has only because it is merged (a second label, a second strength …) are counted
  in that line, not printed. A file that adds to a statement declared elsewhere (a
  quote, a comment) without declaring it again is no clash.

>>> rows = [("n", "label", "needs a label"), ("n", "unlabelled-entity", "has no label")]
>>> one_per_problem(rows, [])
[('n', 'unlabelled-entity', 'has no label')]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.query import ResultRow
from rdflib.term import Node

from bilateral.graph.checks.locate import Locator, short
from bilateral.graph.checks.quotes import NO_SOURCE_TEXT
from bilateral.graph.checks.violation import Found, Violation
from bilateral.graph.source.naming import BUNDLED_DATASET, GRAPH_BASE, file_of_graph
from bilateral.graph.source.read import native_store

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["CLASH", "TWINS", "clashes", "one_per_problem", "with_clashes"]

#: rule → the rule that reports the same problem of the same node (whose line is kept)
TWINS = {"label": "unlabelled-entity"}
CLASH = "statement-clash"
_BUNDLED = f"{GRAPH_BASE}{BUNDLED_DATASET}/"
_CLASH_QUERY = """
SELECT DISTINCT ?node ?g WHERE {
  { SELECT DISTINCT ?k WHERE {
      ?k <http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?statement .
      VALUES ?statement { <https://w3id.org/bilateral/ontology#Statement> } } }
  GRAPH ?g { ?node a ?k }
}"""  # the statement classes first, once: then one lookup per class


def one_per_problem(
    found: Sequence[Found], shacl: Sequence[tuple[Found, Node | None, Node | None]]
) -> list[Found]:
    """``found`` without the second report of a problem another rule already reports
    (``shacl``: each SHACL result with its focus node and value)."""
    rules: dict[Node, set[str]] = {}
    for node, rule, _ in found:
        rules.setdefault(node, set()).add(rule)
    dangling = {node for node, rule, _ in found if rule in ("untyped-iri", "unknown-term")}
    consequences = {f for f, _, value in shacl if value is not None and value in dangling}
    out = []
    for f in found:
        node, rule, message = f
        if TWINS.get(rule) in rules[node] or f in consequences:
            continue
        if rule == "quote" and message == NO_SOURCE_TEXT and "statement-source" in rules[node]:
            continue
        out.append(f)
    return out


def _graphs_of_statements(g: Graph, store: pyoxigraph.Store | None) -> list[tuple[str, str]]:
    store = store if store is not None else native_store(g)
    if store is not None:
        from bilateral.graph.checks.onstore import solutions

        return [(row[0].value, row[1].value) for row in solutions(store, _CLASH_QUERY)]
    rows = (r for r in g.query(_CLASH_QUERY) if isinstance(r, ResultRow))
    return [(str(node), str(graph)) for node, graph in rows]


def clashes(g: Graph, store: pyoxigraph.Store | None = None) -> dict[URIRef, list[str]]:
    """Each statement typed in more than one file → the files, the first one not in
    the bundled data first (the place to rename it); ``store``: ``g`` in Oxigraph (its
    store, or a copy with its graphs), where the query runs 20x faster than on rdflib."""
    graphs: dict[str, set[str]] = {}
    for node, graph in _graphs_of_statements(g, store):
        graphs.setdefault(node, set()).add(graph)
    files = getattr(g, "bilateral_files", None)
    out = {}
    for node, names in sorted(graphs.items()):
        if len(names) > 1:
            ordered = sorted(names, key=lambda n: (n.startswith(_BUNDLED), n))
            out[URIRef(node)] = [file_of_graph(n, files) for n in ordered]
    return out


def with_clashes(
    g: Graph,
    located: list[Violation],
    locator: Locator,
    order: Callable[[Violation], tuple[str, int, str, str, str]],
    store: pyoxigraph.Store | None = None,
) -> list[Violation]:
    """``located`` with one line per statement IRI described in two files, naming both
    places, in place of the problems its merged description has."""
    clashed = clashes(g, store)
    if not clashed:
        return located
    names = {short(node): node for node in clashed}
    hidden: dict[str, int] = {}
    out = []
    for v in located:
        if v.node in names and v.severity == "error":
            hidden[v.node] = hidden.get(v.node, 0) + 1
        else:
            out.append(v)
    for name, node in names.items():
        (file, line), *others = [(f, locator.line_in(f, node)) for f in clashed[node]]
        also = ", ".join(f"{f}:{n}" if n is not None else f for f, n in others)
        more = hidden.get(name, 0)
        merged = f" ({more} problem(s) of the two merged not shown)" if more else ""
        message = f"also described in {also}: one IRI for two statements, rename one{merged}"
        out.append(Violation(file, line, name, CLASH, message))
    return sorted(out, key=order)
