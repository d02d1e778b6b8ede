"""Every named query gives the same rows locally, on Virtuoso and on ``oxigraph serve``
(compared by value: ``rows.py``), with the server's own engine doing the work and the
local RDFS inference written into the query text that is sent (``infer.portable``).

One test per server runs every query in turn (one server per test session, and the
same order each run: Virtuoso 7.2's answers were seen to depend on which queries it
had compiled before) and, on failure, lists each query that differs and how.
"""

from __future__ import annotations

import pytest

from bilateral.graph.remote import remote_query
from bilateral.graph.sparql.engine import run
from bilateral.graph.sparql.named import named_queries
from tests.triplestores import Endpoint

from .rows import Value, as_values, differences

pytestmark = pytest.mark.slow


LOCAL: dict[str, list[tuple[Value, ...]]] = {}  # each query's local rows, once a session


def _compare(bundled, store: Endpoint) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """What differs per named query (empty: the same rows)."""
    out = {}
    for name, q in sorted(named_queries().items()):
        if name not in LOCAL:
            LOCAL[name] = as_values(run(bundled, q.text, bindings=q.defaults()).rows)
        local = LOCAL[name]
        try:
            remote = as_values(remote_query(store.url, q.with_values(), graph=store.graph).rows)
        except Exception as exc:  # noqa: BLE001 (a server's refusal is a difference too)
            out[name] = f"error: {exc}"
            continue
        if not local:
            out[name] = "no rows locally: nothing compared"
        elif found := differences(local, remote):
            out[name] = found
    return out


def _agreements(store: Endpoint) -> None:
    """The issue's example: 19 agreements locally (subclasses included), 1 asserted."""
    query = "SELECT ?x WHERE { ?x a bil:Agreement }"
    assert len(remote_query(store.url, query, graph=store.graph).rows) == 19, store.name
    bare = remote_query(store.url, query, graph=store.graph, infer=False)
    assert len(bare.rows) < 19, store.name
    star = remote_query(store.url, query.replace("?x WHERE", "* WHERE"), graph=store.graph)
    assert star.vars == ["x"] and len(star.rows) == 19, store.name  # no _bi_ columns


def test_virtuoso_answers_as_locally(bundled, virtuoso_store: Endpoint) -> None:  # type: ignore[no-untyped-def]
    _agreements(virtuoso_store)
    differ = _compare(bundled, virtuoso_store)
    assert not differ, "\n".join(f"{n}: {d}" for n, d in differ.items())


def test_oxigraph_answers_as_locally(bundled, oxigraph_store: Endpoint) -> None:  # type: ignore[no-untyped-def]
    _agreements(oxigraph_store)
    differ = _compare(bundled, oxigraph_store)
    assert not differ, "\n".join(f"{n}: {d}" for n, d in differ.items())
