"""A local, read-only SPARQL 1.1 Protocol endpoint.

``GET /sparql?query=…`` and ``POST /sparql`` (``application/sparql-query`` or a form
with ``query=``), results negotiated by ``Accept`` or ``format=`` (SPARQL JSON, XML,
CSV, TSV; Turtle, N-Triples, RDF/XML or JSON-LD for CONSTRUCT/DESCRIBE). ``GET /sparql``
without a query answers the SPARQL 1.1 Service Description (``service.py``).
``default-graph-uri`` and ``named-graph-uri`` choose graphs by their stable names
(``dataset.py``); an unknown name is a 400. Every query passes the same checks as
``bilateral query`` (no SERVICE, FROM or updates), with the same RDFS inference unless
``infer=False``, and runs in the same guarded child with its timeout, memory cap, row
and byte caps; a result cut by a cap links to ``/limits`` from inside itself
(``protocol.py``). At most ``max_concurrent`` queries run at once and the others wait
their turn, in arrival order; a client that resets its connection meanwhile is not
served. An answer its format cannot carry exactly (a control character in XML) is a 400
(``protocol.encoded``). At the endpoint
the encoded answer, too, is at most ``byte_cap`` bytes (rows are dropped from the end
until it fits, with ``X-Bilateral-Truncated: byte cap N``), and it is encoded while the
query holds its turn, so at most ``max_concurrent`` answers are being built at once.
Bodies over ``MAX_BODY`` bytes are refused, and so is a body shorter than its
``Content-Length`` (400, nothing run). Idle and slow connections time out and at most
``max_connections`` are open at once (``connections.py``). ``GET /query`` (and ``GET /``
unless a page hook claims it) serves a query page that works offline. A higher layer adds
its pages through ``pages=`` (``pages.py``), answered under the same limits. Binds to
127.0.0.1 unless told otherwise.

Against web pages in the user's browser: a request whose ``Host`` is a name other than
``localhost`` or one allowed with ``allow_hosts`` is refused (DNS rebinding), and so is
a request whose ``Origin`` is neither the endpoint itself nor one allowed with ``cors``
(cross-site form posts); allowed origins get CORS headers.
"""

from __future__ import annotations

import base64
import hashlib
import sys
import urllib.parse
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bilateral.graph.sparql.answer import AnswerHandler, Turns
from bilateral.graph.sparql.connections import GuardedServer, ShortBodyError
from bilateral.graph.sparql.limits import (
    DEFAULT_BYTE_CAP,
    DEFAULT_IDLE_TIMEOUT,
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_MAX_MEMORY,
    DEFAULT_READ_TIMEOUT,
    DEFAULT_ROW_CAP,
    DEFAULT_TIMEOUT,
)
from bilateral.graph.sparql.pages import Pages, answer_page
from bilateral.graph.sparql.protocol import (
    host_allowed,
    hostname,
)
from bilateral.text import for_terminal

__all__ = ["MAX_BODY", "host_allowed", "make_server", "serve"]

MAX_BODY = 1 << 20  # 1 MiB of query text is plenty
PAGE_FILE = Path(__file__).parent / "query.html"
#: the query page runs no script but its own and loads nothing from elsewhere
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
}


class _Handler(AnswerHandler):
    server_version = "bilateral"
    sys_version = ""
    allow_hosts: frozenset[str] = frozenset()
    pages: Pages | None = None

    def _admitted(self) -> bool:
        """Refuse foreign Host names (DNS rebinding) and foreign Origins (cross-site)."""
        host = self.headers.get("Host")
        if host is not None and not host_allowed(host, self.allow_hosts):
            self._send(
                403,
                f"Host {hostname(host)!r} is not allowed (DNS rebinding protection); "
                "start the server with --allow-host NAME to allow it\n",
            )
            return False
        origin = self.headers.get("Origin")
        if origin is None or self._cors_origin():
            return True
        own = urllib.parse.urlsplit(origin)
        if own.scheme == "http" and host is not None and own.netloc.lower() == host.lower():
            return True  # the endpoint's own query page
        self._send(
            403,
            f"Origin {origin!r} is not allowed; start the server with --cors ORIGIN "
            "to let that web page query it\n",
        )
        return False

    def do_OPTIONS(self) -> None:  # noqa: N802
        if not self._admitted():
            return
        self._reply(
            204,
            b"",
            "text/plain",
            {
                "Allow": "GET, HEAD, POST, OPTIONS",
                "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Accept, Content-Type",
                "Access-Control-Max-Age": "600",
            }
            if self._cors_origin()
            else {"Allow": "GET, HEAD, POST, OPTIONS"},
        )

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        if not self._admitted():
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/limits":
            from bilateral.graph.sparql.service import limits_text

            text = limits_text(self._limits())
            self._send(200, text + "\n")
            return
        if url.path != "/sparql":
            params = urllib.parse.parse_qs(url.query)
            pages = type(self).pages
            if pages is not None and answer_page(self, pages, url.path, params):
                return
            if url.path in ("/", "/index.html", "/query"):
                page, headers = self._query_page()
                self._reply(200, page.encode("utf-8"), "text/html; charset=utf-8", headers)
                return
            self._send(404, "not found: use /sparql or /\n")
            return
        params = urllib.parse.parse_qs(url.query)
        if "update" in params:
            self._send(403, "updates are not allowed: this endpoint is read-only\n")
            return
        queries = params.get("query", [])
        if not queries:
            self._describe(params)
            return
        if len(queries) != 1:
            self._send(400, "give exactly one query parameter\n")
            return
        self._answer(queries[0], params)

    def _query_page(self) -> tuple[str, dict[str, str]]:
        """The query page and its headers (a policy that allows its one script)."""
        page = PAGE_FILE.read_text(encoding="utf-8")
        page = page.replace("TIMEOUT", f"{self.timeout_s:g}")
        page = page.replace("ROWCAP", str(self.row_cap))
        # with a page hook, the graph's own IRIs have local pages (/id/NAME, /source/NAME)
        page = page.replace("LOCALPAGES", "true" if type(self).pages else "false")
        # the page's one script is allowed by its hash, no other
        script = page.split("<script>", 1)[1].split("</script>", 1)[0]
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        allowed = f"'sha256-{digest}'"
        policy = f"script-src {allowed}; " + PAGE_HEADERS["Content-Security-Policy"]
        return page.replace("SCRIPTHASH", allowed), {
            **PAGE_HEADERS,
            "Content-Security-Policy": policy,
        }

    def do_POST(self) -> None:  # noqa: N802
        if not self._admitted():
            return
        if urllib.parse.urlsplit(self.path).path != "/sparql":
            self._send(404, "not found: use /sparql\n")
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._send(411, "Content-Length required\n")
            return
        if length > MAX_BODY or length < 0:
            self._send(413, f"request body over {MAX_BODY} bytes\n")
            self.close_connection = True
            return
        try:
            raw = self.read_body(length)
        except ShortBodyError as exc:
            self._send(400, f"{exc}\n")
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self._send(400, "the request body is not UTF-8\n")
            return
        if ctype == "application/sparql-update":
            self._send(403, "updates are not allowed: this endpoint is read-only\n")
            return
        params = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        if ctype == "application/sparql-query":
            self._answer(text, params)
            return
        if ctype == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(text)
            if "update" in form:
                self._send(403, "updates are not allowed: this endpoint is read-only\n")
                return
            if len(form.get("query", [])) != 1:
                self._send(400, "give exactly one query parameter\n")
                return
            for key, values in params.items():  # the URL's parameters count as well
                form.setdefault(key, []).extend(values)
            self._answer(form["query"][0], form)
            return
        self._send(415, f"unsupported Content-Type {ctype or '(none)'}\n")

    def do_PUT(self) -> None:  # noqa: N802
        self._send(405, "read-only endpoint\n")

    def do_DELETE(self) -> None:  # noqa: N802
        self._send(405, "read-only endpoint\n")

    def do_PATCH(self) -> None:  # noqa: N802
        self._send(405, "read-only endpoint\n")


def make_server(
    g: Any,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = DEFAULT_TIMEOUT,
    row_cap: int = DEFAULT_ROW_CAP,
    byte_cap: int = DEFAULT_BYTE_CAP,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    max_concurrent: int | None = None,
    max_connections: int = DEFAULT_MAX_CONNECTIONS,
    idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
    read_timeout: float = DEFAULT_READ_TIMEOUT,
    allow_hosts: Iterable[str] = (),
    cors: Iterable[str] = (),
    quiet: bool = False,
    infer: bool = True,
    pages: Pages | None = None,
) -> GuardedServer:
    """A server bound to ``host:port`` (port 0 picks a free one); call serve_forever().

    ``g`` is a graph, or a ``StoreReader`` (``graph/source/storereader.py``) for a store that
    may be loaded while the server runs: each query then reads a snapshot, is told to
    retry (503) while a load holds the store, and sees the new data once it is done.

    ``max_concurrent`` queries run at once (default: the number of CPUs, at least 2);
    ``max_connections`` connections are open at once, a connection may wait
    ``idle_timeout`` seconds for its request to begin and must deliver it within
    ``read_timeout`` seconds (``connections.py``); ``allow_hosts`` are extra names the
    server may be reached under; ``cors`` lists the web origins (``https://yasgui.example``,
    or ``*``) allowed to query it from a page. ``infer`` applies RDFS subclass and
    subproperty inference, as ``bilateral query`` does (``graph/sparql/infer.py``).
    ``pages`` adds the pages of a higher layer (``pages.py``: the workbench).
    """
    import os

    from bilateral.graph.sparql.safety import warm

    for name, value in (("idle_timeout", idle_timeout), ("read_timeout", read_timeout)):
        if not value > 0:
            raise ValueError(f"{name} must be a positive number of seconds, not {value!r}")
    warm()
    slots = max_concurrent or max(2, os.cpu_count() or 2)
    handler = type(
        "Handler",
        (_Handler,),
        {
            "graph": g,
            "timeout_s": timeout,
            "row_cap": row_cap,
            "byte_cap": byte_cap,
            "max_memory": max_memory,
            "quiet": quiet,
            "infer": infer,
            "idle_timeout": idle_timeout,
            "read_timeout": read_timeout,
            "allow_hosts": frozenset(allow_hosts),
            "cors": frozenset(o.rstrip("/") for o in cors),
            "slots": Turns(slots),
            "pages": staticmethod(pages) if pages is not None else None,
        },
    )
    return GuardedServer((host, port), handler, max_connections=max_connections, quiet=quiet)


def serve(g: Any, **kwargs: Any) -> None:
    """Serve until interrupted."""
    server = make_server(g, **kwargs)
    host, port = server.server_address[:2]
    where = f"http://{host!s}:{port}"
    page = f"{where}/query" if kwargs.get("pages") else f"{where}/"
    what = f"SPARQL endpoint on {where}/sparql (query page: {page})"
    if kwargs.get("pages"):
        what = f"workbench on {where}/ ; " + what
    print(for_terminal(what), file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
