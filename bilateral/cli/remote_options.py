"""The options of every command that can read from a SPARQL server (``--endpoint``,
``--graph``, ``--user``, ``--timeout``), declared once: a command takes a ``remote``
parameter, ``@with_remote_options`` puts the four options in its place and hands it
them gathered into one :class:`Remote`, which ``open_graph`` reads from.

The password of ``--user`` never comes from the command line: ``BILATERAL_PASSWORD``
or ``~/.netrc`` (``bilateral.graph.remote.login``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

import typer

from bilateral.cli.common import EndpointOption, EndpointTimeoutOption, fail
from bilateral.cli.option_groups import grouped

__all__ = [
    "GraphOption",
    "Remote",
    "UserOption",
    "remote_options",
    "with_remote_options",
]

GraphOption = Annotated[
    str | None,
    typer.Option(
        "--graph",
        metavar="IRI",
        help="With --endpoint: the named graph to read (as the default graph).",
        show_default=False,
    ),
]

UserOption = Annotated[
    str | None,
    typer.Option(
        "--user",
        metavar="NAME",
        help="Log in as NAME when the server asks (HTTP Basic or Digest); the password "
        "comes from BILATERAL_PASSWORD or ~/.netrc, never from the command line.",
        show_default=False,
    ),
]


@dataclass(frozen=True)
class Remote:
    """Where a command reads from when it reads from a server: the endpoint, the named
    graph, the user (``None``: a ~/.netrc entry for the host, if any) and the deadline
    of each request."""

    endpoint: str | None = None
    graph: str | None = None
    user: str | None = None
    timeout: float = 30.0

    def login(self) -> Any:
        """The credentials for the endpoint (``bilateral.graph.remote.Credentials``) or
        ``None``; a ``--user`` without a password anywhere is a one-line error."""
        from bilateral.graph.remote import login

        return login(self.endpoint, self.user) if self.endpoint else None


def remote_options(
    endpoint: EndpointOption = None,
    graph: GraphOption = None,
    user: UserOption = None,
    timeout: EndpointTimeoutOption = 30.0,
) -> Remote:
    """The remote options as one ``Remote`` (``--graph`` and ``--user`` need
    ``--endpoint``).

    >>> remote_options("http://127.0.0.1:7878/query", "urn:x:g")
    Remote(endpoint='http://127.0.0.1:7878/query', graph='urn:x:g', user=None, timeout=30.0)
    """
    if endpoint is None and (graph is not None or user is not None):
        fail(f"{'--graph' if graph is not None else '--user'} goes with --endpoint")
    if graph is not None:
        from bilateral.errors import BilateralError
        from bilateral.graph.remote.request import check_iri

        try:
            check_iri(graph)
        except BilateralError as exc:
            fail(f"--graph: {exc.message}")
    return Remote(endpoint, graph, user, timeout)


#: ``@with_remote_options``: ``--endpoint``, ``--graph``, ``--user`` and ``--timeout`` stand in
#: place of a command's ``remote`` parameter, which gets them as one ``Remote``
with_remote_options = grouped(remote_options, "remote")
