"""A Hypothesis fuzz target for queries (issue 26): the named queries of
``bilateral/queries``, mutated (tokens inserted, spans deleted, doubled or replaced by
SPARQL fragments, hostile strings, random text with lone surrogates and control
characters), run on rdflib's engine in memory, on the store's engine (Oxigraph), through
``bilateral.query(g, sparql)`` and at the endpoint. Each either answers or raises
``bilateral``'s own error (the endpoint: answers with a status); an error of the engine
itself (``query failed: TypeError …``, a crash) or any other exception fails the target.

The budget is ``BILATERAL_FUZZ_EXAMPLES`` examples per target (small by default so the
quick suite stays quick; ``make fuzz`` sets it large). Tests marked ``fuzz``.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bilateral
from bilateral.errors import BilateralError
from bilateral.graph.sparql.engine import run

EXAMPLES = int(os.environ.get("BILATERAL_FUZZ_EXAMPLES", "25"))
# a large budget takes minutes (2,500 examples: ~3 min a target on 2 cores)
pytestmark = [pytest.mark.fuzz, pytest.mark.timeout(max(120, EXAMPLES // 5))]
QUERIES = Path(bilateral.__file__).parent / "queries"
TINY = str(Path(__file__).parent.parent / "data" / "tiny")
SEEDS = [p.read_text(encoding="utf-8") for p in sorted(QUERIES.glob("*.rq"))] + [
    "SELECT * { ?s ?p ?o } LIMIT 5",
    "ASK { ?s a bil:Agreement }",
    "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }",
    "DESCRIBE bid:belarus",
    "SELECT ?x (COUNT(*) AS ?n) { VALUES ?x { 1 2 } } GROUP BY ?x ORDER BY DESC(?n)",
]
TOKENS = [
    *"{}().;,*?$[]<>=!&|+-/^@#\"'\\\n",
    "SELECT",
    "ASK",
    "CONSTRUCT",
    "DESCRIBE",
    "WHERE",
    "OPTIONAL",
    "UNION",
    "MINUS",
    "FILTER",
    "GRAPH ?g",
    "BIND(1 AS ?x)",
    'VALUES ?v { 1 "a" <a:b> UNDEF }',
    "GROUP BY ?s",
    "HAVING (COUNT(*) > 1)",
    "ORDER BY STR(?zz)",
    "ORDER BY (1/0)",
    "ORDER BY ?x DESC(?y)",
    "LIMIT 0",
    "OFFSET 99999999999999999999",
    "1e999",
    "-0.0",
    "SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }",
    "SERVICE SILENT ?svc { }",
    "FROM <file:///etc/passwd>",
    "FROM NAMED <http://127.0.0.1:9/>",
    "LOAD <http://127.0.0.1:9/x>",
    "INSERT DATA { <a:a> <a:b> <a:c> }",
    "CLEAR ALL",
    "FILTER(?a<'>'||true)",
    "0.75SERVICE",
    'REGEX(?l, "(a+)+$")',
    'STRDT("x", <a:b>)',
    'STRLANG("x", "en us")',
    'IRI("\\u0000")',
    '"\\ud800"',
    '"\\uD800"@en',
    '"\x00"',
    "\x1b[2J",
    "\u202e",
    "\x85",
    "\ud800",
    "\udfff",
    "\ufffe",
    'GROUP_CONCAT(?l; separator="\\u0001")',
    'SUBSTR("abc", -5, 99999999999)',
    "NOW()",
    "UUID()",
    "RAND()",
    "COALESCE()",
    "IF(1, 2, 3)",
    'xsd:date("2021-02-30")',
    'xsd:integer("abc")',
    "STR(?unbound)",
    "LANG(1)",
    "DATATYPE(?zz)",
    "isIRI(?s)",
    "bil:nonsense",
    "bid:belarus",
    "_:b",
    "[]",
    "()",
    "a",
    "^^xsd:integer",
    "@en-US",
    "<http://a b>",
    "# comment\n",
    '"""',
    "'''",
    "(" * 40,
    ")" * 40,
    "{ " * 30,
    "rdfs:subClassOf*",
    "bil:party+",
    "!rdf:type",
    "^bil:creditor",
    "|",
]
TEXT = st.text(st.characters(exclude_categories=()), max_size=6)  # surrogates too
TOKEN = st.one_of(st.sampled_from(TOKENS), TEXT)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A seed query with one to four mutations."""
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        span = draw(st.integers(0, 12))
        op = draw(st.sampled_from(["insert", "delete", "replace", "double"]))
        if op == "insert":
            text = text[:at] + " " + draw(TOKEN) + " " + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + span :]
        elif op == "replace":
            text = text[:at] + draw(TOKEN) + text[at + span :]
        else:
            text = text[:at] + text[at : at + span] * 2 + text[at:]
    return text


def _answers_or_refuses(call: object, sparql: str) -> None:
    """``call(sparql)`` answers, or raises ``BilateralError`` that is not an engine's
    own failure; anything else fails the target."""
    assert callable(call)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            call(sparql)
    except BilateralError as exc:
        message = str(exc)
        assert not message.startswith("query failed:"), (sparql, message)
        assert "crashed" not in message, (sparql, message)


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def tiny():  # type: ignore[no-untyped-def]
    return bilateral.load(TINY)


@FUZZ
@given(sparql=mutated())
def test_in_memory_engine(tiny, sparql: str) -> None:
    _answers_or_refuses(lambda q: run(tiny, q, timeout=10), sparql)


#: the targets that fork a query child per example get a fifth of the budget (at least
#: 5): the quick tier stays quick, ``make fuzz`` still runs hundreds
FORKING = settings(FUZZ, max_examples=max(EXAMPLES // 5, 5))


@FORKING
@given(sparql=mutated())
def test_store_engine(bundled_store, sparql: str) -> None:
    _answers_or_refuses(lambda q: run(bundled_store, q, timeout=2), sparql)


@FORKING
@given(sparql=mutated())
def test_public_query(tiny, sparql: str) -> None:
    _answers_or_refuses(lambda q: bilateral.query(tiny, q, timeout=2), sparql)


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT * { VALUES ?x {1 2} } ORDER BY STR(?y)",  # item 12: was "query failed"
        "SELECT ?x { VALUES ?x {0 1} } ORDER BY (1/?x)",
        "# \ud800\nSELECT * { ?s ?p ?o } LIMIT 1",  # was UnicodeEncodeError on the store
        'SELECT * { ?s rdfs:label "\udfff" }',
    ],
)
def test_known_failures_stay_fixed(tiny, bundled_store, sparql: str) -> None:
    for g in (tiny, bundled_store):
        _answers_or_refuses(lambda q, g=g: run(g, q, timeout=10), sparql)


@pytest.fixture(scope="module")
def endpoint(tiny):  # type: ignore[no-untyped-def]
    from bilateral.graph.sparql.serve import make_server
    from tests.servers import running

    with running(
        make_server(tiny, host="127.0.0.1", port=0, timeout=10, quiet=True), 0.05
    ) as where:
        yield where


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
@FUZZ
@given(sparql=mutated(), fmt=st.sampled_from(["json", "xml", "csv", "tsv", "turtle", ""]))
def test_endpoint(endpoint, sparql: str, fmt: str) -> None:
    """The endpoint answers every mutated query (sent as UTF-8, lone surrogates as the
    bytes Python would write for them) with a status, never a dropped connection, a
    5xx other than the busy or timeout 503, or an engine's own failure."""
    import http.client
    import urllib.parse

    body = urllib.parse.urlencode(
        {"query": sparql.encode("utf-8", "surrogatepass"), **({"format": fmt} if fmt else {})}
    ).encode("ascii")
    conn = http.client.HTTPConnection(*endpoint, timeout=60)
    try:
        conn.request("POST", "/sparql", body, {"Content-Type": "application/x-www-form-urlencoded"})
        resp = conn.getresponse()
        text = resp.read().decode("utf-8", "replace")
    finally:
        conn.close()
    assert resp.status in (200, 400, 403, 406, 503), (sparql, resp.status, text)
    assert not text.startswith(("query failed:", "query evaluation crashed")), (sparql, text)
