"""Turn query results into DataFrames and SPARQL 1.1 result formats (JSON, CSV, TSV).

>>> from rdflib import Literal, URIRef
>>> from bilateral.graph.sparql.engine import QueryResult
>>> r = QueryResult("select", vars=["x"], rows=[(URIRef("https://e.org/a"),), (Literal(2),)])
>>> print(to_csv(r), end="")
x
https://e.org/a
2
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from bilateral.graph.sparql.engine import QueryResult
from bilateral.ontology.vocab import PREFIXES
from bilateral.text import strict_json, unicode_escapes

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "python_value",
    "to_csv",
    "to_dataframe",
    "to_json",
    "to_tsv",
    "to_turtle",
]


def python_value(term: Node | None) -> Any:
    """IRIs and blank nodes as strings, literals as Python values (date, Decimal...)."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


def to_dataframe(result: QueryResult) -> pd.DataFrame:
    """SELECT rows as a DataFrame with one column per variable."""
    import pandas as pd

    if result.kind != "select":
        raise ValueError("only SELECT results become DataFrames")
    data = [[python_value(t) for t in row] for row in result.rows]
    return pd.DataFrame(data, columns=result.vars)


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (strict; control and bidi characters escaped)."""
    if result.kind == "ask":
        return strict_json({"head": {}, "boolean": result.boolean}, indent=2)
    bindings = [
        {v: _json_term(t) for v, t in zip(result.vars, row, strict=True) if t is not None}
        for row in result.rows
    ]
    doc = {"head": {"vars": result.vars}, "results": {"bindings": bindings}}
    return strict_json(doc, indent=2)


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV results, as the protocol gives them (for spreadsheets, use
    ``views.csvsafe.result_csv``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return out.getvalue()
    writer.writerow(result.vars)
    for row in result.rows:
        writer.writerow(["" if t is None else str(t) for t in row])
    return out.getvalue()


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV results: terms in Turtle syntax, tabs and newlines escaped, and
    control and bidi characters written as ``\\u`` escapes (exact, and inert on a
    terminal)."""
    if result.kind == "ask":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    for row in result.rows:
        cells = ["" if t is None else t.n3() for t in row]
        lines.append("\t".join(c.replace("\t", "\\t").replace("\n", "\\n") for c in cells))
    return unicode_escapes("\n".join(lines) + "\n")


def to_turtle(result: QueryResult) -> str:
    """CONSTRUCT/DESCRIBE triples as Turtle with the common prefixes (control and bidi
    characters as ``\\u`` escapes); blank nodes nested deeper than the loader's limit
    come as N-Triples, which is Turtle too."""
    from bilateral.graph.source.bounds import deep_enough, find_problem

    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for triple in result.triples:
        g.add(triple)
    problem = find_problem(result.triples)
    if problem is not None and problem[0] == "deep":  # rdflib's Turtle writer recurses
        return unicode_escapes(g.serialize(format="nt"))  # N-Triples is Turtle too
    with deep_enough():
        return unicode_escapes(g.serialize(format="turtle"))
