"""ORDER BY as SPARQL 1.1 §15.1 says, for rdflib's engine: a sort key that is an error
or unbound sorts first (last with DESC), then blank nodes, IRIs and literals; literals
compare by ``<`` where SPARQL defines it, else by datatype, language and lexical form.

rdflib's own ``evalOrderBy`` sorts on a key that is ``None`` for an error, which Python
cannot compare with a term: ``ORDER BY STR(?unbound)`` raised ``TypeError: '<' not
supported`` (the store's engine, Oxigraph, answers). :func:`install` registers
:func:`order_by` as a custom evaluation for the ``OrderBy`` part of a query.

>>> from rdflib import Literal, URIRef
>>> keys = [sort_key(Literal("b")), sort_key(None), sort_key(URIRef("a:x")), sort_key(Literal(1))]
>>> [str(k.term) for k in sorted(keys)]
['None', 'a:x', '1', 'b']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from rdflib import BNode, Literal, URIRef
from rdflib.plugins.sparql.sparql import SPARQLError
from rdflib.term import Identifier

if TYPE_CHECKING:
    from rdflib.plugins.sparql.parserutils import CompValue, Expr
    from rdflib.plugins.sparql.sparql import FrozenBindings, QueryContext

__all__ = ["install", "order_by", "sort_key"]

_KEY = "bilateral_order_by"
# what evaluating a sort key may raise besides SPARQL's own errors: every one of them
# makes the key an error, which sorts as unbound
_KEY_ERRORS = (SPARQLError, TypeError, ValueError, ArithmeticError, AttributeError, KeyError)


class SortKey:
    """One row's key for one ORDER BY condition: its kind's rank, then the term."""

    __slots__ = ("rank", "term")

    def __init__(self, rank: int, term: Identifier | None) -> None:
        self.rank = rank
        self.term = term

    def __lt__(self, other: SortKey) -> bool:
        if self.rank != other.rank:
            return self.rank < other.rank
        if self.term is None or other.term is None:  # errors and unbound keys are equal
            return False
        try:
            return bool(self.term < other.term)
        except Exception:  # noqa: BLE001 - no SPARQL order between them: any fixed one
            return _spelled(self.term) < _spelled(other.term)


def _spelled(term: object) -> tuple[str, str, str]:
    return (
        str(getattr(term, "datatype", None) or ""),
        str(getattr(term, "language", None) or ""),
        str(term),
    )


def sort_key(term: object) -> SortKey:
    """The key of a value (``None`` or an error: unbound)."""
    if isinstance(term, BNode):
        return SortKey(1, term)
    if isinstance(term, URIRef):
        return SortKey(2, term)
    if isinstance(term, Literal):
        return SortKey(3, term)
    return SortKey(0, None)


def _key_of(row: FrozenBindings, expr: Expr) -> SortKey:
    from rdflib.plugins.sparql.parserutils import value

    try:
        return sort_key(value(row, expr, variables=True))
    except _KEY_ERRORS:
        return SortKey(0, None)


def _keys(expr: Expr) -> Callable[[FrozenBindings], SortKey]:
    return lambda row: _key_of(row, expr)


def order_by(ctx: QueryContext, part: CompValue) -> Iterable[FrozenBindings]:
    """rdflib's ``evalOrderBy`` with keys that never fail to compare; other parts are
    left to rdflib (``NotImplementedError``)."""
    if part.name != "OrderBy":
        raise NotImplementedError
    from rdflib.plugins.sparql.evaluate import evalPart

    rows: Iterable[FrozenBindings] = evalPart(ctx, part.p)
    for condition in reversed(part.expr):  # the last condition first: sorts are stable
        reverse = condition.order == "DESC"
        expr = condition.expr
        rows = sorted(rows, key=_keys(expr), reverse=reverse)
    return rows


def install() -> None:
    """Register :func:`order_by` with rdflib (idempotent)."""
    from rdflib.plugins.sparql import CUSTOM_EVALS

    CUSTOM_EVALS[_KEY] = order_by
