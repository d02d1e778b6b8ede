"""Which page answers a path (``None``: not the workbench's; the endpoint answers)."""

from __future__ import annotations

from bilateral.errors import BilateralError
from bilateral.graph.sparql.pages import PageReply, PageRequest
from bilateral.workbench import api, dyadpage, graphpage, home, linked
from bilateral.workbench.html import asset, error_page

__all__ = ["pages"]


def pages(request: PageRequest) -> PageReply | None:
    """The workbench's reply to ``request``, or ``None`` outside its paths."""
    path = request.path
    try:
        if path == "/":
            return home.page(request)
        if path.startswith("/api/"):
            return api.route(request)
        if path.startswith("/id/"):
            return linked.page(request, "id", path[len("/id/") :])
        if path.startswith("/source/"):
            return linked.page(request, "source", path[len("/source/") :])
        if path == "/dependence":
            return dyadpage.page(request)
        if path == "/graph":
            return graphpage.page(request)
        if path.startswith("/static/"):
            return asset(path[len("/static/") :])
    except BilateralError as exc:  # an unknown name, a bad parameter: one line, no traceback
        if path.startswith("/api/"):
            return api.problem(exc)
        return error_page(exc)
    return None
