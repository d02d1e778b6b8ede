"""Turn query results into typed DataFrames and SPARQL 1.1 result formats (JSON, CSV, TSV).

A DataFrame column takes the type its values share (``COLUMN_TYPES``): xsd integers →
``Int64``, other xsd numbers → ``float64``, ``xsd:date``/``xsd:dateTime`` →
``datetime64``, ``xsd:boolean`` → ``bool`` (``boolean`` with missing values), IRIs,
blank nodes and every other literal → ``string`` (its lexical form). A column that mixes
kinds, or holds an ill-typed value, stays ``object`` with one Python value per cell.

>>> from rdflib import Literal, URIRef
>>> from bilateral.graph.sparql.engine import QueryResult
>>> r = QueryResult("select", vars=["x"], rows=[(URIRef("https://e.org/a"),), (Literal(2),)])
>>> print(to_csv(r), end="")
x
https://e.org/a
2
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from bilateral.cells import csv_text
from bilateral.graph.sparql.engine import QueryResult
from bilateral.ontology.vocab import PREFIXES
from bilateral.text import strict_json, unicode_escapes

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "COLUMN_TYPES",
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


_INTEGER = {
    XSD[name]
    for name in (
        "integer int long short byte nonNegativeInteger positiveInteger nonPositiveInteger "
        "negativeInteger unsignedLong unsignedInt unsignedShort unsignedByte"
    ).split()
}
_FLOAT = {XSD.decimal, XSD.double, XSD.float}
_DATE = {XSD.date, XSD.dateTime, XSD.dateTimeStamp}

#: the pandas dtype of a column whose values are all of one kind (missing values aside)
COLUMN_TYPES = {
    "integer": "Int64",
    "number": "float64",
    "date": "datetime64",
    "boolean": "bool",
    "string": "string",
}


def _kind(term: Node) -> str:
    """``integer``, ``number``, ``date``, ``boolean`` or ``string`` (IRIs, blank nodes,
    other literals, and literals whose lexical form does not fit their datatype)."""
    if not isinstance(term, Literal) or term.ill_typed:
        return "string"
    datatype = term.datatype
    if datatype in _INTEGER:
        return "integer"
    if datatype in _FLOAT:
        return "number"
    if datatype in _DATE:
        return "date"
    if datatype == XSD.boolean:
        return "boolean"
    return "string"


def _py(term: Node | None) -> Any:
    """The Python value of a literal (``None`` for an unbound cell)."""
    return None if term is None else cast(Literal, term).toPython()


def _column(terms: list[Node | None]) -> pd.Series:
    """One typed column (see the module docstring)."""
    import pandas as pd

    kinds = {_kind(t) for t in terms if t is not None}
    missing = any(t is None for t in terms)
    if kinds == {"integer", "number"}:
        kinds = {"number"}
    kind = kinds.pop() if len(kinds) == 1 else None
    if kind in ("integer", "number", "boolean"):
        values = [_py(t) for t in terms]
        if kind == "integer" and all(v is None or abs(v) < 2**63 for v in values):
            return pd.Series(values, dtype="Int64")
        if kind == "boolean":
            return pd.Series(values, dtype="boolean" if missing else bool)
        return pd.Series([float("nan") if v is None else float(v) for v in values], dtype=float)
    if kind == "date":
        values = [_py(t) for t in terms]
        aware = {getattr(v, "tzinfo", None) is not None for v in values if v is not None}
        if len(aware) == 1:
            try:
                stamps = pd.to_datetime(pd.Series(values, dtype=object), utc=aware == {True})
                if aware == {True}:
                    return stamps.astype("datetime64[ns, UTC]")
                return stamps.astype("datetime64[ns]")
            except (ValueError, OverflowError):  # beyond 1677-2262: keep the values
                pass
    if kind == "string":
        return pd.Series([None if t is None else str(t) for t in terms], dtype="string")
    return pd.Series([_cell(t) for t in terms], dtype=object)


def _cell(term: Node | None) -> Any:
    """A cell of a mixed column: numbers as int or float, dates as ``pd.Timestamp``,
    booleans as bool, the rest as its string."""
    import pandas as pd

    if term is None:
        return None
    kind = _kind(term)
    if kind == "string":
        return str(term)
    value = _py(term)
    if kind == "number":
        return float(value)
    if kind == "date":
        try:
            return pd.Timestamp(value)
        except (ValueError, OverflowError):
            return value
    return value


def to_dataframe(result: QueryResult) -> pd.DataFrame:
    """SELECT rows as a DataFrame with one typed column per variable.

    >>> from rdflib import Literal, URIRef, XSD
    >>> from bilateral.graph.sparql.engine import QueryResult
    >>> r = QueryResult("select", vars=["x", "n", "d"], rows=[
    ...     (URIRef("https://e.org/a"), Literal("0.5", datatype=XSD.decimal),
    ...      Literal("2021-06-01", datatype=XSD.date)),
    ...     (URIRef("https://e.org/b"), None, Literal("2020-08-09", datatype=XSD.date))])
    >>> [str(t) for t in to_dataframe(r).dtypes]
    ['string', 'float64', 'datetime64[ns]']
    """
    import pandas as pd

    if result.kind != "select":
        raise ValueError("only SELECT results become DataFrames")
    columns = list(zip(*result.rows, strict=True)) if result.rows else [()] * len(result.vars)
    data = {i: _column(list(col)) for i, col in enumerate(columns)}
    frame = pd.DataFrame(data, index=range(len(result.rows)))
    frame.columns = pd.Index(result.vars)
    return frame


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


def to_json(result: QueryResult, *, link: str | None = None) -> str:
    """SPARQL 1.1 Query Results JSON (strict; control and bidi characters escaped);
    ``link`` goes into ``head.link`` (the endpoint points there when a cap cut the rows)."""
    if result.kind == "ask":
        return strict_json({"head": {}, "boolean": result.boolean}, indent=2)
    bindings = [
        {v: _json_term(t) for v, t in zip(result.vars, row, strict=True) if t is not None}
        for row in result.rows
    ]
    head: dict[str, list[str]] = {"vars": result.vars}
    if link:
        head["link"] = [link]
    doc = {"head": head, "results": {"bindings": bindings}}
    return strict_json(doc, indent=2)


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV results (terms as plain text), spreadsheet-safe: a cell a
    spreadsheet would run as a formula gets a leading ``'`` (``bilateral.cells``), at
    the endpoint as on the CLI. TSV stays exact (its terms are Turtle: quoted, in
    ``<>``, or bare numbers), for programs rather than spreadsheets."""
    if result.kind == "ask":
        return csv_text(["boolean"], [["true" if result.boolean else "false"]])
    return csv_text(result.vars, ([None if t is None else str(t) for t in r] for r in result.rows))


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
