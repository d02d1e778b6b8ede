"""The structural dependence index SDI(A on B): per domain, in total, per year.

Per domain d, from the actor projection (organisations rolled up to their state, the
two named actors kept as they are, negative statements left out):

* share      s = B's share of what flows to A in d: the relations A receives (B → A
               support, loans, leases, pledges, pressure, agreements and cooperation,
               and A's own dependency statements A → B), weighted by confidence; one
               term of Hirschman's concentration index H = Σ_p s_p² over A's partners.
               Events, actions and assessments are not flows;
* strength   D = the largest curated ``bil:strength`` × confidence of A's dependency
               statements on B in d;
* vulnerability V = 1 / (1 + N_alt), N_alt = 1 / Σ_{p≠B} (s_p / (1 - s))² the
               effective number of A's alternative partners (0 when there are none),
               following Keohane & Nye: fewer alternatives, more vulnerable;
               V = 0 when A has no tie with B in d.

SDI_d = (c_s·s + c_D·D + c_V·V) / (c_s + c_D + c_V), components weighted equally by
default. The total is the weighted mean over the *active* domains (those with any tie
or dependency between A and B in either direction); asymmetry = SDI(A on B) − SDI(B on A).
``docs/measures.md`` gives the formulas, references and a worked example.

>>> r = dependence("belarus", "russia")
>>> r.total > r.reverse_total
True
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bilateral.errors import InputError
from bilateral.graph.measures.project import Slice, project_records
from bilateral.graph.measures.records import Actor, Record
from bilateral.graph.measures.weights import COMPONENTS, read_weights, sensitivity, weighted

__all__ = [
    "COMPONENTS",
    "DependenceResult",
    "DomainScore",
    "dependence",
    "domain_scores",
    "read_weights",
]

#: Statement classes that count as flows (relations and agreements, not events).
FLOW_CLASSES = frozenset({"Agreement", "Relation", "Dependency", "Policy", "Disbursement"})


@dataclass
class DomainScore:
    """SDI of one actor on another in one domain, with its parts and evidence."""

    domain: str
    share: float
    strength: float
    vulnerability: float
    sdi: float
    hhi: float
    partners: dict[str, float] = field(default_factory=dict)
    tie_statements: list[str] = field(default_factory=list)
    dependency_statements: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class DependenceResult:
    """Everything ``bilateral dependence`` reports."""

    dependent: str
    provider: str
    dependent_label: str
    provider_label: str
    domains: list[DomainScore]
    reverse: list[DomainScore]
    active: list[str]
    weights: dict[str, float]
    components: dict[str, float]
    total: float
    reverse_total: float
    by_year: list[dict[str, Any]] = field(default_factory=list)
    sensitivity: list[dict[str, Any]] = field(default_factory=list)
    slice: dict[str, str | None] = field(default_factory=dict)

    @property
    def asymmetry(self) -> float:
        """SDI(A on B) − SDI(B on A)."""
        return self.total - self.reverse_total

    def table(self) -> list[dict[str, Any]]:
        """One row per active domain plus a total row."""
        rev = {d.domain: d for d in self.reverse}
        rows = []
        for d in self.domains:
            if d.domain not in self.active:
                continue
            r = rev[d.domain]
            rows.append(
                {
                    "domain": d.domain,
                    "weight": self.weights.get(d.domain, 1.0),
                    "share": round(d.share, 4),
                    "strength": round(d.strength, 4),
                    "vulnerability": round(d.vulnerability, 4),
                    "sdi": round(d.sdi, 4),
                    "reverse_sdi": round(r.sdi, 4),
                    "asymmetry": round(d.sdi - r.sdi, 4),
                    "statements": len(set(d.tie_statements)),
                }
            )
        rows.append(
            {
                "domain": "TOTAL",
                "weight": None,
                "share": None,
                "strength": None,
                "vulnerability": None,
                "sdi": round(self.total, 4),
                "reverse_sdi": round(self.reverse_total, 4),
                "asymmetry": round(self.asymmetry, 4),
                "statements": len({s for d in self.domains for s in d.tie_statements}),
            }
        )
        return rows

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with every component and the statement IRIs behind it."""
        out = asdict(self)
        out["asymmetry"] = self.asymmetry
        out["table"] = self.table()
        return out

    def to_json(self) -> str:
        """``to_dict`` as indented JSON."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False, default=str)


def domain_scores(
    recs: Iterable[Record],
    known: dict[str, Actor],
    a: str,
    b: str,
    all_domains: Sequence[str],
    *,
    when: Slice | None = None,
    components: dict[str, float] | None = None,
) -> list[DomainScore]:
    """SDI(a on b) for every domain in ``all_domains`` (see the module docstring)."""
    comp = dict.fromkeys(COMPONENTS, 1.0) | (components or {})
    if sum(comp.values()) <= 0:
        raise InputError("component weights must not all be zero")
    recs = list(recs)
    keep = {a, b}
    mapped_known = {
        iri: (actor if iri not in keep else Actor(iri, actor.label, actor.cls, None, actor.classes))
        for iri, actor in known.items()
    }
    G = project_records(recs, mapped_known, rollup=True, when=when)
    ties: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    tie_statements: dict[str, list[str]] = defaultdict(list)
    if a in G:
        for u, v, data in list(G.out_edges(a, data=True)) + list(G.in_edges(a, data=True)):
            partner = _inflow_partner(a, u, v, data)
            if partner is None:
                continue
            w = data["confidence"] * (data["weight"] / _base_weight(data))
            for d in data["domains"]:
                ties[d][partner] += w
                if partner == b:
                    tie_statements[d].append(data["statement"])
    deps: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def to(iri: str) -> str:
        actor = mapped_known.get(iri)
        return actor.country if actor and actor.country else iri

    for rec in recs:
        if "Dependency" not in rec.classes or rec.negative or rec.strength is None:
            continue
        if when is not None and not _in(rec, when):
            continue
        if any(to(x) == a for x in rec.roles.get("dependent", ())) and any(
            to(y) == b for y in rec.roles.get("provider", ())
        ):
            value = rec.strength * rec.confidence * rec.weight_factor
            for d in rec.domains:
                deps[d].append(
                    {
                        "statement": rec.iri,
                        "strength": rec.strength,
                        "confidence": rec.confidence,
                        "value": round(value, 6),
                    }
                )
    out = []
    for d in all_domains:
        partners = ties.get(d, {})
        total = sum(partners.values())
        shares = {p: w / total for p, w in partners.items()} if total else {}
        s = shares.get(b, 0.0)
        strength = max((x["value"] for x in deps.get(d, [])), default=0.0)
        alternatives = [v for p, v in shares.items() if p != b]
        if s <= 0 and strength <= 0:
            vuln = 0.0
        elif not alternatives or s >= 1.0:
            vuln = 1.0
        else:
            h_alt = sum((v / (1.0 - s)) ** 2 for v in alternatives)
            vuln = 1.0 / (1.0 + 1.0 / h_alt)
        sdi = (
            comp["share"] * s + comp["strength"] * strength + comp["vulnerability"] * vuln
        ) / sum(comp.values())
        out.append(
            DomainScore(
                domain=d,
                share=s,
                strength=strength,
                vulnerability=vuln,
                sdi=sdi,
                hhi=sum(v * v for v in shares.values()),
                partners={p: round(v, 6) for p, v in sorted(shares.items(), key=lambda kv: -kv[1])},
                tie_statements=sorted(set(tie_statements.get(d, []))),
                dependency_statements=sorted(deps.get(d, []), key=lambda x: -x["value"]),
            )
        )
    return out


def _inflow_partner(a: str, u: str, v: str, data: dict[str, Any]) -> str | None:
    """The partner an edge brings a flow to ``a`` from, or None if it is no inflow."""
    classes = set(data["classes"])
    if not classes & FLOW_CLASSES:
        return None
    if "Dependency" in classes:
        return v if u == a else None  # a depends on v
    return u if v == a else None  # u gives to / acts on a (undirected ties appear both ways)


def _base_weight(data: dict[str, Any]) -> float:
    base = (data["strength"] if data["strength"] is not None else 1.0) * data["confidence"]
    return base or 1.0


def _in(rec: Record, when: Slice) -> bool:
    from bilateral.graph.measures.project import in_slice

    return in_slice(rec, when)


def dependence(
    dependent: str,
    provider: str,
    g: object | None = None,
    *,
    as_of: object = None,
    start: object = None,
    end: object = None,
    from_year: int | None = None,
    to_year: int | None = None,
    weights: dict[str, float] | str | Path | None = None,
    components: dict[str, float] | None = None,
    data: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    weaken: dict[str, float] | None = None,
    active: Sequence[str] | None = None,
) -> DependenceResult:
    """SDI of ``dependent`` on ``provider`` (names, slugs or IRIs), per domain and year.

    ``weights`` is a dict of domain weights or a JSON/TOML file (see ``read_weights``).
    ``exclude`` and ``weaken`` drop or down-weight statements/actors (scenarios).
    ``active`` fixes the domains the total averages over (to compare two results on
    the same footing); by default, the domains with any evidence in either direction.
    """
    from rdflib import Graph

    from bilateral.graph.measures.records import read_all
    from bilateral.graph.source.load import load
    from bilateral.graph.source.resolve import resolve

    rdf = g if isinstance(g, Graph) else load(data)
    a, b = resolve(rdf, dependent), resolve(rdf, provider)
    if a == b:
        raise InputError("dependent and provider are the same entity")
    if isinstance(weights, (str, Path)):
        weights, file_components = read_weights(weights)
        components = components or file_components
    weights = dict(weights or {})
    scheme = _domains(rdf)
    unknown = set(weights) - set(scheme)
    if unknown:
        raise InputError(f"unknown domain {sorted(unknown)[0]!r}; use: {', '.join(scheme)}")
    all_recs, known = read_all(rdf, detail=False)
    excluded = set(exclude)
    recs = [r for r in all_recs if r.iri not in excluded]
    if excluded:
        recs = [_without(r, excluded) for r in recs]
    if weaken:
        recs = [r.weakened(weaken[r.iri]) if r.iri in weaken else r for r in recs]
    when = Slice.parse(as_of, start, end)
    fwd = domain_scores(recs, known, a, b, scheme, when=when, components=components)
    rev = domain_scores(recs, known, b, a, scheme, when=when, components=components)
    if active is None:
        active = [f.domain for f, r in zip(fwd, rev, strict=True) if f.sdi > 0 or r.sdi > 0]
    else:
        active = [d for d in scheme if d in set(active)]
    f_map = {s.domain: s.sdi for s in fwd}
    r_map = {s.domain: s.sdi for s in rev}
    result = DependenceResult(
        dependent=a,
        provider=b,
        dependent_label=known[a].label if a in known else a,
        provider_label=known[b].label if b in known else b,
        domains=fwd,
        reverse=rev,
        active=active,
        weights={d: weights.get(d, 1.0) for d in active},
        components=dict.fromkeys(COMPONENTS, 1.0) | (components or {}),
        total=weighted(f_map, active, weights),
        reverse_total=weighted(r_map, active, weights),
        slice={
            k: (v.isoformat() if v else None)
            for k, v in (("as_of", when.as_of), ("start", when.start), ("end", when.end))
        },
    )
    result.sensitivity = sensitivity(f_map, r_map, active, weights)
    result.by_year = _by_year(
        recs, known, a, b, scheme, active, weights, components, from_year, to_year
    )
    return result


def _without(rec: Record, excluded: set[str]) -> Record:
    from dataclasses import replace

    roles = {k: tuple(x for x in v if x not in excluded) for k, v in rec.roles.items()}
    return replace(rec, roles=roles) if roles != rec.roles else rec


def _domains(rdf: Any) -> list[str]:
    from rdflib import RDF, SKOS

    from bilateral.ontology.namespace import BIL

    names = {
        str(c).rsplit("#", 1)[-1]
        for c in rdf.subjects(SKOS.inScheme, BIL.Domains)
        if (c, RDF.type, SKOS.Concept) in rdf
    }
    return sorted(names)


def _by_year(
    recs: list[Record],
    known: dict[str, Actor],
    a: str,
    b: str,
    scheme: list[str],
    active: Sequence[str],
    weights: dict[str, float],
    components: dict[str, float] | None,
    from_year: int | None,
    to_year: int | None,
) -> list[dict[str, Any]]:
    years = sorted({r.start.year for r in recs if r.start is not None})
    if not years:
        return []
    lo = from_year if from_year is not None else years[0]
    hi = to_year if to_year is not None else years[-1]
    if lo > hi:
        raise InputError(f"--from {lo} is after --to {hi}")
    rows = []
    for year in range(lo, hi + 1):
        when = Slice(None, date(year, 1, 1), date(year, 12, 31), undated=False)
        fwd = domain_scores(recs, known, a, b, scheme, when=when, components=components)
        rev = domain_scores(recs, known, b, a, scheme, when=when, components=components)
        f_map = {s.domain: s.sdi for s in fwd}
        r_map = {s.domain: s.sdi for s in rev}
        row: dict[str, Any] = {"year": year}
        row.update({d: round(f_map[d], 4) for d in active})
        row["total"] = round(weighted(f_map, active, weights), 4)
        row["reverse_total"] = round(weighted(r_map, active, weights), 4)
        row["statements"] = len({s for x in fwd for s in x.tie_statements})
        rows.append(row)
    return rows
