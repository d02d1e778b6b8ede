"""The analyst's workbench: the pages ``bilateral serve`` adds to its SPARQL endpoint.

``pages`` is the hook ``make_server(g, pages=pages)`` calls (``graph/sparql/pages.py``):
``/`` (search, named questions, dyads), ``/dependence`` (a dyad's dependence with the
evidence and quotes behind each number), ``/id/NAME`` and ``/source/NAME`` (linked-data
pages negotiated by ``Accept``), ``/graph`` (the interactive graph), ``/api/...`` (JSON)
and ``/static/...`` (the pages' own script and style: nothing loads from elsewhere).
``warm(g)`` computes ahead what the first visitor would wait for (``bilateral serve``
calls it in the background as it starts). Every page is built under the endpoint's
limits; labels and quotes from the data are always written as text, never as markup.

>>> from bilateral.graph.sparql.pages import PageRequest
>>> from bilateral.graph.source.load import load
>>> reply = pages(PageRequest("/api/queries", {}, "", load(), "http://127.0.0.1:8000"))
>>> reply.status, reply.ctype
(200, 'application/json; charset=utf-8')
>>> pages(PageRequest("/elsewhere", {}, "", None, "")) is None
True
"""

from __future__ import annotations

from bilateral.workbench.router import pages
from bilateral.workbench.state import warm

__all__ = ["pages", "warm"]
