"""``/api/``: the JSON the pages use and scripts can call.

- ``/api/search?q=WORDS[&kind=CLASS][&limit=N]``: ranked matches (``bilateral search``).
- ``/api/queries``: the named queries with their questions, parameters and SPARQL.
- ``/api/queries/NAME[?PARAM=VALUE...]``: a named query's answer as SPARQL JSON results;
  each query-string parameter binds a variable as ``--bind`` does (``bid:x``, ``<iri>``
  or an actor's name where the query uses the variable as a node).
- ``/api/dependence?dependent=A&provider=B[&as_of=D][&known_by=D][&sensitivity=1]``:
  what ``dependence A B --format json [--as-of D] [--known-by D] [--sensitivity]`` prints.
- ``/api/entity/NAME``: what ``/id/NAME`` shows (``source:NAME`` for ``/source/NAME``).
- ``/api/dyads``: the dyads with their headline SDI.

A bad parameter or an unknown name is ``{"error": "..."}`` with 400 or 404.

>>> from bilateral.graph.sparql.pages import PageRequest
>>> from bilateral.graph.source.load import load
>>> import json
>>> reply = route(PageRequest("/api/search", {"q": ["ermakva"]}, "", load(), ""))
>>> json.loads(reply.body)["results"][0]["href"]
'/id/ermakova'
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from bilateral.errors import BilateralError, InputError, QueryError, UnknownNameError
from bilateral.graph.sparql.pages import PageReply, PageRequest
from bilateral.workbench.html import HEADERS, ID, SOURCE, href, json_reply

__all__ = ["problem", "route", "run_named", "search_rows"]


def problem(exc: BilateralError) -> PageReply:
    """``{"error": message}``: 404 for an unknown name, 503 for a query stopped by the
    timeout or the memory cap (as the endpoint answers), else 400.

    >>> from bilateral.errors import QueryError
    >>> problem(QueryError("query timeout after 1 s")).status
    503
    """
    status = 404 if isinstance(exc, UnknownNameError) else 400
    if isinstance(exc, QueryError) and ("timeout" in str(exc) or "memory" in str(exc)):
        status = 503
    return json_reply({"error": str(exc)}, status)


def route(request: PageRequest) -> PageReply | None:
    """The reply of an ``/api/`` path, ``None`` for an unknown one."""
    path = request.path[len("/api/") :]
    if path == "search":
        return json_reply({"results": search_rows(request)})
    if path == "queries":
        return json_reply({"queries": _queries()})
    if path.startswith("queries/"):
        return _named(request, unquote(path[len("queries/") :]))
    if path == "dependence":
        return _dependence(request)
    if path == "dyads":
        from bilateral.workbench.state import dyads

        return json_reply({"dyads": dyads(request.graph)})
    if path.startswith("entity/"):
        from bilateral.workbench.entities import about

        name = unquote(path[len("entity/") :])
        prefix, _, local = name.partition(":")
        base, rest = (SOURCE, local) if prefix in ("source", "bsrc") else (ID, name)
        rest = rest.split(":", 1)[1] if rest.startswith(("bid:", "bsrc:")) else rest
        return json_reply(about(request, base + rest))
    return json_reply({"error": f"no API path {request.path}"}, 404)


def search_rows(request: PageRequest) -> list[dict[str, Any]]:
    """The matches of ``q`` as ``bilateral search`` ranks them, each with its page."""
    from bilateral.graph.sparql.search import search

    text = request.param("q").strip()
    if not text:
        raise InputError("give the words to look for: /api/search?q=WORDS")
    limit = _int(request.param("limit", "20"), "limit")
    df = search(request.graph, text, kind=request.param("kind") or None, limit=limit)
    rows: list[dict[str, Any]] = [
        {str(k): v for k, v in row.items()} for row in df.to_dict(orient="records")
    ]
    for row in rows:
        row["href"] = href(str(row["iri"]))
    return rows


def _int(value: str, name: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise InputError(f"{name} must be a whole number, not {value!r}") from None
    if n < 1:
        raise InputError(f"{name} must be at least 1")
    return n


def _queries() -> list[dict[str, Any]]:
    from bilateral.graph.sparql.named import named_queries

    return [
        {
            "name": q.name,
            "question": q.question,
            "sparql": q.text,
            "parameters": {
                n: {"default": p.default, "about": p.about} for n, p in q.parameters.items()
            },
        }
        for q in named_queries().values()
    ]


def run_named(request: PageRequest, name: str) -> Any:
    """The ``QueryResult`` of the named query ``name`` with the request's parameters
    bound, under the endpoint's limits."""
    from dataclasses import replace

    from bilateral.api import QueryRequest, run_query
    from bilateral.graph.sparql.bind import bind_values

    limits = request.limits
    query = QueryRequest(named=name, infer=request.infer, timeout=limits.timeout,
                         row_cap=limits.row_cap, byte_cap=limits.byte_cap,
                         max_memory=request.max_memory)  # fmt: skip
    raw = {k: request.param(k) for k in request.params if k != "format"}
    unknown = [
        k
        for k in raw
        if not re.fullmatch(r"\w+", k) or not re.search(rf"[?$]{re.escape(k)}\b", query.text)
    ]
    if unknown:
        raise InputError(f"{name} has no variable ?{unknown[0]} to bind")
    query = replace(query, bindings=bind_values(request.graph, query.text, raw))
    return run_query(request.graph, query)


def _named(request: PageRequest, name: str) -> PageReply:
    from bilateral.graph.sparql import results

    result = run_named(request, name)
    if result.kind == "graph":
        text = results.to_turtle(result)
        return PageReply(200, text.encode("utf-8"), "text/turtle; charset=utf-8", HEADERS)
    headers = dict(HEADERS)
    if result.truncated:
        headers["X-Bilateral-Truncated"] = f"{result.cut_by} cap"
    body = results.to_json(result).encode("utf-8")
    return PageReply(200, body, "application/sparql-results+json; charset=utf-8", headers)


def _dependence(request: PageRequest) -> PageReply:
    """What ``bilateral dependence A B --format json`` prints (``[--as-of D]
    [--known-by D]``; the sensitivity table with ``sensitivity=1``, as ``--sensitivity``)."""
    from bilateral.text import strict_json
    from bilateral.workbench.dyadpage import compute

    data = compute(request).to_dict()
    if request.param("sensitivity") not in ("1", "true", "yes"):
        data["sensitivity"] = []
    text = strict_json(data, indent=2)
    return PageReply(200, text.encode("utf-8"), "application/json; charset=utf-8", HEADERS)
