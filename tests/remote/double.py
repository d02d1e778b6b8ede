"""A test double of a SPARQL server that asks for a login: HTTP Basic or Digest (RFC
7616, MD5 with qop=auth, checked as a server checks it), a Graph Store that takes a PUT
(and refuses one without a login before reading its body, closing the connection, as
Virtuoso does), and a query endpoint whose data sits in one named graph, seen only by a query that
names it (``default-graph-uri`` or ``GRAPH <iri>``). Every request is recorded.

Run it with ``tests/servers.py``'s ``running``::

    with running(serve(Double.make("digest"))) as (host, port): ...
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from rdflib import Graph

TINY = Path(__file__).parent.parent / "data" / "tiny" / "tiny.ttl"
GRAPH = "urn:x:bilateral-test"
USER, PASSWORD = "alice", "s3cret pw"
REALM = "SPARQL"


def tiny_ntriples() -> bytes:
    """The tiny test data as N-Triples (what a server sends for a CONSTRUCT)."""
    return Graph().parse(TINY).serialize(format="nt", encoding="utf-8")


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()  # noqa: S324 - Digest's own algorithm


@dataclass
class Seen:
    """One request the double answered (after the login, if one was needed)."""

    method: str
    path: str
    fields: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    accept: str = ""


class Double(BaseHTTPRequestHandler):
    """The handler; :meth:`make` gives a subclass with its own scheme and record."""

    scheme: ClassVar[str] = "basic"  # "basic", "digest" or "none"
    refuse_with: ClassVar[int] = 401  # 403: a server that forbids instead of asking
    data: ClassVar[bytes] = b""
    seen: ClassVar[list[Seen]]
    refused: ClassVar[list[str]]
    nonces: ClassVar[set[str]]

    @classmethod
    def make(cls, scheme: str, refuse_with: int = 401) -> type[Double]:
        attrs: dict[str, Any] = {
            "scheme": scheme,
            "refuse_with": refuse_with,
            "data": tiny_ntriples(),
            "seen": [],
            "refused": [],
            "nonces": set(),
        }
        return type(f"Double{scheme.title()}", (cls,), attrs)

    def log_message(self, *args: object) -> None:  # noqa: D102
        pass

    # the login ------------------------------------------------------------------

    def _logged_in(self) -> bool:
        given = self.headers.get("Authorization", "")
        if self.scheme == "none":
            return True
        if self.scheme == "basic":
            token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
            return given == f"Basic {token}"
        if not given.startswith("Digest "):
            return False
        f = urllib.request.parse_keqv_list(urllib.request.parse_http_list(given[7:]))
        if f.get("username") != USER or f.get("nonce") not in self.nonces:
            return False
        ha1 = _md5(f"{USER}:{REALM}:{PASSWORD}")
        ha2 = _md5(f"{self.command}:{f.get('uri', '')}")
        parts = [ha1, f["nonce"], f.get("nc", ""), f.get("cnonce", ""), f.get("qop", ""), ha2]
        return f.get("response") == _md5(":".join(parts)) and f.get("uri") == self.path

    def _challenge(self) -> None:
        self.refused.append(self.headers.get("Authorization", ""))
        self.send_response(self.refuse_with)
        if self.refuse_with == 401 and self.scheme == "basic":
            self.send_header("WWW-Authenticate", f'Basic realm="{REALM}"')
        elif self.refuse_with == 401:
            nonce = secrets.token_hex(8)
            self.nonces.add(nonce)
            self.send_header(
                "WWW-Authenticate",
                f'Digest realm="{REALM}", nonce="{nonce}", qop="auth", algorithm="MD5", '
                'opaque="0p4qu3"',
            )
        body = b"login required"
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    # the endpoints --------------------------------------------------------------

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length", 0)))

    def _send(self, status: int, body: bytes = b"", ctype: str = "") -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_HEAD(self) -> None:  # noqa: N802, D102
        if not self._logged_in():
            self._challenge()
            return
        self.seen.append(Seen("HEAD", self.path))
        self._send(200)

    def do_PUT(self) -> None:  # noqa: N802, D102
        if not self._logged_in():  # as Virtuoso does: refused before the body is read
            self.close_connection = True
            self._challenge()
            return
        body = self._body()
        self.seen.append(Seen("PUT", self.path, body=body))
        self._send(204)

    def do_POST(self) -> None:  # noqa: N802, D102
        body = self._body()
        if not self._logged_in():
            self._challenge()
            return
        fields = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode()).items()}
        self.seen.append(Seen("POST", self.path, fields, accept=self.headers.get("Accept", "")))
        query = fields.get("query", "")
        sees = fields.get("default-graph-uri") == GRAPH or f"<{GRAPH}>" in query
        if "GRAPH ?g {" in query and "SELECT DISTINCT ?g" in query:
            rows = [{"g": {"type": "uri", "value": GRAPH}}]
            self._json({"head": {"vars": ["g"]}, "results": {"bindings": rows}})
        elif "ASK" in query:
            self._json({"head": {}, "boolean": sees})
        elif "CONSTRUCT" in query:
            self._send(200, self.data if sees else b"", "application/n-triples")
        elif sees:  # a SELECT over the data, answered as a server would (rdflib's engine)
            found = Graph().parse(data=self.data, format="nt").query(query)
            self._send(200, found.serialize(format="json"), "application/sparql-results+json")
        else:
            self._json({"head": {"vars": ["s"]}, "results": {"bindings": []}})

    def _json(self, doc: dict[str, Any]) -> None:
        self._send(200, json.dumps(doc).encode(), "application/sparql-results+json")


def serve(handler: type[Double]) -> ThreadingHTTPServer:
    """A server on a free loopback port (start it with ``running``)."""
    return ThreadingHTTPServer(("127.0.0.1", 0), handler)
