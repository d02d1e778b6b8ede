"""The workbench's pages and API, asked through the hook itself (no server, no browser):
content negotiation, the JSON API, escaping, and the dependence numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph

import bilateral
from bilateral.graph.sparql.pages import PageReply, PageRequest
from bilateral.workbench import pages

HOSTILE = Path(__file__).parent.parent / "data" / "hostile"


def ask(g, path: str, accept: str = "", **params: str) -> PageReply:
    reply = pages(
        PageRequest(path, {k: [v] for k, v in params.items()}, accept, g, "http://127.0.0.1:1")
    )
    assert reply is not None, path
    return reply


@pytest.mark.parametrize(
    ("accept", "ctype"),
    [
        ("text/turtle", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
        ("", "text/html"),
        ("text/html;q=0.1, text/turtle", "text/turtle"),
    ],
)
def test_id_negotiates(bundled, accept: str, ctype: str) -> None:
    reply = ask(bundled, "/id/ermakova", accept)
    assert reply.status == 200
    assert reply.ctype.split(";")[0] == ctype
    assert reply.headers["Vary"] == "Accept"
    if ctype != "text/html":
        fmt = {"text/turtle": "turtle", "application/n-triples": "nt"}.get(ctype, "json-ld")
        g = Graph().parse(data=reply.body.decode(), format=fmt)
        label = g.value(bilateral.iri("bid:ermakova"), bilateral.iri("rdfs:label"))
        assert str(label) == "Nadezhda Ermakova"


def test_format_parameter_wins_and_bad_one_is_400(bundled) -> None:
    assert ask(bundled, "/id/ermakova", "text/html", format="nt").ctype.startswith(
        "application/n-triples"
    )
    assert ask(bundled, "/id/ermakova", format="xlsx").status == 400


def test_actor_page_lists_statements_with_role_date_and_quote(bundled) -> None:
    body = ask(bundled, "/id/ermakova", "text/html").body.decode()
    assert "Nadezhda Ermakova" in body and "Lukashenko’s nominee" in body
    entity = json.loads(ask(bundled, "/api/entity/ermakova").body)
    roles = {s["role"] for s in entity["statements"]}
    assert roles and all(s["quotes"] for s in entity["statements"])
    assert all(
        q["source"].endswith("ponars-memo-2021") for s in entity["statements"] for q in s["quotes"]
    )


def test_statement_page_has_quote_and_source(bundled) -> None:
    body = ask(bundled, "/id/loan-2020-tranche-1").body.decode()
    assert "two $500 million tranches" in body
    assert "href='/source/ponars-memo-2021'" in body


def test_source_page_shows_sentences_with_their_statements(bundled) -> None:
    body = ask(bundled, "/source/ponars-memo-2021").body.decode()
    assert "sentences quoted" in body and "href='/id/loan-2020-tranche-1'" in body


def test_unknown_names_are_404(bundled) -> None:
    assert ask(bundled, "/id/no-such-thing").status == 404
    assert ask(bundled, "/id/a%0d%0aSet-Cookie:x").status == 404
    assert ask(bundled, "/api/entity/no-such-thing").status == 404
    assert ask(bundled, "/api/queries/no-such-query").status == 404
    assert pages(PageRequest("/nowhere", {}, "", bundled, "")) is None


def test_api_search_is_the_search_engine(bundled) -> None:
    rows = json.loads(ask(bundled, "/api/search", q="Rosselkhoznadzr").body)["results"]
    assert rows[0]["iri"] == str(bilateral.search(bundled, "Rosselkhoznadzr").iloc[0]["iri"])
    assert rows[0]["href"].startswith("/id/")
    assert ask(bundled, "/api/search", q="  ").status == 400
    assert ask(bundled, "/api/search", q="bank", limit="x").status == 400


def test_api_queries_and_bindings(bundled) -> None:
    listed = json.loads(ask(bundled, "/api/queries").body)["queries"]
    assert {q["name"] for q in listed} == set(bilateral.named_queries())
    default = json.loads(ask(bundled, "/api/queries/cq-loans").body)
    assert default["results"]["bindings"]
    other = json.loads(ask(bundled, "/api/queries/cq-loans", provider="bid:belarus").body)
    assert len(other["results"]["bindings"]) < len(default["results"]["bindings"])
    assert ask(bundled, "/api/queries/cq-loans", nosuchvar="1").status == 400


@pytest.mark.slow  # over 0.5 s: the CLI's own dependence beside the API's
@pytest.mark.parametrize("extra", [[], ["--known-by", "2020-12-31"], ["--sensitivity"]])
def test_api_dependence_is_the_cli_json(bundled, extra: list[str]) -> None:
    from typer.testing import CliRunner

    from bilateral.cli import app

    out = CliRunner().invoke(app, ["dependence", "minsk", "moscow", "--format", "json", *extra])
    assert out.exit_code == 0, out.output
    params = {"dependent": "minsk", "provider": "moscow"}
    if extra and extra[0] == "--known-by":
        params["known_by"] = extra[1]
    if extra == ["--sensitivity"]:
        params["sensitivity"] = "1"
    got = json.loads(ask(bundled, "/api/dependence", **params).body)
    assert got == json.loads(out.stdout)


def test_api_dependence_errors(bundled) -> None:
    assert ask(bundled, "/api/dependence", dependent="minsk").status == 400
    bad = ask(bundled, "/api/dependence", dependent="minsk", provider="atlantis")
    assert bad.status in (400, 404) and "atlantis" in json.loads(bad.body)["error"]
    when = ask(bundled, "/api/dependence", dependent="minsk", provider="moscow", as_of="soon")
    assert when.status == 400


def test_dependence_page_total_and_quotes(bundled) -> None:
    body = ask(bundled, "/dependence", dependent="belarus", provider="russia").body.decode()
    r = bilateral.dependence(bundled, "belarus", "russia")
    assert f"data-value='{r.total!r}'" in body
    assert f"{r.total:.2f} [{r.summary.sdi_low:.2f}, {r.summary.sdi_high:.2f}]" in body
    assert "<svg class='forest'" in body and "Sensitivity" in body
    assert "diplomatic endorsement helped Minsk avoid full-scale delegitimization" in body


def test_home_lists_dyads_and_questions(bundled) -> None:
    body = ask(bundled, "/").body.decode()
    assert "Belarus on Russia" in body and "data-name='cq-loans'" in body
    assert "/query?query=" in body


@pytest.mark.slow  # over 0.5 s: a dependence with its sensitivity table / a load
def test_hostile_labels_are_text(tmp_path) -> None:
    g = bilateral.load([HOSTILE])
    for path, params in (("/", {"q": "img onerror"}), ("/id/xss-img", {}), ("/id/xss-support", {}),
                         ("/source/hostile", {}), ("/graph", {"focus": "xss-img"})):  # fmt: skip
        body = ask(g, path, **params).body.decode()
        assert "<img src=x" not in body and "<script>window" not in body, path
    rows = json.loads(ask(g, "/api/search", q="img onerror").body)["results"]
    assert any("<img" in r["label"] for r in rows)  # JSON carries the text as it is


def test_the_whole_graph_page(bundled) -> None:
    reply = ask(bundled, "/graph")
    assert reply.status == 200 and b"bilateral graph" in reply.body
    assert ask(bundled, "/graph").body == reply.body  # drawn once, served again


def test_static_assets_and_csp(bundled) -> None:
    js = ask(bundled, "/static/workbench.js")
    assert js.status == 200 and js.ctype.startswith("text/javascript")
    assert "innerHTML" not in js.body.decode()
    assert pages(PageRequest("/static/../../etc/passwd", {}, "", bundled, "")) is None
    home = ask(bundled, "/")
    assert "script-src 'self'" in home.headers["Content-Security-Policy"]
    assert b"<script>" not in home.body and b"http://" not in home.body.replace(
        b"http://www.w3.org", b""
    )
