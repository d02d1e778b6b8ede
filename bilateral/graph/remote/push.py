"""Push a graph to a SPARQL 1.1 Graph Store: validated, then one atomic PUT.

Nothing reports success unless the server confirmed it (200, 201 or 204).
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from typing import TYPE_CHECKING

from rdflib import Graph

from bilateral.errors import DataProblemsError
from bilateral.graph.remote.request import (
    DEFAULT_GRAPH,
    USER_AGENT,
    RemoteError,
    Timeouts,
    check_iri,
    check_url,
    send,
)

if TYPE_CHECKING:
    from bilateral.graph.measures.snapshot import GraphLike
    from bilateral.graph.remote.auth import Credentials

__all__ = ["push"]


def push(
    g: GraphLike | Graph | None,
    endpoint: str,
    *,
    graph: str = DEFAULT_GRAPH,
    timeouts: Timeouts | None = None,
    validate: bool = True,
    auth: Credentials | None = None,
) -> int:
    """Validate ``g`` (``None``: the bundled data), then replace the named graph
    ``graph`` at the Graph Store ``endpoint`` with it.

    Uses HTTP PUT (atomic replacement on the server, so a re-run converges and an
    interrupted push leaves the old graph or the new one). Returns the triples sent.
    Invalid data raises ``DataProblemsError`` (with the problems) and sends nothing;
    ``validate=False`` skips the check. ``auth`` logs in when the server asks
    (Basic or Digest; ``login`` finds the password); a 401 or 403 is a
    ``RemoteAuthError`` saying what to set.
    """
    from bilateral.graph.measures.snapshot import rdf_of
    from bilateral.graph.views.export import flat_graph

    g = rdf_of(g)
    check_url(endpoint)
    check_iri(graph)
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
    # only the status counts: at most 64 KiB of the answer are read, however long it is
    t = timeouts or Timeouts(timeout=120.0)
    status, _, _ = send(req, t, max_bytes=1 << 16, cut=True, auth=auth)
    if status not in (200, 201, 204):
        raise RemoteError(f"{endpoint} answered {status} to the upload")
    return len(flat)
