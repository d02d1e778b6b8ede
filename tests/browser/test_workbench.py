"""The workbench in headless Chromium, served by ``make_server(..., pages=pages)`` on
loopback: search → result → entity page with its quote (by keyboard), a named question
run in place, the dependence page's total against the CLI's, ``/id/ermakova`` negotiated,
hostile labels searched and shown as text, phone width. Every page: no request leaves
127.0.0.1 and no console error. One server and one browser per module."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bilateral
from bilateral.graph.sparql.serve import make_server
from bilateral.workbench import pages
from tests.browser import test_graph_html
from tests.servers import running

CHROMIUM = test_graph_html.CHROMIUM
browser = test_graph_html.browser  # the same fixture: one Chromium per module

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="NO CHROMIUM FOUND: install Debian's chromium (make chromium) "
        "to run the browser tests",
    ),
]

HOSTILE = """@prefix bil: <https://w3id.org/bilateral/ontology#> .
@prefix bid: <https://w3id.org/bilateral/id/> .
@prefix bsrc: <https://w3id.org/bilateral/source/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
bsrc:zz a bil:Source ; rdfs:label "<b onmouseover=window.__xss=9>source</b>" .
bid:zz-img a bil:State ; rdfs:label "Zanzibar <img src=x onerror=window.__xss=1>"@en .
bid:zz-other a bil:State ; rdfs:label "Other </script><script>window.__xss=2</script>"@en .
bid:zz-support a bil:Support ; rdfs:label "Zanzibar <script>window.__xss=4</script>"@en ;
    bil:agent bid:zz-img ; bil:target bid:zz-other ; bil:domain bil:political ;
    prov:wasDerivedFrom bsrc:zz ;
    bil:quote "Zanzibar <img src=x onerror=window.__xss=5> said <a href='javascript:x'>hi</a>" .
"""


@pytest.fixture(scope="module")
def site(bundled):
    server = make_server(bundled, port=0, timeout=20, quiet=True, pages=pages)
    with running(server) as (host, port):
        yield f"http://{host}:{port}"


class Visit:
    """A page in a fresh context that records every request and every console error."""

    def __init__(self, browser, width: int = 1280, height: int = 800) -> None:
        self.ctx = browser.new_context(viewport={"width": width, "height": height})
        self.requests: list[str] = []
        self.errors: list[str] = []

        def watch(route):
            self.requests.append(route.request.url)
            if route.request.url.startswith("http://127.0.0.1:"):
                route.continue_()
            else:
                route.abort()

        self.ctx.route("**/*", watch)
        self.page = self.ctx.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def check(self) -> None:
        """No request left loopback; nothing went wrong on the console."""
        outside = [r for r in self.requests if not r.startswith("http://127.0.0.1:")]
        assert outside == [] and self.errors == []
        self.ctx.close()


def test_search_by_keyboard_to_an_entity_and_its_quote(browser, site) -> None:
    v = Visit(browser)
    v.page.goto(site + "/")
    v.page.locator("#search").focus()
    v.page.keyboard.type("Ermakva")  # a typo: the search forgives it
    first = v.page.locator("#results li a").first
    first.wait_for()
    assert "Ermakova" in first.inner_text()
    v.page.keyboard.press("Tab")  # the Search button
    v.page.keyboard.press("Tab")  # the first result
    with v.page.expect_navigation():
        v.page.keyboard.press("Enter")
    assert v.page.url.endswith("/id/ermakova")
    assert "Nadezhda Ermakova" in v.page.locator("h1").inner_text()
    quotes = v.page.locator("blockquote.quote").all_inner_texts()
    assert any("Ermakova" in q for q in quotes)
    v.check()


def test_run_a_named_question(browser, site) -> None:
    v = Visit(browser)
    v.page.goto(site + "/")
    v.page.locator("button.run[data-name='cq-loans']").click()
    rows = v.page.locator("#answer-cq-loans table tbody tr")
    rows.first.wait_for()
    want = bilateral.query(bilateral.load(), named="cq-loans")
    assert rows.count() == len(want)
    assert v.page.locator("#answer-cq-loans a[href^='/id/']").count() > 0
    v.page.locator("input[data-for='cq-loans'][name='provider']").fill("Belarus")  # a name
    v.page.locator("button.run[data-name='cq-loans']").click()
    v.page.locator("#answer-cq-loans p.tag").wait_for()
    v.page.locator("#answer-cq-loans p.tag:not(:has-text('running'))").wait_for()
    g = bilateral.load()
    other = bilateral.query(
        g, named="cq-loans", bindings={"provider": bilateral.iri("bid:belarus")}
    )
    assert v.page.locator("#answer-cq-loans table tbody tr").count() == len(other)
    v.check()


def test_query_page_describe_hints_and_links(browser, site) -> None:
    v = Visit(browser)
    v.page.goto(site + "/query")
    v.page.locator("#q").fill("DESCRIBE bid:ermakova")
    v.page.locator("#run").click()
    v.page.locator("#out pre").wait_for()
    assert "Nadezhda Ermakova" in v.page.locator("#out pre").inner_text()
    v.page.locator("#q").fill("ASK { bid:belarus a bil:State }")
    v.page.locator("#run").click()
    v.page.locator("#out td:has-text('true')").wait_for()  # ASK as a one-cell table
    v.page.locator("#q").fill("SELECT ?x WHERE { ?x a bil:Agremeent }")
    v.page.locator("#run").click()
    v.page.locator("#hints li").first.wait_for()
    assert "closest: bil:Agreement" in v.page.locator("#hints").inner_text()
    v.page.locator("#q").fill("SELECT ?s WHERE { ?s a bil:State } ORDER BY ?s")
    v.page.locator("#run").click()
    v.page.locator("#out a[href='/id/belarus']").wait_for()
    with v.page.expect_download() as download:
        v.page.locator("#csv").click()
    csv = Path(download.value.path()).read_bytes().decode()
    assert csv.splitlines()[0] == "s" and "https://w3id.org/bilateral/id/belarus" in csv
    # a name holding ? or # is linked whole (encoded), not cut into a query or a fragment
    odd = "SELECT ?s WHERE { VALUES ?s { <https://w3id.org/bilateral/id/a?b#c> } }"
    v.page.locator("#q").fill(odd)
    v.page.locator("#run").click()
    v.page.locator("#out a[href='/id/a%3Fb%23c']").wait_for()
    v.check()


def test_dependence_page_matches_the_cli(browser, site) -> None:
    from typer.testing import CliRunner

    from bilateral.cli import app

    out = CliRunner().invoke(app, ["dependence", "minsk", "moscow", "--format", "json"])
    assert out.exit_code == 0
    cli = json.loads(out.stdout)
    v = Visit(browser)
    v.page.goto(site + "/dependence?dependent=minsk&provider=moscow")
    total = v.page.locator("#total")
    assert float(total.get_attribute("data-value")) == cli["total"]
    assert total.inner_text().startswith(f"{cli['total']:.2f} [")
    assert v.page.locator("svg.forest circle").count() == 2 * (len(cli["domains"]) + 1)
    evidence = v.page.locator("#evidence-diplomatic").inner_text()
    assert "helped Minsk avoid full-scale delegitimization" in evidence
    v.check()


def test_id_negotiates_turtle_and_html(browser, site) -> None:
    v = Visit(browser)
    turtle = v.page.request.get(site + "/id/ermakova", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert "bid:ermakova a bil:Person" in turtle.text()
    v.page.goto(site + "/id/ermakova")
    assert v.page.evaluate("() => document.contentType") == "text/html"
    v.page.locator("a[href^='/graph?focus=bid%3Aermakova#']").click()
    v.page.wait_for_load_state()
    assert "/graph?focus=bid%3Aermakova#" in v.page.url
    v.page.locator("#details h3").wait_for()  # the entity is chosen and shown
    assert "Ermakova" in v.page.locator("#details h3").inner_text()
    v.check()


def test_phone_width_has_no_sideways_scroll(browser, site) -> None:
    v = Visit(browser, width=390, height=844)
    for path in ("/", "/id/ermakova", "/dependence", "/source/ponars-memo-2021", "/query"):
        v.page.goto(site + path)
        wide = v.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 1, path
    v.check()


def test_hostile_labels_searched_and_shown_run_nothing(browser, tmp_path: Path) -> None:
    data = tmp_path / "hostile.ttl"
    data.write_text(HOSTILE, encoding="utf-8")
    g = bilateral.load([data])
    with running(make_server(g, port=0, timeout=20, quiet=True, pages=pages)) as (host, port):
        site = f"http://{host}:{port}"
        v = Visit(browser)
        v.page.goto(site + "/")
        v.page.locator("#search").fill("zanzibar")
        v.page.locator("#results li a").first.wait_for()
        assert "<img src=x" in v.page.locator("#results").inner_text()
        for path in ("/?q=zanzibar", "/id/zz-img", "/id/zz-support", "/source/zz", "/graph"):
            v.page.goto(site + path)
            v.page.wait_for_load_state()
            assert v.page.evaluate("() => window.__xss") is None, path
            assert v.page.locator("main img, main script:not([src])").count() == 0
        v.page.goto(site + "/id/zz-support")
        assert "Zanzibar <img src=x onerror=window.__xss=5>" in v.page.locator("main").inner_text()
        v.check()
