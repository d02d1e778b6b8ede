"""Read the rows of a SELECT from a SPARQL server a page at a time, each page one request
with the whole-request deadline of ``request.py``, and count what was read.

Pages are keyed on the first variable: ``ORDER BY STR(?s) LIMIT n``, the next page
``FILTER(STR(?s) >= last)`` (the last subject of a full page is read again whole, since
its rows may go on past the page). ``OFFSET`` would be simpler, but Virtuoso refuses to
sort more than 10 000 rows for a ``LIMIT`` (its ``MaxSortedTopRows``: "SR353: Sorted TOP
clause specifies more then 20000 rows to sort"), and a server may answer an unordered
query in any order. The page size defaults to 10 000 rows, Virtuoso's default
``ResultSetMaxRows`` (a server that cuts its answers shorter than the page would look
like the last page). Without a named
graph a pattern is matched in the default graph and in every named graph (within one
graph at a time), as ``fetch_graph`` reads them; ``DISTINCT`` rows then make a triple
held in both count once, as in an rdflib dataset.

>>> values("?s", ["https://w3id.org/bilateral/id/a"])
'VALUES ?s { <https://w3id.org/bilateral/id/a> }'
>>> values("?s", ["urn:x:a> }"])
Traceback (most recent call last):
...
bilateral.graph.remote.request.RemoteError: an IRI that cannot be sent back in a query: 'urn:x:a> }'
"""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import Literal
from rdflib.term import Node

from bilateral.graph.remote.answers import read_results
from bilateral.graph.remote.request import (
    DEFAULT_ANSWER_CAP,
    USER_AGENT,
    RemoteError,
    Timeouts,
    check_iri,
    send,
)
from bilateral.ontology.vocab import PREFIXES

if TYPE_CHECKING:
    from bilateral.graph.remote.auth import Credentials

__all__ = ["PAGE", "Pages", "values"]

PAGE = 10_000
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def values(var: str, iris: Iterable[str]) -> str:
    """A ``VALUES`` block binding ``var`` to ``iris`` (IRIs an answer sent are checked
    before they go back into a query)."""
    terms = []
    for iri in iris:
        if not iri or _BAD_IRI.search(iri):
            raise RemoteError(f"an IRI that cannot be sent back in a query: {iri!r}")
        terms.append(f"<{iri}>")
    return f"VALUES {var} {{ {' '.join(terms)} }}"


@dataclass
class Pages:
    """A SPARQL endpoint read page by page: ``rows`` sends the SELECTs; ``requests``,
    ``rows_read`` and ``bytes_read`` count what they read."""

    endpoint: str
    graph: str | None = None
    timeouts: Timeouts = field(default_factory=Timeouts)
    auth: Credentials | None = None
    page: int = PAGE
    requests: int = 0
    rows_read: int = 0
    bytes_read: int = 0
    #: the text of every query sent, in order
    sent: list[str] = field(default_factory=list)

    def rows(self, variables: str, where: str) -> list[tuple[Node | None, ...]]:
        """The distinct rows of ``variables`` (``"?s ?o"``) matching the pattern
        ``where``, read in pages keyed on the first variable (``key``)."""
        body = where if self.graph else f"{{ {where} }} UNION {{ GRAPH ?g {{ {where} }} }}"
        key = variables.split()[0]
        out: list[tuple[Node | None, ...]] = []
        after = ""
        while True:
            since = f" FILTER(STR({key}) >= {Literal(after).n3()})" if after else ""
            got = self._select(
                f"SELECT DISTINCT {variables} WHERE {{ {{ {body} }}{since} }} "
                f"ORDER BY STR({key}) LIMIT {self.page}"
            )
            if len(got) < self.page:
                return out + got
            last = str(got[-1][0])  # its rows may go on past the page: read them again
            whole = [row for row in got if str(row[0]) != last]
            if not whole:
                raise RemoteError(
                    f"{self.endpoint}: more than {self.page} rows for {last} alone; "
                    "they cannot be read in pages of that size"
                )
            out.extend(whole)
            after = last

    def first(self, variables: str, where: str) -> tuple[Node | None, ...] | None:
        """One row of ``variables`` matching ``where`` (``None``: none does)."""
        body = where if self.graph else f"{{ {where} }} UNION {{ GRAPH ?g {{ {where} }} }}"
        got = self._select(f"SELECT {variables} WHERE {{ {body} }} LIMIT 1")
        return got[0] if got else None

    def _select(self, query: str) -> list[tuple[Node | None, ...]]:
        header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if f"{p}:" in query)
        fields = {"query": header + query}
        if self.graph:
            fields["default-graph-uri"] = check_iri(self.graph)
        req = urllib.request.Request(
            self.endpoint,
            data=urllib.parse.urlencode(fields).encode("utf-8"),
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json",
                "User-Agent": USER_AGENT,
            },
        )
        _, body, _ = send(req, self.timeouts, max_bytes=DEFAULT_ANSWER_CAP, auth=self.auth)
        result = read_results(body, self.endpoint, row_cap=self.page)
        if result.kind != "select":
            raise RemoteError(f"{self.endpoint} answered a SELECT with no rows of results")
        self.sent.append(fields["query"])
        self.requests += 1
        self.bytes_read += len(body)
        self.rows_read += len(result.rows)
        return result.rows
