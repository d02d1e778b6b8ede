"""Talk to a SPARQL 1.1 server: push a graph (Graph Store Protocol), query it.

Every request has one deadline for the whole of it, bounded retries with back-off for
connection errors and 5xx answers, and one clear ``RemoteError`` for everything else
(``request.py``); nothing reports success unless the server confirmed it
(``push.py``); queries follow the same safety rules as locally (``query.py``); a measure
reads only what it needs, in pages (``dyad.py``, ``pages.py``); a server
that asks for a login gets one (Basic or Digest, ``auth.py``), and a query that found
nothing gets hints (``hints.py``). Tested
against the ``oxigraph`` server; Fuseki, GraphDB, Virtuoso and QLever speak the same
protocols (see the README).
"""

from __future__ import annotations

from bilateral.graph.remote.auth import PASSWORD_VARIABLE, Credentials, login
from bilateral.graph.remote.dyad import read_dyad
from bilateral.graph.remote.hints import empty_hints
from bilateral.graph.remote.pages import Pages
from bilateral.graph.remote.push import push
from bilateral.graph.remote.query import fetch_graph, remote_query
from bilateral.graph.remote.request import (
    DEFAULT_GRAPH,
    DEFAULT_TIMEOUT,
    RemoteAuthError,
    RemoteError,
    RemoteInputError,
    Timeouts,
    check_url,
)

__all__ = [
    "DEFAULT_GRAPH",
    "DEFAULT_TIMEOUT",
    "PASSWORD_VARIABLE",
    "Credentials",
    "Pages",
    "RemoteAuthError",
    "RemoteError",
    "RemoteInputError",
    "Timeouts",
    "check_url",
    "empty_hints",
    "fetch_graph",
    "login",
    "push",
    "read_dyad",
    "remote_query",
]
