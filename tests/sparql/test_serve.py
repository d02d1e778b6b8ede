"""The local read-only endpoint, driven by SPARQLWrapper and by plain HTTP."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from bilateral.graph.sparql.serve import MAX_BODY, make_server


@pytest.fixture(scope="module")
def endpoint(bundled):
    server = make_server(bundled, host="127.0.0.1", port=0, timeout=2.0, row_cap=50, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()


def _http(
    url: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None
) -> tuple[int, str, str]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode()


def test_binds_to_loopback_by_default(endpoint: str) -> None:
    assert endpoint.startswith("http://127.0.0.1:")


def test_sparqlwrapper_select_and_ask(endpoint: str) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(endpoint + "/sparql")
    client.setQuery(
        "SELECT ?l WHERE { <https://w3id.org/bilateral/id/belarus> "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    )
    client.setReturnFormat(JSON)
    doc = client.query().convert()
    assert doc["results"]["bindings"][0]["l"]["value"] == "Belarus"
    client.setQuery("ASK { ?s ?p ?o }")
    assert client.query().convert()["boolean"] is True


@pytest.mark.parametrize(
    ("accept", "ctype", "check"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", '"Belarus"'),
        ("application/sparql-results+xml", "application/sparql-results+xml", "<literal"),
        ("text/csv", "text/csv", "l\r\nBelarus"),
        ("text/tab-separated-values", "text/tab-separated-values", '"Belarus"@en'),
        ("*/*", "application/sparql-results+json", '"vars"'),
    ],
)
def test_content_negotiation(endpoint: str, accept: str, ctype: str, check: str) -> None:
    q = urllib.parse.quote("SELECT ?l WHERE { bid:belarus rdfs:label ?l }")
    status, got, body = _http(f"{endpoint}/sparql?query={q}", headers={"Accept": accept})
    assert status == 200 and got.startswith(ctype)
    assert check.replace("\r\n", "\n") in body.replace("\r\n", "\n")


def test_construct_is_turtle(endpoint: str) -> None:
    status, ctype, body = _http(
        endpoint + "/sparql",
        data=b"CONSTRUCT WHERE { bid:belarus rdfs:label ?l }",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert status == 200 and ctype.startswith("text/turtle") and "Belarus" in body


def test_form_post(endpoint: str) -> None:
    data = urllib.parse.urlencode({"query": "ASK { bid:belarus a bil:State }"}).encode()
    status, _, body = _http(
        endpoint + "/sparql",
        data=data,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 200 and json.loads(body)["boolean"] is True


@pytest.mark.parametrize(
    ("data", "ctype", "code"),
    [
        (b"DROP ALL", "application/sparql-update", 403),
        (b"update=DROP%20ALL", "application/x-www-form-urlencoded", 403),
        (b"SELECT * { SERVICE <http://x> { ?s ?p ?o } }", "application/sparql-query", 403),
        (b"SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }", "application/sparql-query", 403),
        (b"SELECT * {", "application/sparql-query", 400),
        (b"SELECT *", "text/plain", 415),
    ],
)
def test_refusals(endpoint: str, data: bytes, ctype: str, code: int) -> None:
    status, _, _ = _http(endpoint + "/sparql", data=data, headers={"Content-Type": ctype})
    assert status == code


def test_body_size_limit(endpoint: str) -> None:
    data = b"#" * (MAX_BODY + 1)
    try:
        status, _, _ = _http(
            endpoint + "/sparql", data=data, headers={"Content-Type": "application/sparql-query"}
        )
    except (ConnectionError, urllib.error.URLError):
        status = 413  # the server may close before the client finished sending
    assert status == 413


@pytest.mark.slow
def test_timeout_and_row_cap(endpoint: str) -> None:
    q = urllib.parse.quote("SELECT (COUNT(*) AS ?n) { ?s (<x:p>|!<x:p>)* ?o . ?a ?b ?c }")
    status, _, body = _http(f"{endpoint}/sparql?query={q}")
    assert status == 503 and "timeout" in body
    q = urllib.parse.quote("SELECT * { ?s ?p ?o }")
    status, _, body = _http(f"{endpoint}/sparql?query={q}")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 50
    # still healthy after the runaway query
    q = urllib.parse.quote("ASK { bid:belarus a bil:State }")
    assert json.loads(_http(f"{endpoint}/sparql?query={q}")[2])["boolean"] is True


def test_query_page_and_read_only_methods(endpoint: str) -> None:
    status, ctype, body = _http(endpoint + "/")
    assert status == 200 and ctype.startswith("text/html")
    assert "Content-Security-Policy" in body and "http://" not in body.split("<body>")[1]
    assert _http(endpoint + "/sparql", data=b"x", method="PUT")[0] == 405
    assert _http(endpoint + "/nowhere")[0] == 404
