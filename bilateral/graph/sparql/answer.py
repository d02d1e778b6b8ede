"""How the endpoint answers a query: it waits for a turn (while the client is still
there), runs the query in the guarded child, and encodes the answer within the byte cap
while it still holds its turn; also the replies every request shares (``_send``,
``_reply``) and the service description. Routing and admission are in ``serve.py``."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any, Literal

from bilateral.errors import InputError, QueryError
from bilateral.graph.sparql.connections import GuardedHandler
from bilateral.graph.sparql.dataset import GraphSelection, UnknownGraphError
from bilateral.graph.sparql.engine import QueryResult, run
from bilateral.graph.sparql.limits import (
    DEFAULT_BYTE_CAP,
    DEFAULT_MAX_MEMORY,
    DEFAULT_ROW_CAP,
    DEFAULT_TIMEOUT,
    Limits,
)
from bilateral.graph.sparql.protocol import (
    FormatError,
    check_formats,
    cut,
    encoded,
    graph_body,
    negotiate,
)

__all__ = ["AnswerHandler", "Turns"]


class Turns:
    """At most ``n`` queries at once; the others wait their turn in arrival order (a
    semaphore would let late comers overtake), and stop waiting when their client goes.

    >>> turns = Turns(1)
    >>> turns.take(time.monotonic() + 1, lambda: False)
    'taken'
    >>> turns.take(time.monotonic() + 0.05, lambda: False)
    'busy'
    >>> turns.release(); turns.take(time.monotonic() + 1, lambda: False)
    'taken'
    """

    def __init__(self, n: int) -> None:
        self._free = n
        self._queue: deque[object] = deque()
        self._changed = threading.Condition()

    def take(self, deadline: float, gone: Callable[[], bool]) -> Literal["taken", "busy", "gone"]:
        """Wait for a turn until ``deadline`` (``time.monotonic()``), looking at ``gone()``
        every quarter second: ``taken``, ``busy`` (the deadline passed) or ``gone``."""
        me = object()
        with self._changed:
            self._queue.append(me)
            try:
                while not (self._free and self._queue[0] is me):
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return "busy"
                    if gone():
                        return "gone"
                    self._changed.wait(min(0.25, left))
                if gone():  # no work for a client that has gone
                    return "gone"
                self._queue.popleft()
                self._free -= 1
                return "taken"
            finally:
                if me in self._queue:  # gave up: the next in line may go
                    self._queue.remove(me)
                    self._changed.notify_all()

    @property
    def waiting(self) -> int:
        """Queries in line for a turn."""
        with self._changed:
            return len(self._queue)

    def release(self) -> None:
        """End a turn."""
        with self._changed:
            self._free += 1
            self._changed.notify_all()


class AnswerHandler(GuardedHandler):
    """A request handler that answers queries under the endpoint's limits (set as class
    attributes by ``serve.make_server``)."""

    graph: Any = None
    timeout_s: float = DEFAULT_TIMEOUT
    row_cap: int = DEFAULT_ROW_CAP
    byte_cap: int = DEFAULT_BYTE_CAP
    max_memory: int | None = DEFAULT_MAX_MEMORY
    infer: bool = True
    cors: frozenset[str] = frozenset()
    slots: Turns = Turns(2)

    def _cors_origin(self) -> str | None:
        """The Origin to echo in CORS headers, if it is allowed cross-origin."""
        origin = self.headers.get("Origin")
        if origin and ("*" in self.cors or origin in self.cors):
            return origin
        return None

    def _send(self, code: int, body: str, ctype: str = "text/plain; charset=utf-8") -> None:
        self._reply(code, body.encode("utf-8"), ctype)

    def _reply(
        self, code: int, data: bytes, ctype: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        origin = self._cors_origin()
        if origin:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Expose-Headers", "X-Bilateral-Truncated")
            self.send_header("Vary", "Origin")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _base(self) -> str:
        """This endpoint's own URL, as the client reached it (Host was checked)."""
        address: Any = self.server.server_address
        host = self.headers.get("Host") or f"{address[0]}:{address[1]}"
        return f"http://{host}"

    def _limits(self) -> Limits:
        cap = getattr(self.server, "max_connections", None)
        return Limits(
            self.timeout_s, self.row_cap, self.byte_cap,
            cap if isinstance(cap, int) else None, self.idle_timeout, self.read_timeout,
        )  # fmt: skip

    def _describe(self, params: dict[str, list[str]]) -> None:
        """The SPARQL 1.1 Service Description, in the RDF format asked for."""
        from bilateral.graph.sparql.service import description

        try:
            fmt, mime = negotiate(self.headers.get("Accept", ""), "graph", params.get("format", []))
            snapshot = getattr(self.graph, "snapshot", None)
            with snapshot() if snapshot else contextlib.nullcontext(self.graph) as graph:
                g = description(
                    graph, self._base() + "/sparql", infer=self.infer, limits=self._limits()
                )
            text = graph_body(g, fmt)
        except FormatError as exc:
            self._send(400, f"{exc}\n")
            return
        except InputError as exc:  # the store is being loaded
            self._reply(503, f"{exc}\n".encode(), "text/plain; charset=utf-8", {"Retry-After": "5"})
            return
        self._reply(200, text.encode("utf-8"), f"{mime}; charset=utf-8")

    def _answer(self, sparql: str, params: dict[str, list[str]]) -> None:
        try:
            dataset = GraphSelection.of(
                params.get("default-graph-uri", []), params.get("named-graph-uri", [])
            )
            check_formats(params.get("format", []))
        except FormatError as exc:
            self._send(400, f"{exc}\n")
            return
        started = time.monotonic()
        if not self._take_turn(started + self.timeout_s):
            return
        try:
            left = max(self.timeout_s - (time.monotonic() - started), 0.1)
            # a store is read through a snapshot: a reader's lock, reopened after loads
            snapshot = getattr(self.graph, "snapshot", None)
            with snapshot() if snapshot else contextlib.nullcontext(self.graph) as graph:
                result = run(
                    graph,
                    sparql,
                    timeout=left,
                    row_cap=self.row_cap,
                    byte_cap=self.byte_cap,
                    max_memory=self.max_memory,
                    infer=self.infer,
                    dataset=dataset,
                )
                hints = _hints(graph, sparql, result, self.infer) if _wants_hints(params) else None
            fmt, mime = negotiate(
                self.headers.get("Accept", ""), result.kind, params.get("format", [])
            )
            data, extra = self._encode(result, fmt)  # in our turn: bounded memory
            if hints is not None:
                extra["X-Bilateral-Hints"] = hints
        except InputError as exc:  # the store is being loaded (or was left half-loaded)
            self._reply(503, f"{exc}\n".encode(), "text/plain; charset=utf-8", {"Retry-After": "5"})
            return
        except (UnknownGraphError, FormatError) as exc:
            self._send(400, f"{exc}\n")
            return
        except QueryError as exc:
            message = str(exc)
            code = 503 if "timeout" in message or "memory" in message else 400
            if "not allowed" in message:
                code = 403
            self._send(code, message + "\n")
            return
        finally:
            self.slots.release()
        self._reply(200, data, f"{mime}; charset=utf-8", extra)

    def _take_turn(self, deadline: float) -> bool:
        """Wait for a query turn until ``deadline``; False (answered, or gone) if none."""
        outcome = self.slots.take(deadline, self.client_gone)
        if outcome == "gone":
            self.close_connection = True
            self.log_message("client gone before its query ran")
        elif outcome == "busy":
            self._send(503, "busy: too many queries at once; try again\n")
        return outcome == "taken"

    def _encode(self, result: QueryResult, fmt: str) -> tuple[bytes, dict[str, str]]:
        """The body of ``result`` in ``fmt``, at most ``byte_cap`` bytes (rows dropped
        from the end until it fits), and the headers that say a cap cut it."""
        while True:
            extra, link, note = {}, None, ""
            if result.truncated:
                cap = self.byte_cap if result.cut_by == "bytes" else self.row_cap
                what = f"{'byte' if result.cut_by == 'bytes' else 'row'} cap {cap}"
                extra["X-Bilateral-Truncated"] = what
                link = f"{self._base()}/limits?cut={result.cut_by}&cap={cap}"
                note = f"truncated: the {what} cut this result; see {link}"
            data = encoded(result, fmt, link=link, note=note)
            size = len(result.rows) + len(result.triples)
            if len(data) <= self.byte_cap or not size:
                return data, extra
            keep = min(size - 1, int(size * self.byte_cap / len(data) * 0.9))
            del data  # one encoded answer at a time
            result = cut(result, keep)


def _wants_hints(params: dict[str, list[str]]) -> bool:
    return params.get("hints", [""])[-1] in ("1", "true", "yes")


#: the most hints the ``X-Bilateral-Hints`` header carries (the last says how many more)
MAX_HINTS = 20


def _hints(graph: Any, sparql: str, result: QueryResult, infer: bool) -> str:
    """What ``bilateral query`` prints on stderr about a query (unknown terms, why it
    found nothing), as the ``X-Bilateral-Hints`` header: a JSON list of ``{"level":
    "warning"|"hint", "text": ...}`` in ASCII (the query page asks with ``hints=1``).

    >>> from bilateral.graph.source.load import load
    >>> r = QueryResult("select", vars=["x"], rows=[])
    >>> _hints(load(), "SELECT ?x { ?x a bil:Agremeent }", r, True)[:50]
    '[{"level": "warning", "text": "bil:Agremeent is no'
    """
    import json

    from bilateral.graph.sparql.hints import diagnose

    try:
        said, hints = diagnose(graph, sparql, result, infer=infer)
    except Exception:  # a hint is a courtesy: never fail the answer for want of one
        return "[]"
    items = [{"level": "warning", "text": t} for t in said]
    items += [{"level": "hint", "text": t} for t in hints]
    if len(items) > MAX_HINTS:  # a header of 400 kB is refused by browsers and clients
        left = len(items) - MAX_HINTS + 1
        items = [*items[: MAX_HINTS - 1], {"level": "hint", "text": f"and {left} more"}]
    return json.dumps(items, ensure_ascii=True)
