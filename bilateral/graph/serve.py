"""A local, read-only SPARQL 1.1 Protocol endpoint.

``GET /sparql?query=…`` and ``POST /sparql`` (``application/sparql-query`` or a form
with ``query=``), results negotiated by ``Accept`` (SPARQL JSON, XML, CSV, TSV; Turtle
or N-Triples for CONSTRUCT/DESCRIBE). Every query passes the same checks as
``bilateral query`` (no SERVICE, FROM or updates) and runs with its timeout and row
cap; bodies over ``MAX_BODY`` bytes are refused. ``GET /`` serves a small query page
that works offline. Binds to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bilateral.errors import QueryError
from bilateral.graph import results
from bilateral.graph.sparql import DEFAULT_ROW_CAP, DEFAULT_TIMEOUT, QueryResult, run

__all__ = ["MAX_BODY", "make_server", "serve"]

MAX_BODY = 1 << 20  # 1 MiB of query text is plenty
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt"}

PAGE_FILE = Path(__file__).parent / "templates" / "query.html"


def _negotiate(accept: str, kind: str) -> tuple[str, str]:
    """(format, content type) for the Accept header and the result kind."""
    options = GRAPH_TYPES if kind == "graph" else RESULT_TYPES
    default = "text/turtle" if kind == "graph" else "application/sparql-results+json"
    ranked = []
    for part in (accept or "").split(","):
        fields = part.strip().split(";")
        mime = fields[0].strip().lower()
        q = 1.0
        for f in fields[1:]:
            if f.strip().startswith("q="):
                try:
                    q = float(f.strip()[2:])
                except ValueError:
                    q = 0.0
        ranked.append((q, mime))
    for _, mime in sorted(ranked, key=lambda x: -x[0]):
        if mime in options:
            return options[mime], mime
        if mime in ("*/*", "application/*", "text/*", ""):
            return options[default], default
    return options[default], default


def _xml(result: QueryResult) -> str:
    from rdflib import Variable
    from rdflib.query import Result

    r = Result("ASK" if result.kind == "ask" else "SELECT")
    if result.kind == "ask":
        r.askAnswer = bool(result.boolean)
    else:
        r.vars = [Variable(v) for v in result.vars]
        r.bindings = [
            {Variable(v): t for v, t in zip(result.vars, row, strict=True) if t is not None}  # type: ignore[misc]
            for row in result.rows
        ]
    out = r.serialize(format="xml")
    return out.decode("utf-8") if isinstance(out, bytes) else str(out)


def _body(result: QueryResult, fmt: str) -> str:
    if result.kind == "graph":
        if fmt == "nt":
            from rdflib import Graph

            g = Graph()
            for t in result.triples:
                g.add(t)
            return g.serialize(format="nt")
        return results.to_turtle(result)
    return {
        "json": results.to_json,
        "csv": lambda r: results.to_csv(r, neutralise=False),
        "tsv": results.to_tsv,
        "xml": _xml,
    }[fmt](result)


class _Handler(BaseHTTPRequestHandler):
    server_version = "bilateral"
    sys_version = ""
    graph: Any = None
    timeout_s: float = DEFAULT_TIMEOUT
    row_cap: int = DEFAULT_ROW_CAP
    quiet: bool = False

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        if not self.quiet:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")

    def _send(self, code: int, body: str, ctype: str = "text/plain; charset=utf-8") -> None:
        data = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            page = PAGE_FILE.read_text(encoding="utf-8")
            page = page.replace("TIMEOUT", f"{self.timeout_s:g}")
            page = page.replace("ROWCAP", str(self.row_cap))
            self._send(200, page, "text/html; charset=utf-8")
            return
        if url.path != "/sparql":
            self._send(404, "not found: use /sparql or /\n")
            return
        params = urllib.parse.parse_qs(url.query)
        if "update" in params:
            self._send(403, "updates are not allowed: this endpoint is read-only\n")
            return
        queries = params.get("query", [])
        if len(queries) != 1:
            self._send(400, "give exactly one query parameter\n")
            return
        self._answer(queries[0])

    def do_POST(self) -> None:  # noqa: N802
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
        raw = self.rfile.read(length)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self._send(400, "the request body is not UTF-8\n")
            return
        if ctype == "application/sparql-update":
            self._send(403, "updates are not allowed: this endpoint is read-only\n")
            return
        if ctype == "application/sparql-query":
            self._answer(text)
            return
        if ctype == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(text)
            if "update" in form:
                self._send(403, "updates are not allowed: this endpoint is read-only\n")
                return
            if len(form.get("query", [])) != 1:
                self._send(400, "give exactly one query parameter\n")
                return
            self._answer(form["query"][0])
            return
        self._send(415, f"unsupported Content-Type {ctype or '(none)'}\n")

    def do_PUT(self) -> None:  # noqa: N802
        self._send(405, "read-only endpoint\n")

    def do_DELETE(self) -> None:  # noqa: N802
        self._send(405, "read-only endpoint\n")

    def do_PATCH(self) -> None:  # noqa: N802
        self._send(405, "read-only endpoint\n")

    def _answer(self, sparql: str) -> None:
        try:
            result = run(self.graph, sparql, timeout=self.timeout_s, row_cap=self.row_cap)
        except QueryError as exc:
            message = str(exc)
            code = 503 if "timeout" in message else 400
            if "not allowed" in message:
                code = 403
            self._send(code, message + "\n")
            return
        fmt, mime = _negotiate(self.headers.get("Accept", ""), result.kind)
        body = _body(result, fmt)
        self.send_response(200)
        self.send_header("Content-Type", f"{mime}; charset=utf-8")
        data = body.encode("utf-8")
        self.send_header("Content-Length", str(len(data)))
        if result.truncated:
            self.send_header("X-Bilateral-Truncated", f"row cap {self.row_cap}")
        self.end_headers()
        self.wfile.write(data)


def make_server(
    g: Any,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = DEFAULT_TIMEOUT,
    row_cap: int = DEFAULT_ROW_CAP,
    quiet: bool = False,
) -> ThreadingHTTPServer:
    """A server bound to ``host:port`` (port 0 picks a free one); call serve_forever()."""
    handler = type(
        "Handler",
        (_Handler,),
        {"graph": g, "timeout_s": timeout, "row_cap": row_cap, "quiet": quiet},
    )
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def serve(g: Any, **kwargs: Any) -> None:
    """Serve until interrupted."""
    server = make_server(g, **kwargs)
    host, port = server.server_address[:2]
    where = f"http://{host!s}:{port}"
    print(f"SPARQL endpoint on {where}/sparql (query page: {where}/)", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
