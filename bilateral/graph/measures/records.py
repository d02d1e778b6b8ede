"""Statements and actors as plain records: what the measures work on.

A scenario can drop or weaken records without touching the RDF graph, and every number
keeps the IRIs it came from. The triples are read in bulk by ``graph.source.read``;
kinds come from the one vocabulary (``bilateral.ontology.vocab``), so ``stats`` and the
measures agree.

>>> from bilateral.graph.source.load import load
>>> recs = statements(load())
>>> loan = next(r for r in recs if r.iri.endswith("/loan-2020-tranche-1"))
>>> loan.roles["creditor"], loan.start, loan.kind
(('https://w3id.org/bilateral/id/russia',), datetime.date(2020, 12, 1), 'Disbursement')
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from rdflib import RDFS, Graph
from rdflib.namespace import ORG, PROV

from bilateral.graph.source.read import RDFS_LABEL, props
from bilateral.graph.source.read import schema as read_schema
from bilateral.graph.source.read import types as read_types
from bilateral.ontology.vocab import BIL, Schema, local

__all__ = [
    "ACTOR_PROPS",
    "NEGATIVE_STATUSES",
    "ROLE_PROPERTIES",
    "Actor",
    "Record",
    "actors",
    "statements",
]

ROLE_PROPERTIES: dict[str, str] = {
    "agent": BIL + "agent",
    "target": BIL + "target",
    "party": BIL + "party",
    "creditor": BIL + "creditor",
    "debtor": BIL + "debtor",
    "lessor": BIL + "lessor",
    "lessee": BIL + "lessee",
    "dependent": BIL + "dependent",
    "provider": BIL + "provider",
    "beneficiary": BIL + "beneficiary",
    "controller": BIL + "controller",
    "controlled": BIL + "controlled",
    "alternative": BIL + "alternativeProvider",
    "member": str(ORG.member),
    "organization": str(ORG.organization),
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
    countries: tuple[str, ...] = ()


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
    substitutability: float | None = None
    existential: bool = False
    part_of: tuple[str, ...] = ()
    driven_by: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()
    classes: frozenset[str] = frozenset()
    weight_factor: float = 1.0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """The primary kind, e.g. ``Loan`` (see ``Schema.primary_kind``)."""
        return self.kinds[0] if self.kinds else "Statement"

    @property
    def negative(self) -> bool:
        """True when the statement says something did not happen."""
        return self.status in NEGATIVE_STATUSES

    def weakened(self, factor: float) -> Record:
        """A copy whose weight (and strength) is multiplied by ``factor``."""
        return replace(self, weight_factor=self.weight_factor * factor)


P = {name: BIL + name for name in (
    "about", "location", "object", "sector", "domain", "date", "startDate", "endDate",
    "status", "confidence", "strength", "substitutability", "existential", "quote",
    "hedge", "amount", "currency", "country", "partOf", "drivenBy",
)}  # fmt: skip
P_SOURCE, P_COMMENT = str(PROV.wasDerivedFrom), str(RDFS.comment)
_OTHERS = {P["about"], P["location"], P["object"], P["sector"]}
_CORE = [*ROLE_PROPERTIES.values(), *_OTHERS, P_SOURCE] + [
    P[k]
    for k in (
        "domain", "date", "startDate", "endDate", "status", "confidence", "strength",
        "substitutability", "existential", "partOf", "drivenBy",
    )
]  # fmt: skip
_DETAIL = [RDFS_LABEL, P_COMMENT, P["quote"], P["hedge"], P["amount"], P["currency"]]
_ROLE_OF = {prop: role for role, prop in ROLE_PROPERTIES.items()}


def _first(values: list[str] | None) -> str | None:
    return values[0] if values else None


def _sorted(values: Any) -> tuple[str, ...]:
    """A sorted tuple; most lists here hold one value, which needs no sorting."""
    return tuple(values) if len(values) < 2 else tuple(sorted(values))


def _date(values: list[str] | None) -> date | None:
    text = _first(values)
    try:
        return date.fromisoformat(text[:10]) if text is not None else None
    except ValueError:
        return None


def _float(values: list[str] | None) -> float | None:
    text = _first(values)
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


#: what ``actors`` reads (pass it as ``read`` when it was read already)
ACTOR_PROPS = [RDFS_LABEL, P["country"]]


def actors(
    g: Graph,
    *,
    schema: Schema | None = None,
    types: dict[str, set[str]] | None = None,
    read: dict[str, dict[str, list[str]]] | None = None,
) -> dict[str, Actor]:
    """Every actor and place by IRI, with label, primary class and country."""
    schema = schema or read_schema(g)
    roots = {BIL + "Actor", BIL + "Place"}
    read = read if read is not None else props(g, ACTOR_PROPS)
    out = {}
    for node, node_types in (types if types is not None else read_types(g)).items():
        if not any(roots & schema.up(t) for t in node_types):
            continue
        p = read.get(node, {})
        countries = _sorted(p.get(P["country"], ()))
        out[node] = Actor(
            iri=node,
            label=_first(p.get(RDFS_LABEL)) or local(node),
            cls=schema.primary_kind(node_types, "Actor"),
            country=countries[0] if len(countries) == 1 else None,
            classes=schema.bil_classes(node_types),
            countries=countries,
        )
    return out


def _detail(get: Any) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    for key, prop in (("hedge", P["hedge"]), ("comment", P_COMMENT)):
        value = _first(get(prop))
        if value is not None:
            extra[key] = value
    amount = _first(get(P["amount"]))
    if amount is not None:
        extra["amount"] = amount
        extra["currency"] = _first(get(P["currency"])) or ""
    return extra


def statements(
    g: Graph,
    *,
    detail: bool = True,
    schema: Schema | None = None,
    types: dict[str, set[str]] | None = None,
) -> list[Record]:
    """Every statement node as a ``Record``, sorted by IRI.

    ``detail=False`` leaves out labels, quotes, comments, hedges and amounts (what the
    measures do not need), which halves the reading on large stores.
    """
    schema = schema or read_schema(g)
    statement_classes = schema.subclasses(BIL + "Statement")
    nodes = {
        n: ts
        for n, ts in (types if types is not None else read_types(g)).items()
        if ts & statement_classes
    }
    read = props(g, _CORE + (_DETAIL if detail else []))
    kinds_of: dict[frozenset[str], tuple[tuple[str, ...], frozenset[str]]] = {}
    out = []
    empty: dict[str, list[str]] = {}
    for node in sorted(nodes):
        p = read.get(node, empty)
        get = p.get
        roles, other_vals = {}, []
        for key, vals in p.items():  # one pass over the predicates present
            role = _ROLE_OF.get(key)
            if role is not None:
                roles[role] = _sorted(vals)
            elif key in _OTHERS:
                other_vals.extend(vals)
        point = _date(get(P["date"]))
        start = _date(get(P["startDate"])) or point
        end = _date(get(P["endDate"]))
        if end is None and point is not None and P["startDate"] not in p:
            end = point
        type_set = frozenset(nodes[node])
        kc = kinds_of.get(type_set)
        if kc is None:
            kc = kinds_of[type_set] = (
                tuple(schema.most_specific(type_set)),
                schema.bil_classes(type_set),
            )
        conf = _float(get(P["confidence"]))
        domains = get(P["domain"])
        out.append(
            Record(
                iri=node,
                label=(_first(get(RDFS_LABEL)) if detail else None) or local(node),
                kinds=kc[0],
                roles=roles,
                others=_sorted(other_vals),
                domains=_sorted([local(d) for d in domains]) if domains else (),
                start=start,
                end=end,
                status=_first(get(P["status"])),
                confidence=conf if conf is not None else 1.0,
                strength=_float(get(P["strength"])),
                substitutability=_float(get(P["substitutability"])),
                existential=_first(get(P["existential"])) in ("true", "1"),
                part_of=_sorted(get(P["partOf"], ())),
                driven_by=_sorted(get(P["drivenBy"], ())),
                sources=_sorted(get(P_SOURCE, ())),
                quotes=tuple(sorted(get(P["quote"], ()))) if detail else (),
                classes=kc[1],
                extra=_detail(get) if detail else {},
            )
        )
    return out
