"""The hook through which a higher layer adds pages to the endpoint (the workbench of
``bilateral/workbench``), without this layer importing it.

``make_server(g, pages=f)`` calls ``f(PageRequest)`` for every ``GET`` or ``HEAD``
outside ``/sparql`` and ``/limits``; ``f`` returns a ``PageReply`` or ``None`` (not
its page: the endpoint answers as it would without the hook). A page is answered under
the endpoint's own protections: admission (Host, Origin) and the connection limits
before it, one of the ``max_concurrent`` query turns while it is built, the query
``timeout`` for building it (a page that takes longer is answered 503, and its turn is
held until it ends, so slow pages never pile up), and the ``byte_cap`` on its body.
A page that queries the graph runs its queries through ``engine.run`` with the
request's ``limits`` (the guarded child, with its timeout and memory cap).

>>> reply = PageReply.text(404, "no such page")
>>> reply.status, reply.ctype, reply.body
(404, 'text/plain; charset=utf-8', b'no such page\\n')
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bilateral.errors import InputError
from bilateral.graph.sparql.limits import DEFAULT_MAX_MEMORY, Limits

if TYPE_CHECKING:
    from bilateral.graph.sparql.answer import AnswerHandler

__all__ = ["PageReply", "PageRequest", "Pages", "answer_page"]


@dataclass(frozen=True)
class PageRequest:
    """What a page is asked: the path, the query string's parameters, the ``Accept``
    header, the graph (a store's snapshot for the length of the request), this
    endpoint's base URL (``http://host:port``), its limits, and whether it infers."""

    path: str
    params: Mapping[str, list[str]]
    accept: str
    graph: Any
    base: str
    limits: Limits = field(default_factory=Limits)
    max_memory: int | None = DEFAULT_MAX_MEMORY
    infer: bool = True

    def param(self, name: str, default: str = "") -> str:
        """The value of parameter ``name`` (``default`` if absent); given twice, an
        ``InputError`` (which one was meant?).

        >>> PageRequest("/", {"q": ["a", "b"]}, "", None, "").param("q")
        Traceback (most recent call last):
        ...
        bilateral.errors.InputError: give q= once, not 2 times
        """
        values = self.params.get(name)
        if values and len(values) > 1:
            raise InputError(f"give {name}= once, not {len(values)} times")
        return values[0] if values else default


@dataclass(frozen=True)
class PageReply:
    """A status, a body, its content type and extra headers."""

    status: int
    body: bytes
    ctype: str
    headers: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def text(cls, status: int, message: str) -> PageReply:
        """A one-line plain-text reply."""
        return cls(
            status, (message.rstrip("\n") + "\n").encode("utf-8"), "text/plain; charset=utf-8"
        )


#: the hook: a page for a request, or ``None`` when the path is not the hook's
Pages = Callable[[PageRequest], PageReply | None]


def answer_page(
    handler: AnswerHandler, pages: Pages, path: str, params: dict[str, list[str]]
) -> bool:
    """Answer ``path`` through ``pages`` under the endpoint's limits; False when the hook
    has no page there (nothing was sent)."""
    started = time.monotonic()
    if not handler._take_turn(started + handler.timeout_s):
        return True
    done = threading.Event()
    box: dict[str, Any] = {}

    def build() -> None:
        try:
            snapshot = getattr(handler.graph, "snapshot", None)
            with snapshot() if snapshot else contextlib.nullcontext(handler.graph) as graph:
                box["reply"] = pages(
                    PageRequest(
                        path,
                        params,
                        handler.headers.get("Accept", ""),
                        graph,
                        handler._base(),
                        handler._limits(),
                        handler.max_memory,
                        handler.infer,
                    )  # fmt: skip
                )
        except BaseException as exc:  # reported below, in the handler's thread
            box["error"] = exc
        finally:
            done.set()
            handler.slots.release()  # the turn ends when the work does, not before

    threading.Thread(target=build, daemon=True, name=f"page {path}").start()
    left = max(handler.timeout_s - (time.monotonic() - started), 0.1)
    if not done.wait(left):
        handler._send(503, f"the page {path} took over {handler.timeout_s:g} s; try again\n")
        return True
    error = box.get("error")
    if isinstance(error, InputError):  # the store is being loaded
        handler._reply(
            503, f"{error}\n".encode(), "text/plain; charset=utf-8", {"Retry-After": "5"}
        )
        return True
    if error is not None:
        handler.log_message("page %s failed: %s", path, f"{type(error).__name__}: {error}")
        handler._send(500, f"the page {path} failed: {type(error).__name__}\n")
        return True
    reply: PageReply | None = box.get("reply")
    if reply is None:
        return False
    if len(reply.body) > handler.byte_cap:
        handler._send(
            503, f"the page {path} is over the byte cap ({handler.byte_cap} bytes); see /limits\n"
        )
        return True
    handler._reply(reply.status, reply.body, reply.ctype, dict(reply.headers))
    return True
