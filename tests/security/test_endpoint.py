"""The endpoint under hostile conditions: bursts of concurrent requests, foreign Host
headers (DNS rebinding) and cross-site Origins; queries from many threads."""

from __future__ import annotations

import http.client
import json
import threading
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

import bilateral
from bilateral.graph.sparql.serve import make_server

QUERIES = {
    "SELECT ?l WHERE { bid:belarus rdfs:label ?l }": "Belarus",
    "SELECT ?l WHERE { bid:russia rdfs:label ?l }": "Russia",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s a bil:State }": None,
}


def _start(g, **kwargs) -> tuple[object, str]:
    server = make_server(g, host="127.0.0.1", port=0, quiet=True, **kwargs)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"{host}:{port}"


@pytest.fixture(scope="module")
def endpoint(bundled) -> Iterator[str]:
    server, where = _start(
        bundled, timeout=60, allow_hosts=["kg.lan"], cors=["https://yasgui.example"]
    )
    yield where
    server.shutdown()  # type: ignore[attr-defined]
    server.server_close()  # type: ignore[attr-defined]


def _request(
    where: str,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection(where, timeout=120)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read().decode()
    finally:
        conn.close()


def _get(where: str, query: str, headers: dict[str, str] | None = None):
    return _request(where, "GET", "/sparql?query=" + urllib.parse.quote(query), headers=headers)


def _value(body: str) -> str:
    doc = json.loads(body)
    row = doc["results"]["bindings"][0]
    return next(iter(row.values()))["value"]


@pytest.mark.slow
def test_a_burst_of_concurrent_queries_gets_correct_answers(endpoint: str) -> None:
    """60 simultaneous requests (POST and GET): every one answered correctly, no reset
    connection, and the server healthy afterwards."""
    expected_count = _value(_get(endpoint, list(QUERIES)[2])[2])
    jobs = [list(QUERIES)[i % 3] for i in range(60)]

    def ask(i_q: tuple[int, str]) -> tuple[int, str, str]:
        i, q = i_q
        if i % 2:
            status, _, body = _request(
                endpoint,
                "POST",
                "/sparql",
                q.encode(),
                {"Content-Type": "application/sparql-query"},
            )
        else:
            status, _, body = _get(endpoint, q)
        return status, q, body

    with ThreadPoolExecutor(60) as pool:
        answers = list(pool.map(ask, enumerate(jobs)))
    for status, q, body in answers:
        assert status == 200, body
        assert _value(body) == (QUERIES[q] or expected_count)
    assert _value(_get(endpoint, list(QUERIES)[0])[2]) == "Belarus"


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_bilateral_query_from_many_threads(bundled) -> None:
    """The library call is thread-safe, in a child (default) and in this process."""

    def ask(i: int) -> str:
        q = list(QUERIES)[i % 2]
        timeout = None if i % 3 == 0 else 30
        return str(bilateral.query(bundled, q, timeout=timeout).iloc[0, 0])

    with ThreadPoolExecutor(24) as pool:
        got = list(pool.map(ask, range(48)))
    assert got == [QUERIES[list(QUERIES)[i % 2]] for i in range(48)]


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("evil.example", 403),
        ("evil.example:8000", 403),
        ("attacker.localhost.evil.example", 403),
        ("localhost", 200),
        ("LOCALHOST:1234", 200),
        ("127.0.0.1", 200),
        ("[::1]:8000", 200),
        ("kg.lan", 200),
        ("kg.lan.", 200),
    ],
)
def test_foreign_host_names_are_refused(endpoint: str, host: str, status: int) -> None:
    got, _, body = _get(endpoint, "ASK { ?s ?p ?o }", {"Host": host})
    assert got == status, body
    if status == 403:
        assert "--allow-host" in body


def test_cross_site_posts_are_refused(endpoint: str) -> None:
    form = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}).encode()
    ctype = {"Content-Type": "application/x-www-form-urlencoded"}
    for origin in ("http://evil.example", "null", "http://127.0.0.1:1", "file://"):
        status, headers, body = _request(
            endpoint, "POST", "/sparql", form, {**ctype, "Origin": origin}
        )
        assert status == 403 and "--cors" in body, origin
        assert "Access-Control-Allow-Origin" not in headers
    # the endpoint's own page, and a client that sends no Origin at all
    for extra in ({"Origin": f"http://{endpoint}"}, {}):
        status, _, body = _request(endpoint, "POST", "/sparql", form, {**ctype, **extra})
        assert status == 200 and json.loads(body)["boolean"] is True


def test_cors_for_allowed_origins_only(endpoint: str) -> None:
    allowed = {"Origin": "https://yasgui.example"}
    status, headers, body = _get(endpoint, "ASK { ?s ?p ?o }", allowed)
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "https://yasgui.example"
    status, headers, _ = _request(
        endpoint,
        "OPTIONS",
        "/sparql",
        headers={**allowed, "Access-Control-Request-Method": "POST"},
    )
    assert status == 204
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in headers["Access-Control-Allow-Headers"]
    status, headers, _ = _get(endpoint, "ASK { ?s ?p ?o }", {"Origin": "https://other.example"})
    assert status == 403 and "Access-Control-Allow-Origin" not in headers


def test_head_and_options_answer(endpoint: str) -> None:
    status, headers, body = _request(endpoint, "HEAD", "/")
    assert status == 200 and body == "" and int(headers["Content-Length"]) > 0
    status, headers, body = _request(
        endpoint, "HEAD", "/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }")
    )
    assert status == 200 and body == ""
    status, headers, _ = _request(endpoint, "OPTIONS", "/sparql")
    assert status == 204 and "POST" in headers["Allow"]
