"""Is a query safe to run: SPARQL's grammar (rdflib's parser) reads it, and the parse tree
is searched for SERVICE, FROM/FROM NAMED and updates, for both engines.

rdflib's pyparsing grammar is shared and not thread-safe: ``parse`` and ``check_query``
hold one lock, and a fork waits for it (so that no query child inherits a parse
half-done in another thread). The query child, which has one thread, calls ``_parse``.

>>> refuse_unsafe(parse("SELECT * { ?s rdfs:label 'SERVICE' }"))
>>> check_query("SELECT * { SERVICE <http://example.org/> { ?s ?p ?o } }")
Traceback (most recent call last):
...
bilateral.errors.QueryError: SERVICE is not allowed: queries never reach the network
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator

import rdflib.plugins.sparql as rdflib_sparql
from pyparsing import ParseResults
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query

from bilateral.errors import QueryError
from bilateral.ontology.vocab import PREFIXES

__all__ = ["ParseTree", "check_query", "parse", "refuse_unsafe", "warm"]

#: what SPARQL's grammar (rdflib's ``parseQuery``) reads a query into
ParseTree = ParseResults

rdflib_sparql.SPARQL_LOAD_GRAPHS = False


def _header() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def _walk(node: object) -> Iterator[CompValue]:
    """Every ``CompValue`` in a parse tree or algebra (ParseResults, lists, dicts)."""
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple, ParseResults)):
        for item in node:
            yield from _walk(item)


_READ_ONLY = (
    "updates (INSERT, DELETE, LOAD, CLEAR, DROP ...) are not allowed: the graph is read-only"
)

#: rdflib's pyparsing grammar is shared and not thread-safe: one parse at a time. A fork
#: waits for the lock too, so that no query child inherits a parse half-done in another
#: thread (with pyparsing's own cache lock held, its first parse would hang).
_PARSE_LOCK = threading.Lock()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(
        before=_PARSE_LOCK.acquire,
        after_in_parent=_PARSE_LOCK.release,
        after_in_child=_PARSE_LOCK.release,
    )


def parse(sparql: str) -> ParseTree:
    """Parse ``sparql`` (with the predeclared prefixes) by SPARQL's grammar.

    Raises ``QueryError`` on a syntax error (with line and column) and for updates.
    Thread-safe; the query child calls ``_parse`` directly (it has one thread).
    """
    with _PARSE_LOCK:
        return _parse(sparql)


_WARM: list[bool] = []  # the grammar has parsed once in this process


def warm(native: bool = False) -> None:
    """Import the parser and engines now: each query child then need not, and no child
    is forked while another thread holds one of their import locks. The first parse in
    a process costs ~30 ms more than the next ones (pyparsing prepares the grammar on
    first use); one parse of a fixed query here lets every child start prepared (a small
    query's parse in the child: ~40 ms → ~10 ms)."""
    import rdflib.plugins.sparql.algebra
    import rdflib.plugins.sparql.evaluate
    import rdflib.plugins.sparql.parser  # noqa: F401

    if native:
        import oxrdflib._converter  # noqa: F401
        import pyoxigraph  # noqa: F401
    if not _WARM:
        parse("SELECT ?s (COUNT(*) AS ?n) WHERE { ?s a ?c . FILTER(?c != ?s) } GROUP BY ?s")
        _WARM.append(True)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _refuse_surrogates(sparql: str) -> None:
    """A lone surrogate is not a Unicode character: no engine can read it (Oxigraph's
    binding raised ``UnicodeEncodeError``), so the query is refused, naming where.

    >>> _refuse_surrogates("SELECT * {}\\n# \\ud800")
    Traceback (most recent call last):
    ...
    bilateral.errors.QueryError: lone surrogate U+D800 at line 2, column 3 (not a character)
    """
    found = _SURROGATE.search(sparql)
    if found:
        line = sparql.count("\n", 0, found.start()) + 1
        column = found.start() - (sparql.rfind("\n", 0, found.start()) + 1) + 1
        raise QueryError(
            f"lone surrogate U+{ord(found.group()):04X} at line {line}, column {column} "
            "(not a character)"
        )


def _parse(sparql: str) -> ParseTree:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    _refuse_surrogates(sparql)
    text = _header() + sparql
    offset = len(PREFIXES)
    try:
        return parseQuery(text)
    except ParseException as exc:
        try:
            parseUpdate(text)
        except Exception:
            pass
        else:
            raise QueryError(_READ_ONLY) from None
        from bilateral.graph.sparql.syntax import explain

        line = max(exc.lineno - offset, 1)
        raise QueryError(
            f"SPARQL syntax error at {explain(sparql, line, exc.col, exc.msg)}"
        ) from None
    except RecursionError:
        raise QueryError("SPARQL syntax error: the query is nested too deeply") from None
    except Exception as exc:  # rdflib raises plain exceptions for unknown prefixes
        raise QueryError(f"SPARQL error: {exc}") from None


def refuse_unsafe(parsed: ParseTree) -> None:
    """Refuse SERVICE and FROM/FROM NAMED anywhere in a parse tree.

    The tree comes from SPARQL's grammar, so a keyword counts only where the grammar
    reads one: ``"SERVICE"`` in a string, ``?service`` or ``ex:from`` do not.

    >>> refuse_unsafe(parse("SELECT * { ?s rdfs:label 'SERVICE' }"))
    >>> refuse_unsafe(parse("SELECT * { ?a ?b ?c FILTER(?a<'>'||true) SERVICE <http://x/> {} }"))
    Traceback (most recent call last):
    ...
    bilateral.errors.QueryError: SERVICE is not allowed: queries never reach the network
    """
    for comp in _walk(parsed):
        if comp.name == "ServiceGraphPattern":
            raise QueryError("SERVICE is not allowed: queries never reach the network")
        if dict.get(comp, "datasetClause") or comp.name == "DatasetClause":
            raise QueryError(
                "FROM and FROM NAMED are not allowed: queries run on the loaded graph only"
            )


def _translate(parsed: ParseTree) -> Query:
    from rdflib.plugins.sparql.algebra import translateQuery

    try:
        return translateQuery(parsed, initNs=PREFIXES)
    except RecursionError:
        raise QueryError("SPARQL error: the query is nested too deeply") from None
    except Exception as exc:
        text = str(exc)
        if text.startswith("Unknown namespace prefix"):
            name = text.rsplit(":", 1)[-1].strip()
            known = ", ".join(PREFIXES)
            raise QueryError(
                f"SPARQL error: unknown prefix {name + ':'!r}; the predeclared prefixes are "
                f"{known}; declare others with PREFIX {name}: <...>"
            ) from None
        raise QueryError(f"SPARQL error: {exc}") from None


def check_query(sparql: str) -> Query:
    """Parse ``sparql`` (with the predeclared prefixes) and refuse unsafe forms.

    Returns the translated query. Raises ``QueryError`` with line and column on a
    syntax error (exit code 2) and for SERVICE, FROM and updates. Thread-safe.

    >>> check_query("SELECT * { SERVICE <http://example.org/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    bilateral.errors.QueryError: SERVICE is not allowed: queries never reach the network
    """
    with _PARSE_LOCK:
        parsed = _parse(sparql)
        refuse_unsafe(parsed)
        return _translate(parsed)
