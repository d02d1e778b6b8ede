"""Every named query gives the same rows locally, on Virtuoso and on ``oxigraph serve``
(compared by value: ``rows.py``), with the server's own engine doing the work and the
local RDFS inference written into the query text that is sent."""

from __future__ import annotations

from functools import cache

import pytest

from bilateral.graph.remote import remote_query
from bilateral.graph.sparql.engine import run
from bilateral.graph.sparql.named import named_queries
from tests.triplestores import Endpoint

from .rows import Value, as_values, differences

pytestmark = pytest.mark.slow
NAMES = sorted(named_queries())


@cache
def _local(name: str) -> list[tuple[Value, ...]]:
    import bilateral

    q = named_queries()[name]
    return as_values(run(bilateral.load(), q.text, bindings=q.defaults()).rows)


def _remote(store: Endpoint, name: str) -> list[tuple[Value, ...]]:
    q = named_queries()[name]
    return as_values(remote_query(store.url, q.with_values(), graph=store.graph).rows)


@pytest.mark.parametrize("name", NAMES)
def test_virtuoso_answers_as_locally(virtuoso_store: Endpoint, name: str) -> None:
    assert not differences(_local(name), _remote(virtuoso_store, name))


@pytest.mark.parametrize("name", NAMES)
def test_oxigraph_answers_as_locally(oxigraph_store: Endpoint, name: str) -> None:
    assert not differences(_local(name), _remote(oxigraph_store, name))
