"""The workbench under hostile requests (asked through the page hook, no server): long
searches, odd Accept headers, bidi controls in labels, the JSON API's characters."""

from __future__ import annotations

import time

import pytest

from bilateral.graph.sparql.pages import PageReply, PageRequest
from bilateral.graph.sparql.search import MAX_WORDS, search
from bilateral.workbench import pages


def ask(g, path: str, accept: str = "", **params: str) -> PageReply:
    reply = pages(PageRequest(path, {k: [v] for k, v in params.items()}, accept, g, ""))
    assert reply is not None, path
    return reply


@pytest.mark.slow  # the search index and the home page's dyads: over 0.5 s
def test_a_long_search_is_refused_or_quick(bundled) -> None:
    search(bundled, "x")  # the index, built once
    started = time.monotonic()
    # 30,000 words ran for 8 minutes in the page's thread, holding a query turn
    repeated = ask(bundled, "/api/search", q="belarus russia " * 4000)
    many = ask(bundled, "/api/search", q=" ".join(f"w{i:05d}x" for i in range(6000)))
    home = ask(bundled, "/", q=" ".join(f"w{i:05d}x" for i in range(6000)))
    assert time.monotonic() - started < 5
    assert repeated.status == 200  # the same words once each
    assert many.status == 400 and f"at most {MAX_WORDS} different words" in many.body.decode()
    assert home.status == 200 and "at most" in home.body.decode()


@pytest.mark.parametrize("value", ["<a b>", "<>", "<x\x00y>", '<a"b>'])
def test_a_binding_that_is_not_an_iri_is_400(bundled, value: str) -> None:
    reply = ask(bundled, "/api/queries/cq-loans", dependent=value)
    assert reply.status == 400 and "is not an IRI" in reply.body.decode()


def test_a_parameter_that_is_no_variable_name_is_400(bundled) -> None:
    # '=x' in a query string is the parameter '' (it failed inside rdflib: "Attempted to
    # create variable with empty string as name!")
    reply = ask(bundled, "/api/queries/cq-loans", **{"": "x"})
    assert reply.status == 400 and "has no variable" in reply.body.decode()
