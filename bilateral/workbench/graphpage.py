"""``/graph[?focus=NAME]``: the interactive graph of ``bilateral render`` (the same
offline page: its own Content-Security-Policy allows only its two inline scripts),
whole, or opened on one entity and its neighbours (``focus``, ``depth``: default 1).

>>> from bilateral.graph.sparql.pages import PageRequest
>>> from bilateral.graph.source.load import load
>>> reply = page(PageRequest("/graph", {"focus": ["ermakova"]}, "", load(), ""))
>>> reply.status, b"Ermakova" in reply.body
(200, True)
"""

from __future__ import annotations

from bilateral.errors import InputError
from bilateral.graph.sparql.pages import PageReply, PageRequest
from bilateral.workbench.state import cached, snapshot

__all__ = ["page"]

#: the page keeps its own Content-Security-Policy (its two inline scripts, by hash)
HEADERS = {"Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}


def page(request: PageRequest) -> PageReply:
    """The graph page."""
    from bilateral.graph.views.render import render

    snap = snapshot(request.graph)
    focus = request.param("focus").strip() or None
    try:
        depth = int(request.param("depth", "1"))
    except ValueError:
        raise InputError("depth must be a whole number") from None
    if focus is None:  # the whole graph: drawn once per graph
        html = cached(request.graph, "graph", lambda: render(snap).html())
        return PageReply(200, html.encode("utf-8"), "text/html; charset=utf-8", HEADERS)
    else:
        try:
            view = render(snap, focus=focus, depth=depth)
        except InputError:  # a statement, or an actor with no ties: the full view has it
            view = render(snap, view="full", focus=focus, depth=depth)
    return PageReply(200, view.html().encode("utf-8"), "text/html; charset=utf-8", HEADERS)
