"""``/dependence?dependent=A&provider=B``: a dyad's structural dependence as
``bilateral dependence`` computes it (the same library call, with its sensitivity
table): the headline, the per-domain table with intervals, a forest plot (inline SVG),
the sensitivity table, and under each domain the evidence with its labels, quotes and
sources.

>>> from bilateral.graph.sparql.pages import PageRequest
>>> from bilateral.graph.source.load import load
>>> ask = {"dependent": ["minsk"], "provider": ["moscow"]}
>>> r = compute(PageRequest("/dependence", ask, "", load(), ""))
>>> r.dependent_label, r.total > r.reverse_total
('Belarus', True)
"""

from __future__ import annotations

from typing import Any

from bilateral.errors import InputError
from bilateral.graph.measures.results import DependenceResult
from bilateral.graph.sparql.pages import PageReply, PageRequest
from bilateral.workbench.forest import forest
from bilateral.workbench.html import document, esc, link
from bilateral.workbench.state import dependence_of, dyads, snapshot

__all__ = ["compute", "evidence_items", "page"]


def compute(request: PageRequest) -> DependenceResult:
    """``dependence(g, dependent, provider, as_of=, known_by=, sensitivity=True)`` on
    the request's graph (kept per graph: ``state.dependence_of``); without both names,
    the first dyad of the data."""
    a, b = request.param("dependent").strip(), request.param("provider").strip()
    if not a or not b:
        if a or b:
            raise InputError("give both dependent= and provider= (names, bid:x or IRIs)")
        known = dyads(request.graph)
        if not known:
            raise InputError("no dyad in the data: give dependent= and provider=")
        a, b = known[0]["dependent"], known[0]["provider"]
    dates = [request.param(k).strip() or None for k in ("as_of", "known_by")]
    return dependence_of(request.graph, a, b, *dates)


def _num(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def _interval(point: float, low: float, high: float, sign: bool = False) -> str:
    f = "{:+.2f}" if sign else "{:.2f}"
    if not sign and point == low == high == 0:
        return "0"
    return f"{f.format(point)} [{f.format(low)}, {f.format(high)}]"


def _cited(quotes: list[Any], sources: list[Any]) -> list[dict[str, Any]]:
    """Quotes as ``{text, source, source_label, source_date}``: a quote given as text is
    the claim's one source's (with several sources, the page lists them after it)."""
    one = sources[0] if len(sources) == 1 and isinstance(sources[0], dict) else {}
    out = []
    for q in quotes:
        if isinstance(q, dict):
            out.append(q)
        else:
            source = {"source": one.get("iri"), "source_label": one.get("label")}
            out.append({"text": str(q), **source, "source_date": one.get("date")})
    return out


def evidence_items(request: PageRequest, items: list[Any]) -> list[dict[str, Any]]:
    """The evidence of a domain with each claim's label, quotes and sources: from the
    result (``label``, ``quotes``, ``sources``), else from the snapshot's records."""
    snap = snapshot(request.graph)
    records = {r.iri: r for r in snap.records}
    out = []
    for item in items:
        item = dict(item)
        rec = records.get(str(item.get("statement")))
        if not item.get("label"):
            item["label"] = rec.label if rec is not None else None
        if item.get("quotes"):
            item["quotes"] = _cited(list(item["quotes"]), list(item.get("sources") or []))
        else:
            quotes = []
            for iri in item.get("statements") or [item.get("statement")]:
                r = records.get(str(iri))
                if r is None:
                    continue
                source = r.sources[0] if r.sources else None
                quotes += [{"text": q, "source": source, "source_label": None, "source_date": None}
                           for q in r.quotes]  # fmt: skip
            item["quotes"] = quotes
        out.append(item)
    return out


def _quote(q: dict[str, Any]) -> str:
    cite = ""
    if q.get("source"):
        date = f", {esc(q['source_date'])}" if q.get("source_date") else ""
        cite = f"<cite>{link(str(q['source']), q.get('source_label'))}{date}</cite>"
    return f"<blockquote class='quote'><p>{esc(q.get('text', ''))}</p>{cite}</blockquote>"


def _item(e: dict[str, Any]) -> str:
    hedge = f", hedged: {esc(e['hedge'])}" if e.get("hedge") else ""
    shown = str(e.get("kind") or "")
    kind = f"{esc(shown)}, " if shown and shown.lower() != str(e.get("role", "")).lower() else ""
    tag = (
        f"{kind}{esc(e.get('role', ''))}, {esc(e.get('direction', ''))}, value "
        f"{_num(e.get('value'))}, confidence {_num(e.get('confidence'))}{hedge}"
    )
    quotes = "".join(_quote(q) for q in e["quotes"])
    sources = [s for s in e.get("sources") or [] if isinstance(s, dict) and s.get("iri")]
    if len(sources) > 1:
        quotes += (
            "<p class='sources'>Sources: "
            + "; ".join(
                link(str(s["iri"]), s.get("label"))
                + (f", {esc(s['date'])}" if s.get("date") else "")
                for s in sources
            )
            + "</p>"
        )
    claim = link(str(e["statement"]), e.get("label"))
    return f"<li>{claim} <span class='tag'>{tag}</span>{quotes}</li>"


def _evidence(request: PageRequest, r: DependenceResult) -> str:
    parts = []
    for d in r.domains:
        items = evidence_items(request, list(d.evidence))
        if not items:
            continue
        lis = "".join(_item(e) for e in items)
        name = esc(d.domain)
        parts.append(
            f"<section id='evidence-{name}'><h3>{name}</h3>"
            f"<ul class='evidence'>{lis}</ul></section>"
        )
    return "<section><h2>Evidence by domain</h2>" + "".join(parts) + "</section>"


def _table(r: DependenceResult, labels: dict[str, str]) -> str:
    rows = []
    for d in [*r.domains, r.summary]:
        total = d is r.summary
        name = "TOTAL" if total else f"<a href='#evidence-{esc(d.domain)}'>{esc(d.domain)}</a>"
        hinge = link(d.hinges_on, labels.get(d.hinges_on)) if d.hinges_on else ""
        if d.hinges_on:
            hinge += f" <span class='tag'>{d.hinge_effect:+.2f}</span>"
        rows.append(
            f"<tr{' class=total' if total else ''}><th scope='row'>{name}</th>"
            f"<td>{_interval(d.sdi, d.sdi_low, d.sdi_high)}</td>"
            f"<td>{_interval(d.reverse_sdi, d.reverse_low, d.reverse_high)}</td>"
            f"<td>{_interval(d.asymmetry, d.asymmetry_low, d.asymmetry_high, sign=True)}</td>"
            f"<td>{d.p_more_dependent:.2f}</td><td>{esc(d.alternatives or '')}</td>"
            f"<td>{d.bandwidth:g} / {d.reverse_bandwidth:g}</td><td>{hinge}</td></tr>"
        )
    return (
        "<table class='numbers'><caption>SDI per domain: medians with "
        f"{r.level:.0%} intervals</caption><thead><tr><th scope='col'>domain</th>"
        "<th scope='col'>SDI</th><th scope='col'>reverse</th><th scope='col'>asymmetry</th>"
        "<th scope='col'>P(more)</th><th scope='col'>alternatives</th>"
        "<th scope='col'>bandwidth →/←</th><th scope='col'>hinges on</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _levels(r: DependenceResult) -> str:
    """The state and its regime side by side (when the data has a regime)."""
    levels = list(getattr(r, "levels", None) or [])
    if len(levels) < 2:
        return ""
    rows = "".join(
        f"<tr><th scope='row'>{esc(x['level'])}</th>"
        f"<td>{link(x['dependent'], x['dependent_label'])}"
        f" on {link(x['provider'], x['provider_label'])}</td>"
        f"<td>{_interval(x['sdi'], x['sdi_low'], x['sdi_high'])}</td>"
        f"<td>{_interval(x['reverse_sdi'], x['reverse_low'], x['reverse_high'])}</td>"
        f"<td>{_interval(x['asymmetry'], x['asymmetry_low'], x['asymmetry_high'], True)}</td>"
        f"<td>{x['n_claims']}</td></tr>"
        for x in levels
    )
    rule = getattr(r, "rollup_rule", "") or ""
    return (
        "<table class='numbers levels'><caption>The state and its regime: "
        f"{esc(rule)}</caption><thead><tr><th scope='col'>level</th><th scope='col'>dyad</th>"
        "<th scope='col'>SDI</th><th scope='col'>reverse</th><th scope='col'>asymmetry</th>"
        f"<th scope='col'>claims</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _sensitivity(r: DependenceResult) -> str:
    rows = "".join(
        f"<tr><td>{esc(s['choice'])}</td><td>{esc(s['setting'])}</td>"
        f"<td>{_interval(s['total'], s['total_low'], s['total_high'])}</td>"
        f"<td>{s.get('change', 0.0):+.3f}</td>"
        f"<td>{_interval(s['asymmetry'], s['asymmetry_low'], s['asymmetry_high'], True)}</td></tr>"
        for s in r.sensitivity
    )
    return (
        "<section><h2>Sensitivity: the headline under each modelling choice</h2>"
        "<table class='numbers'><thead><tr><th scope='col'>choice</th><th scope='col'>setting</th>"
        "<th scope='col'>total</th><th scope='col'>change</th><th scope='col'>asymmetry</th>"
        f"</tr></thead><tbody>{rows}</tbody></table></section>"
    )


def page(request: PageRequest) -> PageReply:
    """The dependence page."""
    r = compute(request)
    a, b = esc(r.dependent_label), esc(r.provider_label)
    s = r.summary
    notes = "".join(f"<li>{esc(n)}</li>" for n in r.notes)
    given_a = esc(request.param("dependent") or r.dependent_label)
    given_b = esc(request.param("provider") or r.provider_label)
    reverse = _interval(s.reverse_sdi, s.reverse_low, s.reverse_high)
    asymmetry = _interval(s.asymmetry, s.asymmetry_low, s.asymmetry_high, sign=True)
    api = esc(f"/api/dependence?dependent={_q(r.dependent)}&provider={_q(r.provider)}")
    body = (
        f"<h1>Dependence of {a} on {b}</h1>"
        "<form class='dyad' method='get' action='/dependence'>"
        f"<label>dependent <input name='dependent' value='{given_a}'></label> "
        f"<label>provider <input name='provider' value='{given_b}'></label> "
        f"<label>as of <input name='as_of' size='11' placeholder='YYYY-MM-DD' "
        f"value='{esc(request.param('as_of'))}'></label> "
        f"<label>known by <input name='known_by' size='11' placeholder='YYYY-MM-DD' "
        f"value='{esc(request.param('known_by'))}'></label> "
        "<button type='submit'>Compute</button></form>"
        f"<p class='headline'>SDI({a} on {b}) = <strong id='total' data-value='{r.total!r}'>"
        f"{_interval(s.sdi, s.sdi_low, s.sdi_high)}</strong>; reverse "
        f"<span id='reverse'>{reverse}</span>; asymmetry <span id='asymmetry'>{asymmetry}</span>"
        f" · {link(r.dependent, r.dependent_label)} · {link(r.provider, r.provider_label)}"
        f" · <a href='{api}'>JSON</a></p>"
        + (f"<ul class='notes'>{notes}</ul>" if notes else "")
        + f"<figure>{forest(r)}<figcaption>Each domain's SDI of {a} on {b} (dark) and of "
        f"{b} on {a} (light), with {r.level:.0%} intervals.</figcaption></figure>"
        + _table(r, {x.iri: x.label for x in snapshot(request.graph).records if x.label})
        + _levels(r) + _sensitivity(r) + _evidence(request, r)
    )  # fmt: skip
    return document(f"Dependence of {r.dependent_label} on {r.provider_label}", body, wide=True)


def _q(iri: str) -> str:
    from urllib.parse import quote

    return quote(iri, safe="")
