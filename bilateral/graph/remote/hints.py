"""Why a remote query found nothing: no `graph` given, the server's default graph
empty (one ASK), or the named graph asked for empty or absent; and which named graphs
the server has, when it lists them cheaply (``named_graphs``).

Each question has a short deadline (at most :data:`HINT_TIMEOUT`) and one attempt; a
server that cannot answer one simply gets no hint about it, and one that does not answer
the ASK is asked nothing more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilateral.graph.remote.request import DEFAULT_GRAPH, RemoteError, Timeouts

if TYPE_CHECKING:
    from bilateral.graph.remote.auth import Credentials

__all__ = ["HINT_TIMEOUT", "SCAN_TIMEOUT", "empty_hints", "named_graphs"]

#: seconds each question of a hint may take at most
HINT_TIMEOUT = 10.0
#: seconds the distinct graphs of the quads may take, where ``GRAPH ?g {}`` said nothing
SCAN_TIMEOUT = 3.0
_SHOWN = 10


def _quick(timeouts: Timeouts | None) -> Timeouts:
    whole = (timeouts or Timeouts()).timeout
    return Timeouts(timeout=min(whole, HINT_TIMEOUT), attempts=1)


def _has_triples(
    endpoint: str, graph: str | None, auth: Credentials | None, t: Timeouts
) -> bool | None:
    from bilateral.graph.remote.query import remote_query

    try:
        answer = remote_query(endpoint, "ASK { ?s ?p ?o }", graph=graph, auth=auth, timeouts=t)
    except RemoteError:
        return None
    return bool(answer.boolean) if answer.kind == "ask" else None


def named_graphs(
    endpoint: str, *, auth: Credentials | None = None, timeouts: Timeouts | None = None
) -> list[str] | None:
    """Up to 11 names of the server's named graphs (``None``: it would not say).

    ``GRAPH ?g {}`` first (Oxigraph answers it from its list of graphs); a server that
    answers it with no names (Virtuoso gives one unbound row) is asked for the distinct
    graphs of its quads, within :data:`SCAN_TIMEOUT` seconds.
    """
    from bilateral.graph.remote.query import remote_query

    t = _quick(timeouts)
    for where, seconds in (("{ }", t.timeout), ("{ ?s ?p ?o }", min(t.timeout, SCAN_TIMEOUT))):
        try:
            answer = remote_query(
                endpoint,
                f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {where} }} LIMIT 11",
                auth=auth,
                timeouts=Timeouts(timeout=seconds, attempts=1),
            )
        except RemoteError:
            return None
        if answer.kind != "select":
            return None
        names = [str(row[0]) for row in answer.rows if row and row[0] is not None]
        if names:
            return names
    return []


def _listing(names: list[str] | None) -> str:
    if names is None:
        return ""
    if not names:
        return " (the server lists no named graphs)"
    more = ", …" if len(names) > _SHOWN else ""
    return " (its named graphs: " + ", ".join(f"<{n}>" for n in names[:_SHOWN]) + more + ")"


def empty_hints(
    endpoint: str,
    graph: str | None,
    *,
    auth: Credentials | None = None,
    timeouts: Timeouts | None = None,
) -> list[str]:
    """Hints for a query at ``endpoint`` (on the named graph ``graph``, if given) that
    found nothing. Library messages name parameters in backticks (the CLI shows flags).
    """
    t = _quick(timeouts)
    has = _has_triples(endpoint, graph, auth, t)
    if graph:
        if has is not False:
            return []
        return [f"the graph <{graph}> is empty or absent on this server" + _listing(
            named_graphs(endpoint, auth=auth, timeouts=t)
        )]  # fmt: skip
    # a server that did not answer the ASK in time is not asked for its graphs too
    listing = "" if has is None else _listing(named_graphs(endpoint, auth=auth, timeouts=t))
    if has is False:
        return [
            "the server's default graph is empty: give `graph`, the named graph that holds "
            f"the data (bilateral push writes <{DEFAULT_GRAPH}> by default)" + listing
        ]
    return [
        "no `graph` given, so the server's default graph was read; if the data is in a "
        "named graph, give `graph`" + listing
    ]
