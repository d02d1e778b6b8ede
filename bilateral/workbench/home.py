"""``/``: the workbench. A search box (the engine of ``bilateral search``; results link
to their pages), the named questions (one click runs one, with its parameters as typed:
``bid:x`` or a name; its SPARQL opens, editable, in the query page), the dyads of the
data with their headline SDI, and the graph.

The page works without its script (the search is a form, each question a link); the
script (``static/workbench.js``) searches as one types and runs questions in place.

>>> from bilateral.graph.sparql.pages import PageRequest
>>> from bilateral.graph.source.load import load
>>> body = page(PageRequest("/", {"q": ["<img src=x>"]}, "", load(), "")).body.decode()
>>> "<img src=x>" in body, "&lt;img src=x&gt;" in body
(False, True)
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from bilateral.errors import BilateralError
from bilateral.graph.sparql.pages import PageReply, PageRequest
from bilateral.workbench.html import document, esc, link

__all__ = ["page"]

_PAIR = ("dependent", "provider")


def _results(request: PageRequest) -> str:
    from bilateral.workbench.api import search_rows

    if not request.param("q").strip():
        return "<ol id='results' class='results' aria-live='polite'></ol>"
    try:
        rows = search_rows(request)
    except BilateralError as exc:
        return f"<p class='error'>{esc(exc)}</p><ol id='results' class='results'></ol>"
    items = "".join(
        f"<li>{link(str(r['iri']), str(r['label']))} <span class='tag'>{esc(r['kind'])}</span>"
        f"<div class='snippet'>{esc(r['snippet'])}</div></li>"
        for r in rows
    )
    note = "" if rows else "<li class='none'>no match</li>"
    return f"<ol id='results' class='results' aria-live='polite'>{items}{note}</ol>"


def _questions() -> str:
    from bilateral.graph.sparql.named import named_queries

    items = []
    for q in named_queries().values():
        edit = "/query?" + urlencode({"query": q.text, "run": "1"}, quote_via=quote)
        params = "".join(
            f" <label class='param'>{esc(n)} <input data-for='{esc(q.name)}' name='{esc(n)}' "
            f"value='{esc(p.default)}' size='18' title='{esc(p.about)}'></label>"
            for n, p in q.parameters.items()
        )
        items.append(
            f"<li><span class='question'>{esc(q.question or q.name)}</span>{params}<br>"
            f"<button type='button' class='run' data-name='{esc(q.name)}' "
            f"aria-controls='answer-{esc(q.name)}'>Run</button> "
            f"<a href='{esc(edit)}'>Edit the SPARQL</a> "
            f"<a href='/api/queries/{esc(q.name)}'>JSON</a> <code>{esc(q.name)}</code>"
            f"<div class='answer' id='answer-{esc(q.name)}' aria-live='polite'></div></li>"
        )
    return f"<ol class='questions'>{''.join(items)}</ol>"


def _dyads(request: PageRequest) -> str:
    from bilateral.workbench.state import dyads

    rows = "".join(
        f"<tr><td><a href='/dependence?{esc(urlencode({k: d[k] for k in _PAIR}))}'>"
        f"{esc(d['dependent_label'])} on {esc(d['provider_label'])}</a></td>"
        f"<td>{d['total']:.2f} [{d['total_low']:.2f}, {d['total_high']:.2f}]</td>"
        f"<td>{d['reverse_total']:.2f}</td><td>{d['asymmetry']:+.2f}</td><td>{d['statements']}</td></tr>"
        for d in dyads(request.graph)
    )  # fmt: skip
    if not rows:
        return "<p>No dependency statements link two states in this data.</p>"
    return (
        "<table class='numbers dyads'><thead><tr><th scope='col'>dyad</th><th scope='col'>SDI</th>"
        "<th scope='col'>reverse</th><th scope='col'>asymmetry</th>"
        f"<th scope='col'>dependency statements</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def page(request: PageRequest) -> PageReply:
    """The workbench page."""
    q = request.param("q")
    body = (
        "<h1>bilateral workbench</h1>"
        "<section class='search'><h2 id='search-h'>Search</h2>"
        "<form method='get' action='/' role='search' aria-labelledby='search-h'>"
        f"<input id='search' name='q' type='search' value='{esc(q)}' autocomplete='off' "
        "placeholder='a name, a word of a quote… (typos welcome)' aria-label='search'> "
        "<button type='submit'>Search</button></form>"
        f"{_results(request)}</section>"
        f"<section><h2>Dyads</h2>{_dyads(request)}"
        "<p><a href='/graph'>Open the graph</a> · <a href='/query'>Write SPARQL</a></p></section>"
        f"<section><h2>Questions</h2>{_questions()}</section>"
    )
    return document("workbench", body, wide=True)
