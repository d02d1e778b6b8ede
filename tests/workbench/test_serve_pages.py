"""The workbench through a running endpoint: the hook's routes, the query page's needs
(every query form, hints), and the endpoint's protections on the new routes."""

from __future__ import annotations

import http.client
import json
import urllib.parse

import pytest

from bilateral.graph.sparql.serve import make_server
from bilateral.workbench import pages
from tests.servers import running

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def where(bundled):
    server = make_server(bundled, port=0, timeout=10, quiet=True, pages=pages)
    with running(server) as address:
        yield address


def get(where, path: str, headers: dict[str, str] | None = None, method: str = "GET"):
    conn = http.client.HTTPConnection(*where, timeout=30)
    try:
        conn.request(method, path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


def post_query(where, query: str, accept: str, hints: bool = True):
    conn = http.client.HTTPConnection(*where, timeout=30)
    try:
        conn.request(
            "POST",
            "/sparql" + ("?hints=1" if hints else ""),
            body=query.encode(),
            headers={"Content-Type": "application/sparql-query", "Accept": accept},
        )
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


PAGE_ACCEPT = "application/sparql-results+json, text/turtle;q=0.9"


@pytest.mark.parametrize(
    ("query", "ctype"),
    [
        ("SELECT ?s WHERE { ?s a bil:State }", "application/sparql-results+json"),
        ("ASK { ?s a bil:State }", "application/sparql-results+json"),
        ("DESCRIBE bid:ermakova", "text/turtle"),
        ("CONSTRUCT { ?s a bil:State } WHERE { ?s a bil:State }", "text/turtle"),
    ],
)
def test_every_query_form_answers_the_query_page(where, query: str, ctype: str) -> None:
    status, headers, body = post_query(where, query, PAGE_ACCEPT)
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == ctype
    if ctype == "text/turtle":
        assert body.lstrip().startswith(b"@prefix")


def test_hints_are_the_cli_warnings(where) -> None:
    status, headers, _ = post_query(where, "SELECT ?x { ?x a bil:Agremeent }", PAGE_ACCEPT)
    assert status == 200
    hints = json.loads(headers["X-Bilateral-Hints"])
    assert hints[0]["level"] == "warning" and "closest: bil:Agreement" in hints[0]["text"]
    _, headers, _ = post_query(where, "SELECT ?x { ?x a bil:Agremeent }", PAGE_ACCEPT, hints=False)
    assert "X-Bilateral-Hints" not in headers


def test_query_page_moves_to_query_and_links_local_pages(where) -> None:
    status, headers, body = get(where, "/query")
    assert status == 200 and b"var LOCAL = true;" in body
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'sha256-" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]
    status, _, body = get(where, "/")
    assert status == 200 and b"bilateral workbench" in body


def test_linked_data_over_http(where) -> None:
    status, headers, body = get(where, "/id/ermakova", {"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert b"Nadezhda Ermakova" in body and headers["Vary"] == "Accept"
    status, headers, body = get(where, "/id/ermakova", {"Accept": "text/html"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    status, headers, body = get(where, "/id/ermakova", {"Accept": "text/html"}, method="HEAD")
    assert status == 200 and body == b""


def test_api_over_http(where) -> None:
    q = urllib.parse.quote("Ermakva")
    status, _, body = get(where, f"/api/search?q={q}")
    assert status == 200 and json.loads(body)["results"][0]["href"] == "/id/ermakova"
    status, _, body = get(where, "/api/queries/cq-loans?provider=bid:russia")
    assert status == 200 and json.loads(body)["results"]["bindings"]


def test_new_routes_keep_the_endpoint_protections(where, bundled) -> None:
    status, _, _ = get(where, "/id/ermakova", {"Host": "evil.example"})
    assert status == 403
    status, _, _ = get(where, "/api/search?q=x", {"Origin": "http://evil.example"})
    assert status == 403
    small = make_server(bundled, port=0, byte_cap=5000, quiet=True, pages=pages)
    with running(small) as tiny:
        status, _, body = get(tiny, "/")
        assert status == 503 and b"byte cap" in body
        status, _, _ = get(tiny, "/static/workbench.css")
        assert status == 200


def test_a_slow_page_times_out_and_holds_its_turn(bundled) -> None:
    import threading

    release = threading.Event()

    def slow(request):
        if request.path == "/slow":
            release.wait(5)
            return None
        return pages(request)

    server = make_server(bundled, port=0, timeout=0.5, max_concurrent=1, quiet=True, pages=slow)
    with running(server) as address:
        status, _, body = get(address, "/slow")
        assert status == 503 and b"took over" in body
        status, _, _ = get(address, "/static/workbench.css")  # the slow page holds the turn
        assert status == 503
        release.set()


def test_the_workbench_on_a_store(bundled_store_dir) -> None:
    """``bilateral serve --store``: the pages read the store's snapshot."""
    from bilateral.graph.source.storereader import StoreReader

    server = make_server(
        StoreReader(bundled_store_dir), port=0, timeout=20, quiet=True, pages=pages
    )
    with running(server) as address:
        for path in ("/", "/id/ermakova", "/dependence?dependent=minsk&provider=moscow",
                     "/api/search?q=Ermakova", "/graph?focus=ermakova"):  # fmt: skip
            status, _, body = get(address, path)
            assert status == 200, (path, body[:300])
        _, _, body = get(address, "/id/ermakova", {"Accept": "text/turtle"})
        assert b"Nadezhda Ermakova" in body
        _, _, body = get(address, "/source/ponars-memo-2021")
        assert b"sentences quoted" in body  # the text is found from the store too
