"""The workbench under hostile requests (asked through the page hook, no server): long
searches, odd Accept headers, bidi controls in labels, the JSON API's characters."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

import bilateral
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


@pytest.mark.parametrize(
    "accept",
    ["text/turtle;q=-1", "text/turtle;q=nan, text/html;q=0.5", "text/turtle;q=2, text/html;q=0.9"],
)
def test_weights_outside_0_to_1_are_not_acceptable(bundled, accept: str) -> None:
    # a negative, NaN or over-1 weight chose Turtle over the HTML asked for
    reply = ask(bundled, "/id/ermakova", accept)
    assert reply.status == 200 and reply.ctype.startswith("text/html")
    assert ask(bundled, "/id/ermakova", "text/turtle ; q = 0.5").ctype.startswith("text/turtle")


BIDI = Path(__file__).parent.parent / "data" / "bidi"
#: embeddings, overrides and isolates: they reorder what follows them in the paragraph
REORDERS = re.compile("[\u202a-\u202e\u2066-\u2069]")


@pytest.mark.slow  # a load and a dependence with its sensitivity table
def test_bidi_controls_in_labels_are_shown_not_obeyed() -> None:
    # the State labelled 'Left' + U+202E turned the headline around: SDI(Left on Right)
    # = 0.06 read right to left; the JSON API carried the raw characters
    g = bilateral.load([BIDI])
    for path in ("/", "/dependence", "/id/left", "/id/left-on-right", "/api/dyads",
                 "/api/entity/left", "/api/dependence"):  # fmt: skip
        body = ask(g, path).body.decode()
        assert not REORDERS.search(body), path
        assert "Left\\u202e" in body, path  # seen, as the CLI shows it
    entity = json.loads(ask(g, "/api/entity/left").body)
    assert entity["label"] == "Left\u202e"  # the JSON's text is exact


def test_api_entity_takes_bsrc_names(bundled) -> None:
    # bsrc:NAME was cut as if it were source:NAME (bsrc:ponars-memo-2021 looked up
    # bsrc:nars-memo-2021)
    for name in (
        "source:ponars-memo-2021",
        "bsrc:ponars-memo-2021",
        "source:bsrc:ponars-memo-2021",
    ):
        reply = ask(bundled, f"/api/entity/{name}")
        assert reply.status == 200, name
        assert json.loads(reply.body)["iri"] == "https://w3id.org/bilateral/source/ponars-memo-2021"


def test_the_hints_header_stays_small(bundled) -> None:
    # 5,000 unknown classes made a 425 kB X-Bilateral-Hints line: curl, http.client
    # (64 kB per line) and browsers (256 kB of headers) refused the whole answer
    from bilateral.graph.sparql.answer import MAX_HINTS, _hints
    from bilateral.graph.sparql.engine import QueryResult

    names = " ".join(f"bil:Unkn{i:04d}own" for i in range(300))
    sparql = f"SELECT ?x WHERE {{ ?x a ?t VALUES ?t {{ {names} }} }}"
    items = json.loads(_hints(bundled, sparql, QueryResult("select", vars=["x"], rows=[]), True))
    assert len(items) == MAX_HINTS and items[-1]["text"].startswith("and ")
    assert "Unkn0000own" in items[0]["text"]


@pytest.mark.parametrize(
    ("path", "name", "values"),
    [
        ("/api/dependence", "dependent", ["belarus", "russia"]),
        ("/api/queries/cq-loans", "dependent", ["belarus", "russia"]),
        ("/api/search", "q", ["belarus", "russia"]),
        ("/id/ermakova", "format", ["turtle", "nt"]),
        ("/graph", "focus", ["belarus", "russia"]),
    ],
)
def test_a_parameter_given_twice_is_400(bundled, path: str, name: str, values: list[str]) -> None:
    # the pages took the first value and /api/queries the last, without a word
    params = {name: values, "provider": ["russia"]} if "dependence" in path else {name: values}
    reply = pages(PageRequest(path, params, "", bundled, ""))
    assert reply is not None and reply.status == 400
    assert f"give {name}= once, not 2 times" in reply.body.decode()
