"""Read statements and actors out of the RDF graph into plain records.

The measures work on these records, so a scenario can drop or weaken statements
without touching the RDF graph, and every number keeps the IRIs it came from.

>>> from bilateral.graph.load import load
>>> recs = statements(load())
>>> loan = next(r for r in recs if r.iri.endswith("/loan-2020-tranche-1"))
>>> loan.roles["creditor"], loan.start
(('https://w3id.org/bilateral/id/russia',), datetime.date(2020, 12, 1))
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from bilateral.graph.stats import most_specific_types
from bilateral.ontology.namespace import BIL

__all__ = [
    "NEGATIVE_STATUSES",
    "ROLE_PROPERTIES",
    "Actor",
    "Record",
    "actors",
    "statements",
]

_BIL = str(BIL._NS)
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
ORG_MEMBER = URIRef("http://www.w3.org/ns/org#member")
ORG_ORGANIZATION = URIRef("http://www.w3.org/ns/org#organization")

ROLE_PROPERTIES: dict[str, URIRef] = {
    "agent": BIL.agent,
    "target": BIL.target,
    "party": BIL.party,
    "creditor": BIL.creditor,
    "debtor": BIL.debtor,
    "lessor": BIL.lessor,
    "lessee": BIL.lessee,
    "dependent": BIL.dependent,
    "provider": BIL.provider,
    "member": ORG_MEMBER,
    "organization": ORG_ORGANIZATION,
}
#: Statuses that say something did not happen; such statements are not ties.
NEGATIVE_STATUSES = frozenset(
    {"not-done", "denied", "abandoned", "not-planned", "not-allowed", "improbable"}
)


@dataclass(frozen=True)
class Actor:
    """An actor (or place) with what the measures need to show and roll it up."""

    iri: str
    label: str
    cls: str
    country: str | None = None
    classes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Record:
    """One statement: its kind(s), participants by role, time, weights and provenance."""

    iri: str
    label: str
    kinds: tuple[str, ...]
    roles: dict[str, tuple[str, ...]]
    others: tuple[str, ...] = ()  # about / location / object / sector targets
    domains: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    status: str | None = None
    confidence: float = 1.0
    strength: float | None = None
    sources: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()
    classes: frozenset[str] = frozenset()
    weight_factor: float = 1.0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """The most specific kind, e.g. ``Loan``."""
        return self.kinds[0] if self.kinds else "Statement"

    @property
    def negative(self) -> bool:
        """True when the statement says something did not happen."""
        return self.status in NEGATIVE_STATUSES

    def weakened(self, factor: float) -> Record:
        """A copy whose weight (and strength) is multiplied by ``factor``."""
        return replace(self, weight_factor=self.weight_factor * factor)


def _local(iri: object) -> str:
    text = str(iri)
    return text[len(_BIL) :] if text.startswith(_BIL) else text.rsplit("/", 1)[-1]


def _subclasses(g: Graph, root: URIRef) -> set[URIRef]:
    out = {root}
    frontier = [root]
    while frontier:
        cls = frontier.pop()
        for sub in g.subjects(RDFS.subClassOf, cls):
            if isinstance(sub, URIRef) and sub not in out:
                out.add(sub)
                frontier.append(sub)
    return out


def _ancestors(g: Graph, node: URIRef) -> frozenset[str]:
    out: set[str] = set()
    frontier = [t for t in g.objects(node, RDF.type) if isinstance(t, URIRef)]
    while frontier:
        cls = frontier.pop()
        if str(cls).startswith(_BIL) and _local(cls) not in out:
            out.add(_local(cls))
            frontier.extend(o for o in g.objects(cls, RDFS.subClassOf) if isinstance(o, URIRef))
    return frozenset(out)


def _as_date(value: object) -> date | None:
    if isinstance(value, Literal):
        py = value.toPython()
        if isinstance(py, date):
            return py
    return None


def actors(g: Graph) -> dict[str, Actor]:
    """Every actor and place by IRI, with label, most specific class and country."""
    out = {}
    roots = (BIL.Actor, BIL.Place)
    classes = set().union(*(_subclasses(g, r) for r in roots))
    nodes = {s for cls in classes for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef)}
    for node in nodes:
        types = most_specific_types(g, node)
        country = g.value(node, BIL.country)
        out[str(node)] = Actor(
            iri=str(node),
            label=str(g.value(node, RDFS.label) or _local(node)),
            cls=_local(types[0]) if types else "Actor",
            country=str(country) if country is not None else None,
            classes=_ancestors(g, node),
        )
    return out


def statements(g: Graph) -> list[Record]:
    """Every statement node as a ``Record``, sorted by IRI."""
    classes = _subclasses(g, BIL.Statement)
    nodes = sorted(
        {s for cls in classes for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef)}
    )
    out = []
    for node in nodes:
        roles: dict[str, list[str]] = defaultdict(list)
        for role, prop in ROLE_PROPERTIES.items():
            for o in g.objects(node, prop):
                if isinstance(o, URIRef):
                    roles[role].append(str(o))
        others = sorted(
            str(o)
            for p in (BIL.about, BIL.location, BIL.object, BIL.sector)
            for o in g.objects(node, p)
            if isinstance(o, URIRef)
        )
        point = _as_date(g.value(node, BIL.date))
        start = _as_date(g.value(node, BIL.startDate)) or point
        end = _as_date(g.value(node, BIL.endDate))
        if end is None and point is not None and g.value(node, BIL.startDate) is None:
            end = point
        conf = g.value(node, BIL.confidence)
        strength = g.value(node, BIL.strength)
        status = g.value(node, BIL.status)
        kinds = tuple(_local(t) for t in most_specific_types(g, node))
        amount = g.value(node, BIL.amount)
        extra: dict[str, Any] = {}
        hedge = g.value(node, BIL.hedge)
        if hedge is not None:
            extra["hedge"] = str(hedge)
        comment = g.value(node, RDFS.comment)
        if comment is not None:
            extra["comment"] = str(comment)
        if amount is not None:
            extra["amount"] = str(amount)
            extra["currency"] = str(g.value(node, BIL.currency) or "")
        out.append(
            Record(
                iri=str(node),
                label=str(g.value(node, RDFS.label) or _local(node)),
                kinds=kinds,
                roles={k: tuple(sorted(v)) for k, v in roles.items()},
                others=tuple(others),
                domains=tuple(sorted(_local(d) for d in g.objects(node, BIL.domain))),
                start=start,
                end=end,
                status=str(status) if status is not None else None,
                confidence=float(str(conf)) if conf is not None else 1.0,
                strength=float(str(strength)) if strength is not None else None,
                sources=tuple(sorted(str(s) for s in g.objects(node, PROV_DERIVED))),
                quotes=tuple(sorted(str(q) for q in g.objects(node, BIL.quote))),
                classes=_ancestors(g, node),
                extra=extra,
            )
        )
    return out
