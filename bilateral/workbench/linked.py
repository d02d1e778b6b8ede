"""``/id/NAME`` and ``/source/NAME``: the graph's own IRIs as pages (W3C "Cool URIs"):
HTML for a browser; Turtle, N-Triples or JSON-LD (``Accept``, or ``format=``) for a
client that asks for RDF, with ``Vary: Accept``.

An actor's page lists the statements it takes part in, each with its role, date and
quote; a statement's page its quotes and source; a source's page each sentence of its
text with the statements that quote it (the coverage view).

>>> wants("text/html,application/xhtml+xml,*/*;q=0.8"), wants("text/turtle")
('html', 'turtle')
>>> wants("application/ld+json;q=1, text/html;q=0.5"), wants("")
('json-ld', 'html')
>>> wants("text/turtle;q=-1"), wants("text/turtle;q=nan, text/html;q=0.5")
('html', 'html')
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, unquote

from bilateral.errors import InputError
from bilateral.graph.sparql.pages import PageReply, PageRequest
from bilateral.graph.sparql.protocol import FORMAT_NAMES, GRAPH_TYPES, FormatError, graph_body
from bilateral.workbench.entities import about, ask, sentences_of
from bilateral.workbench.html import HEADERS, ID, SOURCE, document, esc, link

__all__ = ["page", "wants"]

_MIME = {"turtle": "text/turtle", "nt": "application/n-triples", "json-ld": "application/ld+json"}
#: a weight as RFC 9110 writes it (0 to 1, three decimals at most)
_QVALUE = re.compile(r"0(\.[0-9]{0,3})?|1(\.0{0,3})?")
_DESCRIBE = "SELECT ?p ?o WHERE { ?x ?p ?o }"
#: a name an IRI of the graph can end in (no slash, space, control or IRI-forbidden character)
_NAME = re.compile(r"[^/\s<>\"{}|\\^`\x00-\x1f\x7f]+")


def wants(accept: str, formats: list[str] | None = None) -> str:
    """``html``, ``turtle``, ``nt`` or ``json-ld``: ``format=`` first, then the
    ``Accept`` media type of highest q (HTML for ``*/*`` and for none)."""
    for value in formats or []:
        name = value.strip().lower()
        if name == "html":
            return "html"
        fmt = FORMAT_NAMES["graph"].get(name) or GRAPH_TYPES.get(name)
        if fmt in _MIME:
            return fmt
        raise FormatError(f"format={value!r}: use html, turtle, nt or json-ld")
    ranked = []
    for i, part in enumerate((accept or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            name, _, value = f.partition("=")
            if name.strip().lower() == "q":  # RFC 9110 weights only: -1, nan, 2 are not
                q = float(value.strip()) if _QVALUE.fullmatch(value.strip()) else 0.0
        ranked.append((-q, i, fields[0].lower()))
    for neg_q, _, mime in sorted(ranked):
        if neg_q == 0:
            break
        if mime in ("text/html", "application/xhtml+xml", "*/*", "text/*", ""):
            return "html"
        fmt = GRAPH_TYPES.get(mime)
        if fmt in _MIME:
            return fmt
    return "html"


def page(request: PageRequest, kind: str, name: str) -> PageReply:
    """The page of ``/id/NAME`` (``kind`` ``id``) or ``/source/NAME``."""
    name = unquote(name)
    if not _NAME.fullmatch(name):
        return PageReply.text(404, f"no page /{kind}/{name}")
    iri = (ID if kind == "id" else SOURCE) + name
    try:
        fmt = wants(request.accept, [request.param("format")] if "format" in request.params else [])
    except FormatError as exc:
        raise InputError(str(exc)) from None
    if fmt != "html":
        return _rdf(request, iri, fmt)
    entity = about(request, iri, roles=kind == "id")
    sentences = sentences_of(request, iri) if kind == "source" else None
    reply = document(entity["label"] or entity["name"], _html(entity, sentences))
    return PageReply(reply.status, reply.body, reply.ctype, {**reply.headers, "Vary": "Accept"})


def _rdf(request: PageRequest, iri: str, fmt: str) -> PageReply:
    from rdflib import URIRef

    node = URIRef(iri)
    result = ask(request, _DESCRIBE, x=node)
    if not result.rows:
        return PageReply.text(404, f"the graph says nothing about <{iri}>")
    text = graph_body(
        ((node, p, o) for p, o in result.rows if p is not None and o is not None), fmt
    )
    headers = {**HEADERS, "Vary": "Accept"}
    return PageReply(200, text.encode("utf-8"), f"{_MIME[fmt]}; charset=utf-8", headers)


def _quotes(quotes: list[dict[str, Any]]) -> str:
    out = []
    for q in quotes:
        source = ""
        if q.get("source"):
            date = f", {esc(q['source_date'])}" if q.get("source_date") else ""
            source = f"<cite>{link(q['source'], q.get('source_label'))}{date}</cite>"
        out.append(f"<blockquote class='quote'><p>{esc(q['text'])}</p>{source}</blockquote>")
    return "".join(out)


def _html(entity: dict[str, Any], sentences: list[dict[str, Any]] | None) -> str:
    iri = entity["iri"]
    title = esc(entity["label"] or entity["name"])
    kinds = ", ".join(esc(t) for t in entity["types"]) or "no type"
    parts = [
        f"<h1>{title}</h1><p class='meta'><code>{esc(iri)}</code> · {kinds}</p>",
        f"<p>{esc(entity['comment'])}</p>" if entity["comment"] else "",
        f"<p class='links'><a href='/graph?focus={esc(quote(entity['name']))}#{esc(quote(iri))}'>"
        "Show in the graph</a>"
        f" · RDF: <a href='?format=turtle'>Turtle</a>, <a href='?format=nt'>N-Triples</a>,"
        " <a href='?format=json-ld'>JSON-LD</a></p>",
    ]
    own = [p for p in entity["properties"] if p["property"] == "bil:quote"]
    if own:
        sources = [p for p in entity["properties"] if p["property"] == "prov:wasDerivedFrom"]
        src = sources[0] if sources else {}
        quotes = [{"text": q["value"], "source": src.get("value"),
                   "source_label": src.get("label")} for q in own]  # fmt: skip
        parts.append(f"<section><h2>Quotes</h2>{_quotes(quotes)}</section>")
    if entity["statements"]:
        rows = "".join(
            f"<tr><td>{esc(s['role'])}</td><td class='date'>{esc(s['date'] or '')}</td>"
            f"<td>{link(s['statement'], s['label'])}{_quotes(s['quotes'])}</td></tr>"
            for s in entity["statements"]
        )
        parts.append(
            f"<section><h2>Statements ({len(entity['statements'])})</h2><table class='statements'>"
            "<thead><tr><th scope='col'>role</th><th scope='col'>date</th>"
            "<th scope='col'>statement and quote</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></section>"
        )
    if sentences is not None:
        covered = sum(1 for s in sentences if s["statements"])
        items = "".join(_sentence(s) for s in sentences)
        parts.append(
            f"<section><h2>Text: {covered} of {len(sentences)} sentences quoted</h2>"
            f"<ol class='sentences'>{items}</ol></section>"
        )
    props = "".join(
        f"<tr><th scope='row'>{esc(p['property'])}</th><td>"
        + (link(p["value"], p.get("label")) if p.get("iri") else esc(p["value"]))
        + "</td></tr>"
        for p in entity["properties"]
    )
    parts.append(f"<section><h2>All properties</h2><table class='props'>{props}</table></section>")
    return "".join(parts)


def _sentence(s: dict[str, Any]) -> str:
    quoted = "".join(f"<li>{link(x['statement'], x['label'])}</li>" for x in s["statements"])
    cls = "covered" if quoted else "uncovered"
    return (
        f"<li class='{cls}'><p>{esc(s['text'])}</p>"
        + (f"<ul>{quoted}</ul>" if quoted else "")
        + "</li>"
    )
