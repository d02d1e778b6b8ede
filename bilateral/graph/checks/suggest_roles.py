"""Roles where a sentence's syntax makes them clear: the actor named before the trigger
word and the one named after it ("Kestria lent Valdoria", "Minsk's dependence on
Moscow", "sanctions imposed by Brussels on Minsk"), parties joined by "and" or
"between … and", and the actors an assessment is about.

>>> from bilateral.graph.checks.suggest_actors import ActorSpan
>>> text = "In 2022, Kestria lent Valdoria 200 million euros."
>>> spans = [ActorSpan(9, 16, "Kestria", "k"), ActorSpan(22, 30, "Valdoria", "v")]
>>> [(r.role, r.iri) for r in roles("Loan", text, 17, spans)]
[('creditor', 'k'), ('debtor', 'v')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bilateral.graph.checks.suggest_actors import ActorSpan

__all__ = ["Role", "roles"]


@dataclass(frozen=True)
class Role:
    """An actor in a role (``creditor``, ``dependent``, ``agent``, ``party``, ``about``…)."""

    role: str
    iri: str
    why: str


#: kind → (role of the actor before the trigger, role of the actor after it)
_DIRECTED: dict[str, tuple[str, str]] = {
    "Dependency": ("dependent", "provider"),
    "Alternatives": ("dependent", "provider"),
    "Loan": ("creditor", "debtor"),
    "CreditLine": ("creditor", "debtor"),
    "Disbursement": ("creditor", "debtor"),
    "Support": ("agent", "target"),
    "Pressure": ("agent", "target"),
    "Pledge": ("agent", "target"),
    "Visit": ("agent", "target"),
    "Speech": ("agent", "target"),
}
#: a preposition after the trigger that swaps the roles ("a loan from Moscow")
_SWAP = {"Loan": "from", "CreditLine": "from", "Disbursement": "from", "Support": "by",
         "Pressure": "by"}  # fmt: skip
_PARTIES = ("Agreement", "Treaty", "IntergovernmentalAgreement", "IntegrationProgram",
            "PriceArrangement", "Cooperation", "Crisis", "Lease", "MilitaryExercise")  # fmt: skip
_CLAUSE = re.compile(r"[;:]|, (?:while|but|whereas|and|which)\b|\b(?:while|whereas)\b")


def _unique(spans: list[ActorSpan]) -> list[ActorSpan]:
    """Spans whose words name one entity only (an ambiguous name takes no role)."""
    count: dict[tuple[int, int], int] = {}
    for s in spans:
        count[(s.start, s.end)] = count.get((s.start, s.end), 0) + 1
    return [s for s in spans if count[(s.start, s.end)] == 1]


def _before(text: str, at: int, spans: list[ActorSpan]) -> ActorSpan | None:
    """The last actor named before ``at`` in the same clause."""
    for s in reversed([s for s in spans if s.end <= at]):
        return None if _CLAUSE.search(text, s.end, at) else s
    return None


def _after(text: str, at: int, spans: list[ActorSpan], skip: str = "") -> ActorSpan | None:
    """The first actor named after ``at`` in the same clause, other than ``skip``."""
    for s in spans:
        if s.start >= at and s.iri != skip:
            return None if _CLAUSE.search(text, at, s.start) else s
    return None


def roles(kind: str, text: str, at: int, spans: list[ActorSpan]) -> list[Role]:
    """The roles of ``spans`` in a statement of ``kind`` triggered at offset ``at``."""
    spans = _unique(spans)
    if kind in _DIRECTED:
        return _directed(kind, text, at, spans)
    if kind in _PARTIES:
        return _parties(text, spans)
    if kind in ("Assessment", "Scenario"):
        seen: dict[str, str] = {}
        for s in spans:
            seen.setdefault(s.iri, s.words)
        return [Role("about", iri, words) for iri, words in seen.items()]
    return []


def _directed(kind: str, text: str, at: int, spans: list[ActorSpan]) -> list[Role]:
    first_role, second_role = _DIRECTED[kind]
    word = re.match(r"[\w’'-]*", text[at:])
    trigger_end = at + (len(word.group(0)) if word else 0)
    before = _before(text, at, spans)
    after = _after(text, trigger_end, spans, skip=before.iri if before else "")
    out: list[Role] = []
    swap = _SWAP.get(kind)
    if swap and after and re.search(rf"\b{swap}\b", text[trigger_end : after.start]):
        # "a loan from Moscow (to Minsk)", "sanctions imposed by Brussels on Minsk"
        second = _after(text, after.end, spans, skip=after.iri) or before
        out.append(Role(first_role, after.iri, f"{swap} {after.words}"))
        if second is not None:
            out.append(Role(second_role, second.iri, second.words))
        return out
    if swap == "from" and re.search(r"\bfor\s*$", text[:at]):
        first_role, second_role = second_role, first_role  # "turn to Beijing for credit"
    if before is not None:
        out.append(Role(first_role, before.iri, f"{before.words} … {text[at:trigger_end]}"))
    if after is not None:
        out.append(Role(second_role, after.iri, f"{text[at:trigger_end]} … {after.words}"))
    return out


def _parties(text: str, spans: list[ActorSpan]) -> list[Role]:
    """Actors joined by "and" (or "between … and", "with"): the parties."""
    out: list[Role] = []
    for a, b in zip(spans, spans[1:], strict=False):
        gap = text[a.end : b.start]
        if a.iri != b.iri and re.fullmatch(r"\s*(?:and|&|-|–|with|,)\s*", gap):
            for s in (a, b):
                if s.iri not in [r.iri for r in out]:
                    out.append(Role("party", s.iri, f"{a.words}{gap}{b.words}"))
    return out
