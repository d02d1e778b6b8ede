"""The pages' common parts: the document around a page's body, escaping, links to the
graph's own IRIs, replies, and the static assets.

Everything from the data goes through ``esc`` (text, never markup). The pages load
only ``/static/workbench.css`` and ``/static/workbench.js`` from this server; the
Content-Security-Policy header forbids every other script, style and connection.

>>> esc('<img src=x onerror="alert(1)">')
'&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
>>> href("https://w3id.org/bilateral/id/ermakova"), href("https://w3id.org/bilateral/source/s1")
('/id/ermakova', '/source/s1')
>>> href("javascript:alert(1)") is None, href("https://w3id.org/bilateral/ontology#Loan") is None
(True, True)
>>> link("https://w3id.org/bilateral/ontology#Loan")
"<span title='https://w3id.org/bilateral/ontology#Loan'>bil:Loan</span>"
"""

from __future__ import annotations

import html
import re
from importlib.resources import files

from bilateral.errors import BilateralError, UnknownNameError
from bilateral.graph.sparql.pages import PageReply
from bilateral.ontology.vocab import curie
from bilateral.text import strict_json

__all__ = [
    "CSP",
    "asset",
    "document",
    "error_page",
    "esc",
    "href",
    "json_reply",
    "link",
]

ID = "https://w3id.org/bilateral/id/"
SOURCE = "https://w3id.org/bilateral/source/"
ONTOLOGY = "https://w3id.org/bilateral/ontology#"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
#: bidi embeddings, overrides and isolates (marks, U+200E/F, stay: they reorder nothing)
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
HEADERS = {"Content-Security-Policy": CSP, "Referrer-Policy": "no-referrer"}
_ASSETS = {
    "workbench.css": "text/css; charset=utf-8",
    "workbench.js": "text/javascript; charset=utf-8",
}


def esc(value: object) -> str:
    """``value`` as HTML text (attributes too: quotes are escaped); bidi embeddings,
    overrides and isolates are shown as escapes, never obeyed (a label's U+202E would
    turn the rest of its paragraph around: the headline's 0.46 read as 64.0).

    >>> esc("Left" + chr(0x202E) + " on Right")
    'Left\\\\u202e on Right'
    """
    return _BIDI.sub(_shown, html.escape(str(value), quote=True))


def _shown(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def href(iri: str) -> str | None:
    """Where a link to ``iri`` goes: the local page of the graph's own IRIs, the IRI
    itself for other web IRIs (Wikidata), ``None`` for the ontology's terms (their
    names say what they are) and anything else (no ``javascript:`` links)."""
    from urllib.parse import quote

    for base, local in ((ID, "/id/"), (SOURCE, "/source/")):
        if iri.startswith(base) and len(iri) > len(base):
            return local + quote(iri[len(base) :], safe="-._~")
    if iri.startswith(ONTOLOGY):
        return None
    return iri if iri.startswith(("http://", "https://")) else None


def link(iri: str, label: str | None = None) -> str:
    """An ``<a>`` to ``iri`` showing ``label`` (or its compact name) as text."""
    text = label or curie(iri)
    target = href(iri)
    if target is None:
        return f"<span title='{esc(iri)}'>{esc(text)}</span>"
    rel = "" if target.startswith("/") else " rel='noopener noreferrer'"
    return f"<a href='{esc(target)}' title='{esc(iri)}'{rel}>{esc(text)}</a>"


def document(title: str, body: str, *, status: int = 200, wide: bool = False) -> PageReply:
    """A whole page: ``title`` (text) and ``body`` (markup built with ``esc``)."""
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{esc(title)} · bilateral</title>"
        "<link rel='stylesheet' href='/static/workbench.css'>"
        "<script src='/static/workbench.js' defer></script></head>"
        f"<body class='{'wide' if wide else ''}'><a class='skip' href='#main'>Skip to content</a>"
        "<header><nav aria-label='main'><a href='/'>Workbench</a><a href='/query'>SPARQL</a>"
        "<a href='/graph'>Graph</a><a href='/sparql'>Service description</a></nav></header>"
        f"<main id='main'>{body}</main></body></html>"
    )
    return PageReply(status, page.encode("utf-8"), "text/html; charset=utf-8", HEADERS)


def error_page(exc: BilateralError) -> PageReply:
    """A page saying what was wrong (404 for an unknown name, else 400)."""
    status = 404 if isinstance(exc, UnknownNameError) else 400
    return document("Not found" if status == 404 else "Bad request",
                    f"<h1>{'Not found' if status == 404 else 'Bad request'}</h1>"
                    f"<p class='error'>{esc(exc)}</p>", status=status)  # fmt: skip


def json_reply(data: object, status: int = 200) -> PageReply:
    """``data`` as strict JSON (no NaN; control and bidi characters escaped)."""
    text = strict_json(data, indent=1)  # control and bidi characters as \\uXXXX
    return PageReply(status, text.encode("utf-8"), "application/json; charset=utf-8", HEADERS)


def asset(name: str) -> PageReply | None:
    """A file of ``static/`` by its name (only the known ones)."""
    if name not in _ASSETS:
        return None
    data = files("bilateral.workbench").joinpath("static", name).read_bytes()
    return PageReply(200, data, _ASSETS[name], {**HEADERS, "Cache-Control": "max-age=300"})
