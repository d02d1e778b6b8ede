"""Statements and actors as plain records, read from the graph: what the measures work on.

A scenario can drop or weaken records without touching the RDF graph, and every number
keeps the IRIs it came from. The record types are in ``recordtypes.py`` (and importable
from here). The triples are read in bulk by ``graph.source.read``;
kinds come from the one vocabulary (``bilateral.ontology.vocab``), so ``stats`` and the
measures agree.

>>> from bilateral.graph.source.load import load
>>> recs = statements(load())
>>> loan = next(r for r in recs if r.iri.endswith("/loan-2020-tranche-1"))
>>> loan.roles["creditor"], loan.start, loan.kind
(('https://w3id.org/bilateral/id/russia',), datetime.date(2020, 12, 1), 'Disbursement')
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date

from rdflib import RDFS, Graph
from rdflib.namespace import ORG, PROV

from bilateral.graph.measures.recordtypes import NEGATIVE_STATUSES, Actor, Record
from bilateral.graph.source.read import RDFS_LABEL, Column, read_columns
from bilateral.graph.source.read import schema as read_schema
from bilateral.graph.source.read import types as read_types
from bilateral.ontology.vocab import BIL, Schema, local

__all__ = [
    "ACTOR_PROPS",
    "Column",
    "NEGATIVE_STATUSES",
    "ROLE_PROPERTIES",
    "Actor",
    "Record",
    "actors",
    "read_columns",
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
P = {name: BIL + name for name in (
    "about", "location", "object", "sector", "domain", "date", "startDate", "endDate",
    "status", "confidence", "strength", "substitutability", "existential", "quote",
    "hedge", "amount", "currency", "country", "partOf", "drivenBy", "heldBy",
)}  # fmt: skip
P_SOURCE, P_COMMENT = str(PROV.wasDerivedFrom), str(RDFS.comment)
_OTHERS = {P["about"], P["location"], P["object"], P["sector"]}
_CORE = [*ROLE_PROPERTIES.values(), *_OTHERS, P_SOURCE] + [
    P[k]
    for k in (
        "domain", "date", "startDate", "endDate", "status", "confidence", "strength",
        "substitutability", "existential", "partOf", "drivenBy", "heldBy",
    )
]  # fmt: skip
_DETAIL = [RDFS_LABEL, P_COMMENT, P["quote"], P["hedge"], P["amount"], P["currency"]]
_ROLE_OF = {prop: role for role, prop in ROLE_PROPERTIES.items()}
#: how a field of several values becomes a tuple (``statements``)
Sorter = Callable[[Sequence[str]], tuple[str, ...]]


def _first(values: list[str] | None) -> str | None:
    return values[0] if values else None


def _sorted(values: Collection[str]) -> tuple[str, ...]:
    """A sorted tuple; most lists here hold one value, which needs no sorting."""
    return tuple(values) if len(values) < 2 else tuple(sorted(values))


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text is not None else None
    except ValueError:
        return None


def _float(text: str | None) -> float | None:
    """A number of the data (None: not given); text that is not one reads as NaN, which
    the snapshot refuses with the statement's name (a "likely" confidence is no 1.0)."""
    try:
        return float(text) if text is not None else None
    except ValueError:
        return math.nan


#: what ``actors`` reads (pass it as ``cols`` when it was read already)
ACTOR_PROPS = [RDFS_LABEL, P["country"], str(ORG.headOf)]


def actors(
    g: Graph,
    *,
    schema: Schema | None = None,
    types: dict[str, set[str]] | None = None,
    cols: dict[str, Column] | None = None,
) -> dict[str, Actor]:
    """Every actor and place by IRI, with label, primary class, country and the
    organisations it heads."""
    schema = schema or read_schema(g)
    roots = {BIL + "Actor", BIL + "Place"}
    cols = cols if cols is not None else read_columns(g, ACTOR_PROPS)
    labels, country, heads = cols[RDFS_LABEL].first, cols[P["country"]], cols[str(ORG.headOf)]
    out = {}
    for node, node_types in (types if types is not None else read_types(g)).items():
        if not any(roots & schema.up(t) for t in node_types):
            continue
        countries = _sorted(country.all(node))
        out[node] = Actor(
            iri=node,
            label=labels.get(node) or local(node),
            cls=schema.primary_kind(node_types, "Actor"),
            country=countries[0] if len(countries) == 1 else None,
            classes=schema.bil_classes(node_types),
            countries=countries,
            heads=_sorted(heads.all(node)),
        )
    return out


def _detail(node: str, first: dict[str, dict[str, str]]) -> dict[str, str]:
    extra: dict[str, str] = {}
    for key, prop in (("hedge", P["hedge"]), ("comment", P_COMMENT)):
        value = first[prop].get(node)
        if value is not None:
            extra[key] = value
    amount = first[P["amount"]].get(node)
    if amount is not None:
        extra["amount"] = amount
        extra["currency"] = first[P["currency"]].get(node) or ""
    return extra


def _roles(cols: dict[str, Column]) -> dict[str, dict[str, tuple[str, ...]]]:
    """``{statement: {role: participants}}``, roles in ``ROLE_PROPERTIES`` order."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for role, prop in ROLE_PROPERTIES.items():
        for node, vals in cols[prop].items():
            d = out.get(node)
            if d is None:
                out[node] = {role: _sorted(vals)}
            else:
                d[role] = _sorted(vals)
    return out


def statements(
    g: Graph,
    *,
    detail: bool = True,
    schema: Schema | None = None,
    types: dict[str, set[str]] | None = None,
    periods: Mapping[str, tuple[date, date]] | None = None,
) -> list[Record]:
    """Every statement node as a ``Record``, sorted by IRI.

    ``periods`` gives the period each dated source was issued in (``clock.periods``):
    a record's ``issued`` spans those of its sources, and its valid time follows.

    ``detail=False`` leaves out labels, quotes, comments, hedges and amounts (what the
    measures do not need), which halves the reading on large stores. The triples are
    read one predicate at a time (``Column``): most fields are one dictionary lookup.
    """
    schema = schema or read_schema(g)
    statement_classes = schema.subclasses(BIL + "Statement")
    nodes = {
        n: ts
        for n, ts in (types if types is not None else read_types(g)).items()
        if ts & statement_classes
    }
    cols = read_columns(g, _CORE + (_DETAIL if detail else []))
    _single(cols, ("confidence", "strength", "substitutability"))
    first = {p: c.first for p, c in cols.items()}
    order = sorted(nodes)
    # one list per field, built by comprehensions over the nodes (empty columns cost
    # nothing), then zipped: far fewer bytecodes per record than one lookup at a time
    roles_of = _roles(cols)
    others: dict[str, list[str]] = {}
    for p in sorted(_OTHERS):
        for node, vals in cols[p].items():
            others.setdefault(node, []).extend(vals)
    short = {d: local(d) for d in set(cols[P["domain"]].first.values())}  # a few domains

    def values(prop: str) -> list[str | None]:
        found = first.get(prop)
        return [found.get(n) for n in order] if found else [None] * len(order)

    def tuples(col: Column | None, sort: Sorter = _sorted) -> list[tuple[str, ...]]:
        if col is None or not col.first:
            return [()] * len(order)
        if col.groups is None:
            one = col.first
            return [(v,) if (v := one.get(n)) is not None else () for n in order]
        many = col.groups
        return [sort(many.get(n, ())) for n in order]

    domains = [
        _sorted([short.get(d) or local(d) for d in ds]) if ds else ()
        for ds in tuples(cols[P["domain"]], sort=tuple)
    ]
    fields = zip(
        order,
        values(P["date"]),
        values(P["startDate"]),
        values(P["endDate"]),
        values(P["heldBy"]),
        values(P["status"]),
        values(P["confidence"]),
        values(P["strength"]),
        values(P["substitutability"]),
        values(P["existential"]),
        domains,
        tuples(cols[P["partOf"]]),
        tuples(cols[P["drivenBy"]]),
        tuples(cols[P_SOURCE]),
        tuples(cols.get(P["quote"]), sort=lambda vs: tuple(sorted(vs))),
        values(RDFS_LABEL) if detail else [None] * len(order),
        strict=True,
    )
    start_ = first[P["startDate"]]
    kinds_of: dict[frozenset[str], tuple[tuple[str, ...], frozenset[str]]] = {}
    out = []
    for (
        node,
        d,
        sd,
        ed,
        hb,
        status,
        conf,
        strength,
        subst,
        exist,
        doms,
        parts,
        drivers,
        srcs,
        qs,
        lab,
    ) in fields:  # noqa: E501
        point = _date(d)
        start = _date(sd) or point
        end = _date(ed)
        if end is None and point is not None and node not in start_:
            end = point
        type_set = frozenset(nodes[node])
        kc = kinds_of.get(type_set)
        if kc is None:
            kc = kinds_of[type_set] = (
                tuple(schema.most_specific(type_set)),
                schema.bil_classes(type_set),
            )
        confidence = _float(conf)
        spans = [periods[s] for s in srcs if s in periods] if periods else None
        out.append(
            _record(
                iri=node,
                label=lab or local(node),
                kinds=kc[0],
                roles=roles_of.get(node) or {},
                others=_sorted(others[node]) if node in others else (),
                domains=doms,
                start=start,
                end=end,
                status=status,
                confidence=confidence if confidence is not None else 1.0,
                strength=_float(strength),
                substitutability=_float(subst),
                existential=exist in ("true", "1"),
                part_of=parts,
                driven_by=drivers,
                sources=srcs,
                quotes=qs,
                classes=kc[1],
                extra=_detail(node, first) if detail else {},
                weight_factor=1.0,
                issued=(min(p[0] for p in spans), max(p[1] for p in spans)) if spans else None,
                held_by=_date(hb),
            )
        )
    return out


def _single(cols: dict[str, Column], names: Sequence[str]) -> None:
    """The measures read one value of these properties: two (a strength of 0.25 and of
    1.0) would make the number depend on the order of the triples, so they are refused."""
    from bilateral.errors import InputError

    for name in names:
        groups = cols[P[name]].groups
        for node, values in (groups or {}).items():
            if len(set(values)) > 1:
                raise InputError(
                    f"{node}: {len(set(values))} values of bil:{name} (one is allowed; run "
                    "bilateral validate)"
                )


def _record(**values: object) -> Record:
    """A ``Record`` from every one of its field values, set in one step instead of the
    frozen dataclass's one ``object.__setattr__`` per field (a twentieth of the reading
    on a million triples); a test checks it equals the dataclass's own constructor."""
    rec = object.__new__(Record)
    object.__setattr__(rec, "__dict__", values)
    return rec
