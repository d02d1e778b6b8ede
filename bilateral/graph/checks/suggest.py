"""Suggestions for one sentence: its kind, roles, hedge, strength and domain, each with
the words that triggered it (``why``). Rules only: no model, no network.

The hedge confidences and the strength scale are those of docs/curation.md (a test
reads both tables there and compares).

>>> s = suggest("Reportedly, Minsk depends heavily on Moscow for gas.", [])
>>> s.kind.value, s.kind.why, s.hedge.value, s.confidence, s.strength.value, s.domain.value
('Dependency', 'depends', 'reportedly', 0.5, 0.75, 'energy')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bilateral.graph.checks.suggest_actors import ActorSpan
from bilateral.graph.checks.suggest_roles import Role, roles

__all__ = [
    "HEDGES",
    "REQUIRED",
    "STRENGTHS",
    "SUBSTITUTABILITY",
    "Pick",
    "Role",
    "Suggestion",
    "confidence_of",
    "suggest",
]


@dataclass(frozen=True)
class Pick:
    """One suggested value and the words that triggered it."""

    value: str | float
    why: str


@dataclass
class Suggestion:
    """What the rules suggest for a sentence; ``None`` where they suggest nothing."""

    kind: Pick
    roles: list[Role] = field(default_factory=list)
    hedge: Pick | None = None
    strength: Pick | None = None
    domain: Pick | None = None
    substitutability: Pick | None = None
    amount: tuple[float, str, str] | None = None  # value, ISO 4217 currency, why

    @property
    def confidence(self) -> float | None:
        """The confidence the curation guide gives the hedge, if there is one."""
        return confidence_of(str(self.hedge.value)) if self.hedge else None

    def missing(self) -> list[str]:
        """The fields the suggested kind requires that the rules could not fill."""
        have = {r.role for r in self.roles}
        if self.strength is not None:
            have.add("strength")
        if self.domain is not None:
            have.add("domain")
        if self.substitutability is not None:
            have.add("substitutability")
        return [f for f in REQUIRED.get(str(self.kind.value), ()) if f not in have]


#: confidence per hedge word (docs/curation.md, "Hedged claim"); "may" on an actor's
#: decision is 0.5 (see ``_hedge``)
HEDGES: dict[str, float] = {
    "reportedly": 0.5, "allegedly": 0.5, "conceivably": 0.5, "potentially": 0.4,
    "widely believed": 0.6, "seems": 0.6, "seem": 0.6, "appears": 0.6, "appear": 0.6,
    "apparently": 0.7, "arguably": 0.7, "may": 0.7, "might": 0.7, "perhaps": 0.7,
    "the higher the chances are": 0.7, "likely": 0.8, "probably": 0.8,
}  # fmt: skip
_MAY_ON_ACTOR = 0.5

#: the ordinal strength scale (docs/curation.md, "Dependency strengths") and its adverbs
STRENGTHS: dict[str, float] = {"weak": 0.25, "moderate": 0.5, "strong": 0.75, "critical": 1.0}
_ADVERBS: dict[str, str] = {
    "critically": "critical", "existentially": "critical", "completely": "critical",
    "entirely": "critical", "totally": "critical", "fully": "critical", "vitally": "critical",
    "heavily": "strong", "strongly": "strong", "largely": "strong", "highly": "strong",
    "deeply": "strong", "almost all": "strong", "mostly": "strong", "significantly": "strong",
    "increasingly": "strong", "structural": "strong", "moderately": "moderate",
    "partly": "moderate", "partially": "moderate", "somewhat": "moderate",
    "modestly": "weak", "slightly": "weak", "marginally": "weak", "a small part": "weak",
    "limited": "weak", "little": "weak",
}  # fmt: skip

#: what the shapes require of a kind, besides quote, source and label
REQUIRED: dict[str, tuple[str, ...]] = {
    "Dependency": ("dependent", "provider", "domain", "strength"),
    "Alternatives": ("dependent", "provider", "domain", "substitutability"),
    "Loan": ("creditor", "debtor"),
    "CreditLine": ("creditor", "debtor"),
    "Support": ("agent", "target"),
    "Pressure": ("agent", "target"),
    "Control": ("controller", "controlled", "reasoning"),  # reasoning: the curator's
}

_W = r"[\w’'-]*"  # the rest of a word: "depend" matches "depends", "dependence"
#: (kind, trigger), the first that matches wins: the most specific words first
_KINDS: list[tuple[str, str]] = [
    ("Scenario", r"\b(?:if|the longer|any change)\b[^.;]*\bwould\b"
     r"|\bthe longer\b[^.;]*\bthe (?:higher|more)"),
    ("Alternatives", rf"\b(?:alternative{_W}|no other (?:supplier|partner|source)|divers\w*|"
     rf"substitut{_W}|no appetite|replace{_W})"),
    ("Dependency", rf"\b(?:depend{_W}|relian{_W}|relies on|rely on|buys? (?:\w+ )*?\w+ from)"),
    ("CreditLine", r"\bcredit lines?\b"),
    ("Disbursement", r"\b(?:disburs\w*|tranches?)\b"),
    ("Loan", rf"\b(?:loan{_W}|lent|lend{_W}|credits?\b|refinanc{_W})"),
    ("Pledge", rf"\b(?:pledg{_W}|promis{_W}|vow{_W})"),
    ("Lease", rf"\b(?:leas{_W})"),
    ("MilitaryExercise", r"\b(?:exercises?|drills?|manoeuvres|maneuvers)\b"),
    ("IntegrationProgram",
     r"\b(?:integration (?:programs?|roadmaps?)|Union programs?|roadmaps?)\b"),
    ("IntergovernmentalAgreement", r"\bintergovernmental agreements?\b"),
    ("Treaty", r"\btreat(?:y|ies)\b"),
    ("PriceArrangement", r"\bprices\b"),
    ("Agreement", r"\b(?:signed|concluded|agreements?|accords?|road ?maps?|deals?)\b"),
    ("Visit", r"\b(?:visit(?:s|ed|ing)?\b|trip to|travell?ed to|met (?:with|in))"),
    ("Sentencing", rf"\b(?:sentenc{_W}|convicted)"),
    ("Arrest", rf"\b(?:arrest{_W}|detain{_W}|detention)"),
    ("Election", rf"\b(?:election{_W}|electoral|vote|referendum)"),
    ("Protest", rf"\b(?:protest{_W}|demonstrat(?:ion|ors))"),
    ("Appointment", rf"\b(?:appoint{_W}|named (?:as )?(?:the )?new)"),
    ("Pressure", rf"\b(?:sanction{_W}|pressur{_W}|press(?:ed|es|ing)\b|coerc{_W}|"
     rf"threat{_W}|insist{_W}|demand{_W}|embargo{_W}|ban(?:s|ned)?\b|"
     rf"cut (?:off|down)|blackmail{_W}|punish{_W}|restrict{_W})"),
    ("Support", rf"\b(?:support{_W}|assist{_W}|help{_W}|back(?:ed|ing)\b|endorse{_W}|aid\b|"
     rf"subsid{_W}|bail{_W}|boost{_W}|sustain{_W}|provid(?:e|es|ed|ing)\b|offer{_W})"),
    ("Speech", rf"\b(?:speech{_W}|address(?:ed)?\b|said|told|declared|accused|announced|"
     r"stated|noted)"),
    ("Crisis", rf"\b(?:crisis|crises|quarrel{_W}|dispute{_W}|conflict{_W})"),
    ("Control", r"\bcontrol\b"),
    ("Action", r"\b(?:(?:has|have|had|did|does|do) not|neither|nor|not even|no plans|never|"
     r"refrain\w*|restrain\w*)\b"),
    ("Cooperation", rf"\b(?:cooperat{_W}|co-operat{_W}|coordinat{_W}|integrat{_W})"),
]  # fmt: skip
_KIND_RX = [(kind, re.compile(rx, re.I)) for kind, rx in _KINDS]

_DOMAINS: list[tuple[str, str]] = [
    ("energy", r"\b(?:gas|oil|energy|pipelines?|electricity|nuclear|power grid|petro\w*|"
     r"refiner\w*)\b"),
    ("finance", r"\b(?:loans?|credits?|debts?|banks?|banking|financ\w*|tranches?|budget|"
     r"refinanc\w*|lent|lend\w*|ruble|currency)\b"),
    ("military", r"\b(?:military|army|troops|air defen[cs]e|weapons?|arms|bases?|exercises?|"
     r"drills?)\b"),
    ("security", r"\b(?:security|police|intelligence|KGB|FSB|border guards?|riot)\b"),
    ("trade", r"\b(?:trade|exports?|imports?|markets?|tariffs?|customs|goods|potash|dairy)\b"),
    ("information", r"\b(?:media|propaganda|TV|television|journalists?|information)\b"),
    ("diplomatic", r"\b(?:diplomatic\w*|recogni[sz]\w*|international arena|embass\w*|UN)\b"),
    ("religious", r"\b(?:church|orthodox|religious|patriarch\w*)\b"),
    ("political", r"\b(?:political|politically|election\w*|regime|power|legitima\w*|sovereign\w*|"
     r"opposition|protest\w*)\b"),
    ("economic", r"\b(?:econom\w*|subsid\w*|industr\w*|enterprises?|investments?)\b"),
]  # fmt: skip
_DOMAIN_RX = [(d, re.compile(rx, re.I)) for d, rx in _DOMAINS]

_HEDGE_RX = re.compile(
    r"\b(" + "|".join(sorted((re.escape(h) for h in HEDGES), key=len, reverse=True)) + r")\b",
    re.I,
)


def _hedge(text: str, actors: list[ActorSpan]) -> Pick | None:
    """The first hedge word; "may" right after an actor is that actor's decision."""
    m = _HEDGE_RX.search(text)
    if m is None:
        return None
    word = m.group(1).lower()
    if word == "may" and any(0 <= m.start() - a.end <= 1 for a in actors):
        return Pick("may (an actor's decision)", m.group(0))
    return Pick(word, m.group(0))


def _strength(text: str) -> Pick | None:
    for adverb, word in sorted(_ADVERBS.items(), key=lambda kv: -len(kv[0])):
        m = re.search(rf"\b{re.escape(adverb)}\b", text, re.I)
        if m:
            return Pick(STRENGTHS[word], m.group(0))
    return None


def _first(rules: list[tuple[str, re.Pattern[str]]], text: str) -> tuple[str, re.Match[str]] | None:
    for name, rx in rules:
        m = rx.search(text)
        if m:
            return name, m
    return None


def suggest(
    text: str, actors: list[ActorSpan], can_act: Callable[[str], bool] = lambda _: True
) -> Suggestion:
    """The suggestions for ``text``, whose entity mentions are ``actors``; only those
    ``can_act`` accepts (actors, not places) take roles."""
    found = _first(_KIND_RX, text)
    if found is None:
        kind = Pick("Assessment", "no event, agreement or relation word: the author's claim")
        at = 0
    else:
        kind, at = Pick(found[0], found[1].group(0)), found[1].start()
    domain = _first(_DOMAIN_RX, text)
    out = Suggestion(
        kind,
        roles(str(kind.value), text, at, [a for a in actors if can_act(a.iri)]),
        _hedge(text, actors),
        _strength(text) if kind.value in ("Dependency", "Alternatives") else None,
        Pick(domain[0], domain[1].group(0)) if domain else None,
    )
    if kind.value == "Alternatives":
        out.strength, out.substitutability = None, _substitutability(text)
    out.amount = amount_in(text)
    return out


_CURRENCIES = {"$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "€": "EUR",
               "eur": "EUR", "euro": "EUR", "euros": "EUR", "ruble": "RUB", "rubles": "RUB",
               "rouble": "RUB", "roubles": "RUB", "rub": "RUB"}  # fmt: skip
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_AMOUNT = re.compile(
    r"(?P<pre>\$|€|\b(?:USD|EUR|RUB)\s?)?(?P<n>\d+(?:[.,]\d+)?)\s*(?P<scale>thousand|million|"
    r"billion|trillion)\b(?:\s+(?P<post>dollars?|euros?|rubles?|roubles?|USD|EUR|RUB)\b)?",
    re.I,
)


def amount_in(text: str) -> tuple[float, str, str] | None:
    """The first sum of money with its currency ("$500 million", "200 million euros").

    >>> amount_in("Kestria lent Valdoria 200 million euros"), amount_in("two $1.5 billion loans")
    ((200000000.0, 'EUR', '200 million euros'), (1500000000.0, 'USD', '$1.5 billion'))
    """
    for m in _AMOUNT.finditer(text):
        unit = (m.group("pre") or m.group("post") or "").strip().lower()
        if unit in _CURRENCIES:
            value = float(m.group("n").replace(",", ".")) * _SCALE[m.group("scale").lower()]
            return value, _CURRENCIES[unit], m.group(0).strip()
    return None


#: the substitutability scale (docs/curation.md, "Alternatives and substitutability")
SUBSTITUTABILITY: dict[str, float] = {
    "none": 0.0, "limited": 0.25, "partial": 0.5, "ample": 0.75, "full": 1.0,
}  # fmt: skip
_SUBSTITUTES: list[tuple[str, str]] = [
    ("none", r"\b(?:no other|no appetite|no alternative|ruled out|rules out|none|neither|"
     r"cannot)\b"),
    ("limited", r"\b(?:limited|improbable|not (?:a )?probable|inferior|shrinking|"
     r"best available)\b"),
    ("partial", r"\b(?:partly|partially|part of)\b"),
]  # fmt: skip


def _substitutability(text: str) -> Pick | None:
    for word, rx in _SUBSTITUTES:
        m = re.search(rx, text, re.I)
        if m:
            return Pick(SUBSTITUTABILITY[word], m.group(0))
    return None


def confidence_of(hedge: str) -> float:
    """The confidence of a hedge as ``Suggestion.hedge`` writes it.

    >>> confidence_of("may (an actor's decision)"), confidence_of("likely")
    (0.5, 0.8)
    """
    return _MAY_ON_ACTOR if hedge.startswith("may (") else HEDGES[hedge]
