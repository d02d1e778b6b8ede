"""Talk to a SPARQL 1.1 server: push a graph (Graph Store Protocol), query it.

Every request has one deadline for the whole of it (connecting, sending, the headers
and the body of the answer, retries and their back-off included): a server that
trickles its answer a byte at a time is cut off when the deadline passes. Bounded
retries with back-off for connection errors and 5xx answers, and one clear
``RemoteError`` for everything else; nothing reports success unless the server
confirmed it. Tested against the ``oxigraph`` server; Fuseki, GraphDB, Virtuoso and
QLever speak the same protocols (see the README).
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef

from bilateral.errors import BilateralError, DataProblemsError
from bilateral.graph.sparql.engine import QueryResult
from bilateral.graph.sparql.safety import check_query
from bilateral.ontology.vocab import PREFIXES

__all__ = [
    "DEFAULT_GRAPH",
    "DEFAULT_TIMEOUT",
    "RemoteError",
    "RemoteInputError",
    "Timeouts",
    "check_url",
    "fetch_graph",
    "push",
    "remote_query",
]

DEFAULT_GRAPH = "https://w3id.org/bilateral/graph/default"
DEFAULT_TIMEOUT = 30.0  # seconds for a whole request
USER_AGENT = "bilateral (SPARQL client)"


class RemoteError(BilateralError):
    """The remote store is down, too slow, or answered with an error."""

    exit_code = 1


class RemoteInputError(RemoteError):
    """An endpoint URL or graph IRI that cannot be used (unusable input: exit 2)."""

    exit_code = 2


@dataclass
class Timeouts:
    """The deadline of a whole request in seconds (retries included) and how many
    attempts to make within it."""

    timeout: float = field(default_factory=lambda: DEFAULT_TIMEOUT)
    attempts: int = 3
    backoff: float = 0.5


class _Deadline:
    """A whole-request deadline: when it passes, every socket opened under it is shut
    down, so a read blocked on a server that trickles its answer returns at once."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.expired = False
        self._lock = threading.Lock()
        self._socks: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        return self.at - time.monotonic()

    def track(self, sock: socket.socket) -> None:
        with self._lock:
            if self.expired:
                sock.close()
                raise TimeoutError("deadline passed")
            self._socks.append(sock.dup())  # a dup shuts down the same connection, TLS too

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._socks:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._socks:
                sock.close()
            self._socks.clear()


def _connection_class(base: type[http.client.HTTPConnection], deadline: _Deadline) -> Any:
    class Connection(base):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["timeout"] = max(deadline.left(), 0.001)
            super().__init__(*args, **kwargs)

            def create(address: Any, timeout: Any = None, *rest: Any, **kw: Any) -> Any:
                left = deadline.left()
                if left <= 0:
                    raise TimeoutError("deadline passed")
                sock = socket.create_connection(address, left, *rest, **kw)
                deadline.track(sock)
                return sock

            self._create_connection = create

    return Connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_connection_class(http.client.HTTPConnection, self._deadline), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> Any:
        conn = _connection_class(http.client.HTTPSConnection, self._deadline)
        return self.do_open(conn, req, context=self._context)  # type: ignore[attr-defined]


def _request(
    req: urllib.request.Request, t: Timeouts, *, sleep: Callable[[float], None] = time.sleep
) -> tuple[int, bytes, str]:
    """Send ``req`` and read the whole answer before ``t.timeout`` seconds have passed."""
    deadline = _Deadline(t.timeout)
    opener = urllib.request.build_opener(_HTTPHandler(deadline), _HTTPSHandler(deadline))
    late = f"no complete answer within {t.timeout:g} s (--timeout covers the whole request)"
    last, attempt = "", 0
    try:
        for attempt in range(1, t.attempts + 1):  # noqa: B007 - reported below
            try:
                with opener.open(req) as resp:
                    status, body = resp.status, resp.read()
                    if deadline.expired:  # a body cut at the deadline may look complete
                        raise TimeoutError
                    return status, body, resp.headers.get("Content-Type", "")
            except urllib.error.HTTPError as exc:
                try:
                    text = exc.read()[:300]
                except OSError:
                    text = b""
                lines = text.decode("utf-8", "replace").strip().splitlines()
                detail = lines[0] if lines else exc.reason
                if exc.code < 500:
                    raise RemoteError(f"{req.full_url} answered {exc.code}: {detail}") from None
                last = f"answered {exc.code}: {detail}"
            except urllib.error.URLError as exc:
                reason = exc.reason
                last = late if deadline.expired else f"cannot connect ({reason})"
            except (TimeoutError, http.client.HTTPException, OSError) as exc:
                last = (
                    late
                    if deadline.expired or isinstance(exc, TimeoutError)
                    else (f"connection failed ({exc})")
                )
            if deadline.expired or deadline.left() <= 0 or attempt == t.attempts:
                break
            sleep(min(t.backoff * 2 ** (attempt - 1), max(deadline.left(), 0)))
            if deadline.left() <= 0:
                break
    finally:
        deadline.close()
    tries = f"after {attempt} attempt{'s' if attempt != 1 else ''}"
    raise RemoteError(f"{req.full_url}: {last} ({tries})")


def _check_iri(iri: str) -> str:
    from bilateral.graph.source.parse import _BAD_IRI

    if not iri or _BAD_IRI.search(iri) or ":" not in iri:
        raise RemoteInputError(f"not a valid graph IRI: {iri!r}")
    return iri


def check_url(url: str) -> str:
    """``url`` if it is a usable http(s) endpoint URL, else ``RemoteInputError`` (exit 2).

    >>> check_url("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/query'
    >>> check_url("ftp://127.0.0.1/")
    Traceback (most recent call last):
    ...
    bilateral.graph.remote.RemoteInputError: not an http(s) endpoint URL: 'ftp://127.0.0.1/'
    """
    from bilateral.graph.source.parse import _BAD_IRI

    if _BAD_IRI.search(url):
        raise RemoteInputError(f"not a valid endpoint URL: {url!r} (spaces or control characters)")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises for a port that is not a number in range
    except ValueError as exc:
        raise RemoteInputError(f"not a valid endpoint URL: {url!r} ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RemoteInputError(f"not an http(s) endpoint URL: {url!r}")
    if parts.username is not None or parts.password is not None:
        raise RemoteInputError(
            f"not a usable endpoint URL: {parts.hostname}: credentials in the URL are not sent"
        )
    return url


def push(
    g: Any,
    endpoint: str,
    *,
    graph: str = DEFAULT_GRAPH,
    timeouts: Timeouts | None = None,
    validate: bool = True,
) -> int:
    """Validate ``g``, then replace the named graph ``graph`` at the Graph Store
    ``endpoint`` with it.

    Uses HTTP PUT (atomic replacement on the server, so a re-run converges and an
    interrupted push leaves the old graph or the new one). Returns the triples sent.
    Invalid data raises ``DataProblemsError`` (with the problems) and sends nothing;
    ``validate=False`` skips the check.
    """
    from bilateral.graph.views.export import flat_graph

    check_url(endpoint)
    _check_iri(graph)
    if validate:
        import warnings

        from bilateral.errors import DataNote
        from bilateral.graph.checks.remember import validate_once

        checked = validate_once(g)  # a store found valid and unchanged since: not again
        problems = checked.problems
        if checked.reused is not None:
            warnings.warn(f"reusing the validation of {checked.reused}", DataNote, stacklevel=2)
        if problems:
            raise DataProblemsError(
                f"{len(problems)} validation problem(s): nothing pushed", problems=problems
            )
    flat = flat_graph(g)
    body = flat.serialize(format="nt", encoding="utf-8")
    sep = "&" if "?" in endpoint else "?"
    url = f"{endpoint}{sep}graph={urllib.parse.quote(graph, safe='')}"
    req = urllib.request.Request(
        url,
        data=body,
        method="PUT",
        headers={"Content-Type": "application/n-triples", "User-Agent": USER_AGENT},
    )
    status, _, _ = _request(req, timeouts or Timeouts(timeout=120.0))
    if status not in (200, 201, 204):
        raise RemoteError(f"{endpoint} answered {status} to the upload")
    return len(flat)


def _term(binding: dict[str, Any]) -> Any:
    kind = binding.get("type")
    value = binding.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in binding:
            return Literal(value, lang=binding["xml:lang"])
        if "datatype" in binding:
            return Literal(value, datatype=URIRef(binding["datatype"]))
        return Literal(value)
    raise RemoteError(f"unexpected term in the results: {binding!r}")


def remote_query(
    endpoint: str,
    sparql: str,
    *,
    graph: str | None = None,
    row_cap: int = 100_000,
    timeouts: Timeouts | None = None,
) -> QueryResult:
    """Run ``sparql`` at a SPARQL 1.1 query endpoint (same safety rules as locally).

    ``graph`` sends the protocol's ``default-graph-uri``, so a query sees the named
    graph ``bilateral push`` wrote as its default graph.
    """
    check_url(endpoint)
    check_query(sparql)
    header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    form = {"query": header + sparql}
    if graph:
        form["default-graph-uri"] = _check_iri(graph)
    req = urllib.request.Request(
        endpoint,
        data=urllib.parse.urlencode(form).encode("utf-8"),
        method="POST",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
            "User-Agent": USER_AGENT,
        },
    )
    status, body, ctype = _request(req, timeouts or Timeouts())
    if "n-triples" in ctype or "turtle" in ctype:
        try:
            parsed = Graph().parse(
                data=body.decode("utf-8"), format="nt" if "n-triples" in ctype else "turtle"
            )
        except Exception:
            raise RemoteError(f"{endpoint} sent an unreadable graph (truncated?)") from None
        triples = list(parsed)
        return QueryResult(
            "graph", triples=triples[:row_cap], cut_by="rows" if len(triples) > row_cap else ""
        )
    try:
        doc = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise RemoteError(f"{endpoint} sent unreadable results (truncated or not JSON)") from None
    if "boolean" in doc:
        return QueryResult("ask", boolean=bool(doc["boolean"]))
    try:
        vars_ = list(doc["head"]["vars"])
        bindings = doc["results"]["bindings"]
    except (KeyError, TypeError):
        raise RemoteError(f"{endpoint} sent results without head/vars or bindings") from None
    rows = [tuple(_term(b[v]) if v in b else None for v in vars_) for b in bindings[:row_cap]]
    return QueryResult(
        "select", vars=vars_, rows=rows, cut_by="rows" if len(bindings) > row_cap else ""
    )


def fetch_graph(
    endpoint: str, *, graph: str | None = None, timeouts: Timeouts | None = None
) -> Any:
    """All triples at the endpoint (or of one named graph) plus the local ontology.

    Measures need the whole graph: this is how ``centrality`` and ``dependence`` read
    from a remote store.
    """
    from rdflib import Dataset

    from bilateral.graph.source.load import ONTOLOGY_FILE, ONTOLOGY_GRAPH, parse_file

    if graph:
        where = f"GRAPH <{_check_iri(graph)}> {{ ?s ?p ?o }}"
    else:
        where = "{ ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }"
    result = remote_query(
        endpoint,
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}",
        row_cap=50_000_000,
        timeouts=timeouts,
    )
    ds = Dataset(default_union=True)
    parse_file(ONTOLOGY_FILE, ds.graph(URIRef(ONTOLOGY_GRAPH)))
    remote = ds.graph(URIRef(endpoint))
    for triple in result.triples:
        remote.add(triple)
    return ds
