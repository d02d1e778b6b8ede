"""The suggestions of ``curate`` as JSON objects and as a Turtle draft.

Each uncovered sentence becomes a statement made of its suggestions and marked
``bil:draft true`` (``validate`` reports it as "draft, not reviewed" until the curator
removes the mark). A kind whose required fields the rules could not all fill is written
as the nearest kind that needs none of them (a loan without a debtor as a
``bil:Agreement``, a dependency without a strength as a ``bil:Assessment``), with the
suggested kind and what is missing in a comment, so that the draft validates as it is.

>>> label_of("Reportedly, the Valdorian president relies on Kestrian security advisers.")
'Reportedly, the Valdorian president relies on Kestrian security advisers'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bilateral.graph.checks.suggest import STRENGTHS, SUBSTITUTABILITY, Pick
from bilateral.ontology.vocab import BIL, curie

if TYPE_CHECKING:
    from bilateral.graph.checks.curate import Curation, SentenceInfo
    from bilateral.graph.checks.suggest_dates import Mention

__all__ = ["PLACEHOLDER", "draft", "label_of", "suggestion_object"]

#: how a field still to fill begins (``validate`` reports a source label or title so)
PLACEHOLDER = "TODO"
#: what a kind becomes when its required fields are not all suggested
_FALLBACK = {"Loan": "Agreement", "CreditLine": "Agreement", "Support": "Relation",
             "Pressure": "Relation", "Dependency": "Assessment",
             "Alternatives": "Assessment", "Control": "Assessment"}  # fmt: skip
#: the kinds whose object can be a sum of money (``bil:amount`` and ``bil:currency``)
_MONEY = {"Loan", "CreditLine", "Disbursement", "Agreement", "Pledge", "Support"}
_PREFIXES = {"bil": BIL, "bid": "https://w3id.org/bilateral/id/",
             "bsrc": "https://w3id.org/bilateral/source/", "prov": "http://www.w3.org/ns/prov#",
             "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "dct": "http://purl.org/dc/terms/",
             "xsd": "http://www.w3.org/2001/XMLSchema#"}  # fmt: skip


def label_of(text: str, limit: int = 100) -> str:
    """A label made from the sentence: without its final stop, cut at a word near
    ``limit`` characters (with an ellipsis)."""
    text = text.rstrip(" .")
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _pick(p: Pick | None, **extra: Any) -> dict[str, Any] | None:
    return None if p is None else {"value": p.value, **extra, "why": p.why}


def _word(scale: dict[str, float], value: float) -> str:
    return next(w for w, v in scale.items() if v == value)


def _date(m: Mention | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {
        "value": m.start.isoformat(),
        "end": m.end.isoformat() if m.end else None,
        "since": m.since,
        "precision": m.precision,
        "basis": m.basis,
        "why": m.text,
    }


def suggestion_object(report: Curation, s: SentenceInfo) -> dict[str, Any]:
    """Everything ``curate`` suggests for one sentence, each with its ``why``."""
    sug = s.suggestion
    words: dict[str, str] = {}
    for span in s.spans:
        words.setdefault(span.iri, span.words)
    out: dict[str, Any] = {"sentence": s.index, "covered": s.covered, "text": s.text}
    out["actors"] = [
        {"iri": iri, "label": report.labels.get(iri, curie(iri)), "why": words.get(iri, "")}
        for iri in s.actors
    ]
    out["date"] = _date(s.date)
    if sug is None:
        return out
    out["kind"] = {"value": f"bil:{sug.kind.value}", "why": sug.kind.why, "missing": sug.missing()}
    out["roles"] = [{"role": f"bil:{r.role}", "actor": r.iri, "why": r.why} for r in sug.roles]
    out["hedge"] = _pick(sug.hedge, confidence=sug.confidence)
    strength = sug.strength
    out["strength"] = _pick(
        strength, word=_word(STRENGTHS, float(strength.value)) if strength else None
    )
    sub = sug.substitutability
    out["substitutability"] = _pick(
        sub, word=_word(SUBSTITUTABILITY, float(sub.value)) if sub else None
    )
    out["amount"] = (
        None
        if sug.amount is None
        else {"value": sug.amount[0], "currency": sug.amount[1], "why": sug.amount[2]}
    )
    out["domain"] = _pick(sug.domain)
    if out["domain"] is not None:
        out["domain"]["value"] = f"bil:{sug.domain.value}" if sug.domain else None
    return out


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _issued_literal(report: Curation) -> str | None:
    if report.issued is None:
        return None
    when, precision = report.issued
    if precision == "year":
        return f'"{when.year}"^^xsd:gYear'
    if precision == "month":
        return f'"{when.isoformat()[:7]}"^^xsd:gYearMonth'
    return f'"{when.isoformat()}"^^xsd:date'


def _source(report: Curation) -> list[str]:
    src = curie(report.source)
    issued = _issued_literal(report)
    lines = [
        "# The source: fill in its title, creator and date (validate reports a label or",
        f"# title that still begins with {PLACEHOLDER}, and a source without dct:issued).",
        f"{src} a bil:Source ;",
        f'    rdfs:label "{PLACEHOLDER}: title (author or publisher, year)"@en ;',
        f'    dct:title "{PLACEHOLDER}: the title"@en ;',
        "    # dct:creator bid:the-author ;   # and `bid:the-author a dct:Agent ; rdfs:label ...`,",
        '    #                                 # or bil:unknownField "creator" if nobody knows',
    ]
    if issued:
        lines.append(f"    dct:issued {issued} ;   # {report.issued_from}")
    else:
        lines.append('    # dct:issued "YYYY-MM-DD"^^xsd:date ;   # or bil:unknownField "date"')
    return [*lines, f"    bil:textFile {_literal(report.path.name)} .", ""]


def _date_lines(m: Mention) -> list[str]:
    tail = f'bil:datePrecision "{m.precision}" ; bil:dateBasis "{m.basis}" ;'
    if m.end is not None:
        return [
            f'    bil:startDate "{m.start}"^^xsd:date ; bil:endDate "{m.end}"^^xsd:date ;',
            f"    {tail}",
        ]
    prop = "bil:startDate" if m.since else "bil:date"
    return [f'    {prop} "{m.start}"^^xsd:date ; {tail}']


def _statement(report: Curation, s: SentenceInfo, stem: str) -> list[str]:
    sug = s.suggestion
    assert sug is not None
    kind, missing = str(sug.kind.value), sug.missing()
    written = _FALLBACK.get(kind, kind) if missing else kind
    lines = [f"# sentence {s.index}: suggested bil:{kind} ({_literal(sug.kind.why)})"]
    if written != kind:
        need = ", ".join(f"bil:{m}" for m in missing)
        lines.append(
            f"#   written as bil:{written} until you give {need}; then retype it bil:{kind}"
        )
    roles = [] if written != kind else [r for r in sug.roles if r.role != "about"]
    in_roles = {r.iri for r in roles}
    about = written in ("Assessment", "Scenario")
    for iri in s.actors:
        if iri not in in_roles and not about:
            lines.append(f"#   names {curie(iri)} ({report.labels.get(iri, '')})")
    lines += [
        f"bid:{stem}-s{s.index} a bil:{written} ;",
        "    bil:draft true ;",
        f"    rdfs:label {_literal(label_of(s.text))}@en ;",
    ]
    lines += [f"    bil:{r.role} {curie(r.iri)} ;" for r in roles]
    if about and s.actors:
        lines.append(f"    bil:about {' , '.join(curie(a) for a in s.actors)} ;")
    if s.date is not None:
        lines += _date_lines(s.date)
    if sug.domain is not None and written not in ("Assessment",):
        lines.append(f"    bil:domain bil:{sug.domain.value} ;")
    lines += _numbers(sug, written)
    if sug.amount is not None and written in _MONEY:
        lines.append(f'    bil:amount {sug.amount[0]} ; bil:currency "{sug.amount[1]}" ;')
    if sug.hedge is not None:
        lines.append(f"    bil:hedge {_literal(str(sug.hedge.value).split(' (')[0])} ; "
                     f"bil:confidence {sug.confidence} ;")  # fmt: skip
    return [*lines, f"    prov:wasDerivedFrom {curie(report.source)} ;",
            f"    bil:quote {_literal(s.text)} .", ""]  # fmt: skip


def _numbers(sug: Any, written: str) -> list[str]:
    """A dependency's strength or an alternative's substitutability, with the comment
    the shapes ask for (the scale word first, then what to write)."""
    for kind, pick, scale, prop in (
        ("Dependency", sug.strength, STRENGTHS, "strength"),
        ("Alternatives", sug.substitutability, SUBSTITUTABILITY, "substitutability"),
    ):
        if written == kind and pick is not None:
            word = _word(scale, float(pick.value))
            note = f'{word} ({pick.value}): from "{pick.why}" (draft: give the reasoning)'
            return [
                f"    bil:{prop} {float(pick.value)} ;",
                f"    rdfs:comment {_literal(note)}@en ;",
            ]
    return []


def draft(report: Curation) -> str:
    """The Turtle draft of ``report``: the source (if new) and one statement per
    uncovered sentence."""
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in _PREFIXES.items()]
    lines += [
        "",
        f"# Draft written by `bilateral curate {report.path.name}`: one statement per sentence",
        "# the data does not quote yet, made of the suggestions (docs/curation.md, 'Drafts').",
        "# Each is marked `bil:draft true`: check its kind, label, roles, date, hedge and",
        "# numbers against the sentence, then remove the mark. `bilateral validate` reports",
        "# every statement still marked. Never invent a fact.",
        "",
    ]
    if not report.registered:
        lines += _source(report)
    stem = report.source.rsplit("/", 1)[-1]
    for s in report.sentences:
        if not s.covered:
            lines += _statement(report, s, stem)
    return "\n".join(lines).rstrip() + "\n"
