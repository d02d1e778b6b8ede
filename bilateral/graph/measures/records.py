"""Read statements and actors out of the RDF graph into plain records.

The measures work on these records, so a scenario can drop or weaken statements
without touching the RDF graph, and every number keeps the IRIs it came from.

>>> from bilateral.graph.source.load import load
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

from rdflib import RDF, RDFS, Graph, URIRef

from bilateral.ontology.namespace import BIL

__all__ = [
    "NEGATIVE_STATUSES",
    "read_all",
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


RDFS_SUBCLASS = str(RDFS.subClassOf)
RDF_TYPE = str(RDF.type)
RDFS_LABEL = str(RDFS.label)
RDFS_COMMENT = str(RDFS.comment)
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


#: predicates whose objects are IRIs (everything else read here is a literal)
_IRI_VALUED = frozenset(
    [
        RDF_TYPE,
        RDFS_SUBCLASS,
        str(BIL.country),
        str(BIL.domain),
        str(BIL.about),
        str(BIL.location),
        str(BIL.object),
        str(BIL.sector),
        str(PROV_DERIVED),
        *(str(v) for v in ROLE_PROPERTIES.values()),
    ]
)


def _props(g: Graph, predicates: list[str]) -> dict[str, dict[str, list[str]]]:
    """``{subject: {predicate: [object, ...]}}`` for the given predicates, as strings.

    IRIs and literals both come as their text; which one a value is follows from its
    predicate (SHACL checks that data use each predicate with the right kind). On a
    graph opened from the persistent store, one SPARQL SELECT is serialised by Oxigraph
    as CSV and parsed by the csv module: building a Python object per term in pyoxigraph
    costs ~6 µs, and this is what makes projecting a million triples feasible.
    """
    props: dict[str, dict[str, list[str]]] = {}
    native = getattr(g.store, "_inner", None) if getattr(g, "bilateral_store", None) else None
    rows: Any
    if native is not None:
        import csv
        import io

        import pyoxigraph as ox

        values = " ".join(f"<{p}>" for p in predicates)
        query = f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}"
        data = native.query(query, use_default_graph_as_union=True).serialize(
            format=ox.QueryResultsFormat.CSV
        )
        rows = csv.reader(io.StringIO(data.decode("utf-8")))
        next(rows, None)  # header
    else:
        rows = ((str(s), p, str(o)) for p in predicates for s, o in g.subject_objects(URIRef(p)))
    get = props.get
    for s, p, o in rows:  # the hot loop: inlined on purpose
        d = get(s)
        if d is None:
            props[s] = {p: [o]}
            continue
        lst = d.get(p)
        if lst is None:
            d[p] = [o]
        else:
            lst.append(o)
    return props


def _types(g: Graph) -> dict[str, set[str]]:
    return {s: set(d[RDF_TYPE]) for s, d in _props(g, [RDF_TYPE]).items()}


def _first_text(values: list[str] | None) -> str | None:
    return values[0] if values else None


class _Schema:
    """The class hierarchy: ancestors of every class (bil: local names)."""

    def __init__(self, g: Graph):
        parents: dict[str, set[str]] = defaultdict(set)
        for s, d in _props(g, [RDFS_SUBCLASS]).items():
            parents[s].update(d[RDFS_SUBCLASS])
        self.ancestors: dict[str, frozenset[str]] = {}
        for cls in list(parents):
            self._closure(cls, parents)
        self._parents = parents

    def _closure(self, cls: str, parents: dict[str, set[str]]) -> frozenset[str]:
        if cls in self.ancestors:
            return self.ancestors[cls]
        self.ancestors[cls] = frozenset()  # cycle guard
        out = {cls}
        for p in parents.get(cls, ()):
            out |= self._closure(p, parents)
        self.ancestors[cls] = frozenset(out)
        return self.ancestors[cls]

    def up(self, cls: str) -> frozenset[str]:
        return self.ancestors.get(cls) or frozenset({cls})

    def bil_classes(self, types: set[str]) -> frozenset[str]:
        """Local names of every bil: class the types are or specialise."""
        out: set[str] = set()
        for t in types:
            out |= {_local(a) for a in self.up(t) if a.startswith(_BIL)}
        return frozenset(out)

    def most_specific(self, types: set[str]) -> list[str]:
        """The bil: types that no other of the types specialises, as local names."""
        bil = {t for t in types if t.startswith(_BIL)}
        keep = [t for t in bil if not any(o != t and t in self.up(o) for o in bil)]
        return sorted(_local(t) for t in keep)


def _sorted(values: Any) -> tuple[str, ...]:
    """A sorted tuple; most lists here hold one value, which needs no sorting."""
    if len(values) < 2:
        return tuple(values)
    return tuple(sorted(values))


def _date(values: list[str] | None) -> date | None:
    text = _first_text(values)
    if text is None:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _float(values: list[str] | None) -> float | None:
    text = _first_text(values)
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def actors(
    g: Graph, *, schema: _Schema | None = None, types: dict[str, set[str]] | None = None
) -> dict[str, Actor]:
    """Every actor and place by IRI, with label, most specific class and country."""
    schema = schema or _Schema(g)
    roots = {str(BIL.Actor), str(BIL.Place)}
    props = _props(g, [RDFS_LABEL, str(BIL.country)])
    out = {}
    for node, node_types in (types if types is not None else _types(g)).items():
        if not any(roots & schema.up(t) for t in node_types):
            continue
        specific = schema.most_specific(node_types)
        p = props.get(node, {})
        out[node] = Actor(
            iri=node,
            label=_first_text(p.get(RDFS_LABEL)) or _local(node),
            cls=specific[0] if specific else "Actor",
            country=_first_text(p.get(str(BIL.country))),
            classes=schema.bil_classes(node_types),
        )
    return out


P_ABOUT, P_LOCATION, P_OBJECT, P_SECTOR = (
    str(BIL.about),
    str(BIL.location),
    str(BIL.object),
    str(BIL.sector),
)
P_DOMAIN, P_DATE, P_START, P_END = (
    str(BIL.domain),
    str(BIL.date),
    str(BIL.startDate),
    str(BIL.endDate),
)
P_STATUS, P_CONFIDENCE, P_STRENGTH = str(BIL.status), str(BIL.confidence), str(BIL.strength)
P_QUOTE, P_HEDGE, P_AMOUNT, P_CURRENCY = (
    str(BIL.quote),
    str(BIL.hedge),
    str(BIL.amount),
    str(BIL.currency),
)
P_SOURCE = str(PROV_DERIVED)
_CORE_PROPS = [
    *(str(v) for v in ROLE_PROPERTIES.values()),
    P_ABOUT,
    P_LOCATION,
    P_OBJECT,
    P_SECTOR,
    P_DOMAIN,
    P_DATE,
    P_START,
    P_END,
    P_STATUS,
    P_CONFIDENCE,
    P_STRENGTH,
    P_SOURCE,
]
_DETAIL_PROPS = [RDFS_LABEL, RDFS_COMMENT, P_QUOTE, P_HEDGE, P_AMOUNT, P_CURRENCY]


def statements(
    g: Graph,
    *,
    detail: bool = True,
    schema: _Schema | None = None,
    types: dict[str, set[str]] | None = None,
) -> list[Record]:
    """Every statement node as a ``Record``, sorted by IRI.

    ``detail=False`` leaves out labels, quotes, comments, hedges and amounts (what the
    measures do not need), which halves the reading on large stores.
    """
    schema = schema or _Schema(g)
    root = str(BIL.Statement)
    is_statement: dict[str, bool] = {}
    nodes = {}
    for n, ts in (types if types is not None else _types(g)).items():
        for t_ in ts:
            hit = is_statement.get(t_)
            if hit is None:
                hit = is_statement[t_] = root in schema.up(t_)
            if hit:
                nodes[n] = ts
                break
    props = _props(g, _CORE_PROPS + (_DETAIL_PROPS if detail else []))
    role_of = {str(prop): role for role, prop in ROLE_PROPERTIES.items()}
    other_set = {P_ABOUT, P_LOCATION, P_OBJECT, P_SECTOR}
    kinds_of: dict[frozenset[str], tuple[tuple[str, ...], frozenset[str]]] = {}
    out = []
    empty: dict[str, list[str]] = {}
    for node in sorted(nodes):
        p = props.get(node, empty)
        get = p.get
        roles = {}
        other_vals: list[str] = []
        for key, vals in p.items():  # one pass over the predicates present
            role = role_of.get(key)
            if role is not None:
                roles[role] = _sorted(vals)
            elif key in other_set:
                other_vals.extend(vals)
        others = _sorted(other_vals)
        point = _date(get(P_DATE))
        start = _date(get(P_START)) or point
        end = _date(get(P_END))
        if end is None and point is not None and P_START not in p:
            end = point
        conf = _float(get(P_CONFIDENCE))
        extra: dict[str, Any] = {}
        if detail:
            hedge = _first_text(get(P_HEDGE))
            if hedge is not None:
                extra["hedge"] = hedge
            comment = _first_text(get(RDFS_COMMENT))
            if comment is not None:
                extra["comment"] = comment
            amount = _first_text(get(P_AMOUNT))
            if amount is not None:
                extra["amount"] = amount
                extra["currency"] = _first_text(get(P_CURRENCY)) or ""
        type_set = frozenset(nodes[node])
        kc = kinds_of.get(type_set)
        if kc is None:
            kc = kinds_of[type_set] = (
                tuple(schema.most_specific(nodes[node])),
                schema.bil_classes(nodes[node]),
            )
        domains = get(P_DOMAIN)
        out.append(
            Record(
                iri=node,
                label=(_first_text(get(RDFS_LABEL)) if detail else None) or _local(node),
                kinds=kc[0],
                roles=roles,
                others=others,
                domains=_sorted([_local(d) for d in domains]) if domains else (),
                start=start,
                end=end,
                status=_first_text(get(P_STATUS)),
                confidence=conf if conf is not None else 1.0,
                strength=_float(get(P_STRENGTH)),
                sources=_sorted(get(P_SOURCE, ())),
                quotes=tuple(sorted(get(P_QUOTE, ()))) if detail else (),
                classes=kc[1],
                extra=extra,
            )
        )
    return out


def read_all(g: Graph, *, detail: bool = True) -> tuple[list[Record], dict[str, Actor]]:
    """Statements and actors, reading the class hierarchy and the types only once."""
    schema = _Schema(g)
    types = _types(g)
    return (
        statements(g, detail=detail, schema=schema, types=types),
        actors(g, schema=schema, types=types),
    )
